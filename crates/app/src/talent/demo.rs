//! The talent part of the demo (seed-facts §3): the city's 402 专精特新 and 30 single-champion
//! enterprises surveyed, recorded through the registry's own import with their honors; the
//! 312 applicants of the year (10 正高级, 45 副高级, 209 中级, 48 初级) inserted in bulk with
//! their events and recommendation places; the foundry-firm case of 临清市 (a national little
//! giant whose general manager, 58, holds 2 invention and 19 utility-model patents and was
//! recommended straight to 正高级 铸造; the firm applied for 1 full senior, 2 intermediate and
//! 1 junior title); the machinery expert pool with its logins and two committees. Every
//! figure of `talent_stats` is computed from these records.

use super::committee::{CommitteeForm, ExpertForm, add_expert, create_committee};
pub use super::demo_data::EXPERTS;
use super::demo_data::{COUNTIES, GIVEN, SURNAMES, TRADES};
use super::rules::talent_rules;
use super::view::{Evidence, Patent};
use crate::audit::{AuditRecord, record};
use crate::demo::{DEMO_PASSWORD, DemoAccount};
use crate::io::{ImportKind, ImportOptions, import};
use crate::org::{NewUserForm, create_user};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::enterprise::Uscc;
use policy::talent::{Candidate, Education, TitleLevel};
use sea_orm::ActiveValue::Set;
use std::collections::HashMap;
use store::entity::{talent_application, talent_event, talent_recommendation};

/// The review year of the demo's applications.
pub const YEAR: i32 = 2026;
/// 专精特新 enterprises surveyed (of them the first [`NATIONAL_LITTLE_GIANTS`] national
/// little giants).
pub const SPECIALIZED: usize = 402;
/// National little giants among them (the foundry firm is the first).
pub const NATIONAL_LITTLE_GIANTS: usize = 40;
/// Single-champion enterprises surveyed.
pub const CHAMPIONS: usize = 30;
/// The demo login of the foundry firm.
pub const FIRM_LOGIN: &str = "enterprise.talent";
/// The name of the foundry firm's general manager.
pub const GM_NAME: &str = "孙德厚";

/// The code of the demo's `n`th surveyed enterprise (fictional, valid check character).
pub fn surveyed_uscc(region: &str, n: usize) -> Result<String, AppError> {
    Uscc::with_check(&format!("91{region}TL{n:07}"))
        .map(|u| u.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The region of the `n`th surveyed enterprise (the firm, n = 1, is in 临清市).
fn county_of(n: usize) -> (&'static str, &'static str) {
    if n == 1 {
        ("371581", "临清")
    } else {
        COUNTIES[n % COUNTIES.len()]
    }
}

fn trade_of(n: usize) -> (&'static str, &'static str, &'static str) {
    if n == 1 {
        TRADES[0]
    } else {
        TRADES[n % TRADES.len()]
    }
}

/// A resident ID number with its check character from a region, a birth day and a sequence.
fn id_number(region: &str, born: NaiveDate, seq: usize) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let body = format!("{region}{}{:03}", born.format("%Y%m%d"), seq % 1000);
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = char::from(b"10X98765432"[(sum % 11) as usize]);
    format!("{body}{check}")
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| AppError::Internal("demo date".into()))
}

async fn import_csv(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    kind: ImportKind,
    name: &str,
    csv: &str,
) -> Result<(), AppError> {
    let r = import(
        app,
        actor,
        meta,
        kind,
        name,
        csv.as_bytes(),
        ImportOptions::default(),
        None,
    )
    .await?;
    if r.written {
        Ok(())
    } else {
        Err(AppError::Internal(format!(
            "demo {name} refused: {:?}",
            r.errors.first()
        )))
    }
}

/// The surveyed enterprises and their honors, through the registry's import.
async fn surveyed(app: &App, actor: &Actor, meta: &RequestMeta) -> Result<Vec<String>, AppError> {
    let mut ents = String::from("uscc,name,region_code,industry_code\n");
    let mut honors = String::from("uscc,title,level,year,valid_from,valid_to,source_document\n");
    let mut codes = Vec::new();
    for n in 1..=SPECIALIZED + CHAMPIONS {
        let (region, county) = county_of(n);
        let (trade, industry, _) = trade_of(n);
        let code = surveyed_uscc(region, n)?;
        let name = if n == 1 {
            "临清示例铸机装备股份有限公司".to_string()
        } else {
            format!("{county}{trade}职称示例{n:03}有限公司")
        };
        ents.push_str(&format!("{code},{name},{region},{industry}\n"));
        let (title, level) = if n <= NATIONAL_LITTLE_GIANTS {
            ("little_giant", "national")
        } else if n <= SPECIALIZED {
            ("specialized", "provincial")
        } else {
            ("single_champion", "national")
        };
        honors.push_str(&format!(
            "{code},{title},{level},2024,2024-12-26,2027-12-25,职称评审企业摸底（演示数据）\n"
        ));
        codes.push(code);
    }
    import_csv(
        app,
        actor,
        meta,
        ImportKind::Enterprises,
        "demo-talent.csv",
        &ents,
    )
    .await?;
    import_csv(
        app,
        actor,
        meta,
        ImportKind::Honors,
        "demo-talent-honors.csv",
        &honors,
    )
    .await?;
    Ok(codes)
}

