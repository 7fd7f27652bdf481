//! The projects demo of 临清市 2022 (seed-facts §4), written through the use cases so that the
//! statistics API computes every figure from the records: 56 key manufacturing projects at
//! province, city and county level that completed 107.2亿元, 158.42% of the year's plan; 39
//! newly signed attraction projects of 1亿元 or more, 179.9亿元 planned and 42亿元 in place;
//! 1,211 亩 of approved-but-unsupplied land disposed of; 13,148 亩 of low-efficiency land
//! surveyed and 771.62 亩 entered; 2,036.45万元 of support funds paid; 800 5G base stations
//! (in operators' batches), 202 enterprises newly on the cloud, 2 两化融合 and 1 DCMM.
//!
//! Around them, records that the filters must leave out: projects of other counties and
//! other years, attraction projects under 1亿元, in negotiation, signed in 2021 or waiting
//! for review, a disposal of 2021. Each area is written in one transaction (batches), so the
//! demo stays fast and every record is still audited.

use super::{
    DigitalForm, DisposalForm, InefficientForm, KeyProjectForm, ParcelForm, PaymentForm,
    ProblemForm, ReportForm, ReviewForm, TargetForm, add_parcels, create_key_projects,
    dispose_land, import_progress, pay_support_funds, raise_problem, record_digital,
    register_targets, report_target, review_reports, set_county_target, survey_inefficient,
};
use crate::io::{ImportKind, ImportOptions, import};
use crate::{Actor, App, AppError, RequestMeta};
use policy::enterprise::Uscc;

/// 临清市.
pub const LINQING: &str = "371581";
/// The year of the seed facts.
pub const YEAR: i32 = 2022;
/// Key projects on 临清市's 2022 list.
pub const KEY_PROJECTS: usize = 56;
/// Their plans for 2022, 万元: 107.2亿元 ÷ 676,680万元 = 158.42%.
pub const PLANNED_WAN_YUAN: i64 = 676_680;
/// What they completed in 2022, 万元 (107.2亿元).
pub const INVESTED_WAN_YUAN: i64 = 1_072_000;
/// Attraction projects of 1亿元 or more newly signed in 2022.
pub const SIGNED_BIG: usize = 39;
/// Their planned investment, 万元 (179.9亿元).
pub const SIGNED_PLANNED_WAN_YUAN: i64 = 1_799_000;
/// Their funds in place, 万元 (42亿元).
pub const SIGNED_IN_PLACE_WAN_YUAN: i64 = 420_000;
/// Enterprises newly on the cloud.
pub const CLOUD: usize = 202;
/// Fictional enterprises the demo creates in 临清市 for these records.
const ENTERPRISES: usize = 210;

const TRADES: &[(&str, &str)] = &[
    ("机械", "C3484"),
    ("轴承", "C3451"),
    ("纺织", "C1713"),
    ("食品", "C1391"),
    ("新材料", "C2651"),
    ("汽车零部件", "C3670"),
    ("电气", "C3825"),
];

fn err(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("projects demo: {e}"))
}

/// The code of the demo's `n`th enterprise of 临清市 (org-code prefix `XM`).
pub fn demo_uscc(n: usize) -> Result<String, AppError> {
    Uscc::with_check(&format!("91{LINQING}XM{n:07}"))
        .map(|u| u.to_string())
        .map_err(err)
}

/// A deterministic spread of `total` (in hundredths) over `n` parts by `weights`, exact.
fn spread(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum();
    let mut out: Vec<i64> = weights.iter().map(|w| total * w / sum).collect();
    let given: i64 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - given;
    }
    out
}

/// Weights 1..=`n` shuffled by a fixed step, so parts differ without randomness.
fn weights(n: usize, seed: i64) -> Vec<i64> {
    (0..n as i64)
        .map(|i| 10 + (i * 37 + seed * 11) % 29)
        .collect()
}

/// Hundredths as text: 12345 → `123.45`.
fn hundredths(v: i64) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

