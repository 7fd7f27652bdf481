//! Turns every error response into the platform's format, in the user's language.

use crate::error::Problem;
use crate::i18n::{Lang, Tr};
use crate::session::{LANG_COOKIE, cookie, query_param};
use askama::Template;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: Tr,
    lang_tag: &'static str,
    status: u16,
    message: String,
    fields: Vec<(String, String)>,
    request_id: String,
}

fn code_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 | 400 => "bad_request",
        422 => "invalid",
        s if s >= 500 => "internal",
        _ => "bad_request",
    }
}

/// Whether a path answers JSON.
fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz" || path == "/readyz"
}

/// The middleware: finds the [`Problem`] of an error response (or makes one of a framework
/// rejection) and writes it as JSON or as an HTML page.
pub async fn render_problems(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let fallback_lang = query_param(req.uri(), "lang")
        .or_else(|| cookie(req.headers(), LANG_COOKIE))
        .map(|l| Lang::from_tag(&l))
        .unwrap_or_default();
    let mut res = next.run(req).await;
    let status = res.status();
    let problem = match res.extensions_mut().remove::<Problem>() {
        Some(p) => p,
        None if status.is_client_error() || status.is_server_error() => {
            let is_ours = res
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|c| c.starts_with("application/json") || c.starts_with("text/html"));
            if is_ours {
                return res;
            }
            let (_, body) = res.into_parts();
            let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
            let mut p = Problem::new(status, code_of(status));
            let text = String::from_utf8_lossy(&text).trim().to_string();
            if !text.is_empty() && status.is_client_error() {
                p.detail = Some(text);
            }
            res = Response::new(Body::empty());
            p
        }
        None => return res,
    };
    let lang = res
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or(fallback_lang);
    let t = Tr::new(lang);
    let mut params = problem.params.clone();
    params.push(("request_id".into(), request_id.clone()));
    let message = t.fmt_owned(&format!("error.{}", problem.code), &params);
    let set_cookies: Vec<HeaderValue> = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    let mut out = if is_api(&path) {
        let details = if problem.fields.is_empty() {
            problem
                .detail
                .clone()
                .map(serde_json::Value::String)
                .unwrap_or(serde_json::Value::Null)
        } else {
            serde_json::Value::Array(
                problem
                    .fields
                    .iter()
                    .map(|f| {
                        serde_json::json!({
                            "field": f.field, "code": f.key, "message": t.fmt_owned(&f.key, &f.params),
                        })
                    })
                    .collect(),
            )
        };
        let body = serde_json::json!({"error": {"code": problem.code, "message": message, "details": details}});
        (problem.status, axum::Json(body)).into_response()
    } else if problem.code == "unauthenticated" {
        Redirect::to(&format!("/login?next={}", crate::session::urlencode(&path))).into_response()
    } else if problem.code == "password_change_required" {
        Redirect::to("/password").into_response()
    } else {
        let page = ErrorPage {
            t,
            lang_tag: lang.tag(),
            status: problem.status.as_u16(),
            message,
            fields: problem
                .fields
                .iter()
                .map(|f| (f.field.clone(), t.fmt_owned(&f.key, &f.params)))
                .collect(),
            request_id: if problem.status.is_server_error() {
                request_id
            } else {
                String::new()
            },
        };
        match page.render() {
            Ok(html) => (problem.status, axum::response::Html(html)).into_response(),
            Err(_) => (problem.status, "error").into_response(),
        }
    };
    for c in set_cookies {
        out.headers_mut().append(header::SET_COOKIE, c);
    }
    out
}
