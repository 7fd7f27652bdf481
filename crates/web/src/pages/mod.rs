//! Server-rendered pages. Each context has its own file with its route table; `chrome` builds
//! the frame (header, navigation, breadcrumb) every page shares.

pub mod auth;
pub mod chain;
pub mod chrome;
pub mod cultivation;
pub mod data_form;
pub mod enterprise;
pub mod financial;
pub mod home;
pub mod innovation;
pub mod innovation_competition;
pub mod innovation_competition_manage;
pub mod innovation_files;
pub mod innovation_meeting;
pub mod io;
pub mod list;
pub mod notice;
pub mod notifications;
pub mod project;
pub mod service;
pub mod service_team;
pub mod stats;
pub mod system;
pub mod talent;
pub mod talent_files;
pub mod talent_review;

use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use askama::Template;
use axum::response::Html;
use std::collections::BTreeMap;

/// Renders a template, turning a template failure into a clean 500.
pub fn render<T: Template>(t: &T) -> WebResult<Html<String>> {
    t.render()
        .map(Html)
        .map_err(|e| WebError::from(app::AppError::Internal(format!("template: {e}"))))
}

/// Field errors of a form, in the user's language, by field.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    /// Translates an application's field errors.
    pub fn from_app(t: &Tr, errors: &[app::FieldError]) -> FieldErrors {
        let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in errors {
            m.entry(e.field.clone())
                .or_default()
                .push(t.fmt_owned(&e.key, &e.params));
        }
        FieldErrors(m)
    }

    /// Adds one message.
    pub fn add(&mut self, field: &str, message: String) {
        self.0.entry(field.to_string()).or_default().push(message);
    }

    /// The messages of one field.
    pub fn get(&self, field: &str) -> Vec<String> {
        self.0.get(field).cloned().unwrap_or_default()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every message with its field, for a summary.
    pub fn all(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .flat_map(|(f, ms)| ms.iter().map(move |m| (f.clone(), m.clone())))
            .collect()
    }
}
