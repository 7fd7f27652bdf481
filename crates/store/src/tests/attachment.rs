//! The attachment store: owners are kept apart by kind, and the migration carries the talent
//! context's files over with their ids (and later files get new ones) on both engines.

use crate::attachment::{count, find, insert, list};
use crate::entity::attachment;
use crate::migration::m20261126_000050_attachment::Migration;
use crate::testing::on_each_backend;
use chrono::Utc;
use sea_orm::{ConnectionTrait, Set, TransactionTrait};
use sea_orm_migration::{MigrationTrait, SchemaManager};

fn row(kind: &str, owner: i64, name: &str) -> attachment::ActiveModel {
    attachment::ActiveModel {
        owner_kind: Set(kind.into()),
        owner_id: Set(owner),
        name: Set(name.into()),
        content_type: Set("application/pdf".into()),
        size: Set(8),
        sha256: Set("00".repeat(32)),
        bytes: Set(b"%PDF-1.4".to_vec()),
        uploaded_by: Set(None),
        uploaded_at: Set(Utc::now()),
        ..Default::default()
    }
}

#[tokio::test]
async fn files_are_found_only_under_their_owner_kind() {
    on_each_backend(|db| async move {
        let c = db.conn();
        let plan = insert(c, row("competition_project", 7, "计划书.pdf"))
            .await
            .unwrap();
        insert(c, row("competition_project", 7, "路演.pdf"))
            .await
            .unwrap();
        let other = insert(c, row("challenge_application", 7, "方案.pdf"))
            .await
            .unwrap();
        let names: Vec<String> = list(c, "competition_project", 7)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.1)
            .collect();
        assert_eq!(names, ["计划书.pdf", "路演.pdf"]);
        assert_eq!(count(c, "competition_project", 7).await.unwrap(), 2);
        assert_eq!(count(c, "challenge_application", 7).await.unwrap(), 1);
        assert_eq!(count(c, "competition_project", 8).await.unwrap(), 0);
        let found = find(c, "competition_project", plan.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.bytes, b"%PDF-1.4");
        // The same id asked for as another kind's file is not there.
        assert!(
            find(c, "competition_project", other.id)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            find(c, "talent_application", plan.id)
                .await
                .unwrap()
                .is_none()
        );
    })
    .await;
}

/// Runs the migration up or down in one transaction, as the migrator does.
async fn step(c: &sea_orm::DatabaseConnection, up: bool) {
    let tx = c.begin().await.unwrap();
    let manager = SchemaManager::new(&tx);
    if up {
        Migration.up(&manager).await.unwrap();
    } else {
        Migration.down(&manager).await.unwrap();
    }
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_migration_carries_talent_files_over_with_their_ids() {
    on_each_backend(|db| async move {
        let c = db.conn();
        step(c, false).await;
        // `%PDF-1.4` as a blob literal of each engine.
        let pdf = match c.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "decode('255044462D312E34', 'hex')",
            _ => "X'255044462D312E34'",
        };
        c.execute_unprepared(&format!(
            "INSERT INTO talent_attachment (id, application_id, name, content_type, size, sha256, \
             bytes, uploaded_by, uploaded_at) VALUES (41, 5, '证书.pdf', 'application/pdf', 8, \
             'ab', {pdf}, NULL, CURRENT_TIMESTAMP)"
        ))
        .await
        .unwrap();
        step(c, true).await;
        let kept = find(c, "talent_application", 41).await.unwrap().unwrap();
        assert_eq!((kept.owner_id, kept.name.as_str()), (5, "证书.pdf"));
        assert_eq!(kept.bytes, b"%PDF-1.4");
        // A file stored afterwards gets an id past the ones carried over.
        let next = insert(c, row("competition_project", 1, "新.pdf"))
            .await
            .unwrap();
        assert!(next.id > 41, "{}", next.id);
        // And down puts the talent file back where it was.
        step(c, false).await;
        let back = c
            .query_one_raw(sea_orm::Statement::from_string(
                c.get_database_backend(),
                "SELECT application_id FROM talent_attachment WHERE id = 41",
            ))
            .await
            .unwrap();
        assert!(back.is_some());
        step(c, true).await;
    })
    .await;
}
