//! The browser harness: chromedriver on a free port, Chromium through it, the server on a fresh
//! demo database, and a few steps every test repeats (sign in, read the navigation, screenshot).

use crate::common::{PASSWORD, TestApp};
use fantoccini::{Client, ClientBuilder, Locator};
use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::sync::Once;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// The variable that names the chromedriver binary and so switches the suite on.
pub const DRIVER_VAR: &str = "STRONGCITY_CHROMEDRIVER";
/// The variable that also writes the admin home page to `docs/screenshot-home.png`.
pub const DOCS_VAR: &str = "STRONGCITY_DOCS_SCREENSHOT";

static SKIP_NOTICE: Once = Once::new();

/// The Chromium the driver starts (Debian's package; never a downloaded browser).
const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver, ended (by its own process id) when the test ends, however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A browser session on a running server.
pub struct Browser {
    /// The WebDriver client.
    pub c: Client,
    /// The server.
    pub app: TestApp,
    driver: Driver,
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// Where screenshots go.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot directory");
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn capabilities() -> serde_json::Map<String, serde_json::Value> {
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1366,900",
            ],
        },
    });
    match caps {
        serde_json::Value::Object(m) => m,
        _ => unreachable!("a JSON object"),
    }
}

/// Starts chromedriver, the server and a browser session; `None` (after one line on stderr)
/// when the suite is not switched on.
pub async fn start() -> Option<Browser> {
    let driver_bin = match std::env::var(DRIVER_VAR) {
        Ok(v) if !v.is_empty() => v,
        _ => {
            SKIP_NOTICE.call_once(|| {
                // Written to the process's stderr directly, so the test harness does not hide it.
                let _ = writeln!(
                    std::io::stderr(),
                    "browser suite skipped: set {DRIVER_VAR}=/usr/bin/chromedriver to enable it"
                );
            });
            return None;
        }
    };
    let port = free_port();
    let child = Command::new(&driver_bin)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e}"));
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(15);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // chromedriver accepts connections a moment before it can start a session, and a loaded
    // machine makes Chromium slow to come up: retry a few times before giving up.
    let mut attempt = 0;
    let c = loop {
        let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
        connector.enforce_http(true);
        match ClientBuilder::new(connector)
            .capabilities(capabilities())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if attempt < 5 => {
                attempt += 1;
                let _ = writeln!(std::io::stderr(), "chromedriver not ready ({e}); retrying");
                tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
            }
            Err(e) => panic!("a Chromium session: {e}"),
        }
    };
    let app = TestApp::sqlite().await;
    Some(Browser { c, app, driver })
}

/// Runs `body` in a browser when the suite is switched on; on failure saves a screenshot
/// `FAILED-<name>.png`, then always closes the browser, chromedriver and the server.
pub async fn with_browser(name: &str, body: impl AsyncFnOnce(&Browser)) {
    let Some(b) = start().await else { return };
    let outcome = CatchUnwind(Box::pin(body(&b))).await;
    if outcome.is_err() {
        let _ = b.shot(&format!("FAILED-{name}")).await;
    }
    let Browser { c, app, driver } = b;
    let _ = c.close().await;
    drop(driver);
    app.stop().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// A future that turns a panic while it is polled into an error, so the browser can be closed.
struct CatchUnwind<F: Future>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = std::thread::Result<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let fut = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

impl Browser {
    /// Opens a path on the server.
    pub async fn goto(&self, path: &str) {
        self.c.goto(&self.app.url(path)).await.expect("navigate");
    }

    /// The current path (and query).
    pub async fn path(&self) -> String {
        let u = self.c.current_url().await.expect("current url");
        match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        }
    }

    /// Finds one element by CSS selector.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no `{css}` on the page: {e}"))
    }

    /// Whether an element matching `css` is on the page.
    pub async fn has(&self, css: &str) -> bool {
        !self
            .c
            .find_all(Locator::Css(css))
            .await
            .expect("find_all")
            .is_empty()
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    /// The texts of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.c.find_all(Locator::Css(css)).await.expect("find_all") {
            out.push(e.text().await.expect("text"));
        }
        out
    }

    /// Types into a field (clearing it first).
    pub async fn fill(&self, css: &str, value: &str) {
        let e = self.find(css).await;
        e.clear().await.expect("clear");
        e.send_keys(value).await.expect("type");
    }

    /// Clicks and waits until the next page has loaded.
    pub async fn click_and_wait(&self, css: &str) {
        let before = self
            .c
            .execute("return performance.timeOrigin;", vec![])
            .await;
        self.find(css).await.click().await.expect("click");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let now = self
                .c
                .execute(
                    "return document.readyState === 'complete' ? performance.timeOrigin : null;",
                    vec![],
                )
                .await;
            if let (Ok(b), Ok(n)) = (&before, &now)
                && !n.is_null()
                && n != b
            {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no page load after clicking `{css}`"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Signs in through the login form with `password`; returns where the browser landed.
    pub async fn login_with(&self, username: &str, password: &str) -> String {
        self.goto("/login").await;
        self.fill("#username", username).await;
        self.fill("#password", password).await;
        self.click_and_wait("#login-submit").await;
        self.path().await
    }

    /// Signs a demo account in through the login form.
    pub async fn login(&self, username: &str) {
        let landed = self.login_with(username, PASSWORD).await;
        assert_eq!(landed, "/", "{username} should land on the home page");
        assert!(self.has("#welcome").await, "{username}: no welcome heading");
    }

    /// Signs out through the header button.
    pub async fn logout(&self) {
        if !self.has("#logout").await {
            self.goto("/").await;
        }
        self.click_and_wait("#logout").await;
        assert!(
            self.path().await.starts_with("/login"),
            "sign-out ends on the login page"
        );
    }

    /// The keys of the sidebar links.
    pub async fn nav_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        for a in self
            .c
            .find_all(Locator::Css("nav.sidebar a[data-nav]"))
            .await
            .expect("sidebar links")
        {
            keys.push(a.attr("data-nav").await.expect("attr").unwrap_or_default());
        }
        keys
    }

    /// `lang` of the page.
    pub async fn page_lang(&self) -> String {
        self.find("html")
            .await
            .attr("lang")
            .await
            .expect("lang")
            .unwrap_or_default()
    }

    /// The status shown by an error page, if this is one.
    pub async fn error_code(&self) -> Option<String> {
        if self.has(".error-page .code").await {
            Some(self.text(".error-page .code").await)
        } else {
            None
        }
    }

    /// Saves a screenshot of the viewport as `target/screenshots/<name>.png`.
    pub async fn shot(&self, name: &str) -> PathBuf {
        let png = self.c.screenshot().await.expect("screenshot");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, &png).expect("write screenshot");
        path
    }

    /// Saves a screenshot of the whole page (not only the viewport).
    pub async fn shot_full(&self, name: &str) -> PathBuf {
        let (w, h) = self.c.get_window_size().await.expect("window size");
        let height = self
            .c
            .execute("return document.documentElement.scrollHeight;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(h)
            .clamp(h, 3000);
        if height > h {
            self.c
                .set_window_size(w as u32, height as u32)
                .await
                .expect("resize");
        }
        let path = self.shot(name).await;
        if height > h {
            self.c
                .set_window_size(w as u32, h as u32)
                .await
                .expect("resize back");
        }
        path
    }
}
