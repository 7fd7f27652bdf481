//! `strongcity serve`: refuses a missing file or an unknown URL scheme; serves on the port it
//! reports.

use crate::support::{DEMO_PASSWORD, Sandbox, s, sqlite_files, strongcity};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};

#[test]
fn serve_refuses_a_db_path_that_does_not_exist_and_creates_no_file() {
    let sb = Sandbox::new();
    let path = sb.path("typo.sqlite");
    let run = sb.run(&["serve", "--db", s(&path), "--listen", "127.0.0.1:0"]);
    let err = run.failure();
    assert!(
        err.contains("no database file at") && err.contains("typo.sqlite"),
        "says which file is missing: {err}"
    );
    assert!(
        err.contains("strongcity demo --db"),
        "says how to create one: {err}"
    );
    for f in sqlite_files(&path) {
        assert!(!f.exists(), "{} was not created", f.display());
    }
}

#[test]
fn an_unknown_database_url_scheme_is_refused() {
    let sb = Sandbox::new();
    for (what, args) in [
        (
            "serve with mysql",
            vec!["serve", "--database-url", "mysql://root@localhost/sc"],
        ),
        (
            "demo with a typo",
            vec!["demo", "--database-url", "postgress://u@h/db"],
        ),
        (
            "migrate with a bare path",
            vec!["migrate", "--database-url", "demo.sqlite"],
        ),
    ] {
        let run = sb.run(&args);
        let err = run.failure();
        assert!(
            err.contains("unsupported database URL scheme"),
            "{what}: refused with a clear message: {err}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(sb.path(".")).unwrap().collect();
    assert!(left.is_empty(), "no file was created: {left:?}");
}

#[test]
fn db_wins_over_a_database_url_left_in_the_environment() {
    let sb = Sandbox::new();
    let path = sb.demo("demo.sqlite");
    let run = sb.run_env(
        &["jobs", "run-once", "--db", s(&path)],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
    );
    run.success();
    let run = sb.run_env(
        &["jobs", "run-once"],
        &[("DATABASE_URL", &format!("sqlite://{}", s(&path)))],
    );
    run.success();
}

/// The server as a child process, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(sb: &Sandbox, db: &std::path::Path) -> Server {
    let mut child = strongcity()
        .current_dir(sb.path("."))
        .args(["serve", "--db", s(db), "--listen", "127.0.0.1:0"])
        .env("STRONGCITY_SERVER__JOBS_INTERVAL_SECONDS", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("strongcity listening on http://")
        .and_then(|a| a.strip_suffix('/'))
        .unwrap_or_else(|| panic!("the first line names the address: {line:?}"))
        .to_string();
    Server { child, addr }
}

/// One HTTP/1.1 exchange; returns the status and the body.
fn http(addr: &str, method: &str, path: &str, json: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let body = json.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    (status, body.to_string())
}

#[test]
fn serve_answers_on_the_port_it_reports_and_signs_in_a_user_added_on_the_command_line() {
    let sb = Sandbox::new();
    let db = sb.demo("demo.sqlite");
    sb.run(&[
        "user",
        "add",
        "--db",
        s(&db),
        "--username",
        "cli.made",
        "--password",
        "Cli#Made2026x",
        "--role",
        "county_admin",
        "--region",
        "371526",
    ])
    .success();
    let server = start(&sb, &db);
    assert_eq!(http(&server.addr, "GET", "/healthz", None).0, 200);
    assert_eq!(http(&server.addr, "GET", "/readyz", None).0, 200);

    let (status, body) = http(
        &server.addr,
        "POST",
        "/api/v1/session",
        Some(r#"{"username":"cli.made","password":"Cli#Made2026x"}"#),
    );
    assert_eq!(status, 200, "the new user signs in: {body}");
    assert!(
        body.contains(r#""must_change_password":false"#),
        "no forced change for a password the administrator chose: {body}"
    );
    let (status, _) = http(
        &server.addr,
        "POST",
        "/api/v1/session",
        Some(&format!(
            r#"{{"username":"cli.made","password":"{DEMO_PASSWORD}"}}"#
        )),
    );
    assert_eq!(status, 401, "a wrong password is refused");
}
