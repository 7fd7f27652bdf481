//! Checking one row of input (a spreadsheet row or a JSON object, both as text) against the
//! data dictionary. Every problem of the row is reported at once.

use super::fields::{Field, FieldKind};
use crate::FieldError;
use chrono::NaiveDate;
use policy::dates::parse_flexible_date;
use policy::enterprise::{IndustryCode, IndustryTable, Uscc};
use policy::money::Fen;
use policy::org::RegionCode;
use std::collections::{HashMap, HashSet};

/// A checked value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing given.
    Empty,
    /// Text.
    Text(String),
    /// A credit code.
    Uscc(Uscc),
    /// A known region.
    Region(RegionCode),
    /// An industry code.
    Industry(IndustryCode),
    /// A date.
    Date(NaiveDate),
    /// Yes or no.
    Bool(bool),
    /// A count or a year.
    Int(i32),
    /// Money.
    Money(Fen),
    /// A stored choice code.
    Choice(&'static str),
}

/// What checking needs to know: the regions that exist and the industry table.
#[derive(Debug, Clone, Default)]
pub struct ParseContext {
    /// Known region codes.
    pub regions: HashSet<String>,
    /// GB/T 4754 sections and divisions.
    pub industries: IndustryTable,
}

/// A checked row: values by field key.
#[derive(Debug, Clone, Default)]
pub struct Row(HashMap<&'static str, Value>);

impl Row {
    /// The value of a field (Empty when absent).
    pub fn get(&self, key: &str) -> &Value {
        self.0.get(key).unwrap_or(&Value::Empty)
    }

    /// Text, or empty.
    pub fn text(&self, key: &str) -> String {
        match self.get(key) {
            Value::Text(s) => s.clone(),
            Value::Choice(c) => (*c).to_string(),
            _ => String::new(),
        }
    }

    /// An optional whole number.
    pub fn int(&self, key: &str) -> Option<i32> {
        match self.get(key) {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// An optional amount, in fen.
    pub fn fen(&self, key: &str) -> Option<i64> {
        match self.get(key) {
            Value::Money(f) => Some(f.get()),
            _ => None,
        }
    }

    /// Yes/no, false when empty.
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Value::Bool(true))
    }

    /// An optional yes/no.
    pub fn opt_flag(&self, key: &str) -> Option<bool> {
        match self.get(key) {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An optional date.
    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        match self.get(key) {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    /// An optional choice code.
    pub fn choice(&self, key: &str) -> Option<&'static str> {
        match self.get(key) {
            Value::Choice(c) => Some(c),
            _ => None,
        }
    }

    /// The credit code (rows are only built when a required code parsed).
    pub fn uscc(&self) -> Option<&Uscc> {
        match self.get("uscc") {
            Value::Uscc(u) => Some(u),
            _ => None,
        }
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" => Some(true),
        "否" | "n" | "no" | "false" | "0" | "×" => Some(false),
        _ => None,
    }
}

fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim().replace([',', '，'], "");
    // Spreadsheets hand whole numbers over as `12.0`.
    let t = t.strip_suffix(".0").unwrap_or(&t);
    t.parse::<i64>().ok()
}

fn parse_phone(s: &str) -> bool {
    let digits: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '(' | ')' | '+'))
        .collect();
    (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Checks one field's text.
pub fn parse_value(field: &Field, raw: &str, ctx: &ParseContext) -> Result<Value, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return if field.required {
            Err(FieldError::new(field.key, "common.required"))
        } else {
            Ok(Value::Empty)
        };
    }
    let bad = |key: &str| FieldError::new(field.key, key);
    match field.kind {
        FieldKind::Text(max) => {
            if s.chars().count() > max {
                Err(bad("common.too_long").with("max", max))
            } else {
                Ok(Value::Text(s.to_string()))
            }
        }
        FieldKind::Uscc => Uscc::parse(s)
            .map(Value::Uscc)
            .map_err(|e| FieldError::uscc(field.key, &e)),
        FieldKind::Region => {
            let code = RegionCode::parse(s).map_err(|_| bad("region_code.format"))?;
            if ctx.regions.contains(code.as_str()) {
                Ok(Value::Region(code))
            } else {
                Err(bad("region.unknown").with("code", code))
            }
        }
        FieldKind::Industry => IndustryCode::parse(s, &ctx.industries)
            .map(Value::Industry)
            .map_err(|e| match e {
                policy::enterprise::IndustryCodeError::SectionMismatch { expected, .. } => {
                    bad("industry_code.section_mismatch").with("expected", expected)
                }
                other => bad(other.key()),
            }),
        FieldKind::Date => parse_flexible_date(s)
            .map(Value::Date)
            .ok_or_else(|| bad("common.date_format")),
        FieldKind::Bool => parse_bool(s)
            .map(Value::Bool)
            .ok_or_else(|| bad("common.bool_format")),
        FieldKind::Count => match parse_int(s) {
            Some(n) if (0..=i32::MAX as i64).contains(&n) => Ok(Value::Int(n as i32)),
            _ => Err(bad("common.count_format")),
        },
        FieldKind::Year => match parse_int(s) {
            Some(y) if (1949..=2100).contains(&y) => Ok(Value::Int(y as i32)),
            _ => Err(bad("common.year_format")),
        },
        FieldKind::Money => Fen::parse_wan_yuan(s)
            .map(Value::Money)
            .map_err(|e| bad(e.key())),
        FieldKind::Choice(list) => {
            let t = s.trim_end_matches(".0");
            list.iter()
                .find(|(code, label)| {
                    *code == t
                        || *label == t
                        || label.replace('"', "") == t.replace(['"', '“', '”'], "")
                })
                .map(|(code, _)| Value::Choice(code))
                .ok_or_else(|| {
                    bad("common.choice").with(
                        "allowed",
                        list.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("/"),
                    )
                })
        }
        FieldKind::Decimal => policy::stats::parse_quantity(s, 6)
            .map(|_| Value::Text(s.to_string()))
            .map_err(|e| bad(e.key())),
        FieldKind::Phone => {
            if parse_phone(s) {
                Ok(Value::Text(s.to_string()))
            } else {
                Err(bad("common.phone_format"))
            }
        }
    }
}

