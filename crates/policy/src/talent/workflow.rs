//! The application workflow as a state machine: state × action → next state, or a refusal.

use serde::{Deserialize, Serialize};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// 草稿: being filled in by the enterprise.
    Draft,
    /// 单位内部公示: shown inside the employer.
    InternalNotice,
    /// 已报送: sent to the HR bureau for the qualification check.
    Submitted,
    /// 退回补正: returned to the enterprise.
    Returned,
    /// 不予受理: refused at the qualification check (final).
    Rejected,
    /// 资格审查通过.
    Qualified,
    /// 已列入评审会议.
    Scheduled,
    /// 评审通过.
    Passed,
    /// 评审未通过 (final).
    Failed,
    /// 结果公示.
    PublicNotice,
    /// 已取得职称 (final).
    Granted,
    /// 已撤回 (final).
    Withdrawn,
}

/// What can be done to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowAction {
    /// The employer starts its internal notice.
    StartInternalNotice,
    /// The employer sends the application on after the notice.
    Send,
    /// The HR bureau's check passes.
    Qualify,
    /// The HR bureau returns it for correction.
    Return,
    /// The HR bureau refuses it.
    Reject,
    /// The enterprise sends a returned application again.
    Resubmit,
    /// Put on a committee meeting's agenda.
    Schedule,
    /// The ballot passed it.
    Pass,
    /// The ballot did not pass it.
    Fail,
    /// The result goes on public notice.
    PublishNotice,
    /// The notice ended without an upheld objection: the title is granted.
    Grant,
    /// An objection was upheld during the notice.
    Overturn,
    /// The enterprise withdraws it.
    Withdraw,
}

/// The refusal of an action in a state: names the catalogue key `talent.transition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {action:?} an application in state {state:?}")]
pub struct TransitionError {
    /// The state.
    pub state: ApplicationState,
    /// The action refused.
    pub action: WorkflowAction,
}

impl ApplicationState {
    /// Every state.
    pub const ALL: &'static [ApplicationState] = &[
        ApplicationState::Draft,
        ApplicationState::InternalNotice,
        ApplicationState::Submitted,
        ApplicationState::Returned,
        ApplicationState::Rejected,
        ApplicationState::Qualified,
        ApplicationState::Scheduled,
        ApplicationState::Passed,
        ApplicationState::Failed,
        ApplicationState::PublicNotice,
        ApplicationState::Granted,
        ApplicationState::Withdrawn,
    ];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::InternalNotice => "internal_notice",
            ApplicationState::Submitted => "submitted",
            ApplicationState::Returned => "returned",
            ApplicationState::Rejected => "rejected",
            ApplicationState::Qualified => "qualified",
            ApplicationState::Scheduled => "scheduled",
            ApplicationState::Passed => "passed",
            ApplicationState::Failed => "failed",
            ApplicationState::PublicNotice => "public_notice",
            ApplicationState::Granted => "granted",
            ApplicationState::Withdrawn => "withdrawn",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<ApplicationState> {
        ApplicationState::ALL
            .iter()
            .copied()
            .find(|st| st.as_str() == s.trim())
    }

    /// Whether the application has been sent to the HR bureau (counts as an applicant).
    pub fn is_sent(self) -> bool {
        !matches!(
            self,
            ApplicationState::Draft
                | ApplicationState::InternalNotice
                | ApplicationState::Withdrawn
        )
    }

    /// Whether a committee passed it (passed, on notice, or granted).
    pub fn has_passed(self) -> bool {
        matches!(
            self,
            ApplicationState::Passed | ApplicationState::PublicNotice | ApplicationState::Granted
        )
    }

    /// The next state after `action`, or the refusal.
    pub fn next(self, action: WorkflowAction) -> Result<ApplicationState, TransitionError> {
        use ApplicationState as S;
        use WorkflowAction as A;
        let next = match (self, action) {
            (S::Draft, A::StartInternalNotice) => S::InternalNotice,
            (S::InternalNotice, A::Send) => S::Submitted,
            (S::Submitted, A::Qualify) => S::Qualified,
            (S::Submitted, A::Return) => S::Returned,
            (S::Submitted, A::Reject) => S::Rejected,
            (S::Returned, A::Resubmit) => S::Submitted,
            (S::Qualified, A::Schedule) => S::Scheduled,
            (S::Scheduled, A::Pass) => S::Passed,
            (S::Scheduled, A::Fail) => S::Failed,
            (S::Passed, A::PublishNotice) => S::PublicNotice,
            (S::PublicNotice, A::Grant) => S::Granted,
            (S::PublicNotice, A::Overturn) => S::Failed,
            (S::Draft | S::InternalNotice | S::Returned, A::Withdraw) => S::Withdrawn,
            (state, action) => return Err(TransitionError { state, action }),
        };
        Ok(next)
    }
}

impl WorkflowAction {
    /// The stored code (the event log's `action`).
    pub fn as_str(self) -> &'static str {
        match self {
            WorkflowAction::StartInternalNotice => "start_internal_notice",
            WorkflowAction::Send => "send",
            WorkflowAction::Qualify => "qualify",
            WorkflowAction::Return => "return",
            WorkflowAction::Reject => "reject",
            WorkflowAction::Resubmit => "resubmit",
            WorkflowAction::Schedule => "schedule",
            WorkflowAction::Pass => "pass",
            WorkflowAction::Fail => "fail",
            WorkflowAction::PublishNotice => "publish_notice",
            WorkflowAction::Grant => "grant",
            WorkflowAction::Overturn => "overturn",
            WorkflowAction::Withdraw => "withdraw",
        }
    }
}
