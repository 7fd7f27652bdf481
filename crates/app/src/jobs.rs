//! Background jobs: run by every server instance on a timer, each job under a lease in the
//! database so that only one instance runs it at a time; also runnable once from the CLI.

use crate::{App, AppError};
use chrono::{Datelike, Duration, Utc};
use serde::Serialize;

/// How long a lease lasts; a crashed instance's lease lapses after this.
const LEASE_SECONDS: i64 = 300;

/// What one job did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JobOutcome {
    /// Job name.
    pub name: &'static str,
    /// Whether this instance ran it (false: another instance holds the lease).
    pub ran: bool,
    /// Whether it succeeded.
    pub ok: bool,
    /// What it did, in a line.
    pub message: String,
}

type JobFn = for<'a> fn(
    &'a App,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<String, AppError>> + Send + 'a>,
>;

/// The jobs, in the order they run.
const JOBS: &[(&str, JobFn)] = &[
    ("session_cleanup", |app| Box::pin(session_cleanup(app))),
    ("calendar_coverage", |app| Box::pin(calendar_coverage(app))),
    ("outbox_backlog", |app| Box::pin(outbox_backlog(app))),
    ("search_index", |app| Box::pin(search_index(app))),
    ("cultivation_notices", |app| {
        Box::pin(cultivation_notices(app))
    }),
    ("honor_expiry", |app| Box::pin(honor_expiry(app))),
    ("ticket_deadlines", |app| Box::pin(ticket_deadlines(app))),
];

/// Grants the titles whose public notice ended without a sustained objection, and closes
/// those whose objection was sustained.
async fn cultivation_notices(app: &App) -> Result<String, AppError> {
    let (granted, closed) =
        crate::cultivation::conclude_notices(app, crate::notice::today()).await?;
    Ok(format!(
        "{granted} titles granted, {closed} applications closed by objections"
    ))
}

/// Marks titles past their validity expired, with the reason.
async fn honor_expiry(app: &App) -> Result<String, AppError> {
    let n = crate::cultivation::expire_honors(app, crate::notice::today()).await?;
    Ok(format!("{n} titles expired"))
}

/// Reminds departments of tickets due soon and escalates overdue ones (催办, 督办).
async fn ticket_deadlines(app: &App) -> Result<String, AppError> {
    let run = crate::service::check_deadlines(app, store::service::china_today()).await?;
    Ok(format!(
        "{} open tickets: {} reminded, {} escalated to department heads, {} to leaders",
        run.open, run.reminded, run.escalated_to_head, run.escalated_to_leader
    ))
}

/// Keeps the enterprise search index current between queries (a query catches up too; this
/// keeps the first query after a bulk import from paying for the rebuild).
async fn search_index(app: &App) -> Result<String, AppError> {
    crate::search::sync(app).await?;
    Ok("search index current".into())
}

/// Ends sessions idle past the timeout.
async fn session_cleanup(app: &App) -> Result<String, AppError> {
    let cutoff = Utc::now() - Duration::minutes(app.settings().idle_timeout_minutes);
    let tx = app.db().begin_write().await?;
    let n = store::org::session::delete_idle(&tx, cutoff).await?;
    tx.commit().await?;
    Ok(format!("{n} idle sessions ended"))
}

/// Warns when next year has no official holiday schedule yet (deadlines would count weekends
/// only). The warning is in the job log; the calendar page flags the year too.
async fn calendar_coverage(app: &App) -> Result<String, AppError> {
    let cal = crate::calendar::load_calendar(app).await?;
    let next = Utc::now().year() + 1;
    Ok(if cal.knows_year(next) {
        format!("calendar covers {next}")
    } else {
        format!("calendar has no official schedule for {next}: deadlines there count weekends only")
    })
}

/// Reports the outbox rows waiting for an external gateway (none is configured yet).
async fn outbox_backlog(app: &App) -> Result<String, AppError> {
    let pending = store::notify::pending_outbox(app.db().conn(), 1000).await?;
    Ok(format!(
        "{} notifications wait for an external gateway",
        pending.len()
    ))
}

/// Runs every job once, each under its lease. `holder` names this instance.
pub async fn run_once(app: &App, holder: &str) -> Result<Vec<JobOutcome>, AppError> {
    let mut out = Vec::new();
    for (name, job) in JOBS {
        let conn = app.db().conn();
        let now = Utc::now();
        let got =
            store::jobs::try_acquire(conn, name, holder, now, Duration::seconds(LEASE_SECONDS))
                .await?;
        if !got {
            out.push(JobOutcome {
                name,
                ran: false,
                ok: true,
                message: "held by another instance".into(),
            });
            continue;
        }
        let run = store::jobs::start_run(conn, name, holder, now).await?;
        let result = job(app).await;
        let (ok, message) = match result {
            Ok(m) => (true, m),
            Err(e) => {
                tracing::error!(job = name, error = %e, "job failed");
                (false, e.to_string())
            }
        };
        store::jobs::finish_run(conn, run, ok, &message, Utc::now()).await?;
        store::jobs::release(conn, name, holder).await?;
        out.push(JobOutcome {
            name,
            ran: true,
            ok,
            message,
        });
    }
    Ok(out)
}

/// Runs the jobs every `every` until the process ends; errors are logged, never fatal.
pub async fn run_forever(app: App, holder: String, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        if let Err(e) = run_once(&app, &holder).await {
            tracing::warn!(error = %e, "background jobs could not run");
        }
    }
}

/// A past run of a job, as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JobRunView {
    /// Run id.
    pub id: i64,
    /// Job name.
    pub name: String,
    /// Which instance ran it.
    pub holder: String,
    /// Started.
    pub started_at: chrono::DateTime<Utc>,
    /// Finished.
    pub finished_at: Option<chrono::DateTime<Utc>>,
    /// Whether it succeeded.
    pub ok: Option<bool>,
    /// What it did.
    pub message: String,
}

/// The latest job runs.
pub async fn recent_runs(app: &App, actor: &crate::Actor) -> Result<Vec<JobRunView>, AppError> {
    actor.require(policy::org::Permission::JOBS_MANAGE)?;
    Ok(store::jobs::recent_runs(app.db().conn(), 50)
        .await?
        .into_iter()
        .map(|r| JobRunView {
            id: r.id,
            name: r.name,
            holder: r.holder,
            started_at: r.started_at,
            finished_at: r.finished_at,
            ok: r.ok,
            message: r.message,
        })
        .collect())
}

/// Runs the jobs once at a user's request.
pub async fn run_now(
    app: &App,
    actor: &crate::Actor,
    meta: &crate::RequestMeta,
) -> Result<Vec<JobOutcome>, AppError> {
    actor.require(policy::org::Permission::JOBS_MANAGE)?;
    let holder = format!("manual:{}", actor.username);
    let out = run_once(app, &holder).await?;
    let tx = app.db().begin_write().await?;
    crate::audit::record(
        &tx,
        actor,
        meta,
        crate::audit::AuditRecord {
            action: "jobs.run_now",
            entity_type: "jobs",
            entity_id: "all".into(),
            region_code: None,
            before: serde_json::Value::Null,
            after: serde_json::json!({ "jobs": out.iter().map(|o| o.name).collect::<Vec<_>>() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}
