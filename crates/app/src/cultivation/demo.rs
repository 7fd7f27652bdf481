//! The cultivation part of the demo: fictional enterprises created through the registry's own
//! import, pools and reserve lists, campaigns, and applications moved through the workflow
//! (with their public notices), so that the statistics API computes `seed-facts.md` §2 from
//! the records: 阳谷县 2022 (100 in the 专精特新 pool, 27 applied, 26 recognised, 96.3%; in
//! reserve 2 小巨人, 45 专精特新, 4 技术创新示范, 6 瞪羚), 茌平区 2022 (1 小巨人, 8 专精特新,
//! 3 单项冠军 recognised; 28 高新技术企业 applications in three batches; 3 绿色工厂, 2 企业技术
//! 中心) and 临清市 2022's titles (107 科技型, 33 高新, 1 重点小巨人, 2 小巨人, 18 专精特新,
//! 56 创新型, 3 瞪羚, 4 单项冠军, 6 工业设计中心, 4 重点实验室, 2 技术创新中心).

use super::application::{ActRequest, NewApplication, act_on, create_application};
use super::campaign::{NewCampaign, create_campaign};
use super::demo_figures;
use super::pool::{NewPoolEntry, add_to_pool};
use crate::io::{ImportKind, ImportOptions, import};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::NaiveDate;
use policy::enterprise::Uscc;

const YANGGU: &str = "371521";
const CHIPING: &str = "371503";
const LINQING: &str = "371581";

const TRADES: &[(&str, &str)] = &[
    ("精密机械", "C3484"),
    ("光电科技", "C3976"),
    ("食品", "C1491"),
    ("新材料", "C3985"),
    ("化工", "C2669"),
    ("铝业", "C3252"),
];

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| AppError::Internal("demo date".into()))
}

