//! Settings: an unknown key or an out-of-range value is refused at start-up, by name.

use crate::support::{Sandbox, s};

/// What a case describes, the settings file, extra environment, the name the error must give.
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

#[test]
fn a_bad_setting_is_refused_by_name_before_anything_is_written() {
    let sb = Sandbox::new();
    let cases: [Case; 6] = [
        (
            "unknown key in the file",
            "[security]\nlock_minuts = 5\n",
            &[],
            "lock_minuts",
        ),
        (
            "unknown section in the file",
            "[securty]\nlock_minutes = 5\n",
            &[],
            "securty",
        ),
        (
            "out of range in the file",
            "[security]\nlock_minutes = 0\n",
            &[],
            "security.lock_minutes",
        ),
        (
            "bad listen address in the file",
            "[server]\nlisten = \"nowhere\"\n",
            &[],
            "server.listen",
        ),
        (
            "out of range in the environment",
            "",
            &[("STRONGCITY_SECURITY__LOCK_MINUTES", "0")],
            "security.lock_minutes",
        ),
        (
            "unknown key in the environment",
            "",
            &[("STRONGCITY_SECURITY__LOCK_MINUTS", "5")],
            "lock_minuts",
        ),
    ];
    for (what, file, env, named) in cases {
        let config = sb.path("strongcity.toml");
        std::fs::write(&config, file).unwrap();
        let db = sb.path("demo.sqlite");
        let run = sb.run_env(&["--config", s(&config), "demo", "--db", s(&db)], env);
        let err = run.failure();
        assert!(
            err.contains(named),
            "{what}: the message names {named}: {err}"
        );
        assert!(!db.exists(), "{what}: no database was created");
    }
}

#[test]
fn a_good_setting_from_the_environment_is_accepted() {
    let sb = Sandbox::new();
    let db = sb.path("demo.sqlite");
    sb.run_env(
        &["migrate", "--create", "--db", s(&db)],
        &[("STRONGCITY_SECURITY__LOCK_MINUTES", "15")],
    )
    .success();
}

#[test]
fn config_example_prints_every_section() {
    let sb = Sandbox::new();
    let out = sb.run(&["config-example"]);
    let out = out.success();
    assert!(
        out.contains("[server]") && out.contains("[security]"),
        "{out}"
    );
    assert!(out.contains("lock_minutes = 10"), "{out}");
}
