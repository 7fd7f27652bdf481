//! The chain demo of 茌平区 (seed-facts §1): six key chains under the district's general chain
//! leaders, each with a leader, deputies, the district's industry bureau as lead department, a
//! policy plan, a map of segment nodes down to products, and enterprises attached in a role.
//!
//! The enterprises with figures are the statistics demo's (`stats::demo::CHIPING_CHAINS`, its
//! monthly figures): this demo attaches them to its maps, so there is one set of demo
//! enterprises and the chain maps are the one list of who is on which chain. The chains'
//! 2022 output (1044.9亿元) and its targets (set here through the chain page's use case, kept
//! as statistics targets of kind `chain`) are then computed by the statistics aggregate. 8 of
//! the district's 11 enterprises holding a provincial single-champion / 专精特新 / gazelle
//! title (recorded by the cultivation demo, read here from the registry) and its national
//! little giant are attached too. Three parks, patrols whose problems became tickets, and
//! investment targets on gaps complete it. Everything is written through the use cases.

use super::{
    AttachForm, ChainForm, FollowUpForm, LeaderForm, NewInvestmentTargetForm, NewParkForm,
    NewPatrolForm, NodeForm, PlaceForm, TargetActionForm, TargetForm, act_on_investment_target,
    add_investment_target, add_node, add_park, attach_enterprise, create_chain, follow_up_patrol,
    place_in_park, record_patrol, set_chain_target,
};
use crate::service::NewTicketForm;
use crate::{Actor, App, AppError, RequestMeta};
use chrono::NaiveDate;
use std::collections::HashMap;

/// 茌平区.
pub const CHIPING: &str = "371503";

/// Where one of the statistics demo's chain enterprises sits: (node key, role), in the order
/// of its `CHIPING_CHAINS` entry.
type Firm = (&'static str, &'static str);

/// A node of a demo map: (key, parent key or "", segment, kind, name).
type Node = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// One demo chain.
pub struct DemoChain {
    /// Stable code (the statistics context keys its targets on it).
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// Industry.
    pub industry: &'static str,
    /// Chain leader (链长): (name, post).
    pub leader: (&'static str, &'static str),
    /// Deputy (副链长): (name, post).
    pub deputy: (&'static str, &'static str),
    /// 2022 output target, 万元.
    pub target_2022: &'static str,
    /// The map.
    pub nodes: &'static [Node],
    /// The statistics demo's enterprises of this chain: where each sits.
    pub firms: &'static [Firm],
    /// Where the district's titled enterprises sit: (index among the title holders, node
    /// key, role).
    pub titled: &'static [(usize, &'static str, &'static str)],
    /// The park its enterprises are in (index into [`PARKS`]).
    pub park: usize,
}

/// The three parks (seed-facts §1).
pub const PARKS: &[(&str, &str)] = &[
    ("茌平区铝精深加工产业园", "铝精深加工"),
    ("茌平区绿色化工产业园", "绿色化工"),
    ("茌平高端新区", "新型建材、功能玻璃与高端装备"),
];

/// The district's two general chain leaders (总链长), over all six chains.
pub const GENERAL_LEADERS: &[(&str, &str)] =
    &[("王志强", "区委书记"), ("刘海涛", "区委副书记、区长")];

