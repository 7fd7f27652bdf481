//! The `attachment` table: a file of some record (a title application, a competition
//! project, a challenge application…), named by `owner_kind` and `owner_id`, with its bytes.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `attachment`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub owner_kind: String,
    pub owner_id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    #[sea_orm(column_type = "Blob")]
    pub bytes: Vec<u8>,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: DateTimeUtc,
}

/// No declared relations: the owner is found by the context that owns it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
