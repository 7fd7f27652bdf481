use super::*;
use crate::money::Fen;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const RULES: &str = include_str!("../../../../rules/innovation.toml");

#[test]
fn the_shipped_rules_parse_and_the_rubric_adds_to_100() {
    let r = InnovationRules::parse(RULES).unwrap();
    assert_eq!(r.rubric_total(), 100);
    assert_eq!(r.competition.tracks.len(), 3);
    assert!(r.track("challenge").is_some());
}

#[test]
fn the_challenge_moves_from_draft_to_completed_and_refuses_shortcuts() {
    use ChallengeAction as A;
    use ChallengeState as S;
    let mut s = S::Draft;
    for (a, want) in [
        (A::Submit, S::Submitted),
        (A::Return, S::Returned),
        (A::Submit, S::Submitted),
        (A::Publish, S::Published),
        (A::CloseApplications, S::Reviewing),
        (A::SelectWinner, S::Notice),
        (A::Sign, S::Signed),
        (A::CheckMilestone, S::Signed),
        (A::ReleaseTranche, S::Signed),
        (A::Complete, S::Completed),
        (A::ReleaseTranche, S::Completed),
    ] {
        s = s.next(a).unwrap();
        assert_eq!(s, want, "{a:?}");
    }
    assert_eq!(
        S::Completed.next(A::Terminate),
        Err(ChallengeError::NotAllowed)
    );
    assert_eq!(S::Draft.next(A::Publish), Err(ChallengeError::NotAllowed));
    assert_eq!(S::Published.next(A::Sign), Err(ChallengeError::NotAllowed));
    assert_eq!(S::Notice.next(A::Overturn), Ok(S::Reviewing));
    assert_eq!(S::Reviewing.next(A::Terminate), Ok(S::Terminated));
    assert!(!S::Submitted.is_public() && S::Published.is_public());
    for s in S::ALL {
        assert_eq!(S::parse(s.as_str()), Some(*s));
    }
    for a in A::ALL {
        assert_eq!(A::parse(a.as_str()), Some(*a));
    }
}

fn plan(items: &[(MilestoneKind, i64, u32)]) -> Vec<MilestonePlan> {
    items
        .iter()
        .map(|(kind, amount, due_month)| MilestonePlan {
            kind: *kind,
            amount: Fen::new(*amount),
            due_month: *due_month,
        })
        .collect()
}

#[test]
fn tranches_must_add_up_to_the_budget_exactly_and_end_with_the_final_acceptance() {
    use MilestoneKind::*;
    let budget = Fen::new(500_000_000);
    let good = plan(&[
        (Signing, 150_000_000, 0),
        (MidTerm, 150_000_000, 6),
        (Final, 200_000_000, 12),
    ]);
    assert_eq!(check_milestones(budget, 12, &good), Ok(()));
    let short = plan(&[(Signing, 150_000_000, 0), (Final, 349_999_999, 12)]);
    assert_eq!(
        check_milestones(budget, 12, &short),
        Err(ChallengeError::TranchesDoNotSum)
    );
    let over = plan(&[(Signing, 150_000_000, 0), (Final, 350_000_001, 12)]);
    assert_eq!(
        check_milestones(budget, 12, &over),
        Err(ChallengeError::TranchesDoNotSum)
    );
    let no_final = plan(&[(Signing, 250_000_000, 0), (MidTerm, 250_000_000, 6)]);
    assert_eq!(
        check_milestones(budget, 12, &no_final),
        Err(ChallengeError::FinalNotLast)
    );
    let late = plan(&[(MidTerm, 250_000_000, 6), (Final, 250_000_000, 13)]);
    assert_eq!(
        check_milestones(budget, 12, &late),
        Err(ChallengeError::MilestoneDates)
    );
    let backwards = plan(&[(MidTerm, 250_000_000, 8), (Final, 250_000_000, 6)]);
    assert_eq!(
        check_milestones(budget, 12, &backwards),
        Err(ChallengeError::MilestoneDates)
    );
    let zero = plan(&[(MidTerm, 0, 6), (Final, 500_000_000, 12)]);
    assert_eq!(
        check_milestones(budget, 12, &zero),
        Err(ChallengeError::TrancheNotPositive)
    );
    assert_eq!(
        check_milestones(budget, 12, &[]),
        Err(ChallengeError::NoMilestones)
    );
    assert_eq!(
        check_milestones(Fen::new(0), 12, &good),
        Err(ChallengeError::BudgetNotPositive)
    );
}

fn project(id: i64, employer: &str) -> Project {
    Project {
        id,
        employers: vec![employer.to_string()],
    }
}

