//! Land: parcels approved but not supplied (批而未供) and their disposals, and low-efficiency
//! land (低效用地) surveyed and entered into the database. Areas in hundredths of a mu.

use super::{scoped, sum_of, year_range};
use crate::entity::{inefficient_land, land_disposal, unsupplied_land};
use crate::page::{Page, PageRequest};
use policy::org::{RegionCode, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

fn parcels(scope: &Scope, region: Option<&RegionCode>) -> Select<unsupplied_land::Entity> {
    unsupplied_land::Entity::find().filter(scoped(
        scope,
        unsupplied_land::Column::RegionCode,
        None,
        region,
    ))
}

fn disposals(scope: &Scope, region: Option<&RegionCode>) -> Select<land_disposal::Entity> {
    land_disposal::Entity::find().filter(scoped(
        scope,
        land_disposal::Column::RegionCode,
        None,
        region,
    ))
}

fn inefficient(scope: &Scope, region: Option<&RegionCode>) -> Select<inefficient_land::Entity> {
    inefficient_land::Entity::find().filter(scoped(
        scope,
        inefficient_land::Column::RegionCode,
        Some(inefficient_land::Column::EnterpriseUscc),
        region,
    ))
}

/// Adds a parcel.
pub async fn insert_parcel<C: ConnectionTrait>(
    conn: &C,
    row: unsupplied_land::ActiveModel,
) -> Result<unsupplied_land::Model, DbErr> {
    row.insert(conn).await
}

/// A parcel in scope.
pub async fn find_parcel<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<unsupplied_land::Model>, DbErr> {
    parcels(scope, None)
        .filter(unsupplied_land::Column::Id.eq(id))
        .one(conn)
        .await
}

/// Whether a parcel code is taken in a region.
pub async fn parcel_code_taken<C: ConnectionTrait>(
    conn: &C,
    region: &str,
    code: &str,
) -> Result<bool, DbErr> {
    Ok(unsupplied_land::Entity::find()
        .filter(unsupplied_land::Column::RegionCode.eq(region))
        .filter(unsupplied_land::Column::Code.eq(code))
        .count(conn)
        .await?
        > 0)
}

/// A page of parcels in scope (and region), newest first.
pub async fn list_parcels<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    region: Option<&RegionCode>,
    page: PageRequest,
) -> Result<Page<unsupplied_land::Model>, DbErr> {
    crate::page::newest_first(
        conn,
        parcels(scope, region),
        unsupplied_land::Column::Id,
        page,
        |r| r.id,
    )
    .await
}

/// Adds disposals in batches.
pub async fn insert_disposals<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<land_disposal::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        land_disposal::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The disposals of some parcels, oldest first.
pub async fn disposals_of<C: ConnectionTrait>(
    conn: &C,
    parcel_ids: &[i64],
) -> Result<Vec<land_disposal::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in parcel_ids.chunks(500) {
        out.extend(
            land_disposal::Entity::find()
                .filter(land_disposal::Column::ParcelId.is_in(chunk.to_vec()))
                .order_by_asc(land_disposal::Column::Id)
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Adds low-efficiency parcels in batches.
pub async fn insert_inefficient<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<inefficient_land::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        inefficient_land::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Low-efficiency parcels in scope by id.
pub async fn find_inefficient<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    ids: &[i64],
) -> Result<Vec<inefficient_land::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            inefficient(scope, None)
                .filter(inefficient_land::Column::Id.is_in(chunk.to_vec()))
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Low-efficiency parcels in a region with these codes (to refuse a code used twice).
pub async fn inefficient_codes_taken<C: ConnectionTrait>(
    conn: &C,
    region: &str,
    codes: &[String],
) -> Result<Vec<String>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(
            inefficient_land::Entity::find()
                .select_only()
                .column(inefficient_land::Column::Code)
                .filter(inefficient_land::Column::RegionCode.eq(region))
                .filter(inefficient_land::Column::Code.is_in(chunk.to_vec()))
                .into_tuple::<String>()
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Saves a low-efficiency parcel's changed columns (its entry into the database).
pub async fn update_inefficient<C: ConnectionTrait>(
    conn: &C,
    row: inefficient_land::ActiveModel,
) -> Result<inefficient_land::Model, DbErr> {
    row.update(conn).await
}

/// A page of low-efficiency parcels in scope (and region), newest first.
pub async fn list_inefficient<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    region: Option<&RegionCode>,
    page: PageRequest,
) -> Result<Page<inefficient_land::Model>, DbErr> {
    crate::page::newest_first(
        conn,
        inefficient(scope, region),
        inefficient_land::Column::Id,
        page,
        |r| r.id,
    )
    .await
}

/// The land figures of a region and year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LandTotals {
    /// Unsupplied parcels on record.
    pub parcels: u64,
    /// Their approved area.
    pub approved_mu: i64,
    /// Disposed of, ever.
    pub disposed_mu_ever: i64,
    /// Disposals in the year.
    pub disposals: u64,
    /// Area disposed of in the year.
    pub disposed_mu: i64,
    /// Low-efficiency parcels surveyed in the year.
    pub surveyed: u64,
    /// Their area.
    pub surveyed_mu: i64,
    /// Low-efficiency parcels entered into the database in the year.
    pub entered: u64,
    /// Their area.
    pub entered_mu: i64,
}

