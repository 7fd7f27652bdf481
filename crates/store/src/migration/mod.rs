//! Schema migrations: one set, written with the schema builder, for both engines.

use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261125_000002_registry;
mod m20261125_000003_registry_indexes;
mod m20261125_000004_enterprise_list_index;
mod m20261125_000010_cultivation_rules;
mod m20261125_000011_public_notice;
mod m20261125_000012_cultivation_workflow;
mod m20261125_000013_service;
mod m20261125_000015_talent;
mod m20261125_000020_stats;
mod m20261125_000021_project;
mod m20261125_000030_innovation;
mod m20261125_000040_chain;
mod m20261126_000016_talent_attachment;
mod m20261126_000041_drop_chain_target;
pub(crate) mod m20261126_000050_attachment;
mod m20261126_000060_ticket_clock;

/// Every migration, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_registry::Migration),
            Box::new(m20261125_000003_registry_indexes::Migration),
            Box::new(m20261125_000004_enterprise_list_index::Migration),
            Box::new(m20261125_000011_public_notice::Migration),
            Box::new(m20261125_000012_cultivation_workflow::Migration),
            Box::new(m20261125_000015_talent::Migration),
            Box::new(m20261125_000010_cultivation_rules::Migration),
            Box::new(m20261125_000013_service::Migration),
            Box::new(m20261125_000020_stats::Migration),
            Box::new(m20261125_000021_project::Migration),
            Box::new(m20261125_000030_innovation::Migration),
            Box::new(m20261125_000040_chain::Migration),
            Box::new(m20261126_000041_drop_chain_target::Migration),
            Box::new(m20261126_000016_talent_attachment::Migration),
            Box::new(m20261126_000050_attachment::Migration),
            Box::new(m20261126_000060_ticket_clock::Migration),
        ]
    }
}
