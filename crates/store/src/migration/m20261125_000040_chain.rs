//! Industry chains: the chain with its leaders and plan, the map (nodes and the enterprises
//! attached to them), parks, investment targets with their stage log, leaders' patrols with
//! the enterprises visited and the tickets raised, and the yearly output targets.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the chain tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000040_chain"
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("chain")
            .col(big_pk_auto("id"))
            .col(string_uniq("code"))
            .col(string("name"))
            .col(string("region_code"))
            .col(string("industry").default(""))
            .col(big_integer_null("lead_department_id"))
            .col(text("working_group").default(""))
            .col(string("plan_title").default(""))
            .col(text("plan_text").default(""))
            .col(timestamp_with_time_zone_null("plan_updated_at"))
            .col(string("status").default("active"))
            .col(string("status_reason").default(""))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("chain_leader")
            .col(big_pk_auto("id"))
            .col(big_integer("chain_id"))
            .col(string("role"))
            .col(big_integer_null("user_id"))
            .col(string("name"))
            .col(string("post").default(""))
            .col(integer("position").default(0))
            .to_owned(),
        Table::create()
            .table("chain_node")
            .col(big_pk_auto("id"))
            .col(big_integer("chain_id"))
            .col(big_integer_null("parent_id"))
            .col(string("segment"))
            .col(string("kind"))
            .col(string("name"))
            .col(integer("position").default(0))
            .col(text("note").default(""))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("chain_node_enterprise")
            .col(big_pk_auto("id"))
            .col(big_integer("chain_id"))
            .col(big_integer("node_id"))
            .col(string("enterprise_uscc"))
            .col(string("role"))
            .col(string("note").default(""))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("chain_park")
            .col(big_pk_auto("id"))
            .col(string("name"))
            .col(string("region_code"))
            .col(string("focus").default(""))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("chain_park_enterprise")
            .col(big_pk_auto("id"))
            .col(big_integer("park_id"))
            .col(string("enterprise_uscc"))
            .to_owned(),
        Table::create()
            .table("chain_investment_target")
            .col(big_pk_auto("id"))
            .col(big_integer("chain_id"))
            .col(big_integer("node_id"))
            .col(string("gap_kind"))
            .col(string("target_enterprise"))
            .col(string("place").default(""))
            .col(string("stage"))
            .col(string("owner"))
            .col(big_integer_null("planned_fen"))
            .col(big_integer_null("in_place_fen"))
            .col(big_integer_null("investment_project_id"))
            .col(text("note").default(""))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("chain_investment_event")
            .col(big_pk_auto("id"))
            .col(big_integer("target_id"))
            .col(string("action"))
            .col(string_null("from_stage"))
            .col(string("to_stage"))
            .col(big_integer_null("actor_id"))
            .col(string("actor_name").default(""))
            .col(text("comment").default(""))
            .col(date("happened_on"))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
        Table::create()
            .table("chain_patrol")
            .col(big_pk_auto("id"))
            .col(big_integer("chain_id"))
            .col(string("region_code"))
            .col(string("kind"))
            .col(date("patrolled_on"))
            .col(string("led_by"))
            .col(text("participants").default(""))
            .col(text("findings").default(""))
            .col(text("follow_up").default(""))
            .col(date_null("follow_up_on"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("chain_patrol_enterprise")
            .col(big_pk_auto("id"))
            .col(big_integer("patrol_id"))
            .col(string("enterprise_uscc"))
            .to_owned(),
        Table::create()
            .table("chain_patrol_ticket")
            .col(big_pk_auto("id"))
            .col(big_integer("patrol_id"))
            .col(big_integer("chain_id"))
            .col(big_integer("ticket_id"))
            .to_owned(),
        Table::create()
            .table("chain_target")
            .col(big_pk_auto("id"))
            .col(big_integer("chain_id"))
            .col(integer("year"))
            .col(big_integer("target_fen"))
            .to_owned(),
    ]
}

/// (name, table, columns, unique).
const INDEXES: &[(&str, &str, &[&str], bool)] = &[
    ("ix_chain_region", "chain", &["region_code"], false),
    (
        "ix_chain_leader_chain",
        "chain_leader",
        &["chain_id"],
        false,
    ),
    (
        "ix_chain_node_chain",
        "chain_node",
        &["chain_id", "parent_id"],
        false,
    ),
    (
        "ux_chain_node_enterprise",
        "chain_node_enterprise",
        &["node_id", "enterprise_uscc"],
        true,
    ),
    (
        "ix_chain_node_enterprise_chain",
        "chain_node_enterprise",
        &["chain_id", "enterprise_uscc"],
        false,
    ),
    (
        "ix_chain_node_enterprise_uscc",
        "chain_node_enterprise",
        &["enterprise_uscc"],
        false,
    ),
    (
        "ux_chain_park_name",
        "chain_park",
        &["region_code", "name"],
        true,
    ),
    (
        "ux_chain_park_enterprise",
        "chain_park_enterprise",
        &["park_id", "enterprise_uscc"],
        true,
    ),
    (
        "ix_chain_park_enterprise_uscc",
        "chain_park_enterprise",
        &["enterprise_uscc"],
        false,
    ),
    (
        "ix_chain_investment_chain",
        "chain_investment_target",
        &["chain_id", "node_id"],
        false,
    ),
    (
        "ix_chain_investment_event_target",
        "chain_investment_event",
        &["target_id", "id"],
        false,
    ),
    (
        "ix_chain_patrol_chain",
        "chain_patrol",
        &["chain_id", "patrolled_on"],
        false,
    ),
    (
        "ix_chain_patrol_enterprise_patrol",
        "chain_patrol_enterprise",
        &["patrol_id"],
        false,
    ),
    (
        "ux_chain_patrol_ticket",
        "chain_patrol_ticket",
        &["ticket_id"],
        true,
    ),
    (
        "ix_chain_patrol_ticket_chain",
        "chain_patrol_ticket",
        &["chain_id", "patrol_id"],
        false,
    ),
    (
        "ux_chain_target_year",
        "chain_target",
        &["chain_id", "year"],
        true,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        for (name, table, cols, unique) in INDEXES {
            let mut i = Index::create();
            i.name(*name).table(*table);
            if *unique {
                i.unique();
            }
            for c in *cols {
                i.col(*c);
            }
            manager.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "chain_target",
            "chain_patrol_ticket",
            "chain_patrol_enterprise",
            "chain_patrol",
            "chain_investment_event",
            "chain_investment_target",
            "chain_park_enterprise",
            "chain_park",
            "chain_node_enterprise",
            "chain_node",
            "chain_leader",
            "chain",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
