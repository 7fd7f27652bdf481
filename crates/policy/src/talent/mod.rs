//! Professional titles (职称) for enterprise engineers: levels, series and specialties, the
//! ordinary-route conditions, the recommendation quota, committees, the secret ballot and the
//! application workflow. Every threshold comes from a rule file (`rules/talent-*.toml`).

mod ballot;
mod committee;
mod conditions;
mod quota;
mod rules;
mod workflow;

/// The attachment limits are shared with other contexts (`crate::attachment`).
pub use crate::attachment::{AttachmentProblem, AttachmentRules, file_kind};
pub use ballot::{Fraction, Tally, TallyOutcome, VoteChoice};
pub use committee::{CommitteeOrg, CommitteeProblem, CommitteeRules};
pub use conditions::{
    Candidate, ConditionCheck, ConditionPath, ConditionReport, LevelConditions, PathReport,
};
pub use quota::{HonorFact, QuotaDecision, QuotaExceeded, QuotaRow, next_slot, quota_on};
pub use rules::{
    BallotRules, NoticeRules, RecommendationRules, Series, Specialty, TalentRules, TalentRulesError,
};
pub use workflow::{ApplicationState, TransitionError, WorkflowAction};

use serde::{Deserialize, Serialize};

/// 正高级 / 副高级 / 中级 / 助理级 / 员级 (初级 splits into the last two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleLevel {
    /// 员级 (初级).
    Member,
    /// 助理级 (初级).
    Assistant,
    /// 中级.
    Intermediate,
    /// 副高级.
    AssociateSenior,
    /// 正高级.
    FullSenior,
}

impl TitleLevel {
    /// Every level, highest first.
    pub const ALL: &'static [TitleLevel] = &[
        TitleLevel::FullSenior,
        TitleLevel::AssociateSenior,
        TitleLevel::Intermediate,
        TitleLevel::Assistant,
        TitleLevel::Member,
    ];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            TitleLevel::FullSenior => "full_senior",
            TitleLevel::AssociateSenior => "associate_senior",
            TitleLevel::Intermediate => "intermediate",
            TitleLevel::Assistant => "assistant",
            TitleLevel::Member => "member",
        }
    }

    /// The band statistics count by: `full_senior`, `associate_senior`, `intermediate`,
    /// `junior` (助理级 and 员级 together).
    pub fn band(self) -> &'static str {
        match self {
            TitleLevel::Assistant | TitleLevel::Member => "junior",
            other => other.as_str(),
        }
    }

    /// Whether this is a senior title (正高级 or 副高级).
    pub fn is_senior(self) -> bool {
        matches!(self, TitleLevel::FullSenior | TitleLevel::AssociateSenior)
    }

    /// Parses the code or the Chinese name.
    pub fn parse(s: &str) -> Option<TitleLevel> {
        match s.trim() {
            "full_senior" | "正高级" => Some(TitleLevel::FullSenior),
            "associate_senior" | "副高级" => Some(TitleLevel::AssociateSenior),
            "intermediate" | "中级" => Some(TitleLevel::Intermediate),
            "assistant" | "助理级" | "初级(助理级)" => Some(TitleLevel::Assistant),
            "member" | "员级" | "初级(员级)" => Some(TitleLevel::Member),
            _ => None,
        }
    }
}

/// Highest education, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// 中专 / 高中.
    Secondary,
    /// 大专.
    Associate,
    /// 本科.
    Bachelor,
    /// 硕士.
    Master,
    /// 博士.
    Doctorate,
}

impl Education {
    /// Every degree, lowest first.
    pub const ALL: &'static [Education] = &[
        Education::Secondary,
        Education::Associate,
        Education::Bachelor,
        Education::Master,
        Education::Doctorate,
    ];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Education::Secondary => "secondary",
            Education::Associate => "associate",
            Education::Bachelor => "bachelor",
            Education::Master => "master",
            Education::Doctorate => "doctorate",
        }
    }

    /// Parses the code or the Chinese word.
    pub fn parse(s: &str) -> Option<Education> {
        match s.trim() {
            "secondary" | "中专" | "高中" => Some(Education::Secondary),
            "associate" | "大专" => Some(Education::Associate),
            "bachelor" | "本科" => Some(Education::Bachelor),
            "master" | "硕士" => Some(Education::Master),
            "doctorate" | "博士" => Some(Education::Doctorate),
            _ => None,
        }
    }
}

/// How an application comes in: the ordinary route, or recommended (举荐) by the enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// 常规申报: the conditions on prior title, education and years apply.
    Ordinary,
    /// 举荐制: exempt from those conditions, within the enterprise's quota.
    Recommendation,
}

impl Route {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Ordinary => "ordinary",
            Route::Recommendation => "recommendation",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<Route> {
        match s.trim() {
            "ordinary" => Some(Route::Ordinary),
            "recommendation" => Some(Route::Recommendation),
            _ => None,
        }
    }
}

/// Masks a resident ID number for anyone without the personal-data permission: the first
/// four and the last two characters stay, the rest become `*`.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() <= 6 {
        return "*".repeat(chars.len());
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < 4 || i >= chars.len() - 2 {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// Checks a resident ID number (GB 11643-1999: 17 digits and a check character).
pub fn id_number_valid(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = id.trim().as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let expected = CHECK[(sum % 11) as usize];
    b[17].to_ascii_uppercase() == expected
}

#[cfg(test)]
mod tests;
