use super::*;

const ALL_PLEDGES: Pledges = Pledges {
    truthful: true,
    compliant: true,
};

/// The role × action table: which role may take which action, written out by hand.
const TABLE: &[(Action, &[Role])] = &[
    (Action::Submit, &[Role::Enterprise]),
    (Action::Withdraw, &[Role::Enterprise]),
    (Action::CountyPass, &[Role::County]),
    (Action::CountyReturn, &[Role::County]),
    (Action::CountyReject, &[Role::County]),
    (Action::CityPass, &[Role::City]),
    (Action::CityReturn, &[Role::City]),
    (Action::CityReject, &[Role::City]),
    (Action::ProvinceRecognise, &[Role::Province]),
    (Action::ProvinceDecline, &[Role::Province]),
    (Action::Grant, &[Role::Province, Role::System]),
    (Action::NoticeObjected, &[Role::Province, Role::System]),
];

#[test]
fn each_role_takes_exactly_its_actions() {
    assert_eq!(TABLE.len(), Action::ALL.len());
    for (action, allowed) in TABLE {
        let from = action.from_states()[0];
        for role in Role::ALL {
            let got = transition(from, *action, *role, "理由", ALL_PLEDGES);
            if allowed.contains(role) {
                assert_eq!(got, Ok(action.to_state()), "{action:?} by {role:?}");
            } else {
                assert_eq!(got, Err(Refusal::Role), "{action:?} by {role:?}");
            }
        }
    }
}

#[test]
fn no_action_leaves_a_final_state_and_each_is_refused_from_other_states() {
    for action in Action::ALL {
        for state in AppState::ALL {
            let role = action.roles()[0];
            let got = transition(*state, *action, role, "理由", ALL_PLEDGES);
            if action.from_states().contains(state) {
                assert!(got.is_ok(), "{action:?} from {state:?}");
                assert!(!state.is_final());
            } else {
                assert_eq!(got, Err(Refusal::State), "{action:?} from {state:?}");
            }
        }
    }
}

#[test]
fn the_happy_path_with_a_return_at_each_review_level() {
    use Action::*;
    let steps = [
        (Submit, Role::Enterprise, AppState::Submitted),
        (CountyReturn, Role::County, AppState::Draft),
        (Submit, Role::Enterprise, AppState::Submitted),
        (CountyPass, Role::County, AppState::CountyPassed),
        (CityReturn, Role::City, AppState::Submitted),
        (CountyPass, Role::County, AppState::CountyPassed),
        (CityPass, Role::City, AppState::CityPassed),
        (ProvinceRecognise, Role::Province, AppState::InNotice),
        (Grant, Role::System, AppState::Recognised),
    ];
    let mut s = AppState::Draft;
    for (a, r, want) in steps {
        s = transition(s, a, r, "材料不全，请补充", ALL_PLEDGES).unwrap();
        assert_eq!(s, want, "{a:?}");
    }
    assert!(s.is_final() && s.was_submitted());
}

#[test]
fn returns_rejections_and_declines_need_a_reason_and_submitting_needs_both_pledges() {
    for a in [
        Action::CountyReturn,
        Action::CountyReject,
        Action::CityReturn,
        Action::CityReject,
        Action::ProvinceDecline,
    ] {
        assert_eq!(
            transition(a.from_states()[0], a, a.roles()[0], "  ", ALL_PLEDGES),
            Err(Refusal::ReasonRequired),
            "{a:?}"
        );
    }
    assert_eq!(
        transition(
            AppState::CityPassed,
            Action::ProvinceRecognise,
            Role::Province,
            "",
            ALL_PLEDGES
        ),
        Ok(AppState::InNotice),
        "passing needs no comment"
    );
    for pledges in [
        Pledges::default(),
        Pledges {
            truthful: true,
            compliant: false,
        },
        Pledges {
            truthful: false,
            compliant: true,
        },
    ] {
        assert_eq!(
            transition(
                AppState::Draft,
                Action::Submit,
                Role::Enterprise,
                "",
                pledges
            ),
            Err(Refusal::PledgesRequired)
        );
    }
}

#[test]
fn withdrawal_is_possible_only_before_the_city_decides() {
    assert_eq!(
        available(AppState::CountyPassed, Role::Enterprise),
        vec![Action::Withdraw]
    );
    assert!(available(AppState::CityPassed, Role::Enterprise).is_empty());
    assert_eq!(
        available(AppState::Submitted, Role::County),
        vec![
            Action::CountyPass,
            Action::CountyReturn,
            Action::CountyReject
        ]
    );
}

#[test]
fn codes_round_trip() {
    for s in AppState::ALL {
        assert_eq!(AppState::parse(s.as_str()), Some(*s));
    }
    for a in Action::ALL {
        assert_eq!(Action::parse(a.as_str()), Some(*a));
    }
    for r in Role::ALL {
        assert_eq!(Role::parse(r.as_str()), Some(*r));
    }
    assert_eq!(Action::parse("approve"), None);
}
