//! One attachment store for every context (`attachment`): a file belongs to a record named
//! by `owner_kind` (`talent_application`, `competition_project`, `challenge_application`) and
//! `owner_id`. The evidence files of title applications (`talent_attachment`) are copied over
//! with their ids, so links to them keep working, and the old table is dropped. Down does the
//! reverse for the talent files (other kinds had no table before).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Creates `attachment` from `talent_attachment`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000050_attachment"
    }
}

/// The owner kind of the talent context's files.
const TALENT: &str = "talent_application";

/// After rows were copied with their ids, PostgreSQL's sequence must move past them (SQLite's
/// AUTOINCREMENT follows explicit ids by itself).
async fn bump_sequence(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            ))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("attachment")
                    .col(big_pk_auto("id"))
                    .col(string_len("owner_kind", 40))
                    .col(big_integer("owner_id"))
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
                    .name("ix_attachment_owner")
                    .table("attachment")
                    .col("owner_kind")
                    .col("owner_id")
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO attachment (id, owner_kind, owner_id, name, content_type, size, \
                 sha256, bytes, uploaded_by, uploaded_at) \
                 SELECT id, '{TALENT}', application_id, name, content_type, size, sha256, bytes, \
                 uploaded_by, uploaded_at FROM talent_attachment"
            ))
            .await?;
        bump_sequence(manager, "attachment").await?;
        manager
            .drop_table(Table::drop().table("talent_attachment").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The old table, exactly as its own migration made it.
        super::m20261126_000016_talent_attachment::Migration
            .up(manager)
            .await?;
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO talent_attachment (id, application_id, name, content_type, size, \
                 sha256, bytes, uploaded_by, uploaded_at) \
                 SELECT id, owner_id, name, content_type, size, sha256, bytes, uploaded_by, \
                 uploaded_at FROM attachment WHERE owner_kind = '{TALENT}'"
            ))
            .await?;
        bump_sequence(manager, "talent_attachment").await?;
        manager
            .drop_table(Table::drop().table("attachment").to_owned())
            .await
    }
}
