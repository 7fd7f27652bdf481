//! The innovation part of the demo (seed-facts §5-6): the 2022 "创领水城" youth innovation and
//! entrepreneurship competition recorded from its records — 144 projects in three tracks, 50
//! challenges posted by enterprises of which 47 were matched with research teams and 13 reached
//! cooperation agreements, 8 start-up projects negotiated with the development zone (3
//! investment agreements, 5 letters of intent) and signed for 9.5亿元 in all — judged through
//! the use cases (assignment, scores, final, awards); a challenge open now; and the evaluation
//! meeting of the 13 city-owned enterprises' party secretaries. The figures are computed from
//! these records by `competition_stats`.

use super::challenge::{ChallengeActionForm, MilestoneForm, NewChallengeForm, post_challenge_on};
use super::competition::{CompetitionForm, MemberForm, ProjectForm};
use super::deals::DealForm;
use super::experts::{ExpertForm, add_expert};
use super::judging::{ScoreForm, assign_round, import_scores};
use super::meeting::{MeetingForm, RatingForm, SubjectForm, close_meeting, create_meeting, rate};
use super::ranking::{advance_to_final, give_awards};
use super::records::{CompetitionRecords, RecordedChallenge, record_competition};
use super::team::TeamForm;
use crate::demo::{DEMO_PASSWORD, DemoAccount};
use crate::io::{ImportKind, ImportOptions, import};
use crate::org::{NewUserForm, create_user};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::NaiveDate;
use policy::enterprise::Uscc;
use policy::innovation::ChallengeState;
use std::collections::BTreeMap;

use super::demo_data::{CITY_OWNED, COUNTIES, EXPERTS, INSTITUTIONS, SURNAMES, TOPICS};

/// The title of the 2022 competition.
pub const COMPETITION_2022: &str = "2022年“创领水城”青年人才创新创业大赛";

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| AppError::Internal("demo date".into()))
}

