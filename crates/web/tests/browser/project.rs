//! Key projects in the browser: the leader reads 临清市's list with its totals, a project's
//! record with its chart, the attraction and land pages; 临清市's administrator records a
//! month's investment through the form and sees it on the record.

use crate::harness::with_browser;

#[tokio::test]
async fn a_county_records_a_month_and_the_leader_reads_the_figures() {
    with_browser("project", async |b| {
        b.login("leader").await;
        b.goto("/projects?region=371581&year=2022").await;
        assert_eq!(b.text("#total-count").await, "56");
        assert_eq!(b.text("#total-completion").await, "158.42%");
        b.shot_full("project-list").await;
        b.goto("/projects/1").await;
        assert!(b.has("#project-chart").await, "the chart is drawn");
        assert!(!b.has("#progress-form").await, "the leader only reads");
        b.shot_full("project-record").await;
        b.goto("/investment?region=371581&year=2022").await;
        assert_eq!(b.text("#signed-count").await, "39");
        b.shot_full("investment-list").await;
        b.goto("/land?region=371581&year=2022").await;
        assert_eq!(b.text("#digital-5g").await, "800");
        b.shot_full("land").await;
        b.logout().await;

        b.login("county.linqing").await;
        b.goto("/projects/1").await;
        b.fill("#progress-form input[name=year]", "2023").await;
        b.fill("#progress-form input[name=month]", "2").await;
        b.fill("#progress-form input[name=invested_wan_yuan]", "66.6")
            .await;
        b.click_and_wait("#progress-form button").await;
        assert!(b.text("#months").await.contains("66.60"));
        b.shot_full("project-progress").await;
    })
    .await;
}