fn judge(id: i64, employer: &str, declared: &[i64]) -> Judge {
    Judge {
        id,
        employer: employer.to_string(),
        declared: declared.iter().copied().collect(),
    }
}

/// Checks the three promises of an assignment and returns each judge's load.
fn check(
    projects: &[Project],
    judges: &[Judge],
    k: usize,
    pairs: &[(i64, i64)],
) -> BTreeMap<i64, usize> {
    let mut per_project: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for (p, j) in pairs {
        assert!(
            per_project.entry(*p).or_default().insert(*j),
            "judge {j} twice on {p}"
        );
        let pj = projects.iter().find(|x| x.id == *p).unwrap();
        let jj = judges.iter().find(|x| x.id == *j).unwrap();
        assert!(
            !jj.conflicts_with(pj),
            "judge {j} has a conflict with project {p}"
        );
    }
    for p in projects {
        assert_eq!(
            per_project.get(&p.id).map(|s| s.len()),
            Some(k),
            "project {} covered",
            p.id
        );
    }
    let mut load: BTreeMap<i64, usize> = judges.iter().map(|j| (j.id, 0)).collect();
    for (_, j) in pairs {
        *load.entry(*j).or_default() += 1;
    }
    load
}

#[test]
fn no_judge_sees_a_project_of_their_own_employer_or_declared_interest() {
    let projects: Vec<Project> = (1..=12)
        .map(|i| {
            project(
                i,
                if i % 3 == 0 {
                    "聊城大学"
                } else {
                    "某公司"
                },
            )
        })
        .collect();
    let judges = vec![
        judge(1, "聊城大学", &[]),
        judge(2, "山东大学", &[1, 2]),
        judge(3, "某公司", &[]),
        judge(4, "省科学院", &[]),
        judge(5, "市工信局", &[5]),
        judge(6, "", &[]),
    ];
    let pairs = assign_judges(&projects, &judges, 3).unwrap();
    let load = check(&projects, &judges, 3, &pairs);
    // 36 seats over 6 judges would be 6 each, but judge 3 (某公司) may only judge the four
    // 聊城大学 projects: 5 × 6 + 4 = 34 < 36, so the busiest must carry 7, and no more.
    assert_eq!(load[&3], 4, "{load:?}");
    assert_eq!(load.values().max(), Some(&7), "{load:?}");
    assert_eq!(load.values().sum::<usize>(), 36);
}

#[test]
fn without_conflicts_the_load_differs_by_at_most_one() {
    let projects: Vec<Project> = (1..=10).map(|i| project(i, &format!("团队{i}"))).collect();
    let judges: Vec<Judge> = (1..=7)
        .map(|i| judge(i, &format!("单位{i}"), &[]))
        .collect();
    let pairs = assign_judges(&projects, &judges, 3).unwrap();
    let load = check(&projects, &judges, 3, &pairs);
    let (min, max) = (load.values().min().unwrap(), load.values().max().unwrap());
    assert!(max - min <= 1, "{load:?}");
    assert_eq!(*max, 5); // 30 seats over 7 judges: 5,5,4,4,4,4,4
}

#[test]
fn a_project_with_too_few_free_judges_is_named() {
    let projects = vec![project(1, "甲"), project(2, "乙")];
    let judges = vec![
        judge(1, "甲", &[]),
        judge(2, "丙", &[]),
        judge(3, "丁", &[1]),
    ];
    assert_eq!(
        assign_judges(&projects, &judges, 2),
        Err(AssignError::NotEnoughJudges {
            project: 1,
            eligible: 1
        })
    );
    assert_eq!(
        assign_judges(&projects, &judges, 0),
        Err(AssignError::NoJudgesAsked)
    );
    assert_eq!(assign_judges(&[], &judges, 2), Ok(Vec::new()));
}

