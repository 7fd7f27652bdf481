//! Projects, investment and land (重点项目, 招商引资, 土地, 扶持资金, 数字化).
//!
//! - Key projects (`key_project`): level, region, enterprise, industry, yearly plans, monthly
//!   investment completed, stage with dates, and problems, each raised as a ticket through the
//!   service context in the same transaction. Monthly investment is also imported from a
//!   spreadsheet (`progress_import`).
//! - Investment attraction (`investment`): `investment_target` records moved through the
//!   report/review state machine of `policy::project::attraction`, with an append-only log;
//!   the counties' yearly targets (目标考核).
//! - Land (`land`), support funds and digital records (`records`).
//! - Statistics (`stats`) computed from those records, and the demo (`demo`) that writes
//!   临清市's 2022 records through these use cases.

mod county_target;
pub mod demo;
pub mod facts;
mod investment;
mod key_project;
mod key_project_edit;
mod key_project_read;
mod land;
mod problem;
mod progress_import;
mod records;
mod records_export;
mod stats;

pub use county_target::{
    CountyTargetForm, CountyTargetView, list_county_targets, set_county_target,
};
pub use investment::{
    ReportForm, ReviewForm, TargetEventView, TargetForm, TargetListQuery, TargetRow, TargetView,
    get_target, list_targets, register_targets, report_target, review_reports,
};
pub use key_project::{
    KeyProjectForm, PlanForm, ProgressForm, StageForm, change_stage, create_key_project,
    create_key_projects, record_progress, set_plan,
};
pub use key_project_edit::update_key_project;
pub use key_project_read::{
    KeyProjectRow, KeyProjectView, PlanView, ProgressView, ProjectListQuery, get_key_project,
    list_key_projects,
};
pub use land::{
    DisposalForm, DisposalView, InefficientForm, InefficientView, ParcelForm, ParcelView,
    add_parcel, add_parcels, dispose_land, enter_inefficient, get_parcel, list_inefficient,
    list_parcels, survey_inefficient,
};
pub use problem::{ProblemForm, ProblemView, raise_problem};
pub use progress_import::{
    PROGRESS_FIELDS, ProgressImportReport, import_progress, progress_template_xlsx,
};
pub use records::{
    DigitalForm, DigitalView, PaymentForm, PaymentView, RecordListQuery, list_digital,
    list_payments, pay_support_funds, record_digital,
};
pub use records_export::{MAX_RECORD_EXPORT_ROWS, digital_xlsx, payments_xlsx};
pub use stats::{
    DigitalStats, InvestmentStats, LandStats, ProgrammeRow, ProjectStats, StageCount,
    SupportFundStats, TargetCompletion, digital_stats, investment_stats, land_stats, project_stats,
    support_fund_stats,
};

use crate::enterprise::parse::ParseContext;
use crate::{AppError, FieldError};
use chrono::NaiveDate;
use policy::enterprise::{IndustryCode, Uscc};
use policy::money::Fen;
use policy::org::{RegionCode, Scope};
use policy::project::Mu;
use serde::{Deserialize, Deserializer};

/// An amount in 万元 as exact text: two decimals at least, six at most (one fen), never
/// rounded: `1072000.00`, `0.000001`.
pub fn exact_wan_yuan(fen: i64) -> String {
    let six = Fen::new(fen).wan_yuan(6);
    let (int, frac) = six.split_once('.').unwrap_or((&six, "000000"));
    let frac = frac.trim_end_matches('0');
    format!("{int}.{frac:0<2}")
}

/// Reads a text field that a JSON client may also send as a number (`1234.5` or `"1234.5"`)
/// or leave out / null (empty).
pub(crate) fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(String::new()),
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::Bool(_) | serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
            Err(serde::de::Error::custom("expected text or a number"))
        }
    }
}

/// A region filter from input (none when empty).
pub(crate) fn parse_region(s: Option<&str>) -> Result<Option<RegionCode>, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(r) => RegionCode::parse(r).map(Some).map_err(|_| {
            AppError::Invalid(vec![
                FieldError::new("region", "region.unknown").with("code", r),
            ])
        }),
    }
}

/// A year from input, within the range the platform keeps.
pub(crate) fn check_year(year: i32) -> Result<i32, AppError> {
    if policy::project::YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(AppError::invalid("year", "common.year_range"))
    }
}

/// Field checks that collect every problem of a form before answering (names are prefixed,
/// e.g. `rows[3].name`, when a batch is checked).
#[derive(Debug, Default)]
pub(crate) struct Check {
    prefix: String,
    errors: Vec<FieldError>,
}

impl Check {
    /// Checks whose field names carry `prefix` (`""` for a single form).
    pub fn new(prefix: impl Into<String>) -> Check {
        Check {
            prefix: prefix.into(),
            errors: Vec::new(),
        }
    }

    /// Records a problem of a field.
    pub fn push(&mut self, mut e: FieldError) {
        if !self.prefix.is_empty() {
            e.field = format!("{}.{}", self.prefix, e.field);
        }
        self.errors.push(e);
    }

    /// Records a problem by its catalogue key.
    pub fn bad(&mut self, field: &str, key: &str) {
        self.push(FieldError::new(field, key));
    }

