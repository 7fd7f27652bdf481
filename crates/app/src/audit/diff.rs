//! The before/after diff of a record, field by field, with secrets and personal data masked.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Fields never written to the audit log in clear: secrets and personal data. Their change is
/// recorded, their values are not.
const MASKED: &[&str] = &[
    "password",
    "password_hash",
    "phone",
    "id_number",
    "token",
    "csrf_token",
    "contact",
];

/// What the mask shows instead of a masked value.
pub const MASK: &str = "***";

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldChange {
    /// Field name.
    pub field: String,
    /// Value before (null when created).
    pub before: Value,
    /// Value after (null when deleted).
    pub after: Value,
}

fn mask(field: &str, v: &Value) -> Value {
    if MASKED.contains(&field) && !v.is_null() {
        Value::String(MASK.into())
    } else {
        v.clone()
    }
}

/// The fields that differ between two JSON objects (pass `Value::Null` for a missing side).
/// Nothing is truncated; masked fields show that they changed but not their values.
pub fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let bv = b.get(k).unwrap_or(&Value::Null);
            let av = a.get(k).unwrap_or(&Value::Null);
            (bv != av).then(|| FieldChange {
                field: k.clone(),
                before: mask(k, bv),
                after: mask(k, av),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_changed_fields_only_and_masks_secrets() {
        let d = diff(
            &json!({"name": "甲", "phone": "13800000000", "level": 1}),
            &json!({"name": "乙", "phone": "13900000000", "level": 1, "new": true}),
        );
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].field, "name");
        assert_eq!(d[0].before, json!("甲"));
        assert_eq!(d[2].field, "phone");
        assert_eq!(d[2].after, json!(MASK), "a phone is never in the audit log");
        assert_eq!(d[1].field, "new");
        assert_eq!(d[1].before, Value::Null);
    }

    #[test]
    fn long_values_are_not_truncated() {
        let long = "长".repeat(10_000);
        let d = diff(&Value::Null, &json!({ "text": long }));
        assert_eq!(d[0].after.as_str().map(|s| s.chars().count()), Some(10_000));
    }
}
