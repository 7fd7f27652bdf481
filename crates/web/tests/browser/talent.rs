//! A professional title through the browser: the foundry firm recommends an engineer within its
//! quota (one of two places left), attaches evidence and runs its internal notice; the HR bureau
//! passes the qualification check, convenes the machinery committee (eleven drawn at random),
//! records eight present (the quorum) and opens the secret ballot; three experts vote through
//! their own logins (and see only "已投票" afterwards), three more through the API; the bureau
//! closes the ballot (6 of 8 yes: exactly two thirds), puts the result on notice, and once the
//! notice has run out grants the title, which the firm then sees.

use crate::harness::{Browser, with_browser};
use app::talent::demo::{EXPERTS, FIRM_LOGIN, GM_NAME};
use chrono::{Datelike, Duration, Utc};

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

async fn set(b: &Browser, id: &str, value: &str) {
    b.c.execute(
        &format!("document.getElementById('{id}').value = '{value}';"),
        vec![],
    )
    .await
    .expect("set value");
}

fn id_number(body: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    format!("{body}{}", char::from(b"10X98765432"[(sum % 11) as usize]))
}

#[tokio::test]
async fn a_recommended_engineer_is_checked_reviewed_by_secret_ballot_noticed_and_granted() {
    with_browser("talent-workflow", async |b| {
        let id = id_number("37158119750412031");
        // The firm sees its quota: two places, one taken by its general manager.
        b.login(FIRM_LOGIN).await;
        b.goto("/talent/applications/new").await;
        assert_eq!(b.text("#quota-total").await, "2");
        assert_eq!(b.text("#quota-used").await, "1");
        assert!(b.text("#quota-places").await.contains(GM_NAME));
        b.shot_full("talent-application-form").await;
        b.fill("#person_name", "钱立新").await;
        b.fill("#id_number", &id).await;
        b.find("#specialty")
            .await
            .select_by_value("machinery")
            .await
            .unwrap();
        b.find("#level")
            .await
            .select_by_value("full_senior")
            .await
            .unwrap();
        b.find("#route")
            .await
            .select_by_value("recommendation")
            .await
            .unwrap();
        b.fill("#recommender_name", "孙董事长").await;
        b.find("#education")
            .await
            .select_by_value("bachelor")
            .await
            .unwrap();
        b.fill("#patents", "发明，ZL202110998877.1，一种数控机床主轴装置")
            .await;
        b.click_and_wait("#create-application").await;
        let record = b.path().await;
        assert!(record.starts_with("/talent/applications/"), "{record}");
        let app_id: i64 = record.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(state(b).await, "draft");
        assert!(
            b.text("#id-number").await.contains('*'),
            "masked for the firm"
        );
        // Evidence: a text file is refused by content, a PDF is kept.
        let dir = std::env::temp_dir().join(format!("talent-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("证书.pdf");
        std::fs::write(&bad, "not a pdf").unwrap();
        b.find("#file")
            .await
            .send_keys(bad.to_str().unwrap())
            .await
            .unwrap();
        b.click_and_wait("#upload").await;
        assert!(
            b.text("body")
                .await
                .contains("只接受 pdf/jpg/png 格式的文件")
        );
        let good = dir.join("专利证书.pdf");
        std::fs::write(&good, "%PDF-1.4\n% patent certificate\n").unwrap();
        b.find("#file")
            .await
            .send_keys(good.to_str().unwrap())
            .await
            .unwrap();
        b.click_and_wait("#upload").await;
        assert!(b.text("#file-list").await.contains("专利证书.pdf"));
        // The internal notice: two past weeks (at least five working days), then sending.
        let today = (Utc::now() + Duration::hours(8)).date_naive();
        let monday = today - Duration::days(21 + i64::from(today.weekday().num_days_from_monday()));
        set(b, "from", &monday.to_string()).await;
        set(b, "to", &(monday + Duration::days(11)).to_string()).await;
        b.click_and_wait("#action-internal-notice").await;
        assert_eq!(state(b).await, "internal_notice");
        accept_confirmations(b).await;
        b.click_and_wait("#action-send").await;
        assert_eq!(state(b).await, "submitted");
        b.logout().await;

        // The HR bureau sees the ID number in clear and passes the check.
        b.login("hrbureau").await;
        b.goto(&record).await;
        assert_eq!(b.text("#id-number").await, id);
        accept_confirmations(b).await;
        b.click_and_wait("#check-pass").await;
        assert_eq!(state(b).await, "qualified");
        // It convenes the machinery full-senior committee: eleven drawn from the pool.
        b.goto("/talent/meetings").await;
        let options =
            b.c.find_all(fantoccini::Locator::Css("#m-committee option"))
                .await
                .unwrap();
        let mut committee = String::new();
        for o in options {
            if o.text().await.unwrap().contains("正高级") {
                committee = o.attr("value").await.unwrap().unwrap();
            }
        }
        b.find("#m-committee")
            .await
            .select_by_value(&committee)
            .await
            .unwrap();
        set(b, "m-held", &today.to_string()).await;
        b.find(&format!("#cand-{app_id}"))
            .await
            .click()
            .await
            .unwrap();
        b.click_and_wait("#create-meeting").await;
        let meeting = b.path().await;
        let mid: i64 = meeting.rsplit('/').next().unwrap().parse().unwrap();
        let boxes =
            b.c.find_all(fantoccini::Locator::Css(
                "#attendance-form input[name=present]",
            ))
            .await
            .unwrap();
        assert_eq!(boxes.len(), 11, "eleven drawn");
        // Seven present: one short of the quorum, the ballot does not open.
        for x in boxes.iter().take(7) {
            x.click().await.unwrap();
        }
        b.click_and_wait("#record-attendance").await;
        assert_eq!(
            b.find("#quorum-state")
                .await
                .attr("data-met")
                .await
                .unwrap()
                .as_deref(),
            Some("0")
        );
        accept_confirmations(b).await;
        b.click_and_wait("#open-ballot").await;
        assert!(b.text("body").await.contains("未达到委员 11 人的三分之二"));
        b.find("#attendance-form input[name=present]:not(:checked)")
            .await
            .click()
            .await
            .unwrap();
        b.click_and_wait("#record-attendance").await;
        assert_eq!(b.text("#attending").await, "8");
        accept_confirmations(b).await;
        b.click_and_wait("#open-ballot").await;
        assert_eq!(
            b.find("#meeting-status")
                .await
                .attr("data-status")
                .await
                .unwrap()
                .as_deref(),
            Some("open")
        );
        // Who is present, by name, to log in as them.
        let mut present = Vec::new();
        for row in
            b.c.find_all(fantoccini::Locator::Css("#drawn-experts tbody tr"))
                .await
                .unwrap()
        {
            let cells = row.find_all(fantoccini::Locator::Css("td")).await.unwrap();
            if cells[3].text().await.unwrap() == "是" {
                let name = cells[0].text().await.unwrap();
                let login = EXPERTS.iter().find(|e| e.1 == name).unwrap().0;
                present.push(login);
            }
        }
        assert_eq!(present.len(), 8);
        b.shot_full("talent-meeting-open").await;
        b.logout().await;

        // Three experts vote through their own logins; afterwards only "已投票".
        for login in &present[..3] {
            b.login(login).await;
            b.goto(&meeting).await;
            b.find(&format!("#yes-{app_id}"))
                .await
                .click()
                .await
                .unwrap();
            accept_confirmations(b).await;
            b.click_and_wait("#cast-ballot").await;
            assert_eq!(b.text("#voted").await, "已投票");
            assert!(!b.has("#ballot-form").await, "no second ballot");
            b.shot_full(&format!("talent-ballot-{login}")).await;
            b.logout().await;
        }
        // Three more yes and two no through the API.
        for (n, login) in present[3..].iter().enumerate() {
            let (c, csrf) = b.app.login(login).await;
            let choice = if n < 3 { "yes" } else { "no" };
            let r = c
                .post(b.app.url(&format!("/api/v1/talent/meetings/{mid}/ballot")))
                .header("X-CSRF-Token", csrf)
                .json(
                    &serde_json::json!({"choices": [{"application_id": app_id, "choice": choice}]}),
                )
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 204);
        }

        // The bureau closes the ballot: 6 yes of 8 present, exactly two thirds, passes.
        b.login("hrbureau").await;
        b.goto(&meeting).await;
        assert_eq!(b.text("#voted-count").await, "8");
        accept_confirmations(b).await;
        b.click_and_wait("#close-ballot").await;
        let tally = b.text(&format!("#candidates tr[data-id='{app_id}']")).await;
        assert!(
            tally.contains('6') && tally.contains('2') && tally.contains("评审通过"),
            "{tally}"
        );
        assert!(b.has("#minutes").await);
        b.shot_full("talent-meeting-closed").await;
        // Public notice, then the grant once it has run out.
        b.goto(&record).await;
        accept_confirmations(b).await;
        b.click_and_wait("#action-publish").await;
        assert_eq!(state(b).await, "public_notice");
        assert!(b.has("#notice-link").await);
        accept_confirmations(b).await;
        b.click_and_wait("#action-conclude").await;
        assert!(
            b.text("body").await.contains("结果公示尚未结束"),
            "refused while running"
        );
        store::testing::end_notice(b.app.app.db().conn(), app::talent::SUBJECT_KIND, app_id, 1)
            .await
            .unwrap();
        b.goto(&record).await;
        accept_confirmations(b).await;
        b.click_and_wait("#action-conclude").await;
        assert_eq!(state(b).await, "granted");
        assert!(b.has("#granted-on").await);
        b.logout().await;

        // The firm sees the title among its records.
        b.login(FIRM_LOGIN).await;
        b.goto("/talent/applications?state=granted").await;
        assert!(b.text("#applications").await.contains("钱立新"));
        b.shot_full("talent-granted").await;
        // And on the enterprise's record.
        let firm = app::talent::demo::surveyed_uscc("371581", 1).unwrap();
        b.goto(&format!("/enterprises/{firm}")).await;
        assert!(b.text("#talent-titles").await.contains("钱立新"));
    })
    .await;
}
