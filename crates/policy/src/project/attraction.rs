//! The investment-attraction pipeline (招商引资): an `investment_target` is a project being
//! attracted, with its stage and its figures (planned investment, funds in place).
//!
//! A county reports (填报) a new project or a change — a later stage, or new figures at the
//! same stage — and a reviewer approves (审核通过) or returns it (退回, with a reason). Only
//! approved reports count: the approved stage and figures are what statistics read; a
//! pending report waits beside them.
//!
//! ```text
//!            report(to ≥ stage)            approve
//! (stage, —) ──────────────────▶ (stage, to) ───────▶ (to, —)
//!                                     │  return (reason)
//!                                     └───────────────▶ (stage, —)
//! stages: negotiating ─▶ signed ─▶ started ─▶ in_production   (在谈 → 签约 → 开工 → 投产)
//! ```

use super::key_project::codes;
use serde::{Deserialize, Serialize};

/// The stage of an attraction project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttractionStage {
    /// 在谈.
    Negotiating,
    /// 签约.
    Signed,
    /// 开工.
    Started,
    /// 投产.
    InProduction,
}

codes!(AttractionStage {
    Negotiating => "negotiating", Signed => "signed", Started => "started",
    InProduction => "in_production",
});

impl AttractionStage {
    /// Whether the project has been signed (签约 or later).
    pub fn is_signed(self) -> bool {
        self >= AttractionStage::Signed
    }
}

/// What someone does to an attraction project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetAction {
    /// The county reports a stage or figures (填报).
    Report,
    /// The reviewer approves the pending report (审核通过).
    Approve,
    /// The reviewer returns the pending report (退回).
    Return,
}

codes!(TargetAction { Report => "report", Approve => "approve", Return => "return" });

/// Who acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetRole {
    /// The county that keeps the project (填报单位).
    County,
    /// The reviewer (审核单位: the city's investment promotion office).
    Reviewer,
}

/// The state of an attraction project: the approved stage (none until a first report is
/// approved) and the stage of a report waiting for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TargetState {
    /// The approved stage.
    pub stage: Option<AttractionStage>,
    /// The stage a pending report asks for.
    pub pending: Option<AttractionStage>,
}

/// Why an action is refused (message-catalogue keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TargetRefusal {
    /// This role may not take this action.
    #[error("investment.workflow.role")]
    Role,
    /// Not now: a report is already pending (report), or none is (approve, return).
    #[error("investment.workflow.state")]
    State,
    /// The report asks for an earlier stage than the approved one.
    #[error("investment.workflow.backward")]
    Backward,
    /// A return needs a reason.
    #[error("common.reason_required")]
    ReasonRequired,
}

impl TargetRefusal {
    /// The message-catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            TargetRefusal::Role => "investment.workflow.role",
            TargetRefusal::State => "investment.workflow.state",
            TargetRefusal::Backward => "investment.workflow.backward",
            TargetRefusal::ReasonRequired => "common.reason_required",
        }
    }
}

impl TargetAction {
    /// The role that takes the action.
    pub fn role(self) -> TargetRole {
        match self {
            TargetAction::Report => TargetRole::County,
            TargetAction::Approve | TargetAction::Return => TargetRole::Reviewer,
        }
    }
}

/// The state after `role` takes `action` in `state` (a report asking for stage `to`, a return
/// with `comment`), or why not.
pub fn transition(
    state: TargetState,
    action: TargetAction,
    role: TargetRole,
    to: Option<AttractionStage>,
    comment: &str,
) -> Result<TargetState, TargetRefusal> {
    if action.role() != role {
        return Err(TargetRefusal::Role);
    }
    match action {
        TargetAction::Report => {
            if state.pending.is_some() {
                return Err(TargetRefusal::State);
            }
            let to = to.or(state.stage).ok_or(TargetRefusal::State)?;
            if state.stage.is_some_and(|s| to < s) {
                return Err(TargetRefusal::Backward);
            }
            Ok(TargetState {
                stage: state.stage,
                pending: Some(to),
            })
        }
        TargetAction::Approve => {
            let to = state.pending.ok_or(TargetRefusal::State)?;
            Ok(TargetState {
                stage: Some(to),
                pending: None,
            })
        }
        TargetAction::Return => {
            if state.pending.is_none() {
                return Err(TargetRefusal::State);
            }
            if comment.trim().is_empty() {
                return Err(TargetRefusal::ReasonRequired);
            }
            Ok(TargetState {
                stage: state.stage,
                pending: None,
            })
        }
    }
}

/// The actions `role` may take now (the buttons a page shows).
pub fn available(state: TargetState, role: TargetRole) -> Vec<TargetAction> {
    TargetAction::ALL
        .iter()
        .copied()
        .filter(|a| a.role() == role)
        .filter(|a| match a {
            TargetAction::Report => state.pending.is_none(),
            TargetAction::Approve | TargetAction::Return => state.pending.is_some(),
        })
        .collect()
}
