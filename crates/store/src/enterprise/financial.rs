//! Yearly financials: one row per enterprise and year.

use crate::entity::financial;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// Every column but the key, for the upsert.
const VALUE_COLUMNS: &[financial::Column] = &[
    financial::Column::RevenueFen,
    financial::Column::MainRevenueFen,
    financial::Column::RdExpenseFen,
    financial::Column::NetProfitFen,
    financial::Column::TotalAssetsFen,
    financial::Column::TotalLiabilitiesFen,
    financial::Column::Staff,
    financial::Column::RdStaff,
    financial::Column::TechStaff,
    financial::Column::EquityFinancingFen,
    financial::Column::IpClass1HighValue,
    financial::Column::IpClass1SelfDeveloped,
    financial::Column::IpClass1,
    financial::Column::IpClass2,
    financial::Column::InventionPatents,
    financial::Column::UtilityModels,
    financial::Column::SoftwareCopyrights,
    financial::Column::DigitalLevel,
    financial::Column::RdInstitutionLevel,
    financial::Column::QualityAward,
    financial::Column::QualityCertification,
    financial::Column::OwnBrand,
    financial::Column::StandardDrafting,
    financial::Column::DataSource,
    financial::Column::ConfirmedBy,
    financial::Column::UpdatedAt,
];

/// Inserts the year's row or replaces its values.
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    row: financial::ActiveModel,
) -> Result<(), DbErr> {
    upsert_many(conn, vec![row]).await
}

/// Inserts or replaces many rows in one statement per chunk (imports).
pub async fn upsert_many<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<financial::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // 29 columns a row: 500 rows stay under both engines' bind-parameter limits.
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        financial::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::columns([financial::Column::Uscc, financial::Column::Year])
                    .update_columns(VALUE_COLUMNS.iter().copied())
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// One year of one enterprise.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
    year: i32,
) -> Result<Option<financial::Model>, DbErr> {
    financial::Entity::find()
        .filter(financial::Column::Uscc.eq(uscc))
        .filter(financial::Column::Year.eq(year))
        .one(conn)
        .await
}

/// Every year of one enterprise, newest first.
pub async fn of_enterprise<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
) -> Result<Vec<financial::Model>, DbErr> {
    financial::Entity::find()
        .filter(financial::Column::Uscc.eq(uscc))
        .order_by_desc(financial::Column::Year)
        .all(conn)
        .await
}
