//! Indicator cards and enterprise group sets: loaded from the shipped rule files, listed, and
//! edited by an administrator (every change audited; an edited card survives later loads).

use super::{SHIPPED_GROUPS, SHIPPED_INDICATORS};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::Utc;
use policy::org::{Permission, RegionCode};
use policy::stats::{
    Frequency, GroupDef, GroupFile, GroupSetDef, IndicatorDef, IndicatorFile, format_tenths,
    parse_quantity,
};
use serde::{Deserialize, Serialize};
use store::entity::{stats_group_set, stats_indicator};

/// An indicator card as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    /// Code (`output`).
    pub code: String,
    /// Whether the aggregates use it when none is named.
    pub is_default: bool,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Chinese unit.
    pub unit_zh: String,
    /// English unit.
    pub unit_en: String,
    /// Decimal places a figure may carry (figures are stored in that step).
    pub decimals: i16,
    /// Money in 万元.
    pub money: bool,
    /// Definition (口径), Chinese.
    pub definition_zh: String,
    /// Definition, English.
    pub definition_en: String,
    /// Lead department.
    pub lead_department: String,
    /// `monthly`, `quarterly` or `yearly`.
    pub frequency: String,
    /// Who keeps it.
    pub owner: String,
    /// Whether growth is good news.
    pub higher_is_better: bool,
    /// Whether a figure may be negative.
    pub negative_allowed: bool,
    /// Growth below this (percent) is red.
    pub red_below_yoy_pct: Option<String>,
    /// Growth below this (percent) is orange.
    pub orange_below_yoy_pct: Option<String>,
    /// A reporting rate below this (percent) is flagged incomplete.
    pub min_reporting_pct: Option<i64>,
    /// An enterprise's growth beyond ± this (percent) is listed for checking.
    pub max_abs_yoy_pct: Option<String>,
    /// `shipped` or `edited`.
    pub source: String,
    /// Revision (each edit adds one).
    pub revision: i32,
    /// Last change.
    pub updated_at: chrono::DateTime<Utc>,
}

pub(crate) fn view(m: &stats_indicator::Model) -> IndicatorView {
    IndicatorView {
        code: m.code.clone(),
        is_default: m.is_default,
        name_zh: m.name_zh.clone(),
        name_en: m.name_en.clone(),
        unit_zh: m.unit_zh.clone(),
        unit_en: m.unit_en.clone(),
        decimals: m.decimals,
        money: m.money,
        definition_zh: m.definition_zh.clone(),
        definition_en: m.definition_en.clone(),
        lead_department: m.lead_department.clone(),
        frequency: m.frequency.clone(),
        owner: m.owner.clone(),
        higher_is_better: m.higher_is_better,
        negative_allowed: m.negative_allowed,
        red_below_yoy_pct: m.red_below_yoy.map(format_tenths),
        orange_below_yoy_pct: m.orange_below_yoy.map(format_tenths),
        min_reporting_pct: m.min_reporting_pct,
        max_abs_yoy_pct: m.max_abs_yoy.map(format_tenths),
        source: m.source.clone(),
        revision: m.revision,
        updated_at: m.updated_at,
    }
}

/// The card as the domain reads it (thresholds, decimals).
pub(crate) fn def(m: &stats_indicator::Model) -> IndicatorDef {
    IndicatorDef {
        code: m.code.clone(),
        default: m.is_default,
        name_zh: m.name_zh.clone(),
        name_en: m.name_en.clone(),
        unit_zh: m.unit_zh.clone(),
        unit_en: m.unit_en.clone(),
        decimals: m.decimals.clamp(0, 6) as u8,
        money: m.money,
        definition_zh: m.definition_zh.clone(),
        definition_en: m.definition_en.clone(),
        lead_department: m.lead_department.clone(),
        frequency: Frequency::parse(&m.frequency).unwrap_or(Frequency::Monthly),
        owner: m.owner.clone(),
        higher_is_better: m.higher_is_better,
        negative_allowed: m.negative_allowed,
        red_below_yoy: m.red_below_yoy,
        orange_below_yoy: m.orange_below_yoy,
        min_reporting_pct: m.min_reporting_pct,
        max_abs_yoy: m.max_abs_yoy,
    }
}

