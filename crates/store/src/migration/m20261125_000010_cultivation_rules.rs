//! Cultivation rule sets (versioned TOML bodies) and stored assessments (with the rule-set
//! version and a snapshot of their inputs, so each can be reproduced later).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates `cultivation_rule_set` and `cultivation_assessment`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000010_cultivation_rules"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("cultivation_rule_set")
                    .col(big_pk_auto("id"))
                    .col(string("code"))
                    .col(integer("revision"))
                    .col(string("tier"))
                    .col(string("version"))
                    .col(string("name"))
                    .col(date("effective_from"))
                    .col(date_null("effective_to"))
                    .col(text("body"))
                    .col(string("origin"))
                    .col(string("status"))
                    .col(big_integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cultivation_assessment")
                    .col(big_pk_auto("id"))
                    .col(string("uscc"))
                    .col(string("region_code"))
                    .col(string("tier"))
                    .col(integer("year"))
                    .col(big_integer("rule_set_id"))
                    .col(string("rule_set_code"))
                    .col(integer("rule_set_revision"))
                    .col(string("rule_version"))
                    .col(date("assessed_on"))
                    .col(text("inputs"))
                    .col(text("result"))
                    .col(string("verdict"))
                    .col(boolean("qualified"))
                    .col(integer("total"))
                    .col(big_integer("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        for (name, table, cols, unique) in [
            (
                "ux_cultivation_rule_set_revision",
                "cultivation_rule_set",
                &["code", "revision"][..],
                true,
            ),
            (
                "ix_cultivation_rule_set_tier",
                "cultivation_rule_set",
                &["tier", "effective_from"][..],
                false,
            ),
            (
                "ix_cultivation_assessment_uscc",
                "cultivation_assessment",
                &["uscc", "tier"][..],
                false,
            ),
            (
                "ix_cultivation_assessment_region",
                "cultivation_assessment",
                &["region_code"][..],
                false,
            ),
        ] {
            let mut i = Index::create();
            i.name(name).table(table);
            for c in cols {
                i.col(*c);
            }
            if unique {
                i.unique();
            }
            manager.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["cultivation_assessment", "cultivation_rule_set"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
