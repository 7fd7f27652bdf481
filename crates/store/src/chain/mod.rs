//! Industry chains as stored: the chain with its leaders and yearly targets (`record`), the
//! map's nodes and enterprise links (`map`), parks (`park`), investment targets with their
//! stage log (`investment`), leaders' patrols (`patrol`), and the registry facts the figures
//! and the gap analysis read about a chain's enterprises (`facts`).
//!
//! A chain belongs to a region; every read takes the caller's [`Scope`] and admits a chain's
//! child rows only through a chain the scope admits (`chain_id IN (SELECT id FROM chain WHERE
//! <scope>)`), so no query path reaches a node, link, target or patrol of another region.

pub mod facts;
pub mod investment;
pub mod map;
pub mod park;
pub mod patrol;
pub mod record;

use crate::entity::chain;
use crate::scope::{ScopeColumns, condition};
use policy::org::Scope;
use sea_orm::sea_query::SelectStatement;
use sea_orm::{Condition, QueryFilter, QuerySelect, QueryTrait};

/// The scope condition of the chain table: by the chain's region.
pub fn chain_scope(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(chain::Column::RegionCode),
            enterprise: None,
            owner: None,
        },
    )
}

/// `SELECT id FROM chain WHERE <scope>`: the chains a child row may belong to.
pub fn chain_ids_in(scope: &Scope) -> SelectStatement {
    use sea_orm::EntityTrait;
    chain::Entity::find()
        .select_only()
        .column(chain::Column::Id)
        .filter(chain_scope(scope))
        .into_query()
}
