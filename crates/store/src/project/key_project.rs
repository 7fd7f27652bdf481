//! Key projects, their yearly plans, monthly investment and problems.

use super::{scoped, sum_of};
use crate::entity::{key_project, key_project_plan, key_project_problem, key_project_progress};
use crate::page::{Page, PageRequest};
use policy::org::{RegionCode, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};

/// What a list, count or sum of key projects is restricted to.
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    /// Region subtree.
    pub region: Option<RegionCode>,
    /// Projects with a plan for this year (the year's list of key projects).
    pub year: Option<i32>,
    /// Level code.
    pub level: Option<String>,
    /// Stage code.
    pub stage: Option<String>,
    /// One enterprise.
    pub enterprise: Option<String>,
    /// Part of the name.
    pub name: Option<String>,
}

fn select(scope: &Scope, f: &ProjectFilter) -> Select<key_project::Entity> {
    let mut s = key_project::Entity::find().filter(scoped(
        scope,
        key_project::Column::RegionCode,
        Some(key_project::Column::EnterpriseUscc),
        f.region.as_ref(),
    ));
    if let Some(y) = f.year {
        s = s.filter(
            key_project::Column::Id.in_subquery(
                key_project_plan::Entity::find()
                    .select_only()
                    .column(key_project_plan::Column::ProjectId)
                    .filter(key_project_plan::Column::Year.eq(y))
                    .into_query(),
            ),
        );
    }
    if let Some(v) = &f.level {
        s = s.filter(key_project::Column::Level.eq(v.as_str()));
    }
    if let Some(v) = &f.stage {
        s = s.filter(key_project::Column::Stage.eq(v.as_str()));
    }
    if let Some(v) = &f.enterprise {
        s = s.filter(key_project::Column::EnterpriseUscc.eq(v.as_str()));
    }
    if let Some(v) = &f.name {
        s = s.filter(key_project::Column::Name.contains(v.as_str()));
    }
    s
}

/// The ids of the projects a filter admits, as a subquery.
fn ids(scope: &Scope, f: &ProjectFilter) -> sea_orm::sea_query::SelectStatement {
    select(scope, f)
        .select_only()
        .column(key_project::Column::Id)
        .into_query()
}

/// Adds a project.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: key_project::ActiveModel,
) -> Result<key_project::Model, DbErr> {
    row.insert(conn).await
}

/// Saves a project's changed columns.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: key_project::ActiveModel,
) -> Result<key_project::Model, DbErr> {
    row.update(conn).await
}

/// A project in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<key_project::Model>, DbErr> {
    select(scope, &ProjectFilter::default())
        .filter(key_project::Column::Id.eq(id))
        .one(conn)
        .await
}

/// Projects in scope by id (those out of scope are left out).
pub async fn find_many<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    ids: &[i64],
) -> Result<Vec<key_project::Model>, DbErr> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        out.extend(
            select(scope, &ProjectFilter::default())
                .filter(key_project::Column::Id.is_in(chunk.to_vec()))
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
    f: &ProjectFilter,
    page: PageRequest,
) -> Result<Page<key_project::Model>, DbErr> {
    crate::page::newest_first(conn, select(scope, f), key_project::Column::Id, page, |r| {
        r.id
    })
    .await
}

/// How many projects match.
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &ProjectFilter,
) -> Result<u64, DbErr> {
    select(scope, f).count(conn).await
}

/// A project's plans, by year.
pub async fn plans_of<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Vec<key_project_plan::Model>, DbErr> {
    key_project_plan::Entity::find()
        .filter(key_project_plan::Column::ProjectId.eq(project_id))
        .order_by_asc(key_project_plan::Column::Year)
        .all(conn)
        .await
}

/// The plan of a project for a year.
pub async fn plan<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    year: i32,
) -> Result<Option<key_project_plan::Model>, DbErr> {
    key_project_plan::Entity::find()
        .filter(key_project_plan::Column::ProjectId.eq(project_id))
        .filter(key_project_plan::Column::Year.eq(year))
        .one(conn)
        .await
}

/// Adds a plan.
pub async fn insert_plan<C: ConnectionTrait>(
    conn: &C,
    row: key_project_plan::ActiveModel,
) -> Result<key_project_plan::Model, DbErr> {
    row.insert(conn).await
}

/// Saves a changed plan.
pub async fn update_plan<C: ConnectionTrait>(
    conn: &C,
    row: key_project_plan::ActiveModel,
) -> Result<key_project_plan::Model, DbErr> {
    row.update(conn).await
}

/// A project's monthly investment, oldest first.
pub async fn progress_of<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Vec<key_project_progress::Model>, DbErr> {
    key_project_progress::Entity::find()
        .filter(key_project_progress::Column::ProjectId.eq(project_id))
        .order_by_asc(key_project_progress::Column::Year)
        .order_by_asc(key_project_progress::Column::Month)
        .all(conn)
        .await
}

