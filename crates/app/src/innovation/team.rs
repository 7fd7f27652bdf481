//! Research teams (科研团队): profiles with fields, results, patents, people and capacity.

use super::{Errors, json_list, list_of, parse_tags};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, Page, PageRequest, RequestMeta};
use chrono::Utc;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::entity::research_team;

/// The kinds of team.
pub const TEAM_KINDS: &[&str] = &["university", "institute", "company"];

/// A team profile as typed (`POST /api/v1/innovation/teams`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TeamForm {
    /// Team name.
    #[serde(default)]
    pub name: String,
    /// University, institute or company it belongs to.
    #[serde(default)]
    pub institution: String,
    /// `university`, `institute` or `company`.
    #[serde(default)]
    pub kind: String,
    /// Region code of the institution.
    #[serde(default)]
    pub region_code: String,
    /// Fields (tags), separated by commas.
    #[serde(default)]
    pub fields: String,
    /// What the team does.
    #[serde(default)]
    pub summary: String,
    /// Results so far (projects, awards, products).
    #[serde(default)]
    pub results: String,
    /// Patents held.
    #[serde(default)]
    pub patents: Option<i32>,
    /// People in the team.
    #[serde(default)]
    pub people: Option<i32>,
    /// Challenges it can take on at the same time.
    #[serde(default)]
    pub capacity: Option<i32>,
    /// The account that keeps it (set by administrators; a team user keeps their own).
    #[serde(default)]
    pub user_id: Option<i64>,
}

/// A team profile.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Institution.
    pub institution: String,
    /// Kind.
    pub kind: String,
    /// Region.
    pub region_code: String,
    /// Field tags.
    pub fields: Vec<String>,
    /// Summary.
    pub summary: String,
    /// Results.
    pub results: String,
    /// Patents.
    pub patents: i32,
    /// People.
    pub people: i32,
    /// Concurrent challenges it can take.
    pub capacity: i32,
    /// Challenges it won and completed (from the records).
    pub completed: i32,
    /// Challenges it is working on (from the records).
    pub active: i32,
    /// Whether the reader keeps this team.
    pub mine: bool,
}

pub(crate) fn view(
    m: &research_team::Model,
    completed: i32,
    active: i32,
    actor: &Actor,
) -> TeamView {
    TeamView {
        id: m.id,
        name: m.name.clone(),
        institution: m.institution.clone(),
        kind: m.kind.clone(),
        region_code: m.region_code.clone(),
        fields: list_of(&m.fields),
        summary: m.summary.clone(),
        results: m.results.clone(),
        patents: m.patents,
        people: m.people,
        capacity: m.capacity,
        completed,
        active,
        mine: m.user_id.is_some() && m.user_id == actor.stored_id(),
    }
}

fn count(errors: &mut Errors, field: &str, v: Option<i32>, default: i32, max: i32) -> i32 {
    let v = v.unwrap_or(default);
    if !(0..=max).contains(&v) {
        errors.push(field, "innovation.out_of_range");
    }
    v
}

