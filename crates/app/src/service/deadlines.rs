//! The deadline job: reminders (催办) before a ticket's deadline and escalation (督办) after it.

use super::ticket::{event_row, recipients};
use super::{fold, service_rules};
use crate::{Actor, App, AppError};
use chrono::{NaiveDate, Utc};
use policy::org::Scope;
use policy::service::{DueAction, TicketAction};
use sea_orm::ActiveValue::Set;
use serde::Serialize;

/// What one run of the deadline job did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeadlineRun {
    /// Open tickets looked at.
    pub open: usize,
    /// Reminders sent.
    pub reminded: usize,
    /// Escalations to department heads.
    pub escalated_to_head: usize,
    /// Escalations to leaders in charge.
    pub escalated_to_leader: usize,
}

/// Looks at every open ticket on `today` (China date) and appends the reminders and
/// escalations due, each with its notifications, in one transaction; each ticket's clock
/// columns are re-derived from its log on the way (the nightly repair of the projection). Running it twice on the
/// same day does nothing the second time (each step happens once per round).
pub async fn check_deadlines(app: &App, today: NaiveDate) -> Result<DeadlineRun, AppError> {
    let actor = Actor::system("ticket_deadlines");
    let rules = service_rules()?;
    let tx = app.db().begin_write().await?;
    let cal = store::calendar::load(&tx).await?;
    let open = store::service::ticket::with_events(
        &tx,
        &Scope::all(),
        &store::service::ticket::TicketQuery {
            open: Some(true),
            ..Default::default()
        },
    )
    .await?;
    let mut run = DeadlineRun {
        open: open.len(),
        ..Default::default()
    };
    let now = Utc::now();
    let basis = super::clock::basis(&tx, &rules).await?;
    for (t, events) in &open {
        let clock = fold(t, events, &rules, &cal)?;
        let due_actions = clock.due_actions(today, &cal, &rules);
        if due_actions.is_empty() {
            // Nothing to append: only make sure the row's clock columns match the log.
            super::clock::refresh(&tx, t, events, &rules, &cal, &basis).await?;
            continue;
        }
        for due in due_actions {
            let (action, level) = match due {
                DueAction::Remind => (TicketAction::Remind, 0u8),
                DueAction::Escalate(l) => (TicketAction::Escalate, l),
            };
            let mut row = event_row(t.id, action, &actor, t.department_id, "", now);
            if action == TicketAction::Escalate {
                row.level = Set(Some(i16::from(level)));
            }
            store::service::ticket::append(&tx, row).await?;
            match (action, level) {
                (TicketAction::Remind, _) => run.reminded += 1,
                (_, 1) => run.escalated_to_head += 1,
                _ => run.escalated_to_leader += 1,
            }
            let kind = format!("ticket.{}", action.as_str());
            for user_id in recipients(&tx, t, action, level).await? {
                store::notify::raise(
                    &tx,
                    store::notify::NewNotification {
                        user_id,
                        kind: kind.clone(),
                        title: format!("诉求 #{}: {}", t.id, t.title),
                        body: if level >= 2 {
                            "超期督办 (分管领导)".into()
                        } else if level == 1 {
                            "超期督办 (部门负责人)".into()
                        } else {
                            "即将到期催办".into()
                        },
                        link: Some(format!("/tickets/{}", t.id)),
                    },
                    now,
                )
                .await?;
            }
        }
        super::clock::after_events(&tx, t, &rules, &cal).await?;
    }
    tx.commit().await?;
    Ok(run)
}