fn model(d: &IndicatorDef, sort: i32, source: &str, revision: i32) -> stats_indicator::Model {
    stats_indicator::Model {
        code: d.code.clone(),
        name_zh: d.name_zh.clone(),
        name_en: d.name_en.clone(),
        unit_zh: d.unit_zh.clone(),
        unit_en: d.unit_en.clone(),
        decimals: d.decimals as i16,
        money: d.money,
        definition_zh: d.definition_zh.clone(),
        definition_en: d.definition_en.clone(),
        lead_department: d.lead_department.clone(),
        frequency: d.frequency.as_str().into(),
        owner: d.owner.clone(),
        higher_is_better: d.higher_is_better,
        negative_allowed: d.negative_allowed,
        red_below_yoy: d.red_below_yoy,
        orange_below_yoy: d.orange_below_yoy,
        min_reporting_pct: d.min_reporting_pct,
        max_abs_yoy: d.max_abs_yoy,
        is_default: d.default,
        sort,
        source: source.into(),
        revision,
        updated_at: Utc::now(),
    }
}

fn audit_value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// The indicator card `code`, or the default card when none is named; an unknown code is
/// refused with `stats.indicator_unknown`.
pub(crate) async fn indicator<C: store::ConnectionTrait>(
    conn: &C,
    code: Option<&str>,
) -> Result<stats_indicator::Model, AppError> {
    let all = store::stats::all_indicators(conn).await?;
    let found = match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => all.into_iter().find(|m| m.code == c),
        None => all.into_iter().find(|m| m.is_default),
    };
    found.ok_or_else(|| AppError::invalid("indicator", "stats.indicator_unknown"))
}

/// Loads the shipped indicator cards and group sets: new ones are added, shipped ones the file
/// changed are updated (a new revision), edited ones are left alone. Returns how many were
/// written.
pub async fn load_shipped(app: &App) -> Result<usize, AppError> {
    let actor = Actor::system("stats");
    let meta = RequestMeta::cli("stats rules");
    let file: IndicatorFile = toml::from_str(SHIPPED_INDICATORS)
        .map_err(|e| AppError::Internal(format!("stats indicators: {e}")))?;
    file.validate()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let groups: GroupFile = toml::from_str(SHIPPED_GROUPS)
        .map_err(|e| AppError::Internal(format!("stats groups: {e}")))?;
    groups
        .validate()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let tx = app.db().begin_write().await?;
    let mut written = 0;
    for (sort, d) in file.indicator.iter().enumerate() {
        let stored = store::stats::find_indicator(&tx, &d.code).await?;
        let (revision, before) = match &stored {
            None => (1, serde_json::Value::Null),
            Some(m) if m.source == "shipped" && def(m) != *d => {
                (m.revision + 1, audit_value(&view(m)))
            }
            Some(_) => continue,
        };
        let m = model(d, sort as i32, "shipped", revision);
        record(
            &tx,
            &actor,
            &meta,
            AuditRecord {
                action: "stats_indicator.load",
                entity_type: "stats_indicator",
                entity_id: d.code.clone(),
                region_code: None,
                before,
                after: audit_value(&view(&m)),
            },
        )
        .await?;
        store::stats::save_indicator(&tx, m).await?;
        written += 1;
    }
    for (sort, s) in groups.set.iter().enumerate() {
        let stored = store::stats::find_group_set(&tx, &s.code).await?;
        let before = match &stored {
            None => serde_json::Value::Null,
            Some(m) if m.source == "shipped" && set_def(m).as_ref() != Some(s) => {
                audit_value(&set_view(m))
            }
            Some(_) => continue,
        };
        let m = set_model(s, sort as i32, "shipped")?;
        record(
            &tx,
            &actor,
            &meta,
            AuditRecord {
                action: "stats_group_set.load",
                entity_type: "stats_group_set",
                entity_id: s.code.clone(),
                region_code: Some(s.region.clone()),
                before,
                after: audit_value(&set_view(&m)),
            },
        )
        .await?;
        store::stats::save_group_set(&tx, m).await?;
        written += 1;
    }
    tx.commit().await?;
    Ok(written)
}

/// Every indicator card.
pub async fn list_indicators(app: &App, actor: &Actor) -> Result<Vec<IndicatorView>, AppError> {
    actor.require(Permission::STATS_READ)?;
    Ok(store::stats::all_indicators(app.db().conn())
        .await?
        .iter()
        .map(view)
        .collect())
}

/// One indicator card.
pub async fn get_indicator(
    app: &App,
    actor: &Actor,
    code: &str,
) -> Result<IndicatorView, AppError> {
    actor.require(Permission::STATS_READ)?;
    store::stats::find_indicator(app.db().conn(), code)
        .await?
        .map(|m| view(&m))
        .ok_or(AppError::NotFound)
}

