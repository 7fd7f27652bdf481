//! Monthly figures: checked against the indicator cards (unit precision, sign), the registry
//! and the actor's scope, written in bulk with one audit entry per enterprise and month that
//! names every figure it changed (`stats_figure`, id `USCC/2022-03`, diff by indicator code).
//! The API, the spreadsheet import and the demo all go through [`plan_figures`].

use crate::enterprise::fields::{Field, FieldKind};
use crate::io::audit::AuditBatch;
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{Datelike, Utc};
use policy::org::{Permission, Scope};
use policy::stats::{format_quantity, parse_quantity};
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use store::ConnectionTrait;
use store::entity::stats_figure;

/// 月份.
pub const MONTH_CHOICES: &[(&str, &str)] = &[
    ("1", "1月"),
    ("2", "2月"),
    ("3", "3月"),
    ("4", "4月"),
    ("5", "5月"),
    ("6", "6月"),
    ("7", "7月"),
    ("8", "8月"),
    ("9", "9月"),
    ("10", "10月"),
    ("11", "11月"),
    ("12", "12月"),
];

/// Columns of the monthly figures template, import and export.
pub(crate) const FIGURE_FIELDS: &[Field] = &[
    Field {
        key: "uscc",
        zh: "统一社会信用代码",
        en: "Unified social credit code",
        kind: FieldKind::Uscc,
        required: true,
    },
    Field {
        key: "indicator",
        zh: "指标代码",
        en: "Indicator code",
        kind: FieldKind::Text(32),
        required: true,
    },
    Field {
        key: "year",
        zh: "年度",
        en: "Year",
        kind: FieldKind::Year,
        required: true,
    },
    Field {
        key: "month",
        zh: "月份",
        en: "Month",
        kind: FieldKind::Choice(MONTH_CHOICES),
        required: true,
    },
    Field {
        key: "value",
        zh: "数值",
        en: "Value (in the indicator's unit)",
        kind: FieldKind::Decimal,
        required: true,
    },
];

/// One figure as given (a spreadsheet row or an API item).
#[derive(Debug, Clone)]
pub struct RawFigure {
    /// Row number (spreadsheet) or position (API, 0-based) for error reports.
    pub number: u32,
    /// Credit code.
    pub uscc: String,
    /// Indicator code.
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// Month 1-12.
    pub month: u8,
    /// The value as text, in the indicator's unit.
    pub value: String,
}

struct Op {
    uscc: String,
    indicator: String,
    year: i32,
    month: u8,
    before: Option<i64>,
    after: i64,
}

/// The writes a set of figures asks for.
pub struct FigurePlan {
    ops: Vec<Op>,
    unchanged: usize,
    regions: HashMap<String, String>,
    decimals: HashMap<String, u8>,
}

/// Where problems go: (row, field, catalogue key, parameters).
pub type Report<'a> = &'a mut (dyn FnMut(u32, &str, &str, Vec<(String, String)>) + Send);

/// Checks figures against the indicator cards, the registry (the enterprise exists and is in
/// `scope`), the calendar (no month after the current one) and the stored figures (an existing
/// one is only replaced with `update_existing`).
pub async fn plan_figures<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    raws: Vec<RawFigure>,
    update_existing: bool,
    report: Report<'_>,
) -> Result<FigurePlan, AppError> {
    let indicators: HashMap<String, store::entity::stats_indicator::Model> =
        store::stats::all_indicators(conn)
            .await?
            .into_iter()
            .map(|m| (m.code.clone(), m))
            .collect();
    let mut usccs: Vec<String> = raws.iter().map(|r| r.uscc.clone()).collect();
    usccs.sort();
    usccs.dedup();
    let regions: HashMap<String, String> =
        store::enterprise::bulk::enterprises(conn, Some(scope), &usccs)
            .await?
            .into_iter()
            .map(|m| (m.uscc, m.region_code))
            .collect();
    let mut years: Vec<i32> = raws.iter().map(|r| r.year).collect();
    years.sort();
    years.dedup();
    let stored: HashMap<(String, String, i32, i16), i64> =
        store::stats::figures_for_years(conn, &usccs, &years)
            .await?
            .into_iter()
            .collect();
    let today = crate::service::local_date(Utc::now());
    let now = (today.year(), today.month() as u8);
    let mut plan = FigurePlan {
        ops: Vec::with_capacity(raws.len()),
        unchanged: 0,
        regions: HashMap::new(),
        decimals: indicators
            .values()
            .map(|m| (m.code.clone(), m.decimals.clamp(0, 6) as u8))
            .collect(),
    };
    for r in raws {
        let mut ok = true;
        let code = r.indicator.trim().to_ascii_lowercase();
        let ind = indicators.get(&code);
        if ind.is_none() {
            report(
                r.number,
                "indicator",
                "stats.indicator_unknown",
                vec![("code".into(), r.indicator.clone())],
            );
            ok = false;
        }
        if !regions.contains_key(&r.uscc) {
            report(r.number, "uscc", "enterprise.not_found", Vec::new());
            ok = false;
        }
        if !(1..=12).contains(&r.month) {
            report(r.number, "month", "stats.month_range", Vec::new());
            ok = false;
        } else if (r.year, r.month) > now {
            report(r.number, "month", "stats.month_future", Vec::new());
            ok = false;
        }
        let value =
            ind.and_then(
                |ind| match parse_quantity(&r.value, ind.decimals.clamp(0, 6) as u8) {
                    Ok(v) if v < 0 && !ind.negative_allowed => {
                        report(r.number, "value", "stats.value_negative", Vec::new());
                        None
                    }
                    Ok(v) => Some(v),
                    Err(e) => {
                        report(
                            r.number,
                            "value",
                            e.key(),
                            vec![
                                ("decimals".into(), ind.decimals.to_string()),
                                ("unit".into(), ind.unit_zh.clone()),
                            ],
                        );
                        None
                    }
                },
            );
        let (Some(value), true) = (value, ok) else {
            continue;
        };
        let before = stored
            .get(&(r.uscc.clone(), code.clone(), r.year, r.month as i16))
            .copied();
        if before == Some(value) {
            plan.unchanged += 1;
            continue;
        }
        if before.is_some() && !update_existing {
            report(
                r.number,
                "value",
                "stats.figure_exists",
                vec![("period".into(), format!("{}-{:02}", r.year, r.month))],
            );
            continue;
        }
        plan.ops.push(Op {
            uscc: r.uscc,
            indicator: code,
            year: r.year,
            month: r.month,
            before,
            after: value,
        });
    }
    plan.regions = regions;
    Ok(plan)
}

