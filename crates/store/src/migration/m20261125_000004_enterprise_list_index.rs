//! An index that answers the enterprise list by itself for its usual filters.
//!
//! The list filters by a county (or a place in it) and an industry section and sorts by code or
//! name. With county as an equality and the industry code as a range, the entries of one county
//! and section are adjacent; region, name and code in the index let the page's codes be chosen
//! and sorted without reading a single row (`store::enterprise::profile::list` then loads only
//! the page's rows).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000004_enterprise_list_index"
    }
}

const NAME: &str = "ix_enterprise_county_industry_list";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table("enterprise")
                    .col("county_code")
                    .col("industry_code")
                    .col("region_code")
                    .col("name")
                    .col("uscc")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table("enterprise").to_owned())
            .await
    }
}