/// Seeds the projects demo.
pub async fn seed(app: &App) -> Result<(), AppError> {
    let actor = Actor::system("demo");
    let meta = RequestMeta::cli("demo");
    let codes = enterprises(app, &actor, &meta).await?;
    key_projects(app, &actor, &meta, &codes).await?;
    attraction(app, &actor, &meta).await?;
    land(app, &actor, &meta).await?;
    funds_and_digital(app, &actor, &meta, &codes).await?;
    // The demo's own history is not news: its ticket notifications start read.
    let conn = app.db().conn();
    for name in ["admin", "county.linqing"] {
        if let Some(u) = store::org::user::find_by_username(conn, name).await? {
            store::notify::mark_all_read(conn, u.id, chrono::Utc::now()).await?;
        }
    }
    Ok(())
}

async fn enterprises(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
) -> Result<Vec<String>, AppError> {
    let mut csv = String::from("uscc,name,region_code,industry_code\n");
    let mut codes = Vec::with_capacity(ENTERPRISES);
    for n in 1..=ENTERPRISES {
        let (trade, industry) = TRADES[n % TRADES.len()];
        let code = demo_uscc(n)?;
        csv.push_str(&format!(
            "{code},临清{trade}实业示例{n:03}有限公司,{LINQING},{industry}\n"
        ));
        codes.push(code);
    }
    let report = import(
        app,
        actor,
        meta,
        ImportKind::Enterprises,
        "demo-projects.csv",
        csv.as_bytes(),
        ImportOptions::default(),
        None,
    )
    .await?;
    if !report.written {
        return Err(err(format!(
            "enterprises refused: {:?}",
            report.errors.first()
        )));
    }
    Ok(codes)
}

const PROJECT_KINDS: &[&str] = &[
    "智能化技术改造项目",
    "新建生产线项目",
    "扩能升级项目",
    "数字化车间项目",
    "绿色低碳改造项目",
    "研发中心建设项目",
];

async fn key_projects(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    codes: &[String],
) -> Result<(), AppError> {
    let foundry = Uscc::with_check(crate::demo::ENTERPRISES[0].uscc_body)
        .map_err(err)?
        .to_string();
    // Plans and completions in hundredths of 万元, spread exactly over the 56 projects.
    let plans = spread(PLANNED_WAN_YUAN * 100, &weights(KEY_PROJECTS, 3));
    let ratios: Vec<i64> = (0..KEY_PROJECTS as i64)
        .map(|i| 90 + (i * 53) % 130)
        .collect();
    let done_weights: Vec<i64> = plans
        .iter()
        .zip(&ratios)
        .map(|(p, r)| p / 100 * r)
        .collect();
    let done = spread(INVESTED_WAN_YUAN * 100, &done_weights);
    let mut forms = Vec::new();
    for i in 0..KEY_PROJECTS {
        let (trade, industry) = TRADES[i % TRADES.len()];
        let level = match i {
            0..6 => "province",
            6..24 => "city",
            _ => "county",
        };
        // The foundry (the demo's enterprise account) builds two; most others have one of
        // the demo enterprises; a few are the zone's own.
        let enterprise = match i {
            0 | 1 => foundry.clone(),
            _ if i % 9 == 4 => String::new(),
            _ => codes[i % codes.len()].clone(),
        };
        let (stage, started, completed, production) = match i % 4 {
            0 => ("in_production", "2021-04-10", "2022-06-30", "2022-09-01"),
            1 => ("completed", "2021-09-15", "2022-11-20", ""),
            2 => ("under_construction", "2022-03-01", "", ""),
            _ => ("under_construction", "2022-05-18", "", ""),
        };
        forms.push(KeyProjectForm {
            name: format!(
                "临清{trade}{}（{:02}）",
                PROJECT_KINDS[i % PROJECT_KINDS.len()],
                i + 1
            ),
            level: level.into(),
            region_code: LINQING.into(),
            enterprise_uscc: enterprise,
            industry_code: industry.into(),
            total_investment_wan_yuan: hundredths(plans[i] * 3),
            construction: "新上生产线及配套设施（演示数据）".into(),
            stage: stage.into(),
            started_on: started.into(),
            completed_on: completed.into(),
            in_production_on: production.into(),
            plan_year: Some(YEAR),
            planned_wan_yuan: hundredths(plans[i]),
        });
    }
    // Around them: projects of 阳谷县 and 茌平区 in 2022, and one of 临清市 listed in 2021 only.
    for (i, region) in ["371521", "371521", "371521", "371503", "371503"]
        .iter()
        .enumerate()
    {
        forms.push(KeyProjectForm {
            name: format!("示例县域重点项目（{:02}）", i + 1),
            level: "county".into(),
            region_code: (*region).into(),
            industry_code: "C3976".into(),
            stage: "planned".into(),
            plan_year: Some(YEAR),
            planned_wan_yuan: format!("{}", 8000 + i * 1500),
            ..Default::default()
        });
    }
    forms.push(KeyProjectForm {
        name: "临清2021年度示例重点项目".into(),
        level: "city".into(),
        region_code: LINQING.into(),
        industry_code: "C3484".into(),
        stage: "in_production".into(),
        started_on: "2020-05-01".into(),
        completed_on: "2021-06-01".into(),
        in_production_on: "2021-08-01".into(),
        plan_year: Some(2021),
        planned_wan_yuan: "12000".into(),
        ..Default::default()
    });
    let ids = create_key_projects(app, actor, meta, forms).await?;
    // Monthly investment through the spreadsheet import: each project's year spread over the
    // months from its start (January for those started before 2022).
    let mut csv = String::from("项目编号,年度,月份,本月完成投资（万元）\n");
    for (i, id) in ids.iter().take(KEY_PROJECTS).enumerate() {
        let first = match i % 4 {
            2 => 3,
            3 => 5,
            _ => 1,
        };
        let months: Vec<i64> = (first..=12).map(|m| 8 + (m * 5 + i as i64) % 7).collect();
        for (k, part) in spread(done[i], &months).into_iter().enumerate() {
            csv.push_str(&format!(
                "{id},{YEAR},{},{}\n",
                first + k as i64,
                hundredths(part)
            ));
        }
    }
    for id in ids.iter().skip(KEY_PROJECTS).take(5) {
        csv.push_str(&format!("{id},{YEAR},6,1500\n"));
    }
    let report = import_progress(
        app,
        actor,
        meta,
        "demo-progress.csv",
        csv.as_bytes(),
        ImportOptions::default(),
    )
    .await?;
    if !report.written {
        return Err(err(format!(
            "monthly investment refused: {:?}",
            report.errors.first()
        )));
    }
    for (id, title, category) in [
        (ids[0], "新厂区用地指标调整", "land"),
        (ids[1], "环评批复办理进度", "approval"),
    ] {
        raise_problem(
            app,
            actor,
            meta,
            id,
            ProblemForm {
                title: title.into(),
                category: category.into(),
                description: "项目推进中遇到的问题，请相关部门协调（演示数据）".into(),
            },
        )
        .await?;
    }
    Ok(())
}

