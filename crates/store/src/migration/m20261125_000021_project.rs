//! Projects, investment and land: key projects with their yearly plans, monthly investment and
//! problems; investment-attraction projects (`investment_target`) with their report/review
//! log and the counties' yearly targets; approved-but-unsupplied land and its disposals;
//! low-efficiency land; support-fund payments; digital records. Money in fen, areas in
//! hundredths of a mu.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the project tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000021_project"
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("key_project")
            .col(big_pk_auto("id"))
            .col(string("name"))
            .col(string("level"))
            .col(string("region_code"))
            .col(string_null("enterprise_uscc"))
            .col(string("industry_code"))
            .col(big_integer_null("total_investment_fen"))
            .col(text("construction").default(""))
            .col(string("stage"))
            .col(date_null("started_on"))
            .col(date_null("completed_on"))
            .col(date_null("in_production_on"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("key_project_plan")
            .col(big_pk_auto("id"))
            .col(big_integer("project_id"))
            .col(integer("year"))
            .col(big_integer("planned_fen"))
            .to_owned(),
        Table::create()
            .table("key_project_progress")
            .col(big_pk_auto("id"))
            .col(big_integer("project_id"))
            .col(integer("year"))
            .col(integer("month"))
            .col(big_integer("invested_fen"))
            .col(timestamp_with_time_zone("recorded_at"))
            .to_owned(),
        Table::create()
            .table("key_project_problem")
            .col(big_pk_auto("id"))
            .col(big_integer("project_id"))
            .col(big_integer("ticket_id"))
            .col(string("title"))
            .col(big_integer_null("raised_by"))
            .col(timestamp_with_time_zone("raised_at"))
            .to_owned(),
        Table::create()
            .table("investment_target")
            .col(big_pk_auto("id"))
            .col(string("name"))
            .col(string("investor"))
            .col(string("region_code"))
            .col(string_null("enterprise_uscc"))
            .col(string_null("industry_code"))
            .col(string_null("chain_node"))
            .col(string_null("stage"))
            .col(string_null("pending_stage"))
            .col(big_integer("planned_fen"))
            .col(big_integer("in_place_fen").default(0))
            .col(date_null("signed_on"))
            .col(date_null("started_on"))
            .col(date_null("in_production_on"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("investment_target_event")
            .col(big_pk_auto("id"))
            .col(big_integer("target_id"))
            .col(string("action"))
            .col(string_null("to_stage"))
            .col(date_null("stage_on"))
            .col(big_integer_null("planned_fen"))
            .col(big_integer_null("in_place_fen"))
            .col(big_integer_null("actor_id"))
            .col(string("actor_name").default(""))
            .col(text("comment").default(""))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
        Table::create()
            .table("investment_county_target")
            .col(big_pk_auto("id"))
            .col(string("region_code"))
            .col(integer("year"))
            .col(big_integer("min_fen").default(0))
            .col(integer("signed_count"))
            .col(big_integer("planned_fen"))
            .col(big_integer("in_place_fen"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("unsupplied_land")
            .col(big_pk_auto("id"))
            .col(string("code"))
            .col(string("region_code"))
            .col(string("location"))
            .col(big_integer("approved_mu"))
            .col(date("approved_on"))
            .col(string("approval_document").default(""))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("land_disposal")
            .col(big_pk_auto("id"))
            .col(big_integer("parcel_id"))
            .col(string("region_code"))
            .col(big_integer("area_mu"))
            .col(string("method"))
            .col(date("disposed_on"))
            .col(string("note").default(""))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("inefficient_land")
            .col(big_pk_auto("id"))
            .col(string("code"))
            .col(string("region_code"))
            .col(string("location"))
            .col(string_null("enterprise_uscc"))
            .col(big_integer("area_mu"))
            .col(date("surveyed_on"))
            .col(date_null("entered_on"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("support_fund_payment")
            .col(big_pk_auto("id"))
            .col(string("programme"))
            .col(string("enterprise_uscc"))
            .col(string("region_code"))
            .col(big_integer("amount_fen"))
            .col(date("paid_on"))
            .col(string("document").default(""))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("digital_record")
            .col(big_pk_auto("id"))
            .col(string("kind"))
            .col(string("region_code"))
            .col(string_null("enterprise_uscc"))
            .col(integer("quantity"))
            .col(date("recorded_on"))
            .col(string("place").default(""))
            .col(string("source").default(""))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
    ]
}

/// (name, table, columns, unique).
const INDEXES: &[(&str, &str, &[&str], bool)] = &[
    (
        "ix_key_project_region",
        "key_project",
        &["region_code"],
        false,
    ),
    (
        "ix_key_project_enterprise",
        "key_project",
        &["enterprise_uscc"],
        false,
    ),
    (
        "ux_key_project_plan",
        "key_project_plan",
        &["project_id", "year"],
        true,
    ),
    (
        "ux_key_project_progress",
        "key_project_progress",
        &["project_id", "year", "month"],
        true,
    ),
    (
        "ix_key_project_problem",
        "key_project_problem",
        &["project_id"],
        false,
    ),
    (
        "ix_investment_target_region",
        "investment_target",
        &["region_code"],
        false,
    ),
    (
        "ix_investment_target_enterprise",
        "investment_target",
        &["enterprise_uscc"],
        false,
    ),
    (
        "ix_investment_target_event",
        "investment_target_event",
        &["target_id", "id"],
        false,
    ),
    (
        "ux_investment_county_target",
        "investment_county_target",
        &["region_code", "year"],
        true,
    ),
    (
        "ix_unsupplied_land_region",
        "unsupplied_land",
        &["region_code"],
        false,
    ),
    (
        "ix_land_disposal_parcel",
        "land_disposal",
        &["parcel_id"],
        false,
    ),
    (
        "ix_land_disposal_region",
        "land_disposal",
        &["region_code", "disposed_on"],
        false,
    ),
    (
        "ix_inefficient_land_region",
        "inefficient_land",
        &["region_code"],
        false,
    ),
    (
        "ix_support_fund_region",
        "support_fund_payment",
        &["region_code", "paid_on"],
        false,
    ),
    (
        "ix_support_fund_enterprise",
        "support_fund_payment",
        &["enterprise_uscc"],
        false,
    ),
    (
        "ix_digital_record_region",
        "digital_record",
        &["region_code", "kind"],
        false,
    ),
    // An enterprise goes on the cloud, or is certified, once: one record per kind. Base-station
    // batches have no enterprise, and NULLs never collide in either engine.
    (
        "ux_digital_record_enterprise",
        "digital_record",
        &["kind", "enterprise_uscc"],
        true,
    ),
];

const TABLES: &[&str] = &[
    "digital_record",
    "support_fund_payment",
    "inefficient_land",
    "land_disposal",
    "unsupplied_land",
    "investment_county_target",
    "investment_target_event",
    "investment_target",
    "key_project_problem",
    "key_project_progress",
    "key_project_plan",
    "key_project",
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
            for c in *cols {
                i.col(*c);
            }
            if *unique {
                i.unique();
            }
            manager.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            manager
                .drop_table(Table::drop().table(*t).to_owned())
                .await?;
        }
        Ok(())
    }
}
