use crate::common::on_each_backend;

#[tokio::test]
async fn health_answers_and_a_signed_in_admin_reads_users() {
    on_each_backend(async |app| {
        let c = app.client();
        let r = c.get(app.url("/readyz")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let (admin, _) = app.login("admin").await;
        let r = admin
            .get(app.url("/api/v1/users?limit=5"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["items"].as_array().map(|a| a.len()), Some(5));
    })
    .await;
}
