//! Importing monthly statistics figures (key: 统一社会信用代码, 指标代码, 年度, 月份): the rows
//! go to [`crate::stats`], which checks indicators, units and scope and writes one audit entry
//! per enterprise and month.

use super::{Checked, Counts, Problems};
use crate::io::ImportOptions;
use crate::stats::{FigurePlan, RawFigure, plan_figures};
use crate::{Actor, AppError, RequestMeta};
use policy::org::Scope;
use store::ConnectionTrait;

/// The writes a figures file asks for.
pub(crate) struct Plan(FigurePlan);

/// Checks the rows against the indicators, the database and the actor's scope.
pub(crate) async fn plan<C: ConnectionTrait>(
    conn: &C,
    _actor: &Actor,
    scope: &Scope,
    checked: Vec<Checked>,
    options: &ImportOptions,
    problems: &mut Problems<'_>,
) -> Result<Plan, AppError> {
    // Rows already refused (a duplicate in the file) are not planned.
    let raws = checked
        .into_iter()
        .filter(|c| !problems.is_rejected(c.number))
        .filter_map(|c| {
            Some(RawFigure {
                number: c.number,
                uscc: c.row.uscc()?.to_string(),
                indicator: c.row.text("indicator"),
                year: c.row.int("year")?,
                month: c.row.choice("month")?.parse().ok()?,
                value: c.row.text("value"),
            })
        })
        .collect();
    let plan = plan_figures(
        conn,
        scope,
        raws,
        options.update_existing,
        &mut |row, field, key, params| problems.add(row, field, key, params),
    )
    .await?;
    Ok(Plan(plan))
}

impl Plan {
    /// What the plan would do.
    pub(crate) fn counts(&self) -> Counts {
        let (created, updated, unchanged) = self.0.counts();
        Counts {
            created,
            updated,
            unchanged,
        }
    }

    /// Writes the figures and their audit entries.
    pub(crate) async fn write<C: ConnectionTrait>(
        self,
        conn: &C,
        actor: &Actor,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        self.0.write(conn, actor, meta).await
    }
}
