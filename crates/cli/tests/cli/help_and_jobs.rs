//! `strongcity --help` for every command, and `strongcity jobs run-once`.

use crate::support::{Sandbox, s};

/// Every command, as the words after `strongcity`.
const COMMANDS: &[&[&str]] = &[
    &["serve"],
    &["demo"],
    &["migrate"],
    &["user"],
    &["user", "add"],
    &["user", "passwd"],
    &["user", "disable"],
    &["backup"],
    &["restore"],
    &["regions"],
    &["regions", "import"],
    &["calendar"],
    &["calendar", "import"],
    &["jobs"],
    &["jobs", "run-once"],
    &["config-example"],
];

/// Whether `text` reads as an English sentence fragment: mostly ASCII letters.
fn english(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let ascii = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    ascii >= 8 && ascii * 10 >= letters * 8
}

/// The `(name, description)` rows of one section (`Commands:` or `Options:`) of a help text.
fn rows<'a>(help: &'a str, section: &str) -> Vec<(&'a str, &'a str)> {
    help.lines()
        .skip_while(|l| *l != section)
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            let l = l.trim();
            match l.find("  ") {
                Some(i) => (&l[..i], l[i..].trim()),
                None => (l, ""),
            }
        })
        .collect()
}

#[test]
fn help_explains_every_command_in_english() {
    let sb = Sandbox::new();
    let top = sb.run(&["--help"]);
    let top = top.success();
    assert!(
        english(top.lines().next().unwrap()),
        "the first line says what this is: {top}"
    );
    assert!(
        top.contains("strongcity demo --db demo.sqlite"),
        "a quick start: {top}"
    );
    let listed = rows(top, "Commands:");
    for command in COMMANDS.iter().filter(|c| c.len() == 1) {
        let row = listed.iter().find(|(name, _)| *name == command[0]);
        let (_, about) = row.unwrap_or_else(|| panic!("--help lists {command:?}:\n{top}"));
        assert!(
            english(about),
            "{command:?} is explained in English: {about:?}"
        );
    }
    for command in COMMANDS {
        let mut args = command.to_vec();
        args.push("--help");
        let run = sb.run(&args);
        let help = run.success();
        let first = help.lines().next().unwrap_or("");
        assert!(
            english(first),
            "`{}` says what it does: {help}",
            args.join(" ")
        );
        let options = rows(help, "Options:");
        assert!(!options.is_empty(), "{args:?} lists options: {help}");
        for (name, about) in options {
            assert!(english(about), "{args:?} explains {name}: {about:?}");
        }
        for (name, about) in rows(help, "Arguments:") {
            assert!(english(about), "{args:?} explains {name}: {about:?}");
        }
        for (name, about) in rows(help, "Commands:") {
            assert!(
                english(about) || name == "help",
                "{args:?} explains {name}: {about:?}"
            );
        }
    }
}

#[test]
fn an_unknown_command_is_refused_with_usage() {
    let sb = Sandbox::new();
    let run = sb.run(&["serv"]);
    let err = run.failure();
    assert!(
        err.contains("unrecognized subcommand") && err.contains("serve"),
        "{err}"
    );
}

#[test]
fn jobs_run_once_prints_each_job() {
    let sb = Sandbox::new();
    let db = sb.demo("demo.sqlite");
    let out = sb.run(&["jobs", "run-once", "--db", s(&db)]);
    let out = out.success();
    for job in [
        "session_cleanup",
        "calendar_coverage",
        "outbox_backlog",
        "search_index",
        "cultivation_notices",
        "honor_expiry",
        "ticket_deadlines",
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(job))
            .unwrap_or_else(|| panic!("{job} is printed:\n{out}"));
        assert_eq!(line.split_whitespace().nth(1), Some("ok"), "{line}");
    }
    assert_eq!(out.lines().count(), 7, "one line per job:\n{out}");
}
