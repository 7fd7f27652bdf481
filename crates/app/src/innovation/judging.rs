//! Judging: judges assigned without conflicts, rubric scores in rounds (preliminary online,
//! final roadshow), per-judge normalisation, outlier flags, rankings and awards per track.

use super::competition::{ProjectView, project_view};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::innovation::{Judge, Project, assign_judges};
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use store::ConnectionTrait;
use store::entity::{competition, competition_assignment, competition_project, competition_score};

/// The rounds.
pub const ROUNDS: &[&str] = &["preliminary", "final"];

pub(crate) fn round_ok(round: &str) -> Result<&'static str, AppError> {
    ROUNDS
        .iter()
        .copied()
        .find(|r| *r == round.trim())
        .ok_or_else(|| AppError::invalid("round", "competition.round_unknown"))
}

/// What an assignment did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AssignmentSummary {
    /// Round.
    pub round: String,
    /// Projects covered.
    pub projects: usize,
    /// Judges used.
    pub judges: usize,
    /// Judges per project.
    pub per_project: usize,
    /// Fewest and most projects a judge got.
    pub load_min: usize,
    /// Most projects a judge got.
    pub load_max: usize,
}

/// The projects of a round: every project in the preliminary, the finalists in the final.
fn in_round<'a>(
    projects: &'a [competition_project::Model],
    round: &str,
) -> Vec<&'a competition_project::Model> {
    projects
        .iter()
        .filter(|p| round == "preliminary" || p.finalist)
        .collect()
}

/// Assigns the pool's judges to the round's projects (replacing an earlier assignment of the
/// round while no score of it exists).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn assign_round(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
    round: &str,
) -> Result<AssignmentSummary, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    let round = round_ok(round)?;
    let tx = app.db().begin_write().await?;
    let c = store::innovation::competition::find(&tx, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let expected_stage = if round == "preliminary" {
        ["registration", "preliminary"]
    } else {
        ["final", "final"]
    };
    if !expected_stage.contains(&c.stage.as_str()) {
        return Err(AppError::invalid("round", "competition.wrong_stage"));
    }
    if !store::innovation::competition::scores(&tx, c.id, round)
        .await?
        .is_empty()
    {
        return Err(AppError::invalid("round", "competition.round_scored"));
    }
    let projects = store::innovation::competition::projects_of(&tx, c.id).await?;
    let chosen = in_round(&projects, round);
    if chosen.is_empty() {
        return Err(AppError::invalid("round", "competition.no_projects"));
    }
    let experts = store::innovation::competition::experts(&tx).await?;
    let interests = store::innovation::competition::interests_of(&tx, c.id).await?;
    let judges: Vec<Judge> = experts
        .iter()
        .map(|e| Judge {
            id: e.id,
            employer: e.employer.clone(),
            declared: interests
                .iter()
                .filter(|i| i.expert_id == e.id)
                .map(|i| i.project_id)
                .collect(),
        })
        .collect();
    let ps: Vec<Project> = chosen
        .iter()
        .map(|p| {
            let members: Vec<super::competition::MemberForm> =
                serde_json::from_str(&p.members).unwrap_or_default();
            let mut employers: Vec<String> = members.into_iter().map(|m| m.employer).collect();
            employers.push(p.employer.clone());
            Project {
                id: p.id,
                employers,
            }
        })
        .collect();
    let per = c.judges_per_project.max(1) as usize;
    let pairs = assign_judges(&ps, &judges, per).map_err(|e| {
        let mut f = crate::FieldError::new("judges", e.key());
        if let policy::innovation::AssignError::NotEnoughJudges { project, eligible } = e {
            f = f.with("project", project).with("eligible", eligible);
        }
        AppError::Invalid(vec![f])
    })?;
    store::innovation::competition::clear_assignments(&tx, c.id, round).await?;
    let rows: Vec<competition_assignment::ActiveModel> = pairs
        .iter()
        .map(|(p, j)| competition_assignment::ActiveModel {
            competition_id: Set(c.id),
            round: Set(round.into()),
            project_id: Set(*p),
            expert_id: Set(*j),
            ..Default::default()
        })
        .collect();
    store::innovation::insert_many(&tx, rows).await?;
    let mut load: BTreeMap<i64, usize> = BTreeMap::new();
    for (_, j) in &pairs {
        *load.entry(*j).or_default() += 1;
    }
    let summary = AssignmentSummary {
        round: round.into(),
        projects: ps.len(),
        judges: load.len(),
        per_project: per,
        load_min: load.values().copied().min().unwrap_or(0),
        load_max: load.values().copied().max().unwrap_or(0),
    };
    if c.stage == "registration" {
        let mut am = c.clone().into_active_model();
        am.stage = Set("preliminary".into());
        store::innovation::update(&tx, am).await?;
    }
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "competition.assign",
            entity_type: "competition",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: json!({"stage": c.stage}),
            after: json!({"round": round, "projects": summary.projects, "judges": summary.judges,
                "per_project": per, "load_min": summary.load_min, "load_max": summary.load_max,
                "pairs": pairs}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

/// A judge's rubric score (`POST /api/v1/innovation/competitions/{id}/scores`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ScoreForm {
    /// Project.
    #[serde(default)]
    pub project_id: i64,
    /// `preliminary` or `final`.
    #[serde(default)]
    pub round: String,
    /// Points per rubric criterion code.
    #[serde(default)]
    pub criteria: BTreeMap<String, u32>,
    /// The judge's comment.
    #[serde(default)]
    pub comment: String,
}

/// A saved score.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScoreView {
    /// Project.
    pub project_id: i64,
    /// Round.
    pub round: String,
    /// Points per criterion.
    pub criteria: BTreeMap<String, u32>,
    /// Total.
    pub total: i32,
    /// Comment.
    pub comment: String,
}

