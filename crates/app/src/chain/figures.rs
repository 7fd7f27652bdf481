//! The seam for chain figures: output of a chain's enterprises by month and year against the
//! chain's target, and each enterprise's output for the map.
//!
//! The source in force is [`FiguresInForce`] = [`StatsFigures`]: gross industrial output from
//! the statistics context's monthly figures, summed by the same aggregate the dashboards and
//! `GET /api/v1/stats/output?group_by=chain` use (`app::stats` member sets: a chain is the set
//! of the enterprises on its map that lie in its region), with the statistics context's
//! targets of kind `chain` keyed by the chain's code. The chain pages and the statistics API
//! therefore give the same numbers by construction.

use crate::stats::MemberSet;
use crate::{App, AppError};
use policy::money::Fen;
use policy::stats::IndicatorDef;
use policy::stats::cube::Cell;
use std::collections::{HashMap, HashSet};
use std::future::Future;

/// One enterprise's output in the year asked for and the year before; none where not given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnterpriseOutput {
    /// The year asked for.
    pub this_year: Option<Fen>,
    /// The year before.
    pub last_year: Option<Fen>,
}

/// The figures of one chain (or of several chains together) for a year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetTotals {
    /// Output in the year (none when no enterprise reported).
    pub output: Option<Fen>,
    /// The same enterprises' output the year before (comparable basis).
    pub last_year: Option<Fen>,
    /// Growth in percent, one decimal.
    pub yoy_pct: Option<f64>,
    /// The target for the year.
    pub target: Option<Fen>,
    /// Output ÷ target in percent, two decimals.
    pub completion_pct: Option<f64>,
    /// Output month by month (January first); none for a month without figures.
    pub months: Vec<Option<Fen>>,
    /// The same months of the year before.
    pub last_year_months: Vec<Option<Fen>>,
}

/// The figures of several chains: one row each, and all of them together (an enterprise on
/// two chains counted once, targets summed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChainsFigures {
    /// One per set asked for, in order.
    pub rows: Vec<SetTotals>,
    /// The union.
    pub total: SetTotals,
}

/// Where chain figures come from.
pub trait FigureSource {
    /// A short code naming the source, shown with the figures (`stats_output`).
    const CODE: &'static str;

    /// The figures for `year` of each set (a chain: key = its code, members = the enterprises
    /// on its map, region prefix = its region's subtree), within `region` (every region when
    /// none).
    fn chains(
        app: &App,
        region: Option<&str>,
        year: i32,
        sets: Vec<MemberSet>,
    ) -> impl Future<Output = Result<ChainsFigures, AppError>> + Send;

    /// The output in `year` and `year - 1` of each of `usccs` that has figures.
    fn enterprises(
        app: &App,
        usccs: &[String],
        year: i32,
    ) -> impl Future<Output = Result<HashMap<String, EnterpriseOutput>, AppError>> + Send;

    /// The latest year for which one of `usccs` has a figure (the year a chain is shown for
    /// when none is asked for).
    fn latest_year(
        app: &App,
        usccs: &[String],
    ) -> impl Future<Output = Result<Option<i32>, AppError>> + Send;
}

/// Gross output from the statistics context's monthly figures, targets of kind `chain`.
#[derive(Debug, Clone, Copy, Default)]
pub struct StatsFigures;

/// A quantity of a money indicator (steps of `10^-decimals` 万元) in fen.
fn fen(def: &IndicatorDef, v: i128) -> Option<Fen> {
    let decimals = u32::from(def.decimals);
    if !def.money || decimals > 6 {
        return None;
    }
    v.checked_mul(10i128.pow(6 - decimals))
        .and_then(|f| i64::try_from(f).ok())
        .map(Fen::new)
}

fn totals(def: &IndicatorDef, cell: &Cell, target: Option<i64>) -> SetTotals {
    let months = |m: &[i128; 12]| -> Vec<Option<Fen>> {
        m.iter()
            .map(|v| if *v == 0 { None } else { fen(def, *v) })
            .collect()
    };
    let reported = cell.reported > 0;
    SetTotals {
        output: if reported {
            fen(def, cell.current)
        } else {
            None
        },
        last_year: if cell.prior != 0 {
            fen(def, cell.prior)
        } else {
            None
        },
        yoy_pct: policy::stats::yoy_tenths(cell.current, cell.prior).map(|t| t as f64 / 10.0),
        target: target.and_then(|t| fen(def, t as i128)),
        completion_pct: target
            .filter(|_| reported)
            .and_then(|t| policy::stats::completion_hundredths(cell.current, t as i128))
            .map(|h| h as f64 / 100.0),
        months: months(&cell.current_months),
        last_year_months: months(&cell.prior_months),
    }
}

impl FigureSource for StatsFigures {
    const CODE: &'static str = "stats_output";

    async fn chains(
        app: &App,
        region: Option<&str>,
        year: i32,
        sets: Vec<MemberSet>,
    ) -> Result<ChainsFigures, AppError> {
        let (agg, def, targets) = crate::stats::chain_figures(app, region, year, sets).await?;
        let total_target = targets
            .iter()
            .flatten()
            .copied()
            .reduce(|a, b| a.saturating_add(b));
        Ok(ChainsFigures {
            rows: agg
                .rows
                .iter()
                .zip(&targets)
                .map(|(cell, t)| totals(&def, cell, *t))
                .collect(),
            total: totals(&def, &agg.total, total_target),
        })
    }

    async fn enterprises(
        app: &App,
        usccs: &[String],
        year: i32,
    ) -> Result<HashMap<String, EnterpriseOutput>, AppError> {
        let set: HashSet<String> = usccs.iter().cloned().collect();
        let (sums, def) = crate::stats::enterprise_sums(app, set, year).await?;
        Ok(sums
            .into_iter()
            .map(|(u, (this, last))| {
                let out = EnterpriseOutput {
                    this_year: this.and_then(|v| fen(&def, v)),
                    last_year: last.and_then(|v| fen(&def, v)),
                };
                (u, out)
            })
            .collect())
    }

    async fn latest_year(app: &App, usccs: &[String]) -> Result<Option<i32>, AppError> {
        crate::stats::latest_year_of(app, usccs.to_vec()).await
    }
}

/// The figure source the use cases read.
pub type FiguresInForce = StatsFigures;
