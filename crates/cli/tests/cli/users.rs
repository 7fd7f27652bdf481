//! `strongcity user add|passwd|disable`.

use crate::support::{DEMO_PASSWORD, Sandbox, count, login, open, s};
use app::{Actor, AppError, PageRequest};
use policy::enterprise::Uscc;

/// The demo enterprise the `enterprise` demo account is bound to.
const FOUNDRY_BODY: &str = "91371581MA3C0F001";

#[tokio::test]
async fn user_add_creates_a_user_who_signs_in_without_a_forced_change_and_the_audit_log_says_so() {
    let sb = Sandbox::new();
    let db = sb.demo("demo.sqlite");
    let uscc = Uscc::with_check(FOUNDRY_BODY).unwrap().to_string();
    let out = sb.run(&[
        "user",
        "add",
        "--db",
        s(&db),
        "--username",
        "foundry.clerk",
        "--password",
        "Foundry#2026ok",
        "--role",
        "enterprise",
        "--region",
        "371581",
        "--enterprise",
        &uscc,
        "--display-name",
        "铸造公司填报员",
    ]);
    let out = out.success();
    assert!(
        out.contains("user foundry.clerk created") && out.contains("role enterprise"),
        "{out}"
    );

    let app = open(&db).await;
    let signed_in = login(&app, "foundry.clerk", "Foundry#2026ok")
        .await
        .unwrap();
    assert!(
        !signed_in.actor.must_change_password,
        "no forced change at first login"
    );
    assert_eq!(
        signed_in.actor.enterprise.as_ref().map(|e| e.to_string()),
        Some(uscc.clone())
    );

    let query = app::audit::AuditSearch {
        entity_type: Some("user".into()),
        action: Some("user.create".into()),
        entity_id: Some(signed_in.actor.user_id.to_string()),
        ..Default::default()
    };
    let entries = app::audit::search_audit(
        &app,
        &Actor::system("test"),
        &query,
        PageRequest::new(10, None),
    )
    .await
    .unwrap()
    .items;
    assert_eq!(entries.len(), 1, "one audit entry for the creation");
    let entry = &entries[0];
    assert_eq!(entry.actor_name, "system:cli");
    let change = |field: &str| {
        entry
            .changes
            .iter()
            .find(|c| c.field == field)
            .unwrap_or_else(|| panic!("the diff has {field}: {:?}", entry.changes))
            .after
            .clone()
    };
    assert_eq!(change("must_change_password"), serde_json::json!(false));
    assert_eq!(change("role"), serde_json::json!("enterprise"));
    assert_eq!(change("enterprise_uscc"), serde_json::json!(uscc));
    assert!(
        !format!("{:?}", entry.changes).contains("Foundry#2026ok"),
        "the password is never in the audit log"
    );
}

#[tokio::test]
async fn user_add_refuses_bad_input_with_a_clear_message_and_writes_nothing() {
    let sb = Sandbox::new();
    let db = sb.demo("demo.sqlite");
    let good = Uscc::with_check(FOUNDRY_BODY).unwrap().to_string();
    let expected = good.chars().last().unwrap();
    let wrong_check = if expected == '0' { '1' } else { '0' };
    let bad_uscc = format!("{FOUNDRY_BODY}{wrong_check}");
    let should_be = format!("it should be {expected}");
    let cases: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        (
            "a short password",
            vec!["--password", "Ab1!x", "--role", "leader"],
            vec!["password: A password has at least 10 characters"],
        ),
        (
            "a password of one character class",
            vec!["--password", "abcdefghijkl", "--role", "leader"],
            vec!["password: A password needs at least 3 of"],
        ),
        (
            "an unknown role",
            vec!["--password", "Good#Pass2026", "--role", "mayor"],
            vec!["role: No role mayor"],
        ),
        (
            "a region code of the wrong shape",
            vec![
                "--password",
                "Good#Pass2026",
                "--role",
                "leader",
                "--region",
                "3715",
            ],
            vec!["region: A region code is 6 or 9 digits"],
        ),
        (
            "a region that does not exist",
            vec![
                "--password",
                "Good#Pass2026",
                "--role",
                "leader",
                "--region",
                "379999",
            ],
            vec!["region: No region 379999"],
        ),
        (
            "a credit code with the wrong check character",
            vec![
                "--password",
                "Good#Pass2026",
                "--role",
                "enterprise",
                "--region",
                "371581",
                "--enterprise",
                &bad_uscc,
            ],
            vec!["enterprise: Wrong check character", &should_be],
        ),
        (
            "an enterprise user without a credit code",
            vec![
                "--password",
                "Good#Pass2026",
                "--role",
                "enterprise",
                "--region",
                "371581",
            ],
            vec!["enterprise: An enterprise user needs the enterprise's credit code"],
        ),
        (
            "every problem at once",
            vec!["--password", "short", "--role", "mayor", "--region", "12"],
            vec!["password:", "role:", "region:"],
        ),
    ];
    let app = open(&db).await;
    let users = count(&app, "SELECT COUNT(*) FROM app_user").await;
    let audit = count(&app, "SELECT COUNT(*) FROM audit_log").await;
    for (what, extra, messages) in cases {
        let mut args = vec!["user", "add", "--db", s(&db), "--username", "new.user"];
        args.extend(extra);
        let run = sb.run(&args);
        let err = run.failure();
        assert!(err.contains("nothing was written"), "{what}: {err}");
        for m in messages {
            assert!(err.contains(m), "{what}: the message says {m:?}: {err}");
        }
    }
    let run = sb.run(&[
        "user",
        "add",
        "--db",
        s(&db),
        "--username",
        "admin",
        "--password",
        "Good#Pass2026",
        "--role",
        "leader",
    ]);
    assert!(
        run.failure().contains("username: That user name is taken"),
        "a taken name: {}",
        run.stderr
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM app_user").await,
        users,
        "no user was written"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log").await,
        audit,
        "no audit entry was written"
    );
}