async fn attraction(app: &App, actor: &Actor, meta: &RequestMeta) -> Result<(), AppError> {
    let planned = spread(SIGNED_PLANNED_WAN_YUAN * 100, &weights(SIGNED_BIG, 5));
    // Every planned figure stays at 1亿元 or more: the spread's smallest weight gives about
    // 2.9亿元, well above the line.
    let in_place = spread(SIGNED_IN_PLACE_WAN_YUAN * 100, &weights(SIGNED_BIG, 7));
    let mut forms = Vec::new();
    let target =
        |name: String, stage: &str, on: String, planned: String, in_place: String, node: &str| {
            TargetForm {
                investor: format!("{name}投资方（演示）"),
                name,
                region_code: LINQING.into(),
                stage: stage.into(),
                stage_on: on,
                planned_wan_yuan: planned,
                in_place_wan_yuan: in_place,
                chain_node: node.into(),
                ..Default::default()
            }
        };
    for i in 0..SIGNED_BIG {
        let (trade, _) = TRADES[i % TRADES.len()];
        forms.push(target(
            format!("示例{trade}产业招商项目（{:02}）", i + 1),
            "signed",
            format!("2022-{:02}-{:02}", 1 + i % 12, 5 + i % 20),
            hundredths(planned[i]),
            hundredths(in_place[i]),
            if i % 3 == 0 {
                "轴承及精密零部件"
            } else {
                ""
            },
        ));
    }
    // Left out by the filters: under 1亿元, in negotiation, signed in 2021.
    for i in 0..6 {
        forms.push(target(
            format!("示例小型招商项目（{:02}）", i + 1),
            "signed",
            format!("2022-{:02}-15", 2 + i),
            format!("{}", 3000 + i * 1000),
            "500".into(),
            "",
        ));
    }
    for i in 0..5 {
        forms.push(target(
            format!("示例在谈招商项目（{:02}）", i + 1),
            "negotiating",
            String::new(),
            format!("{}", 20000 + i * 5000),
            String::new(),
            "",
        ));
    }
    for i in 0..3 {
        forms.push(target(
            format!("示例2021年签约项目（{:02}）", i + 1),
            "signed",
            format!("2021-{:02}-20", 9 + i),
            "30000".into(),
            "12000".into(),
            "",
        ));
    }
    // Waiting for review: not counted until approved.
    forms.push(target(
        "示例待审核招商项目".into(),
        "signed",
        "2022-12-20".into(),
        "50000".into(),
        "0".into(),
        "",
    ));
    let ids = register_targets(app, actor, meta, forms).await?;
    // The last one waits for review.
    let (_, approve) = ids
        .split_last()
        .ok_or_else(|| err("no attraction projects"))?;
    review_reports(
        app,
        actor,
        meta,
        ReviewForm {
            ids: approve.to_vec(),
            decision: "approve".into(),
            comment: "材料齐全，同意".into(),
        },
    )
    .await?;
    // Some of the 39 went on: six started, two of them in production by the year's end.
    for (k, id) in ids.iter().take(6).enumerate() {
        report_target(
            app,
            actor,
            meta,
            *id,
            ReportForm {
                stage: if k < 2 { "in_production" } else { "started" }.into(),
                stage_on: format!("2022-{:02}-10", 9 + k % 3),
                comment: "项目进展填报".into(),
                ..Default::default()
            },
        )
        .await?;
    }
    review_reports(
        app,
        actor,
        meta,
        ReviewForm {
            ids: ids.iter().take(6).copied().collect(),
            decision: "approve".into(),
            comment: "同意".into(),
        },
    )
    .await?;
    set_county_target(
        app,
        actor,
        meta,
        super::CountyTargetForm {
            region_code: LINQING.into(),
            year: Some(YEAR),
            min_wan_yuan: "10000".into(),
            signed_count: Some(35),
            planned_wan_yuan: "1600000".into(),
            in_place_wan_yuan: "400000".into(),
        },
    )
    .await?;
    Ok(())
}

