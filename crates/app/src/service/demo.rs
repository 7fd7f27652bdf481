//! The service demo of 阳谷县 (seed-facts §1): 20 cultivation enterprises served by 48
//! specialists, a department head who handles tickets, a visit with a problem found, and a few
//! tickets — all written through the use cases, so the figures are computed from records.

use super::{
    ActionForm, AssignmentForm, NewSpecialistForm, NewTicketForm, NewVisitForm, act_on_ticket,
    add_specialist, assign_specialist, raise_ticket, record_visit, set_user_department,
};
use crate::demo::{DEMO_PASSWORD, DemoAccount};
use crate::org::{NewUserForm, create_user};
use crate::{Actor, App, AppError, RequestMeta};
use policy::enterprise::Uscc;

/// 阳谷县.
pub const YANGGU: &str = "371521";

/// The 20 cultivation enterprises (fictional names, in the county's leading industries:
/// opto-electronics, food processing, plastics and chemicals).
pub const CULTIVATION: &[(&str, &str)] = &[
    ("阳谷示例光电信息有限公司", "C3976"),
    ("阳谷示例光纤光缆有限公司", "C3833"),
    ("阳谷示例激光器件有限公司", "C3976"),
    ("阳谷示例电子材料有限公司", "C3985"),
    ("阳谷示例光通信设备有限公司", "C3921"),
    ("阳谷示例肉类食品有限公司", "C1351"),
    ("阳谷示例面粉加工有限公司", "C1311"),
    ("阳谷示例禽类加工有限公司", "C1352"),
    ("阳谷示例调味品有限公司", "C1469"),
    ("阳谷示例饮料有限公司", "C1529"),
    ("阳谷示例塑料制品有限公司", "C2929"),
    ("阳谷示例塑料薄膜有限公司", "C2921"),
    ("阳谷示例精细化工有限公司", "C2669"),
    ("阳谷示例化工新材料有限公司", "C2651"),
    ("阳谷示例橡胶制品有限公司", "C2919"),
    ("阳谷示例电缆有限公司", "C3831"),
    ("阳谷示例机械制造有限公司", "C3599"),
    ("阳谷示例汽车零部件有限公司", "C3670"),
    ("阳谷示例新能源有限公司", "C3841"),
    ("阳谷示例包装材料有限公司", "C2231"),
];

/// How many specialists the county stationed.
pub const SPECIALISTS: usize = 48;

/// The code of the `i`th cultivation enterprise.
pub fn cultivation_uscc(i: usize) -> Result<Uscc, AppError> {
    Uscc::with_check(&format!("91371521MD3T0A0{:02}", i + 1))
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Seeds the service demo; returns the account it adds.
pub async fn seed(app: &App) -> Result<Vec<DemoAccount>, AppError> {
    let actor = Actor::system("demo");
    let meta = RequestMeta::cli("demo");
    let conn = app.db().conn();
    let dept = store::org::department::all(conn)
        .await?
        .into_iter()
        .find(|d| d.code == format!("GXJ-{YANGGU}"))
        .ok_or_else(|| AppError::Internal("demo department of 阳谷县 missing".into()))?;
    let mut codes = Vec::new();
    for (i, (name, industry)) in CULTIVATION.iter().enumerate() {
        let uscc = cultivation_uscc(i)?;
        let fields: std::collections::HashMap<String, String> = [
            ("uscc", uscc.as_str()),
            ("name", name),
            ("region_code", YANGGU),
            ("industry_code", industry),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        crate::enterprise::create_enterprise(app, &actor, &meta, &fields).await?;
        codes.push(uscc);
    }
    let specialist_user = store::org::user::find_by_username(conn, "specialist")
        .await?
        .map(|u| u.id);
    // 48 specialists over 20 enterprises: the first 8 enterprises get three, the rest two.
    for i in 0..SPECIALISTS {
        let id = add_specialist(
            app,
            &actor,
            &meta,
            NewSpecialistForm {
                name: format!("助企专员{:02}", i + 1),
                region_code: YANGGU.into(),
                department_id: Some(dept.id),
                phone: String::new(),
                user_id: if i == 0 { specialist_user } else { None },
            },
        )
        .await?;
        let enterprise = if i < 24 { i / 3 } else { 8 + (i - 24) / 2 };
        assign_specialist(
            app,
            &actor,
            &meta,
            AssignmentForm {
                specialist_id: id,
                enterprise_uscc: codes[enterprise].to_string(),
                started_on: chrono::NaiveDate::from_ymd_opt(2022, 3, 1),
                note: "培育企业驻企服务".into(),
            },
        )
        .await?;
    }
    let head = create_user(
        app,
        &actor,
        &meta,
        NewUserForm {
            username: "dept.yanggu".into(),
            display_name: Some("阳谷县工信局科室负责人".into()),
            password: DEMO_PASSWORD.into(),
            role: "department_head".into(),
            region: Some(YANGGU.into()),
            enterprise: None,
            phone: Some("13800001235".into()),
            must_change_password: false,
        },
    )
    .await?;
    set_user_department(app, &actor, &meta, head.id, Some(dept.id)).await?;
    record_visit(
        app,
        &actor,
        &meta,
        NewVisitForm {
            enterprise_uscc: codes[0].to_string(),
            kind: "condolence".into(),
            visited_on: chrono::NaiveDate::from_ymd_opt(2026, 2, 10),
            visitors: "县领导、县工信局".into(),
            support_money_wan_yuan: Some("2".into()),
            support_kind: "春节慰问品".into(),
            notes: "春节前走访慰问困难企业".into(),
            problems: vec![NewTicketForm {
                title: "扩建项目用电增容".into(),
                category: "utilities".into(),
                description: "新生产线需增容 2000 kVA".into(),
                ..Default::default()
            }],
        },
    )
    .await?;
    let t = raise_ticket(
        app,
        &actor,
        &meta,
        NewTicketForm {
            title: "申报专精特新政策咨询".into(),
            category: "policy".into(),
            description: "请说明申报材料要求".into(),
            enterprise_uscc: Some(codes[1].to_string()),
            visit_id: None,
        },
    )
    .await?;
    for (action, comment) in [
        ("assign", "请县工信局办理"),
        ("resolve", "已电话说明申报材料清单"),
    ] {
        act_on_ticket(
            app,
            &actor,
            &meta,
            t.id,
            ActionForm {
                action: action.into(),
                comment: comment.into(),
                department_id: Some(dept.id),
                rating: None,
            },
        )
        .await?;
    }
    // The demo's own history is not news: its ticket notifications start read, so each
    // account's bell counts only what happens after the demo was built.
    for name in ["admin", "county.yanggu", "dept.yanggu"] {
        if let Some(u) = store::org::user::find_by_username(conn, name).await? {
            store::notify::mark_all_read(conn, u.id, chrono::Utc::now()).await?;
        }
    }
    Ok(vec![DemoAccount {
        username: "dept.yanggu".into(),
        role: "department_head".into(),
        description: "阳谷县工信局科室负责人".into(),
    }])
}
