//! The audit log: one row per write, with the field diff, in the writer's transaction.

use crate::entity::audit_log;
use crate::page::{Page, PageRequest};
use crate::scope::{ScopeColumns, condition};
use chrono::{DateTime, Utc};
use policy::org::Scope;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Set,
};

/// Appends an audit record.
pub async fn insert<C: ConnectionTrait>(conn: &C, row: audit_log::Model) -> Result<i64, DbErr> {
    audit_log::ActiveModel {
        at: Set(row.at),
        actor_id: Set(row.actor_id),
        actor_name: Set(row.actor_name),
        action: Set(row.action),
        entity_type: Set(row.entity_type),
        entity_id: Set(row.entity_id),
        region_code: Set(row.region_code),
        diff: Set(row.diff),
        request_id: Set(row.request_id),
        client_addr: Set(row.client_addr),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map(|m| m.id)
}

/// Filters of an audit search.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Entity type, e.g. `user`.
    pub entity_type: Option<String>,
    /// Entity id.
    pub entity_id: Option<String>,
    /// Acting user.
    pub actor_id: Option<i64>,
    /// Action, e.g. `user.create`.
    pub action: Option<String>,
    /// From this time (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Until this time (exclusive).
    pub to: Option<DateTime<Utc>>,
}

fn filtered(scope: &Scope, q: &AuditQuery) -> Select<audit_log::Entity> {
    let mut s = audit_log::Entity::find().filter(condition(
        scope,
        ScopeColumns {
            region: Some(audit_log::Column::RegionCode),
            enterprise: None,
            owner: Some(audit_log::Column::ActorId),
        },
    ));
    if let Some(v) = q.entity_type.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(audit_log::Column::EntityType.eq(v));
    }
    if let Some(v) = q.entity_id.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(audit_log::Column::EntityId.eq(v));
    }
    if let Some(v) = q.actor_id {
        s = s.filter(audit_log::Column::ActorId.eq(v));
    }
    if let Some(v) = q.action.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(audit_log::Column::Action.eq(v));
    }
    if let Some(v) = q.from {
        s = s.filter(audit_log::Column::At.gte(v));
    }
    if let Some(v) = q.to {
        s = s.filter(audit_log::Column::At.lt(v));
    }
    s
}

/// Audit records in scope matching the filters, newest first.
pub async fn search<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &AuditQuery,
    page: PageRequest,
) -> Result<Page<audit_log::Model>, DbErr> {
    let mut s = filtered(scope, q);
    if let Some(after) = page.after() {
        s = s.filter(audit_log::Column::Id.lt(after));
    }
    let rows = s
        .order_by_desc(audit_log::Column::Id)
        .limit(page.limit() + 1)
        .all(conn)
        .await?;
    Ok(Page::from_overfetch(rows, page, |r| r.id))
}

/// The newest audit id of all: every write is audited, so a value computed from the database
/// at this id stays right until the id moves.
pub async fn newest_id<C: ConnectionTrait>(conn: &C) -> Result<Option<i64>, DbErr> {
    audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Id)
        .order_by_desc(audit_log::Column::Id)
        .limit(1)
        .into_tuple::<i64>()
        .one(conn)
        .await
}

/// The newest audit id of an entity type (the search index's source stamp).
pub async fn max_id_of<C: ConnectionTrait>(
    conn: &C,
    entity_type: &str,
) -> Result<Option<i64>, DbErr> {
    audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Id)
        .filter(audit_log::Column::EntityType.eq(entity_type))
        .order_by_desc(audit_log::Column::Id)
        .limit(1)
        .into_tuple::<i64>()
        .one(conn)
        .await
}

/// The newest audit id of each of `entity_types`, in order (none for a type never written),
/// in one statement: one `MAX(id)` subquery a type, each answered from the
/// `(entity_type, id)` index by a single lookup, so the cost does not grow with the log.
/// Values remembered from a few kinds of record are stamped with these (`app::chain::memo`).
pub async fn newest_ids_of<C: ConnectionTrait>(
    conn: &C,
    entity_types: &[&str],
) -> Result<Vec<Option<i64>>, DbErr> {
    if entity_types.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::select();
    for (i, t) in entity_types.iter().enumerate() {
        let newest = Query::select()
            .expr(Func::max(Expr::col(audit_log::Column::Id)))
            .from(audit_log::Entity)
            .and_where(Expr::col(audit_log::Column::EntityType).eq(*t))
            .to_owned();
        q.expr_as(newest, Alias::new(format!("n{i}")));
    }
    let row = conn
        .query_one(&q)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("newest audit ids".into()))?;
    (0..entity_types.len())
        .map(|i| row.try_get_by_index::<Option<i64>>(i))
        .collect()
}

/// Audit entries of an entity type after `after_id`, oldest first: (id, entity id).
pub async fn entity_ids_since<C: ConnectionTrait>(
    conn: &C,
    entity_type: &str,
    after_id: i64,
    limit: u64,
) -> Result<Vec<(i64, String)>, DbErr> {
    audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Id)
        .column(audit_log::Column::EntityId)
        .filter(audit_log::Column::EntityType.eq(entity_type))
        .filter(audit_log::Column::Id.gt(after_id))
        .order_by_asc(audit_log::Column::Id)
        .limit(limit)
        .into_tuple::<(i64, String)>()
        .all(conn)
        .await
}