/// The code of the demo's `n`th cultivation enterprise in `region` (fictional, valid check
/// character).
pub fn demo_uscc(region: &str, n: usize) -> Result<String, AppError> {
    Uscc::with_check(&format!("91{region}MD{n:07}"))
        .map(|u| u.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Imports `csv` through the registry's own import in one transaction; a refused row is a bug
/// of the demo.
pub(super) async fn import_csv(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    kind: ImportKind,
    file_name: &str,
    csv: &str,
) -> Result<(), AppError> {
    let report = import(
        app,
        actor,
        meta,
        kind,
        file_name,
        csv.as_bytes(),
        ImportOptions::default(),
        None,
    )
    .await?;
    if !report.written {
        return Err(AppError::Internal(format!(
            "demo {file_name} refused: {:?}",
            report.errors.first()
        )));
    }
    Ok(())
}

/// Creates `count` fictional enterprises in `region` through the registry's import.
async fn enterprises(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    region: &str,
    county: &str,
    count: usize,
) -> Result<Vec<String>, AppError> {
    let mut csv =
        String::from("uscc,name,region_code,industry_code,niche_since_year,strategic_emerging\n");
    let mut codes = Vec::with_capacity(count);
    for n in 1..=count {
        let (trade, industry) = TRADES[n % TRADES.len()];
        let code = demo_uscc(region, n)?;
        let (niche, emerging) = demo_figures::profile(n);
        let emerging = if emerging { "是" } else { "否" };
        csv.push_str(&format!(
            "{code},{county}{trade}示例{n:03}有限公司,{region},{industry},{niche},{emerging}\n"
        ));
        codes.push(code);
    }
    import_csv(
        app,
        actor,
        meta,
        ImportKind::Enterprises,
        "demo-cultivation.csv",
        &csv,
    )
    .await?;
    Ok(codes)
}

/// Records titles through the registry's honors import: (code, title, level) won in 2022.
async fn honors(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    rows: &[(String, &str, &str)],
) -> Result<(), AppError> {
    let mut csv = String::from("uscc,title,level,year,valid_from,valid_to,source_document\n");
    for (code, title, level) in rows {
        csv.push_str(&format!(
            "{code},{title},{level},2022,2022-12-26,2025-12-25,2022年认定名单（演示数据）\n"
        ));
    }
    import_csv(
        app,
        actor,
        meta,
        ImportKind::Honors,
        "demo-honors.csv",
        &csv,
    )
    .await
}

async fn pool(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    codes: &[String],
    track: &str,
    list: &str,
    reason: &str,
) -> Result<(), AppError> {
    for code in codes {
        add_to_pool(
            app,
            actor,
            meta,
            &NewPoolEntry {
                uscc: code.clone(),
                track: track.into(),
                year: 2022,
                list: Some(list.into()),
                reason: reason.into(),
                entered_on: Some(date(2022, 2, 15)?),
            },
        )
        .await?;
    }
    Ok(())
}

async fn step(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    action: &str,
    comment: &str,
    on: NaiveDate,
) -> Result<(), AppError> {
    let req = ActRequest {
        action: action.into(),
        comment: comment.into(),
        pledge_truthful: true,
        pledge_compliant: true,
        evidence: None,
        assessment_id: None,
    };
    act_on(app, actor, meta, id, &req, on).await.map(|_| ())
}

/// How far an application goes.
#[derive(Clone, Copy, PartialEq)]
enum Until {
    Submitted,
    CityPassed,
    Recognised,
    Declined,
}

#[allow(clippy::too_many_arguments)]
async fn apply(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    code: &str,
    track: &str,
    campaign: i64,
    until: Until,
    returned_once: bool,
) -> Result<(), AppError> {
    let a = create_application(
        app,
        actor,
        meta,
        &NewApplication {
            uscc: code.into(),
            track: track.into(),
            year: 2022,
            campaign_id: Some(campaign),
            evidence: "上年度审计报告、知识产权证书、主导产品市场占有率说明（演示数据）".into(),
            ..Default::default()
        },
    )
    .await?;
    step(app, actor, meta, a.id, "submit", "", date(2022, 3, 20)?).await?;
    if returned_once {
        step(
            app,
            actor,
            meta,
            a.id,
            "county_return",
            "研发费用专项审计报告缺失，请补充",
            date(2022, 3, 22)?,
        )
        .await?;
        step(
            app,
            actor,
            meta,
            a.id,
            "submit",
            "已补充专项审计报告",
            date(2022, 3, 24)?,
        )
        .await?;
    }
    if until == Until::Submitted {
        return Ok(());
    }
    step(
        app,
        actor,
        meta,
        a.id,
        "county_pass",
        "材料齐全，符合条件",
        date(2022, 3, 28)?,
    )
    .await?;
    step(
        app,
        actor,
        meta,
        a.id,
        "city_pass",
        "同意推荐",
        date(2022, 4, 8)?,
    )
    .await?;
    match until {
        Until::Recognised => {
            step(
                app,
                actor,
                meta,
                a.id,
                "province_recognise",
                "省级评审通过",
                date(2022, 6, 1)?,
            )
            .await?;
            step(
                app,
                actor,
                meta,
                a.id,
                "grant",
                "公示期满无异议",
                date(2022, 6, 20)?,
            )
            .await
        }
        Until::Declined => {
            step(
                app,
                actor,
                meta,
                a.id,
                "province_decline",
                "评审得分未达到认定标准",
                date(2022, 6, 1)?,
            )
            .await
        }
        _ => Ok(()),
    }
}

async fn campaign(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    track: &str,
    name: &str,
    opens: NaiveDate,
    closes: NaiveDate,
) -> Result<i64, AppError> {
    create_campaign(
        app,
        actor,
        meta,
        &NewCampaign {
            track: track.into(),
            year: 2022,
            name: name.into(),
            opens_on: opens,
            closes_on: closes,
        },
    )
    .await
    .map(|c| c.id)
}

/// Seeds the cultivation demo records (called once from `demo::seed_demo`).
pub async fn seed(app: &App) -> Result<(), AppError> {
    let actor = Actor::system("demo");
    let meta = RequestMeta::cli("demo");
    let (a, m) = (&actor, &meta);
    let spring = (date(2022, 3, 1)?, date(2022, 4, 10)?);

    // 阳谷县: the 专精特新 pool, the reserve lists, 27 applications, 26 recognised.
    let yg = enterprises(app, a, m, YANGGU, "阳谷", 100).await?;
    pool(
        app,
        a,
        m,
        &yg,
        "specialized",
        "pool",
        "主营业务突出、研发投入持续增长，列入2022年专精特新培育库",
    )
    .await?;
    pool(
        app,
        a,
        m,
        &yg[..2],
        "little_giant",
        "reserve",
        "国家级专精特新“小巨人”后备",
    )
    .await?;
    pool(
        app,
        a,
        m,
        &yg[27..72],
        "specialized",
        "reserve",
        "省级专精特新中小企业后备",
    )
    .await?;
    pool(
        app,
        a,
        m,
        &yg[72..76],
        "tech_innovation_demo",
        "reserve",
        "省级技术创新示范企业后备",
    )
    .await?;
    pool(app, a, m, &yg[76..82], "gazelle", "reserve", "瞪羚企业后备").await?;
    let sd = campaign(
        app,
        a,
        m,
        "specialized",
        "2022年山东省专精特新中小企业认定",
        spring.0,
        spring.1,
    )
    .await?;
    for (i, code) in yg[..27].iter().enumerate() {
        let until = if i == 26 {
            Until::Declined
        } else {
            Until::Recognised
        };
        apply(app, a, m, code, "specialized", sd, until, i == 2).await?;
    }

    // 茌平区: titles won through the workflow, 28 high-tech applications in three batches.
    let cp = enterprises(app, a, m, CHIPING, "茌平", 30).await?;
    let lg = campaign(
        app,
        a,
        m,
        "little_giant",
        "第四批专精特新“小巨人”企业培育",
        spring.0,
        spring.1,
    )
    .await?;
    let sc = campaign(
        app,
        a,
        m,
        "single_champion",
        "2022年山东省制造业单项冠军",
        spring.0,
        spring.1,
    )
    .await?;
    apply(
        app,
        a,
        m,
        &cp[0],
        "little_giant",
        lg,
        Until::Recognised,
        false,
    )
    .await?;
    for code in &cp[1..9] {
        apply(app, a, m, code, "specialized", sd, Until::Recognised, false).await?;
    }
    for code in &cp[9..12] {
        apply(
            app,
            a,
            m,
            code,
            "single_champion",
            sc,
            Until::Recognised,
            false,
        )
        .await?;
    }
    let mut batches = Vec::new();
    for (i, name) in ["第一批", "第二批", "第三批"].iter().enumerate() {
        let opens = date(2022, 3 + 3 * i as u32, 1)?;
        let closes = date(2022, 3 + 3 * i as u32, 28)?;
        batches.push(
            campaign(
                app,
                a,
                m,
                "high_tech",
                &format!("2022年高新技术企业认定{name}"),
                opens,
                closes,
            )
            .await?,
        );
    }
    for (i, code) in cp[..28].iter().enumerate() {
        let batch = batches[if i < 10 {
            0
        } else if i < 20 {
            1
        } else {
            2
        }];
        apply(
            app,
            a,
            m,
            code,
            "high_tech",
            batch,
            Until::CityPassed,
            false,
        )
        .await?;
    }
    let mut rows: Vec<(String, &str, &str)> = Vec::new();
    rows.extend(
        cp[12..15]
            .iter()
            .map(|c| (c.clone(), "green_factory", "provincial")),
    );
    rows.extend(
        cp[15..17]
            .iter()
            .map(|c| (c.clone(), "tech_center", "provincial")),
    );

    // 临清市: the year's titles, recorded from the published lists.
    let lq = enterprises(app, a, m, LINQING, "临清", 107).await?;
    let mut titled = |range: std::ops::Range<usize>, title: &'static str, level: &'static str| {
        rows.extend(lq[range].iter().map(|c| (c.clone(), title, level)));
    };
    titled(0..107, "tech_sme", "provincial");
    titled(0..33, "high_tech", "national");
    titled(0..1, "key_little_giant", "national");
    titled(0..2, "little_giant", "national");
    titled(0..18, "specialized", "provincial");
    titled(0..56, "innovative", "provincial");
    titled(19..22, "gazelle", "provincial");
    titled(2..6, "single_champion", "provincial");
    titled(6..12, "design_center", "provincial");
    titled(12..16, "key_lab", "city");
    titled(16..18, "innovation_center", "city");
    honors(app, a, m, &rows).await?;
    let _ = Until::Submitted;

    // Figures for 2023–2025, so that self-assessments and the radar have data to read.
    let mut csv = String::from(demo_figures::HEADER);
    for codes in [&yg, &cp, &lq] {
        for (i, code) in codes.iter().enumerate() {
            demo_figures::rows(&mut csv, code, i + 1);
        }
    }
    let own = |i: usize| {
        Uscc::with_check(crate::demo::ENTERPRISES[i].uscc_body)
            .map(|u| u.to_string())
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    demo_figures::foundry_rows(&mut csv, &own(0)?);
    demo_figures::rows(&mut csv, &own(1)?, 0);
    import_csv(
        app,
        a,
        m,
        ImportKind::Financials,
        "demo-financials.csv",
        &csv,
    )
    .await?;
    Ok(())
}
