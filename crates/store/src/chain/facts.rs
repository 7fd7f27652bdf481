//! What the registry says about a set of enterprises, for chain figures, gaps and lists:
//! names and regions, titles held now, and the tickets of weak links (output comes from the
//! statistics context). Codes are read in chunks that stay
//! under both engines' bind-parameter limits.

use crate::entity::{enterprise, honor};
use crate::scope::code_prefix;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

/// Codes a chunk: far below SQLite's and PostgreSQL's bind limits.
const CHUNK: usize = 900;

/// An enterprise's name and region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnterpriseFacts {
    /// Code.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Region code.
    pub region_code: String,
}

/// Names and regions of the given enterprises (those that exist).
pub async fn enterprises<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
) -> Result<Vec<EnterpriseFacts>, DbErr> {
    let mut out = Vec::with_capacity(usccs.len());
    for chunk in usccs.chunks(CHUNK) {
        let rows: Vec<(String, String, String)> = enterprise::Entity::find()
            .select_only()
            .column(enterprise::Column::Uscc)
            .column(enterprise::Column::Name)
            .column(enterprise::Column::RegionCode)
            .filter(enterprise::Column::Uscc.is_in(chunk.to_vec()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(
            rows.into_iter()
                .map(|(uscc, name, region_code)| EnterpriseFacts {
                    uscc,
                    name,
                    region_code,
                }),
        );
    }
    Ok(out)
}

/// The titles the enterprises on a chain's map held on `day` (one statement).
pub async fn titles_on_chain<C: ConnectionTrait>(
    conn: &C,
    chain_id: i64,
    day: NaiveDate,
) -> Result<Vec<HeldTitle>, DbErr> {
    let rows: Vec<(String, String, String)> = honor::Entity::find()
        .select_only()
        .column(honor::Column::Uscc)
        .column(honor::Column::Title)
        .column(honor::Column::Level)
        .distinct()
        .filter(Expr::col(honor::Column::Uscc).in_subquery(super::map::usccs_on_chain(chain_id)))
        .filter(valid_on(day))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(uscc, title, level)| HeldTitle { uscc, title, level })
        .collect())
}

/// The titles the given enterprises held on `day` (the enterprises new on a chain's map).
pub async fn titles_of<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
    day: NaiveDate,
) -> Result<Vec<HeldTitle>, DbErr> {
    let mut out = Vec::new();
    for chunk in usccs.chunks(CHUNK) {
        let rows: Vec<(String, String, String)> = honor::Entity::find()
            .select_only()
            .column(honor::Column::Uscc)
            .column(honor::Column::Title)
            .column(honor::Column::Level)
            .distinct()
            .filter(honor::Column::Uscc.is_in(chunk.to_vec()))
            .filter(valid_on(day))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(
            rows.into_iter()
                .map(|(uscc, title, level)| HeldTitle { uscc, title, level }),
        );
    }
    Ok(out)
}

/// A title an enterprise holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldTitle {
    /// Code.
    pub uscc: String,
    /// Title code.
    pub title: String,
    /// Level code.
    pub level: String,
}

/// Held on `day`: within its validity and not revoked (a title that has since expired still
/// counted on a day inside its validity).
fn valid_on(day: NaiveDate) -> Condition {
    Condition::all()
        .add(honor::Column::Status.ne("revoked"))
        .add(
            Condition::any()
                .add(honor::Column::ValidTo.is_null())
                .add(honor::Column::ValidTo.gte(day)),
        )
        .add(
            Condition::any()
                .add(honor::Column::ValidFrom.is_null())
                .add(honor::Column::ValidFrom.lte(day)),
        )
}

/// The enterprises of a region's subtree that held one of `titles` at `level` on `day`.
pub async fn title_holders_in_region<C: ConnectionTrait>(
    conn: &C,
    region_prefix: &str,
    titles: &[String],
    level: Option<&str>,
    day: NaiveDate,
) -> Result<Vec<String>, DbErr> {
    let in_region = sea_orm::sea_query::Query::select()
        .column(enterprise::Column::Uscc)
        .from(enterprise::Entity)
        .cond_where(code_prefix(enterprise::Column::RegionCode, region_prefix))
        .to_owned();
    let mut s = honor::Entity::find()
        .select_only()
        .column(honor::Column::Uscc)
        .distinct()
        .filter(honor::Column::Title.is_in(titles.to_vec()))
        .filter(valid_on(day))
        .filter(Expr::col(honor::Column::Uscc).in_subquery(in_region));
    if let Some(l) = level {
        s = s.filter(honor::Column::Level.eq(l));
    }
    s.into_tuple::<String>().all(conn).await
}

/// Tickets in the caller's ticket scope that speak of a chain's weak links: of the given
/// categories, and either raised for an enterprise on the chain's map or raised from one of
/// its patrols. Newest first, at most `limit`.
pub async fn need_tickets<C: ConnectionTrait>(
    conn: &C,
    ticket_scope: &policy::org::Scope,
    chain_id: i64,
    categories: &[String],
    limit: u64,
) -> Result<Vec<crate::entity::ticket::Model>, DbErr> {
    use crate::entity::{chain_node_enterprise, chain_patrol_ticket, ticket};
    use sea_orm::QueryOrder;
    let on_map = sea_orm::sea_query::Query::select()
        .column(chain_node_enterprise::Column::EnterpriseUscc)
        .from(chain_node_enterprise::Entity)
        .and_where(Expr::col(chain_node_enterprise::Column::ChainId).eq(chain_id))
        .to_owned();
    let from_patrols = sea_orm::sea_query::Query::select()
        .column(chain_patrol_ticket::Column::TicketId)
        .from(chain_patrol_ticket::Entity)
        .and_where(Expr::col(chain_patrol_ticket::Column::ChainId).eq(chain_id))
        .to_owned();
    ticket::Entity::find()
        .filter(crate::service::ticket::ticket_scope(ticket_scope))
        .filter(ticket::Column::Category.is_in(categories.to_vec()))
        .filter(
            Condition::any()
                .add(Expr::col(ticket::Column::EnterpriseUscc).in_subquery(on_map))
                .add(Expr::col(ticket::Column::Id).in_subquery(from_patrols)),
        )
        .order_by_desc(ticket::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}
