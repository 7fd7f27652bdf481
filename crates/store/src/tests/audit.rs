use crate::audit::{insert, newest_ids_of};
use crate::entity::audit_log;
use crate::testing::on_each_backend;

fn entry(entity_type: &str) -> audit_log::Model {
    audit_log::Model {
        id: 0,
        at: chrono::Utc::now(),
        actor_id: None,
        actor_name: "test".into(),
        action: format!("{entity_type}.update"),
        entity_type: entity_type.into(),
        entity_id: "1".into(),
        region_code: None,
        diff: "[]".into(),
        request_id: String::new(),
        client_addr: String::new(),
    }
}

#[tokio::test]
async fn newest_ids_of_gives_each_types_newest_id_in_the_order_asked() {
    on_each_backend(|db| async move {
        let c = db.conn();
        assert_eq!(
            newest_ids_of(c, &[]).await.unwrap(),
            Vec::<Option<i64>>::new()
        );
        let before = newest_ids_of(c, &["chain", "honor"]).await.unwrap();
        let chain = insert(c, entry("chain")).await.unwrap();
        let honor = insert(c, entry("honor")).await.unwrap();
        let chain2 = insert(c, entry("chain")).await.unwrap();
        insert(c, entry("ticket")).await.unwrap();
        assert!(chain < honor && honor < chain2);
        let ids = newest_ids_of(c, &["honor", "chain", "never_written", "ticket"])
            .await
            .unwrap();
        assert_eq!(&ids[..3], &[Some(honor), Some(chain2), None]);
        assert!(ids[3] > Some(chain2), "{ids:?}");
        assert!(
            before.iter().all(|b| b.is_none_or(|b| b < chain)),
            "{before:?}"
        );
    })
    .await;
}
