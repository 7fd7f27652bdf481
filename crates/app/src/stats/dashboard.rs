//! What the dashboards show, computed through the same aggregates as the API: a card per
//! indicator (value, growth, alert colour, reporting), the monthly trend, the counties (bars,
//! map, ranking), the region's enterprise groups and industries; and the county × group ×
//! month grid (the benchmark's dashboard query) in one pass over the aggregate.

use super::cube;
use super::output::{Grouping, OutputQuery, OutputRow, OutputView, context, grouping, output};
use crate::{Actor, App, AppError};
use policy::stats::cube::Cube;
use policy::stats::yoy_tenths;
use serde::Serialize;

/// One indicator card.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Indicator code.
    pub code: String,
    /// The indicator's figure for the period.
    pub view: OutputView,
}

/// A county on the map and in the ranking.
#[derive(Debug, Clone, Serialize)]
pub struct CountyCell {
    /// County code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Growth in percent.
    pub yoy_pct: Option<f64>,
    /// Alert colour.
    pub alert: String,
    /// The figure in 万元 (money) or the unit, two decimals.
    pub value: String,
}

/// Everything a dashboard page draws.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    /// One card per indicator, the default first.
    pub cards: Vec<Card>,
    /// The default indicator by county (a city) or the region alone.
    pub by_county: OutputView,
    /// The default indicator by the region's group set, when it has one.
    pub by_group: Option<OutputView>,
    /// The default indicator by industry division, largest first.
    pub by_industry: OutputView,
}

/// The dashboard of a region for a year (and, with a month, year-to-date).
pub async fn dashboard(app: &App, actor: &Actor, q: &OutputQuery) -> Result<Dashboard, AppError> {
    let base = OutputQuery {
        group_by: None,
        group_set: None,
        key: None,
        limit: None,
        cursor: None,
        ..q.clone()
    };
    let default = output(app, actor, &base).await?;
    let mut cards = vec![Card {
        code: default.indicator.clone(),
        view: default.clone(),
    }];
    for ind in store::stats::all_indicators(app.db().conn()).await? {
        if ind.code == default.indicator {
            continue;
        }
        let v = output(
            app,
            actor,
            &OutputQuery {
                indicator: Some(ind.code.clone()),
                year: Some(default.year),
                ..base.clone()
            },
        )
        .await?;
        cards.push(Card {
            code: ind.code,
            view: v,
        });
    }
    let by = |g: &str| OutputQuery {
        group_by: Some(g.into()),
        year: Some(default.year),
        indicator: Some(default.indicator.clone()),
        ..base.clone()
    };
    let by_county = output(app, actor, &by("county")).await?;
    let by_group = match output(app, actor, &by("group")).await {
        Ok(v) => Some(v),
        Err(AppError::Invalid(_)) => None,
        Err(e) => return Err(e),
    };
    let mut by_industry = output(app, actor, &by("industry")).await?;
    by_industry.rows.sort_by(|a, b| {
        let v = |r: &OutputRow| r.total.parse::<f64>().unwrap_or(0.0);
        v(b).total_cmp(&v(a))
    });
    Ok(Dashboard {
        cards,
        by_county,
        by_group,
        by_industry,
    })
}

/// One cell of the county × group grid: twelve months this year and last, and the year's
/// sums with growth.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GridCell {
    /// County code.
    pub county: String,
    /// Group code.
    pub group: String,
    /// January to December this year, exact.
    pub months: Vec<String>,
    /// January to December last year (comparable basis), exact.
    pub prior_months: Vec<String>,
    /// The period's sum, exact.
    pub total: String,
    /// Growth in percent.
    pub yoy_pct: Option<f64>,
}

/// The county × group × month grid of a region for a year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GridView {
    /// Counties (code, name).
    pub counties: Vec<(String, String)>,
    /// Groups (code, name).
    pub groups: Vec<(String, String)>,
    /// The group set.
    pub group_set: Option<String>,
    /// County-major cells.
    pub cells: Vec<GridCell>,
}

/// The county × group × month table of the default (or named) indicator for a year with
/// growth: one pass over the aggregate (each enterprise's county row times each group it
/// belongs to).
pub async fn county_group_months(
    app: &App,
    actor: &Actor,
    q: &OutputQuery,
) -> Result<GridView, AppError> {
    let ctx = context(app, actor, q).await?;
    let (counties_g, counties, _) = grouping(app, &ctx, Some("county"), None).await?;
    let (groups_g, groups, set) =
        grouping(app, &ctx, Some("group"), q.group_set.as_deref()).await?;
    let (Grouping::County(county_of), Grouping::Groups(defs)) = (counties_g, groups_g) else {
        return Err(AppError::Internal("grid groupings".into()));
    };
    let n_groups = groups.len();
    let n = counties.len() * n_groups;
    let admit = ctx.admit();
    let (indicator, period, basis) = (ctx.indicator.code.clone(), ctx.period, ctx.basis);
    let agg = cube::read(app, move |c: &Cube| {
        c.aggregate(&indicator, &period, basis, &admit, n, &|_, m, out| {
            if let Some(ci) = county_of.get(m.county()) {
                for (gi, g) in defs.iter().enumerate() {
                    if g.contains(&m.industry_code) {
                        out.push(ci * n_groups + gi);
                    }
                }
            }
        })
    })
    .await?;
    let mut cells = Vec::with_capacity(n);
    for (ci, (county, _)) in counties.iter().enumerate() {
        for (gi, (group, _)) in groups.iter().enumerate() {
            let c = &agg.rows[ci * n_groups + gi];
            cells.push(GridCell {
                county: county.clone(),
                group: group.clone(),
                months: c.current_months.iter().map(|v| ctx.exact(*v)).collect(),
                prior_months: c.prior_months.iter().map(|v| ctx.exact(*v)).collect(),
                total: ctx.exact(c.current),
                yoy_pct: yoy_tenths(c.current, c.prior).map(|t| t as f64 / 10.0),
            });
        }
    }
    Ok(GridView {
        counties,
        groups,
        group_set: set.map(|(code, _)| code),
        cells,
    })
}

/// The counties of a by-county view, for the map and the ranking (best growth first).
pub fn county_cells(v: &OutputView) -> Vec<CountyCell> {
    let mut cells: Vec<CountyCell> = v
        .rows
        .iter()
        .map(|r| CountyCell {
            code: r.key.clone(),
            name: r.name.clone(),
            yoy_pct: r.yoy_pct,
            alert: r.alert.clone(),
            value: r.total_wan_yuan.clone().unwrap_or_else(|| r.total.clone()),
        })
        .collect();
    cells.sort_by(|a, b| {
        b.yoy_pct
            .unwrap_or(f64::MIN)
            .total_cmp(&a.yoy_pct.unwrap_or(f64::MIN))
    });
    cells
}
