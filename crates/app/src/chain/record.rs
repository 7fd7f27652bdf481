//! Chains: creating and editing one (leaders, lead department, working group, plan), its
//! yearly target; the list with figures and the whole record of one chain are in `read`.

use super::{check_year, field, text};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::Utc;
use policy::chain::{ChainCode, LeaderRole};
use policy::org::{Permission, RegionCode, Scope};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::entity::{chain, chain_leader};

mod read;

pub use read::{
    ChainDetail, ChainInfo, ChainListQuery, ChainListView, ChainSummaryView, LeaderView,
    TitleSummaryView, get_chain, list_chains,
};

/// A leader of a chain, as typed in.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct LeaderForm {
    /// `general_chain_leader` (总链长), `chain_leader` (链长) or `deputy_chain_leader` (副链长).
    #[serde(default)]
    pub role: String,
    /// Name (taken from the user when a user is named and this is empty).
    #[serde(default)]
    pub name: String,
    /// Post, e.g. 区委书记.
    #[serde(default)]
    pub post: String,
    /// The leader's user account, if any.
    #[serde(default)]
    pub user_id: Option<i64>,
}

/// A chain as typed in (`POST /api/v1/chains`; on update the code and region stay as they
/// are).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ChainForm {
    /// Stable code, e.g. `CP-ALU-FUNC` (capitals, digits, hyphens).
    #[serde(default)]
    pub code: String,
    /// Name, e.g. 新型功能铝产品.
    #[serde(default)]
    pub name: String,
    /// The region the chain belongs to (a city or a county).
    #[serde(default)]
    pub region_code: String,
    /// The industry it belongs to, e.g. 铝及铝精深加工.
    #[serde(default)]
    pub industry: String,
    /// The lead department (牵头部门).
    #[serde(default)]
    pub lead_department_id: Option<i64>,
    /// The working group (工作专班): members and units.
    #[serde(default)]
    pub working_group: String,
    /// Title of the policy plan (一链一策).
    #[serde(default)]
    pub plan_title: String,
    /// Text of the policy plan.
    #[serde(default)]
    pub plan_text: String,
    /// General chain leaders, chain leader and deputies, in order.
    #[serde(default)]
    pub leaders: Vec<LeaderForm>,
}

/// A chain's output target for a year (kept as the statistics context's target of kind
/// `chain`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TargetForm {
    /// Year.
    #[serde(default)]
    pub year: i32,
    /// Target, 万元 (gross output).
    #[serde(default)]
    pub target_wan_yuan: String,
}

struct Checked {
    name: String,
    industry: String,
    lead_department_id: Option<i64>,
    working_group: String,
    plan_title: String,
    plan_text: String,
    leaders: Vec<LeaderRow>,
}

/// A leader as stored and audited.
#[derive(Debug, Clone, Serialize)]
struct LeaderRow {
    role: String,
    name: String,
    post: String,
    user_id: Option<i64>,
}

impl LeaderRow {
    fn of(m: chain_leader::Model) -> LeaderRow {
        LeaderRow {
            role: m.role,
            name: m.name,
            post: m.post,
            user_id: m.user_id,
        }
    }

    fn row(&self, chain_id: i64, position: usize) -> chain_leader::ActiveModel {
        chain_leader::ActiveModel {
            chain_id: Set(chain_id),
            role: Set(self.role.clone()),
            user_id: Set(self.user_id),
            name: Set(self.name.clone()),
            post: Set(self.post.clone()),
            position: Set(position as i32),
            ..Default::default()
        }
    }
}

