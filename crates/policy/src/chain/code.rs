//! The stable text code of a chain (`CP-ALU-FUNC`), which other contexts key on (the
//! statistics context's chain targets), and the errors of the chain domain.

use serde::Serialize;
use std::fmt;

/// Why chain input is refused; each variant names a message-catalogue key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    /// A code is 2 to 40 capitals, digits and hyphens, starting with a capital.
    #[error("chain.code_format")]
    CodeFormat,
    /// The segment is not upstream, midstream or downstream.
    #[error("chain.segment_unknown")]
    SegmentUnknown,
    /// The node kind is not `node` or `product`.
    #[error("chain.node_kind_unknown")]
    NodeKindUnknown,
    /// The role is not lead, backbone or supplier.
    #[error("chain.role_unknown")]
    RoleUnknown,
    /// The leader's role is not general, chain or deputy chain leader.
    #[error("chain.leader_role_unknown")]
    LeaderRoleUnknown,
    /// The patrol kind is not inquiry, inspection or diagnosis.
    #[error("chain.patrol_kind_unknown")]
    PatrolKindUnknown,
    /// The gap kind is not supply, technology, upstream or downstream.
    #[error("chain.gap_kind_unknown")]
    GapKindUnknown,
    /// A node cannot move under itself or under one of its own descendants.
    #[error("chain.move_cycle")]
    MoveCycle,
    /// The parent node belongs to another chain (or does not exist).
    #[error("chain.parent_unknown")]
    ParentUnknown,
    /// The investment target's action does not apply in its stage.
    #[error("chain.stage_not_allowed")]
    StageNotAllowed,
    /// The stage is not one of 在谈, 签约, 开工, 投产, 终止.
    #[error("chain.stage_unknown")]
    StageUnknown,
    /// The investment action is not `advance` or `drop`.
    #[error("chain.investment_action_unknown")]
    InvestmentActionUnknown,
}

impl ChainError {
    /// The message-catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            ChainError::CodeFormat => "chain.code_format",
            ChainError::SegmentUnknown => "chain.segment_unknown",
            ChainError::NodeKindUnknown => "chain.node_kind_unknown",
            ChainError::RoleUnknown => "chain.role_unknown",
            ChainError::LeaderRoleUnknown => "chain.leader_role_unknown",
            ChainError::PatrolKindUnknown => "chain.patrol_kind_unknown",
            ChainError::GapKindUnknown => "chain.gap_kind_unknown",
            ChainError::MoveCycle => "chain.move_cycle",
            ChainError::ParentUnknown => "chain.parent_unknown",
            ChainError::StageNotAllowed => "chain.stage_not_allowed",
            ChainError::StageUnknown => "chain.stage_unknown",
            ChainError::InvestmentActionUnknown => "chain.investment_action_unknown",
        }
    }
}

/// A chain's stable code: 2 to 40 characters of `A-Z`, `0-9` and `-`, starting with a capital
/// (`CP-ALU-FUNC`). Lower case is accepted and raised, so `cp-alu-func` is the same code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ChainCode(String);

impl ChainCode {
    /// Parses a code.
    pub fn parse(input: &str) -> Result<ChainCode, ChainError> {
        let s = input.trim().to_ascii_uppercase();
        let len = s.chars().count();
        let first_ok = s.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        let body_ok = s
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if (2..=40).contains(&len) && first_ok && body_ok && !s.ends_with('-') {
            Ok(ChainCode(s))
        } else {
            Err(ChainError::CodeFormat)
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ChainCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