/// The land figures of the records in scope, in a region, for a year.
pub async fn totals<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    region: Option<&RegionCode>,
    year: i32,
) -> Result<LandTotals, DbErr> {
    let Some((first, last)) = year_range(year) else {
        return Ok(LandTotals::default());
    };
    let one = |v: Option<Option<i64>>| v.flatten().unwrap_or(0);
    let parcels_n = parcels(scope, region).count(conn).await?;
    let approved: Option<Option<i64>> = parcels(scope, region)
        .select_only()
        .column_as(sum_of(unsupplied_land::Column::ApprovedMu), "a")
        .into_tuple()
        .one(conn)
        .await?;
    let disposed_ever: Option<Option<i64>> = disposals(scope, region)
        .select_only()
        .column_as(sum_of(land_disposal::Column::AreaMu), "a")
        .into_tuple()
        .one(conn)
        .await?;
    let in_year = || {
        disposals(scope, region)
            .filter(land_disposal::Column::DisposedOn.gte(first))
            .filter(land_disposal::Column::DisposedOn.lte(last))
    };
    let disposals_n = in_year().count(conn).await?;
    let disposed: Option<Option<i64>> = in_year()
        .select_only()
        .column_as(sum_of(land_disposal::Column::AreaMu), "a")
        .into_tuple()
        .one(conn)
        .await?;
    let surveyed = || {
        inefficient(scope, region)
            .filter(inefficient_land::Column::SurveyedOn.gte(first))
            .filter(inefficient_land::Column::SurveyedOn.lte(last))
    };
    let entered = || {
        inefficient(scope, region)
            .filter(inefficient_land::Column::EnteredOn.gte(first))
            .filter(inefficient_land::Column::EnteredOn.lte(last))
    };
    let surveyed_n = surveyed().count(conn).await?;
    let surveyed_mu: Option<Option<i64>> = surveyed()
        .select_only()
        .column_as(sum_of(inefficient_land::Column::AreaMu), "a")
        .into_tuple()
        .one(conn)
        .await?;
    let entered_n = entered().count(conn).await?;
    let entered_mu: Option<Option<i64>> = entered()
        .select_only()
        .column_as(sum_of(inefficient_land::Column::AreaMu), "a")
        .into_tuple()
        .one(conn)
        .await?;
    Ok(LandTotals {
        parcels: parcels_n,
        approved_mu: one(approved),
        disposed_mu_ever: one(disposed_ever),
        disposals: disposals_n,
        disposed_mu: one(disposed),
        surveyed: surveyed_n,
        surveyed_mu: one(surveyed_mu),
        entered: entered_n,
        entered_mu: one(entered_mu),
    })
}