async fn land(app: &App, actor: &Actor, meta: &RequestMeta) -> Result<(), AppError> {
    // 24 parcels approved in 2019-2021; 1,211 亩 of them disposed of in 2022 (26 disposals,
    // two parcels in two parts), and 40 亩 in 2021 that the year's figure leaves out. Each
    // parcel keeps some area not yet disposed of.
    const PARCELS: usize = 24;
    let share = spread(121_100, &weights(26, 4));
    let mut approved = [0i64; PARCELS];
    for (k, a) in share.iter().enumerate() {
        approved[k % PARCELS] += a;
    }
    approved[PARCELS - 1] += 4_000;
    let parcels: Vec<ParcelForm> = approved
        .iter()
        .enumerate()
        .map(|(i, a)| ParcelForm {
            code: format!("LQ-PEWG-{:03}", i + 1),
            region_code: LINQING.into(),
            location: format!("临清市示例片区{}号地块", i + 1),
            approved_mu: hundredths(a + a * 2 / 5 + 500),
            approved_on: format!("{}-{:02}-15", 2019 + i % 3, 1 + i % 12),
            approval_document: format!("鲁政土字〔{}〕{}号（演示）", 2019 + i % 3, 100 + i),
        })
        .collect();
    let ids = add_parcels(app, actor, meta, parcels).await?;
    let methods = ["supplied", "supplied", "withdrawn", "replanned"];
    let mut disposals: Vec<DisposalForm> = share
        .iter()
        .enumerate()
        .map(|(k, a)| DisposalForm {
            parcel_id: ids[k % ids.len()],
            area_mu: hundredths(*a),
            method: methods[k % methods.len()].into(),
            disposed_on: format!("2022-{:02}-{:02}", 1 + k % 12, 3 + k % 25),
            note: "批而未供土地处置（演示数据）".into(),
        })
        .collect();
    disposals.push(DisposalForm {
        parcel_id: ids[ids.len() - 1],
        area_mu: "40".into(),
        method: "supplied".into(),
        disposed_on: "2021-12-20".into(),
        note: "2021年处置".into(),
    });
    dispose_land(app, actor, meta, disposals).await?;
    // 60 low-efficiency parcels surveyed in 2022, 13,148 亩; seven of them, 771.62 亩,
    // entered into the database.
    let entered = spread(77_162, &weights(7, 1));
    let rest = spread(1_314_800 - 77_162, &weights(53, 6));
    let areas: Vec<i64> = entered.iter().chain(rest.iter()).copied().collect();
    let forms: Vec<InefficientForm> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| InefficientForm {
            code: format!("LQ-DX-{:03}", i + 1),
            region_code: LINQING.into(),
            location: format!("临清市示例工业园区低效地块{}", i + 1),
            area_mu: hundredths(*a),
            surveyed_on: format!("2022-{:02}-{:02}", 3 + i % 6, 1 + i % 27),
            entered_on: if i < 7 {
                format!("2022-{:02}-28", 10 + i % 3)
            } else {
                String::new()
            },
            ..Default::default()
        })
        .collect();
    survey_inefficient(app, actor, meta, forms).await?;
    Ok(())
}

