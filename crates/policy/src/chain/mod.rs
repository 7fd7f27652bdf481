//! Industry chains under the chain-leader system (产业链链长制, `policy-rules.md` §4): the
//! chain's code, its map (a tree of segment nodes with enterprises attached in a role), the gap
//! analysis over that map, the investment-target stages and the chain figures.
//!
//! Everything here is a pure function of records already read, so the figures and gaps can be
//! recomputed from the database at any time and benchmarked without one.

mod code;
pub mod figures;
pub mod gap;
pub mod investment;
pub mod map;
pub mod titles;

pub use code::{ChainCode, ChainError};
pub use gap::{Gap, GapKind, GapReason, LinkInput, NodeInput, find_gaps};
pub use investment::{InvestmentAction, InvestmentStage};
pub use map::{EnterpriseRole, LeaderRole, NodeKind, PatrolKind, Segment};
pub use titles::{TitleRules, TitleRulesError, TitleSummary};

#[cfg(test)]
mod tests;
