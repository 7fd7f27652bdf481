//! Professional titles: applications with their event log, recommendation places, experts,
//! committees, meetings and the secret ballot.
//!
//! The ballot keeps two things apart: `talent_ballot_voted` says *who* has voted in a meeting
//! (so nobody votes twice and absent experts cannot vote), and the counters on
//! `talent_meeting_candidate` say *how many* voted yes, no or abstain. No row ties an expert to
//! a choice.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the talent tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000015_talent"
    }
}

const TABLES: &[&str] = &[
    "talent_ballot_voted",
    "talent_meeting_expert",
    "talent_meeting_candidate",
    "talent_meeting",
    "talent_committee",
    "talent_expert",
    "talent_recommendation",
    "talent_event",
    "talent_application",
];

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("talent_application")
            .col(big_pk_auto("id"))
            .col(integer("year"))
            .col(string("uscc"))
            .col(string("enterprise_name"))
            .col(string("region_code"))
            .col(string("person_name"))
            .col(string("id_number"))
            .col(string("series"))
            .col(string("specialty"))
            .col(string("level"))
            .col(string("route"))
            .col(string("education"))
            .col(string_null("current_title"))
            .col(integer("years_in_title"))
            .col(integer("years_of_work"))
            .col(text("evidence"))
            .col(text("attachments"))
            .col(text("conditions"))
            .col(string("rules_version"))
            .col(string("state"))
            .col(date_null("internal_notice_from"))
            .col(date_null("internal_notice_to"))
            .col(big_integer_null("meeting_id"))
            .col(date_null("granted_on"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("talent_event")
            .col(big_pk_auto("id"))
            .col(big_integer("application_id"))
            .col(string("action"))
            .col(string("from_state"))
            .col(string("to_state"))
            .col(big_integer_null("actor_id"))
            .col(string("actor_name"))
            .col(text("comment"))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
        Table::create()
            .table("talent_recommendation")
            .col(big_pk_auto("id"))
            .col(string("uscc"))
            .col(integer("year"))
            .col(integer("slot"))
            .col(big_integer("application_id"))
            .col(string("recommender_name"))
            .col(string("recommender_role"))
            .col(string("basis"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("signed_at"))
            .to_owned(),
        Table::create()
            .table("talent_expert")
            .col(big_pk_auto("id"))
            .col(big_integer("user_id"))
            .col(string("name"))
            .col(string("employer_uscc"))
            .col(string("employer_name"))
            .col(string("series"))
            .col(string("specialty"))
            .col(text("conflicts"))
            .col(boolean("active").default(true))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("talent_committee")
            .col(big_pk_auto("id"))
            .col(string("name"))
            .col(string("series"))
            .col(string("specialty"))
            .col(string("org"))
            .col(string("level"))
            .col(integer("size"))
            .col(date("approved_on"))
            .col(date("expires_on"))
            .col(string("approval_document"))
            .col(string("rules_version"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("talent_meeting")
            .col(big_pk_auto("id"))
            .col(big_integer("committee_id"))
            .col(date("held_on"))
            .col(string("status"))
            .col(integer("members"))
            .col(integer("attending").default(0))
            .col(text("draw_log"))
            .col(timestamp_with_time_zone_null("opened_at"))
            .col(timestamp_with_time_zone_null("closed_at"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("talent_meeting_candidate")
            .col(big_pk_auto("id"))
            .col(big_integer("meeting_id"))
            .col(big_integer("application_id"))
            .col(integer("yes").default(0))
            .col(integer("no").default(0))
            .col(integer("abstain").default(0))
            .col(string_null("outcome"))
            .to_owned(),
        Table::create()
            .table("talent_meeting_expert")
            .col(big_pk_auto("id"))
            .col(big_integer("meeting_id"))
            .col(big_integer("expert_id"))
            .col(boolean("drawn"))
            .col(string("excluded_reason"))
            .col(boolean("attended").default(false))
            .to_owned(),
        Table::create()
            .table("talent_ballot_voted")
            .col(big_pk_auto("id"))
            .col(big_integer("meeting_id"))
            .col(big_integer("expert_id"))
            .to_owned(),
    ]
}

fn index(
    name: &str,
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        for i in [
            index(
                "ix_talent_application_region",
                "talent_application",
                &["year", "region_code"],
                false,
            ),
            index(
                "ix_talent_application_uscc",
                "talent_application",
                &["uscc", "year"],
                false,
            ),
            index(
                "ix_talent_event_application",
                "talent_event",
                &["application_id"],
                false,
            ),
            // One place per slot: two recommendations cannot both take the last one.
            index(
                "ux_talent_recommendation_slot",
                "talent_recommendation",
                &["uscc", "year", "slot"],
                true,
            ),
            index(
                "ux_talent_recommendation_application",
                "talent_recommendation",
                &["application_id"],
                true,
            ),
            index("ux_talent_expert_user", "talent_expert", &["user_id"], true),
            index(
                "ux_talent_meeting_candidate",
                "talent_meeting_candidate",
                &["meeting_id", "application_id"],
                true,
            ),
            index(
                "ux_talent_meeting_expert",
                "talent_meeting_expert",
                &["meeting_id", "expert_id"],
                true,
            ),
            index(
                "ux_talent_ballot_voted",
                "talent_ballot_voted",
                &["meeting_id", "expert_id"],
                true,
            ),
        ] {
            manager.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            manager
                .drop_table(Table::drop().table(*t).to_owned())
                .await?;
        }
        Ok(())
    }
}