/// The six chains of 茌平区.
pub const CHAINS: &[DemoChain] = &[
    DemoChain {
        code: "CP-ALU-FUNC",
        name: "新型功能铝产品",
        industry: "铝及铝精深加工",
        leader: ("陈立新", "区委常委、常务副区长"),
        deputy: ("赵文博", "区工业和信息化局局长"),
        target_2022: "3680000",
        nodes: &[
            ("alumina", "", "upstream", "node", "氧化铝"),
            ("primary", "", "upstream", "node", "电解铝及高纯铝"),
            ("strip", "", "midstream", "node", "铝板带箔"),
            ("foil", "strip", "midstream", "product", "电池铝箔"),
            ("plate", "strip", "midstream", "product", "高端铝板带"),
            ("apply", "", "downstream", "node", "功能铝材应用"),
            (
                "battery",
                "apply",
                "downstream",
                "product",
                "新能源电池壳体",
            ),
            ("consumer", "apply", "downstream", "product", "3C电子铝材"),
        ],
        firms: &[
            ("strip", "lead"),
            ("foil", "backbone"),
            ("plate", "backbone"),
            ("primary", "supplier"),
        ],
        titled: &[(0, "foil", "backbone"), (1, "battery", "supplier")],
        park: 0,
    },
    DemoChain {
        code: "CP-ALU-AUTO",
        name: "汽车交通用铝",
        industry: "铝及铝精深加工",
        leader: ("孙国栋", "区委常委、副区长"),
        deputy: ("周建民", "区发展和改革局局长"),
        target_2022: "1950000",
        nodes: &[
            ("casting", "", "upstream", "node", "铝合金熔铸"),
            ("profile", "", "midstream", "node", "铝合金型材"),
            ("body", "profile", "midstream", "product", "车身结构件"),
            ("wheel", "", "midstream", "node", "汽车轮毂"),
            ("vehicle", "", "downstream", "node", "整车及轨道交通配套"),
            (
                "tray",
                "vehicle",
                "downstream",
                "product",
                "新能源汽车电池托盘",
            ),
            (
                "rail",
                "vehicle",
                "downstream",
                "product",
                "轨道交通车体型材",
            ),
        ],
        firms: &[
            ("vehicle", "lead"),
            ("wheel", "backbone"),
            ("profile", "backbone"),
            ("rail", "supplier"),
        ],
        titled: &[(2, "casting", "backbone"), (3, "tray", "supplier")],
        park: 0,
    },
    DemoChain {
        code: "CP-BLDG-ECO",
        name: "生态环保建材",
        industry: "新材料",
        leader: ("马晓东", "区人民政府副区长"),
        deputy: ("韩志刚", "区住房和城乡建设局局长"),
        target_2022: "1200000",
        nodes: &[
            ("waste", "", "upstream", "node", "赤泥及粉煤灰固废"),
            ("wall", "", "midstream", "node", "新型墙体材料"),
            ("prefab", "", "midstream", "node", "装配式建筑构件"),
            ("green", "", "downstream", "node", "绿色建筑应用"),
        ],
        firms: &[
            ("prefab", "lead"),
            ("wall", "backbone"),
            ("waste", "backbone"),
            ("green", "supplier"),
        ],
        titled: &[(4, "prefab", "supplier")],
        park: 2,
    },
    DemoChain {
        code: "CP-GLASS-FUNC",
        name: "功能玻璃",
        industry: "新材料",
        leader: ("杨春明", "区人民政府副区长"),
        deputy: ("许光辉", "区科学技术局局长"),
        target_2022: "850000",
        nodes: &[
            ("sand", "", "upstream", "node", "石英砂原料"),
            ("float", "", "midstream", "node", "浮法玻璃原片"),
            ("deep", "", "midstream", "node", "玻璃深加工"),
            ("solar", "deep", "midstream", "product", "光伏玻璃"),
            ("display", "deep", "midstream", "product", "电子玻璃"),
            ("module", "", "downstream", "node", "光伏组件与显示器件"),
        ],
        firms: &[
            ("float", "lead"),
            ("solar", "backbone"),
            ("float", "backbone"),
            ("display", "supplier"),
        ],
        titled: &[(5, "float", "backbone")],
        park: 2,
    },
    DemoChain {
        code: "CP-CHEM-FINE",
        name: "化工新材料及精细化工",
        industry: "绿色化工",
        leader: ("郭振华", "区委常委、副区长"),
        deputy: ("冯立军", "区应急管理局局长"),
        target_2022: "1500000",
        nodes: &[
            ("base", "", "upstream", "node", "基础化工原料"),
            ("polymer", "", "midstream", "node", "高分子材料"),
            ("fine", "", "midstream", "node", "精细化学品"),
            ("catalyst", "fine", "midstream", "product", "催化剂"),
            ("electronic", "fine", "midstream", "product", "电子化学品"),
            ("coating", "", "downstream", "node", "涂料与医药中间体"),
        ],
        firms: &[
            ("polymer", "lead"),
            ("fine", "backbone"),
            ("electronic", "backbone"),
            ("base", "supplier"),
        ],
        titled: &[(8, "polymer", "backbone")],
        park: 1,
    },
    DemoChain {
        code: "CP-CHLOR-ALK",
        name: "氯碱深加工",
        industry: "绿色化工",
        leader: ("高文斌", "区人民政府副区长"),
        deputy: ("邓玉峰", "区生态环境分局局长"),
        target_2022: "820000",
        nodes: &[
            ("salt", "", "upstream", "node", "原盐与电力"),
            ("caustic", "", "midstream", "node", "烧碱与液氯"),
            ("pvc", "", "midstream", "node", "聚氯乙烯"),
            ("epoxy", "", "downstream", "node", "环氧树脂制品"),
            ("chlorine", "", "downstream", "node", "含氯精细化学品"),
        ],
        firms: &[
            ("caustic", "lead"),
            ("salt", "backbone"),
            ("chlorine", "backbone"),
            ("epoxy", "supplier"),
        ],
        titled: &[(9, "chlorine", "backbone")],
        park: 1,
    },
];