/// The editable parts of a card (its code, unit step and money flag are fixed: stored figures
/// depend on them).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct IndicatorForm {
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Chinese unit.
    pub unit_zh: String,
    /// English unit.
    pub unit_en: String,
    /// Definition, Chinese.
    #[serde(default)]
    pub definition_zh: String,
    /// Definition, English.
    #[serde(default)]
    pub definition_en: String,
    /// Lead department.
    #[serde(default)]
    pub lead_department: String,
    /// `monthly`, `quarterly` or `yearly`.
    pub frequency: String,
    /// Who keeps it.
    #[serde(default)]
    pub owner: String,
    /// Whether growth is good news (default yes).
    #[serde(default)]
    pub higher_is_better: Option<bool>,
    /// Growth below this percentage is red (`-5`, `0`, `2.5`); empty for none.
    #[serde(default)]
    pub red_below_yoy_pct: Option<String>,
    /// Growth below this percentage is orange.
    #[serde(default)]
    pub orange_below_yoy_pct: Option<String>,
    /// Minimum reporting rate, 0-100.
    #[serde(default)]
    pub min_reporting_pct: Option<String>,
    /// Plausible growth range ± this percentage.
    #[serde(default)]
    pub max_abs_yoy_pct: Option<String>,
}

fn tenths(field: &str, v: &Option<String>) -> Result<Option<i64>, FieldError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_quantity(s, 1)
            .map(Some)
            .map_err(|_| FieldError::new(field, "stats.percent_format")),
    }
}

/// Edits a card (city level: the cards are shared by every region).
#[tracing::instrument(skip_all, fields(actor = %actor.username, code))]
pub async fn update_indicator(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    code: &str,
    form: IndicatorForm,
) -> Result<IndicatorView, AppError> {
    let scope = actor.scope(Permission::STATS_MANAGE)?;
    if !scope.is_all() {
        return Err(AppError::Forbidden(Permission::STATS_MANAGE));
    }
    let tx = app.db().begin_write().await?;
    let stored = store::stats::find_indicator(&tx, code)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let mut d = def(&stored);
    d.name_zh = form.name_zh.trim().into();
    d.name_en = form.name_en.trim().into();
    d.unit_zh = form.unit_zh.trim().into();
    d.unit_en = form.unit_en.trim().into();
    d.definition_zh = form.definition_zh.trim().into();
    d.definition_en = form.definition_en.trim().into();
    d.lead_department = form.lead_department.trim().into();
    d.owner = form.owner.trim().into();
    d.higher_is_better = form.higher_is_better.unwrap_or(true);
    match Frequency::parse(&form.frequency) {
        Some(f) => d.frequency = f,
        None => errors.push(
            FieldError::new("frequency", "common.choice")
                .with("allowed", "monthly/quarterly/yearly"),
        ),
    }
    for (field, value, slot) in [
        (
            "red_below_yoy_pct",
            &form.red_below_yoy_pct,
            &mut d.red_below_yoy,
        ),
        (
            "orange_below_yoy_pct",
            &form.orange_below_yoy_pct,
            &mut d.orange_below_yoy,
        ),
        ("max_abs_yoy_pct", &form.max_abs_yoy_pct, &mut d.max_abs_yoy),
    ] {
        match tenths(field, value) {
            Ok(v) => *slot = v,
            Err(e) => errors.push(e),
        }
    }
    d.min_reporting_pct = match form.min_reporting_pct.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => match s.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.push(FieldError::new("min_reporting_pct", "common.count_format"));
                None
            }
        },
    };
    if errors.is_empty()
        && let Err(e) = d.validate()
    {
        let field = match e {
            policy::stats::IndicatorsError::Name(_) => "name_zh",
            policy::stats::IndicatorsError::Thresholds(_) => "orange_below_yoy_pct",
            _ => "code",
        };
        errors.push(FieldError::new(field, e.key()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let m = model(&d, stored.sort, "edited", stored.revision + 1);
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "stats_indicator.update",
            entity_type: "stats_indicator",
            entity_id: code.to_string(),
            region_code: None,
            before: audit_value(&view(&stored)),
            after: audit_value(&view(&m)),
        },
    )
    .await?;
    store::stats::save_indicator(&tx, m.clone()).await?;
    tx.commit().await?;
    Ok(view(&m))
}

/// One group of a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GroupForm {
    /// Code, unique in the set.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// GB/T 4754 prefixes with the section letter (`C39`, `C3833`).
    pub prefixes: Vec<String>,
}

/// A group set to save (replaces the set with its code).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct GroupSetForm {
    /// Code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// The region whose dashboards use it.
    pub region_code: String,
    /// The groups, in display order.
    pub groups: Vec<GroupForm>,
}

/// A group set as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupSetView {
    /// Code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Region.
    pub region_code: String,
    /// Groups.
    pub groups: Vec<GroupForm>,
    /// `shipped` or `edited`.
    pub source: String,
}

