//! Public notices (公示) and the objections lodged against them: a capability other contexts
//! (cultivation, titles) open notices through.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates `public_notice` and `notice_objection`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000011_public_notice"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("public_notice")
                    .col(big_pk_auto("id"))
                    .col(string("subject_kind"))
                    .col(big_integer("subject_id"))
                    .col(string("region_code"))
                    .col(string("title"))
                    .col(text("body"))
                    .col(text("items").default("[]"))
                    .col(integer("working_days"))
                    .col(date("start_date"))
                    .col(date("end_date"))
                    .col(string("status").default("open"))
                    .col(big_integer_null("opened_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notice_objection")
                    .col(big_pk_auto("id"))
                    .col(big_integer("notice_id"))
                    .col(string("name"))
                    .col(string("contact"))
                    .col(text("content"))
                    .col(string("client_addr").default(""))
                    .col(string("status").default("pending"))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(text("decision_reason").default(""))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        for (name, table, cols) in [
            (
                "ix_notice_subject",
                "public_notice",
                &["subject_kind", "subject_id"][..],
            ),
            ("ix_notice_end", "public_notice", &["end_date"][..]),
            (
                "ix_objection_notice",
                "notice_objection",
                &["notice_id"][..],
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
        for t in ["notice_objection", "public_notice"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
