//! The foundation: regions, departments, a minimal enterprise, users, roles, sessions, logs,
//! audit, notifications with their outbox, job leases and the working-day calendar.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the foundation tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000001_foundation"
    }
}

fn index(name: &str, table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("region")
            .col(string("code").primary_key())
            .col(string("name"))
            .col(string_null("parent_code"))
            .col(string("level"))
            .col(string("kind"))
            .col(integer("sort").default(0))
            .to_owned(),
        Table::create()
            .table("department")
            .col(big_pk_auto("id"))
            .col(string_uniq("code"))
            .col(string("name"))
            .col(string("region_code"))
            .col(boolean("retired").default(false))
            .to_owned(),
        Table::create()
            .table("enterprise")
            .col(string("uscc").primary_key())
            .col(string("name"))
            .col(string("region_code"))
            .col(string("status").default("operating"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("app_user")
            .col(big_pk_auto("id"))
            .col(string_uniq("username"))
            .col(string("display_name"))
            .col(string("password_hash"))
            .col(string_null("region_code"))
            .col(big_integer_null("department_id"))
            .col(string_null("enterprise_uscc"))
            .col(string_null("phone"))
            .col(string("locale").default("zh-CN"))
            .col(boolean("must_change_password").default(false))
            .col(boolean("disabled").default(false))
            .col(integer("failed_logins").default(0))
            .col(timestamp_with_time_zone_null("locked_until"))
            .col(timestamp_with_time_zone_null("password_changed_at"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("role")
            .col(big_pk_auto("id"))
            .col(string_uniq("code"))
            .col(string("name_zh"))
            .col(string("name_en"))
            .col(string("data_scope"))
            .to_owned(),
        Table::create()
            .table("role_permission")
            .col(big_integer("role_id"))
            .col(string("permission"))
            .primary_key(Index::create().col("role_id").col("permission"))
            .to_owned(),
        Table::create()
            .table("role_region")
            .col(big_integer("role_id"))
            .col(string("region_code"))
            .primary_key(Index::create().col("role_id").col("region_code"))
            .to_owned(),
        Table::create()
            .table("user_role")
            .col(big_integer("user_id"))
            .col(big_integer("role_id"))
            .primary_key(Index::create().col("user_id").col("role_id"))
            .to_owned(),
        Table::create()
            .table("user_session")
            .col(string("token_hash").primary_key())
            .col(big_integer("user_id"))
            .col(string("csrf_token"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("last_seen_at"))
            .col(string("client_addr"))
            .col(string("user_agent"))
            .to_owned(),
        Table::create()
            .table("login_log")
            .col(big_pk_auto("id"))
            .col(string("username"))
            .col(big_integer_null("user_id"))
            .col(timestamp_with_time_zone("at"))
            .col(string("client_addr"))
            .col(string("user_agent"))
            .col(boolean("success"))
            .col(string("reason"))
            .to_owned(),
        Table::create()
            .table("audit_log")
            .col(big_pk_auto("id"))
            .col(timestamp_with_time_zone("at"))
            .col(big_integer_null("actor_id"))
            .col(string("actor_name"))
            .col(string("action"))
            .col(string("entity_type"))
            .col(string("entity_id"))
            .col(string_null("region_code"))
            .col(text("diff"))
            .col(string("request_id"))
            .col(string("client_addr"))
            .to_owned(),
        Table::create()
            .table("notification")
            .col(big_pk_auto("id"))
            .col(big_integer("user_id"))
            .col(string("kind"))
            .col(string("title"))
            .col(text("body"))
            .col(string_null("link"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("read_at"))
            .to_owned(),
        Table::create()
            .table("outbox")
            .col(big_pk_auto("id"))
            .col(big_integer("notification_id"))
            .col(string("channel"))
            .col(text("payload"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("sent_at"))
            .col(integer("attempts").default(0))
            .to_owned(),
        Table::create()
            .table("job_lease")
            .col(string("name").primary_key())
            .col(string("holder"))
            .col(timestamp_with_time_zone("expires_at"))
            .to_owned(),
        Table::create()
            .table("job_run")
            .col(big_pk_auto("id"))
            .col(string("name"))
            .col(string("holder"))
            .col(timestamp_with_time_zone("started_at"))
            .col(timestamp_with_time_zone_null("finished_at"))
            .col(boolean_null("ok"))
            .col(text("message"))
            .to_owned(),
        Table::create()
            .table("workday")
            .col(date("date").primary_key())
            .col(string("kind"))
            .col(string("festival"))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("ix_region_parent", "region", &["parent_code"]),
        index("ix_user_region", "app_user", &["region_code"]),
        index("ix_session_user", "user_session", &["user_id"]),
        index("ix_login_log_at", "login_log", &["at"]),
        index(
            "ix_audit_entity",
            "audit_log",
            &["entity_type", "entity_id"],
        ),
        index("ix_audit_actor", "audit_log", &["actor_id"]),
        index("ix_audit_at", "audit_log", &["at"]),
        index(
            "ix_notification_user",
            "notification",
            &["user_id", "read_at"],
        ),
        index("ix_outbox_pending", "outbox", &["sent_at"]),
        index("ix_enterprise_region", "enterprise", &["region_code"]),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        for i in indexes() {
            manager.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables().iter().rev() {
            if let Some(name) = t.get_table_name() {
                manager
                    .drop_table(Table::drop().table(name.clone()).to_owned())
                    .await?;
            }
        }
        Ok(())
    }
}