/// The monthly rows of several projects in a year (what an import compares against).
pub async fn progress_in_year<C: ConnectionTrait>(
    conn: &C,
    project_ids: &[i64],
    year: i32,
) -> Result<Vec<key_project_progress::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in project_ids.chunks(500) {
        out.extend(
            key_project_progress::Entity::find()
                .filter(key_project_progress::Column::ProjectId.is_in(chunk.to_vec()))
                .filter(key_project_progress::Column::Year.eq(year))
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Adds monthly rows in batches.
pub async fn insert_progress<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<key_project_progress::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        key_project_progress::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Saves a changed monthly row.
pub async fn update_progress<C: ConnectionTrait>(
    conn: &C,
    row: key_project_progress::ActiveModel,
) -> Result<key_project_progress::Model, DbErr> {
    row.update(conn).await
}

/// A project's problems, oldest first.
pub async fn problems_of<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Vec<key_project_problem::Model>, DbErr> {
    key_project_problem::Entity::find()
        .filter(key_project_problem::Column::ProjectId.eq(project_id))
        .order_by_asc(key_project_problem::Column::Id)
        .all(conn)
        .await
}

/// Adds a problem.
pub async fn insert_problem<C: ConnectionTrait>(
    conn: &C,
    row: key_project_problem::ActiveModel,
) -> Result<key_project_problem::Model, DbErr> {
    row.insert(conn).await
}

/// (planned, invested) in a year, in fen, of each of `project_ids` that has either.
pub async fn year_figures<C: ConnectionTrait>(
    conn: &C,
    project_ids: &[i64],
    year: i32,
) -> Result<std::collections::HashMap<i64, (Option<i64>, Option<i64>)>, DbErr> {
    let mut out: std::collections::HashMap<i64, (Option<i64>, Option<i64>)> =
        std::collections::HashMap::new();
    for chunk in project_ids.chunks(500) {
        let plans: Vec<(i64, i64)> = key_project_plan::Entity::find()
            .select_only()
            .column(key_project_plan::Column::ProjectId)
            .column(key_project_plan::Column::PlannedFen)
            .filter(key_project_plan::Column::ProjectId.is_in(chunk.to_vec()))
            .filter(key_project_plan::Column::Year.eq(year))
            .into_tuple()
            .all(conn)
            .await?;
        for (id, fen) in plans {
            out.entry(id).or_default().0 = Some(fen);
        }
        let sums: Vec<(i64, Option<i64>)> = key_project_progress::Entity::find()
            .select_only()
            .column(key_project_progress::Column::ProjectId)
            .column_as(
                sum_of(key_project_progress::Column::InvestedFen),
                "invested",
            )
            .filter(key_project_progress::Column::ProjectId.is_in(chunk.to_vec()))
            .filter(key_project_progress::Column::Year.eq(year))
            .group_by(key_project_progress::Column::ProjectId)
            .into_tuple()
            .all(conn)
            .await?;
        for (id, fen) in sums {
            out.entry(id).or_default().1 = fen;
        }
    }
    Ok(out)
}

/// The figures of the year's key projects in a region.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProjectTotals {
    /// Projects with a plan for the year.
    pub count: u64,
    /// Their plans, in fen.
    pub planned_fen: i64,
    /// Investment they completed in the year's months, in fen.
    pub invested_fen: i64,
}

/// The year's figures of the projects in scope (and in `f`'s region, level, stage).
pub async fn totals<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &ProjectFilter,
    year: i32,
) -> Result<ProjectTotals, DbErr> {
    let f = ProjectFilter {
        year: Some(year),
        ..f.clone()
    };
    let count = count(conn, scope, &f).await?;
    let planned: Option<Option<i64>> = key_project_plan::Entity::find()
        .select_only()
        .column_as(sum_of(key_project_plan::Column::PlannedFen), "planned")
        .filter(key_project_plan::Column::Year.eq(year))
        .filter(key_project_plan::Column::ProjectId.in_subquery(ids(scope, &f)))
        .into_tuple()
        .one(conn)
        .await?;
    let invested: Option<Option<i64>> = key_project_progress::Entity::find()
        .select_only()
        .column_as(
            sum_of(key_project_progress::Column::InvestedFen),
            "invested",
        )
        .filter(key_project_progress::Column::Year.eq(year))
        .filter(key_project_progress::Column::ProjectId.in_subquery(ids(scope, &f)))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(ProjectTotals {
        count,
        planned_fen: planned.flatten().unwrap_or(0),
        invested_fen: invested.flatten().unwrap_or(0),
    })
}
