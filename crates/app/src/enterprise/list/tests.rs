//! The list's text search answered by the index (filters as index terms, one page at a time)
//! agrees with the database, follows writes, and its remembered totals follow writes too.

use super::{ListQuery, list_enterprises};
use crate::RequestMeta;
use crate::test_support::{demo_actor as actor, demo_app as demo, raw};
use policy::enterprise::Uscc;
use std::collections::BTreeSet;
use store::testing::on_each_backend;

/// Every code the list gives for `q`, page by page, and the first page's total.
async fn all_pages(app: &crate::App, who: &str, q: &ListQuery) -> (BTreeSet<String>, u64) {
    let actor = actor(app, who).await;
    let mut seen = BTreeSet::new();
    let mut cursor: Option<String> = None;
    let mut total = None;
    loop {
        let page = list_enterprises(app, &actor, q, cursor.as_deref(), 37)
            .await
            .unwrap();
        total = total.or(page.total);
        for i in page.items {
            assert!(seen.insert(i.uscc), "no enterprise twice");
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    (seen, total.unwrap())
}

#[tokio::test]
async fn a_filtered_text_search_lists_exactly_what_the_database_selects() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        crate::synthetic::generate_enterprises(&app, 2_000, 2024, 7, &|_| {})
            .await
            .unwrap();
        let admin = actor(&app, "admin").await;
        let filters: Vec<ListQuery> = vec![
            ListQuery {
                region: Some("371521".into()),
                ..Default::default()
            },
            ListQuery {
                industry: Some("C3".into()),
                above_size: Some(true),
                ..Default::default()
            },
            ListQuery {
                size_class: Some("small".into()),
                status: Some("operating".into()),
                ..Default::default()
            },
        ];
        for filter in filters {
            // The reference: the same filters without text, restricted to the text's matches.
            let mut without_text = filter.clone();
            without_text.q = None;
            let (filtered, _) = all_pages(&app, "admin", &without_text).await;
            let matching: BTreeSet<String> =
                store::enterprise::profile::text_matches(app.db().conn(), "有限公司", 10_000_000)
                    .await
                    .unwrap()
                    .into_iter()
                    .collect();
            let want: BTreeSet<String> = filtered.intersection(&matching).cloned().collect();
            assert!(!want.is_empty(), "the case selects something: {filter:?}");
            let mut with_text = filter.clone();
            with_text.q = Some("有限公司".into());
            let (got, total) = all_pages(&app, "admin", &with_text).await;
            assert_eq!(got, want, "{filter:?}");
            assert_eq!(total, want.len() as u64, "the total of {filter:?}");
        }
        // A county's scope and a region outside it: nothing, not the other county's records.
        let outside = ListQuery {
            q: Some("有限公司".into()),
            region: Some("371522".into()),
            ..Default::default()
        };
        let (got, total) = all_pages(&app, "county.yanggu", &outside).await;
        assert!(got.is_empty() && total == 0, "{got:?}");
        let _ = admin;
    })
    .await;
}

#[tokio::test]
async fn a_size_class_derived_from_new_figures_is_searchable_and_totals_follow_writes() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let admin = actor(&app, "admin").await;
        let meta = RequestMeta::default();
        let code = Uscc::with_check("91371521MA3C00777").unwrap().to_string();
        let large = ListQuery {
            q: Some("示例轴承".into()),
            size_class: Some("large".into()),
            ..Default::default()
        };
        let in_region = ListQuery {
            region: Some("371521".into()),
            ..Default::default()
        };
        let before = list_enterprises(&app, &admin, &in_region, None, 10)
            .await
            .unwrap()
            .total
            .unwrap();
        crate::enterprise::create_enterprise(
            &app,
            &admin,
            &meta,
            &raw(&[
                ("uscc", &code),
                ("name", "阳谷示例轴承有限公司"),
                ("region_code", "371521"),
                ("industry_code", "C3451"),
            ]),
        )
        .await
        .unwrap();
        let after = list_enterprises(&app, &admin, &in_region, None, 10)
            .await
            .unwrap()
            .total
            .unwrap();
        assert_eq!(
            after,
            before + 1,
            "a remembered total follows a new enterprise"
        );
        let found = list_enterprises(&app, &admin, &large, None, 10)
            .await
            .unwrap();
        assert!(found.items.is_empty(), "no size class yet");
        crate::enterprise::save_financial(
            &app,
            &admin,
            &meta,
            &raw(&[
                ("uscc", &code),
                ("year", "2024"),
                ("revenue_wan_yuan", "90000"),
                ("staff", "1200"),
            ]),
        )
        .await
        .unwrap();
        let found = list_enterprises(&app, &admin, &large, None, 10)
            .await
            .unwrap();
        assert_eq!(
            found
                .items
                .iter()
                .map(|i| i.uscc.as_str())
                .collect::<Vec<_>>(),
            [code.as_str()],
            "the index took the size class the figures gave"
        );
        assert_eq!(found.total, Some(1));
    })
    .await;
}
