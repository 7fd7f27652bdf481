//! The HTTP face of strongcity: server-rendered pages, the `/api/v1` JSON API with its OpenAPI
//! document, sessions, CSRF, the message catalogue and the static assets.
//!
//! Handlers are thin: they read the request, call one use case in `app` (which checks the
//! permission and scope), and render. No handler touches the database.

pub mod api;
mod assets;
pub mod attachment;
pub mod error;
pub mod format;
mod health;
pub mod i18n;
pub mod openapi;
pub mod pages;
pub mod progress;
mod render;
pub mod routes;
pub mod session;
pub mod state;

use app::App;
use axum::Router;
use axum::http::HeaderName;
use axum::http::Method;
use routes::{Route, RouteTable};
use state::AppState;
use std::net::SocketAddr;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Set the `Secure` flag on cookies (serve over HTTPS, or behind a proxy that does).
    pub secure_cookies: bool,
    /// Largest request body (uploads), in bytes.
    pub body_limit: usize,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            secure_cookies: false,
            body_limit: 64 * 1024 * 1024,
        }
    }
}

/// Every route of the application, pages and API, without state.
fn routes() -> RouteTable {
    RouteTable::new()
        .merge(pages::home::routes())
        .merge(pages::auth::routes())
        .merge(pages::notifications::routes())
        .merge(pages::system::routes())
        .merge(pages::enterprise::routes())
        .merge(pages::financial::routes())
        .merge(pages::io::routes())
        .merge(pages::notice::routes())
        .merge(pages::cultivation::routes())
        .merge(pages::service::routes())
        .merge(pages::service_team::routes())
        .merge(pages::innovation::routes())
        .merge(pages::innovation_competition::routes())
        .merge(pages::innovation_competition_manage::routes())
        .merge(pages::innovation_files::routes())
        .merge(pages::innovation_meeting::routes())
        .merge(pages::stats::routes())
        .merge(pages::chain::routes())
        .merge(pages::project::routes())
        .merge(pages::talent::routes())
        .merge(api::routes())
        .route("/static/{*path}", routes::get(assets::serve_asset))
        .route("/healthz", routes::get(health::healthz))
        .route("/readyz", routes::get(health::readyz))
        .merge_router(
            SwaggerUi::new("/api/docs")
                .url("/api/v1/openapi.json", openapi::ApiDoc::openapi())
                .into(),
            &[
                (Method::GET, "/api/docs"),
                (Method::GET, "/api/docs/"),
                (Method::GET, "/api/docs/{*rest}"),
                (Method::GET, "/api/v1/openapi.json"),
            ],
        )
}

/// The (method, path) of every route the server answers, as registered. The HTTP tests'
/// route × role matrix must list exactly these.
pub fn route_table() -> Vec<Route> {
    routes().routes().to_vec()
}

/// The whole application as an axum router.
pub fn router(app: App, opts: &ServeOptions) -> Router {
    let state = AppState {
        app,
        secure_cookies: opts.secure_cookies,
        imports: progress::ImportBoard::default(),
    };
    let request_id = HeaderName::from_static("x-request-id");
    routes()
        .into_router()
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::session_layer,
        ))
        .layer(RequestBodyLimitLayer::new(opts.body_limit))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(120),
        ))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn(render::render_problems))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// Serves the router on `listener` until Ctrl-C (or SIGTERM).
pub async fn serve(
    app: App,
    listener: tokio::net::TcpListener,
    opts: ServeOptions,
) -> std::io::Result<()> {
    let router = router(app, &opts);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
