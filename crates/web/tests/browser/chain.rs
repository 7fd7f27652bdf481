//! The chain office at work in the browser: the list of 茌平区's six chains with their total,
//! a chain page with its drawn map, a node edited and an enterprise attached, an investment
//! target set against a gap, a patrol whose problem becomes a ticket; the leader reads the
//! same page without the editing forms.

use crate::harness::with_browser;

#[tokio::test]
async fn the_chain_office_keeps_a_chain_map_and_records_a_patrol() {
    with_browser("chain", async |b| {
        b.login("chain").await;
        b.goto("/chains?region=371503&year=2022").await;
        assert_eq!(b.texts("#chains tbody tr").await.len(), 6);
        assert_eq!(b.text("#total-output").await, "10,449,000.00");
        assert!(b.text("#title-summary").await.contains("11"));
        b.shot_full("chain-list").await;

        // The glass chain: the map is drawn, the downstream gap shows its started target.
        let glass = b.find("#chains tr[data-code='CP-GLASS-FUNC'] a").await;
        glass.click().await.expect("open the chain");
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        assert!(b.has("#map svg.chain-map").await, "the map is drawn inline");
        assert!(b.has("#trend svg").await, "the monthly trend is drawn");
        assert_eq!(b.texts("#trend-table tbody tr").await.len(), 12);
        assert!(b.text("#gap-table").await.contains("光伏组件与显示器件"));
        assert!(b.text("#target-table").await.contains("开工"));
        b.shot_full("chain-page").await;

        // Edit the quartz node and attach an enterprise to it: the upstream gap closes.
        let path = b.path().await;
        let id: i64 = path
            .trim_start_matches("/chains/")
            .split(['?', '#'])
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let node = b
            .find("#node-table tbody tr:first-child")
            .await
            .attr("data-node")
            .await
            .unwrap()
            .unwrap();
        b.goto(&format!("/chains/{id}?node={node}&year=2022")).await;
        b.fill("#update-node input[name=name]", "高纯石英砂原料")
            .await;
        b.click_and_wait("#update-node button").await;
        b.fill(
            "#attach-enterprise input[name=enterprise_uscc]",
            "91371503TJ0000001M",
        )
        .await;
        b.find("#attach-enterprise select[name=role]")
            .await
            .select_by_value("backbone")
            .await
            .unwrap();
        b.click_and_wait("#attach-enterprise button").await;
        let first = b.text("#node-table tbody tr:first-child").await;
        assert!(first.contains("高纯石英砂原料") && first.contains("茌平新型铝材示例有限公司"));
        // No longer an upstream gap (empty); now a technology gap (no titled enterprise).
        let gaps = b.text("#gap-table").await;
        assert!(!gaps.contains("高纯石英砂原料 上游 上游短板"), "{gaps}");
        assert!(gaps.contains("高纯石英砂原料 上游 技术短板"), "{gaps}");

        // A bad code is refused with the reason on the page.
        b.goto(&format!("/chains/{id}?node={node}")).await;
        b.fill(
            "#attach-enterprise input[name=enterprise_uscc]",
            "91371503TJ0000001X",
        )
        .await;
        b.click_and_wait("#attach-enterprise button").await;
        assert!(b.has("#form-errors").await, "the reason is shown");

        // An investment target against the first gap.
        b.goto(&format!("/chains/{id}#targets")).await;
        b.fill(
            "#add-target input[name=target_enterprise]",
            "某电子玻璃企业",
        )
        .await;
        b.fill("#add-target input[name=owner]", "区商务局").await;
        b.fill("#add-target input[name=planned_wan_yuan]", "30000")
            .await;
        b.click_and_wait("#add-target button").await;
        assert!(b.text("#target-table").await.contains("某电子玻璃企业"));

        // A patrol with one problem: it becomes a ticket shown under the patrol.
        b.goto(&format!("/chains/{id}/patrols")).await;
        b.find("#kind")
            .await
            .select_by_value("inspection")
            .await
            .unwrap();
        // A date input takes its value in the browser's locale format; set it as the form sends it.
        b.c.execute(
            "document.getElementById('patrolled_on').value = '2026-11-20';",
            vec![],
        )
        .await
        .unwrap();
        b.fill("#led_by", "链长 杨春明").await;
        b.fill("input[name=problem_title_0]", "光伏玻璃窑炉天然气保供")
            .await;
        b.find("select[name=problem_category_0]")
            .await
            .select_by_value("utilities")
            .await
            .unwrap();
        b.fill(
            "textarea[name=problem_description_0]",
            "冬季用气高峰需保障供气",
        )
        .await;
        b.shot_full("chain-patrol-form").await;
        b.click_and_wait("#save-patrol").await;
        assert!(b.text("#patrols").await.contains("光伏玻璃窑炉天然气保供"));
        b.shot_full("chain-page-after").await;
        b.logout().await;

        // The leader reads the page; no editing forms.
        b.login("leader").await;
        b.goto(&format!("/chains/{id}")).await;
        assert!(b.has("#map svg").await);
        assert!(!b.has("#map-edit").await && !b.has("#add-target").await);
        b.logout().await;
    })
    .await;
}
