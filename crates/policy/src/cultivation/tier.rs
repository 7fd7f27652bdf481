//! The tiers a rule set is for, and the review levels an application passes.

use crate::enterprise::HonorTitle;
use serde::{Deserialize, Serialize};

/// A cultivation tier (the title a rule set decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 科技型中小企业.
    TechSme,
    /// 创新型中小企业.
    Innovative,
    /// 专精特新中小企业.
    Specialized,
    /// 专精特新"小巨人".
    LittleGiant,
    /// 制造业单项冠军.
    SingleChampion,
    /// 瞪羚企业.
    Gazelle,
}

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: &'static [Tier] = &[
        Tier::TechSme,
        Tier::Innovative,
        Tier::Specialized,
        Tier::LittleGiant,
        Tier::SingleChampion,
        Tier::Gazelle,
    ];

    /// The code (`tech_sme`, …), as the API and rule files write it.
    pub fn as_str(self) -> &'static str {
        self.title().as_str()
    }

    /// The title a recognition in this tier grants.
    pub fn title(self) -> HonorTitle {
        match self {
            Tier::TechSme => HonorTitle::TechSme,
            Tier::Innovative => HonorTitle::Innovative,
            Tier::Specialized => HonorTitle::Specialized,
            Tier::LittleGiant => HonorTitle::LittleGiant,
            Tier::SingleChampion => HonorTitle::SingleChampion,
            Tier::Gazelle => HonorTitle::Gazelle,
        }
    }

    /// The Chinese name.
    pub fn name_zh(self) -> &'static str {
        self.title().name_zh()
    }

    /// Parses a tier code.
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.iter().copied().find(|t| t.as_str() == s.trim())
    }
}

/// A level an application passes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewLevel {
    /// 企业 (self-assessment and submission).
    Enterprise,
    /// 区县.
    County,
    /// 地市.
    City,
    /// 省.
    Province,
    /// 工业和信息化部.
    Ministry,
}

impl ReviewLevel {
    /// The code.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewLevel::Enterprise => "enterprise",
            ReviewLevel::County => "county",
            ReviewLevel::City => "city",
            ReviewLevel::Province => "province",
            ReviewLevel::Ministry => "ministry",
        }
    }

    /// The Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            ReviewLevel::Enterprise => "企业",
            ReviewLevel::County => "区县",
            ReviewLevel::City => "地市",
            ReviewLevel::Province => "省",
            ReviewLevel::Ministry => "工业和信息化部",
        }
    }
}