/// One applicant to record.
struct Applicant {
    /// Index of the enterprise (1-based, as in [`surveyed_uscc`]).
    n: usize,
    level: TitleLevel,
    recommended: bool,
    specialty: &'static str,
    name: String,
    born: NaiveDate,
    evidence: Evidence,
}

/// The 312 applicants: the firm's four, then the rest of each level over the other
/// enterprises. Recommended: the firm's general manager, one full senior of each of seven other
/// national little giants, one associate senior of each of twelve provincial 专精特新.
fn applicants() -> Result<Vec<Applicant>, AppError> {
    let plan: [(TitleLevel, usize); 4] = [
        (TitleLevel::FullSenior, 10),
        (TitleLevel::AssociateSenior, 45),
        (TitleLevel::Intermediate, 209),
        (TitleLevel::Assistant, 48),
    ];
    let mut out = Vec::new();
    let patents = |kind: &str, count: usize, from: usize| -> Vec<Patent> {
        (0..count)
            .map(|i| Patent {
                kind: kind.into(),
                number: format!(
                    "ZL20{}1{:07}.{}",
                    15 + (from + i) % 10,
                    3000 + from + i,
                    i % 10
                ),
                title: format!("一种铸造{}装置", ["砂处理", "浇注", "造型", "落砂"][i % 4]),
            })
            .collect()
    };
    let mut gm_patents = patents("invention", 2, 0);
    gm_patents.extend(patents("utility_model", 19, 2));
    out.push(Applicant {
        n: 1,
        level: TitleLevel::FullSenior,
        recommended: true,
        specialty: "foundry",
        name: GM_NAME.into(),
        born: date(1968, 3, 15)?,
        evidence: Evidence {
            innovation: "主持企业由传统铸造向智能铸造装备转型".into(),
            technology_development: "主持研发自动化造型生产线，填补省内空白".into(),
            patents: gm_patents,
            production_results: "成果在企业量产，年新增产值8000万元".into(),
            market_recognition: "产品销往20余个省份并出口东南亚".into(),
            ..Evidence::default()
        },
    });
    let mut k = 0usize;
    let mut person =
        |n: usize, level: TitleLevel, recommended: bool| -> Result<Applicant, AppError> {
            k += 1;
            let specialty = if n == 1 { "foundry" } else { trade_of(n).2 };
            Ok(Applicant {
                n,
                level,
                recommended,
                specialty,
                name: format!(
                    "{}{}",
                    SURNAMES[k % SURNAMES.len()],
                    GIVEN[(k / SURNAMES.len() + k) % GIVEN.len()]
                ),
                born: date(
                    1970 + i32::try_from(k % 28).unwrap_or(0),
                    1 + (k % 12) as u32,
                    1 + (k % 28) as u32,
                )?,
                evidence: Evidence {
                    technology_development: "参与企业重点产品研发".into(),
                    ..Evidence::default()
                },
            })
        };
    // The firm's other three.
    for level in [
        TitleLevel::Intermediate,
        TitleLevel::Intermediate,
        TitleLevel::Assistant,
    ] {
        out.push(person(1, level, false)?);
    }
    let others = SPECIALIZED + CHAMPIONS - 8;
    let mut next = 0usize;
    for (level, count) in plan {
        let already = out
            .iter()
            .filter(|a| a.level.band() == level.band())
            .count();
        for i in 0..count - already {
            let (n, recommended) = match level {
                TitleLevel::FullSenior if i < 7 => (2 + i, true),
                TitleLevel::AssociateSenior if i < 12 => (NATIONAL_LITTLE_GIANTS + 1 + i, true),
                _ => {
                    next += 1;
                    (9 + (next * 7) % others, false)
                }
            };
            let level = if level == TitleLevel::Assistant && i % 3 == 2 {
                TitleLevel::Member
            } else {
                level
            };
            out.push(person(n, level, recommended)?);
        }
    }
    Ok(out)
}

