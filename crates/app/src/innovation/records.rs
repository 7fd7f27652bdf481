//! Recording a past competition from its records in one transaction: teams, the challenges of
//! its challenge track with how far each went (matched with a team, agreement signed), the
//! projects of its tracks and the deals signed with the development zone. Every row written is
//! audited. The figures (`competition_stats`) are then computed from these rows like any
//! other.

use super::challenge::{MilestoneForm, NewChallengeForm, event_row};
use super::competition::{CompetitionForm, ProjectForm, project_row, validate_project};
use super::deals::{DealForm, deal_row};
use super::team::TeamForm;
use super::{json_list, parse_tags};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::innovation::{ChallengeState, MilestoneStatus};
use policy::money::Fen;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde_json::json;
use store::entity::{
    challenge, challenge_application, challenge_milestone, competition, research_team,
};

/// How far a recorded challenge went.
#[derive(Debug, Clone)]
pub struct RecordedChallenge {
    /// The posting as it was published.
    pub form: NewChallengeForm,
    /// Its state now (`published`, `notice` — a team was matched —, `signed`).
    pub state: ChallengeState,
    /// The matched team (index into the records' teams).
    pub winner: Option<usize>,
    /// The teams that applied (indexes), the winner among them.
    pub applicants: Vec<usize>,
    /// Agreement number and day, when signed.
    pub agreement: Option<(String, NaiveDate)>,
}

/// A competition's records.
#[derive(Debug, Clone, Default)]
pub struct CompetitionRecords {
    /// The competition.
    pub competition: CompetitionForm,
    /// Research teams (their accounts, if any, by user id).
    pub teams: Vec<(TeamForm, Option<i64>)>,
    /// Challenges of the challenge track.
    pub challenges: Vec<RecordedChallenge>,
    /// Projects; a challenge-track project names its challenge by index.
    pub projects: Vec<(ProjectForm, Option<usize>)>,
    /// Deals after the award (project index, deal).
    pub deals: Vec<(usize, DealForm)>,
}

/// What was recorded.
#[derive(Debug, Clone, Copy)]
pub struct RecordedIds {
    /// The competition.
    pub competition_id: i64,
    /// The first team id (teams are consecutive).
    pub first_team_id: i64,
}

fn plan_rows(
    challenge_id: i64,
    milestones: &[MilestoneForm],
    signed: bool,
) -> Vec<challenge_milestone::ActiveModel> {
    milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let amount = Fen::parse_wan_yuan(&m.amount_wan_yuan)
                .map(|f| f.get())
                .unwrap_or(0);
            // A signed agreement has paid its signing tranche.
            let paid = signed && m.kind == "signing";
            challenge_milestone::ActiveModel {
                challenge_id: Set(challenge_id),
                seq: Set(i as i32 + 1),
                kind: Set(m.kind.clone()),
                title: Set(m.title.clone()),
                target: Set(m.target.clone()),
                due_month: Set(m.due_month.unwrap_or(0) as i32),
                amount_fen: Set(amount),
                status: Set(if paid {
                    MilestoneStatus::Paid
                } else {
                    MilestoneStatus::Pending
                }
                .as_str()
                .into()),
                checked_on: Set(None),
                check_comment: Set(String::new()),
                paid_on: Set(None),
                ..Default::default()
            }
        })
        .collect()
}

