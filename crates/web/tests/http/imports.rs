//! The import's progress: a token names an upload, its stage is readable by its user while it
//! runs, and a malformed token is refused before anything is read.

use crate::common::{TestApp, on_each_backend};
use crate::support::Answer;

const TOKEN: &str = "00112233445566778899aabbccddeeff";

async fn upload(app: &TestApp, c: &reqwest::Client, csrf: &str, query: &str) -> Answer {
    let part = reqwest::multipart::Part::bytes(b"uscc,name,region_code,industry_code\n".to_vec())
        .file_name("e.csv");
    let res = c
        .post(app.url(&format!("/api/v1/imports/enterprises?{query}")))
        .header("x-csrf-token", csrf)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    Answer::of(res).await
}

#[tokio::test]
async fn a_malformed_progress_token_is_refused_and_a_finished_import_leaves_no_stage() {
    on_each_backend(async |app: &TestApp| {
        let (c, csrf) = app.login("admin").await;
        let unknown =
            crate::support::get(app, &c, &format!("/api/v1/imports/progress/{TOKEN}")).await;
        unknown.assert_error(404, "not_found", "no import runs under the token");

        let bad = upload(app, &c, &csrf, "progress=NOT-A-TOKEN").await;
        assert_eq!(bad.status, 422, "{}", bad.text());
        assert!(
            bad.text().contains("progress"),
            "the field is named: {}",
            bad.text()
        );

        let ok = upload(app, &c, &csrf, &format!("progress={TOKEN}")).await;
        assert_eq!(ok.status, 200, "{}", ok.text());
        let after =
            crate::support::get(app, &c, &format!("/api/v1/imports/progress/{TOKEN}")).await;
        assert_eq!(after.status, 404, "the stage goes when the import ends");

        let (reader, _) = app.login("leader").await;
        let forbidden =
            crate::support::get(app, &reader, &format!("/api/v1/imports/progress/{TOKEN}")).await;
        assert_eq!(
            forbidden.status, 403,
            "only those who may import see progress"
        );
    })
    .await;
}