/// The ordinary-route facts of an applicant: (education, current title, years in it, years of
/// work); one in five falls a year short.
fn facts(level: TitleLevel, i: usize) -> (Education, Option<TitleLevel>, i32, i32) {
    let short = i32::from(i.is_multiple_of(5));
    match level {
        TitleLevel::FullSenior => (
            Education::Bachelor,
            Some(TitleLevel::AssociateSenior),
            6 - short * 2,
            25,
        ),
        TitleLevel::AssociateSenior => (
            Education::Bachelor,
            Some(TitleLevel::Intermediate),
            5 - short,
            15,
        ),
        TitleLevel::Intermediate => (
            Education::Bachelor,
            Some(TitleLevel::Assistant),
            4 - short,
            8,
        ),
        TitleLevel::Assistant => (Education::Bachelor, None, 0, 2),
        TitleLevel::Member => (Education::Secondary, None, 0, 2 - short),
    }
}

/// The state of the `i`th applicant: the recommended and the firm's are qualified; of the rest
/// one in ten waits for the check, one in ten was returned, the others are qualified.
fn state_of(a: &Applicant, i: usize) -> &'static str {
    if a.recommended || a.n == 1 {
        "qualified"
    } else {
        match i % 10 {
            0 => "submitted",
            1 => "returned",
            _ => "qualified",
        }
    }
}