fn check_criteria(
    form: &ScoreForm,
    rules: &policy::innovation::InnovationRules,
) -> Result<i32, AppError> {
    let mut e = super::Errors::default();
    let mut total = 0u32;
    for c in &rules.competition.criteria {
        match form.criteria.get(&c.code) {
            Some(v) if *v <= c.max => total += v,
            Some(_) => e.push(&format!("criteria.{}", c.code), "innovation.out_of_range"),
            None => e.push(&format!("criteria.{}", c.code), "common.required"),
        }
    }
    if form
        .criteria
        .keys()
        .any(|k| !rules.competition.criteria.iter().any(|c| &c.code == k))
    {
        e.push("criteria", "competition.criterion_unknown");
    }
    e.optional("comment", &form.comment, 2000);
    e.finish()?;
    Ok(total as i32)
}

/// A checked score about to be saved, with the judge's earlier score of the project if any.
struct NewScore<'a> {
    expert_id: i64,
    form: &'a ScoreForm,
    total: i32,
    existing: Option<competition_score::Model>,
}

async fn save_score<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    c: &competition::Model,
    n: NewScore<'_>,
) -> Result<ScoreView, AppError> {
    let NewScore {
        expert_id,
        form,
        total,
        existing,
    } = n;
    let round = round_ok(&form.round)?;
    let criteria = serde_json::to_string(&form.criteria).unwrap_or_else(|_| "{}".into());
    let before = existing
        .as_ref()
        .map(|s| json!({"total": s.total, "criteria": s.criteria, "comment": s.comment}))
        .unwrap_or(serde_json::Value::Null);
    let saved = match existing {
        Some(s) => {
            let mut am = s.into_active_model();
            am.criteria = Set(criteria);
            am.total = Set(total);
            am.comment = Set(form.comment.trim().into());
            am.at = Set(Utc::now());
            store::innovation::update(conn, am).await?
        }
        None => {
            store::innovation::insert(
                conn,
                competition_score::ActiveModel {
                    competition_id: Set(c.id),
                    round: Set(round.into()),
                    project_id: Set(form.project_id),
                    expert_id: Set(expert_id),
                    criteria: Set(criteria),
                    total: Set(total),
                    comment: Set(form.comment.trim().into()),
                    at: Set(Utc::now()),
                    ..Default::default()
                },
            )
            .await?
        }
    };
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action: "competition.score",
            entity_type: "competition_score",
            entity_id: saved.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before,
            after: json!({"round": round, "project_id": saved.project_id, "expert_id": expert_id,
                "total": saved.total, "criteria": form.criteria, "comment": saved.comment}),
        },
    )
    .await?;
    Ok(ScoreView {
        project_id: saved.project_id,
        round: saved.round,
        criteria: form.criteria.clone(),
        total: saved.total,
        comment: saved.comment,
    })
}

fn stage_of_round(round: &str) -> &'static str {
    if round == "final" {
        "final"
    } else {
        "preliminary"
    }
}

