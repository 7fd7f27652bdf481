//! The list-page pattern's shared parts: page size and cursor, the pager links, audit rows.

use crate::format::local_time;
use crate::i18n::Tr;
use app::audit::AuditEntryView;
use serde::Deserialize;

/// `?limit=&cursor=` of every list.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageQuery {
    /// Rows per page (default 20, at most 500).
    pub limit: Option<u64>,
    /// Where the page starts (the previous page's `next_cursor`).
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The page request; a malformed cursor starts from the beginning.
    pub fn request(&self) -> app::PageRequest {
        app::PageRequest::new(
            self.limit.unwrap_or(20),
            self.cursor.as_deref().and_then(|c| c.parse().ok()),
        )
    }
}

/// The first-page and next-page links of a list at `base` with its `filters`.
pub fn pager(
    base: &str,
    filters: &[(&str, String)],
    q: &PageQuery,
    next_cursor: Option<&str>,
) -> (String, Option<String>) {
    let mut params: Vec<(String, String)> = filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    if let Some(l) = q.limit {
        params.push(("limit".into(), l.to_string()));
    }
    let url = |extra: Option<(&str, &str)>| {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &params {
            ser.append_pair(k, v);
        }
        if let Some((k, v)) = extra {
            ser.append_pair(k, v);
        }
        let qs = ser.finish();
        if qs.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{qs}")
        }
    };
    let first = if q.cursor.is_some() {
        url(None)
    } else {
        String::new()
    };
    let next = next_cursor.map(|c| url(Some(("cursor", c))));
    (first, next)
}

/// An audit entry as a row of a history table.
pub struct HistoryRow {
    /// When, local time.
    pub time: String,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// Which record (empty on a record's own page).
    pub entity: String,
    /// (field, before, after).
    pub changes: Vec<(String, String, String)>,
}

fn show(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether a value says nothing (a record created with an empty field is not a change worth a
/// line of history).
fn blank(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        serde_json::Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Rows of a history table.
pub fn history_rows(_t: &Tr, entries: Vec<AuditEntryView>, with_entity: bool) -> Vec<HistoryRow> {
    entries
        .into_iter()
        .map(|e| HistoryRow {
            time: local_time(&e.at),
            actor: e.actor_name,
            action: e.action,
            entity: if with_entity {
                format!("{} {}", e.entity_type, e.entity_id)
            } else {
                String::new()
            },
            changes: e
                .changes
                .iter()
                .filter(|c| !(blank(&c.before) && blank(&c.after)))
                .map(|c| (c.field.clone(), show(&c.before), show(&c.after)))
                .collect(),
        })
        .collect()
}
