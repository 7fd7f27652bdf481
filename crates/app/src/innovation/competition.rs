//! Competitions (创新创业大赛): organisers, the registration window, tracks from the rule file,
//! projects registered by teams, and the judging pool with declared interests.

use super::{Errors, json_list, list_of, parse_tags};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::entity::{competition, competition_project};

/// Stages of a project.
pub const PROJECT_STAGES: &[&str] = &["idea", "prototype", "product", "revenue"];

/// A new competition (`POST /api/v1/innovation/competitions`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CompetitionForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Organising departments, separated by commas.
    #[serde(default)]
    pub organisers: String,
    /// Region (the city).
    #[serde(default)]
    pub region_code: String,
    /// First day of registration.
    #[serde(default)]
    pub registration_opens: Option<NaiveDate>,
    /// Last day of registration.
    #[serde(default)]
    pub registration_closes: Option<NaiveDate>,
    /// Judges per project (default from the rule file).
    #[serde(default)]
    pub judges_per_project: Option<u32>,
}

/// A track with its count of projects.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrackView {
    /// Code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Projects registered.
    pub projects: usize,
}

/// A competition.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CompetitionView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Year.
    pub year: i32,
    /// Organisers.
    pub organisers: Vec<String>,
    /// Region.
    pub region_code: String,
    /// Registration opens.
    pub registration_opens: NaiveDate,
    /// Registration closes.
    pub registration_closes: NaiveDate,
    /// `registration`, `preliminary`, `final`, `awarded`.
    pub stage: String,
    /// Judges per project.
    pub judges_per_project: i32,
    /// Tracks.
    pub tracks: Vec<TrackView>,
    /// Whether registration is open today.
    pub registration_open: bool,
}

/// A team member of a project.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MemberForm {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Role in the team.
    #[serde(default)]
    pub role: String,
    /// Employer (a university, institute or company).
    #[serde(default)]
    pub employer: String,
}

/// A project registration (`POST /api/v1/innovation/competitions/{id}/projects`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ProjectForm {
    /// Track code.
    #[serde(default)]
    pub track: String,
    /// Project title.
    #[serde(default)]
    pub title: String,
    /// Team name.
    #[serde(default)]
    pub team_name: String,
    /// The team's institution or company.
    #[serde(default)]
    pub employer: String,
    /// Members.
    #[serde(default)]
    pub members: Vec<MemberForm>,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// `idea`, `prototype`, `product`, `revenue`.
    #[serde(default)]
    pub stage: String,
    /// Names of the documents listed at registration (business plan, demo video…), as past
    /// competitions recorded them; the files themselves are uploaded to the project afterwards
    /// (`/api/v1/innovation/projects/{id}/files`).
    #[serde(default)]
    pub attachments: Vec<String>,
    /// The challenge taken on (challenge track).
    #[serde(default)]
    pub challenge_id: Option<i64>,
    /// The start-up enterprise (start-up enterprise track).
    #[serde(default)]
    pub enterprise_uscc: Option<String>,
}

/// A project.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectView {
    /// Id.
    pub id: i64,
    /// Competition.
    pub competition_id: i64,
    /// Track code.
    pub track: String,
    /// Title.
    pub title: String,
    /// Team.
    pub team_name: String,
    /// Institution.
    pub employer: String,
    /// Members.
    pub members: Vec<MemberForm>,
    /// Description.
    pub description: String,
    /// Stage.
    pub stage: String,
    /// Names of the documents listed at registration (the files are the project's files).
    pub attachments: Vec<String>,
    /// Challenge taken on.
    pub challenge_id: Option<i64>,
    /// Start-up enterprise.
    pub enterprise_uscc: Option<String>,
    /// Went on to the final.
    pub finalist: bool,
    /// `first`, `second`, `third`.
    pub award: Option<String>,
}

pub(crate) fn project_view(p: &competition_project::Model) -> ProjectView {
    ProjectView {
        id: p.id,
        competition_id: p.competition_id,
        track: p.track.clone(),
        title: p.title.clone(),
        team_name: p.team_name.clone(),
        employer: p.employer.clone(),
        members: serde_json::from_str(&p.members).unwrap_or_default(),
        description: p.description.clone(),
        stage: p.stage.clone(),
        attachments: list_of(&p.attachments),
        challenge_id: p.challenge_id,
        enterprise_uscc: p.enterprise_uscc.clone(),
        finalist: p.finalist,
        award: p.award.clone(),
    }
}

