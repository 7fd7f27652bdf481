//! The result: the public notice (through the `notice` context, subject kind
//! `title_application`) and the grant of the title once the notice has cleared.

use super::rules::talent_rules;
use super::view::{ApplicationView, sees_personal_data, view};
use super::workflow::transition;
use crate::notice::{NewNotice, notice_outcome, open_notice};
use crate::{Actor, App, AppError, RequestMeta};
use policy::notice::NoticeOutcome;
use policy::org::Permission;
use policy::talent::WorkflowAction;
use sea_orm::ActiveValue::Set;

/// The subject kind of title notices in the `notice` context.
pub const SUBJECT_KIND: &str = "title_application";

fn level_zh(level: &str) -> &'static str {
    match level {
        "full_senior" => "正高级",
        "associate_senior" => "副高级",
        "intermediate" => "中级",
        "assistant" => "助理级",
        _ => "员级",
    }
}

/// Puts a passed application on public notice for the rule's working days (from today on the
/// working-day calendar); objections are lodged on the public notice page.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn publish_result(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<ApplicationView, AppError> {
    let scope = actor.scope(Permission::TALENT_REVIEW)?;
    let rules = talent_rules()?;
    let tx = app.db().begin_write().await?;
    let current = store::talent::application::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let specialty = rules
        .specialty(&current.series, &current.specialty)
        .map(|s| s.name_zh.clone())
        .unwrap_or_default();
    let item = format!(
        "{}，{}，{}{}",
        current.person_name,
        current.enterprise_name,
        specialty,
        level_zh(&current.level)
    );
    let saved = transition(
        &tx,
        actor,
        meta,
        current,
        WorkflowAction::PublishNotice,
        "",
        |_| {},
    )
    .await?;
    open_notice(
        &tx,
        actor,
        meta,
        NewNotice {
            subject_kind: SUBJECT_KIND,
            subject_id: saved.id,
            region_code: saved.region_code.clone(),
            title: format!("{}年度职称评审结果公示", saved.year),
            body: "以下人员通过职称评审，现予公示。如有异议，请在公示期内提出。".into(),
            items: vec![item],
            working_days: rules.notice.public_working_days,
            opened: super::today(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved, None, sees_personal_data(actor)))
}

/// Concludes the notice: when it has ended with every objection handled and none sustained,
/// the title is granted (today); a sustained objection overturns the result. A notice still
/// running, or with an objection undecided, is refused.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn conclude_notice(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<ApplicationView, AppError> {
    let scope = actor.scope(Permission::TALENT_REVIEW)?;
    let tx = app.db().begin_write().await?;
    let current = store::talent::application::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = super::today();
    let outcome = notice_outcome(&tx, SUBJECT_KIND, id, today)
        .await?
        .map(|(_, o)| o);
    let saved = match outcome {
        Some(NoticeOutcome::Cleared) => {
            transition(&tx, actor, meta, current, WorkflowAction::Grant, "", |am| {
                am.granted_on = Set(Some(today));
            })
            .await?
        }
        Some(NoticeOutcome::Objected) => {
            transition(
                &tx,
                actor,
                meta,
                current,
                WorkflowAction::Overturn,
                "objection sustained",
                |_| {},
            )
            .await?
        }
        _ => return Err(AppError::invalid("notice", "talent.notice_running")),
    };
    tx.commit().await?;
    Ok(view(&saved, None, sees_personal_data(actor)))
}

/// The id of the public notice of an application's result in the reader's scope, if any.
pub async fn result_notice(app: &App, actor: &Actor, id: i64) -> Result<Option<i64>, AppError> {
    let scope = actor.scope(Permission::TALENT_READ)?;
    let conn = app.db().conn();
    store::talent::application::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(store::notice::find_by_subject(conn, SUBJECT_KIND, id)
        .await?
        .map(|n| n.id))
}
