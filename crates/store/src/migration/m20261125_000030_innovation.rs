//! Innovation: research teams, challenges (揭榜挂帅) with milestones, applications, expert
//! scores and their append-only event log; competitions with projects, the judging pool,
//! declared interests, assignments, rubric scores and the deals signed after the award;
//! evaluation meetings (述职评议) with their subjects' rating counters and one-time codes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the innovation tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000030_innovation"
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("research_team")
            .col(big_pk_auto("id"))
            .col(string("name"))
            .col(string("institution"))
            .col(string("kind"))
            .col(string("region_code"))
            .col(text("fields").default(""))
            .col(text("summary").default(""))
            .col(text("results").default(""))
            .col(integer("patents"))
            .col(integer("people"))
            .col(integer("capacity"))
            .col(big_integer_null("user_id"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("challenge")
            .col(big_pk_auto("id"))
            .col(string("title"))
            .col(string("enterprise_uscc"))
            .col(string("enterprise_name"))
            .col(string("region_code"))
            .col(text("problem").default(""))
            .col(text("indicators").default(""))
            .col(text("acceptance").default(""))
            .col(big_integer("budget_fen"))
            .col(text("fields").default(""))
            .col(date("deadline"))
            .col(integer("period_months"))
            .col(text("eligibility").default(""))
            .col(string("contact"))
            .col(string("status"))
            .col(big_integer_null("competition_id"))
            .col(big_integer_null("winner_application_id"))
            .col(big_integer_null("winner_team_id"))
            .col(string("agreement_no"))
            .col(date_null("signed_on"))
            .col(string("rule_version"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        Table::create()
            .table("challenge_milestone")
            .col(big_pk_auto("id"))
            .col(big_integer("challenge_id"))
            .col(integer("seq"))
            .col(string("kind"))
            .col(string("title"))
            .col(text("target").default(""))
            .col(integer("due_month"))
            .col(big_integer("amount_fen"))
            .col(string("status"))
            .col(date_null("checked_on"))
            .col(text("check_comment").default(""))
            .col(date_null("paid_on"))
            .to_owned(),
        Table::create()
            .table("challenge_application")
            .col(big_pk_auto("id"))
            .col(big_integer("challenge_id"))
            .col(big_integer("team_id"))
            .col(text("plan").default(""))
            .col(string("status"))
            .col(text("formal_comment").default(""))
            .col(integer_null("defence_score"))
            .col(big_integer_null("submitted_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("challenge_score")
            .col(big_pk_auto("id"))
            .col(big_integer("application_id"))
            .col(big_integer("challenge_id"))
            .col(big_integer("expert_user_id"))
            .col(integer("score"))
            .col(text("comment").default(""))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
        Table::create()
            .table("challenge_event")
            .col(big_pk_auto("id"))
            .col(big_integer("challenge_id"))
            .col(string("action"))
            .col(string("from_state"))
            .col(string("to_state"))
            .col(big_integer_null("application_id"))
            .col(big_integer_null("milestone_id"))
            .col(big_integer_null("actor_id"))
            .col(string("actor_name"))
            .col(text("comment").default(""))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
        Table::create()
            .table("competition")
            .col(big_pk_auto("id"))
            .col(string("title"))
            .col(integer("year"))
            .col(text("organisers").default(""))
            .col(string("region_code"))
            .col(date("registration_opens"))
            .col(date("registration_closes"))
            .col(string("stage"))
            .col(integer("judges_per_project"))
            .col(string("rule_version"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("competition_project")
            .col(big_pk_auto("id"))
            .col(big_integer("competition_id"))
            .col(string("track"))
            .col(string("title"))
            .col(string("team_name"))
            .col(string("employer"))
            .col(text("members").default(""))
            .col(text("description").default(""))
            .col(string("stage"))
            .col(text("attachments").default(""))
            .col(big_integer_null("challenge_id"))
            .col(string_null("enterprise_uscc"))
            .col(big_integer_null("registered_by"))
            .col(boolean("finalist").default(false))
            .col(string_null("award"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("innovation_expert")
            .col(big_pk_auto("id"))
            .col(string("name"))
            .col(string("employer"))
            .col(text("fields").default(""))
            .col(big_integer_null("user_id"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("competition_interest")
            .col(big_pk_auto("id"))
            .col(big_integer("competition_id"))
            .col(big_integer("expert_id"))
            .col(big_integer("project_id"))
            .to_owned(),
        Table::create()
            .table("competition_assignment")
            .col(big_pk_auto("id"))
            .col(big_integer("competition_id"))
            .col(string("round"))
            .col(big_integer("project_id"))
            .col(big_integer("expert_id"))
            .to_owned(),
        Table::create()
            .table("competition_score")
            .col(big_pk_auto("id"))
            .col(big_integer("competition_id"))
            .col(string("round"))
            .col(big_integer("project_id"))
            .col(big_integer("expert_id"))
            .col(text("criteria").default(""))
            .col(integer("total"))
            .col(text("comment").default(""))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
        Table::create()
            .table("competition_deal")
            .col(big_pk_auto("id"))
            .col(big_integer("competition_id"))
            .col(big_integer("project_id"))
            .col(string("kind"))
            .col(big_integer("amount_fen"))
            .col(string("counterpart"))
            .col(string("status"))
            .col(date_null("signed_on"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("evaluation_meeting")
            .col(big_pk_auto("id"))
            .col(string("title"))
            .col(date("held_on"))
            .col(string("scale"))
            .col(string("status"))
            .col(string("region_code"))
            .col(integer("codes_issued"))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("closed_at"))
            .to_owned(),
        Table::create()
            .table("evaluation_subject")
            .col(big_pk_auto("id"))
            .col(big_integer("meeting_id"))
            .col(integer("seq"))
            .col(string("name"))
            .col(string("position"))
            .col(string("organisation"))
            .col(integer("good"))
            .col(integer("fairly_good"))
            .col(integer("fair"))
            .col(integer("poor"))
            .col(big_integer("score_sum"))
            .col(integer("score_count"))
            .to_owned(),
        Table::create()
            .table("evaluation_code")
            .col(big_pk_auto("id"))
            .col(big_integer("meeting_id"))
            .col(string("code_hash"))
            .col(boolean("used").default(false))
            .to_owned(),
    ]
}

/// (name, table, columns, unique).
const INDEXES: &[(&str, &str, &[&str], bool)] = &[
    (
        "ix_research_team_user",
        "research_team",
        &["user_id"],
        false,
    ),
    ("ix_challenge_status", "challenge", &["status"], false),
    (
        "ix_challenge_enterprise",
        "challenge",
        &["enterprise_uscc"],
        false,
    ),
    ("ix_challenge_region", "challenge", &["region_code"], false),
    (
        "ix_challenge_competition",
        "challenge",
        &["competition_id"],
        false,
    ),
    (
        "ix_challenge_milestone",
        "challenge_milestone",
        &["challenge_id", "seq"],
        true,
    ),
    (
        "ux_challenge_application",
        "challenge_application",
        &["challenge_id", "team_id"],
        true,
    ),
    (
        "ix_challenge_application_team",
        "challenge_application",
        &["team_id"],
        false,
    ),
    (
        "ux_challenge_score",
        "challenge_score",
        &["application_id", "expert_user_id"],
        true,
    ),
    (
        "ix_challenge_event",
        "challenge_event",
        &["challenge_id", "id"],
        false,
    ),
    (
        "ix_competition_project",
        "competition_project",
        &["competition_id", "track"],
        false,
    ),
    (
        "ix_innovation_expert_user",
        "innovation_expert",
        &["user_id"],
        false,
    ),
    (
        "ux_competition_interest",
        "competition_interest",
        &["competition_id", "expert_id", "project_id"],
        true,
    ),
    (
        "ux_competition_assignment",
        "competition_assignment",
        &["round", "project_id", "expert_id"],
        true,
    ),
    (
        "ix_competition_assignment",
        "competition_assignment",
        &["competition_id", "round", "expert_id"],
        false,
    ),
    (
        "ux_competition_score",
        "competition_score",
        &["round", "project_id", "expert_id"],
        true,
    ),
    (
        "ix_competition_score",
        "competition_score",
        &["competition_id", "round"],
        false,
    ),
    (
        "ix_competition_deal",
        "competition_deal",
        &["competition_id"],
        false,
    ),
    (
        "ix_evaluation_subject",
        "evaluation_subject",
        &["meeting_id", "seq"],
        false,
    ),
    (
        "ux_evaluation_code",
        "evaluation_code",
        &["code_hash"],
        true,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        for (name, table, cols, unique) in INDEXES {
            let mut i = Index::create();
            i.name(*name).table(*table);
            for c in *cols {
                i.col(*c);
            }
            if *unique {
                i.unique();
            }
            manager.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "evaluation_code",
            "evaluation_subject",
            "evaluation_meeting",
            "competition_deal",
            "competition_score",
            "competition_assignment",
            "competition_interest",
            "innovation_expert",
            "competition_project",
            "competition",
            "challenge_event",
            "challenge_score",
            "challenge_application",
            "challenge_milestone",
            "challenge",
            "research_team",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
