//! Cultivation pools (培育库), campaigns (批次), applications (申报) and their event log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the pool, campaign, application and event tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000012_cultivation_workflow"
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("cultivation_pool_entry")
            .col(big_pk_auto("id"))
            .col(string("uscc"))
            .col(string("region_code"))
            .col(string("track"))
            .col(integer("year"))
            .col(string("list").default("pool"))
            .col(string("status").default("in"))
            .col(text("entry_reason").default(""))
            .col(text("exit_reason").default(""))
            .col(date("entered_on"))
            .col(date_null("exited_on"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("cultivation_campaign")
            .col(big_pk_auto("id"))
            .col(string("track"))
            .col(integer("year"))
            .col(string("name"))
            .col(string("region_code"))
            .col(date("opens_on"))
            .col(date("closes_on"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("cultivation_application")
            .col(big_pk_auto("id"))
            .col(big_integer_null("campaign_id"))
            .col(string("uscc"))
            .col(string("region_code"))
            .col(string("track"))
            .col(integer("year"))
            .col(string("kind").default("new"))
            .col(string("state").default("draft"))
            .col(big_integer_null("assessment_id"))
            .col(big_integer_null("renews_honor_id"))
            .col(big_integer_null("honor_id"))
            .col(text("evidence").default(""))
            .col(boolean("pledge_truthful").default(false))
            .col(boolean("pledge_compliant").default(false))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("cultivation_event")
            .col(big_pk_auto("id"))
            .col(big_integer("application_id"))
            .col(string("action"))
            .col(string("role"))
            .col(string("from_state"))
            .col(string("to_state"))
            .col(big_integer_null("actor_id"))
            .col(string("actor_name"))
            .col(text("comment").default(""))
            .col(date("on_date"))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        for (name, table, cols) in [
            (
                "ix_pool_region",
                "cultivation_pool_entry",
                &["region_code", "track", "year"][..],
            ),
            ("ix_pool_uscc", "cultivation_pool_entry", &["uscc"][..]),
            (
                "ix_campaign_year",
                "cultivation_campaign",
                &["year", "track"][..],
            ),
            (
                "ix_application_region",
                "cultivation_application",
                &["region_code", "track", "year"][..],
            ),
            (
                "ix_application_uscc",
                "cultivation_application",
                &["uscc"][..],
            ),
            (
                "ix_event_application",
                "cultivation_event",
                &["application_id"][..],
            ),
        ] {
            let mut i = Index::create();
            i.name(name).table(table);
            for c in cols {
                i.col(*c);
            }
            manager.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "cultivation_event",
            "cultivation_application",
            "cultivation_campaign",
            "cultivation_pool_entry",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
