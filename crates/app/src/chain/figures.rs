//! The seam for chain figures: output of a set of enterprises in a year and the year before,
//! and a chain's target for the year.
//!
//! The source in force is [`FiguresInForce`]. Until the statistics context (monthly figures
//! per enterprise, targets per region and per chain keyed by the chain's text code) is merged,
//! it is [`RegistryFigures`]: the registry's yearly revenue (营业收入) stands in for gross
//! output (产值), and targets are the chain office's own yearly targets (`chain_target`).
//! TODO(stats merge): implement [`FigureSource`] over `app::stats` (output of these
//! enterprises in this year and the year before, the target of `chain_code`) and point
//! [`FiguresInForce`] at it; the `chain_target` table can then go.

use crate::{App, AppError};
use policy::money::Fen;
use std::collections::HashMap;
use std::future::Future;

/// One enterprise's output in the year asked for and the year before; none where not given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnterpriseOutput {
    /// The year asked for.
    pub this_year: Option<Fen>,
    /// The year before.
    pub last_year: Option<Fen>,
}

/// Where chain figures come from.
pub trait FigureSource {
    /// A short code naming the source, shown with the figures (`registry_revenue`, ...).
    const CODE: &'static str;

    /// The output in `year` and `year - 1` of each enterprise on the map of chain `chain_id`,
    /// whose codes are `usccs` (a source that reads the map itself may ignore them; one that
    /// does not, may ignore the chain). Enterprises without figures may be left out.
    fn outputs(
        app: &App,
        chain_id: i64,
        usccs: &[String],
        year: i32,
    ) -> impl Future<Output = Result<HashMap<String, EnterpriseOutput>, AppError>> + Send;

    /// The latest year for which one of `usccs` has an output figure (the year a chain is
    /// shown for when none is asked for).
    fn latest_year(
        app: &App,
        usccs: &[String],
    ) -> impl Future<Output = Result<Option<i32>, AppError>> + Send;

    /// The chain's output target for `year`, if one is set.
    fn target(
        app: &App,
        chain_id: i64,
        chain_code: &str,
        year: i32,
    ) -> impl Future<Output = Result<Option<Fen>, AppError>> + Send;
}

/// The interim source: yearly revenue from the registry, targets from `chain_target`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RegistryFigures;

impl FigureSource for RegistryFigures {
    const CODE: &'static str = "registry_revenue";

    async fn outputs(
        app: &App,
        chain_id: i64,
        usccs: &[String],
        year: i32,
    ) -> Result<HashMap<String, EnterpriseOutput>, AppError> {
        // One statement over the chain's map rather than thousands of codes bound.
        let rows = store::chain::facts::revenue_on_chain(app.db().conn(), chain_id, year - 1, year)
            .await?;
        let mut out: HashMap<String, EnterpriseOutput> = HashMap::with_capacity(usccs.len());
        for r in rows {
            let e = out.entry(r.uscc).or_default();
            let v = r.revenue_fen.map(Fen::new);
            if r.year == year {
                e.this_year = v;
            } else {
                e.last_year = v;
            }
        }
        Ok(out)
    }

    async fn latest_year(app: &App, usccs: &[String]) -> Result<Option<i32>, AppError> {
        Ok(store::chain::facts::latest_revenue_year(app.db().conn(), usccs).await?)
    }

    async fn target(
        app: &App,
        chain_id: i64,
        _chain_code: &str,
        year: i32,
    ) -> Result<Option<Fen>, AppError> {
        Ok(
            store::chain::record::target_of(app.db().conn(), chain_id, year)
                .await?
                .map(Fen::new),
        )
    }
}

/// The figure source the use cases read.
pub type FiguresInForce = RegistryFigures;
