//! `strongcity demo`: a fresh demo database, refused over an existing one without `--force`.

use crate::support::{DEMO_PASSWORD, Sandbox, count, open, s};

#[tokio::test]
async fn demo_creates_a_database_and_prints_every_account() {
    let sb = Sandbox::new();
    let path = sb.path("demo.sqlite");
    let run = sb.run(&["demo", "--db", s(&path)]);
    let out = run.success();
    assert!(path.exists(), "the database file is there");
    assert!(
        out.contains(DEMO_PASSWORD),
        "the shared password is printed:\n{out}"
    );
    for (username, role) in [
        ("admin", "city_admin"),
        ("county.linqing", "county_admin"),
        ("chain", "chain_office"),
        ("specialist", "specialist"),
        ("enterprise", "enterprise"),
        ("hrbureau", "title_admin"),
        ("expert", "expert"),
        ("research", "research_team"),
        ("leader", "leader"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.split_whitespace().take(2).eq([username, role])),
            "account {username} ({role}) is printed:\n{out}"
        );
    }
    let app = open(&path).await;
    let printed = out
        .lines()
        .filter(|l| l.starts_with("  ") && !l.trim().is_empty())
        .count() as i64;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM app_user").await,
        printed,
        "one printed line per account in the database"
    );
}

#[tokio::test]
async fn demo_refuses_an_existing_file_without_force_and_recreates_it_with_force() {
    let sb = Sandbox::new();
    let path = sb.demo("demo.sqlite");
    sb.run(&[
        "user",
        "add",
        "--db",
        s(&path),
        "--username",
        "extra.user",
        "--password",
        "Extra#2026pass",
        "--role",
        "leader",
        "--region",
        "371500",
    ])
    .success();

    let err = sb.run(&["demo", "--db", s(&path)]);
    let err = err.failure();
    assert!(
        err.contains("exists") && err.contains("--force"),
        "names --force: {err}"
    );
    let app = open(&path).await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM app_user WHERE username = 'extra.user'"
        )
        .await,
        1,
        "the refused run left the database alone"
    );
    app.db().clone().close().await.unwrap();

    sb.run(&["demo", "--db", s(&path), "--force"]).success();
    let app = open(&path).await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM app_user WHERE username = 'extra.user'"
        )
        .await,
        0,
        "--force starts again from a fresh demo"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM app_user WHERE username = 'admin'"
        )
        .await,
        1
    );
}