/// The code of the demo's `n`th chain enterprise (1-based, in the order of [`CHAINS`]): one of
/// the statistics demo's enterprises.
pub fn chain_uscc(n: usize) -> Result<String, AppError> {
    crate::stats::demo::CHIPING_CHAINS
        .iter()
        .flat_map(|c| c.enterprises)
        .nth(n.wrapping_sub(1))
        .ok_or_else(|| AppError::Internal(format!("no demo chain enterprise {n}")))
        .and_then(|b| {
            policy::enterprise::Uscc::with_check(b)
                .map(|u| u.to_string())
                .map_err(|e| AppError::Internal(e.to_string()))
        })
}

/// The statistics demo's chain enterprises in the order of [`CHAINS`]' firms; each chain here
/// must place every one of its enterprises.
fn enterprises() -> Result<Vec<String>, AppError> {
    let members = crate::stats::demo::CHIPING_CHAINS;
    if members.len() != CHAINS.len()
        || members
            .iter()
            .zip(CHAINS)
            .any(|(m, c)| m.enterprises.len() != c.firms.len())
    {
        return Err(AppError::Internal(
            "the chain demo places other enterprises than the statistics demo has".into(),
        ));
    }
    (1..=CHAINS.iter().map(|c| c.firms.len()).sum())
        .map(chain_uscc)
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| AppError::Internal("demo date".into()))
}

