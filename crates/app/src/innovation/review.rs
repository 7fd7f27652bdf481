//! The challenge workflow's steps: applications with a plan, the formal check, expert and
//! defence scores, the winner and its public notice, the agreement, milestone checks and the
//! release of tranches.

use super::challenge::{ChallengeActionForm, event_row, state_of};
use super::challenge_view::{ChallengeView, Reader, view_in};
use crate::audit::{AuditRecord, record};
use crate::notice::{NewNotice, notice_outcome, open_notice};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::innovation::{ChallengeAction, ChallengeState};
use policy::notice::NoticeOutcome;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::ConnectionTrait;
use store::entity::{challenge, challenge_application, challenge_score};

/// The subject kind of a challenge's winner notice in the `notice` context.
pub const NOTICE_KIND: &str = "challenge";

/// A team's application (`POST /api/v1/innovation/challenges/{id}/applications`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ApplicationForm {
    /// The plan: approach, schedule against the milestones, people, budget use.
    #[serde(default)]
    pub plan: String,
}

/// An application as the reader may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicationView {
    /// Id.
    pub id: i64,
    /// Team.
    pub team_id: i64,
    /// Team name.
    pub team_name: String,
    /// Its institution.
    pub institution: String,
    /// The plan.
    pub plan: String,
    /// `submitted`, `passed` (formal check), `failed`, `won`.
    pub status: String,
    /// The formal check's comment.
    pub formal_comment: String,
    /// Expert scores given.
    pub scores: usize,
    /// Their mean, one decimal.
    pub mean_score: Option<String>,
    /// The reader's own score (a judge).
    pub my_score: Option<i32>,
    /// Defence score.
    pub defence_score: Option<i32>,
}

pub(crate) async fn application_views<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    c: &challenge::Model,
    state: ChallengeState,
    reader: &Reader,
) -> Result<Vec<ApplicationView>, AppError> {
    let apps = store::innovation::challenge::applications_of(conn, c.id).await?;
    let apps: Vec<challenge_application::Model> = apps
        .into_iter()
        .filter(|a| match reader {
            Reader::Full => true,
            Reader::Team(team) => {
                Some(a.team_id) == *team
                    || (state.has_winner() && Some(a.id) == c.winner_application_id)
            }
        })
        .collect();
    if apps.is_empty() {
        return Ok(Vec::new());
    }
    let team_ids: Vec<i64> = apps.iter().map(|a| a.team_id).collect();
    let teams = store::innovation::team::by_ids(conn, &team_ids).await?;
    let scores = store::innovation::challenge::scores_of(conn, c.id).await?;
    Ok(apps
        .into_iter()
        .map(|a| {
            let team = teams.iter().find(|t| t.id == a.team_id);
            let mine: Vec<&challenge_score::Model> =
                scores.iter().filter(|s| s.application_id == a.id).collect();
            let mean = (!mine.is_empty()).then(|| {
                let sum: i64 = mine.iter().map(|s| i64::from(s.score)).sum();
                format!("{:.1}", sum as f64 / mine.len() as f64)
            });
            ApplicationView {
                id: a.id,
                team_id: a.team_id,
                team_name: team.map(|t| t.name.clone()).unwrap_or_default(),
                institution: team.map(|t| t.institution.clone()).unwrap_or_default(),
                plan: a.plan,
                status: a.status,
                formal_comment: a.formal_comment,
                scores: mine.len(),
                mean_score: mean,
                my_score: mine
                    .iter()
                    .find(|s| Some(s.expert_user_id) == actor.stored_id())
                    .map(|s| s.score),
                defence_score: a.defence_score,
            }
        })
        .collect())
}

