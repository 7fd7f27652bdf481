//! The application workflow (申报): a pure state machine. Each action is taken by exactly one
//! workflow role from given states; everything else is refused with the reason.
//!
//! ```text
//! draft ──submit──▶ submitted ──county_pass──▶ county_passed ──city_pass──▶ city_passed
//!   ▲                 │  ▲                        │                          │
//!   └─county_return───┘  └──────city_return───────┘                          │
//! province_recognise ─▶ in_notice ──grant (notice cleared)──▶ recognised (honor created)
//! province_decline / notice_objected ─▶ not_recognised;  county/city_reject ─▶ rejected;
//! withdraw (enterprise, before the city's decision) ─▶ withdrawn
//! ```

use serde::{Deserialize, Serialize};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppState {
    /// Being written by the enterprise (also after a return from the county).
    Draft,
    /// Submitted with the pledges; waiting for the county.
    Submitted,
    /// Passed by the county; waiting for the city.
    CountyPassed,
    /// Passed by the city and recommended; waiting for the province.
    CityPassed,
    /// Recognised by the province; its public notice runs.
    InNotice,
    /// Recognised after the notice: the honor exists.
    Recognised,
    /// The province did not recognise it, or an objection was sustained.
    NotRecognised,
    /// Rejected by the county or the city.
    Rejected,
    /// Withdrawn by the enterprise.
    Withdrawn,
}

/// What someone does to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The enterprise submits (with both pledges).
    Submit,
    /// The enterprise withdraws.
    Withdraw,
    /// The county passes it on to the city.
    CountyPass,
    /// The county returns it to the enterprise (with a reason).
    CountyReturn,
    /// The county rejects it (with a reason).
    CountyReject,
    /// The city passes it on to the province.
    CityPass,
    /// The city returns it to the county (with a reason).
    CityReturn,
    /// The city rejects it (with a reason).
    CityReject,
    /// The province recognises it: the public notice opens.
    ProvinceRecognise,
    /// The province does not recognise it (with a reason).
    ProvinceDecline,
    /// The notice ended without a sustained objection: the title is granted.
    Grant,
    /// An objection to the notice was sustained.
    NoticeObjected,
}

/// Who takes an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The applying enterprise's own user.
    Enterprise,
    /// A county reviewer.
    County,
    /// A city reviewer.
    City,
    /// Whoever records the province's decisions (the city bureau on this platform).
    Province,
    /// The platform's own job (closing notices that ended).
    System,
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// This role may not take this action at all.
    #[error("cultivation.workflow.role")]
    Role,
    /// Not from the application's current state.
    #[error("cultivation.workflow.state")]
    State,
    /// The action needs a reason.
    #[error("common.reason_required")]
    ReasonRequired,
    /// Submitting needs both the truthfulness and the compliance pledge.
    #[error("cultivation.workflow.pledges")]
    PledgesRequired,
}

impl Refusal {
    /// The message-catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            Refusal::Role => "cultivation.workflow.role",
            Refusal::State => "cultivation.workflow.state",
            Refusal::ReasonRequired => "common.reason_required",
            Refusal::PledgesRequired => "cultivation.workflow.pledges",
        }
    }
}

macro_rules! codes {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            /// Every value.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),*];
            /// The stored code.
            pub fn as_str(self) -> &'static str { match self { $(<$t>::$v => $s),* } }
            /// Parses a stored code.
            pub fn parse(s: &str) -> Option<$t> { match s.trim() { $($s => Some(<$t>::$v),)* _ => None } }
        }
    };
}

codes!(AppState {
    Draft => "draft", Submitted => "submitted", CountyPassed => "county_passed",
    CityPassed => "city_passed", InNotice => "in_notice", Recognised => "recognised",
    NotRecognised => "not_recognised", Rejected => "rejected", Withdrawn => "withdrawn",
});

