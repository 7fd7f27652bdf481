//! Timeliness reports by department and county, the service overview of a region, and the
//! xlsx export — every figure from what each ticket's clock comes to (folded from its event
//! log and kept on its row, `super::clock`).

use super::{local_date, region_prefix, service_rules};
use crate::{Actor, App, AppError};
use chrono::{NaiveDate, TimeZone, Utc};
use policy::org::{Permission, RegionCode};
use policy::service::{DeadlineStatus, TicketFigures};
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a report groups tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportGroup {
    /// By the department currently holding the ticket.
    Department,
    /// By the enterprise's county.
    County,
    /// By the industry chains whose maps hold the enterprise, within each chain's region (a
    /// ticket counts under every such chain; the total counts it once).
    Chain,
}

/// The filters of a report.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
pub struct ReportQuery {
    /// `department` (default) or `county`.
    pub group: Option<ReportGroup>,
    /// Year received (all years when absent).
    pub year: Option<i32>,
    /// Region subtree.
    pub region: Option<String>,
}

/// One line of a report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportRow {
    /// Department id or county code (empty: not yet handed to a department).
    pub key: String,
    /// Its name.
    pub name: String,
    /// Tickets received.
    pub received: u64,
    /// Resolved.
    pub resolved: u64,
    /// Resolved with every round on time.
    pub on_time: u64,
    /// 按期办结率, percent, one decimal.
    pub on_time_pct: Option<f64>,
    /// Open and past the deadline today.
    pub overdue: u64,
    /// Average working days to resolution.
    pub average_days: Option<f64>,
    /// Rated.
    pub rated: u64,
    /// 满意度, percent.
    pub satisfaction_pct: Option<f64>,
}

fn row(key: String, name: String, f: &TicketFigures) -> ReportRow {
    ReportRow {
        key,
        name,
        received: f.received,
        resolved: f.resolved,
        on_time: f.on_time,
        on_time_pct: f.on_time_pct(),
        overdue: f.overdue,
        average_days: f.average_days(),
        rated: f.rated,
        satisfaction_pct: f.satisfaction_pct(),
    }
}

/// Which chains each ticket's enterprise is on, within the chain's region.
struct ChainGroups {
    /// Chain ids (as keys) by enterprise.
    by_enterprise: BTreeMap<String, Vec<(String, RegionCode)>>,
    /// Chain names by key.
    names: BTreeMap<String, String>,
}

impl ChainGroups {
    async fn read<C: store::ConnectionTrait>(
        conn: &C,
        tickets: &[store::service::ticket_clock::ClockRow],
    ) -> Result<Self, AppError> {
        let mut usccs: Vec<String> = tickets.iter().map(|t| t.enterprise_uscc.clone()).collect();
        usccs.sort_unstable();
        usccs.dedup();
        let chains: BTreeMap<i64, (String, Option<RegionCode>)> =
            store::service::ticket_clock::chain_names(conn)
                .await?
                .into_iter()
                .map(|(id, name, region)| (id, (name, RegionCode::parse(&region).ok())))
                .collect();
        let mut by_enterprise: BTreeMap<String, Vec<(String, RegionCode)>> = BTreeMap::new();
        for (uscc, chain_id) in
            store::service::ticket_clock::chains_of_enterprises(conn, &usccs).await?
        {
            if let Some((_, Some(region))) = chains.get(&chain_id) {
                by_enterprise
                    .entry(uscc)
                    .or_default()
                    .push((chain_id.to_string(), region.clone()));
            }
        }
        let names = chains
            .into_iter()
            .map(|(id, (name, _))| (id.to_string(), name))
            .collect();
        Ok(ChainGroups {
            by_enterprise,
            names,
        })
    }

    /// The chains a ticket counts under: those holding its enterprise whose region contains
    /// the enterprise's.
    fn keys_of(&self, t: &store::service::ticket_clock::ClockRow) -> Vec<String> {
        let Ok(at) = RegionCode::parse(&t.region_code) else {
            return Vec::new();
        };
        self.by_enterprise
            .get(&t.enterprise_uscc)
            .into_iter()
            .flatten()
            .filter(|(_, region)| region.contains(&at))
            .map(|(key, _)| key.clone())
            .collect()
    }
}

/// Reports are for supervisors and dashboard readers (leaders), over their `ticket:read` scope.
fn report_scope(actor: &Actor) -> Result<policy::org::Scope, AppError> {
    let scope = actor.scope(Permission::TICKET_READ)?;
    if !actor.can(Permission::TICKET_SUPERVISE) && !actor.can(Permission::DASHBOARD_READ) {
        return Err(AppError::Forbidden(Permission::TICKET_SUPERVISE));
    }
    Ok(scope)
}

