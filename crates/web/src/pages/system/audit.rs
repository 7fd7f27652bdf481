//! The audit log and the login log.

use crate::error::{WebError, WebResult};
use crate::format::local_time;
use crate::pages::chrome::Chrome;
use crate::pages::list::{self, HistoryRow, PageQuery, history_rows};
use crate::pages::render;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, TimeZone};
use policy::org::Permission;
use serde::Deserialize;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/audit", get(audit_page))
        .route("/audit/export.xlsx", get(audit_export))
        .route("/login-log", get(login_log_page))
}

/// Audit filters as typed in the search form (and the API's query string).
#[derive(Debug, Deserialize, Default, Clone)]
pub struct AuditFilters {
    /// Entity type.
    #[serde(default)]
    pub entity_type: String,
    /// Entity id.
    #[serde(default)]
    pub entity_id: String,
    /// Action.
    #[serde(default)]
    pub action: String,
    /// Acting user id.
    #[serde(default)]
    pub actor_id: String,
    /// From date (inclusive), `2026-11-25`.
    #[serde(default)]
    pub from: String,
    /// To date (inclusive), `2026-11-25`.
    #[serde(default)]
    pub to: String,
}

impl AuditFilters {
    /// The store query, or a clear error naming the malformed field.
    pub fn query(&self) -> Result<app::audit::AuditSearch, WebError> {
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let date = |field: &str,
                    s: &str,
                    days: u64|
         -> Result<Option<chrono::DateTime<chrono::Utc>>, WebError> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| WebError::from(app::AppError::invalid(field, "common.date_format")))?;
            let d = d + chrono::Days::new(days);
            let start = d
                .and_hms_opt(0, 0, 0)
                .map(|dt| crate::format::cst().from_local_datetime(&dt).single());
            Ok(start.flatten().map(|t| t.with_timezone(&chrono::Utc)))
        };
        let actor_id = match opt(&self.actor_id) {
            None => None,
            Some(s) => Some(s.parse::<i64>().map_err(|_| {
                WebError::from(app::AppError::invalid("actor_id", "error.bad_request"))
            })?),
        };
        Ok(app::audit::AuditSearch {
            entity_type: opt(&self.entity_type),
            entity_id: opt(&self.entity_id),
            actor_id,
            action: opt(&self.action),
            from: date("from", &self.from, 0)?,
            to: date("to", &self.to, 1)?,
        })
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("entity_type", self.entity_type.clone()),
            ("entity_id", self.entity_id.clone()),
            ("action", self.action.clone()),
            ("actor_id", self.actor_id.clone()),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
        ]
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    c: Chrome,
    f: AuditFilters,
    can_export: bool,
    export_url: String,
    history: Vec<HistoryRow>,
    first_url: String,
    next_url: Option<String>,
}

#[derive(Deserialize)]
struct AuditParams {
    #[serde(flatten)]
    f: AuditFilters,
    #[serde(flatten)]
    page: PageQuery,
}

async fn audit_page(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<AuditParams>,
) -> WebResult<Response> {
    let q = p.f.query()?;
    let rows = app::audit::search_audit(&state.app, &user.actor, &q, p.page.request()).await?;
    let c = Chrome::build(&state, &user, "/audit", "audit.title", &[]).await;
    let (first_url, next_url) =
        list::pager("/audit", &p.f.pairs(), &p.page, rows.next_cursor.as_deref());
    let (_, export) = list::pager(
        "/audit/export.xlsx",
        &p.f.pairs(),
        &PageQuery::default(),
        Some(""),
    );
    let export_url = export
        .unwrap_or_default()
        .replace("&cursor=", "")
        .replace("?cursor=", "");
    let history = history_rows(&c.t, rows.items, true);
    let page = AuditPage {
        can_export: user.actor.can(Permission::AUDIT_EXPORT),
        c,
        f: p.f,
        export_url,
        history,
        first_url,
        next_url,
    };
    Ok(render(&page)?.into_response())
}

/// The xlsx of an audit search (shared with the API route).
pub async fn audit_export_response(
    state: &AppState,
    user: &Authed,
    f: &AuditFilters,
) -> WebResult<Response> {
    let q = f.query()?;
    let bytes = app::audit::export_audit_xlsx(&state.app, &user.actor, &q).await?;
    let name = format!("audit-{}.xlsx", chrono::Utc::now().format("%Y%m%d%H%M%S"));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

async fn audit_export(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<AuditFilters>,
) -> WebResult<Response> {
    audit_export_response(&state, &user, &f).await
}

struct Attempt {
    time: String,
    username: String,
    success: bool,
    reason: String,
    client: String,
    agent: String,
}

#[derive(Template)]
#[template(path = "login_log.html")]
struct LoginLogPage {
    c: Chrome,
    username: String,
    items: Vec<Attempt>,
    first_url: String,
    next_url: Option<String>,
}

#[derive(Deserialize)]
struct LoginLogParams {
    #[serde(default)]
    username: String,
    #[serde(flatten)]
    page: PageQuery,
}

async fn login_log_page(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<LoginLogParams>,
) -> WebResult<Response> {
    let name = Some(p.username.trim()).filter(|s| !s.is_empty());
    let rows = app::audit::list_login_log(&state.app, &user.actor, name, p.page.request()).await?;
    let c = Chrome::build(&state, &user, "/login-log", "login_log.title", &[]).await;
    let (first_url, next_url) = list::pager(
        "/login-log",
        &[("username", p.username.clone())],
        &p.page,
        rows.next_cursor.as_deref(),
    );
    let items = rows
        .items
        .into_iter()
        .map(|a| Attempt {
            time: local_time(&a.at),
            username: a.username,
            success: a.success,
            reason: c.t.get(&format!("login_log.reason.{}", a.reason)),
            client: a.client_addr,
            agent: a.user_agent,
        })
        .collect();
    Ok(render(&LoginLogPage {
        c,
        username: p.username,
        items,
        first_url,
        next_url,
    })?
    .into_response())
}
