//! The test application: the real server on a random port over a fresh demo database.
#![allow(dead_code)]

use app::App;
use std::net::SocketAddr;
use store::testing::{TestDb, postgres_url};

/// The password of every demo account.
pub const PASSWORD: &str = app::demo::DEMO_PASSWORD;

/// A running server over its own database.
pub struct TestApp {
    /// Where it listens.
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The application (to reach the database directly in a test).
    pub app: App,
    db: Option<TestDb>,
    server: tokio::task::JoinHandle<()>,
}

/// Seeds the demo into `db`.
async fn seed_demo(db: store::Db) {
    let app = App::new(db, app::Settings::default());
    app::demo::seed_demo(&app).await.expect("demo seed");
}

impl TestApp {
    /// Starts the server on a fresh, demo-seeded SQLite database (a copy of the demo seeded
    /// once per test process).
    pub async fn sqlite() -> TestApp {
        let db = TestDb::sqlite_seeded("demo", seed_demo).await;
        TestApp::serve(db, app::Settings::default()).await
    }

    /// Starts the server on a fresh, demo-seeded PostgreSQL database, when the suite is
    /// switched on.
    pub async fn postgres() -> Option<TestApp> {
        let url = postgres_url()?;
        let db = TestDb::postgres_seeded(&url, "demo", seed_demo).await;
        Some(TestApp::serve(db, app::Settings::default()).await)
    }

    /// Starts the server over `db` with `settings`, seeding the demo first.
    pub async fn start(db: TestDb, settings: app::Settings) -> TestApp {
        seed_demo(db.db.clone()).await;
        TestApp::serve(db, settings).await
    }

    /// Starts the server over `db`, as it is, with `settings`.
    async fn serve(db: TestDb, settings: app::Settings) -> TestApp {
        let app = App::new(db.db.clone(), settings);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        let addr = listener.local_addr().expect("bound address");
        let served = app.clone();
        let server = tokio::spawn(async move {
            let _ = web::serve(served, listener, web::ServeOptions::default()).await;
        });
        TestApp {
            addr,
            base: format!("http://{addr}"),
            app,
            db: Some(db),
            server,
        }
    }

    /// A URL on the server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A client that keeps cookies and does not follow redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Signs a demo account in through the API; returns its client and CSRF token.
    pub async fn login(&self, username: &str) -> (reqwest::Client, String) {
        let client = self.client();
        let res = client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"username": username, "password": PASSWORD}))
            .send()
            .await
            .expect("login request");
        assert_eq!(res.status(), 200, "login of {username}");
        let body: serde_json::Value = res.json().await.expect("login body");
        let csrf = body["csrf_token"].as_str().expect("csrf token").to_string();
        (client, csrf)
    }

    /// Stops the server and removes its database.
    pub async fn stop(mut self) {
        self.server.abort();
        if let Some(db) = self.db.take() {
            db.cleanup().await;
        }
    }
}

/// Runs `body` against a server on SQLite, then on PostgreSQL when the suite is switched on.
pub async fn on_each_backend(body: impl AsyncFn(&TestApp)) {
    let sqlite = TestApp::sqlite().await;
    body(&sqlite).await;
    sqlite.stop().await;
    if let Some(pg) = TestApp::postgres().await {
        body(&pg).await;
        pg.stop().await;
    }
}