async fn check(
    app: &App,
    form: &ChainForm,
    mut errors: Vec<FieldError>,
) -> Result<Checked, AppError> {
    let conn = app.db().conn();
    let name = text(&mut errors, "name", &form.name, true, 100);
    let industry = text(&mut errors, "industry", &form.industry, false, 100);
    let working_group = text(
        &mut errors,
        "working_group",
        &form.working_group,
        false,
        2000,
    );
    let plan_title = text(&mut errors, "plan_title", &form.plan_title, false, 200);
    let plan_text = text(&mut errors, "plan_text", &form.plan_text, false, 20000);
    if let Some(d) = form.lead_department_id {
        match store::service::recipients::department(conn, d).await? {
            Some(dep) if !dep.retired => {}
            _ => errors.push(FieldError::new(
                "lead_department_id",
                "ticket.department_unknown",
            )),
        }
    }
    let mut leaders = Vec::new();
    for (i, l) in form.leaders.iter().enumerate() {
        let at = |f: &str| format!("leaders[{i}].{f}");
        let role = LeaderRole::parse(&l.role).map_err(|e| errors.push(field(&at("role"), e)));
        let user = match l.user_id {
            Some(id) => {
                let u = store::org::user::find_by_id(conn, id).await?;
                if u.is_none() {
                    errors.push(FieldError::new(at("user_id"), "chain.user_unknown"));
                }
                u
            }
            None => None,
        };
        let typed = text(&mut errors, &at("post"), &l.post, false, 100);
        let name = match (&user, l.name.trim()) {
            (Some(u), "") => u.display_name.clone(),
            _ => text(&mut errors, &at("name"), &l.name, true, 50),
        };
        if let Ok(role) = role {
            leaders.push(LeaderRow {
                role: role.as_str().into(),
                user_id: user.map(|u| u.id),
                name,
                post: typed,
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Checked {
        name,
        industry,
        lead_department_id: form.lead_department_id,
        working_group,
        plan_title,
        plan_text,
        leaders,
    })
}

fn audit_view(c: &chain::Model, leaders: &[LeaderRow]) -> serde_json::Value {
    json!({"code": c.code, "name": c.name, "region_code": c.region_code, "industry": c.industry,
        "lead_department_id": c.lead_department_id, "working_group": c.working_group,
        "plan_title": c.plan_title, "plan_text": c.plan_text, "leaders": leaders})
}

/// The chain, if the scope admits it.
pub(crate) async fn chain_in(app: &App, scope: &Scope, id: i64) -> Result<chain::Model, AppError> {
    store::chain::record::find(app.db().conn(), scope, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Creates a chain in a region of the actor's scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_chain(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: ChainForm,
) -> Result<chain::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let mut errors = Vec::new();
    let code = ChainCode::parse(&form.code)
        .map_err(|e| errors.push(field("code", e)))
        .ok();
    let region = match RegionCode::parse(form.region_code.trim()) {
        Ok(r)
            if store::org::region::find(app.db().conn(), r.as_str())
                .await?
                .is_none() =>
        {
            errors.push(
                FieldError::new("region_code", "region.unknown")
                    .with("code", form.region_code.trim()),
            );
            None
        }
        Ok(r) if !scope.admits(Some(&r), None, None) => {
            errors.push(FieldError::new("region_code", "region.out_of_scope"));
            None
        }
        Ok(r) => Some(r),
        Err(_) => {
            errors.push(
                FieldError::new("region_code", "region.unknown")
                    .with("code", form.region_code.trim()),
            );
            None
        }
    };
    if let Some(c) = &code
        && store::chain::record::code_taken(app.db().conn(), c.as_str()).await?
    {
        errors.push(FieldError::new("code", "chain.code_taken"));
    }
    let v = check(app, &form, errors).await?;
    let (Some(code), Some(region)) = (code, region) else {
        return Err(AppError::Invalid(Vec::new()));
    };
    let now = Utc::now();
    let tx = app.db().begin_write().await?;
    let c = store::chain::record::insert(
        &tx,
        chain::ActiveModel {
            code: Set(code.to_string()),
            name: Set(v.name),
            region_code: Set(region.to_string()),
            industry: Set(v.industry),
            lead_department_id: Set(v.lead_department_id),
            working_group: Set(v.working_group),
            plan_updated_at: Set((!v.plan_text.is_empty()).then_some(now)),
            plan_title: Set(v.plan_title),
            plan_text: Set(v.plan_text),
            status: Set("active".into()),
            status_reason: Set(String::new()),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await
    .map_err(|e| {
        if store::is_unique_violation(&e) {
            AppError::invalid("code", "chain.code_taken")
        } else {
            e.into()
        }
    })?;
    let after = audit_view(&c, &v.leaders);
    let rows = v
        .leaders
        .iter()
        .enumerate()
        .map(|(i, l)| l.row(c.id, i))
        .collect();
    store::chain::record::replace_leaders(&tx, c.id, rows).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "chain.create",
            entity_type: "chain",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: serde_json::Value::Null,
            after,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(c)
}

/// Edits a chain's name, industry, lead department, working group, plan and leaders (its code
/// and region stay: other contexts key on the code).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn update_chain(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: ChainForm,
) -> Result<chain::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let current = chain_in(app, &scope, id).await?;
    let v = check(app, &form, Vec::new()).await?;
    let old_leaders: Vec<LeaderRow> =
        store::chain::record::leaders_of(app.db().conn(), &scope, &[id])
            .await?
            .into_iter()
            .map(LeaderRow::of)
            .collect();
    let before = audit_view(&current, &old_leaders);
    let plan_changed = current.plan_text != v.plan_text || current.plan_title != v.plan_title;
    let now = Utc::now();
    let mut am = current.clone().into_active_model();
    am.name = Set(v.name.clone());
    am.industry = Set(v.industry);
    am.lead_department_id = Set(v.lead_department_id);
    am.working_group = Set(v.working_group);
    am.plan_title = Set(v.plan_title);
    am.plan_text = Set(v.plan_text);
    if plan_changed {
        am.plan_updated_at = Set(Some(now));
    }
    am.updated_at = Set(now);
    let tx = app.db().begin_write().await?;
    let c = store::chain::record::update(&tx, am).await?;
    let after = audit_view(&c, &v.leaders);
    let rows = v
        .leaders
        .iter()
        .enumerate()
        .map(|(i, l)| l.row(c.id, i))
        .collect();
    store::chain::record::replace_leaders(&tx, c.id, rows).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "chain.update",
            entity_type: "chain",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before,
            after,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(c)
}

/// Sets a chain's output target for a year: a statistics target of kind `chain` keyed by the
/// chain's code (`app::stats::targets`, audited there), under `chain:manage` for a chain in
/// the actor's scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn set_chain_target(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: TargetForm,
) -> Result<(), AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, id).await?;
    let mut errors = Vec::new();
    if let Err(AppError::Invalid(e)) = check_year(form.year) {
        errors.extend(e);
    }
    if form.target_wan_yuan.trim().is_empty() {
        errors.push(FieldError::new("target_wan_yuan", "common.required"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let target = crate::stats::TargetForm {
        kind: "chain".into(),
        key: c.code.clone(),
        year: form.year,
        indicator: None,
        value: form.target_wan_yuan.trim().to_string(),
        region_code: Some(c.region_code.clone()),
        note: format!("{}产业链目标", c.name),
    };
    // The chain's scope decides (the chain office holds `chain:manage`, not `stats:manage`).
    match crate::stats::set_target_in(app, actor, meta, &scope, target).await {
        Ok(_) => Ok(()),
        Err(AppError::Invalid(mut e)) => {
            for f in &mut e {
                if f.field == "value" {
                    f.field = "target_wan_yuan".into();
                }
            }
            Err(AppError::Invalid(e))
        }
        Err(e) => Err(e),
    }
}

/// The departments the actor may name as a chain's lead department: those of the regions of
/// the actor's `chain:manage` scope.
pub async fn lead_departments(app: &App, actor: &Actor) -> Result<Vec<(i64, String)>, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    Ok(store::org::department::all(app.db().conn())
        .await?
        .into_iter()
        .filter(|d| {
            !d.retired
                && RegionCode::parse(&d.region_code)
                    .is_ok_and(|r| scope.admits(Some(&r), None, None))
        })
        .map(|d| (d.id, d.name))
        .collect())
}