/// Seeds the chain demo (called once, at the end of `demo::seed_demo`).
pub async fn seed(app: &App) -> Result<(), AppError> {
    let actor = Actor::system("demo");
    let meta = RequestMeta::cli("demo");
    let (a, m) = (&actor, &meta);
    let conn = app.db().conn();
    let codes = enterprises()?;
    let rules = super::title_rules()?;
    let today = super::as_of(2022);
    let holders = |titles: &[&str], level: &str| {
        let titles: Vec<String> = titles.iter().map(|t| t.to_string()).collect();
        let level = level.to_string();
        async move {
            let mut v = store::chain::facts::title_holders_in_region(
                conn,
                CHIPING,
                &titles,
                Some(&level),
                today,
            )
            .await?;
            v.sort();
            Ok::<_, AppError>(v)
        }
    };
    let titled = match rules.summary.first() {
        Some(s) => {
            let t: Vec<&str> = s.titles.iter().map(String::as_str).collect();
            holders(&t, s.level.as_deref().unwrap_or("provincial")).await?
        }
        None => Vec::new(),
    };
    let little_giants = holders(&["little_giant"], "national").await?;
    let tech_centres = holders(&["tech_center"], "provincial").await?;
    let department = store::org::department::all(conn)
        .await?
        .into_iter()
        .find(|d| d.code == format!("GXJ-{CHIPING}"))
        .map(|d| d.id);
    let mut firm = 0usize;
    let mut park_members: Vec<Vec<String>> = vec![Vec::new(); PARKS.len()];
    let mut chain_ids = Vec::new();
    for (i, spec) in CHAINS.iter().enumerate() {
        let mut leaders: Vec<LeaderForm> = GENERAL_LEADERS
            .iter()
            .map(|(name, post)| LeaderForm {
                role: "general_chain_leader".into(),
                name: (*name).into(),
                post: (*post).into(),
                user_id: None,
            })
            .collect();
        for (role, (name, post)) in [
            ("chain_leader", spec.leader),
            ("deputy_chain_leader", spec.deputy),
        ] {
            leaders.push(LeaderForm {
                role: role.into(),
                name: name.into(),
                post: post.into(),
                user_id: None,
            });
        }
        let c = create_chain(
            app,
            a,
            m,
            ChainForm {
                code: spec.code.into(),
                name: spec.name.into(),
                region_code: CHIPING.into(),
                industry: spec.industry.into(),
                lead_department_id: department,
                working_group: format!(
                    "{}产业链工作专班：区工业和信息化局、区发展和改革局、区科学技术局、区财政局、区自然资源局、区商务局等部门及链主企业",
                    spec.name
                ),
                plan_title: format!("茌平区{}产业链“一链一策”工作方案", spec.name),
                plan_text: format!(
                    "围绕{}产业链“延链、补链、强链”，培育壮大链主企业，引进上下游配套项目，推动产业链向高端化、智能化、绿色化发展；建立链长统筹、部门协同、专班推进的工作机制，定期问链、巡链、诊链，协调解决企业用地、资金、人才等要素保障问题。",
                    spec.name
                ),
                leaders,
            },
        )
        .await?;
        chain_ids.push(c.id);
        set_chain_target(
            app,
            a,
            m,
            c.id,
            TargetForm {
                year: 2022,
                target_wan_yuan: spec.target_2022.into(),
            },
        )
        .await?;
        let mut node_ids: HashMap<&str, i64> = HashMap::new();
        for (pos, (key, parent, segment, kind, name)) in spec.nodes.iter().enumerate() {
            let n = add_node(
                app,
                a,
                m,
                c.id,
                NodeForm {
                    parent_id: node_ids.get(parent).copied(),
                    segment: Some((*segment).into()),
                    kind: Some((*kind).into()),
                    name: (*name).into(),
                    position: Some(pos as i32),
                    note: String::new(),
                },
            )
            .await?;
            node_ids.insert(key, n.id);
        }
        let attach = |uscc: String, node: &str, role: &str| {
            let node_id = node_ids.get(node).copied();
            let role = role.to_string();
            async move {
                let node_id =
                    node_id.ok_or_else(|| AppError::Internal("demo chain node".into()))?;
                attach_enterprise(
                    app,
                    a,
                    m,
                    c.id,
                    node_id,
                    AttachForm {
                        enterprise_uscc: uscc,
                        role,
                        note: String::new(),
                    },
                )
                .await
                .map(|_| ())
            }
        };
        for f in spec.firms {
            let code = codes[firm].clone();
            firm += 1;
            park_members[spec.park].push(code.clone());
            attach(code, f.0, f.1).await?;
        }
        for (idx, node, role) in spec.titled {
            if let Some(code) = titled.get(*idx) {
                attach(code.clone(), node, role).await?;
            }
        }
        if i == 0
            && let Some(code) = little_giants.first()
        {
            attach(code.clone(), "plate", "backbone").await?;
        }
        if i == 4 {
            for code in tech_centres.iter().take(2) {
                attach(code.clone(), "electronic", "supplier").await?;
            }
        }
    }
    for ((name, focus), members) in PARKS.iter().zip(park_members) {
        let p = add_park(
            app,
            a,
            m,
            NewParkForm {
                name: (*name).into(),
                region_code: CHIPING.into(),
                focus: (*focus).into(),
            },
        )
        .await?;
        place_in_park(
            app,
            a,
            m,
            p.id,
            PlaceForm {
                enterprises: members,
            },
        )
        .await?;
    }
    patrols(app, a, m, &chain_ids, &codes).await?;
    targets(app, a, m, &chain_ids).await?;
    // The demo's own history is not news: the tickets its patrols raised start read.
    for name in ["admin", "county.chiping", "chain"] {
        if let Some(u) = store::org::user::find_by_username(conn, name).await? {
            store::notify::mark_all_read(conn, u.id, chrono::Utc::now()).await?;
        }
    }
    Ok(())
}

