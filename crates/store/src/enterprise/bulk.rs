//! Bulk reads and writes of the registry for spreadsheet imports and exports: many codes in one
//! statement per chunk, so a 100,000-row file costs hundreds of statements, not 100,000.

use crate::enterprise::profile::scope_condition;
use crate::entity::{audit_log, enterprise, financial, honor};
use policy::org::Scope;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// Codes a statement lists at most (well under both engines' bind-parameter limits).
const CODES_PER_STATEMENT: usize = 500;

/// Every enterprise column an import may replace (all but the key and the creation time).
const PROFILE_COLUMNS: &[enterprise::Column] = &[
    enterprise::Column::Name,
    enterprise::Column::RegionCode,
    enterprise::Column::Status,
    enterprise::Column::FormerNames,
    enterprise::Column::CountyCode,
    enterprise::Column::Address,
    enterprise::Column::IndustryCode,
    enterprise::Column::SizeClass,
    enterprise::Column::SizeBasis,
    enterprise::Column::AboveSize,
    enterprise::Column::AboveSizeSince,
    enterprise::Column::FoundedOn,
    enterprise::Column::LegalRep,
    enterprise::Column::ContactName,
    enterprise::Column::ContactPhone,
    enterprise::Column::MainProducts,
    enterprise::Column::NicheMarket,
    enterprise::Column::NicheSinceYear,
    enterprise::Column::StrategicEmerging,
    enterprise::Column::Capabilities,
    enterprise::Column::StatusDate,
    enterprise::Column::StatusReason,
    enterprise::Column::UpdatedAt,
];

/// The enterprises with these codes; only those the scope admits when a scope is given (`None`
/// tells a duplicate code from a new one whatever the scope).
pub async fn enterprises<C: ConnectionTrait>(
    conn: &C,
    scope: Option<&Scope>,
    usccs: &[String],
) -> Result<Vec<enterprise::Model>, DbErr> {
    let mut out = Vec::with_capacity(usccs.len());
    for chunk in usccs.chunks(CODES_PER_STATEMENT) {
        let mut q =
            enterprise::Entity::find().filter(enterprise::Column::Uscc.is_in(chunk.to_vec()));
        if let Some(scope) = scope {
            q = q.filter(scope_condition(scope));
        }
        out.extend(q.all(conn).await?);
    }
    Ok(out)
}

/// Inserts new enterprises and replaces every column but the key and creation time of existing
/// ones. Each model must have every column set.
pub async fn upsert_enterprises<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<enterprise::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // 25 columns a row.
        let chunk: Vec<_> = rows.by_ref().take(400).collect();
        enterprise::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::column(enterprise::Column::Uscc)
                    .update_columns(PROFILE_COLUMNS.iter().copied())
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Every year of the enterprises with these codes, by code then year.
pub async fn financials<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
) -> Result<Vec<financial::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in usccs.chunks(CODES_PER_STATEMENT) {
        out.extend(
            financial::Entity::find()
                .filter(financial::Column::Uscc.is_in(chunk.to_vec()))
                .order_by_asc(financial::Column::Uscc)
                .order_by_asc(financial::Column::Year)
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Every honor of the enterprises with these codes, by code, year and id.
pub async fn honors<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
) -> Result<Vec<honor::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in usccs.chunks(CODES_PER_STATEMENT) {
        out.extend(
            honor::Entity::find()
                .filter(honor::Column::Uscc.is_in(chunk.to_vec()))
                .order_by_asc(honor::Column::Uscc)
                .order_by_asc(honor::Column::Year)
                .order_by_asc(honor::Column::Id)
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Appends many audit entries (one per record an import wrote) in few statements.
pub async fn insert_audit<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<audit_log::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // 10 columns a row.
        let chunk: Vec<_> = rows.by_ref().take(1000).collect();
        audit_log::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}
