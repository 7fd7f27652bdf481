//! Attraction projects (`investment_target`), their append-only report/review log, and the
//! counties' yearly targets.

use super::{scoped, sum_of, year_range};
use crate::entity::{investment_county_target, investment_target, investment_target_event};
use crate::page::{Page, PageRequest};
use policy::org::{RegionCode, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

/// What a list, count or sum of attraction projects is restricted to.
#[derive(Debug, Clone, Default)]
pub struct TargetFilter {
    /// Region subtree.
    pub region: Option<RegionCode>,
    /// Approved stage code.
    pub stage: Option<String>,
    /// Only those with a report waiting for review.
    pub pending: bool,
    /// Signed (approved) in this year.
    pub signed_year: Option<i32>,
    /// Planned investment at least this, in fen.
    pub min_planned_fen: Option<i64>,
    /// Part of the name or investor.
    pub name: Option<String>,
}

fn select(scope: &Scope, f: &TargetFilter) -> Select<investment_target::Entity> {
    use investment_target::Column as C;
    let mut s = investment_target::Entity::find().filter(scoped(
        scope,
        C::RegionCode,
        Some(C::EnterpriseUscc),
        f.region.as_ref(),
    ));
    if let Some(v) = &f.stage {
        s = s.filter(C::Stage.eq(v.as_str()));
    }
    if f.pending {
        s = s.filter(C::PendingStage.is_not_null());
    }
    if let Some((first, last)) = f.signed_year.and_then(year_range) {
        s = s
            .filter(C::SignedOn.gte(first))
            .filter(C::SignedOn.lte(last));
    }
    if let Some(v) = f.min_planned_fen {
        s = s.filter(C::PlannedFen.gte(v));
    }
    if let Some(v) = &f.name {
        s = s.filter(
            sea_orm::Condition::any()
                .add(C::Name.contains(v.as_str()))
                .add(C::Investor.contains(v.as_str())),
        );
    }
    s
}

/// Adds a project.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: investment_target::ActiveModel,
) -> Result<investment_target::Model, DbErr> {
    row.insert(conn).await
}

/// Saves a project's changed columns (the projection of its log).
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: investment_target::ActiveModel,
) -> Result<investment_target::Model, DbErr> {
    row.update(conn).await
}

/// A project in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<investment_target::Model>, DbErr> {
    select(scope, &TargetFilter::default())
        .filter(investment_target::Column::Id.eq(id))
        .one(conn)
        .await
}

/// Projects in scope by id (those out of scope are left out).
pub async fn find_many<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    ids: &[i64],
) -> Result<Vec<investment_target::Model>, DbErr> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        out.extend(
            select(scope, &TargetFilter::default())
                .filter(investment_target::Column::Id.is_in(chunk.to_vec()))
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// A page of projects in scope, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &TargetFilter,
    page: PageRequest,
) -> Result<Page<investment_target::Model>, DbErr> {
    crate::page::newest_first(
        conn,
        select(scope, f),
        investment_target::Column::Id,
        page,
        |r| r.id,
    )
    .await
}

/// How many projects match.
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &TargetFilter,
) -> Result<u64, DbErr> {
    select(scope, f).count(conn).await
}

/// (planned, in place) summed over the matching projects, in fen.
pub async fn sums<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &TargetFilter,
) -> Result<(i64, i64), DbErr> {
    let row: Option<(Option<i64>, Option<i64>)> = select(scope, f)
        .select_only()
        .column_as(sum_of(investment_target::Column::PlannedFen), "planned")
        .column_as(sum_of(investment_target::Column::InPlaceFen), "in_place")
        .into_tuple()
        .one(conn)
        .await?;
    let (p, i) = row.unwrap_or_default();
    Ok((p.unwrap_or(0), i.unwrap_or(0)))
}

/// The matching projects counted by approved stage.
pub async fn count_by_stage<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &TargetFilter,
) -> Result<Vec<(Option<String>, i64)>, DbErr> {
    select(scope, f)
        .select_only()
        .column(investment_target::Column::Stage)
        .column_as(investment_target::Column::Id.count(), "n")
        .group_by(investment_target::Column::Stage)
        .into_tuple()
        .all(conn)
        .await
}

/// Appends an event to a project's log (never updated or deleted).
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    row: investment_target_event::ActiveModel,
) -> Result<investment_target_event::Model, DbErr> {
    row.insert(conn).await
}

/// A project's log, oldest first.
pub async fn events_of<C: ConnectionTrait>(
    conn: &C,
    target_id: i64,
) -> Result<Vec<investment_target_event::Model>, DbErr> {
    investment_target_event::Entity::find()
        .filter(investment_target_event::Column::TargetId.eq(target_id))
        .order_by_asc(investment_target_event::Column::Id)
        .all(conn)
        .await
}

/// The latest report of each of several projects (the pending ones' proposals).
pub async fn latest_reports<C: ConnectionTrait>(
    conn: &C,
    target_ids: &[i64],
) -> Result<Vec<investment_target_event::Model>, DbErr> {
    let mut latest: std::collections::BTreeMap<i64, investment_target_event::Model> =
        std::collections::BTreeMap::new();
    for chunk in target_ids.chunks(500) {
        for e in investment_target_event::Entity::find()
            .filter(investment_target_event::Column::TargetId.is_in(chunk.to_vec()))
            .filter(investment_target_event::Column::Action.eq("report"))
            .order_by_asc(investment_target_event::Column::Id)
            .all(conn)
            .await?
        {
            latest.insert(e.target_id, e);
        }
    }
    Ok(latest.into_values().collect())
}

/// A county's target for a year.
pub async fn county_target<C: ConnectionTrait>(
    conn: &C,
    region: &str,
    year: i32,
) -> Result<Option<investment_county_target::Model>, DbErr> {
    investment_county_target::Entity::find()
        .filter(investment_county_target::Column::RegionCode.eq(region))
        .filter(investment_county_target::Column::Year.eq(year))
        .one(conn)
        .await
}

/// Adds a county target.
pub async fn insert_county_target<C: ConnectionTrait>(
    conn: &C,
    row: investment_county_target::ActiveModel,
) -> Result<investment_county_target::Model, DbErr> {
    row.insert(conn).await
}

/// Saves a changed county target.
pub async fn update_county_target<C: ConnectionTrait>(
    conn: &C,
    row: investment_county_target::ActiveModel,
) -> Result<investment_county_target::Model, DbErr> {
    row.update(conn).await
}

/// The targets of a year in scope (and in a region's subtree), by region code.
pub async fn county_targets<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    region: Option<&RegionCode>,
    year: i32,
) -> Result<Vec<investment_county_target::Model>, DbErr> {
    use investment_county_target::Column as C;
    investment_county_target::Entity::find()
        .filter(scoped(scope, C::RegionCode, None, region))
        .filter(C::Year.eq(year))
        .order_by_asc(C::RegionCode)
        .all(conn)
        .await
}