proptest! {
    #[test]
    fn every_feasible_assignment_keeps_its_promises(
        n_projects in 1usize..25,
        n_judges in 3usize..12,
        k in 1usize..4,
        employers in proptest::collection::vec(0u8..5, 40),
        declared in proptest::collection::vec((0usize..12, 1i64..25), 0..10),
    ) {
        let projects: Vec<Project> = (0..n_projects)
            .map(|i| project(i as i64 + 1, &format!("E{}", employers[i])))
            .collect();
        let judges: Vec<Judge> = (0..n_judges)
            .map(|j| {
                let d: Vec<i64> = declared.iter().filter(|(jj, _)| *jj == j).map(|(_, p)| *p).collect();
                judge(j as i64 + 1, &format!("E{}", employers[20 + j]), &d)
            })
            .collect();
        match assign_judges(&projects, &judges, k) {
            Ok(pairs) => {
                let load = check(&projects, &judges, k, &pairs);
                let even = (n_projects * k).div_ceil(n_judges);
                // Without conflicts the busiest judge carries the even share; conflicts can
                // only force more onto the judges that remain.
                let any_conflict = projects.iter().any(|p| judges.iter().any(|j| j.conflicts_with(p)));
                if !any_conflict {
                    prop_assert!(*load.values().max().unwrap() <= even);
                }
            }
            Err(AssignError::NotEnoughJudges { project, eligible }) => {
                let p = projects.iter().find(|p| p.id == project).unwrap();
                let free = judges.iter().filter(|j| !j.conflicts_with(p)).count();
                prop_assert_eq!(free, eligible);
                prop_assert!(free < k);
            }
            Err(e) => prop_assert!(false, "{:?}", e),
        }
    }
}

fn s(judge: i64, project: i64, raw: f64) -> JudgeScore {
    JudgeScore {
        judge,
        project,
        raw,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

#[test]
fn a_harsh_judge_does_not_sink_the_projects_they_see() {
    // Judge 1 is harsh (60, 80), judge 2 lenient (90, 95). Raw means put project 2 below
    // projects 3 and 4; after normalisation each judge's better project stands equal:
    // judge 1: mean 70, sd 10 → z −1, +1; judge 2: mean 92.5, sd 2.5 → z −1, +1.
    let out = normalise(
        &[s(1, 1, 60.0), s(1, 2, 80.0), s(2, 3, 90.0), s(2, 4, 95.0)],
        20.0,
    );
    let t: Vec<(i64, f64)> = out.iter().map(|p| (p.project, p.t_score)).collect();
    assert!(close(t[0].1, 40.0) && close(t[1].1, 60.0), "{t:?}");
    assert!(close(t[2].1, 40.0) && close(t[3].1, 60.0), "{t:?}");
    assert!(close(out[1].raw_mean, 80.0));
}

#[test]
fn z_scores_use_the_population_deviation_and_average_over_judges() {
    // Judge 1: 60, 70, 80 → mean 70, sd √(200/3) = 8.16497 → z −1.22474, 0, 1.22474.
    // Judge 2: 85, 90, 95 → the same z-scores. Judge 3 scored one project only: z 0.
    let out = normalise(
        &[
            s(1, 1, 60.0),
            s(1, 2, 70.0),
            s(1, 3, 80.0),
            s(2, 1, 85.0),
            s(2, 2, 90.0),
            s(2, 3, 95.0),
            s(3, 3, 40.0),
        ],
        100.0,
    );
    assert!(close(out[0].mean_z, -1.224_744), "{:?}", out[0]);
    assert!(close(out[0].t_score, 37.752_55));
    assert!(close(out[1].t_score, 50.0));
    // Project 3: (1.22474 + 1.22474 + 0) / 3 = 0.81650 → T 58.165.
    assert!(close(out[2].t_score, 58.164_97), "{:?}", out[2]);
    // A judge who gives everyone the same total has z 0 everywhere.
    let flat = normalise(&[s(1, 1, 70.0), s(1, 2, 70.0)], 20.0);
    assert!(flat.iter().all(|p| close(p.t_score, 50.0)));
}

#[test]
fn a_score_far_from_the_median_is_flagged_at_the_edge() {
    // Median of 80, 82, 60 is 80: 60 is exactly 20 away (flagged at ≥ 20); 82 is not.
    let out = normalise(&[s(1, 1, 80.0), s(2, 1, 82.0), s(3, 1, 60.0)], 20.0);
    assert_eq!(out[0].outliers, vec![3]);
    let out = normalise(&[s(1, 1, 80.0), s(2, 1, 82.0), s(3, 1, 60.5)], 20.0);
    assert!(out[0].outliers.is_empty());
    // Two scores are not enough to call one an outlier.
    let out = normalise(&[s(1, 1, 80.0), s(3, 1, 10.0)], 20.0);
    assert!(out[0].outliers.is_empty());
}

#[test]
fn tallies_round_exactly() {
    let t = SubjectTally {
        good: 1,
        fairly_good: 1,
        fair: 1,
        poor: 0,
        score_sum: 200,
        score_count: 3,
    };
    assert_eq!(t.approval_permille(), Some(667));
    assert_eq!(t.average_centi(), Some(6667));
    assert_eq!(SubjectTally::default().approval_permille(), None);
    assert_eq!(Grade::parse("fairly_good"), Some(Grade::FairlyGood));
    assert_eq!(MeetingScale::parse("score"), Some(MeetingScale::Score));
}
