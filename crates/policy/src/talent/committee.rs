//! Committees (评审委员会): size by how they are organised, and the length of their approval.

use super::TitleLevel;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How a committee is organised: by a whole series, or by one specialty of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitteeOrg {
    /// 按系列组建.
    Series,
    /// 按专业组建.
    Specialty,
}

/// The size and approval rules of committees (editable data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeRules {
    /// The number of members must be odd.
    pub odd_size: bool,
    /// Fewest members of a senior committee organised by series.
    pub min_senior_by_series: u32,
    /// Fewest members of a senior committee organised by specialty.
    pub min_senior_by_specialty: u32,
    /// Longest approval (核准备案), in years.
    pub max_approval_years: u32,
}

/// What is wrong with a committee; each names a message-catalogue key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum CommitteeProblem {
    /// The size is even.
    EvenSize {
        /// The size given.
        size: u32,
    },
    /// Too few members for a senior committee.
    TooSmall {
        /// The size given.
        size: u32,
        /// The least allowed.
        min: u32,
    },
    /// The approval ends before it starts.
    ExpiresBeforeApproval,
    /// The approval runs longer than allowed.
    ApprovalTooLong {
        /// The longest allowed, years.
        max_years: u32,
    },
}

impl CommitteeProblem {
    /// The message-catalogue key.
    pub fn key(&self) -> &'static str {
        match self {
            CommitteeProblem::EvenSize { .. } => "talent.committee_even_size",
            CommitteeProblem::TooSmall { .. } => "talent.committee_too_small",
            CommitteeProblem::ExpiresBeforeApproval => "talent.committee_expires_before",
            CommitteeProblem::ApprovalTooLong { .. } => "talent.committee_approval_too_long",
        }
    }

    /// The field the problem is about.
    pub fn field(&self) -> &'static str {
        match self {
            CommitteeProblem::EvenSize { .. } | CommitteeProblem::TooSmall { .. } => "size",
            _ => "expires_on",
        }
    }
}

impl CommitteeRules {
    /// The least size of a committee at `level` organised by `org` (1 when no minimum).
    pub fn min_size(&self, org: CommitteeOrg, level: TitleLevel) -> u32 {
        match (level.is_senior(), org) {
            (true, CommitteeOrg::Series) => self.min_senior_by_series,
            (true, CommitteeOrg::Specialty) => self.min_senior_by_specialty,
            (false, _) => 1,
        }
    }

    /// Every problem of a committee of `size` members, approved from `approved_on` to
    /// `expires_on` (at most `max_approval_years` years: the same day that many years later).
    pub fn check(
        &self,
        org: CommitteeOrg,
        level: TitleLevel,
        size: u32,
        approved_on: NaiveDate,
        expires_on: NaiveDate,
    ) -> Vec<CommitteeProblem> {
        let mut out = Vec::new();
        if self.odd_size && size.is_multiple_of(2) {
            out.push(CommitteeProblem::EvenSize { size });
        }
        let min = self.min_size(org, level);
        if size < min {
            out.push(CommitteeProblem::TooSmall { size, min });
        }
        if expires_on < approved_on {
            out.push(CommitteeProblem::ExpiresBeforeApproval);
        } else {
            let years = i32::try_from(self.max_approval_years).unwrap_or(i32::MAX);
            let limit = approved_on
                .with_year(approved_on.year().saturating_add(years))
                // 29 February: the limit falls on 28 February.
                .or_else(|| {
                    approved_on
                        .pred_opt()
                        .and_then(|d| d.with_year(d.year().saturating_add(years)))
                })
                .unwrap_or(NaiveDate::MAX);
            if expires_on > limit {
                out.push(CommitteeProblem::ApprovalTooLong {
                    max_years: self.max_approval_years,
                });
            }
        }
        out
    }
}
