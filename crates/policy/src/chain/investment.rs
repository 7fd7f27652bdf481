//! Investment targets of targeted attraction (靶向招商): the stages a target moves through,
//! 在谈 → 签约 → 开工 → 投产, or dropped on the way.

use super::ChainError;
use super::map::codes;

codes!(
    /// Where an investment target stands.
    InvestmentStage, ChainError::StageUnknown, {
        /// 在谈.
        Negotiating => "negotiating",
        /// 签约.
        Signed => "signed",
        /// 开工.
        Started => "started",
        /// 投产.
        InProduction => "in_production",
        /// 终止: talks ended without a project.
        Dropped => "dropped",
    }
);

impl InvestmentStage {
    /// The stage `advance` leads to, if any.
    pub fn next(self) -> Option<InvestmentStage> {
        match self {
            InvestmentStage::Negotiating => Some(InvestmentStage::Signed),
            InvestmentStage::Signed => Some(InvestmentStage::Started),
            InvestmentStage::Started => Some(InvestmentStage::InProduction),
            InvestmentStage::InProduction | InvestmentStage::Dropped => None,
        }
    }

    /// Whether a signed project exists (signed, started or producing).
    pub fn is_signed(self) -> bool {
        matches!(
            self,
            InvestmentStage::Signed | InvestmentStage::Started | InvestmentStage::InProduction
        )
    }

    /// Whether nothing can happen any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            InvestmentStage::InProduction | InvestmentStage::Dropped
        )
    }
}

codes!(
    /// What can be done to an investment target.
    InvestmentAction, ChainError::InvestmentActionUnknown, {
        /// Move on to the next stage.
        Advance => "advance",
        /// End the talks (only before signing).
        Drop => "drop",
    }
);

impl InvestmentAction {
    /// The stage the action leads to from `from`, or why not.
    pub fn apply(self, from: InvestmentStage) -> Result<InvestmentStage, ChainError> {
        match self {
            InvestmentAction::Advance => from.next().ok_or(ChainError::StageNotAllowed),
            // A signed contract is not dropped silently: it stays a project, and its end is
            // the projects context's business.
            InvestmentAction::Drop if from == InvestmentStage::Negotiating => {
                Ok(InvestmentStage::Dropped)
            }
            InvestmentAction::Drop => Err(ChainError::StageNotAllowed),
        }
    }
}
