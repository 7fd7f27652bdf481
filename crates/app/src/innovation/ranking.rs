//! Rankings per track from the normalised scores of a round, the final's finalists, and the
//! awards.

use super::competition::{ProjectView, project_view};
use super::judging::round_ok;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use policy::innovation::{JudgeScore, normalise};
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeSet;
use store::ConnectionTrait;
use store::entity::competition;

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
    // Normalised over the whole round: a judge's harshness is measured on everything they
    // scored in it (a judge who saw one project of a track still saw others), then each track
    // is ranked on its own projects.
    let js: Vec<JudgeScore> = scores
        .iter()
        .map(|s| JudgeScore {
            judge: s.expert_id,
            project: s.project_id,
            raw: f64::from(s.total),
        })
        .collect();
    let all = normalise(&js, rules.competition.outlier_points);
    let mut out = Vec::new();
    for t in &rules.competition.tracks {
        let ids: BTreeSet<i64> = projects
            .iter()
            .filter(|p| p.track == t.code)
            .map(|p| p.id)
            .collect();
        let mut normalised: Vec<_> = all
            .iter()
            .filter(|n| ids.contains(&n.project))
            .cloned()
            .collect();
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
