//! Support-fund payments (扶持资金拨付) and digital records (5G base-station batches,
//! enterprises on the cloud, 两化融合 and DCMM certifications).

use super::{scoped, sum_of, year_range};
use crate::entity::{digital_record, support_fund_payment};
use crate::page::{Page, PageRequest};
use policy::org::{RegionCode, Scope};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

/// What a list or sum of payments or digital records is restricted to.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    /// Region subtree.
    pub region: Option<RegionCode>,
    /// Paid or recorded in this year.
    pub year: Option<i32>,
    /// Programme (payments) or kind (digital records).
    pub kind: Option<String>,
    /// One enterprise.
    pub enterprise: Option<String>,
}

fn payments(scope: &Scope, f: &RecordFilter) -> Select<support_fund_payment::Entity> {
    use support_fund_payment::Column as C;
    let mut s = support_fund_payment::Entity::find().filter(scoped(
        scope,
        C::RegionCode,
        Some(C::EnterpriseUscc),
        f.region.as_ref(),
    ));
    if let Some((first, last)) = f.year.and_then(year_range) {
        s = s.filter(C::PaidOn.gte(first)).filter(C::PaidOn.lte(last));
    }
    if let Some(v) = &f.kind {
        s = s.filter(C::Programme.eq(v.as_str()));
    }
    if let Some(v) = &f.enterprise {
        s = s.filter(C::EnterpriseUscc.eq(v.as_str()));
    }
    s
}

fn digital(scope: &Scope, f: &RecordFilter) -> Select<digital_record::Entity> {
    use digital_record::Column as C;
    let mut s = digital_record::Entity::find().filter(scoped(
        scope,
        C::RegionCode,
        Some(C::EnterpriseUscc),
        f.region.as_ref(),
    ));
    if let Some((first, last)) = f.year.and_then(year_range) {
        s = s
            .filter(C::RecordedOn.gte(first))
            .filter(C::RecordedOn.lte(last));
    }
    if let Some(v) = &f.kind {
        s = s.filter(C::Kind.eq(v.as_str()));
    }
    if let Some(v) = &f.enterprise {
        s = s.filter(C::EnterpriseUscc.eq(v.as_str()));
    }
    s
}

/// Adds payments in batches.
pub async fn insert_payments<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<support_fund_payment::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        support_fund_payment::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// A page of payments, newest first.
pub async fn list_payments<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &RecordFilter,
    page: PageRequest,
) -> Result<Page<support_fund_payment::Model>, DbErr> {
    crate::page::newest_first(
        conn,
        payments(scope, f),
        support_fund_payment::Column::Id,
        page,
        |r| r.id,
    )
    .await
}

/// Payments by programme: (programme, count, fen), largest programme first.
pub async fn payments_by_programme<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &RecordFilter,
) -> Result<Vec<(String, i64, Option<i64>)>, DbErr> {
    use support_fund_payment::Column as C;
    let mut rows: Vec<(String, i64, Option<i64>)> = payments(scope, f)
        .select_only()
        .column(C::Programme)
        .column_as(C::Id.count(), "n")
        .column_as(sum_of(C::AmountFen), "fen")
        .group_by(C::Programme)
        .into_tuple()
        .all(conn)
        .await?;
    rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    Ok(rows)
}

/// How many distinct enterprises were paid.
pub async fn enterprises_paid<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &RecordFilter,
) -> Result<u64, DbErr> {
    let codes: Vec<String> = payments(scope, f)
        .select_only()
        .column(support_fund_payment::Column::EnterpriseUscc)
        .distinct()
        .into_tuple()
        .all(conn)
        .await?;
    Ok(codes.len() as u64)
}

/// Adds digital records in batches.
pub async fn insert_digital<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<digital_record::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        digital_record::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The enterprises that already have a record of `kind` among `codes`.
pub async fn digital_enterprises_recorded<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    codes: &[String],
) -> Result<Vec<String>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        let found: Vec<Option<String>> = digital_record::Entity::find()
            .select_only()
            .column(digital_record::Column::EnterpriseUscc)
            .filter(digital_record::Column::Kind.eq(kind))
            .filter(digital_record::Column::EnterpriseUscc.is_in(chunk.to_vec()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(found.into_iter().flatten());
    }
    Ok(out)
}

/// A page of digital records, newest first.
pub async fn list_digital<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &RecordFilter,
    page: PageRequest,
) -> Result<Page<digital_record::Model>, DbErr> {
    crate::page::newest_first(
        conn,
        digital(scope, f),
        digital_record::Column::Id,
        page,
        |r| r.id,
    )
    .await
}

/// Digital records by kind: (kind, records, quantity).
pub async fn digital_by_kind<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &RecordFilter,
) -> Result<Vec<(String, i64, Option<i64>)>, DbErr> {
    use digital_record::Column as C;
    digital(scope, f)
        .select_only()
        .column(C::Kind)
        .column_as(C::Id.count(), "n")
        .column_as(sum_of(C::Quantity), "q")
        .group_by(C::Kind)
        .order_by_asc(C::Kind)
        .into_tuple()
        .all(conn)
        .await
}

/// How many payments match.
pub async fn count_payments<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &RecordFilter,
) -> Result<u64, DbErr> {
    payments(scope, f).count(conn).await
}
