//! What the app's tests share: a demo-seeded application and its demo users as actors.

use crate::{Actor, App, Settings};

/// A demo-seeded application over `db`.
pub(crate) async fn demo_app(db: store::Db) -> App {
    let app = App::new(db, Settings::default());
    crate::demo::seed_demo(&app).await.unwrap();
    app
}

/// Runs `body` on a demo-seeded application over SQLite, then over PostgreSQL when configured.
/// The demo is seeded once per test process and backend and copied for each test.
pub(crate) async fn on_each_demo<F, Fut>(body: F)
where
    F: Fn(App) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    use store::testing::{TestDb, postgres_url};
    let t = TestDb::sqlite_seeded("demo", seed).await;
    body(App::new(t.db.clone(), Settings::default())).await;
    t.cleanup().await;
    if let Some(url) = postgres_url() {
        let t = TestDb::postgres_seeded(&url, "demo", seed).await;
        body(App::new(t.db.clone(), Settings::default())).await;
        t.cleanup().await;
    }
}

async fn seed(db: store::Db) {
    crate::demo::seed_demo(&App::new(db, Settings::default()))
        .await
        .unwrap();
}

/// A demo account as an actor, with its roles' grants.
pub(crate) async fn demo_actor(app: &App, username: &str) -> Actor {
    let conn = app.db().conn();
    let u = store::org::user::find_by_username(conn, username)
        .await
        .unwrap()
        .unwrap();
    let grants = store::org::role::grants_of_user(conn, u.id).await.unwrap();
    Actor::user(&u, grants)
}

/// A row of form or import text from (key, value) pairs.
pub(crate) fn raw(pairs: &[(&str, &str)]) -> std::collections::HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