impl FigurePlan {
    /// (created, updated, unchanged).
    pub fn counts(&self) -> (usize, usize, usize) {
        let updated = self.ops.iter().filter(|o| o.before.is_some()).count();
        (self.ops.len() - updated, updated, self.unchanged)
    }

    /// Writes the figures and one audit entry per enterprise and month naming each figure
    /// changed (before and after, in the indicator's unit).
    pub async fn write<C: ConnectionTrait>(
        self,
        conn: &C,
        actor: &Actor,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let now = Utc::now();
        let text = |code: &str, v: i64| {
            let d = self.decimals.get(code).copied().unwrap_or(0);
            Value::String(format_quantity(v as i128, d, d))
        };
        // (enterprise, year, month) → (before, after) by indicator code.
        type Diff = (Map<String, Value>, Map<String, Value>);
        let mut batches: BTreeMap<(String, i32, u8), Diff> = BTreeMap::new();
        for o in &self.ops {
            let (before, after) = batches
                .entry((o.uscc.clone(), o.year, o.month))
                .or_default();
            if let Some(b) = o.before {
                before.insert(o.indicator.clone(), text(&o.indicator, b));
            }
            after.insert(o.indicator.clone(), text(&o.indicator, o.after));
        }
        let mut audit = AuditBatch::with_capacity(batches.len());
        for ((uscc, year, month), (before, after)) in batches {
            let region = self.regions.get(&uscc).cloned();
            let action = if before.is_empty() {
                "stats_figure.create"
            } else {
                "stats_figure.update"
            };
            audit.push(
                actor,
                meta,
                action,
                "stats_figure",
                format!("{uscc}/{year}-{month:02}"),
                region,
                &Value::Object(before),
                &Value::Object(after),
            )?;
        }
        let rows = self
            .ops
            .into_iter()
            .map(|o| stats_figure::ActiveModel {
                uscc: Set(o.uscc),
                indicator: Set(o.indicator),
                year: Set(o.year),
                month: Set(o.month as i16),
                value: Set(o.after),
                updated_at: Set(now),
            })
            .collect();
        store::stats::upsert_figures(conn, rows).await?;
        audit.write(conn).await
    }
}

/// One figure to record through the API.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct FigureInput {
    /// Credit code.
    pub uscc: String,
    /// Indicator code (`output`).
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// Month 1-12.
    pub month: i64,
    /// The value in the indicator's unit (万元 for money), as text to stay exact: `"1234.56"`.
    pub value: String,
}

/// What recording figures did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FiguresReport {
    /// Figures created.
    pub created: usize,
    /// Figures replaced.
    pub updated: usize,
    /// Figures equal to the stored ones.
    pub unchanged: usize,
}

