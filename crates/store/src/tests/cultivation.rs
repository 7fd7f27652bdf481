use crate::entity::{cultivation_assessment, cultivation_rule_set};
use crate::migration::Migrator;
use crate::testing::on_each_backend;
use sea_orm::EntityTrait;
use sea_orm_migration::MigratorTrait;

#[tokio::test]
async fn the_cultivation_tables_survive_down_and_up_and_their_entities_load() {
    on_each_backend(|db| async move {
        Migrator::down(db.conn(), None).await.unwrap();
        Migrator::up(db.conn(), None).await.unwrap();
        cultivation_rule_set::Entity::find()
            .all(db.conn())
            .await
            .unwrap();
        cultivation_assessment::Entity::find()
            .all(db.conn())
            .await
            .unwrap();
        assert_eq!(
            crate::cultivation::rule_set::next_revision(db.conn(), "x")
                .await
                .unwrap(),
            1
        );
    })
    .await;
}