pub(crate) async fn view<C: store::ConnectionTrait>(
    conn: &C,
    c: &competition::Model,
) -> Result<CompetitionView, AppError> {
    let rules = super::innovation_rules()?;
    let projects = store::innovation::competition::projects_of(conn, c.id).await?;
    let today = super::today();
    Ok(CompetitionView {
        id: c.id,
        title: c.title.clone(),
        year: c.year,
        organisers: list_of(&c.organisers),
        region_code: c.region_code.clone(),
        registration_opens: c.registration_opens,
        registration_closes: c.registration_closes,
        stage: c.stage.clone(),
        judges_per_project: c.judges_per_project,
        tracks: rules
            .competition
            .tracks
            .iter()
            .map(|t| TrackView {
                code: t.code.clone(),
                name_zh: t.name_zh.clone(),
                name_en: t.name_en.clone(),
                projects: projects.iter().filter(|p| p.track == t.code).count(),
            })
            .collect(),
        registration_open: c.stage == "registration"
            && c.registration_opens <= today
            && today <= c.registration_closes,
    })
}

/// Creates a competition with the rule file's tracks.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_competition(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: CompetitionForm,
) -> Result<CompetitionView, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    let rules = super::innovation_rules()?;
    let mut e = Errors::default();
    let title = e.text("title", &form.title, 200);
    let organisers = parse_tags(&form.organisers);
    if organisers.is_empty() {
        e.push("organisers", "common.required");
    }
    let year = form.year.unwrap_or(0);
    if !(2000..=2100).contains(&year) {
        e.push("year", "innovation.out_of_range");
    }
    if policy::org::RegionCode::parse(form.region_code.trim()).is_err() {
        e.push("region_code", "region_code.format");
    }
    let (opens, closes) = match (form.registration_opens, form.registration_closes) {
        (Some(o), Some(c)) if o <= c => (o, c),
        (Some(_), Some(_)) => {
            e.push("registration_closes", "competition.window_backwards");
            (NaiveDate::MIN, NaiveDate::MIN)
        }
        _ => {
            e.push("registration_opens", "common.required");
            (NaiveDate::MIN, NaiveDate::MIN)
        }
    };
    let judges = form
        .judges_per_project
        .unwrap_or(rules.competition.judges_per_project);
    if !(1..=15).contains(&judges) {
        e.push("judges_per_project", "innovation.out_of_range");
    }
    e.finish()?;
    let tx = app.db().begin_write().await?;
    let c = store::innovation::insert(
        &tx,
        competition::ActiveModel {
            title: Set(title),
            year: Set(year),
            organisers: Set(json_list(&organisers)),
            region_code: Set(form.region_code.trim().to_string()),
            registration_opens: Set(opens),
            registration_closes: Set(closes),
            stage: Set("registration".into()),
            judges_per_project: Set(judges as i32),
            rule_version: Set(rules.version.clone()),
            created_by: Set(actor.stored_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "competition.create",
            entity_type: "competition",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"title": c.title, "year": c.year, "organisers": organisers,
                "registration_opens": opens, "registration_closes": closes, "judges_per_project": judges}),
        },
    )
    .await?;
    let v = view(&tx, &c).await?;
    tx.commit().await?;
    Ok(v)
}

/// Every competition, newest first.
pub async fn list_competitions(app: &App, actor: &Actor) -> Result<Vec<CompetitionView>, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    let conn = app.db().conn();
    let mut out = Vec::new();
    for c in store::innovation::competition::all(conn).await? {
        out.push(view(conn, &c).await?);
    }
    Ok(out)
}

/// One competition.
pub async fn get_competition(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<CompetitionView, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    let conn = app.db().conn();
    let c = store::innovation::competition::find(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(conn, &c).await
}

/// A competition's projects (of one track, or all).
pub async fn list_projects(
    app: &App,
    actor: &Actor,
    id: i64,
    track: Option<&str>,
) -> Result<Vec<ProjectView>, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    let conn = app.db().conn();
    store::innovation::competition::find(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(store::innovation::competition::projects_of(conn, id)
        .await?
        .iter()
        .filter(|p| track.is_none_or(|t| t.is_empty() || p.track == t))
        .map(project_view)
        .collect())
}

/// One project (its files are read through `project_files`, which asks who the reader is).
pub async fn get_project(app: &App, actor: &Actor, id: i64) -> Result<ProjectView, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    store::innovation::competition::project(app.db().conn(), id)
        .await?
        .map(|p| project_view(&p))
        .ok_or(AppError::NotFound)
}

