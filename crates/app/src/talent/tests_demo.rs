//! The talent demo: the city's figures and the foundry-firm case, computed from the records
//! through the same use cases as the API.

use super::demo::{FIRM_LOGIN, GM_NAME, YEAR, surveyed_uscc};
use super::*;
use crate::test_support::{demo_actor as actor, on_each_demo};

#[tokio::test]
async fn the_demo_reproduces_the_citys_title_figures_from_its_records() {
    on_each_demo(|app| async move {
        let hr = actor(&app, "hrbureau").await;
        let s = talent_stats(&app, &hr, "371500", YEAR).await.unwrap();
        // Only the talent demo records title applications, so these are its own.
        assert_eq!(s.applicants, 312, "{s:?}");
        assert_eq!(
            s.by_level,
            ByLevel {
                full_senior: 10,
                associate_senior: 45,
                intermediate: 209,
                junior: 48
            }
        );
        assert_eq!(
            s.recommended, 20,
            "the GM, 7 little giants, 12 provincial 专精特新"
        );
        assert_eq!(s.by_route["recommendation"].applicants, s.recommended);
        let counties: u64 = s.by_county.values().map(|c| c.applicants).sum();
        assert_eq!(counties, s.applicants, "every applicant in one county");
        // The city's survey: every enterprise of the demo holding a valid title this year.
        assert_eq!(s.surveyed.specialized, 402, "{:?}", s.surveyed);
        assert_eq!(s.surveyed.single_champion, 30, "{:?}", s.surveyed);
        let tiers: u64 = s.by_tier.values().map(|c| c.applicants).sum();
        assert_eq!(tiers, s.applicants);
        assert_eq!(
            s.by_tier.get("other").map_or(0, |c| c.applicants),
            0,
            "all from surveyed firms"
        );
    })
    .await;
}

#[tokio::test]
async fn the_foundry_firms_general_manager_was_recommended_with_his_patents() {
    on_each_demo(|app| async move {
        let firm = actor(&app, FIRM_LOGIN).await;
        let hr = actor(&app, "hrbureau").await;
        let uscc = surveyed_uscc("371581", 1).unwrap();
        let filter = ApplicationFilter {
            year: Some(YEAR),
            ..Default::default()
        };
        let mine = list_applications(&app, &firm, &filter).await.unwrap();
        let count = |level: &str| mine.iter().filter(|a| a.level == level).count();
        assert_eq!(mine.len(), 4, "{mine:?}");
        assert_eq!(
            (
                count("full_senior"),
                count("intermediate"),
                count("assistant") + count("member")
            ),
            (1, 2, 1)
        );
        let gm = mine.iter().find(|a| a.person_name == GM_NAME).unwrap();
        assert_eq!(
            (gm.level.as_str(), gm.specialty.as_str(), gm.route.as_str()),
            ("full_senior", "foundry", "recommendation")
        );
        let kinds = |k: &str| gm.evidence.patents.iter().filter(|p| p.kind == k).count();
        assert_eq!((kinds("invention"), kinds("utility_model")), (2, 19));
        assert!(
            gm.id_number.contains('*'),
            "the enterprise sees the ID number masked"
        );
        // The title administrator sees it in clear: born 1968, so 58 on the day of the case.
        let clear = get_application(&app, &hr, gm.id).await.unwrap().id_number;
        let born: i32 = clear[6..10].parse().unwrap();
        assert_eq!(YEAR - born, 58);
        let q = quota_of(&app, &firm, &uscc, YEAR).await.unwrap();
        assert_eq!(
            (q.quota, q.used, q.basis.as_str()),
            (2, 1, "little_giant/national")
        );
        assert_eq!(q.places[0].person_name, GM_NAME);
        let events = application_events(&app, &firm, gm.id).await.unwrap();
        assert_eq!(
            events.last().map(|e| e.to_state.as_str()),
            Some("qualified")
        );
    })
    .await;
}
