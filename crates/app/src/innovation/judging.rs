//! Judging: judges assigned without conflicts, rubric scores in rounds (preliminary online,
//! final roadshow), per-judge normalisation, outlier flags, rankings and awards per track.

use super::competition::{ProjectView, project_view};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::innovation::{Judge, JudgeScore, Project, assign_judges, normalise};
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

fn round_ok(round: &str) -> Result<&'static str, AppError> {
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

async fn save_score<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    c: &competition::Model,
    expert_id: i64,
    form: &ScoreForm,
    total: i32,
) -> Result<ScoreView, AppError> {
    let round = round_ok(&form.round)?;
    let criteria = serde_json::to_string(&form.criteria).unwrap_or_else(|_| "{}".into());
    let existing =
        store::innovation::competition::score_of(conn, round, form.project_id, expert_id).await?;
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
    let v = save_score(&tx, actor, meta, &c, me.id, &form, total).await?;
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
    }
    for ((expert, f), total) in scores.iter().zip(totals) {
        let ok = assigned
            .get(f.round.trim())
            .is_some_and(|s| s.contains(&(f.project_id, *expert)));
        if !ok {
            return Err(AppError::invalid("scores", "competition.not_assigned"));
        }
        save_score(&tx, actor, meta, &c, *expert, f, total).await?;
    }
    tx.commit().await?;
    Ok(scores.len())
}

/// One row of a track's ranking.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RankingRow {
    /// Rank in the track.
    pub rank: usize,
    /// The project.
    pub project: ProjectView,
    /// Judges who scored it.
    pub judges: usize,
    /// Mean raw total, one decimal.
    pub raw_mean: String,
    /// Normalised score (T scale), two decimals.
    pub normalised: String,
    /// Judges (names) whose score is an outlier.
    pub outliers: Vec<String>,
    /// Judges' comments.
    pub comments: Vec<String>,
}

/// A track's ranking in a round.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrackRanking {
    /// Track code.
    pub track: String,
    /// Rows, best first.
    pub rows: Vec<RankingRow>,
}

async fn rank_round<C: ConnectionTrait>(
    conn: &C,
    c: &competition::Model,
    round: &str,
) -> Result<Vec<TrackRanking>, AppError> {
    let rules = super::innovation_rules()?;
    let projects = store::innovation::competition::projects_of(conn, c.id).await?;
    let scores = store::innovation::competition::scores(conn, c.id, round).await?;
    let experts = store::innovation::competition::experts(conn).await?;
    let name = |id: i64| {
        experts
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut out = Vec::new();
    for t in &rules.competition.tracks {
        let ids: BTreeSet<i64> = projects
            .iter()
            .filter(|p| p.track == t.code)
            .map(|p| p.id)
            .collect();
        // Normalised within the track's scores: a judge's harshness is measured on what they
        // saw in this round.
        let js: Vec<JudgeScore> = scores
            .iter()
            .filter(|s| ids.contains(&s.project_id))
            .map(|s| JudgeScore {
                judge: s.expert_id,
                project: s.project_id,
                raw: f64::from(s.total),
            })
            .collect();
        let mut normalised = normalise(&js, rules.competition.outlier_points);
        normalised.sort_by(|a, b| {
            b.t_score
                .total_cmp(&a.t_score)
                .then(b.raw_mean.total_cmp(&a.raw_mean))
                .then(a.project.cmp(&b.project))
        });
        let rows = normalised
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let p = projects.iter().find(|p| p.id == n.project)?;
                Some(RankingRow {
                    rank: i + 1,
                    project: project_view(p),
                    judges: n.judges,
                    raw_mean: format!("{:.1}", n.raw_mean),
                    normalised: format!("{:.2}", n.t_score),
                    outliers: n.outliers.iter().map(|j| name(*j)).collect(),
                    comments: scores
                        .iter()
                        .filter(|s| s.project_id == n.project && !s.comment.is_empty())
                        .map(|s| format!("{}：{}", name(s.expert_id), s.comment))
                        .collect(),
                })
            })
            .collect();
        out.push(TrackRanking {
            track: t.code.clone(),
            rows,
        });
    }
    Ok(out)
}

/// The ranking of a round per track: for the organisers at any time, for every reader once
/// the awards are out.
pub async fn ranking(
    app: &App,
    actor: &Actor,
    competition_id: i64,
    round: &str,
) -> Result<Vec<TrackRanking>, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    let round = round_ok(round)?;
    let conn = app.db().conn();
    let c = store::innovation::competition::find(conn, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if c.stage != "awarded" {
        actor.require(Permission::COMPETITION_MANAGE)?;
    }
    rank_round(conn, &c, round).await
}

/// Closes the preliminary round: the best projects of each track by normalised score go on to
/// the final roadshow.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn advance_to_final(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
) -> Result<usize, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    let rules = super::innovation_rules()?;
    let tx = app.db().begin_write().await?;
    let c = store::innovation::competition::find(&tx, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if c.stage != "preliminary" {
        return Err(AppError::invalid("stage", "competition.wrong_stage"));
    }
    let ranking = rank_round(&tx, &c, "preliminary").await?;
    let n = rules.competition.finalists_per_track as usize;
    let mut finalists = Vec::new();
    for t in &ranking {
        finalists.extend(t.rows.iter().take(n).map(|r| r.project.id));
    }
    if finalists.is_empty() {
        return Err(AppError::invalid("stage", "competition.no_scores"));
    }
    for id in &finalists {
        if let Some(p) = store::innovation::competition::project(&tx, *id).await? {
            let mut am = p.into_active_model();
            am.finalist = Set(true);
            store::innovation::update(&tx, am).await?;
        }
    }
    let mut am = c.clone().into_active_model();
    am.stage = Set("final".into());
    store::innovation::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "competition.advance",
            entity_type: "competition",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: json!({"stage": c.stage}),
            after: json!({"stage": "final", "finalists": finalists}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(finalists.len())
}

/// Gives the awards of each track from the final round's normalised ranking (first, second,
/// third prizes in the numbers the rule file sets).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn give_awards(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
) -> Result<usize, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    let rules = super::innovation_rules()?;
    let tx = app.db().begin_write().await?;
    let c = store::innovation::competition::find(&tx, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if c.stage != "final" {
        return Err(AppError::invalid("stage", "competition.wrong_stage"));
    }
    let ranking = rank_round(&tx, &c, "final").await?;
    let mut given = Vec::new();
    for t in &ranking {
        let Some(rule) = rules.track(&t.track) else {
            continue;
        };
        let mut places: Vec<&str> = Vec::new();
        places.extend(std::iter::repeat_n("first", rule.first as usize));
        places.extend(std::iter::repeat_n("second", rule.second as usize));
        places.extend(std::iter::repeat_n("third", rule.third as usize));
        for (row, award) in t.rows.iter().zip(places) {
            given.push((row.project.id, award));
        }
    }
    if given.is_empty() {
        return Err(AppError::invalid("stage", "competition.no_scores"));
    }
    for (id, award) in &given {
        if let Some(p) = store::innovation::competition::project(&tx, *id).await? {
            let mut am = p.into_active_model();
            am.award = Set(Some((*award).into()));
            store::innovation::update(&tx, am).await?;
        }
    }
    let mut am = c.clone().into_active_model();
    am.stage = Set("awarded".into());
    store::innovation::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "competition.award",
            entity_type: "competition",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: json!({"stage": c.stage}),
            after: json!({"stage": "awarded", "awards": given}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(given.len())
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
