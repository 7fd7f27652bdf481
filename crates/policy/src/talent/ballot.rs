//! The secret ballot: quorum, tallies and the pass threshold, in exact integer arithmetic.

use serde::{Deserialize, Serialize};

/// A share such as two thirds, compared exactly ("at least" includes the edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fraction {
    /// Top.
    pub numerator: u32,
    /// Bottom (never 0 in a validated rule file).
    pub denominator: u32,
}

impl Fraction {
    /// Whether `part` is at least this share of `whole` (`part / whole ≥ n / d`).
    pub fn reached(self, part: u32, whole: u32) -> bool {
        u64::from(part) * u64::from(self.denominator)
            >= u64::from(whole) * u64::from(self.numerator)
    }

    /// The smallest `part` that reaches this share of `whole`.
    pub fn least_of(self, whole: u32) -> u32 {
        let d = u64::from(self.denominator.max(1));
        let need = (u64::from(whole) * u64::from(self.numerator)).div_ceil(d);
        u32::try_from(need).unwrap_or(u32::MAX)
    }
}

/// One vote on one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteChoice {
    /// 同意.
    Yes,
    /// 不同意.
    No,
    /// 弃权.
    Abstain,
}

impl VoteChoice {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            VoteChoice::Yes => "yes",
            VoteChoice::No => "no",
            VoteChoice::Abstain => "abstain",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<VoteChoice> {
        match s.trim() {
            "yes" => Some(VoteChoice::Yes),
            "no" => Some(VoteChoice::No),
            "abstain" => Some(VoteChoice::Abstain),
            _ => None,
        }
    }
}

/// The votes counted for one candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// 同意.
    pub yes: u32,
    /// 不同意.
    pub no: u32,
    /// 弃权.
    pub abstain: u32,
}

/// What a tally means for a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyOutcome {
    /// Experts attending.
    pub attending: u32,
    /// Yes votes needed.
    pub needed: u32,
    /// Whether the candidate passes.
    pub passed: bool,
}

impl Tally {
    /// Adds one vote.
    pub fn add(&mut self, choice: VoteChoice) {
        match choice {
            VoteChoice::Yes => self.yes += 1,
            VoteChoice::No => self.no += 1,
            VoteChoice::Abstain => self.abstain += 1,
        }
    }

    /// Votes cast.
    pub fn cast(&self) -> u32 {
        self.yes + self.no + self.abstain
    }

    /// The outcome with `attending` experts present: passes when yes ≥ `pass` of them. An
    /// expert who did not vote counts as not voting yes.
    pub fn outcome(&self, pass: super::Fraction, attending: u32) -> TallyOutcome {
        TallyOutcome {
            attending,
            needed: pass.least_of(attending),
            passed: attending > 0 && pass.reached(self.yes, attending),
        }
    }
}