    /// Text of at most `max` characters; required unless `optional`.
    pub fn text(&mut self, field: &str, v: &str, max: usize, required: bool) -> String {
        let v = v.trim();
        if v.is_empty() && required {
            self.bad(field, "common.required");
        } else if v.chars().count() > max {
            self.push(FieldError::new(field, "common.too_long").with("max", max));
        }
        v.to_string()
    }

    /// An amount in 万元 (not negative); `None` when empty (refused when `required`).
    pub fn money(&mut self, field: &str, v: &str, required: bool) -> Option<Fen> {
        let v = v.trim();
        if v.is_empty() {
            if required {
                self.bad(field, "common.required");
            }
            return None;
        }
        match Fen::parse_wan_yuan(v) {
            Ok(f) if f.get() < 0 => {
                self.bad(field, "project.amount_negative");
                None
            }
            Ok(f) => Some(f),
            Err(e) => {
                self.bad(field, e.key());
                None
            }
        }
    }

    /// A positive area in 亩.
    pub fn area(&mut self, field: &str, v: &str) -> Mu {
        if v.trim().is_empty() {
            self.bad(field, "common.required");
            return Mu::default();
        }
        Mu::parse(v).unwrap_or_else(|e| {
            self.bad(field, e.key());
            Mu::default()
        })
    }

    /// A date; `None` when empty (refused when `required`).
    pub fn date(&mut self, field: &str, v: &str, required: bool) -> Option<NaiveDate> {
        let v = v.trim();
        if v.is_empty() {
            if required {
                self.bad(field, "common.required");
            }
            return None;
        }
        let d = policy::dates::parse_flexible_date(v);
        if d.is_none() {
            self.bad(field, "common.date_format");
        }
        d
    }

    /// A region that exists; `None` when empty (refused when `required`).
    pub fn region(
        &mut self,
        field: &str,
        v: &str,
        ctx: &ParseContext,
        required: bool,
    ) -> Option<RegionCode> {
        let v = v.trim();
        if v.is_empty() {
            if required {
                self.bad(field, "common.required");
            }
            return None;
        }
        match RegionCode::parse(v) {
            Ok(r) if ctx.regions.contains(r.as_str()) => Some(r),
            _ => {
                self.push(FieldError::new(field, "region.unknown").with("code", v));
                None
            }
        }
    }

    /// A GB/T 4754 code; `None` when empty (refused when `required`).
    pub fn industry(
        &mut self,
        field: &str,
        v: &str,
        ctx: &ParseContext,
        required: bool,
    ) -> Option<String> {
        let v = v.trim();
        if v.is_empty() {
            if required {
                self.bad(field, "common.required");
            }
            return None;
        }
        match IndustryCode::parse(v, &ctx.industries) {
            Ok(c) => Some(c.as_str().to_string()),
            Err(policy::enterprise::IndustryCodeError::SectionMismatch { expected, .. }) => {
                self.push(
                    FieldError::new(field, "industry_code.section_mismatch")
                        .with("expected", expected),
                );
                None
            }
            Err(e) => {
                self.bad(field, e.key());
                None
            }
        }
    }

    /// A credit code; `None` when empty (refused when `required`).
    pub fn uscc(&mut self, field: &str, v: &str, required: bool) -> Option<Uscc> {
        let v = v.trim();
        if v.is_empty() {
            if required {
                self.bad(field, "common.required");
            }
            return None;
        }
        match Uscc::parse(v) {
            Ok(u) => Some(u),
            Err(e) => {
                self.push(FieldError::uscc(field, &e));
                None
            }
        }
    }

    /// One of a set of codes (`allowed` lists them for the message).
    pub fn choice<T>(
        &mut self,
        field: &str,
        v: &str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let t = parse(v.trim());
        if t.is_none() {
            self.push(FieldError::new(field, "common.choice").with("allowed", allowed.join(" / ")));
        }
        t
    }

    /// A year the platform keeps.
    pub fn year(&mut self, field: &str, y: Option<i32>) -> i32 {
        match y {
            Some(y) if policy::project::YEARS.contains(&y) => y,
            Some(_) => {
                self.bad(field, "common.year_range");
                0
            }
            None => {
                self.bad(field, "common.required");
                0
            }
        }
    }

    /// Whether nothing was wrong so far.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// Adds the problems of another check.
    pub fn absorb(&mut self, other: Check) {
        self.errors.extend(other.errors);
    }

    /// The problems, to add to another check.
    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }

    /// `Ok` when nothing was wrong, else every problem at once.
    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.errors))
        }
    }
}

/// Whether a writer's scope admits a record of `region` (writers' scopes are by region: the
/// city all, a county its subtree).
pub(crate) fn writable(scope: &Scope, region: &RegionCode) -> bool {
    scope.admits(Some(region), None, None)
}

/// The enterprise of a form, which must exist and lie in `scope`.
pub(crate) async fn enterprise_in<C: store::ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    uscc: &Uscc,
) -> Result<Option<store::entity::enterprise::Model>, AppError> {
    Ok(store::enterprise::profile::find(conn, scope, uscc.as_str()).await?)
}

/// The names of regions by code (for lists).
pub(crate) async fn region_names<C: store::ConnectionTrait>(
    conn: &C,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    Ok(store::org::region::all(conn)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect())
}

#[cfg(test)]
mod edit_tests;
#[cfg(test)]
mod tests;
