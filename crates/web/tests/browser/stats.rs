//! The statistics pages in the browser: the city overview (cards, trend, counties, map,
//! industries, each with its table), a county page through the map, the records behind a
//! figure, the seed facts, and the leaders' screen filling 1920 × 1080 without scrolling.

use crate::harness::with_browser;

#[tokio::test]
async fn the_leader_reads_the_dashboards_the_records_and_the_wall() {
    with_browser("stats", async |b| {
        b.login("leader").await;
        b.goto("/stats/dashboard?year=2022").await;
        assert!(b.text("#stats-heading").await.contains("聊城市"));
        let cards = b.texts("#stat-cards .stat-card .label").await;
        assert_eq!(cards.len(), 6, "one card per indicator: {cards:?}");
        for id in [
            "chart-trend",
            "chart-counties",
            "chart-map",
            "chart-industries",
        ] {
            assert!(b.has(&format!("svg#{id}")).await, "{id}");
        }
        b.shot_full("stats-city").await;
        // The table view of the counties' chart: the figures and a link to each county.
        b.find("#chart-counties-card details summary")
            .await
            .click()
            .await
            .unwrap();
        let rows = b.texts("#chart-counties-table tbody tr").await;
        assert_eq!(rows.len(), 9);
        b.click_and_wait("#chart-map a[href^='/stats/county/371503']")
            .await;
        assert!(b.text("#stats-heading").await.contains("茌平区"));
        b.shot_full("stats-county-chiping").await;
        // The output card's figure leads to the enterprises behind it.
        b.click_and_wait("#stat-cards .stat-card[data-indicator=output] .value a")
            .await;
        assert_eq!(b.text("#records-total").await, "12,168,000.00");
        b.shot("stats-records").await;
        b.goto("/stats/county/371521?year=2022").await;
        let groups = b.texts("#chart-groups text").await.join(" ");
        assert!(
            groups.contains("光电信息") && groups.contains("+22.6%"),
            "{groups}"
        );
        b.shot_full("stats-county-yanggu").await;
        b.goto("/stats/seed-facts").await;
        b.shot_full("stats-seed-facts").await;
        assert_eq!(
            b.texts("#seed-facts tr[data-matches=false]").await.len(),
            b.texts("#seed-facts tr[data-matches=false] .hint")
                .await
                .len(),
            "only facts the leader may not compute are unmatched"
        );
        b.goto("/stats/indicators/output").await;
        assert!(b.text("#card-definition").await.contains("当年价格"));
        b.shot_full("stats-indicator-card").await;
        // The wall: 1920 × 1080, nothing scrolls, dark.
        b.c.set_window_size(1920, 1080).await.unwrap();
        b.goto("/stats/wall?year=2022").await;
        let (inner_h, scroll_h) = (
            b.c.execute("return window.innerHeight;", vec![])
                .await
                .unwrap(),
            b.c.execute("return document.documentElement.scrollHeight;", vec![])
                .await
                .unwrap(),
        );
        assert!(
            scroll_h.as_u64() <= inner_h.as_u64(),
            "fits: {scroll_h} <= {inner_h}"
        );
        assert!(!b.has(".sidebar").await, "no navigation");
        b.shot("stats-wall").await;
    })
    .await;
}
