use crate::entity::*;
use crate::migration::Migrator;
use crate::testing::on_each_backend;
use sea_orm::EntityTrait;
use sea_orm_migration::MigratorTrait;

async fn load_every_entity(conn: &sea_orm::DatabaseConnection) {
    macro_rules! load {
        ($($m:ident),*) => {$(
            $m::Entity::find().all(conn).await
                .unwrap_or_else(|e| panic!("entity {} does not match the schema: {e}", stringify!($m)));
        )*};
    }
    load!(
        audit_log,
        chain,
        chain_investment_event,
        chain_investment_target,
        chain_leader,
        chain_node,
        chain_node_enterprise,
        chain_park,
        chain_park_enterprise,
        chain_patrol,
        chain_patrol_enterprise,
        chain_patrol_ticket,
        cultivation_application,
        cultivation_campaign,
        cultivation_event,
        cultivation_pool_entry,
        department,
        enterprise,
        job_lease,
        job_run,
        login_log,
        notification,
        notice_objection,
        public_notice,
        outbox,
        region,
        role,
        role_permission,
        role_region,
        session,
        user,
        user_role,
        workday,
        talent_application,
        talent_event,
        talent_recommendation,
        talent_expert,
        talent_committee,
        talent_meeting,
        talent_meeting_candidate,
        talent_meeting_expert,
        talent_ballot_voted,
        specialist,
        specialist_assignment,
        ticket,
        ticket_event,
        visit,
        research_team,
        challenge,
        challenge_milestone,
        challenge_application,
        challenge_score,
        challenge_event,
        competition,
        competition_project,
        innovation_expert,
        competition_interest,
        competition_assignment,
        competition_score,
        competition_deal,
        evaluation_meeting,
        evaluation_subject,
        evaluation_code,
        attachment
    );
}

#[tokio::test]
async fn migrations_go_down_and_up_again_and_every_entity_loads() {
    on_each_backend(|db| async move {
        load_every_entity(db.conn()).await;
        Migrator::down(db.conn(), None).await.unwrap();
        assert!(!db.migrations_current().await.unwrap());
        Migrator::up(db.conn(), None).await.unwrap();
        assert!(db.migrations_current().await.unwrap());
        load_every_entity(db.conn()).await;
    })
    .await;
}
