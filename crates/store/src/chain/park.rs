//! Industrial parks (园区) and the enterprises located in them.

use crate::entity::{chain_park, chain_park_enterprise};
use crate::scope::{ScopeColumns, condition};
use policy::org::Scope;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};

fn park_scope(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(chain_park::Column::RegionCode),
            enterprise: None,
            owner: None,
        },
    )
}

/// Inserts a park.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: chain_park::ActiveModel,
) -> Result<chain_park::Model, DbErr> {
    row.insert(conn).await
}

/// A park in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<chain_park::Model>, DbErr> {
    chain_park::Entity::find_by_id(id)
        .filter(park_scope(scope))
        .one(conn)
        .await
}

/// The parks in scope, by region and name.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
) -> Result<Vec<chain_park::Model>, DbErr> {
    chain_park::Entity::find()
        .filter(park_scope(scope))
        .order_by_asc(chain_park::Column::RegionCode)
        .order_by_asc(chain_park::Column::Id)
        .all(conn)
        .await
}

/// Places enterprises in a park (once each; placing again changes nothing).
pub async fn place<C: ConnectionTrait>(
    conn: &C,
    park_id: i64,
    usccs: &[String],
) -> Result<(), DbErr> {
    for chunk in usccs.chunks(500) {
        let rows: Vec<chain_park_enterprise::ActiveModel> = chunk
            .iter()
            .map(|u| chain_park_enterprise::ActiveModel {
                park_id: sea_orm::Set(park_id),
                enterprise_uscc: sea_orm::Set(u.clone()),
                ..Default::default()
            })
            .collect();
        chain_park_enterprise::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([
                    chain_park_enterprise::Column::ParkId,
                    chain_park_enterprise::Column::EnterpriseUscc,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Which parks in scope the given enterprises are located in: (park id, code).
pub async fn placements<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    usccs: &[String],
) -> Result<Vec<(i64, String)>, DbErr> {
    use sea_orm::QuerySelect;
    let parks: Vec<i64> = list(conn, scope).await?.into_iter().map(|p| p.id).collect();
    let mut out = Vec::new();
    if parks.is_empty() {
        return Ok(out);
    }
    for chunk in usccs.chunks(900) {
        let rows: Vec<(i64, String)> = chain_park_enterprise::Entity::find()
            .select_only()
            .column(chain_park_enterprise::Column::ParkId)
            .column(chain_park_enterprise::Column::EnterpriseUscc)
            .filter(chain_park_enterprise::Column::ParkId.is_in(parks.clone()))
            .filter(chain_park_enterprise::Column::EnterpriseUscc.is_in(chunk.to_vec()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// How many enterprises each park holds: (park id, count).
pub async fn sizes<C: ConnectionTrait>(
    conn: &C,
    park_ids: &[i64],
) -> Result<Vec<(i64, i64)>, DbErr> {
    use sea_orm::QuerySelect;
    chain_park_enterprise::Entity::find()
        .select_only()
        .column(chain_park_enterprise::Column::ParkId)
        .column_as(chain_park_enterprise::Column::Id.count(), "n")
        .filter(chain_park_enterprise::Column::ParkId.is_in(park_ids.to_vec()))
        .group_by(chain_park_enterprise::Column::ParkId)
        .into_tuple()
        .all(conn)
        .await
}