/// The code of the demo's `n`th challenge enterprise (fictional, valid check character).
pub fn challenge_uscc(region: &str, n: usize) -> Result<String, AppError> {
    Uscc::with_check(&format!("91{region}CX{n:07}"))
        .map(|u| u.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn team_form(i: usize) -> TeamForm {
    let (tag, work, _) = TOPICS[i % TOPICS.len()];
    let (inst, kind) = INSTITUTIONS[(i / TOPICS.len() + i) % INSTITUTIONS.len()];
    TeamForm {
        name: format!("{inst}{tag}创新团队{}", i / TOPICS.len() + 1),
        institution: inst.into(),
        kind: kind.into(),
        region_code: "371500".into(),
        fields: format!(
            "{tag},{}",
            if i.is_multiple_of(2) {
                "新材料"
            } else {
                "智能制造"
            }
        ),
        summary: format!("团队从事{work}研究，服务聊城本地制造企业。"),
        results: format!("承担企业委托项目{}项，成果在多家企业应用。", 2 + i % 5),
        patents: Some((3 + (i * 7) % 19) as i32),
        people: Some((5 + i % 12) as i32),
        capacity: Some((1 + i % 3) as i32),
        user_id: None,
    }
}

fn milestones(budget_wan: i64) -> Vec<MilestoneForm> {
    let signing = budget_wan * 3 / 10;
    let mid = budget_wan * 3 / 10;
    let last = budget_wan - signing - mid;
    vec![
        MilestoneForm {
            kind: "signing".into(),
            title: "签约首付".into(),
            target: String::new(),
            due_month: Some(0),
            amount_wan_yuan: signing.to_string(),
        },
        MilestoneForm {
            kind: "mid_term".into(),
            title: "中期评估".into(),
            target: "完成样机并达到中期指标".into(),
            due_month: Some(6),
            amount_wan_yuan: mid.to_string(),
        },
        MilestoneForm {
            kind: "final".into(),
            title: "结题验收".into(),
            target: "按榜单技术指标验收".into(),
            due_month: Some(12),
            amount_wan_yuan: last.to_string(),
        },
    ]
}

fn members(inst: &str, n: usize) -> Vec<MemberForm> {
    (0..3)
        .map(|k| MemberForm {
            name: format!(
                "{}{}",
                SURNAMES[(n + k) % SURNAMES.len()],
                ["同学", "老师", "工程师"][k]
            ),
            role: ["负责人", "成员", "成员"][k].into(),
            employer: inst.into(),
        })
        .collect()
}

/// A judge's deterministic score of a project: the project's quality, the judge's
/// harshness, and a little noise, split over the rubric.
fn score_form(project_id: i64, judge: usize, round: &str, criteria: &[(String, u32)]) -> ScoreForm {
    let quality = 55 + project_id * 37 % 36;
    let bias = (judge as i64 * 5 % 17) - 8;
    let noise = ((project_id * 13 + judge as i64 * 7) % 7) - 3;
    let total = (quality + bias + noise).clamp(20, 98);
    let mut left = total;
    let mut map = BTreeMap::new();
    for (i, (code, max)) in criteria.iter().enumerate() {
        let v = if i + 1 == criteria.len() {
            left.clamp(0, i64::from(*max))
        } else {
            (total * i64::from(*max) / 100).clamp(0, i64::from(*max))
        };
        left -= v;
        map.insert(code.clone(), v as u32);
    }
    ScoreForm {
        project_id,
        round: round.into(),
        criteria: map,
        comment: if project_id % 9 == 0 {
            "技术路线清晰，建议加强市场验证".into()
        } else {
            String::new()
        },
    }
}

async fn judge_round(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
    round: &str,
    experts: &[i64],
) -> Result<(), AppError> {
    assign_round(app, actor, meta, competition_id, round).await?;
    let rules = super::innovation_rules()?;
    let criteria: Vec<(String, u32)> = rules
        .competition
        .criteria
        .iter()
        .map(|c| (c.code.clone(), c.max))
        .collect();
    let pairs =
        store::innovation::competition::assignments(app.db().conn(), competition_id, round, None)
            .await?;
    let scores = pairs
        .iter()
        .map(|a| {
            let judge = experts.iter().position(|e| *e == a.expert_id).unwrap_or(0);
            (
                a.expert_id,
                score_form(a.project_id, judge, round, &criteria),
            )
        })
        .collect();
    import_scores(app, actor, meta, competition_id, scores).await?;
    Ok(())
}

/// Seeds the innovation demo; returns the accounts it adds.
pub async fn seed(app: &App) -> Result<Vec<DemoAccount>, AppError> {
    let actor = Actor::system("demo");
    let meta = RequestMeta::cli("demo");
    let conn = app.db().conn();
    // A second research team's account, so two teams can apply for one challenge.
    create_user(
        app,
        &actor,
        &meta,
        NewUserForm {
            username: "research2".into(),
            display_name: Some("科研团队（二）".into()),
            password: DEMO_PASSWORD.into(),
            role: "research_team".into(),
            region: Some("371500".into()),
            enterprise: None,
            phone: Some("13800001236".into()),
            must_change_password: false,
        },
    )
    .await?;
    let user = |name: &'static str| async move {
        Ok::<Option<i64>, AppError>(
            store::org::user::find_by_username(conn, name)
                .await?
                .map(|u| u.id),
        )
    };
    let research = user("research").await?;
    let research2 = user("research2").await?;
    // The judging pool; the demo `expert` account is its first member.
    let mut experts = Vec::new();
    for (i, (name, employer)) in EXPERTS.iter().enumerate() {
        let v = add_expert(
            app,
            &actor,
            &meta,
            ExpertForm {
                name: (*name).into(),
                employer: (*employer).into(),
                fields: TOPICS[i % TOPICS.len()].0.into(),
                username: (i == 0).then(|| "expert".to_string()),
            },
        )
        .await?;
        experts.push(v.id);
    }
    // The enterprises that posted challenges, through the registry's import.
    let mut csv = String::from("uscc,name,region_code,industry_code\n");
    let mut codes = Vec::new();
    for n in 1..=50usize {
        let region = COUNTIES[n % COUNTIES.len()];
        let code = challenge_uscc(region, n)?;
        // Names without the fields' words, so searches of the registry are not crowded.
        csv.push_str(&format!(
            "{code},聊城揭榜示例{n:02}有限公司,{region},C3599\n"
        ));
        codes.push(code);
    }
    let report = import(
        app,
        &actor,
        &meta,
        ImportKind::Enterprises,
        "demo-innovation.csv",
        csv.as_bytes(),
        ImportOptions::default(),
        None,
    )
    .await?;
    if !report.written {
        return Err(AppError::Internal(format!(
            "demo innovation enterprises refused: {:?}",
            report.errors.first()
        )));
    }
    let n_teams = TOPICS.len() * 4;
    let teams: Vec<(TeamForm, Option<i64>)> = (0..n_teams)
        .map(|i| {
            let owner = match i {
                0 => research,
                1 => research2,
                _ => None,
            };
            (team_form(i), owner)
        })
        .collect();
    let mut challenges = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let topic = i % TOPICS.len();
        let (tag, _, need) = TOPICS[topic];
        let budget = 50 + (i as i64 * 37) % 450;
        let winner = topic + TOPICS.len() * (i % 4);
        let other = topic + TOPICS.len() * ((i + 1) % 4);
        let state = if i < 13 {
            ChallengeState::Signed
        } else if i < 47 {
            ChallengeState::Notice
        } else {
            ChallengeState::Reviewing
        };
        challenges.push(RecordedChallenge {
            form: NewChallengeForm {
                title: format!("{need}（榜单{:02}）", i + 1),
                problem: format!("企业在{need}方面遇到技术瓶颈，面向高校院所和科技企业张榜求解。"),
                indicators: "关键指标达到国内先进水平，形成可量产工艺".into(),
                acceptance: "第三方检测报告和用户使用报告".into(),
                budget_wan_yuan: budget.to_string(),
                fields: tag.to_string(),
                deadline: Some(date(2022, 12, 31)?),
                period_months: Some(12),
                eligibility: "高校、科研院所、科技企业及其团队".into(),
                contact: "企业技术部".into(),
                enterprise_uscc: Some(code.clone()),
                competition_id: None,
                milestones: milestones(budget),
                submit: false,
            },
            winner: state.has_winner().then_some(winner),
            applicants: vec![winner, other],
            agreement: state.is_signed().then(|| {
                (
                    format!("LC-JB-2023-{:03}", i + 1),
                    NaiveDate::from_ymd_opt(2023, 1, 12).unwrap_or_default(),
                )
            }),
            state,
        });
    }
    let mut projects = Vec::new();
    // The challenge track: each challenge's solving team, and the runners-up of the first two.
    for (i, ch) in challenges.iter().enumerate() {
        let team = ch.winner.unwrap_or(ch.applicants[0]);
        let t = &teams[team].0;
        projects.push((
            ProjectForm {
                track: "challenge".into(),
                title: format!("揭榜：{}", ch.form.title),
                team_name: t.name.clone(),
                employer: t.institution.clone(),
                members: members(&t.institution, i),
                description: ch.form.problem.clone(),
                stage: "prototype".into(),
                attachments: vec!["揭榜方案.pdf".into()],
                challenge_id: Some(0),
                enterprise_uscc: None,
            },
            Some(i),
        ));
    }
    for (i, ch) in challenges.iter().take(2).enumerate() {
        let t = &teams[ch.applicants[1]].0;
        projects.push((
            ProjectForm {
                track: "challenge".into(),
                title: format!("揭榜（备选）：{}", ch.form.title),
                team_name: t.name.clone(),
                employer: t.institution.clone(),
                members: members(&t.institution, 100 + i),
                description: ch.form.problem.clone(),
                stage: "idea".into(),
                attachments: vec!["揭榜方案.pdf".into()],
                challenge_id: Some(0),
                enterprise_uscc: None,
            },
            Some(i),
        ));
    }
    for (track, label, count) in [
        ("startup_enterprise", "初创企业", 46usize),
        ("startup_project", "创业项目", 46),
    ] {
        for k in 0..count {
            let (tag, work, _) = TOPICS[(k + 3) % TOPICS.len()];
            let (inst, _) = INSTITUTIONS[k % INSTITUTIONS.len()];
            projects.push((
                ProjectForm {
                    track: track.into(),
                    title: format!("{tag}{label}项目{:02}", k + 1),
                    team_name: format!("{tag}青年创业团队{:02}", k + 1),
                    employer: inst.into(),
                    members: members(inst, k + 200),
                    description: format!("围绕{work}开展产品化和市场推广。"),
                    stage: ["idea", "prototype", "product", "revenue"][k % 4].into(),
                    attachments: vec!["商业计划书.pdf".into(), "路演视频.mp4".into()],
                    challenge_id: None,
                    enterprise_uscc: None,
                },
                None,
            ));
        }
    }
    // 3 investment agreements and 5 letters of intent with the development zone, all signed
    // at the award ceremony: 95,000 万元 (9.5亿元) in all.
    let startup_enterprise = 52;
    let startup_project = 52 + 46;
    let signed_on = Some(date(2023, 1, 12)?);
    let mut deals = Vec::new();
    for (k, amount) in [20_000, 18_000, 15_000].into_iter().enumerate() {
        deals.push((
            startup_enterprise + k,
            DealForm {
                project_id: 0,
                kind: "investment_agreement".into(),
                amount_wan_yuan: amount.to_string(),
                counterpart: crate::demo::DEV_ZONE.1.into(),
                signed_on,
            },
        ));
    }
    for (k, amount) in [12_000, 10_000, 8_000, 7_000, 5_000]
        .into_iter()
        .enumerate()
    {
        deals.push((
            startup_project + k,
            DealForm {
                project_id: 0,
                kind: "letter_of_intent".into(),
                amount_wan_yuan: amount.to_string(),
                counterpart: crate::demo::DEV_ZONE.1.into(),
                signed_on,
            },
        ));
    }
    let ids = record_competition(
        app,
        &actor,
        &meta,
        CompetitionRecords {
            competition: CompetitionForm {
                title: COMPETITION_2022.into(),
                year: Some(2022),
                organisers: "共青团聊城市委员会,聊城市科学技术局,聊城市人力资源和社会保障局,聊城经济技术开发区".into(),
                region_code: "371500".into(),
                registration_opens: Some(date(2022, 11, 17)?),
                registration_closes: Some(date(2022, 12, 15)?),
                judges_per_project: None,
            },
            teams,
            challenges,
            projects,
            deals,
        },
    )
    .await?;
    // Judged through the use cases: online preliminary, roadshow final, awards per track.
    judge_round(
        app,
        &actor,
        &meta,
        ids.competition_id,
        "preliminary",
        &experts,
    )
    .await?;
    advance_to_final(app, &actor, &meta, ids.competition_id).await?;
    judge_round(app, &actor, &meta, ids.competition_id, "final", &experts).await?;
    give_awards(app, &actor, &meta, ids.competition_id).await?;
    // A challenge open now, posted by the demo foundry (the `enterprise` account).
    let foundry = Uscc::with_check(crate::demo::ENTERPRISES[0].uscc_body)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let today = super::today();
    let open = post_challenge_on(
        app,
        &actor,
        &meta,
        NewChallengeForm {
            title: "铸件气孔与砂眼缺陷在线检测".into(),
            problem: "造型线铸件表面气孔、砂眼依靠人工目检，漏检率高，需在线视觉检测。".into(),
            indicators: "检出率不低于95%，误报率不高于3%，单件检测不超过2秒".into(),
            acceptance: "在造型线连续运行30天，第三方检测确认指标".into(),
            budget_wan_yuan: "120".into(),
            fields: "机器视觉,铸造,智能制造".into(),
            deadline: today.checked_add_days(chrono::Days::new(60)),
            period_months: Some(12),
            eligibility: "高校、科研院所、科技企业".into(),
            contact: "技术部 0635-0000000".into(),
            enterprise_uscc: Some(foundry.to_string()),
            competition_id: None,
            milestones: milestones(120),
            submit: true,
        },
        today,
    )
    .await?;
    super::review::act_on(
        app,
        &actor,
        &meta,
        open.id,
        ChallengeActionForm {
            action: "publish".into(),
            ..Default::default()
        },
        today,
    )
    .await?;
    // The evaluation meeting of the 13 city-owned enterprises' party secretaries.
    let created = create_meeting(
        app,
        &actor,
        &meta,
        MeetingForm {
            title: "市属国有企业党委书记述职评议会".into(),
            held_on: Some(date(2023, 1, 16)?),
            scale: "grade".into(),
            subjects: CITY_OWNED
                .iter()
                .zip(SURNAMES)
                .map(|(org, s)| SubjectForm {
                    name: format!("{s}某某"),
                    position: "党委书记".into(),
                    organisation: (*org).into(),
                })
                .collect(),
            attendees: 40,
        },
    )
    .await?;
    let grades = [
        "good",
        "good",
        "good",
        "good",
        "good",
        "good",
        "fairly_good",
        "fairly_good",
        "fair",
        "poor",
    ];
    for (a, code) in created.codes.iter().take(32).enumerate() {
        let ratings = created
            .meeting
            .subjects
            .iter()
            .enumerate()
            .map(|(s, subj)| {
                (
                    subj.id.to_string(),
                    grades[(a * 7 + s * 3) % grades.len()].to_string(),
                )
            })
            .collect();
        rate(
            app,
            &RequestMeta::cli("demo-rating"),
            RatingForm {
                code: code.clone(),
                ratings,
            },
        )
        .await?;
    }
    close_meeting(app, &actor, &meta, created.meeting.id).await?;
    Ok(vec![DemoAccount {
        username: "research2".into(),
        role: "research_team".into(),
        description: "科研团队（二）".into(),
    }])
}
