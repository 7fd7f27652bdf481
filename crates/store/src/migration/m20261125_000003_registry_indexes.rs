//! Indexes the registry's list pages need at a province's scale (measured in BENCHMARKS.md):
//! region with industry for the filtered list, and name with code for the list sorted by name.

use sea_orm_migration::prelude::*;

/// Adds the registry's list indexes.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000003_registry_indexes"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, cols) in [
            (
                "ix_enterprise_region_industry",
                ["region_code", "industry_code"],
            ),
            ("ix_enterprise_name", ["name", "uscc"]),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("enterprise")
                        .col(cols[0])
                        .col(cols[1])
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_enterprise_region_industry", "ix_enterprise_name"] {
            manager
                .drop_index(Index::drop().name(name).table("enterprise").to_owned())
                .await?;
        }
        Ok(())
    }
}
