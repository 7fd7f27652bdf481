//! A form generated from a table of the data dictionary (enterprise profile, yearly figures).

use super::FieldErrors;
use super::chrome::Chrome;
use crate::i18n::Lang;
use app::enterprise::fields::{self, Field, FieldKind};
use askama::Template;
use std::collections::HashMap;

/// One input of the form.
pub struct FormField {
    /// JSON key and form name.
    pub key: &'static str,
    /// Label in the user's language.
    pub label: &'static str,
    /// Marked with a red asterisk.
    pub required: bool,
    /// Shown but not editable (the record's key).
    pub readonly: bool,
    /// The value shown (kept on error).
    pub value: String,
    /// Format and allowed values.
    pub note: String,
    /// For choices: (stored code, label).
    pub choices: Vec<(String, String)>,
}

/// The form page.
#[derive(Template)]
#[template(path = "enterprise_form.html")]
pub struct FormPage {
    /// The frame.
    pub c: Chrome,
    /// Title.
    pub heading: String,
    /// Whether the change waits for the county's confirmation.
    pub proposing: bool,
    /// Where it posts.
    pub action: String,
    /// Where cancel goes.
    pub cancel: String,
    /// The inputs.
    pub fields: Vec<FormField>,
    /// Errors by field.
    pub errors: FieldErrors,
}

/// The inputs of a field table with `values`; `readonly` keys cannot be edited.
pub fn form_fields(
    table: &[Field],
    lang: Lang,
    values: &HashMap<String, String>,
    readonly: &[&str],
) -> Vec<FormField> {
    table
        .iter()
        .map(|f| FormField {
            key: f.key,
            label: if lang == Lang::En { f.en } else { f.zh },
            required: f.required,
            readonly: readonly.contains(&f.key),
            value: values.get(f.key).cloned().unwrap_or_default(),
            note: fields::note(f),
            choices: match f.kind {
                FieldKind::Choice(list) => list
                    .iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
                FieldKind::Bool => vec![("是".into(), "是".into()), ("否".into(), "否".into())],
                _ => Vec::new(),
            },
        })
        .collect()
}