/// The report: one row per group and a total row last (key `total`). For supervisors and
/// dashboard readers (leaders), over the tickets their `ticket:read` scope admits.
pub async fn ticket_report(
    app: &App,
    actor: &Actor,
    q: &ReportQuery,
) -> Result<Vec<ReportRow>, AppError> {
    let scope = report_scope(actor)?;
    let group = q.group.unwrap_or(ReportGroup::Department);
    let year_bound = |y: i32| {
        Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0)
            .single()
            .map(|t| t - chrono::Duration::hours(8))
    };
    if let Some(y) = q.year
        && !(2000..=2100).contains(&y)
    {
        return Err(AppError::invalid("year", "common.year_range"));
    }
    let sq = store::service::ticket::TicketQuery {
        region_prefix: region_prefix(q.region.as_deref())?,
        received_from: q.year.and_then(year_bound),
        received_before: q.year.and_then(|y| year_bound(y + 1)),
        ..Default::default()
    };
    super::clock::catch_up_clocks(app).await?;
    let conn = app.db().conn();
    let tickets = store::service::ticket_clock::rows(conn, &scope, &sq).await?;
    let rules = service_rules()?;
    let cal = store::calendar::load(conn).await?;
    let today = local_date(Utc::now());
    let chains = match group {
        ReportGroup::Chain => Some(ChainGroups::read(conn, &tickets).await?),
        _ => None,
    };
    let mut groups: BTreeMap<String, TicketFigures> = BTreeMap::new();
    let mut total = TicketFigures::default();
    for t in &tickets {
        let outcome = t
            .outcome()
            .ok_or_else(|| AppError::Internal(format!("ticket {} without clock columns", t.id)))?;
        let overdue = matches!(
            outcome.status_on(today, &cal, &rules),
            DeadlineStatus::Overdue { .. }
        );
        let keys: Vec<String> = match (&chains, group) {
            (Some(c), _) => c.keys_of(t),
            (None, ReportGroup::County) => vec![t.region_code.chars().take(6).collect()],
            (None, _) => vec![t.department_id.map(|d| d.to_string()).unwrap_or_default()],
        };
        for key in keys {
            groups.entry(key).or_default().add(&outcome, overdue);
        }
        total.add(&outcome, overdue);
    }
    let names: BTreeMap<String, String> = match (chains, group) {
        (Some(c), _) => c.names,
        (None, ReportGroup::County) => store::org::region::all(conn)
            .await?
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect(),
        (None, _) => store::org::department::all(conn)
            .await?
            .into_iter()
            .map(|d| (d.id.to_string(), d.name))
            .collect(),
    };
    let mut out: Vec<ReportRow> = groups
        .iter()
        .map(|(k, f)| row(k.clone(), names.get(k).cloned().unwrap_or_default(), f))
        .collect();
    out.push(row("total".into(), String::new(), &total));
    Ok(out)
}

/// The service in a region: enterprises with a specialist stationed today, the specialists
/// stationed, visits and tickets.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ServiceOverview {
    /// Region.
    pub region_code: String,
    /// Enterprises with at least one current assignment.
    pub enterprises_served: usize,
    /// Specialists with at least one current assignment there.
    pub specialists_stationed: usize,
    /// Current assignments.
    pub assignments: usize,
    /// Ticket figures (all years).
    pub tickets: ReportRow,
}

/// The service overview of a region in the actor's scope (`ticket:read`).
pub async fn service_overview(
    app: &App,
    actor: &Actor,
    region: &str,
) -> Result<ServiceOverview, AppError> {
    let scope = report_scope(actor)?;
    let code =
        RegionCode::parse(region).map_err(|_| AppError::invalid("region", "region_code.format"))?;
    if !scope.is_all() && !scope.subtrees().any(|s| s.contains(&code)) {
        return Err(AppError::NotFound);
    }
    let today: NaiveDate = store::service::china_today();
    let current = store::service::specialist::current_in_region(
        app.db().conn(),
        code.subtree_prefix(),
        today,
    )
    .await?;
    let enterprises: std::collections::BTreeSet<&str> =
        current.iter().map(|a| a.enterprise_uscc.as_str()).collect();
    let specialists: std::collections::BTreeSet<i64> =
        current.iter().map(|a| a.specialist_id).collect();
    let report = ticket_report(
        app,
        actor,
        &ReportQuery {
            group: Some(ReportGroup::County),
            year: None,
            region: Some(code.to_string()),
        },
    )
    .await?;
    let tickets = report
        .into_iter()
        .last()
        .ok_or_else(|| AppError::Internal("report without total".into()))?;
    Ok(ServiceOverview {
        region_code: code.to_string(),
        enterprises_served: enterprises.len(),
        specialists_stationed: specialists.len(),
        assignments: current.len(),
        tickets,
    })
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}

/// The report as an xlsx workbook, headers in the actor's language.
pub async fn export_report_xlsx(
    app: &App,
    actor: &Actor,
    q: &ReportQuery,
) -> Result<Vec<u8>, AppError> {
    let rows = ticket_report(app, actor, q).await?;
    let en = actor.locale == "en";
    let headers: [&str; 9] = if en {
        [
            "Group",
            "Received",
            "Resolved",
            "On time",
            "On-time rate (%)",
            "Overdue",
            "Average working days",
            "Rated",
            "Satisfaction (%)",
        ]
    } else {
        [
            "单位",
            "受理",
            "办结",
            "按期办结",
            "按期办结率(%)",
            "超期未办结",
            "平均办理工作日",
            "已评价",
            "满意度(%)",
        ]
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(if en { "Tickets" } else { "诉求办理统计" })
        .map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_err)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = i as u32 + 1;
        let name = if r.key == "total" {
            if en { "Total" } else { "合计" }.to_string()
        } else if r.name.is_empty() {
            if en { "Not yet assigned" } else { "未交办" }.to_string()
        } else {
            r.name.clone()
        };
        ws.write_string(y, 0, name).map_err(xlsx_err)?;
        let nums = [
            Some(r.received as f64),
            Some(r.resolved as f64),
            Some(r.on_time as f64),
            r.on_time_pct,
            Some(r.overdue as f64),
            r.average_days,
            Some(r.rated as f64),
            r.satisfaction_pct,
        ];
        for (c, n) in nums.iter().enumerate() {
            if let Some(n) = n {
                ws.write_number(y, c as u16 + 1, *n).map_err(xlsx_err)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}