/// Creates or updates the actor's own team (a research-team user), or any team for a holder
/// of `challenge:manage` (`id` names the team to update; none creates one).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn save_team(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: Option<i64>,
    form: TeamForm,
) -> Result<TeamView, AppError> {
    let manager = actor.can(Permission::CHALLENGE_MANAGE);
    if !manager {
        actor.require(Permission::CHALLENGE_APPLY)?;
    }
    let mut e = Errors::default();
    let name = e.text("name", &form.name, 100);
    let institution = e.text("institution", &form.institution, 100);
    if !TEAM_KINDS.contains(&form.kind.trim()) {
        e.push("kind", "team.kind_unknown");
    }
    let region = form.region_code.trim();
    if policy::org::RegionCode::parse(region).is_err() {
        e.push("region_code", "region_code.format");
    }
    let fields = parse_tags(&form.fields);
    if fields.is_empty() {
        e.push("fields", "common.required");
    } else if fields.len() > 20 || fields.iter().any(|f| f.chars().count() > 20) {
        e.push("fields", "common.too_long");
    }
    let summary = e.text("summary", &form.summary, 4000);
    let results = e.optional("results", &form.results, 4000);
    let patents = count(&mut e, "patents", form.patents, 0, 100_000);
    let people = count(&mut e, "people", form.people, 1, 100_000);
    let capacity = count(&mut e, "capacity", form.capacity, 1, 1000);
    e.finish()?;
    let tx = app.db().begin_write().await?;
    let existing = match id {
        Some(id) => Some(
            store::innovation::team::find(&tx, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None if !manager => store::innovation::team::of_user(&tx, actor.user_id).await?,
        None => None,
    };
    if let Some(t) = &existing
        && !manager
        && t.user_id != actor.stored_id()
    {
        return Err(AppError::Forbidden(Permission::CHALLENGE_MANAGE));
    }
    let owner = if manager {
        form.user_id.or(existing.as_ref().and_then(|t| t.user_id))
    } else {
        actor.stored_id()
    };
    let now = Utc::now();
    let before = existing
        .as_ref()
        .map(|t| json!({"name": t.name, "institution": t.institution, "fields": t.fields, "patents": t.patents, "people": t.people, "capacity": t.capacity}))
        .unwrap_or(serde_json::Value::Null);
    let mut am = match existing.clone() {
        Some(t) => t.into_active_model(),
        None => research_team::ActiveModel {
            created_at: Set(now),
            ..Default::default()
        },
    };
    am.name = Set(name);
    am.institution = Set(institution);
    am.kind = Set(form.kind.trim().to_string());
    am.region_code = Set(region.to_string());
    am.fields = Set(json_list(&fields));
    am.summary = Set(summary);
    am.results = Set(results);
    am.patents = Set(patents);
    am.people = Set(people);
    am.capacity = Set(capacity);
    am.user_id = Set(owner);
    am.updated_at = Set(now);
    let saved = if existing.is_some() {
        store::innovation::update(&tx, am).await?
    } else {
        store::innovation::insert(&tx, am).await?
    };
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: if existing.is_some() { "research_team.update" } else { "research_team.create" },
            entity_type: "research_team",
            entity_id: saved.id.to_string(),
            region_code: Some(saved.region_code.clone()),
            before,
            after: json!({"name": saved.name, "institution": saved.institution, "fields": saved.fields, "patents": saved.patents, "people": saved.people, "capacity": saved.capacity}),
        },
    )
    .await?;
    let (completed, active) = records_of(&tx, saved.id).await?;
    tx.commit().await?;
    Ok(view(&saved, completed, active, actor))
}

pub(crate) async fn records_of<C: store::ConnectionTrait>(
    conn: &C,
    team_id: i64,
) -> Result<(i32, i32), AppError> {
    Ok(
        store::innovation::challenge::team_records(conn, Some(&[team_id]))
            .await?
            .first()
            .map(|(_, c, a)| (*c, *a))
            .unwrap_or((0, 0)),
    )
}

/// A team's profile.
pub async fn get_team(app: &App, actor: &Actor, id: i64) -> Result<TeamView, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    let conn = app.db().conn();
    let t = store::innovation::team::find(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (c, a) = records_of(conn, id).await?;
    Ok(view(&t, c, a, actor))
}

/// The team the actor keeps, if any.
pub async fn my_team(app: &App, actor: &Actor) -> Result<Option<TeamView>, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    let conn = app.db().conn();
    let Some(t) = store::innovation::team::of_user(conn, actor.user_id).await? else {
        return Ok(None);
    };
    let (c, a) = records_of(conn, t.id).await?;
    Ok(Some(view(&t, c, a, actor)))
}

/// A page of team profiles, newest first.
pub async fn list_teams(
    app: &App,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<TeamView>, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    let conn = app.db().conn();
    let p = store::innovation::team::list(conn, page).await?;
    let ids: Vec<i64> = p.items.iter().map(|t| t.id).collect();
    let records = store::innovation::challenge::team_records(conn, Some(&ids)).await?;
    Ok(p.map(|t| {
        let (c, a) = records
            .iter()
            .find(|(id, _, _)| *id == t.id)
            .map(|(_, c, a)| (*c, *a))
            .unwrap_or((0, 0));
        view(&t, c, a, actor)
    }))
}