/// Writes a competition's records (see the module doc). Only the organisers (holders of both
/// `competition:manage` and `challenge:manage`) may.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn record_competition(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    r: CompetitionRecords,
) -> Result<RecordedIds, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    let scope = actor.scope(Permission::CHALLENGE_MANAGE)?;
    let rules = super::innovation_rules()?;
    for (p, _) in &r.projects {
        validate_project(p, &rules)?;
    }
    let f = &r.competition;
    let (Some(opens), Some(closes), Some(year)) =
        (f.registration_opens, f.registration_closes, f.year)
    else {
        return Err(AppError::invalid("competition", "common.required"));
    };
    let now = Utc::now();
    let tx = app.db().begin_write().await?;
    let c = store::innovation::insert(
        &tx,
        competition::ActiveModel {
            title: Set(f.title.trim().into()),
            year: Set(year),
            organisers: Set(json_list(&parse_tags(&f.organisers))),
            region_code: Set(f.region_code.trim().into()),
            registration_opens: Set(opens),
            registration_closes: Set(closes),
            stage: Set("registration".into()),
            judges_per_project: Set(f
                .judges_per_project
                .unwrap_or(rules.competition.judges_per_project)
                as i32),
            rule_version: Set(rules.version.clone()),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let audit = |action: &'static str, entity: &'static str, id: i64, after: serde_json::Value| {
        AuditRecord {
            action,
            entity_type: entity,
            entity_id: id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: serde_json::Value::Null,
            after,
        }
    };
    record(
        &tx,
        actor,
        meta,
        audit(
            "competition.record",
            "competition",
            c.id,
            json!({"title": c.title, "year": year}),
        ),
    )
    .await?;
    let mut team_ids = Vec::with_capacity(r.teams.len());
    for (t, user) in &r.teams {
        let saved = store::innovation::insert(
            &tx,
            research_team::ActiveModel {
                name: Set(t.name.trim().into()),
                institution: Set(t.institution.trim().into()),
                kind: Set(t.kind.trim().into()),
                region_code: Set(t.region_code.trim().into()),
                fields: Set(json_list(&parse_tags(&t.fields))),
                summary: Set(t.summary.trim().into()),
                results: Set(t.results.trim().into()),
                patents: Set(t.patents.unwrap_or(0)),
                people: Set(t.people.unwrap_or(1)),
                capacity: Set(t.capacity.unwrap_or(1)),
                user_id: Set(*user),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
        record(
            &tx,
            actor,
            meta,
            audit(
                "research_team.create",
                "research_team",
                saved.id,
                json!({"name": saved.name, "institution": saved.institution}),
            ),
        )
        .await?;
        team_ids.push(saved.id);
    }
    let mut challenge_ids = Vec::with_capacity(r.challenges.len());
    for rc in &r.challenges {
        let form = &rc.form;
        let uscc = form.enterprise_uscc.clone().unwrap_or_default();
        let ent = store::enterprise::profile::find(&tx, &scope, uscc.trim())
            .await?
            .ok_or_else(|| AppError::invalid("enterprise_uscc", "ticket.enterprise_not_found"))?;
        let budget = Fen::parse_wan_yuan(&form.budget_wan_yuan)
            .map_err(|e| AppError::invalid("budget_wan_yuan", e.key()))?;
        let winner_team = rc.winner.and_then(|i| team_ids.get(i).copied());
        let signed = rc.state.is_signed();
        let ch = store::innovation::insert(
            &tx,
            challenge::ActiveModel {
                title: Set(form.title.trim().into()),
                enterprise_uscc: Set(ent.uscc.clone()),
                enterprise_name: Set(ent.name.clone()),
                region_code: Set(ent.region_code.clone()),
                problem: Set(form.problem.trim().into()),
                indicators: Set(form.indicators.trim().into()),
                acceptance: Set(form.acceptance.trim().into()),
                budget_fen: Set(budget.get()),
                fields: Set(json_list(&parse_tags(&form.fields))),
                deadline: Set(form.deadline.unwrap_or(closes)),
                period_months: Set(form.period_months.unwrap_or(12) as i32),
                eligibility: Set(form.eligibility.trim().into()),
                contact: Set(form.contact.trim().into()),
                status: Set(rc.state.as_str().into()),
                competition_id: Set(Some(c.id)),
                winner_application_id: Set(None),
                winner_team_id: Set(winner_team),
                agreement_no: Set(rc
                    .agreement
                    .as_ref()
                    .map(|a| a.0.clone())
                    .unwrap_or_default()),
                signed_on: Set(rc.agreement.as_ref().map(|a| a.1)),
                rule_version: Set(rules.version.clone()),
                created_by: Set(actor.stored_id()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
        store::innovation::insert_many(&tx, plan_rows(ch.id, &form.milestones, signed)).await?;
        let mut winner_app = None;
        for &i in &rc.applicants {
            let Some(&team) = team_ids.get(i) else {
                continue;
            };
            let won = Some(team) == winner_team;
            let a = store::innovation::insert(
                &tx,
                challenge_application::ActiveModel {
                    challenge_id: Set(ch.id),
                    team_id: Set(team),
                    plan: Set("（存档）揭榜方案".into()),
                    status: Set(if won { "won" } else { "passed" }.into()),
                    formal_comment: Set(String::new()),
                    defence_score: Set(None),
                    submitted_by: Set(None),
                    created_at: Set(now),
                    ..Default::default()
                },
            )
            .await?;
            if won {
                winner_app = Some(a.id);
            }
        }
        let ch = if let Some(a) = winner_app {
            use sea_orm::IntoActiveModel;
            let mut am = ch.into_active_model();
            am.winner_application_id = Set(Some(a));
            store::innovation::update(&tx, am).await?
        } else {
            ch
        };
        store::innovation::insert(
            &tx,
            event_row(
                ch.id,
                "record",
                ChallengeState::Draft,
                rc.state,
                actor,
                "据大赛存档登记",
                now,
            ),
        )
        .await?;
        record(&tx, actor, meta, audit("challenge.record", "challenge", ch.id, json!({"title": ch.title, "status": ch.status, "winner_team_id": ch.winner_team_id, "agreement_no": ch.agreement_no}))).await?;
        challenge_ids.push(ch.id);
    }
    let mut project_ids = Vec::with_capacity(r.projects.len());
    for (p, ch) in &r.projects {
        let mut p = p.clone();
        p.challenge_id = ch.and_then(|i| challenge_ids.get(i).copied());
        let saved = store::innovation::insert(&tx, project_row(c.id, &p, actor)).await?;
        record(
            &tx,
            actor,
            meta,
            audit(
                "competition.register",
                "competition_project",
                saved.id,
                json!({"track": saved.track, "title": saved.title}),
            ),
        )
        .await?;
        project_ids.push(saved.id);
    }
    for (i, d) in &r.deals {
        let mut d = d.clone();
        d.project_id = project_ids
            .get(*i)
            .copied()
            .ok_or_else(|| AppError::invalid("deals", "competition.project_unknown"))?;
        let saved = store::innovation::insert(&tx, deal_row(c.id, &d)?).await?;
        record(&tx, actor, meta, audit("competition.deal", "competition_deal", saved.id, json!({"project_id": saved.project_id, "kind": saved.kind, "amount_fen": saved.amount_fen, "status": saved.status}))).await?;
    }
    tx.commit().await?;
    Ok(RecordedIds {
        competition_id: c.id,
        first_team_id: team_ids.first().copied().unwrap_or(0),
    })
}
