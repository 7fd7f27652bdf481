//! Enterprise service: specialists and their assignments to enterprises, visits, tickets and
//! the tickets' append-only event log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the service tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000013_service"
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("specialist")
            .col(big_pk_auto("id"))
            .col(string("name"))
            .col(string("region_code"))
            .col(big_integer_null("department_id"))
            .col(string("phone").default(""))
            .col(big_integer_null("user_id"))
            .col(boolean("retired").default(false))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("specialist_assignment")
            .col(big_pk_auto("id"))
            .col(big_integer("specialist_id"))
            .col(string("enterprise_uscc"))
            .col(date("started_on"))
            .col(date_null("ended_on"))
            .col(string("note").default(""))
            .to_owned(),
        Table::create()
            .table("visit")
            .col(big_pk_auto("id"))
            .col(string("enterprise_uscc"))
            .col(string("region_code"))
            .col(string("kind"))
            .col(date("visited_on"))
            .col(string("visitors"))
            .col(big_integer_null("support_money_fen"))
            .col(string("support_kind").default(""))
            .col(text("notes").default(""))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("ticket")
            .col(big_pk_auto("id"))
            .col(string("title"))
            .col(string("category"))
            .col(text("description"))
            .col(string("enterprise_uscc"))
            .col(string("region_code"))
            .col(string("source"))
            .col(big_integer_null("visit_id"))
            .col(big_integer_null("raised_by"))
            .col(big_integer_null("department_id"))
            .col(string("status"))
            .col(text("reply").default(""))
            .col(string("rule_version"))
            .col(timestamp_with_time_zone("received_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("ticket_event")
            .col(big_pk_auto("id"))
            .col(big_integer("ticket_id"))
            .col(string("action"))
            .col(big_integer_null("actor_id"))
            .col(string("actor_name").default(""))
            .col(big_integer_null("department_id"))
            .col(string_null("rating"))
            .col(small_integer_null("level"))
            .col(text("comment").default(""))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
    ]
}

const INDEXES: &[(&str, &str, &[&str])] = &[
    ("ix_specialist_user", "specialist", &["user_id"]),
    ("ix_specialist_region", "specialist", &["region_code"]),
    (
        "ix_assignment_specialist",
        "specialist_assignment",
        &["specialist_id"],
    ),
    (
        "ix_assignment_enterprise",
        "specialist_assignment",
        &["enterprise_uscc"],
    ),
    ("ix_visit_enterprise", "visit", &["enterprise_uscc"]),
    ("ix_visit_region", "visit", &["region_code", "visited_on"]),
    ("ix_ticket_region", "ticket", &["region_code"]),
    ("ix_ticket_enterprise", "ticket", &["enterprise_uscc"]),
    ("ix_ticket_status", "ticket", &["status"]),
    ("ix_ticket_department", "ticket", &["department_id"]),
    (
        "ix_ticket_event_ticket",
        "ticket_event",
        &["ticket_id", "id"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        for (name, table, cols) in INDEXES {
            let mut i = Index::create();
            i.name(*name).table(*table);
            for c in *cols {
                i.col(*c);
            }
            manager.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "ticket_event",
            "ticket",
            "visit",
            "specialist_assignment",
            "specialist",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
