//! ID numbers never reach the logs (every level, the use cases' spans and events captured) nor
//! an export for a reader without the permission to see them.

use super::tests::{id_number, recommended};
use super::*;
use crate::RequestMeta;
use crate::test_support::{demo_actor as actor, on_each_demo};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// A log sink the test reads back.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Sink {
    type Writer = Sink;
    fn make_writer(&'a self) -> Sink {
        self.clone()
    }
}

#[tokio::test]
async fn id_numbers_are_absent_from_the_logs_and_from_exports_without_the_permission() {
    on_each_demo(|app| async move {
        let sink = Sink::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_writer(sink.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let ent = actor(&app, "enterprise").await;
        let hr = actor(&app, "hrbureau").await;
        let admin = actor(&app, "admin").await;
        let meta = RequestMeta::default();
        let mut f = recommended("郑工", "37158119790101021");
        f.route = "ordinary".into();
        f.recommendation = None;
        f.level = "intermediate".into();
        f.education = "doctorate".into();
        let id = f.id_number.clone();
        tracing::info!("the capture works");
        let a = create_application(&app, &ent, &meta, &f).await.unwrap();
        // A refused form and a refused file are logged no more than a good one.
        let mut bad = f.clone();
        bad.person_name.clear();
        assert!(create_application(&app, &ent, &meta, &bad).await.is_err());
        assert!(
            upload_file(&app, &ent, &meta, a.id, "x.pdf", b"no".to_vec())
                .await
                .is_err()
        );
        let file = upload_file(&app, &ent, &meta, a.id, "证书.pdf", b"%PDF-1.4 x".to_vec())
            .await
            .unwrap();
        download_file(&app, &hr, &meta, file.id).await.unwrap();
        assert_eq!(
            get_application(&app, &hr, a.id).await.unwrap().id_number,
            id
        );
        list_applications(&app, &admin, &Default::default())
            .await
            .unwrap();
        // Exports: the enterprise and the industry bureau see it masked, the title admin clear.
        let filter = ApplicationFilter {
            uscc: Some(a.uscc.clone()),
            ..Default::default()
        };
        for who in [&ent, &admin] {
            let csv = String::from_utf8(export_applications_csv(&app, who, &filter).await.unwrap())
                .unwrap();
            assert!(csv.contains("郑工"), "{}: {csv}", who.username);
            assert!(
                !csv.contains(&id) && !csv.contains(&id[6..14]),
                "{}: {csv}",
                who.username
            );
        }
        let clear =
            String::from_utf8(export_applications_csv(&app, &hr, &filter).await.unwrap()).unwrap();
        assert!(
            clear.contains(&id),
            "the title administrator exports it in clear"
        );
        drop(_guard);
        let logged = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert!(logged.contains("the capture works"), "{logged}");
        assert!(
            !logged.contains(&id) && !logged.contains(&id[6..14]),
            "{logged}"
        );
        let _ = id_number("37158119790101021");
    })
    .await;
}
