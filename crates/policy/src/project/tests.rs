use super::attraction::{
    AttractionStage as S, TargetAction as A, TargetRefusal, TargetRole as R, TargetState,
    available, transition,
};
use super::key_project::{ProjectStage, StageDates, StageError, change_stage};
use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn completion_is_exact_to_two_decimals() {
    // 临清市 2022: 107.2亿元 against a plan of 67.668224亿元 is 158.42 %.
    assert_eq!(completion_pct(1_072_000, 676_682), Some(158.42));
    assert_eq!(
        pct_hundredths(1_072_000_000_000, 676_682_240_000),
        Some(15842)
    );
    assert_eq!(pct_hundredths(1, 3), Some(3333));
    assert_eq!(pct_hundredths(2, 3), Some(6667));
    // Half a hundredth rounds away from zero.
    assert_eq!(pct_hundredths(1, 20_000), Some(1));
    assert_eq!(pct_hundredths(1, 20_001), Some(0));
    assert_eq!(pct_hundredths(-1, 20_000), Some(-1));
    assert_eq!(completion_pct(5, 0), None);
    assert_eq!(completion_pct(0, 7), Some(0.0));
}

#[test]
fn areas_parse_exactly_in_hundredths_of_a_mu() {
    assert_eq!(Mu::parse("771.62").unwrap().get(), 77_162);
    assert_eq!(Mu::parse("1,211").unwrap().get(), 121_100);
    assert_eq!(Mu::parse(" 13148.00 ").unwrap().get(), 1_314_800);
    assert_eq!(Mu::parse("0.5").unwrap().get(), 50);
    assert_eq!(Mu::parse("12亩").unwrap().get(), 1_200);
    assert_eq!(Mu::parse(".01").unwrap().get(), 1);
    for (bad, key) in [
        ("", "mu.format"),
        ("abc", "mu.format"),
        ("-3", "mu.format"),
        ("1.2.3", "mu.format"),
        ("0.001", "mu.precision"),
        ("0", "mu.range"),
        ("0.00", "mu.range"),
        ("999999999999999", "mu.range"),
    ] {
        assert_eq!(Mu::parse(bad).unwrap_err().key(), key, "{bad:?}");
    }
    assert_eq!(Mu::new(77_162).text(), "771.62");
    assert_eq!(Mu::new(1_314_800).display(), "13,148.00");
    assert_eq!(Mu::new(5).text(), "0.05");
}

proptest! {
    #[test]
    fn area_text_round_trips(h in 1i64..10_000_000_000) {
        prop_assert_eq!(Mu::parse(&Mu::new(h).text()).unwrap().get(), h);
        prop_assert_eq!(Mu::parse(&Mu::new(h).display()).unwrap().get(), h);
    }

    #[test]
    fn completion_is_within_half_a_hundredth(done in 0i64..1_000_000_000_000_000, planned in 1i64..1_000_000_000_000_000) {
        let h = pct_hundredths(done, planned).unwrap() as f64;
        let exact = done as f64 * 10_000.0 / planned as f64;
        prop_assert!((h - exact).abs() <= 0.5 + exact.abs() * 1e-12);
    }
}

#[test]
fn key_projects_move_forward_with_dates_in_order() {
    let none = StageDates::default();
    let started = change_stage(
        ProjectStage::Planned,
        none,
        ProjectStage::UnderConstruction,
        d(2022, 3, 1),
    )
    .unwrap();
    assert_eq!(started.started_on, Some(d(2022, 3, 1)));
    // Skipping 竣工 is allowed (reported late); the skipped date stays empty.
    let producing = change_stage(
        ProjectStage::UnderConstruction,
        started,
        ProjectStage::InProduction,
        d(2022, 11, 30),
    )
    .unwrap();
    assert_eq!(producing.completed_on, None);
    assert_eq!(producing.in_production_on, Some(d(2022, 11, 30)));
    // The same day as the last date is fine; a day earlier is not.
    assert!(
        change_stage(
            ProjectStage::UnderConstruction,
            started,
            ProjectStage::Completed,
            d(2022, 3, 1)
        )
        .is_ok()
    );
    assert_eq!(
        change_stage(
            ProjectStage::UnderConstruction,
            started,
            ProjectStage::Completed,
            d(2022, 2, 28)
        ),
        Err(StageError::DateOrder)
    );
    for (from, to) in [
        (ProjectStage::Planned, ProjectStage::Planned),
        (ProjectStage::Completed, ProjectStage::UnderConstruction),
        (ProjectStage::InProduction, ProjectStage::InProduction),
    ] {
        assert_eq!(
            change_stage(from, none, to, d(2022, 1, 1)),
            Err(StageError::Backward),
            "{from:?} → {to:?}"
        );
    }
}

#[test]
fn a_report_waits_for_review_and_only_approval_moves_the_stage() {
    let new = TargetState::default();
    // A first report needs a stage.
    assert_eq!(
        transition(new, A::Report, R::County, None, ""),
        Err(TargetRefusal::State)
    );
    let reported = transition(new, A::Report, R::County, Some(S::Signed), "").unwrap();
    assert_eq!(reported.stage, None);
    assert_eq!(reported.pending, Some(S::Signed));
    // One report at a time.
    assert_eq!(
        transition(reported, A::Report, R::County, Some(S::Started), ""),
        Err(TargetRefusal::State)
    );
    // The county does not review, the reviewer does not report.
    assert_eq!(
        transition(reported, A::Approve, R::County, None, ""),
        Err(TargetRefusal::Role)
    );
    assert_eq!(
        transition(new, A::Report, R::Reviewer, Some(S::Signed), ""),
        Err(TargetRefusal::Role)
    );
    // A return needs a reason and leaves the approved stage.
    assert_eq!(
        transition(reported, A::Return, R::Reviewer, None, "  "),
        Err(TargetRefusal::ReasonRequired)
    );
    let returned = transition(reported, A::Return, R::Reviewer, None, "合同未附").unwrap();
    assert_eq!(returned, TargetState::default());
    let approved = transition(reported, A::Approve, R::Reviewer, None, "").unwrap();
    assert_eq!(approved.stage, Some(S::Signed));
    assert_eq!(approved.pending, None);
    // Nothing to review now.
    assert_eq!(
        transition(approved, A::Approve, R::Reviewer, None, ""),
        Err(TargetRefusal::State)
    );
    // A report at the same stage (new figures) is allowed; an earlier stage is not.
    let same = transition(approved, A::Report, R::County, None, "").unwrap();
    assert_eq!(same.pending, Some(S::Signed));
    assert_eq!(
        transition(approved, A::Report, R::County, Some(S::Negotiating), ""),
        Err(TargetRefusal::Backward)
    );
    assert_eq!(available(approved, R::County), vec![A::Report]);
    assert_eq!(available(approved, R::Reviewer), Vec::<A>::new());
    assert_eq!(available(same, R::Reviewer), vec![A::Approve, A::Return]);
    assert!(S::Started.is_signed() && !S::Negotiating.is_signed());
}

#[test]
fn codes_round_trip() {
    for s in S::ALL {
        assert_eq!(S::parse(s.as_str()), Some(*s));
    }
    for s in ProjectStage::ALL {
        assert_eq!(ProjectStage::parse(s.as_str()), Some(*s));
    }
    for k in records::DigitalKind::ALL {
        assert_eq!(records::DigitalKind::parse(k.as_str()), Some(*k));
    }
    assert!(!records::DigitalKind::BaseStation5g.per_enterprise());
    assert_eq!(key_project::ProjectLevel::parse("town"), None);
}