codes!(Action {
    Submit => "submit", Withdraw => "withdraw", CountyPass => "county_pass",
    CountyReturn => "county_return", CountyReject => "county_reject", CityPass => "city_pass",
    CityReturn => "city_return", CityReject => "city_reject",
    ProvinceRecognise => "province_recognise", ProvinceDecline => "province_decline",
    Grant => "grant", NoticeObjected => "notice_objected",
});

codes!(Role {
    Enterprise => "enterprise", County => "county", City => "city", Province => "province",
    System => "system",
});

impl AppState {
    /// Whether nothing more can happen to the application.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            AppState::Recognised
                | AppState::NotRecognised
                | AppState::Rejected
                | AppState::Withdrawn
        )
    }

    /// Whether the enterprise has submitted it (it counts as applied).
    pub fn was_submitted(self) -> bool {
        !matches!(self, AppState::Draft | AppState::Withdrawn)
    }
}

impl Action {
    /// The roles that may take the action.
    pub fn roles(self) -> &'static [Role] {
        use Action::*;
        match self {
            Submit | Withdraw => &[Role::Enterprise],
            CountyPass | CountyReturn | CountyReject => &[Role::County],
            CityPass | CityReturn | CityReject => &[Role::City],
            ProvinceRecognise | ProvinceDecline => &[Role::Province],
            Grant | NoticeObjected => &[Role::Province, Role::System],
        }
    }

    /// The states it may be taken from.
    pub fn from_states(self) -> &'static [AppState] {
        use Action::*;
        match self {
            Submit => &[AppState::Draft],
            Withdraw => &[AppState::Draft, AppState::Submitted, AppState::CountyPassed],
            CountyPass | CountyReturn | CountyReject => &[AppState::Submitted],
            CityPass | CityReturn | CityReject => &[AppState::CountyPassed],
            ProvinceRecognise | ProvinceDecline => &[AppState::CityPassed],
            Grant | NoticeObjected => &[AppState::InNotice],
        }
    }

    /// The state it leads to.
    pub fn to_state(self) -> AppState {
        use Action::*;
        match self {
            Submit => AppState::Submitted,
            Withdraw => AppState::Withdrawn,
            CountyPass => AppState::CountyPassed,
            CountyReturn => AppState::Draft,
            CountyReject | CityReject => AppState::Rejected,
            CityPass => AppState::CityPassed,
            CityReturn => AppState::Submitted,
            ProvinceRecognise => AppState::InNotice,
            ProvinceDecline | NoticeObjected => AppState::NotRecognised,
            Grant => AppState::Recognised,
        }
    }

    /// Whether the action needs a written reason.
    pub fn needs_reason(self) -> bool {
        use Action::*;
        matches!(
            self,
            CountyReturn | CountyReject | CityReturn | CityReject | ProvinceDecline
        )
    }
}

/// What comes with an action.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pledges {
    /// 真实性声明: the information is true.
    pub truthful: bool,
    /// 合规经营承诺: the enterprise operates in compliance.
    pub compliant: bool,
}

/// The state after `role` takes `action` from `state` with `comment` (and, to submit, the
/// pledges), or why not.
pub fn transition(
    state: AppState,
    action: Action,
    role: Role,
    comment: &str,
    pledges: Pledges,
) -> Result<AppState, Refusal> {
    if !action.roles().contains(&role) {
        return Err(Refusal::Role);
    }
    if !action.from_states().contains(&state) {
        return Err(Refusal::State);
    }
    if action.needs_reason() && comment.trim().is_empty() {
        return Err(Refusal::ReasonRequired);
    }
    if action == Action::Submit && !(pledges.truthful && pledges.compliant) {
        return Err(Refusal::PledgesRequired);
    }
    Ok(action.to_state())
}

/// The actions `role` may take now on an application in `state` (the buttons a page shows).
pub fn available(state: AppState, role: Role) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| a.roles().contains(&role) && a.from_states().contains(&state))
        .collect()
}

#[cfg(test)]
mod tests;
