//! Monthly figures: bulk upserts, reads by enterprise, and the enterprise dimensions the
//! in-memory aggregate keeps.

use crate::entity::{enterprise, stats_figure};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// Codes a statement lists at most (well under both engines' bind-parameter limits).
const CODES_PER_STATEMENT: usize = 500;

/// (uscc, indicator, year, month): the key of a figure.
pub type FigureKey = (String, String, i32, i16);

/// Inserts figures, replacing the value of those that exist.
pub async fn upsert_figures<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<stats_figure::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // 6 columns a row.
        let chunk: Vec<_> = rows.by_ref().take(1_000).collect();
        stats_figure::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::columns([
                    stats_figure::Column::Uscc,
                    stats_figure::Column::Indicator,
                    stats_figure::Column::Year,
                    stats_figure::Column::Month,
                ])
                .update_columns([stats_figure::Column::Value, stats_figure::Column::UpdatedAt])
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The stored figures of these enterprises in these years (every year when `years` is empty),
/// as (key, value).
pub async fn figures_for_years<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
    years: &[i32],
) -> Result<Vec<(FigureKey, i64)>, DbErr> {
    let mut out = Vec::new();
    for chunk in usccs.chunks(CODES_PER_STATEMENT) {
        let mut q = stats_figure::Entity::find()
            .select_only()
            .columns([
                stats_figure::Column::Uscc,
                stats_figure::Column::Indicator,
                stats_figure::Column::Year,
                stats_figure::Column::Month,
                stats_figure::Column::Value,
            ])
            .filter(stats_figure::Column::Uscc.is_in(chunk.to_vec()));
        if !years.is_empty() {
            q = q.filter(stats_figure::Column::Year.is_in(years.to_vec()));
        }
        let rows: Vec<(String, String, i32, i16, i64)> = q.into_tuple().all(conn).await?;
        out.extend(rows.into_iter().map(|(u, i, y, m, v)| ((u, i, y, m), v)));
    }
    Ok(out)
}

/// Every figure of the enterprises whose codes lie in `first..=last` (the aggregate loads the
/// table a range of enterprises at a time, along the key).
pub async fn figures_between<C: ConnectionTrait>(
    conn: &C,
    first: &str,
    last: &str,
) -> Result<Vec<(FigureKey, i64)>, DbErr> {
    let rows: Vec<(String, String, i32, i16, i64)> = stats_figure::Entity::find()
        .select_only()
        .columns([
            stats_figure::Column::Uscc,
            stats_figure::Column::Indicator,
            stats_figure::Column::Year,
            stats_figure::Column::Month,
            stats_figure::Column::Value,
        ])
        .filter(stats_figure::Column::Uscc.gte(first))
        .filter(stats_figure::Column::Uscc.lte(last))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(u, i, y, m, v)| ((u, i, y, m), v))
        .collect())
}

/// What the statistics need of an enterprise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dims {
    /// Code.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Region.
    pub region_code: String,
    /// Industry code.
    pub industry_code: String,
    /// 规上 now.
    pub above_size: bool,
    /// 规上 since.
    pub above_size_since: Option<i32>,
}

type DimsRow = (String, String, String, String, bool, Option<i32>);

fn dims(rows: Vec<DimsRow>) -> Vec<Dims> {
    rows.into_iter()
        .map(
            |(uscc, name, region_code, industry_code, above_size, above_size_since)| Dims {
                uscc,
                name,
                region_code,
                industry_code,
                above_size,
                above_size_since,
            },
        )
        .collect()
}

fn dims_select() -> sea_orm::Select<enterprise::Entity> {
    enterprise::Entity::find().select_only().columns([
        enterprise::Column::Uscc,
        enterprise::Column::Name,
        enterprise::Column::RegionCode,
        enterprise::Column::IndustryCode,
        enterprise::Column::AboveSize,
        enterprise::Column::AboveSizeSince,
    ])
}

/// A page of every enterprise's dimensions, by code, after `after`.
pub async fn dims_page<C: ConnectionTrait>(
    conn: &C,
    after: Option<&str>,
    limit: u64,
) -> Result<Vec<Dims>, DbErr> {
    let mut q = dims_select();
    if let Some(a) = after {
        q = q.filter(enterprise::Column::Uscc.gt(a));
    }
    Ok(dims(
        q.order_by_asc(enterprise::Column::Uscc)
            .limit(limit)
            .into_tuple()
            .all(conn)
            .await?,
    ))
}

/// The dimensions of these enterprises (those that exist).
pub async fn dims_of<C: ConnectionTrait>(conn: &C, usccs: &[String]) -> Result<Vec<Dims>, DbErr> {
    let mut out = Vec::new();
    for chunk in usccs.chunks(CODES_PER_STATEMENT) {
        out.extend(dims(
            dims_select()
                .filter(enterprise::Column::Uscc.is_in(chunk.to_vec()))
                .into_tuple()
                .all(conn)
                .await?,
        ));
    }
    Ok(out)
}
