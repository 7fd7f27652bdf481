//! The recommendation quota (举荐名额): per enterprise per year, from its highest valid honor.

use crate::enterprise::{HonorLevel, HonorStatus, HonorTitle};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One row of the quota rule: an honor at a level grants so many recommendations a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaRow {
    /// Honor titles the row matches.
    pub titles: Vec<HonorTitle>,
    /// Their level.
    pub level: HonorLevel,
    /// Recommendations per enterprise per year.
    pub per_year: u32,
}

/// What the quota rule needs of an honor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HonorFact {
    /// Title.
    pub title: HonorTitle,
    /// Level.
    pub level: HonorLevel,
    /// Status.
    pub status: HonorStatus,
    /// First valid day (none: from the start).
    pub valid_from: Option<NaiveDate>,
    /// Last valid day (none: open-ended).
    pub valid_to: Option<NaiveDate>,
}

impl HonorFact {
    /// Whether the honor holds on `day`: valid status and `day` within its dates (inclusive).
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.status == HonorStatus::Valid
            && self.valid_from.is_none_or(|f| f <= day)
            && self.valid_to.is_none_or(|t| day <= t)
    }
}

/// An enterprise's quota for a year, with the honor it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotaDecision {
    /// Recommendations allowed this year.
    pub quota: u32,
    /// The honor title the quota comes from (none: no qualifying honor).
    pub basis_title: Option<HonorTitle>,
    /// Its level.
    pub basis_level: Option<HonorLevel>,
}

/// Why a recommendation is refused: the quota is used up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotaExceeded {
    /// The quota.
    pub quota: u32,
    /// Places used so far.
    pub used: u32,
}

/// The quota of an enterprise holding `honors`, on `day`: the first rule row (in file order,
/// highest first) matched by an honor valid that day; 0 when none matches.
pub fn quota_on(rows: &[QuotaRow], honors: &[HonorFact], day: NaiveDate) -> QuotaDecision {
    for row in rows {
        if let Some(h) = honors
            .iter()
            .find(|h| h.valid_on(day) && h.level == row.level && row.titles.contains(&h.title))
        {
            return QuotaDecision {
                quota: row.per_year,
                basis_title: Some(h.title),
                basis_level: Some(h.level),
            };
        }
    }
    QuotaDecision {
        quota: 0,
        basis_title: None,
        basis_level: None,
    }
}

/// The slot (1-based) the next recommendation takes, or the refusal when `used` already
/// fills `quota`.
pub fn next_slot(quota: u32, used: u32) -> Result<u32, QuotaExceeded> {
    if used < quota {
        Ok(used + 1)
    } else {
        Err(QuotaExceeded { quota, used })
    }
}