/// Records figures: all or nothing (any problem refuses the whole batch, naming each by
/// `figures[i].field`); an existing figure is replaced only with `update_existing`.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = inputs.len()))]
pub async fn record_figures(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    inputs: Vec<FigureInput>,
    update_existing: bool,
) -> Result<FiguresReport, AppError> {
    let scope = actor.scope(Permission::STATS_WRITE)?;
    if inputs.is_empty() {
        return Err(AppError::invalid("figures", "common.required"));
    }
    // (position, error): reported in the order of the items.
    let mut errors: Vec<(usize, FieldError)> = Vec::new();
    let mut raws = Vec::with_capacity(inputs.len());
    let mut first_of: HashMap<(String, String, i32, i64), usize> = HashMap::new();
    for (i, f) in inputs.into_iter().enumerate() {
        let at = |field: &str| format!("figures[{i}].{field}");
        let uscc = match policy::enterprise::Uscc::parse(&f.uscc) {
            Ok(u) => u.to_string(),
            Err(e) => {
                errors.push((i, FieldError::uscc(at("uscc"), &e)));
                continue;
            }
        };
        if !(1949..=2100).contains(&f.year) {
            errors.push((i, FieldError::new(at("year"), "common.year_format")));
            continue;
        }
        if !(1..=12).contains(&f.month) {
            errors.push((i, FieldError::new(at("month"), "stats.month_range")));
            continue;
        }
        let key = (
            uscc.clone(),
            f.indicator.trim().to_ascii_lowercase(),
            f.year,
            f.month,
        );
        if let Some(first) = first_of.get(&key) {
            errors.push((
                i,
                FieldError::new(at("uscc"), "import.duplicate_in_file").with("row", first),
            ));
            continue;
        }
        first_of.insert(key, i);
        raws.push(RawFigure {
            number: i as u32,
            uscc,
            indicator: f.indicator,
            year: f.year,
            month: f.month as u8,
            value: f.value,
        });
    }
    let tx = app.db().begin_write().await?;
    let plan = plan_figures(
        &tx,
        &scope,
        raws,
        update_existing,
        &mut |i, field, key, params| {
            let mut e = FieldError::new(format!("figures[{i}].{field}"), key);
            e.params = params;
            errors.push((i as usize, e));
        },
    )
    .await?;
    if !errors.is_empty() {
        tx.rollback().await?;
        errors.sort_by_key(|(i, _)| *i);
        return Err(AppError::Invalid(
            errors.into_iter().map(|(_, e)| e).collect(),
        ));
    }
    let (created, updated, unchanged) = plan.counts();
    if created + updated > 0 {
        plan.write(&tx, actor, meta).await?;
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(FiguresReport {
        created,
        updated,
        unchanged,
    })
}

/// The figures of one enterprise in a year, as (indicator → 12 months, exact text or null).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EnterpriseFiguresView {
    /// Credit code.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Year.
    pub year: i32,
    /// One row per indicator with figures: (code, name, unit, months).
    pub rows: Vec<EnterpriseFigureRow>,
}

/// One indicator's months of an enterprise.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EnterpriseFigureRow {
    /// Indicator code.
    pub indicator: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// January to December, exact; null where not reported.
    pub months: Vec<Option<String>>,
    /// Sum of the reported months.
    pub total: String,
}

/// The monthly figures of an enterprise in scope for a year.
pub async fn enterprise_figures(
    app: &App,
    actor: &Actor,
    uscc: &str,
    year: i32,
) -> Result<EnterpriseFiguresView, AppError> {
    let scope = actor.scope(Permission::STATS_READ)?;
    let conn = app.db().conn();
    let e = store::enterprise::profile::find(conn, &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    let figures =
        store::stats::figures_for_years(conn, std::slice::from_ref(&e.uscc), &[year]).await?;
    let en = actor.locale.starts_with("en");
    let mut rows = Vec::new();
    for ind in store::stats::all_indicators(conn).await? {
        let d = ind.decimals.clamp(0, 6) as u8;
        let mut months: Vec<Option<i64>> = vec![None; 12];
        for ((_, code, _, m), v) in &figures {
            if *code == ind.code
                && let Some(slot) = months.get_mut((*m as usize).wrapping_sub(1))
            {
                *slot = Some(*v);
            }
        }
        if months.iter().all(Option::is_none) {
            continue;
        }
        let total: i128 = months.iter().flatten().map(|v| *v as i128).sum();
        rows.push(EnterpriseFigureRow {
            name: if en {
                ind.name_en.clone()
            } else {
                ind.name_zh.clone()
            },
            unit: if en {
                ind.unit_en.clone()
            } else {
                ind.unit_zh.clone()
            },
            months: months
                .iter()
                .map(|v| v.map(|v| format_quantity(v as i128, d, d)))
                .collect(),
            total: format_quantity(total, d, d),
            indicator: ind.code,
        });
    }
    Ok(EnterpriseFiguresView {
        uscc: e.uscc,
        name: e.name,
        year,
        rows,
    })
}

/// Every figure of these enterprises as export rows (field key → value).
pub(crate) async fn figure_rows<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
) -> Result<Vec<Map<String, Value>>, AppError> {
    let decimals: HashMap<String, u8> = store::stats::all_indicators(conn)
        .await?
        .into_iter()
        .map(|m| (m.code, m.decimals.clamp(0, 6) as u8))
        .collect();
    let mut figures = store::stats::figures_for_years(conn, usccs, &[]).await?;
    figures.sort();
    Ok(figures
        .into_iter()
        .map(|((uscc, ind, year, month), v)| {
            let d = decimals.get(&ind).copied().unwrap_or(0);
            let mut m = Map::new();
            m.insert("uscc".into(), Value::String(uscc));
            m.insert("indicator".into(), Value::String(ind));
            m.insert("year".into(), Value::from(year));
            m.insert("month".into(), Value::String(month.to_string()));
            m.insert(
                "value".into(),
                Value::String(format_quantity(v as i128, d, d)),
            );
            m
        })
        .collect())
}