async fn funds_and_digital(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    codes: &[String],
) -> Result<(), AppError> {
    let programmes = [
        "工业企业技术改造专项资金",
        "专精特新企业奖励资金",
        "数字化转型补助资金",
        "企业上云用云补贴",
        "首台（套）装备奖励",
    ];
    // 36 payments, 2,036.45万元 in all.
    let amounts = spread(203_645, &weights(36, 9));
    let payments: Vec<PaymentForm> = amounts
        .iter()
        .enumerate()
        .map(|(i, a)| PaymentForm {
            programme: programmes[i % programmes.len()].into(),
            enterprise_uscc: codes[(i * 5) % codes.len()].clone(),
            amount_wan_yuan: hundredths(*a),
            paid_on: format!("2022-{:02}-{:02}", 1 + i % 12, 10 + i % 15),
            document: format!("临财企〔2022〕{}号（演示）", 10 + i),
        })
        .collect();
    pay_support_funds(app, actor, meta, payments).await?;
    let mut digital = Vec::new();
    // 800 base stations in ten operators' batches.
    let batches = [
        ("中国移动临清分公司", 120),
        ("中国联通临清分公司", 70),
        ("中国电信临清分公司", 60),
        ("中国移动临清分公司", 110),
        ("中国联通临清分公司", 80),
        ("中国电信临清分公司", 50),
        ("中国移动临清分公司", 100),
        ("中国联通临清分公司", 70),
        ("中国电信临清分公司", 60),
        ("中国铁塔临清分公司", 80),
    ];
    for (k, (operator, n)) in batches.iter().enumerate() {
        digital.push(DigitalForm {
            kind: "base_station_5g".into(),
            region_code: LINQING.into(),
            quantity: Some(*n),
            recorded_on: format!("2022-{:02}-28", 1 + k),
            place: "临清市城区及乡镇".into(),
            source: format!("{operator} 2022年5G基站建设台账第{}批", k + 1),
            ..Default::default()
        });
    }
    let per_enterprise = |kind: &str, code: &String, on: String, source: String| DigitalForm {
        kind: kind.into(),
        enterprise_uscc: code.clone(),
        recorded_on: on,
        source,
        ..Default::default()
    };
    for (i, code) in codes.iter().take(super::demo::CLOUD).enumerate() {
        digital.push(per_enterprise(
            "cloud_adoption",
            code,
            format!("2022-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "山东省企业上云用云平台备案".into(),
        ));
    }
    for (i, code) in codes.iter().take(2).enumerate() {
        digital.push(per_enterprise(
            "integration_certification",
            code,
            format!("2022-{:02}-18", 6 + i),
            format!("两化融合管理体系评定证书 AIITRE-2022-{:05}", 1201 + i),
        ));
    }
    digital.push(per_enterprise(
        "dcmm_certification",
        &codes[2],
        "2022-11-08".into(),
        "DCMM 稳健级（3级）证书（演示）".into(),
    ));
    record_digital(app, actor, meta, digital).await?;
    Ok(())
}
