//! Health, readiness, the OpenAPI document and Swagger UI.

use crate::common::on_each_backend;
use crate::support::get;
use serde_json::json;

#[tokio::test]
async fn health_and_readiness_answer_200_without_a_session() {
    on_each_backend(async |app| {
        let c = app.client();
        for path in ["/healthz", "/readyz"] {
            let a = get(app, &c, path).await;
            assert_eq!(a.status, 200, "{path}");
            assert_eq!(a.json()["status"], json!("ok"), "{path}");
        }
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_lists_every_api_route_and_swagger_ui_is_served_from_the_binary() {
    on_each_backend(async |app| {
        let c = app.client();
        let a = get(app, &c, "/api/v1/openapi.json").await;
        assert_eq!(a.status, 200);
        let doc = a.json();
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
        let paths = doc["paths"].as_object().expect("paths");
        let documented: std::collections::BTreeSet<(String, String)> = paths
            .iter()
            .flat_map(|(p, ops)| {
                ops.as_object()
                    .unwrap()
                    .keys()
                    .map(move |m| (m.to_uppercase(), p.clone()))
            })
            .collect();
        let api: std::collections::BTreeSet<(String, String)> = web::route_table()
            .into_iter()
            .filter(|r| r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json")
            .map(|r| (r.method.to_string(), r.path))
            .collect();
        let undocumented: Vec<_> = api.difference(&documented).collect();
        assert!(
            undocumented.is_empty(),
            "API routes missing from OpenAPI: {undocumented:?}"
        );
        let registered: std::collections::BTreeSet<(String, String)> = web::route_table()
            .into_iter()
            .map(|r| (r.method.to_string(), r.path))
            .collect();
        let phantom: Vec<_> = documented.difference(&registered).collect();
        assert!(
            phantom.is_empty(),
            "OpenAPI paths that no route serves: {phantom:?}"
        );

        let ui = get(app, &c, "/api/docs/").await;
        assert_eq!(ui.status, 200);
        assert!(ui.header("content-type").starts_with("text/html"));
        let html = ui.text();
        assert!(html.contains("swagger"), "Swagger UI");
        assert!(
            !html.contains("https://") && !html.contains("//cdn"),
            "nothing from the network"
        );
        let init = get(app, &c, "/api/docs/swagger-initializer.js").await;
        assert_eq!(init.status, 200);
        assert!(
            init.text().contains("/api/v1/openapi.json"),
            "points at our document"
        );
        let css = get(app, &c, "/api/docs/swagger-ui.css").await;
        assert_eq!(css.status, 200, "assets come from the binary");
        let bare = get(app, &c, "/api/docs").await;
        assert!(
            bare.status == 303 || bare.status == 308,
            "the bare path redirects"
        );
    })
    .await;
}
