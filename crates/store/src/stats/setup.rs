//! Indicator cards, group sets and targets: small tables read whole.

use crate::entity::{stats_group_set, stats_indicator, stats_target};
use crate::scope::{ScopeColumns, condition};
use policy::org::Scope;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};

/// Every indicator card, in display order.
pub async fn all_indicators<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<stats_indicator::Model>, DbErr> {
    stats_indicator::Entity::find()
        .order_by_asc(stats_indicator::Column::Sort)
        .order_by_asc(stats_indicator::Column::Code)
        .all(conn)
        .await
}

/// One indicator card.
pub async fn find_indicator<C: ConnectionTrait>(
    conn: &C,
    code: &str,
) -> Result<Option<stats_indicator::Model>, DbErr> {
    stats_indicator::Entity::find_by_id(code.to_string())
        .one(conn)
        .await
}

/// Inserts a card, or replaces every column of the card with its code.
pub async fn save_indicator<C: ConnectionTrait>(
    conn: &C,
    card: stats_indicator::Model,
) -> Result<(), DbErr> {
    if find_indicator(conn, &card.code).await?.is_some() {
        card.into_active_model().reset_all().update(conn).await?;
    } else {
        card.into_active_model().reset_all().insert(conn).await?;
    }
    Ok(())
}

/// Every group set, in display order.
pub async fn all_group_sets<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<stats_group_set::Model>, DbErr> {
    stats_group_set::Entity::find()
        .order_by_asc(stats_group_set::Column::Sort)
        .order_by_asc(stats_group_set::Column::Code)
        .all(conn)
        .await
}

/// One group set.
pub async fn find_group_set<C: ConnectionTrait>(
    conn: &C,
    code: &str,
) -> Result<Option<stats_group_set::Model>, DbErr> {
    stats_group_set::Entity::find_by_id(code.to_string())
        .one(conn)
        .await
}

/// Inserts a group set, or replaces the one with its code.
pub async fn save_group_set<C: ConnectionTrait>(
    conn: &C,
    set: stats_group_set::Model,
) -> Result<(), DbErr> {
    if find_group_set(conn, &set.code).await?.is_some() {
        set.into_active_model().reset_all().update(conn).await?;
    } else {
        set.into_active_model().reset_all().insert(conn).await?;
    }
    Ok(())
}

/// Targets the scope admits (by the target's region), optionally of one year and kind.
pub async fn targets<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    year: Option<i32>,
    kind: Option<&str>,
) -> Result<Vec<stats_target::Model>, DbErr> {
    let mut q = stats_target::Entity::find().filter(condition(
        scope,
        ScopeColumns {
            region: Some(stats_target::Column::RegionCode),
            enterprise: None,
            owner: None,
        },
    ));
    if let Some(y) = year {
        q = q.filter(stats_target::Column::Year.eq(y));
    }
    if let Some(k) = kind {
        q = q.filter(stats_target::Column::Kind.eq(k));
    }
    q.order_by_asc(stats_target::Column::Year)
        .order_by_asc(stats_target::Column::Kind)
        .order_by_asc(stats_target::Column::Key)
        .all(conn)
        .await
}

/// One target, whatever the scope (the caller checks its region).
pub async fn find_target<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    key: &str,
    year: i32,
    indicator: &str,
) -> Result<Option<stats_target::Model>, DbErr> {
    stats_target::Entity::find()
        .filter(stats_target::Column::Kind.eq(kind))
        .filter(stats_target::Column::Key.eq(key))
        .filter(stats_target::Column::Year.eq(year))
        .filter(stats_target::Column::Indicator.eq(indicator))
        .one(conn)
        .await
}

/// Sets a target (insert, or replace the value of the one with the same kind, key, year and
/// indicator).
pub async fn upsert_target<C: ConnectionTrait>(
    conn: &C,
    t: stats_target::ActiveModel,
) -> Result<(), DbErr> {
    stats_target::Entity::insert(t)
        .on_conflict(
            OnConflict::columns([
                stats_target::Column::Kind,
                stats_target::Column::Key,
                stats_target::Column::Year,
                stats_target::Column::Indicator,
            ])
            .update_columns([
                stats_target::Column::Value,
                stats_target::Column::RegionCode,
                stats_target::Column::Note,
                stats_target::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
