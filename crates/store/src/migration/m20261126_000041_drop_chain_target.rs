//! Retires `chain_target`: a chain's yearly output target is the statistics context's target
//! of kind `chain` keyed by the chain's code (`stats_target`), which the chain page sets.
//! Targets typed in before are carried over to `stats_target` (indicator `output`, fen =
//! its step, the chain's region), then the table is dropped.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Moves chain targets to `stats_target` and drops `chain_target`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000041_drop_chain_target"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Same statement on both engines: an INSERT … SELECT that skips targets already kept.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO stats_target (kind, \"key\", year, indicator, value, region_code, note, updated_at) \
                 SELECT 'chain', c.code, t.year, 'output', t.target_fen, c.region_code, '', CURRENT_TIMESTAMP \
                 FROM chain_target t JOIN chain c ON c.id = t.chain_id \
                 WHERE NOT EXISTS (SELECT 1 FROM stats_target s WHERE s.kind = 'chain' \
                 AND s.\"key\" = c.code AND s.year = t.year AND s.indicator = 'output')",
            )
            .await?;
        manager
            .drop_table(Table::drop().table("chain_target").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("chain_target")
                    .col(big_pk_auto("id"))
                    .col(big_integer("chain_id"))
                    .col(integer("year"))
                    .col(big_integer("target_fen"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_chain_target_year")
                    .table("chain_target")
                    .col("chain_id")
                    .col("year")
                    .unique()
                    .to_owned(),
            )
            .await
    }
}