#[tokio::test]
async fn user_passwd_sets_a_new_password_forcing_a_change_unless_kept() {
    let sb = Sandbox::new();
    let db = sb.demo("demo.sqlite");
    let out = sb.run(&[
        "user",
        "passwd",
        "--db",
        s(&db),
        "--username",
        "county.yanggu",
        "--password",
        "Yanggu#New2026",
    ]);
    assert!(
        out.success().contains("must be changed at next login"),
        "{}",
        out.stdout
    );
    let app = open(&db).await;
    assert!(
        matches!(
            login(&app, "county.yanggu", DEMO_PASSWORD).await,
            Err(AppError::InvalidCredentials)
        ),
        "the old password no longer works"
    );
    let forced = login(&app, "county.yanggu", "Yanggu#New2026")
        .await
        .unwrap();
    assert!(
        forced.actor.must_change_password,
        "a reset password must be changed"
    );

    sb.run(&[
        "user",
        "passwd",
        "--db",
        s(&db),
        "--username",
        "county.yanggu",
        "--password",
        "Yanggu#Kept2026",
        "--keep",
    ])
    .success();
    let kept = login(&app, "county.yanggu", "Yanggu#Kept2026")
        .await
        .unwrap();
    assert!(
        !kept.actor.must_change_password,
        "--keep does not force a change"
    );

    for (what, args, message) in [
        (
            "a weak password",
            ["--username", "county.yanggu", "--password", "weak"],
            "password: A password has at least",
        ),
        (
            "an unknown user",
            ["--username", "nobody.here", "--password", "Good#Pass2026"],
            "no user named 'nobody.here'",
        ),
    ] {
        let mut all = vec!["user", "passwd", "--db", s(&db)];
        all.extend(args);
        let run = sb.run(&all);
        assert!(run.failure().contains(message), "{what}: {}", run.stderr);
    }
    assert!(
        login(&app, "county.yanggu", "Yanggu#Kept2026")
            .await
            .is_ok(),
        "refused runs changed nothing"
    );
}

#[tokio::test]
async fn user_disable_locks_the_user_out_and_enable_lets_them_back_in() {
    let sb = Sandbox::new();
    let db = sb.demo("demo.sqlite");
    let app = open(&db).await;
    login(&app, "leader", DEMO_PASSWORD).await.unwrap();
    let sessions = "SELECT COUNT(*) FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'leader'";
    assert_eq!(count(&app, sessions).await, 1);

    let out = sb.run(&[
        "user",
        "disable",
        "--db",
        s(&db),
        "--username",
        "leader",
        "--reason",
        "left the office",
    ]);
    assert!(out.success().contains("leader disabled"), "{}", out.stdout);
    assert_eq!(count(&app, sessions).await, 0, "their sessions ended");
    assert!(matches!(
        login(&app, "leader", DEMO_PASSWORD).await,
        Err(AppError::AccountDisabled)
    ));

    let run = sb.run(&[
        "user",
        "disable",
        "--db",
        s(&db),
        "--username",
        "leader",
        "--reason",
        " ",
    ]);
    assert!(
        run.failure().contains("reason: Give a reason"),
        "{}",
        run.stderr
    );

    sb.run(&[
        "user",
        "disable",
        "--db",
        s(&db),
        "--username",
        "leader",
        "--reason",
        "back",
        "--enable",
    ])
    .success();
    assert!(
        login(&app, "leader", DEMO_PASSWORD).await.is_ok(),
        "enabled again"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'user' AND action IN ('user.disable', 'user.enable')").await,
        2,
        "both changes are in the audit log"
    );
}