/// Moves a challenge by `action`: appends the event, saves the projection (with `edit`
/// applied), audits. The caller has checked permission and scope.
pub(crate) async fn transition<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    c: challenge::Model,
    action: ChallengeAction,
    comment: &str,
    edit: impl FnOnce(&mut challenge::ActiveModel),
) -> Result<challenge::Model, AppError> {
    let from = state_of(&c)?;
    let to = from
        .next(action)
        .map_err(|e| AppError::invalid("action", e.key()))?;
    let now = Utc::now();
    let before = json!({"status": c.status, "winner_application_id": c.winner_application_id, "agreement_no": c.agreement_no});
    let mut am = c.clone().into_active_model();
    am.status = Set(to.as_str().into());
    am.updated_at = Set(now);
    edit(&mut am);
    let saved = store::innovation::update(conn, am).await?;
    store::innovation::insert(
        conn,
        event_row(c.id, action.as_str(), from, to, actor, comment, now),
    )
    .await?;
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action: &format!("challenge.{}", action.as_str()),
            entity_type: "challenge",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before,
            after: json!({"status": saved.status, "winner_application_id": saved.winner_application_id, "agreement_no": saved.agreement_no, "comment": comment}),
        },
    )
    .await?;
    Ok(saved)
}

/// Appends a step that does not change the state (a check, a score, a release) to the log.
pub(crate) async fn log_step<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    c: &challenge::Model,
    action: &str,
    application_id: Option<i64>,
    milestone_id: Option<i64>,
    comment: &str,
) -> Result<(), AppError> {
    let state = state_of(c)?;
    let mut row = event_row(c.id, action, state, state, actor, comment, Utc::now());
    row.application_id = Set(application_id);
    row.milestone_id = Set(milestone_id);
    store::innovation::insert(conn, row).await?;
    Ok(())
}

/// A team applies for a published challenge with its plan, before the deadline, once.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn apply_to_challenge(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: ApplicationForm,
) -> Result<ChallengeView, AppError> {
    apply_on(app, actor, meta, id, form, super::today()).await
}

pub(crate) async fn apply_on(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: ApplicationForm,
    today: NaiveDate,
) -> Result<ChallengeView, AppError> {
    actor.require(Permission::CHALLENGE_APPLY)?;
    let scope = actor.scope(Permission::INNOVATION_READ)?;
    let plan = form.plan.trim().to_string();
    if plan.is_empty() {
        return Err(AppError::invalid("plan", "common.required"));
    }
    if plan.chars().count() > 8000 {
        return Err(AppError::invalid("plan", "common.too_long"));
    }
    let tx = app.db().begin_write().await?;
    let c = store::innovation::challenge::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !state_of(&c)?.accepts_applications() || today > c.deadline {
        return Err(AppError::invalid("challenge", "challenge.not_open"));
    }
    let team = store::innovation::team::of_user(&tx, actor.user_id)
        .await?
        .ok_or_else(|| AppError::invalid("team", "challenge.team_required"))?;
    let existing = store::innovation::challenge::applications_of(&tx, c.id).await?;
    if existing.iter().any(|a| a.team_id == team.id) {
        return Err(AppError::invalid("team", "challenge.already_applied"));
    }
    let a = store::innovation::insert(
        &tx,
        challenge_application::ActiveModel {
            challenge_id: Set(c.id),
            team_id: Set(team.id),
            plan: Set(plan),
            status: Set("submitted".into()),
            formal_comment: Set(String::new()),
            defence_score: Set(None),
            submitted_by: Set(actor.stored_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    log_step(&tx, actor, &c, "apply", Some(a.id), None, &team.name).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "challenge.apply",
            entity_type: "challenge_application",
            entity_id: a.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"challenge_id": c.id, "team_id": team.id}),
        },
    )
    .await?;
    let v = view_in(&tx, actor, &c, today).await?;
    tx.commit().await?;
    Ok(v)
}

fn application_of(
    apps: &[challenge_application::Model],
    id: Option<i64>,
) -> Result<challenge_application::Model, AppError> {
    let id = id.ok_or_else(|| AppError::invalid("application_id", "common.required"))?;
    apps.iter()
        .find(|a| a.id == id)
        .cloned()
        .ok_or_else(|| AppError::invalid("application_id", "challenge.application_unknown"))
}

fn score_in_range(score: Option<i32>, max: u32) -> Result<i32, AppError> {
    match score {
        Some(s) if (0..=max as i32).contains(&s) => Ok(s),
        Some(_) => Err(AppError::invalid("score", "innovation.out_of_range")),
        None => Err(AppError::invalid("score", "common.required")),
    }
}