/// Checks a registration; the members' employers are kept for the conflict check.
pub(crate) fn validate_project(
    form: &ProjectForm,
    rules: &policy::innovation::InnovationRules,
) -> Result<(), AppError> {
    let mut e = Errors::default();
    if rules.track(form.track.trim()).is_none() {
        e.push("track", "competition.track_unknown");
    }
    e.text("title", &form.title, 200);
    e.text("team_name", &form.team_name, 100);
    e.text("employer", &form.employer, 100);
    e.text("description", &form.description, 4000);
    if !PROJECT_STAGES.contains(&form.stage.trim()) {
        e.push("stage", "competition.stage_unknown");
    }
    if form.members.is_empty() {
        e.push("members", "common.required");
    }
    if form.members.len() > 30 {
        e.push("members", "common.too_long");
    }
    for (i, m) in form.members.iter().enumerate() {
        e.text(&format!("members[{i}].name"), &m.name, 50);
        e.optional(&format!("members[{i}].role"), &m.role, 50);
        e.optional(&format!("members[{i}].employer"), &m.employer, 100);
    }
    if form.attachments.len() > 10 || form.attachments.iter().any(|a| a.chars().count() > 200) {
        e.push("attachments", "common.too_long");
    }
    if form.track.trim() == "challenge" && form.challenge_id.is_none() {
        e.push("challenge_id", "common.required");
    }
    e.finish()
}

pub(crate) fn project_row(
    competition_id: i64,
    form: &ProjectForm,
    actor: &Actor,
) -> competition_project::ActiveModel {
    let members: Vec<MemberForm> = form
        .members
        .iter()
        .map(|m| MemberForm {
            name: m.name.trim().into(),
            role: m.role.trim().into(),
            employer: m.employer.trim().into(),
        })
        .collect();
    competition_project::ActiveModel {
        competition_id: Set(competition_id),
        track: Set(form.track.trim().into()),
        title: Set(form.title.trim().into()),
        team_name: Set(form.team_name.trim().into()),
        employer: Set(form.employer.trim().into()),
        members: Set(serde_json::to_string(&members).unwrap_or_else(|_| "[]".into())),
        description: Set(form.description.trim().into()),
        stage: Set(form.stage.trim().into()),
        attachments: Set(json_list(&form.attachments)),
        challenge_id: Set(form.challenge_id),
        enterprise_uscc: Set(form
            .enterprise_uscc
            .clone()
            .filter(|u| !u.trim().is_empty())),
        registered_by: Set(actor.stored_id()),
        finalist: Set(false),
        award: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Registers a project in an open competition's track (a team or an enterprise; the
/// organisers may register outside the window).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn register_project(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
    form: ProjectForm,
) -> Result<ProjectView, AppError> {
    let manager = actor.can(Permission::COMPETITION_MANAGE);
    if !manager {
        actor.require(Permission::COMPETITION_REGISTER)?;
    }
    let rules = super::innovation_rules()?;
    validate_project(&form, &rules)?;
    let tx = app.db().begin_write().await?;
    let c = store::innovation::competition::find(&tx, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = super::today();
    let open = c.stage == "registration"
        && c.registration_opens <= today
        && today <= c.registration_closes;
    if !open && !manager {
        return Err(AppError::invalid(
            "competition",
            "competition.registration_closed",
        ));
    }
    if let Some(ch) = form.challenge_id
        && store::innovation::challenge::by_ids(&tx, &[ch])
            .await?
            .is_empty()
    {
        return Err(AppError::invalid("challenge_id", "challenge.not_found"));
    }
    let p = store::innovation::insert(&tx, project_row(c.id, &form, actor)).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "competition.register",
            entity_type: "competition_project",
            entity_id: p.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"competition_id": c.id, "track": p.track, "title": p.title, "team_name": p.team_name, "members": form.members.len()}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(project_view(&p))
}