pub(crate) fn set_def(m: &stats_group_set::Model) -> Option<GroupSetDef> {
    let groups: Vec<GroupForm> = serde_json::from_str(&m.groups).ok()?;
    Some(GroupSetDef {
        code: m.code.clone(),
        name_zh: m.name_zh.clone(),
        name_en: m.name_en.clone(),
        region: m.region_code.clone(),
        group: groups
            .into_iter()
            .map(|g| GroupDef {
                code: g.code,
                name_zh: g.name_zh,
                name_en: g.name_en,
                prefixes: g.prefixes,
            })
            .collect(),
    })
}

fn set_view(m: &stats_group_set::Model) -> GroupSetView {
    GroupSetView {
        code: m.code.clone(),
        name_zh: m.name_zh.clone(),
        name_en: m.name_en.clone(),
        region_code: m.region_code.clone(),
        groups: serde_json::from_str(&m.groups).unwrap_or_default(),
        source: m.source.clone(),
    }
}

fn set_model(s: &GroupSetDef, sort: i32, source: &str) -> Result<stats_group_set::Model, AppError> {
    let groups: Vec<GroupForm> = s
        .group
        .iter()
        .map(|g| GroupForm {
            code: g.code.clone(),
            name_zh: g.name_zh.clone(),
            name_en: g.name_en.clone(),
            prefixes: g.prefixes.clone(),
        })
        .collect();
    Ok(stats_group_set::Model {
        code: s.code.clone(),
        name_zh: s.name_zh.clone(),
        name_en: s.name_en.clone(),
        region_code: s.region.clone(),
        groups: serde_json::to_string(&groups).map_err(|e| AppError::Internal(e.to_string()))?,
        sort,
        source: source.into(),
        updated_at: Utc::now(),
    })
}

/// The group sets of the regions the actor may read statistics of (and of the regions above
/// them, which apply there too).
pub async fn list_group_sets(app: &App, actor: &Actor) -> Result<Vec<GroupSetView>, AppError> {
    let scope = actor.scope(Permission::STATS_READ)?;
    let filter = super::scope::ScopeFilter::new(&scope);
    Ok(store::stats::all_group_sets(app.db().conn())
        .await?
        .iter()
        .filter(|m| filter.reaches_region(&m.region_code))
        .map(set_view)
        .collect())
}

/// Saves a group set of a region in the actor's scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn save_group_set(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: GroupSetForm,
) -> Result<GroupSetView, AppError> {
    let scope = actor.scope(Permission::STATS_MANAGE)?;
    let region = RegionCode::parse(&form.region_code)
        .map_err(|_| AppError::invalid("region_code", "region_code.format"))?;
    if !scope.is_all() && !scope.admits(Some(&region), None, None) {
        return Err(AppError::NotFound);
    }
    let def = GroupSetDef {
        code: form.code.trim().to_string(),
        name_zh: form.name_zh.trim().to_string(),
        name_en: form.name_en.trim().to_string(),
        region: region.to_string(),
        group: form
            .groups
            .into_iter()
            .map(|g| GroupDef {
                code: g.code.trim().to_string(),
                name_zh: g.name_zh.trim().to_string(),
                name_en: g.name_en.trim().to_string(),
                prefixes: g
                    .prefixes
                    .iter()
                    .map(|p| p.trim().to_ascii_uppercase())
                    .filter(|p| !p.is_empty())
                    .collect(),
            })
            .collect(),
    };
    def.validate().map_err(|e| {
        let field = match e {
            policy::stats::GroupsError::Prefix(_) => "prefixes",
            policy::stats::GroupsError::Code(_) => "code",
            policy::stats::GroupsError::Set(_) => "groups",
        };
        AppError::invalid(field, e.key())
    })?;
    let tx = app.db().begin_write().await?;
    let stored = store::stats::find_group_set(&tx, &def.code).await?;
    if let Some(s) = &stored
        && !scope.is_all()
        && !RegionCode::parse(&s.region_code).is_ok_and(|r| scope.admits(Some(&r), None, None))
    {
        // Another region's set of the same code: not the actor's to replace.
        return Err(AppError::NotFound);
    }
    let m = set_model(
        &def,
        stored.as_ref().map(|s| s.sort).unwrap_or(100),
        "edited",
    )?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: if stored.is_some() {
                "stats_group_set.update"
            } else {
                "stats_group_set.create"
            },
            entity_type: "stats_group_set",
            entity_id: def.code.clone(),
            region_code: Some(def.region.clone()),
            before: stored
                .as_ref()
                .map(|s| audit_value(&set_view(s)))
                .unwrap_or(serde_json::Value::Null),
            after: audit_value(&set_view(&m)),
        },
    )
    .await?;
    store::stats::save_group_set(&tx, m.clone()).await?;
    tx.commit().await?;
    Ok(set_view(&m))
}
