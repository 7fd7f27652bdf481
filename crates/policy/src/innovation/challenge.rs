//! The challenge (揭榜挂帅) workflow: the posting's state machine and the milestone plan whose
//! tranches must add up to the budget (榜额).

use crate::money::Fen;
use serde::{Deserialize, Serialize};

/// Where a challenge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeState {
    /// 草稿: the enterprise is writing it.
    Draft,
    /// 待审核: sent for review.
    Submitted,
    /// 退回修改: returned to the enterprise.
    Returned,
    /// 已发榜: published, teams may apply until the deadline.
    Published,
    /// 评审中: applications closed, under review (formal check, expert scores, defence).
    Reviewing,
    /// 公示中: the winner is on public notice.
    Notice,
    /// 实施中: the agreement is signed, milestones are being checked.
    Signed,
    /// 已结项: the final acceptance passed.
    Completed,
    /// 已终止 (final).
    Terminated,
}

/// What can be done to a challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeAction {
    /// The enterprise sends the posting for review.
    Submit,
    /// The reviewer returns it for correction.
    Return,
    /// The reviewer publishes it (发榜).
    Publish,
    /// Applications close and review starts.
    CloseApplications,
    /// The reviewer picks the winner; its public notice opens.
    SelectWinner,
    /// A sustained objection sends the challenge back to review.
    Overturn,
    /// The agreement is signed (after the notice cleared).
    Sign,
    /// A milestone is checked (mid-term or final acceptance).
    CheckMilestone,
    /// A tranche is released.
    ReleaseTranche,
    /// The final acceptance passed: the challenge is completed.
    Complete,
    /// Stopped for good.
    Terminate,
}

/// Why a challenge action or plan is refused (message-catalogue keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ChallengeError {
    /// The action is not allowed in the state.
    #[error("challenge.action_not_allowed")]
    NotAllowed,
    /// The budget is not positive.
    #[error("challenge.budget_positive")]
    BudgetNotPositive,
    /// No milestone.
    #[error("challenge.milestones_required")]
    NoMilestones,
    /// A tranche is not positive.
    #[error("challenge.tranche_positive")]
    TrancheNotPositive,
    /// The tranches do not add up to the budget.
    #[error("challenge.tranches_sum")]
    TranchesDoNotSum,
    /// The last milestone is not the final acceptance, or a final acceptance is not last.
    #[error("challenge.final_last")]
    FinalNotLast,
    /// Milestone dates go backwards or fall outside the period.
    #[error("challenge.milestone_dates")]
    MilestoneDates,
}

impl ChallengeError {
    /// The message-catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            ChallengeError::NotAllowed => "challenge.action_not_allowed",
            ChallengeError::BudgetNotPositive => "challenge.budget_positive",
            ChallengeError::NoMilestones => "challenge.milestones_required",
            ChallengeError::TrancheNotPositive => "challenge.tranche_positive",
            ChallengeError::TranchesDoNotSum => "challenge.tranches_sum",
            ChallengeError::FinalNotLast => "challenge.final_last",
            ChallengeError::MilestoneDates => "challenge.milestone_dates",
        }
    }
}

impl ChallengeState {
    /// Every state, in workflow order.
    pub const ALL: &'static [ChallengeState] = &[
        ChallengeState::Draft,
        ChallengeState::Submitted,
        ChallengeState::Returned,
        ChallengeState::Published,
        ChallengeState::Reviewing,
        ChallengeState::Notice,
        ChallengeState::Signed,
        ChallengeState::Completed,
        ChallengeState::Terminated,
    ];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeState::Draft => "draft",
            ChallengeState::Submitted => "submitted",
            ChallengeState::Returned => "returned",
            ChallengeState::Published => "published",
            ChallengeState::Reviewing => "reviewing",
            ChallengeState::Notice => "notice",
            ChallengeState::Signed => "signed",
            ChallengeState::Completed => "completed",
            ChallengeState::Terminated => "terminated",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<ChallengeState> {
        ChallengeState::ALL
            .iter()
            .copied()
            .find(|st| st.as_str() == s.trim())
    }

    /// Whether anyone may read it (it has been published).
    pub fn is_public(self) -> bool {
        !matches!(
            self,
            ChallengeState::Draft | ChallengeState::Submitted | ChallengeState::Returned
        )
    }

    /// Whether teams may apply now.
    pub fn accepts_applications(self) -> bool {
        self == ChallengeState::Published
    }

    /// Whether a winner has been chosen (a team is matched with the enterprise).
    pub fn has_winner(self) -> bool {
        matches!(
            self,
            ChallengeState::Notice | ChallengeState::Signed | ChallengeState::Completed
        )
    }

    /// Whether the agreement is signed.
    pub fn is_signed(self) -> bool {
        matches!(self, ChallengeState::Signed | ChallengeState::Completed)
    }

    /// The next state after `action`, or the refusal.
    pub fn next(self, action: ChallengeAction) -> Result<ChallengeState, ChallengeError> {
        use ChallengeAction as A;
        use ChallengeState as S;
        let next = match (self, action) {
            (S::Draft | S::Returned, A::Submit) => S::Submitted,
            (S::Submitted, A::Return) => S::Returned,
            (S::Submitted, A::Publish) => S::Published,
            (S::Published, A::CloseApplications) => S::Reviewing,
            (S::Reviewing, A::SelectWinner) => S::Notice,
            (S::Notice, A::Overturn) => S::Reviewing,
            (S::Notice, A::Sign) => S::Signed,
            (S::Signed, A::CheckMilestone | A::ReleaseTranche) => S::Signed,
            (S::Completed, A::ReleaseTranche) => S::Completed,
            (S::Signed, A::Complete) => S::Completed,
            (s, A::Terminate) if !matches!(s, S::Completed | S::Terminated) => S::Terminated,
            _ => return Err(ChallengeError::NotAllowed),
        };
        Ok(next)
    }
}

