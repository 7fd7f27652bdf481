//! Signing in and out, and changing the password.

use super::chrome::Chrome;
use super::{FieldErrors, render};
use crate::error::{WebError, WebResult};
use crate::i18n::{Lang, Tr};
use crate::routes::{RouteTable, get, post};
use crate::session::{Authed, Visitor, clear_session_cookie, session_cookie};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/login", get(login_page).post(login_submit))
        .route("/logout", post(logout))
        .route("/password", get(password_page).post(password_submit))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    lang_tag: &'static str,
    other_lang: &'static str,
    error: Option<String>,
    next: String,
    username: String,
    csrf: String,
}

fn login_view(
    lang: Lang,
    error: Option<String>,
    next: String,
    username: String,
    csrf: String,
) -> LoginPage {
    LoginPage {
        t: Tr::new(lang),
        lang_tag: lang.tag(),
        other_lang: lang.other().tag(),
        error,
        next,
        username,
        csrf,
    }
}

/// Only local paths are followed after login, so a link cannot send the user elsewhere.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".into(),
    }
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_page(v: Visitor, Query(q): Query<NextQuery>) -> WebResult<Response> {
    if v.session.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    let page = login_view(
        v.lang,
        None,
        safe_next(q.next.as_deref()),
        String::new(),
        String::new(),
    );
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

async fn login_submit(
    State(state): State<AppState>,
    v: Visitor,
    Form(form): Form<LoginForm>,
) -> WebResult<Response> {
    let next = safe_next(form.next.as_deref());
    match app::auth::login(&state.app, &form.username, &form.password, &v.meta).await {
        Ok(out) => {
            let to = if out.actor.must_change_password {
                "/password".to_string()
            } else {
                next
            };
            let mut res = Redirect::to(&to).into_response();
            if let Ok(v) = session_cookie(&out.token, state.secure_cookies).parse() {
                res.headers_mut().insert(header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Err(
            e @ (app::AppError::InvalidCredentials
            | app::AppError::Locked { .. }
            | app::AppError::AccountDisabled),
        ) => {
            let status = WebError::from(e).0;
            let t = Tr::new(v.lang);
            let msg = t.fmt_owned(&format!("error.{}", status.code), &status.params);
            let csrf = v.session.map(|s| s.csrf).unwrap_or_default();
            let page = login_view(v.lang, Some(msg), next, form.username, csrf);
            Ok((status.status, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn logout(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    app::auth::logout(&state.app, &user.token).await?;
    let mut res = Redirect::to("/login").into_response();
    if let Ok(v) = clear_session_cookie().parse() {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    c: Chrome,
    forced: bool,
    done: bool,
    hint: String,
    errors: FieldErrors,
}

async fn password_view(
    state: &AppState,
    user: &Authed,
    done: bool,
    errors: FieldErrors,
) -> PasswordPage {
    let c = Chrome::build(state, user, "/password", "password.title", &[]).await;
    let s = state.app.settings();
    let hint = c.t.fmt(
        "password.hint",
        &[
            ("min", &s.password_min_length.to_string()),
            ("classes", &s.password_min_classes.to_string()),
        ],
    );
    PasswordPage {
        forced: user.actor.must_change_password,
        c,
        done,
        hint,
        errors,
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn password_page(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<DoneQuery>,
) -> WebResult<Response> {
    let page = password_view(&state, &user, q.done.is_some(), FieldErrors::default()).await;
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
struct PasswordForm {
    current_password: String,
    new_password: String,
    confirm_password: String,
}

async fn password_submit(
    State(state): State<AppState>,
    user: Authed,
    Form(form): Form<PasswordForm>,
) -> WebResult<Response> {
    let t = Tr::new(user.lang);
    if form.new_password != form.confirm_password {
        let mut errors = FieldErrors::default();
        errors.add("confirm_password", t.get("password.mismatch"));
        let page = password_view(&state, &user, false, errors).await;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let keep = user.token.hash();
    match app::auth::change_password(
        &state.app,
        &user.actor,
        &user.meta,
        &form.current_password,
        &form.new_password,
        Some(&keep),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/password?done=1").into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&t, &errs);
            let page = password_view(&state, &user, false, errors).await;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
