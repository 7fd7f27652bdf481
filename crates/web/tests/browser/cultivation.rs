//! An application through the browser: the enterprise runs its self-assessment and files an
//! application with it, the county reads the assessment beside the evidence and returns it with
//! a reason, the enterprise fixes and resubmits, the county passes, the city passes; then the
//! statistics page and the re-review list.

use crate::harness::{Browser, with_browser};

/// Accepts the confirmation dialog the next submit asks for (the page's `data-confirm`).
async fn accept_confirmations(b: &Browser) {
    b.c.execute("window.confirm = function () { return true; };", vec![])
        .await
        .expect("stub confirm");
}

async fn state(b: &Browser) -> String {
    b.find("#application-state")
        .await
        .attr("data-state")
        .await
        .expect("attr")
        .unwrap_or_default()
}

#[tokio::test]
async fn an_application_is_returned_fixed_and_passed_by_county_and_city() {
    with_browser("cultivation-workflow", async |b| {
        // The enterprise runs its self-assessment for 专精特新 on last year's figures.
        b.login("enterprise").await;
        b.goto("/cultivation/assess").await;
        b.find("#f-tier")
            .await
            .select_by_value("specialized")
            .await
            .unwrap();
        b.fill("#f-year", "2025").await;
        b.click_and_wait("#run-assessment").await;
        assert!(b.path().await.starts_with("/cultivation/assessments/"));
        assert!(b.has("#assessment-card").await);
        let rd = b.text("#cond-rd_ratio_each_year").await;
        assert!(rd.contains("2.6%") && rd.contains("≥3%"), "{rd}");
        b.shot_full("cultivation-self-assessment").await;
        // It files an application with that assessment.
        b.click_and_wait("#apply-with").await;
        assert_eq!(
            b.find("#a-track")
                .await
                .prop("value")
                .await
                .unwrap()
                .as_deref(),
            Some("specialized")
        );
        let picked = b.find("#a-assessment").await.prop("value").await.unwrap();
        assert!(
            picked.is_some_and(|v| !v.is_empty()),
            "the assessment is picked"
        );
        b.fill("#a-year", "2026").await;
        b.fill("#a-evidence", "2025年度审计报告；发明专利证书 2 项")
            .await;
        b.click_and_wait("#save-application").await;
        let path = b.path().await;
        assert!(path.starts_with("/cultivation/applications/"), "{path}");
        assert_eq!(state(b).await, "draft");
        // Without the pledges the submission is refused, in Chinese.
        accept_confirmations(b).await;
        b.click_and_wait("#action-submit").await;
        assert!(
            b.text("body")
                .await
                .contains("须勾选真实性声明和合规经营承诺")
        );
        accept_confirmations(b).await;
        b.find("#pledge-truthful").await.click().await.unwrap();
        b.find("#pledge-compliant").await.click().await.unwrap();
        b.click_and_wait("#action-submit").await;
        assert_eq!(state(b).await, "submitted");
        b.logout().await;

        // The county reads the assessment beside the evidence and returns it with a reason.
        b.login("county.linqing").await;
        b.goto(&path).await;
        assert!(b.has("#review-material #assessment-card").await);
        assert!(b.text("#evidence").await.contains("发明专利证书"));
        assert!(
            b.text("#assessment-card #conditions")
                .await
                .contains("2.6%")
        );
        b.shot_full("cultivation-county-review").await;
        b.fill("#r-comment", "缺少研发费用专项审计报告，请补充后重新提交")
            .await;
        b.click_and_wait("#action-county_return").await;
        assert_eq!(state(b).await, "draft");
        b.logout().await;

        // The enterprise sees the reason, fixes the evidence and resubmits.
        b.login("enterprise").await;
        b.goto(&path).await;
        assert!(
            b.text("#timeline")
                .await
                .contains("缺少研发费用专项审计报告")
        );
        b.fill(
            "#s-evidence",
            "2025年度审计报告；发明专利证书 2 项；研发费用专项审计报告",
        )
        .await;
        b.find("#pledge-truthful").await.click().await.unwrap();
        b.find("#pledge-compliant").await.click().await.unwrap();
        accept_confirmations(b).await;
        b.click_and_wait("#action-submit").await;
        assert_eq!(state(b).await, "submitted");
        assert!(b.text("#evidence").await.contains("研发费用专项审计报告"));
        b.logout().await;

        // The county passes it, then the city.
        b.login("county.linqing").await;
        b.goto(&path).await;
        b.click_and_wait("#action-county_pass").await;
        assert_eq!(state(b).await, "county_passed");
        b.logout().await;
        b.login("admin").await;
        b.goto(&path).await;
        assert!(
            !b.has("#action-county_pass").await,
            "the city sees only its own actions"
        );
        b.fill("#r-comment", "同意推荐").await;
        b.click_and_wait("#action-city_pass").await;
        assert_eq!(state(b).await, "city_passed");
        let timeline = b.text("#timeline").await;
        for step in ["提交申报", "退回企业修改", "区县审核通过", "市级审核通过"]
        {
            assert!(timeline.contains(step), "timeline lacks {step}: {timeline}");
        }
        b.shot_full("cultivation-application").await;
        b.goto("/cultivation/pools?year=2022").await;
        assert_eq!(b.error_code().await, None);
        b.shot("cultivation-pools").await;
        // The statistics page: 阳谷县 2022 and a figure that leads to its records.
        b.goto("/cultivation/stats?year=2022").await;
        assert!(b.text("#cultivation-stats").await.contains("阳谷县"));
        b.shot_full("cultivation-stats").await;
        b.click_and_wait("tr[data-region='371521'] a.fig-applied")
            .await;
        assert!(b.path().await.starts_with("/cultivation/applications"));
        assert!(b.has("#applied-only").await);
        b.goto("/cultivation/re-review?months=36").await;
        assert_eq!(b.error_code().await, None);
        b.goto("/notices").await;
        b.shot("notices").await;
    })
    .await;
}