impl ChallengeAction {
    /// Every action.
    pub const ALL: &'static [ChallengeAction] = &[
        ChallengeAction::Submit,
        ChallengeAction::Return,
        ChallengeAction::Publish,
        ChallengeAction::CloseApplications,
        ChallengeAction::SelectWinner,
        ChallengeAction::Overturn,
        ChallengeAction::Sign,
        ChallengeAction::CheckMilestone,
        ChallengeAction::ReleaseTranche,
        ChallengeAction::Complete,
        ChallengeAction::Terminate,
    ];

    /// The stored code (the event log's `action`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeAction::Submit => "submit",
            ChallengeAction::Return => "return",
            ChallengeAction::Publish => "publish",
            ChallengeAction::CloseApplications => "close_applications",
            ChallengeAction::SelectWinner => "select_winner",
            ChallengeAction::Overturn => "overturn",
            ChallengeAction::Sign => "sign",
            ChallengeAction::CheckMilestone => "check_milestone",
            ChallengeAction::ReleaseTranche => "release_tranche",
            ChallengeAction::Complete => "complete",
            ChallengeAction::Terminate => "terminate",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<ChallengeAction> {
        ChallengeAction::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == s.trim())
    }
}

/// What a milestone checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// The tranche paid when the agreement is signed (no check).
    Signing,
    /// A mid-term check against the agreement's targets (中期评估).
    MidTerm,
    /// The final acceptance against the posted indicators (验收).
    Final,
}

impl MilestoneKind {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneKind::Signing => "signing",
            MilestoneKind::MidTerm => "mid_term",
            MilestoneKind::Final => "final",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<MilestoneKind> {
        [
            MilestoneKind::Signing,
            MilestoneKind::MidTerm,
            MilestoneKind::Final,
        ]
        .into_iter()
        .find(|k| k.as_str() == s.trim())
    }
}

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    /// Not yet checked.
    Pending,
    /// Checked and accepted: its tranche may be released.
    Accepted,
    /// Checked and not accepted (may be checked again).
    Failed,
    /// Its tranche has been released.
    Paid,
}

impl MilestoneStatus {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneStatus::Pending => "pending",
            MilestoneStatus::Accepted => "accepted",
            MilestoneStatus::Failed => "failed",
            MilestoneStatus::Paid => "paid",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<MilestoneStatus> {
        [
            MilestoneStatus::Pending,
            MilestoneStatus::Accepted,
            MilestoneStatus::Failed,
            MilestoneStatus::Paid,
        ]
        .into_iter()
        .find(|k| k.as_str() == s.trim())
    }

    /// Whether the milestone's check passed (accepted, and maybe paid since).
    pub fn passed(self) -> bool {
        matches!(self, MilestoneStatus::Accepted | MilestoneStatus::Paid)
    }
}

/// One milestone of a plan, as the checks need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestonePlan {
    /// What it checks.
    pub kind: MilestoneKind,
    /// Its tranche.
    pub amount: Fen,
    /// Months after signing it falls due.
    pub due_month: u32,
}

/// Checks a milestone plan against the budget and the period (in months): the tranches are
/// positive and add up exactly to the budget, months do not go backwards nor past the period,
/// a signing tranche can only come first, and the plan ends with exactly one final acceptance.
pub fn check_milestones(
    budget: Fen,
    period_months: u32,
    plan: &[MilestonePlan],
) -> Result<(), ChallengeError> {
    if budget.get() <= 0 {
        return Err(ChallengeError::BudgetNotPositive);
    }
    let Some(last) = plan.last() else {
        return Err(ChallengeError::NoMilestones);
    };
    if plan.iter().any(|m| m.amount.get() <= 0) {
        return Err(ChallengeError::TrancheNotPositive);
    }
    let sum = plan
        .iter()
        .try_fold(0i64, |acc, m| acc.checked_add(m.amount.get()));
    if sum != Some(budget.get()) {
        return Err(ChallengeError::TranchesDoNotSum);
    }
    let finals = plan
        .iter()
        .filter(|m| m.kind == MilestoneKind::Final)
        .count();
    if last.kind != MilestoneKind::Final || finals != 1 {
        return Err(ChallengeError::FinalNotLast);
    }
    let signing_late = plan
        .iter()
        .skip(1)
        .any(|m| m.kind == MilestoneKind::Signing);
    if signing_late {
        return Err(ChallengeError::MilestoneDates);
    }
    let backwards = plan.windows(2).any(|w| w[1].due_month < w[0].due_month);
    if backwards || last.due_month > period_months {
        return Err(ChallengeError::MilestoneDates);
    }
    Ok(())
}
