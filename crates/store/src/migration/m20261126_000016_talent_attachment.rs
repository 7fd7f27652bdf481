//! Evidence files of title applications (`talent_attachment`): the bytes kept in the database,
//! so one backup holds them and several instances serve them alike.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates `talent_attachment`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000016_talent_attachment"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("talent_attachment")
                    .col(big_pk_auto("id"))
                    .col(big_integer("application_id"))
                    .col(string("name"))
                    .col(string("content_type"))
                    .col(big_integer("size"))
                    .col(string("sha256"))
                    .col(blob("bytes"))
                    .col(big_integer_null("uploaded_by"))
                    .col(timestamp_with_time_zone("uploaded_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_talent_attachment_application")
                    .table("talent_attachment")
                    .col("application_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("talent_attachment").to_owned())
            .await
    }
}