/// Checks a row given as text by field key; unknown keys are ignored.
pub fn parse_row(
    fields: &[Field],
    raw: &HashMap<String, String>,
    ctx: &ParseContext,
) -> Result<Row, Vec<FieldError>> {
    let mut row = Row::default();
    let mut errors = Vec::new();
    for field in fields {
        let text = raw.get(field.key).map(String::as_str).unwrap_or("");
        match parse_value(field, text, ctx) {
            Ok(v) => {
                row.0.insert(field.key, v);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(row)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enterprise::fields::{ENTERPRISE_FIELDS, FINANCIAL_FIELDS};

    fn ctx() -> ParseContext {
        ParseContext {
            regions: ["371521".to_string(), "371521100".to_string()]
                .into_iter()
                .collect(),
            industries: IndustryTable::from_csv(include_str!("../../data/gbt4754-2017-top.csv")),
        }
    }

    fn raw(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_good_enterprise_row_parses() {
        let uscc = Uscc::with_check("91371521MA3C00001").unwrap();
        let row = parse_row(
            ENTERPRISE_FIELDS,
            &raw(&[
                ("uscc", uscc.as_str()),
                ("name", " 阳谷示例电缆有限公司 "),
                ("region_code", "371521100"),
                ("industry_code", "3831"),
                ("founded_on", "2008年3月1日"),
                ("above_size", "是"),
                ("status", "在营"),
            ]),
            &ctx(),
        )
        .unwrap();
        assert_eq!(row.text("name"), "阳谷示例电缆有限公司");
        assert_eq!(
            row.get("industry_code"),
            &Value::Industry(IndustryCode::parse("C3831", &ctx().industries).unwrap())
        );
        assert!(row.flag("above_size"));
        assert_eq!(row.choice("status"), Some("operating"));
    }

    #[test]
    fn every_problem_of_a_row_is_reported_at_once() {
        let errs = parse_row(
            FINANCIAL_FIELDS,
            &raw(&[
                ("uscc", "91350100M000100Y44"),
                ("year", "22"),
                ("revenue_wan_yuan", "12,3x"),
                ("staff", "-3"),
                ("digital_level", "7"),
            ]),
            &ctx(),
        )
        .unwrap_err();
        let keys: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (e.field.as_str(), e.key.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("uscc", "uscc.check"),
                ("year", "common.year_format"),
                ("revenue_wan_yuan", "money.format"),
                ("staff", "common.count_format"),
                ("digital_level", "common.choice"),
            ]
        );
        assert_eq!(errs[0].params, [("expected".to_string(), "3".to_string())]);
    }

    #[test]
    fn unknown_regions_and_missing_required_values_are_named() {
        let errs = parse_row(
            ENTERPRISE_FIELDS,
            &raw(&[("region_code", "371599")]),
            &ctx(),
        )
        .unwrap_err();
        let keys: Vec<&str> = errs.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "common.required",
                "common.required",
                "region.unknown",
                "common.required"
            ]
        );
    }
}