/// Records the applicants in bulk with their events and places, and one audit entry.
async fn applications(app: &App, actor: &Actor, meta: &RequestMeta) -> Result<usize, AppError> {
    let rules = talent_rules()?;
    let list = applicants()?;
    let now = Utc::now();
    let (from, to) = (date(YEAR, 5, 11)?, date(YEAR, 5, 15)?);
    let mut rows = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let (region, county) = county_of(a.n);
        let (trade, _, _) = trade_of(a.n);
        let enterprise_name = if a.n == 1 {
            "临清示例铸机装备股份有限公司".to_string()
        } else {
            format!("{county}{trade}职称示例{:03}有限公司", a.n)
        };
        let (education, current, years_in_title, years_of_work) = if a.recommended {
            (Education::Bachelor, Some(TitleLevel::Intermediate), 10, 30)
        } else {
            facts(a.level, i)
        };
        let conditions = if a.recommended {
            serde_json::Value::Null
        } else {
            let c = Candidate {
                education,
                current_title: current,
                years_in_title: u32::try_from(years_in_title).unwrap_or(0),
                years_of_work: u32::try_from(years_of_work).unwrap_or(0),
            };
            rules
                .conditions_for(a.level)
                .map(|lc| serde_json::to_value(lc.evaluate(&rules.version, &c)))
                .transpose()
                .map_err(|e| AppError::Internal(e.to_string()))?
                .unwrap_or_default()
        };
        rows.push(talent_application::ActiveModel {
            year: Set(YEAR),
            uscc: Set(surveyed_uscc(region, a.n)?),
            enterprise_name: Set(enterprise_name),
            region_code: Set(region.into()),
            person_name: Set(a.name.clone()),
            id_number: Set(id_number(region, a.born, i)),
            series: Set("engineering".into()),
            specialty: Set(a.specialty.into()),
            level: Set(a.level.as_str().into()),
            route: Set(if a.recommended {
                "recommendation"
            } else {
                "ordinary"
            }
            .into()),
            education: Set(education.as_str().into()),
            current_title: Set(current.map(|t| t.as_str().to_string())),
            years_in_title: Set(years_in_title),
            years_of_work: Set(years_of_work),
            evidence: Set(serde_json::to_string(&a.evidence).unwrap_or_default()),
            attachments: Set("[]".into()),
            conditions: Set(conditions.to_string()),
            rules_version: Set(rules.version.clone()),
            state: Set(state_of(a, i).into()),
            internal_notice_from: Set(Some(from)),
            internal_notice_to: Set(Some(to)),
            meeting_id: Set(None),
            granted_on: Set(None),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    let tx = app.db().begin_write().await?;
    store::innovation::insert_many(&tx, rows).await?;
    let saved =
        store::talent::application::all_of_year(&tx, &policy::org::Scope::all(), YEAR, "3715")
            .await?;
    let ids: HashMap<&str, &talent_application::Model> =
        saved.iter().map(|m| (m.id_number.as_str(), m)).collect();
    let mut events = Vec::new();
    let mut places = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let (region, _) = county_of(a.n);
        let Some(m) = ids.get(id_number(region, a.born, i).as_str()) else {
            return Err(AppError::Internal("demo application not saved".into()));
        };
        let mut steps = vec![
            ("create", "", "draft", "demo"),
            ("start_internal_notice", "draft", "internal_notice", "demo"),
            ("send", "internal_notice", "submitted", "demo"),
        ];
        match m.state.as_str() {
            "qualified" => steps.push(("qualify", "submitted", "qualified", "hrbureau")),
            "returned" => steps.push(("return", "submitted", "returned", "hrbureau")),
            _ => {}
        }
        for (action, from_state, to_state, who) in steps {
            events.push(talent_event::ActiveModel {
                application_id: Set(m.id),
                action: Set(action.into()),
                from_state: Set(from_state.into()),
                to_state: Set(to_state.into()),
                actor_id: Set(None),
                actor_name: Set(who.into()),
                comment: Set(if action == "return" {
                    "请补充专利证书复印件".into()
                } else {
                    String::new()
                }),
                at: Set(now),
                ..Default::default()
            });
        }
        if a.recommended {
            places.push(talent_recommendation::ActiveModel {
                uscc: Set(m.uscc.clone()),
                year: Set(YEAR),
                slot: Set(1),
                application_id: Set(m.id),
                recommender_name: Set(format!("{}董事长", SURNAMES[a.n % SURNAMES.len()])),
                recommender_role: Set("chairman".into()),
                basis: Set(if a.n <= NATIONAL_LITTLE_GIANTS {
                    "little_giant/national"
                } else {
                    "specialized/provincial"
                }
                .into()),
                created_by: Set(None),
                signed_at: Set(now),
                ..Default::default()
            });
        }
    }
    let (n_events, n_places) = (events.len(), places.len());
    store::innovation::insert_many(&tx, events).await?;
    store::innovation::insert_many(&tx, places).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_application.demo_import",
            entity_type: "talent_application",
            entity_id: format!("demo-{YEAR}"),
            region_code: Some("371500".into()),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "applications": list.len(), "events": n_events, "recommendations": n_places,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(list.len())
}

fn user(
    username: &str,
    name: &str,
    role: &str,
    region: &str,
    enterprise: Option<String>,
) -> NewUserForm {
    NewUserForm {
        username: username.into(),
        display_name: Some(name.into()),
        password: DEMO_PASSWORD.into(),
        role: role.into(),
        region: Some(region.into()),
        enterprise,
        phone: None,
        must_change_password: false,
    }
}

/// The firm's login, the machinery expert pool with a login each, and two committees.
async fn people(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
) -> Result<Vec<DemoAccount>, AppError> {
    let firm = surveyed_uscc("371581", 1)?;
    create_user(
        app,
        actor,
        meta,
        user(
            FIRM_LOGIN,
            "临清示例铸机装备股份有限公司",
            "enterprise",
            "371581",
            Some(firm),
        ),
    )
    .await?;
    let mut out = vec![DemoAccount {
        username: FIRM_LOGIN.into(),
        role: "enterprise".into(),
        description: "临清示例铸机装备股份有限公司（职称举荐）".into(),
    }];
    for (login, name, employer) in EXPERTS {
        create_user(
            app,
            actor,
            meta,
            user(login, name, "expert", "371500", None),
        )
        .await?;
        add_expert(
            app,
            actor,
            meta,
            &ExpertForm {
                username: (*login).into(),
                name: (*name).into(),
                employer_uscc: String::new(),
                employer_name: (*employer).into(),
                series: "engineering".into(),
                specialty: "machinery".into(),
                conflicts: Vec::new(),
            },
        )
        .await?;
        out.push(DemoAccount {
            username: (*login).into(),
            role: "expert".into(),
            description: format!("职称评审专家（机械）{name}"),
        });
    }
    for (level, name) in [
        ("full_senior", "聊城市工程技术机械专业正高级职称评审委员会"),
        (
            "associate_senior",
            "聊城市工程技术机械专业副高级职称评审委员会",
        ),
    ] {
        create_committee(
            app,
            actor,
            meta,
            &CommitteeForm {
                name: name.into(),
                series: "engineering".into(),
                specialty: "machinery".into(),
                org: "specialty".into(),
                level: level.into(),
                size: 11,
                approved_on: date(2025, 3, 1)?,
                expires_on: date(2028, 2, 28)?,
                approval_document: "聊人社字〔2025〕12号（演示数据）".into(),
            },
        )
        .await?;
    }
    Ok(out)
}

/// Seeds the talent demo; returns the accounts it adds.
pub async fn seed(app: &App) -> Result<Vec<DemoAccount>, AppError> {
    let actor = Actor::system("demo");
    let meta = RequestMeta::cli("demo");
    surveyed(app, &actor, &meta).await?;
    applications(app, &actor, &meta).await?;
    people(app, &actor, &meta).await
}
