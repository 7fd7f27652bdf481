//! Sessions, CSRF and the language of each request.
//!
//! The `session_layer` middleware resolves the session cookie once per request, checks CSRF on
//! every state-changing request, and leaves a [`Session`] and the [`Lang`] in the request's
//! extensions. The [`Authed`] extractor reads them and fails closed: no session means 401 under
//! `/api/` and a redirect to the login page elsewhere, never a 500.

use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use app::auth::SessionToken;
use app::{Actor, RequestMeta};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

/// The session cookie.
pub const SESSION_COOKIE: &str = "sc_session";
/// The language cookie (for visitors who are not signed in).
pub const LANG_COOKIE: &str = "sc_lang";
/// The header API clients send the CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field HTML forms send it in.
pub const CSRF_FIELD: &str = "_csrf";

/// A live session, as the middleware found it.
#[derive(Clone, Debug)]
pub struct Session {
    /// Who.
    pub actor: Actor,
    /// The session's CSRF token.
    pub csrf: String,
    /// The cookie's token.
    pub token: SessionToken,
}

/// Reads one cookie.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Reads one query parameter.
pub fn query_param(uri: &axum::http::Uri, name: &str) -> Option<String> {
    form_urlencoded::parse(uri.query()?.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The request's meta data for the audit and login logs.
pub fn request_meta(parts_headers: &HeaderMap, addr: Option<SocketAddr>) -> RequestMeta {
    RequestMeta {
        request_id: parts_headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string(),
        client_addr: addr
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into()),
        user_agent: parts_headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .take(256)
            .collect(),
    }
}

/// Constant-time comparison, so the token cannot be guessed byte by byte.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses a state-changing request whose `Origin` names another site.
fn cross_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin == "null" {
        return true;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin.split("://").nth(1).unwrap_or(origin);
    origin_host != host
}

/// Resolves the session, checks CSRF, and picks the language.
pub async fn session_layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let unsafe_method = !is_safe(&parts.method);
    if unsafe_method && cross_origin(&parts.headers) {
        return WebError::csrf().into_response();
    }
    let mut session = None;
    if let Some(token) = cookie(&parts.headers, SESSION_COOKIE) {
        let token = SessionToken(token);
        match app::auth::resolve_session(&state.app, &token).await {
            Ok((actor, csrf)) => session = Some(Session { actor, csrf, token }),
            Err(app::AppError::Unauthenticated) => {}
            Err(e) => return WebError::from(e).into_response(),
        }
    }
    let mut body = body;
    if let (true, Some(s)) = (unsafe_method, &session) {
        let given = match parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
            Some(h) => Some(h.to_string()),
            None => {
                let is_form = parts
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
                if is_form {
                    // Forms carry the token in a field: read the body, find it, put the body back.
                    // Read as the `Form` extractor would (same limit), so an oversize form
                    // answers 413 like any other oversize body.
                    let read = <axum::body::Bytes as axum::extract::FromRequest<()>>::from_request(
                        Request::new(body),
                        &(),
                    )
                    .await;
                    let bytes = match read {
                        Ok(b) => b,
                        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            let p = crate::error::Problem::new(
                                StatusCode::PAYLOAD_TOO_LARGE,
                                "payload_too_large",
                            );
                            return WebError(p).into_response();
                        }
                        Err(_) => return WebError::bad_request("form body").into_response(),
                    };
                    let token = form_urlencoded_field(&bytes, CSRF_FIELD);
                    body = axum::body::Body::from(bytes);
                    token
                } else {
                    // Multipart uploads from pages carry it in the query string.
                    query_param(&parts.uri, CSRF_FIELD)
                }
            }
        };
        if !given.is_some_and(|g| same(&g, &s.csrf)) {
            return WebError::csrf().into_response();
        }
    }
    let asked = query_param(&parts.uri, "lang").map(|l| Lang::from_tag(&l));
    let lang = asked
        .or_else(|| cookie(&parts.headers, LANG_COOKIE).map(|l| Lang::from_tag(&l)))
        .or_else(|| session.as_ref().map(|s| Lang::from_tag(&s.actor.locale)))
        .unwrap_or_default();
    if let (Some(lang), Some(s)) = (asked, &session)
        && Lang::from_tag(&s.actor.locale) != lang
    {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        let meta = request_meta(&parts.headers, addr);
        if let Err(e) = app::org::set_locale(&state.app, &s.actor, &meta, lang.tag()).await {
            tracing::warn!(error = %e, "could not remember the language");
        }
    }
    parts.extensions.insert(lang);
    if let Some(s) = session {
        parts.extensions.insert(s);
    }
    let mut res = next.run(Request::from_parts(parts, body)).await;
    res.extensions_mut().insert(lang);
    if let Some(lang) = asked
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.tag()
        ))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Finds one field of an `application/x-www-form-urlencoded` body.
fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// A signed-in user, the request's meta data and language: what a protected handler needs.
#[derive(Debug, Clone)]
pub struct Authed {
    /// Who.
    pub actor: Actor,
    /// For the audit log.
    pub meta: RequestMeta,
    /// The language.
    pub lang: Lang,
    /// The session's CSRF token (for forms).
    pub csrf: String,
    /// The session token (to keep this session on a password change).
    pub token: SessionToken,
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let Some(s) = parts.extensions.get::<Session>().cloned() else {
            if parts.uri.path().starts_with("/api/") {
                return Err(WebError::from(app::AppError::Unauthenticated).into_response());
            }
            let next = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let to = format!("/login?next={}", urlencode(next));
            return Err(Redirect::to(&to).into_response());
        };
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        Ok(Authed {
            meta: request_meta(&parts.headers, addr),
            actor: s.actor,
            lang,
            csrf: s.csrf,
            token: s.token,
        })
    }
}

/// The language and meta data of any request, signed in or not.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The language.
    pub lang: Lang,
    /// For the login log.
    pub meta: RequestMeta,
    /// The session, if any.
    pub session: Option<Session>,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        Ok(Visitor {
            lang: parts.extensions.get::<Lang>().copied().unwrap_or_default(),
            meta: request_meta(&parts.headers, addr),
            session: parts.extensions.get::<Session>().cloned(),
        })
    }
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `Set-Cookie` value that opens a session.
pub fn session_cookie(token: &SessionToken, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{}",
        token.0,
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that ends it.
pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}