/// A judge scores a project assigned to them in the round under way (again to correct it,
/// until the round is closed); every score is audited.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn submit_score(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
    form: ScoreForm,
) -> Result<ScoreView, AppError> {
    actor.require(Permission::INNOVATION_JUDGE)?;
    let rules = super::innovation_rules()?;
    let round = round_ok(&form.round)?;
    let total = check_criteria(&form, &rules)?;
    let tx = app.db().begin_write().await?;
    let c = store::innovation::competition::find(&tx, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = store::innovation::competition::expert_of_user(&tx, actor.user_id)
        .await?
        .ok_or(AppError::Forbidden(Permission::INNOVATION_JUDGE))?;
    let mine = store::innovation::competition::assignments(&tx, c.id, round, Some(me.id)).await?;
    if !mine.iter().any(|a| a.project_id == form.project_id) {
        return Err(AppError::NotFound);
    }
    if c.stage != stage_of_round(round) {
        return Err(AppError::invalid("round", "competition.round_closed"));
    }
    let existing =
        store::innovation::competition::score_of(&tx, round, form.project_id, me.id).await?;
    let v = save_score(
        &tx,
        actor,
        meta,
        &c,
        NewScore {
            expert_id: me.id,
            form: &form,
            total,
            existing,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(v)
}

/// Records many judges' scores of a round at once (scores collected on paper at a roadshow, or
/// the records of a past competition): one transaction, each score audited.
pub async fn import_scores(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
    scores: Vec<(i64, ScoreForm)>,
) -> Result<usize, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    let rules = super::innovation_rules()?;
    let mut totals = Vec::with_capacity(scores.len());
    for (_, f) in &scores {
        round_ok(&f.round)?;
        totals.push(check_criteria(f, &rules)?);
    }
    let tx = app.db().begin_write().await?;
    let c = store::innovation::competition::find(&tx, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut earlier: BTreeMap<(String, i64, i64), competition_score::Model> = BTreeMap::new();
    let mut assigned: BTreeMap<&str, BTreeSet<(i64, i64)>> = BTreeMap::new();
    for r in ROUNDS {
        assigned.insert(
            r,
            store::innovation::competition::assignments(&tx, c.id, r, None)
                .await?
                .into_iter()
                .map(|a| (a.project_id, a.expert_id))
                .collect(),
        );
        for s in store::innovation::competition::scores(&tx, c.id, r).await? {
            earlier.insert((s.round.clone(), s.project_id, s.expert_id), s);
        }
    }
    for ((expert, f), total) in scores.iter().zip(totals) {
        let ok = assigned
            .get(f.round.trim())
            .is_some_and(|s| s.contains(&(f.project_id, *expert)));
        if !ok {
            return Err(AppError::invalid("scores", "competition.not_assigned"));
        }
        // Read once for the whole import rather than once a score.
        let existing = earlier.remove(&(f.round.trim().to_string(), f.project_id, *expert));
        save_score(
            &tx,
            actor,
            meta,
            &c,
            NewScore {
                expert_id: *expert,
                form: f,
                total,
                existing,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(scores.len())
}

/// A project a judge is to score, with the judge's score so far.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AssignedProject {
    /// Round.
    pub round: String,
    /// The project.
    pub project: ProjectView,
    /// The judge's score, if given.
    pub score: Option<ScoreView>,
}

/// The projects assigned to the acting judge in the competition's current round.
pub async fn my_assignments(
    app: &App,
    actor: &Actor,
    competition_id: i64,
) -> Result<Vec<AssignedProject>, AppError> {
    actor.require(Permission::INNOVATION_JUDGE)?;
    let conn = app.db().conn();
    let c = store::innovation::competition::find(conn, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(me) = store::innovation::competition::expert_of_user(conn, actor.user_id).await?
    else {
        return Ok(Vec::new());
    };
    let round = if c.stage == "final" {
        "final"
    } else {
        "preliminary"
    };
    let mine = store::innovation::competition::assignments(conn, c.id, round, Some(me.id)).await?;
    let scores = store::innovation::competition::scores(conn, c.id, round).await?;
    let mut out = Vec::new();
    for a in mine {
        let Some(p) = store::innovation::competition::project(conn, a.project_id).await? else {
            continue;
        };
        let score = scores
            .iter()
            .find(|s| s.project_id == p.id && s.expert_id == me.id)
            .map(|s| ScoreView {
                project_id: s.project_id,
                round: s.round.clone(),
                criteria: serde_json::from_str(&s.criteria).unwrap_or_default(),
                total: s.total,
                comment: s.comment.clone(),
            });
        out.push(AssignedProject {
            round: round.into(),
            project: project_view(&p),
            score,
        });
    }
    Ok(out)
}
