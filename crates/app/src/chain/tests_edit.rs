//! Editing chains and their maps, patrols and investment targets: audited, refused cleanly.

use super::*;
use crate::test_support::{demo_actor, demo_app};
use crate::{AppError, RequestMeta};
use store::testing::on_each_backend;

fn meta() -> RequestMeta {
    RequestMeta::cli("test")
}

async fn audit_actions(app: &crate::App, chain_id: i64) -> Vec<String> {
    let q = store::audit::AuditQuery {
        entity_type: Some("chain".into()),
        entity_id: Some(chain_id.to_string()),
        ..Default::default()
    };
    let page = store::page::PageRequest::new(500, None);
    store::audit::search(app.db().conn(), &policy::org::Scope::all(), &q, page)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.action)
        .collect()
}

#[tokio::test]
async fn the_chain_office_builds_a_chain_and_its_map_and_every_step_is_audited() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let office = demo_actor(&app, "chain").await;
        let m = meta();
        let c = create_chain(
            &app,
            &office,
            &m,
            ChainForm {
                code: "cp-test-1".into(),
                name: "测试链".into(),
                region_code: "371503".into(),
                leaders: vec![LeaderForm {
                    role: "chain_leader".into(),
                    name: "测试链长".into(),
                    post: "副区长".into(),
                    user_id: None,
                }],
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(c.code, "CP-TEST-1");
        // The same code again, a region outside the office's scope, bad leader roles: named.
        let again = create_chain(
            &app,
            &office,
            &m,
            ChainForm {
                code: "CP-TEST-1".into(),
                name: "".into(),
                region_code: "371521".into(),
                leaders: vec![LeaderForm {
                    role: "boss".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
        )
        .await;
        let Err(AppError::Invalid(errs)) = again else {
            panic!("refused: {again:?}")
        };
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        for f in [
            "code",
            "region_code",
            "name",
            "leaders[0].role",
            "leaders[0].name",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }

        let up = add_node(
            &app,
            &office,
            &m,
            c.id,
            NodeForm {
                segment: Some("upstream".into()),
                name: "原料".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let child = add_node(
            &app,
            &office,
            &m,
            c.id,
            NodeForm {
                parent_id: Some(up.id),
                kind: Some("product".into()),
                name: "原料产品".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(
            child.segment, "upstream",
            "a child takes its parent's segment"
        );
        let down = add_node(
            &app,
            &office,
            &m,
            c.id,
            NodeForm {
                segment: Some("downstream".into()),
                name: "应用".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        // A node cannot move under its own child.
        let cycle = update_node(
            &app,
            &office,
            &m,
            c.id,
            up.id,
            NodeForm {
                parent_id: Some(child.id),
                name: "原料".into(),
                ..Default::default()
            },
        )
        .await;
        assert!(matches!(cycle, Err(AppError::Invalid(e)) if e[0].key == "chain.move_cycle"));
        // Moving the upstream node under the downstream one carries its child along.
        update_node(
            &app,
            &office,
            &m,
            c.id,
            up.id,
            NodeForm {
                parent_id: Some(down.id),
                name: "原料（外购）".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let uscc = super::demo::chain_uscc(1).unwrap();
        attach_enterprise(
            &app,
            &office,
            &m,
            c.id,
            child.id,
            AttachForm {
                enterprise_uscc: uscc.clone(),
                role: "supplier".into(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
        attach_enterprise(
            &app,
            &office,
            &m,
            c.id,
            child.id,
            AttachForm {
                enterprise_uscc: uscc.clone(),
                role: "lead".into(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
        // An enterprise of another county is not the office's to attach.
        let far = attach_enterprise(
            &app,
            &office,
            &m,
            c.id,
            child.id,
            AttachForm {
                enterprise_uscc: crate::service::demo::cultivation_uscc(0)
                    .unwrap()
                    .to_string(),
                role: "lead".into(),
                note: String::new(),
            },
        )
        .await;
        assert!(
            matches!(far, Err(AppError::Invalid(e)) if e[0].key == "ticket.enterprise_not_found")
        );
        let d = get_chain(&app, &office, c.id, Some("2022")).await.unwrap();
        let downstream = &d.map.segments[2].nodes;
        assert_eq!(
            downstream
                .iter()
                .map(|n| (n.name.as_str(), n.depth))
                .collect::<Vec<_>>(),
            [("应用", 0), ("原料（外购）", 1), ("原料产品", 2)]
        );
        assert_eq!(downstream[2].segment, "downstream");
        assert_eq!(downstream[2].enterprises[0].role, "lead");
        assert_eq!(d.figures.enterprise_count, 1);
        assert!(d.figures.output_wan_yuan.is_some());
        // A node with children is not removed; a leaf is, with its enterprise links.
        assert!(matches!(
            remove_node(&app, &office, &m, c.id, up.id).await,
            Err(AppError::Invalid(e)) if e[0].key == "chain.node_has_children"
        ));
        detach_enterprise(&app, &office, &m, c.id, child.id, &uscc)
            .await
            .unwrap();
        remove_node(&app, &office, &m, c.id, child.id)
            .await
            .unwrap();
        let d = get_chain(&app, &office, c.id, None).await.unwrap();
        assert_eq!(d.figures.enterprise_count, 0);
        assert_eq!(d.map.segments[2].nodes.len(), 2);
        let actions = audit_actions(&app, c.id).await;
        for a in [
            "chain.create",
            "chain.node.add",
            "chain.node.update",
            "chain.node.attach",
            "chain.node.role",
            "chain.node.detach",
            "chain.node.remove",
        ] {
            assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
        }
        let count = actions.len();
        // Refused edits leave no trace.
        let bad = add_node(
            &app,
            &office,
            &m,
            c.id,
            NodeForm {
                segment: Some("sideways".into()),
                kind: Some("thing".into()),
                name: " ".into(),
                ..Default::default()
            },
        )
        .await;
        let Err(AppError::Invalid(errs)) = bad else {
            panic!("refused")
        };
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(audit_actions(&app, c.id).await.len(), count);
    })
    .await;
}

#[tokio::test]
async fn a_patrol_raises_its_problems_as_tickets_and_targets_follow_their_stages() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let office = demo_actor(&app, "chain").await;
        let m = meta();
        let list = list_chains(&app, &office, &ChainListQuery::default())
            .await
            .unwrap();
        let chain = list
            .items
            .iter()
            .find(|c| c.code == "CP-CHLOR-ALK")
            .unwrap();
        let lead = super::demo::chain_uscc(21).unwrap();
        let bad = record_patrol(
            &app,
            &office,
            &m,
            chain.id,
            NewPatrolForm {
                kind: "walk".into(),
                led_by: "链长".into(),
                problems: vec![crate::service::NewTicketForm {
                    title: "t".into(),
                    category: "nonsense".into(),
                    description: "d".into(),
                    enterprise_uscc: Some(lead.clone()),
                    visit_id: None,
                }],
                ..Default::default()
            },
        )
        .await;
        let Err(AppError::Invalid(errs)) = bad else {
            panic!("refused")
        };
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "patrolled_on", "problems[0].category"]);
        let p = record_patrol(
            &app,
            &office,
            &m,
            chain.id,
            NewPatrolForm {
                kind: "inspection".into(),
                patrolled_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
                led_by: "链长 高文斌".into(),
                enterprises: vec![lead.clone()],
                findings: "扩产用地不足".into(),
                problems: vec![crate::service::NewTicketForm {
                    title: "扩产项目用地".into(),
                    category: "policy".into(),
                    description: "请协调用地指标".into(),
                    enterprise_uscc: Some(lead.clone()),
                    visit_id: None,
                }],
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let d = get_chain(&app, &office, chain.id, None).await.unwrap();
        let mine = d.patrols.iter().find(|x| x.id == p.id).unwrap();
        assert_eq!(mine.enterprises[0].uscc, lead);
        assert_eq!(mine.tickets.len(), 1);
        let ticket = crate::service::get_ticket(&app, &office, mine.tickets[0].id)
            .await
            .unwrap();
        assert_eq!(ticket.title, "扩产项目用地");
        assert!(
            d.lists
                .needs
                .as_ref()
                .unwrap()
                .iter()
                .any(|n| n.ticket_id == ticket.id),
            "a policy need of the chain"
        );
        follow_up_patrol(
            &app,
            &office,
            &m,
            chain.id,
            p.id,
            FollowUpForm {
                follow_up: "已协调".into(),
                follow_up_on: None,
            },
        )
        .await
        .unwrap();

        // An investment target needs a gap the map shows; it moves forward one stage at a time.
        let gap = d.gaps.first().unwrap().clone();
        let wrong = add_investment_target(
            &app,
            &office,
            &m,
            chain.id,
            NewInvestmentTargetForm {
                node_id: gap.node_id,
                gap_kind: if gap.kind == "supply" {
                    "downstream"
                } else {
                    "supply"
                }
                .into(),
                target_enterprise: "甲".into(),
                owner: "乙".into(),
                planned_wan_yuan: Some("-5".into()),
                ..Default::default()
            },
        )
        .await;
        let Err(AppError::Invalid(errs)) = wrong else {
            panic!("refused")
        };
        let keys: Vec<&str> = errs.iter().map(|e| e.key.as_str()).collect();
        assert!(keys.contains(&"chain.amount_negative") && keys.contains(&"chain.no_such_gap"));
        let t = add_investment_target(
            &app,
            &office,
            &m,
            chain.id,
            NewInvestmentTargetForm {
                node_id: gap.node_id,
                gap_kind: gap.kind.clone(),
                target_enterprise: "某企业".into(),
                owner: "招商局".into(),
                planned_wan_yuan: Some("1,000.5".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let step = |action: &str| TargetActionForm {
            action: action.into(),
            ..Default::default()
        };
        act_on_investment_target(&app, &office, &m, chain.id, t.id, step("advance"))
            .await
            .unwrap();
        let dropped =
            act_on_investment_target(&app, &office, &m, chain.id, t.id, step("drop")).await;
        assert!(
            matches!(dropped, Err(AppError::Invalid(e)) if e[0].key == "chain.stage_not_allowed")
        );
        let linked = act_on_investment_target(
            &app,
            &office,
            &m,
            chain.id,
            t.id,
            TargetActionForm {
                investment_project_id: Some(77),
                in_place_wan_yuan: Some("300".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(
            (
                linked.stage.as_str(),
                linked.investment_project_id,
                linked.in_place_fen
            ),
            ("signed", Some(77), Some(300_000_000))
        );
        let d = get_chain(&app, &office, chain.id, None).await.unwrap();
        let view = d.investment_targets.iter().find(|x| x.id == t.id).unwrap();
        assert_eq!(view.planned_wan_yuan.as_deref(), Some("1000.50"));
        assert_eq!(
            view.events
                .iter()
                .map(|e| e.action.as_str())
                .collect::<Vec<_>>(),
            ["create", "advance", "update"]
        );
        assert!(
            d.lists
                .key_projects
                .iter()
                .any(|k| k.investment_project_id == Some(77))
        );
        let actions = audit_actions(&app, chain.id).await;
        for a in [
            "chain.patrol.create",
            "chain.patrol.follow_up",
            "chain.investment.create",
            "chain.investment.update",
        ] {
            assert!(actions.iter().any(|x| x == a), "{a} audited");
        }
    })
    .await;
}