async fn patrols(
    app: &App,
    a: &Actor,
    m: &RequestMeta,
    chains: &[i64],
    codes: &[String],
) -> Result<(), AppError> {
    let problem = |title: &str, category: &str, description: &str, uscc: &str| NewTicketForm {
        title: title.into(),
        category: category.into(),
        description: description.into(),
        enterprise_uscc: Some(uscc.into()),
        visit_id: None,
    };
    let p = record_patrol(
        app,
        a,
        m,
        chains[0],
        NewPatrolForm {
            kind: "inquiry".into(),
            patrolled_on: Some(date(2022, 3, 15)?),
            led_by: "总链长 王志强".into(),
            participants: "区工业和信息化局、区发展和改革局、区人力资源和社会保障局".into(),
            enterprises: vec![codes[0].clone(), codes[1].clone()],
            findings: "电池铝箔扩产后高端技术工人不足；铝箔轧制装备依赖进口。".into(),
            problems: vec![problem(
                "电池铝箔高端技术工人招引",
                "talent",
                "扩产需新增轧制、分切技术工人约120人，请协调职业院校定向培养",
                &codes[1],
            )],
            follow_up: "区人社局牵头对接聊城职业技术学院开设订单班。".into(),
        },
    )
    .await?;
    follow_up_patrol(
        app,
        a,
        m,
        chains[0],
        p.id,
        FollowUpForm {
            follow_up: "订单班首批60人已入学，其余缺口通过社会招聘解决。".into(),
            follow_up_on: Some(date(2022, 9, 1)?),
        },
    )
    .await?;
    // codes[16] and codes[17] are the chemicals chain's lead and backbone.
    record_patrol(
        app,
        a,
        m,
        chains[4],
        NewPatrolForm {
            kind: "inspection".into(),
            patrolled_on: Some(date(2022, 6, 8)?),
            led_by: "链长 郭振华".into(),
            participants: "区工业和信息化局、区应急管理局、区财政局、人民银行茌平支行".into(),
            enterprises: vec![codes[16].clone(), codes[17].clone()],
            findings: "新材料项目二期流动资金紧张；电子化学品中试缺少检测平台。".into(),
            problems: vec![
                problem(
                    "新材料二期流动资金贷款",
                    "financing",
                    "二期投产需流动资金贷款约2亿元，请协调银行授信",
                    &codes[17],
                ),
                problem(
                    "电子化学品检测平台",
                    "technology",
                    "请协调高校共建电子级化学品检测平台",
                    &codes[16],
                ),
            ],
            follow_up: String::new(),
        },
    )
    .await?;
    record_patrol(
        app,
        a,
        m,
        chains[3],
        NewPatrolForm {
            kind: "diagnosis".into(),
            patrolled_on: Some(date(2022, 9, 20)?),
            led_by: "省玻璃行业专家组".into(),
            participants: "区科学技术局、链主企业技术中心".into(),
            enterprises: vec![codes[13].clone()],
            findings: "下游光伏组件环节本地无企业，建议围绕光伏玻璃靶向招引组件企业。".into(),
            problems: Vec::new(),
            follow_up: "列入靶向招商清单。".into(),
        },
    )
    .await?;
    Ok(())
}

async fn targets(app: &App, a: &Actor, m: &RequestMeta, chains: &[i64]) -> Result<(), AppError> {
    let detail = super::get_chain(app, a, chains[3], Some("2022")).await?;
    if let Some(g) = detail.gaps.iter().find(|g| g.kind == "downstream") {
        let t = add_investment_target(
            app,
            a,
            m,
            chains[3],
            NewInvestmentTargetForm {
                node_id: g.node_id,
                gap_kind: g.kind.clone(),
                target_enterprise: "某光伏组件制造企业（演示）".into(),
                place: "江苏省常州市".into(),
                owner: "区商务局 招商一科".into(),
                planned_wan_yuan: Some("150000".into()),
                in_place_wan_yuan: None,
                note: "围绕本地光伏玻璃配套引进组件产能".into(),
            },
        )
        .await?;
        for (on, money, comment) in [
            (date(2022, 10, 18)?, None, "签订投资协议"),
            (date(2022, 12, 6)?, Some("42000"), "一期厂房开工"),
        ] {
            act_on_investment_target(
                app,
                a,
                m,
                chains[3],
                t.id,
                TargetActionForm {
                    action: "advance".into(),
                    comment: comment.into(),
                    on: Some(on),
                    in_place_wan_yuan: money.map(Into::into),
                    investment_project_id: None,
                },
            )
            .await?;
        }
    }
    let detail = super::get_chain(app, a, chains[0], Some("2022")).await?;
    if let Some(g) = detail.gaps.first() {
        add_investment_target(
            app,
            a,
            m,
            chains[0],
            NewInvestmentTargetForm {
                node_id: g.node_id,
                gap_kind: g.kind.clone(),
                target_enterprise: "某铝材深加工企业（演示）".into(),
                place: "广东省佛山市".into(),
                owner: "区工业和信息化局".into(),
                planned_wan_yuan: Some("50000".into()),
                in_place_wan_yuan: None,
                note: String::new(),
            },
        )
        .await?;
    }
    Ok(())
}
