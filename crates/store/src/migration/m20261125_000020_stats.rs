//! Industrial statistics: indicator cards, monthly figures per enterprise and indicator,
//! enterprise group sets and targets.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the statistics tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000020_stats"
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("stats_indicator")
            .col(string("code").primary_key())
            .col(string("name_zh"))
            .col(string("name_en"))
            .col(string("unit_zh"))
            .col(string("unit_en"))
            .col(small_integer("decimals"))
            .col(boolean("money").default(false))
            .col(text("definition_zh").default(""))
            .col(text("definition_en").default(""))
            .col(string("lead_department").default(""))
            .col(string("frequency"))
            .col(string("owner").default(""))
            .col(boolean("higher_is_better").default(true))
            .col(boolean("negative_allowed").default(false))
            .col(big_integer_null("red_below_yoy"))
            .col(big_integer_null("orange_below_yoy"))
            .col(big_integer_null("min_reporting_pct"))
            .col(big_integer_null("max_abs_yoy"))
            .col(boolean("is_default").default(false))
            .col(integer("sort").default(0))
            .col(string("source"))
            .col(integer("revision").default(1))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        // One row per enterprise, indicator and month: the value in the indicator's smallest
        // step (分 for 万元). The key leads with the enterprise so an enterprise's figures
        // (what the in-memory aggregate re-reads when it catches up) are one range.
        Table::create()
            .table("stats_figure")
            .col(string("uscc"))
            .col(string("indicator"))
            .col(integer("year"))
            .col(small_integer("month"))
            .col(big_integer("value"))
            .col(timestamp_with_time_zone("updated_at"))
            .primary_key(
                Index::create()
                    .col("uscc")
                    .col("indicator")
                    .col("year")
                    .col("month"),
            )
            .to_owned(),
        Table::create()
            .table("stats_group_set")
            .col(string("code").primary_key())
            .col(string("name_zh"))
            .col(string("name_en"))
            .col(string("region_code"))
            // The groups as JSON: [{"code","name_zh","name_en","prefixes":[…]}].
            .col(text("groups"))
            .col(integer("sort").default(0))
            .col(string("source"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("stats_target")
            .col(big_pk_auto("id"))
            // `region` (key = region code) or `chain` (key = the chain's code).
            .col(string("kind"))
            .col(string("key"))
            .col(integer("year"))
            .col(string("indicator"))
            .col(big_integer("value"))
            .col(string("region_code"))
            .col(string("note").default(""))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_stats_figure_period")
                    .table("stats_figure")
                    .col("indicator")
                    .col("year")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_stats_target")
                    .table("stats_target")
                    .col("kind")
                    .col("key")
                    .col("year")
                    .col("indicator")
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The aggregate catches up from the audit log by entity type and id.
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_entity_type_id")
                    .table("audit_log")
                    .col("entity_type")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_audit_entity_type_id")
                    .table("audit_log")
                    .to_owned(),
            )
            .await?;
        for t in [
            "stats_target",
            "stats_group_set",
            "stats_figure",
            "stats_indicator",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