/// Dispatches an action on a challenge (see [`super::act_on_challenge`]).
pub(crate) async fn act_on(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: ChallengeActionForm,
    today: NaiveDate,
) -> Result<ChallengeView, AppError> {
    let comment = form.comment.trim().to_string();
    if comment.chars().count() > 2000 {
        return Err(AppError::invalid("comment", "common.too_long"));
    }
    let action = form.action.trim();
    // The permission each action needs, checked before anything is read.
    let scope = match action {
        "submit" => actor.scope(Permission::CHALLENGE_POST)?,
        "score" => {
            actor.require(Permission::INNOVATION_JUDGE)?;
            actor.scope(Permission::INNOVATION_READ)?
        }
        "return" | "publish" | "close_applications" | "formal_check" | "defence"
        | "select_winner" | "overturn" | "sign" | "check_milestone" | "release_tranche"
        | "terminate" => actor.scope(Permission::CHALLENGE_MANAGE)?,
        _ => return Err(AppError::invalid("action", "challenge.action_unknown")),
    };
    let rules = super::innovation_rules()?;
    let tx = app.db().begin_write().await?;
    let c = if action == "score" {
        store::innovation::challenge::find(&tx, &scope, id).await?
    } else {
        store::innovation::challenge::find_in_scope(&tx, &scope, id).await?
    }
    .ok_or(AppError::NotFound)?;
    let state = state_of(&c)?;
    let apps = store::innovation::challenge::applications_of(&tx, c.id).await?;
    let simple = ChallengeAction::parse;
    let saved = match action {
        "submit" | "publish" | "close_applications" => {
            let a = simple(action)
                .ok_or_else(|| AppError::invalid("action", "challenge.action_unknown"))?;
            transition(&tx, actor, meta, c, a, &comment, |_| {}).await?
        }
        "return" | "terminate" => {
            if comment.is_empty() {
                return Err(AppError::invalid("comment", "common.required"));
            }
            let a = simple(action)
                .ok_or_else(|| AppError::invalid("action", "challenge.action_unknown"))?;
            transition(&tx, actor, meta, c, a, &comment, |_| {}).await?
        }
        "formal_check" | "defence" | "score" => {
            if state != ChallengeState::Reviewing {
                return Err(AppError::invalid("action", "challenge.action_not_allowed"));
            }
            let a = application_of(&apps, form.application_id)?;
            let mut am = a.clone().into_active_model();
            let audit_after;
            match action {
                "formal_check" => {
                    let passed = form
                        .passed
                        .ok_or_else(|| AppError::invalid("passed", "common.required"))?;
                    if !passed && comment.is_empty() {
                        return Err(AppError::invalid("comment", "common.required"));
                    }
                    am.status = Set(if passed { "passed" } else { "failed" }.into());
                    am.formal_comment = Set(comment.clone());
                    store::innovation::update(&tx, am).await?;
                    audit_after = json!({"status": if passed { "passed" } else { "failed" }, "comment": comment});
                }
                "defence" => {
                    let s = score_in_range(form.score, rules.challenge.max_score)?;
                    if a.status != "passed" {
                        return Err(AppError::invalid("application_id", "challenge.not_passed"));
                    }
                    am.defence_score = Set(Some(s));
                    store::innovation::update(&tx, am).await?;
                    audit_after = json!({"defence_score": s});
                }
                _ => {
                    let s = score_in_range(form.score, rules.challenge.max_score)?;
                    if a.status != "passed" {
                        return Err(AppError::invalid("application_id", "challenge.not_passed"));
                    }
                    let expert = actor
                        .stored_id()
                        .ok_or(AppError::Forbidden(Permission::INNOVATION_JUDGE))?;
                    let team = store::innovation::team::find(&tx, a.team_id).await?;
                    let me = store::innovation::competition::expert_of_user(&tx, expert).await?;
                    if let (Some(team), Some(me)) = (&team, &me)
                        && !me.employer.trim().is_empty()
                        && me.employer.trim() == team.institution.trim()
                    {
                        return Err(AppError::invalid(
                            "application_id",
                            "challenge.conflict_of_interest",
                        ));
                    }
                    let row = challenge_score::ActiveModel {
                        application_id: Set(a.id),
                        challenge_id: Set(c.id),
                        expert_user_id: Set(expert),
                        score: Set(s),
                        comment: Set(comment.clone()),
                        at: Set(Utc::now()),
                        ..Default::default()
                    };
                    if let Err(e) = store::innovation::insert(&tx, row).await {
                        return Err(if store::is_unique_violation(&e) {
                            AppError::invalid("application_id", "challenge.already_scored")
                        } else {
                            e.into()
                        });
                    }
                    audit_after = json!({"score": s, "comment": comment});
                }
            }
            log_step(&tx, actor, &c, action, Some(a.id), None, &comment).await?;
            record(
                &tx,
                actor,
                meta,
                AuditRecord {
                    action: &format!("challenge.{action}"),
                    entity_type: "challenge_application",
                    entity_id: a.id.to_string(),
                    region_code: Some(c.region_code.clone()),
                    before: json!({"status": a.status, "defence_score": a.defence_score}),
                    after: audit_after,
                },
            )
            .await?;
            c
        }
        "select_winner" => {
            let a = application_of(&apps, form.application_id)?;
            if a.status != "passed" {
                return Err(AppError::invalid("application_id", "challenge.not_passed"));
            }
            let team = store::innovation::team::find(&tx, a.team_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut am = a.clone().into_active_model();
            am.status = Set("won".into());
            store::innovation::update(&tx, am).await?;
            let saved = transition(
                &tx,
                actor,
                meta,
                c,
                ChallengeAction::SelectWinner,
                &comment,
                |am| {
                    am.winner_application_id = Set(Some(a.id));
                    am.winner_team_id = Set(Some(a.team_id));
                },
            )
            .await?;
            open_notice(
                &tx,
                actor,
                meta,
                NewNotice {
                    subject_kind: NOTICE_KIND,
                    subject_id: saved.id,
                    region_code: saved.region_code.clone(),
                    title: format!("“{}”揭榜结果公示", saved.title),
                    body: format!(
                        "{}发布的技术榜单经形式审查和专家评审，拟由以下团队揭榜，现予公示。如有异议，请在公示期内提出。",
                        saved.enterprise_name
                    ),
                    items: vec![format!("{}（{}）", team.name, team.institution)],
                    working_days: rules.challenge.notice_working_days,
                    opened: today,
                },
            )
            .await?;
            saved
        }
        "overturn" | "sign" => {
            let outcome = notice_outcome(&tx, NOTICE_KIND, c.id, today)
                .await?
                .map(|(_, o)| o);
            if action == "overturn" {
                if outcome != Some(NoticeOutcome::Objected) {
                    return Err(AppError::invalid("action", "challenge.notice_not_objected"));
                }
                for a in apps
                    .iter()
                    .filter(|a| Some(a.id) == c.winner_application_id)
                {
                    let mut am = a.clone().into_active_model();
                    am.status = Set("failed".into());
                    am.formal_comment = Set("公示异议成立".into());
                    store::innovation::update(&tx, am).await?;
                }
                transition(
                    &tx,
                    actor,
                    meta,
                    c,
                    ChallengeAction::Overturn,
                    &comment,
                    |am| {
                        am.winner_application_id = Set(None);
                        am.winner_team_id = Set(None);
                    },
                )
                .await?
            } else {
                if outcome != Some(NoticeOutcome::Cleared) {
                    return Err(AppError::invalid("action", "challenge.notice_running"));
                }
                let no = form
                    .agreement_no
                    .as_deref()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                if no.is_empty() {
                    return Err(AppError::invalid("agreement_no", "common.required"));
                }
                if no.chars().count() > 100 {
                    return Err(AppError::invalid("agreement_no", "common.too_long"));
                }
                transition(&tx, actor, meta, c, ChallengeAction::Sign, &comment, |am| {
                    am.agreement_no = Set(no.clone());
                    am.signed_on = Set(Some(today));
                })
                .await?
            }
        }
        "check_milestone" | "release_tranche" => {
            super::milestones::milestone_step(&tx, actor, meta, c, action, &form, &comment, today)
                .await?
        }
        _ => return Err(AppError::invalid("action", "challenge.action_unknown")),
    };
    let view = view_in(&tx, actor, &saved, today).await?;
    tx.commit().await?;
    Ok(view)
}
