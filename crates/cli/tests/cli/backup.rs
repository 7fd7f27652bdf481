//! `strongcity backup` under write load and `strongcity restore`.

use crate::support::{Sandbox, count, open, s};
use app::{Actor, RequestMeta};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// The department code of the `n`th record the writer commits.
fn code(n: u64) -> String {
    format!("LOAD-{n:06}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_write_load_holds_every_record_committed_before_it_started() {
    let sb = Sandbox::new();
    let live = sb.demo("live.sqlite");
    let app = open(&live).await;

    // One writer commits departments one after another through the use case (one write
    // transaction each, with its audit entry); `committed` counts those whose commit returned.
    let committed = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn({
        let (app, committed, stop) = (app.clone(), committed.clone(), stop.clone());
        async move {
            let actor = Actor::system("load");
            let meta = RequestMeta::cli("load");
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                app::org::upsert_department(
                    &app,
                    &actor,
                    &meta,
                    &code(n),
                    &format!("负载部门{n}"),
                    "371500",
                )
                .await
                .expect("write under load");
                n += 1;
                committed.store(n, Ordering::SeqCst);
            }
            n
        }
    });
    while committed.load(Ordering::SeqCst) < 50 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    let backup_file = sb.path("backup.sqlite");
    let before_backup = committed.load(Ordering::SeqCst);
    let run = tokio::task::spawn_blocking({
        let (sb_live, to) = (live.clone(), backup_file.clone());
        let sb_dir = sb.path(".");
        move || {
            crate::support::strongcity()
                .current_dir(sb_dir)
                .args(["backup", "--db", s(&sb_live), "--to", s(&to)])
                .output()
                .expect("run backup")
        }
    })
    .await
    .unwrap();
    let after_backup = committed.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(50)).await;
    stop.store(true, Ordering::SeqCst);
    let total = writer.await.unwrap();
    assert!(
        run.status.success(),
        "backup: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        after_backup > before_backup,
        "the writer kept committing while the backup ran ({before_backup} before, {after_backup} after)"
    );

    println!(
        "committed: {before_backup} before the backup, {after_backup} when it returned, {total} in all"
    );
    let restored = sb.path("restored.sqlite");
    let run = sb.run(&["restore", "--from", s(&backup_file), "--db", s(&restored)]);
    assert!(run.success().contains("restored from"), "{}", run.stdout);

    let copy = open(&restored).await;
    assert!(
        copy.db().sqlite_integrity_ok().await.unwrap(),
        "integrity_check says ok"
    );
    let in_copy = count(
        &copy,
        "SELECT COUNT(*) FROM department WHERE code LIKE 'LOAD-%'",
    )
    .await as u64;
    assert!(
        in_copy >= before_backup,
        "every record committed before the backup started is restored ({in_copy} of {before_backup})"
    );
    assert!(
        in_copy <= total,
        "nothing the writer did not commit ({in_copy} > {total})"
    );
    let last = code(in_copy - 1);
    assert_eq!(
        count(
            &copy,
            &format!(
                "SELECT COUNT(*) FROM department WHERE code LIKE 'LOAD-%' AND code <= '{last}'"
            )
        )
        .await as u64,
        in_copy,
        "the copy is one moment of the database: the first {in_copy} records, no gaps"
    );
    assert_eq!(
        count(&copy, "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'department' AND entity_id LIKE 'LOAD-%'").await as u64,
        in_copy,
        "each restored record has its audit entry, written in the same transaction"
    );
    assert_eq!(
        count(
            &copy,
            "SELECT COUNT(*) FROM app_user WHERE username = 'admin'"
        )
        .await,
        1,
        "the rest of the database came along"
    );
}

#[tokio::test]
async fn restore_refuses_to_overwrite_an_existing_database_without_force() {
    let sb = Sandbox::new();
    let live = sb.demo("live.sqlite");
    let backup_file = sb.path("backup.sqlite");
    sb.run(&["backup", "--db", s(&live), "--to", s(&backup_file)])
        .success();
    sb.run(&[
        "user",
        "add",
        "--db",
        s(&live),
        "--username",
        "after.backup",
        "--password",
        "After#Backup2026",
        "--role",
        "leader",
    ])
    .success();

    let run = sb.run(&["restore", "--from", s(&backup_file), "--db", s(&live)]);
    let err = run.failure();
    assert!(err.contains("exists") && err.contains("--force"), "{err}");
    let app = open(&live).await;
    let later_user = "SELECT COUNT(*) FROM app_user WHERE username = 'after.backup'";
    assert_eq!(
        count(&app, later_user).await,
        1,
        "the live database was left alone"
    );
    app.db().clone().close().await.unwrap();

    sb.run(&[
        "restore",
        "--from",
        s(&backup_file),
        "--db",
        s(&live),
        "--force",
    ])
    .success();
    let app = open(&live).await;
    assert_eq!(
        count(&app, later_user).await,
        0,
        "--force put the backup in its place"
    );
}

#[test]
fn backup_refuses_an_existing_target_and_restore_a_file_that_is_not_a_database() {
    let sb = Sandbox::new();
    let live = sb.demo("live.sqlite");
    let target = sb.path("taken.sqlite");
    std::fs::write(&target, "keep me").unwrap();
    let run = sb.run(&["backup", "--db", s(&live), "--to", s(&target)]);
    assert!(run.failure().contains("exists already"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "keep me",
        "the file is untouched"
    );

    let run = sb.run(&[
        "backup",
        "--db",
        s(&sb.path("typo.sqlite")),
        "--to",
        s(&sb.path("b.sqlite")),
    ]);
    assert!(
        run.failure().contains("no database file at"),
        "{}",
        run.stderr
    );
    assert!(!sb.path("typo.sqlite").exists() && !sb.path("b.sqlite").exists());

    let junk = sb.path("junk.sqlite");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    let fresh = sb.path("fresh.sqlite");
    let run = sb.run(&["restore", "--from", s(&junk), "--db", s(&fresh)]);
    run.failure();
    assert!(!fresh.exists(), "nothing restored from junk");
    let run = sb.run(&[
        "restore",
        "--from",
        s(&sb.path("nothing.sqlite")),
        "--db",
        s(&fresh),
    ]);
    assert!(run.failure().contains("no backup at"), "{}", run.stderr);
}
