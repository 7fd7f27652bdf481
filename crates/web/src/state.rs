//! What every handler shares.

use app::App;

/// The state behind the router.
#[derive(Clone)]
pub struct AppState {
    /// The application.
    pub app: App,
    /// Whether cookies get the `Secure` flag (on when served over HTTPS).
    pub secure_cookies: bool,
    /// The stages of running imports, for the import page's progress bar.
    pub imports: crate::progress::ImportBoard,
}
