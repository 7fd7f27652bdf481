use super::*;
use crate::enterprise::{HonorLevel, HonorStatus, HonorTitle};
use chrono::NaiveDate;
use proptest::prelude::*;

const SHIPPED: &str = include_str!("../../../../rules/talent-2026-1.toml");

fn rules() -> TalentRules {
    let r: TalentRules = toml::from_str(SHIPPED).unwrap();
    r.validate().unwrap();
    r
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_shipped_rules_parse_with_engineering_first_and_foundry_in_it() {
    let r = rules();
    assert_eq!(r.series[0].code, "engineering");
    assert_eq!(r.series[0].name_zh, "工程技术");
    assert_eq!(
        r.specialty("engineering", "foundry").unwrap().name_zh,
        "铸造"
    );
    assert!(r.specialty("economics", "foundry").is_none());
}

#[test]
fn exactly_two_thirds_of_the_attending_passes_and_one_vote_fewer_fails() {
    let pass = rules().ballot.pass;
    // 9 attending: 6 is exactly two thirds.
    let six = Tally {
        yes: 6,
        no: 3,
        abstain: 0,
    };
    let o = six.outcome(pass, 9);
    assert!(o.passed);
    assert_eq!(o.needed, 6);
    let five = Tally {
        yes: 5,
        no: 3,
        abstain: 1,
    };
    assert!(!five.outcome(pass, 9).passed, "one vote fewer fails");
    // 8 attending: two thirds is 5.33, so 6 are needed and 5 fail.
    assert_eq!(
        Tally {
            yes: 5,
            no: 3,
            abstain: 0
        }
        .outcome(pass, 8)
        .needed,
        6
    );
    assert!(
        !Tally {
            yes: 5,
            no: 3,
            abstain: 0
        }
        .outcome(pass, 8)
        .passed
    );
    assert!(
        Tally {
            yes: 6,
            no: 2,
            abstain: 0
        }
        .outcome(pass, 8)
        .passed
    );
    // Abstentions and missing votes count against.
    assert!(
        !Tally {
            yes: 2,
            no: 0,
            abstain: 1
        }
        .outcome(pass, 4)
        .passed
    );
    assert!(!Tally::default().outcome(pass, 0).passed);
}

#[test]
fn quorum_is_two_thirds_of_the_members_and_one_short_is_refused() {
    let quorum = rules().ballot.quorum;
    // 11 members: 22/3 = 7.33, so 8 must attend.
    assert_eq!(quorum.least_of(11), 8);
    assert!(quorum.reached(8, 11));
    assert!(!quorum.reached(7, 11), "one short of the quorum");
    // 9 members: exactly 6.
    assert!(quorum.reached(6, 9));
    assert!(!quorum.reached(5, 9));
    // 3 members: 2.
    assert!(quorum.reached(2, 3));
    assert!(!quorum.reached(1, 3));
}

#[test]
fn tallies_add_up() {
    let mut t = Tally::default();
    for c in [
        VoteChoice::Yes,
        VoteChoice::No,
        VoteChoice::Abstain,
        VoteChoice::Yes,
    ] {
        t.add(c);
    }
    assert_eq!((t.yes, t.no, t.abstain, t.cast()), (2, 1, 1, 4));
    assert_eq!(VoteChoice::parse("abstain"), Some(VoteChoice::Abstain));
    assert_eq!(VoteChoice::parse("maybe"), None);
}

fn honor(title: HonorTitle, level: HonorLevel, to: NaiveDate) -> HonorFact {
    HonorFact {
        title,
        level,
        status: HonorStatus::Valid,
        valid_from: Some(d(2022, 7, 1)),
        valid_to: Some(to),
    }
}

#[test]
fn the_quota_comes_from_the_highest_honor_valid_on_the_day() {
    let r = rules();
    let giant = honor(
        HonorTitle::LittleGiant,
        HonorLevel::National,
        d(2025, 6, 30),
    );
    let specialized = honor(
        HonorTitle::Specialized,
        HonorLevel::Provincial,
        d(2026, 12, 31),
    );
    let both = [specialized.clone(), giant.clone()];
    // On the last valid day of the little-giant honor: 2.
    let q = quota_on(&r.quota, &both, d(2025, 6, 30));
    assert_eq!(q.quota, 2);
    assert_eq!(q.basis_title, Some(HonorTitle::LittleGiant));
    // The day after, only the provincial honor holds: 1.
    let q = quota_on(&r.quota, &both, d(2025, 7, 1));
    assert_eq!((q.quota, q.basis_level), (1, Some(HonorLevel::Provincial)));
    // Before it starts, and after everything ended: 0.
    assert_eq!(quota_on(&r.quota, &both, d(2022, 6, 30)).quota, 0);
    assert_eq!(quota_on(&r.quota, &both, d(2027, 1, 1)).quota, 0);
    // A revoked honor grants nothing; others (high-tech, city-level) grant 0.
    let mut revoked = giant.clone();
    revoked.status = HonorStatus::Revoked;
    assert_eq!(quota_on(&r.quota, &[revoked], d(2024, 1, 1)).quota, 0);
    let other = honor(HonorTitle::HighTech, HonorLevel::National, d(2030, 1, 1));
    assert_eq!(quota_on(&r.quota, &[other], d(2024, 1, 1)).quota, 0);
    let city = honor(HonorTitle::Specialized, HonorLevel::City, d(2030, 1, 1));
    assert_eq!(quota_on(&r.quota, &[city], d(2024, 1, 1)).quota, 0);
}

#[test]
fn the_last_place_can_be_taken_once() {
    assert_eq!(next_slot(2, 0), Ok(1));
    assert_eq!(next_slot(2, 1), Ok(2));
    assert_eq!(next_slot(2, 2), Err(QuotaExceeded { quota: 2, used: 2 }));
    assert!(next_slot(0, 0).is_err());
}

proptest! {
    #[test]
    fn a_quota_is_never_exceeded(quota in 0u32..10, attempts in 0u32..30) {
        let mut used = 0;
        for _ in 0..attempts {
            if let Ok(slot) = next_slot(quota, used) {
                prop_assert_eq!(slot, used + 1);
                used = slot;
            }
        }
        prop_assert!(used <= quota);
        prop_assert_eq!(used, quota.min(attempts));
    }
}

#[test]
fn committees_are_odd_large_enough_and_approved_for_at_most_three_years() {
    let c = rules().committee;
    let from = d(2024, 3, 1);
    assert!(
        c.check(
            CommitteeOrg::Series,
            TitleLevel::FullSenior,
            25,
            from,
            d(2027, 3, 1)
        )
        .is_empty()
    );
    assert_eq!(
        c.check(
            CommitteeOrg::Series,
            TitleLevel::FullSenior,
            23,
            from,
            d(2027, 3, 1)
        ),
        vec![CommitteeProblem::TooSmall { size: 23, min: 25 }]
    );
    assert!(
        c.check(
            CommitteeOrg::Specialty,
            TitleLevel::AssociateSenior,
            11,
            from,
            d(2025, 1, 1)
        )
        .is_empty()
    );
    let p = c.check(
        CommitteeOrg::Specialty,
        TitleLevel::AssociateSenior,
        10,
        from,
        d(2025, 1, 1),
    );
    assert!(p.contains(&CommitteeProblem::EvenSize { size: 10 }));
    assert!(p.contains(&CommitteeProblem::TooSmall { size: 10, min: 11 }));
    // Intermediate committees have no minimum beyond oddness.
    assert!(
        c.check(
            CommitteeOrg::Specialty,
            TitleLevel::Intermediate,
            3,
            from,
            d(2025, 1, 1)
        )
        .is_empty()
    );
    // Three years to the day is allowed; a day more is not.
    assert_eq!(
        c.check(
            CommitteeOrg::Series,
            TitleLevel::FullSenior,
            25,
            from,
            d(2027, 3, 2)
        ),
        vec![CommitteeProblem::ApprovalTooLong { max_years: 3 }]
    );
    assert_eq!(
        c.check(
            CommitteeOrg::Series,
            TitleLevel::FullSenior,
            25,
            from,
            d(2024, 2, 29)
        ),
        vec![CommitteeProblem::ExpiresBeforeApproval]
    );
    let leap = d(2024, 2, 29);
    assert!(
        c.check(
            CommitteeOrg::Series,
            TitleLevel::FullSenior,
            25,
            leap,
            d(2027, 2, 28)
        )
        .is_empty()
    );
    assert!(
        !c.check(
            CommitteeOrg::Series,
            TitleLevel::FullSenior,
            25,
            leap,
            d(2027, 3, 1)
        )
        .is_empty()
    );
}

#[test]
fn ordinary_conditions_are_shown_met_or_not_at_their_edges() {
    let r = rules();
    let full = r.conditions_for(TitleLevel::FullSenior).unwrap();
    let mut c = Candidate {
        education: Education::Bachelor,
        current_title: Some(TitleLevel::AssociateSenior),
        years_in_title: 5,
        years_of_work: 20,
    };
    let rep = full.evaluate(&r.version, &c);
    assert!(rep.met);
    assert_eq!(rep.rules, "2026-1");
    c.years_in_title = 4;
    let rep = full.evaluate(&r.version, &c);
    assert!(!rep.met, "four years in title is one short");
    let years = rep.paths[0]
        .checks
        .iter()
        .find(|k| k.item == "years_in_title")
        .unwrap();
    assert!(!years.met);
    assert_eq!((years.required.as_str(), years.actual.as_str()), ("5", "4"));
    c.years_in_title = 10;
    c.education = Education::Associate;
    assert!(
        !full.evaluate(&r.version, &c).met,
        "education below bachelor"
    );
    c.education = Education::Master;
    c.current_title = Some(TitleLevel::Intermediate);
    assert!(
        !full.evaluate(&r.version, &c).met,
        "no associate-senior title"
    );
    // Intermediate: a doctorate suffices alone.
    let mid = r.conditions_for(TitleLevel::Intermediate).unwrap();
    let doctor = Candidate {
        education: Education::Doctorate,
        current_title: None,
        years_in_title: 0,
        years_of_work: 0,
    };
    assert!(mid.evaluate(&r.version, &doctor).met);
}

#[test]
fn the_recommendation_route_admits_senior_engineering_titles_only() {
    let r = rules();
    assert!(r.route_admits(Route::Recommendation, "engineering", TitleLevel::FullSenior));
    assert!(r.route_admits(
        Route::Recommendation,
        "engineering",
        TitleLevel::AssociateSenior
    ));
    assert!(!r.route_admits(
        Route::Recommendation,
        "engineering",
        TitleLevel::Intermediate
    ));
    assert!(!r.route_admits(Route::Recommendation, "economics", TitleLevel::FullSenior));
    assert!(r.route_admits(Route::Ordinary, "economics", TitleLevel::Member));
}

#[test]
fn the_workflow_allows_only_its_transitions() {
    use ApplicationState as S;
    use WorkflowAction as A;
    let path = [
        (A::StartInternalNotice, S::InternalNotice),
        (A::Send, S::Submitted),
        (A::Qualify, S::Qualified),
        (A::Schedule, S::Scheduled),
        (A::Pass, S::Passed),
        (A::PublishNotice, S::PublicNotice),
        (A::Grant, S::Granted),
    ];
    let mut s = S::Draft;
    for (a, want) in path {
        s = s.next(a).unwrap();
        assert_eq!(s, want);
    }
    assert!(S::Granted.next(A::Grant).is_err());
    assert!(
        S::Draft.next(A::Send).is_err(),
        "no sending before the internal notice"
    );
    assert!(S::Submitted.next(A::Pass).is_err());
    assert_eq!(S::Submitted.next(A::Return), Ok(S::Returned));
    assert_eq!(S::Returned.next(A::Resubmit), Ok(S::Submitted));
    assert!(S::Rejected.next(A::Resubmit).is_err());
    for st in S::ALL {
        assert_eq!(S::parse(st.as_str()), Some(*st));
    }
    assert!(S::Submitted.is_sent() && !S::InternalNotice.is_sent());
}

#[test]
fn levels_band_into_the_four_statistics_groups() {
    assert_eq!(TitleLevel::Assistant.band(), "junior");
    assert_eq!(TitleLevel::Member.band(), "junior");
    assert_eq!(TitleLevel::FullSenior.band(), "full_senior");
    assert_eq!(
        TitleLevel::parse("副高级"),
        Some(TitleLevel::AssociateSenior)
    );
    assert!(TitleLevel::FullSenior > TitleLevel::AssociateSenior);
}

#[test]
fn id_numbers_are_checked_and_masked() {
    // GB 11643 example.
    assert!(id_number_valid("11010519491231002X"));
    assert!(!id_number_valid("110105194912310021"));
    assert!(!id_number_valid("1101051949123100"));
    assert_eq!(mask_id_number("11010519491231002X"), "1101************2X");
    assert_eq!(mask_id_number("123"), "***");
}

#[test]
fn broken_rule_files_are_refused() {
    let mut r = rules();
    r.ballot.pass = Fraction {
        numerator: 4,
        denominator: 3,
    };
    assert!(r.validate().is_err());
    let mut r = rules();
    r.conditions.retain(|c| c.level != TitleLevel::Member);
    assert!(r.validate().is_err());
}
