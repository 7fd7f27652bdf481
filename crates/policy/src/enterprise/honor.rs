//! Honors (荣誉/称号): titles an enterprise holds, at a level, for a period.

use serde::{Deserialize, Serialize};

/// The titles in play (`seed-facts.md` §2), with their code names from the glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HonorTitle {
    /// 科技型中小企业.
    TechSme,
    /// 创新型中小企业.
    Innovative,
    /// 专精特新中小企业.
    Specialized,
    /// 专精特新"小巨人".
    LittleGiant,
    /// 重点"小巨人".
    KeyLittleGiant,
    /// 制造业单项冠军.
    SingleChampion,
    /// 瞪羚企业.
    Gazelle,
    /// 高新技术企业.
    HighTech,
    /// 技术创新示范企业.
    TechInnovationDemo,
    /// 企业技术中心.
    TechCenter,
    /// 工业设计中心.
    DesignCenter,
    /// 绿色工厂.
    GreenFactory,
    /// 企业重点实验室.
    KeyLab,
    /// 技术创新中心.
    InnovationCenter,
}

impl HonorTitle {
    /// Every title, in tier order first.
    pub const ALL: &'static [HonorTitle] = &[
        HonorTitle::TechSme,
        HonorTitle::Innovative,
        HonorTitle::Specialized,
        HonorTitle::LittleGiant,
        HonorTitle::KeyLittleGiant,
        HonorTitle::SingleChampion,
        HonorTitle::Gazelle,
        HonorTitle::HighTech,
        HonorTitle::TechInnovationDemo,
        HonorTitle::TechCenter,
        HonorTitle::DesignCenter,
        HonorTitle::GreenFactory,
        HonorTitle::KeyLab,
        HonorTitle::InnovationCenter,
    ];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            HonorTitle::TechSme => "tech_sme",
            HonorTitle::Innovative => "innovative",
            HonorTitle::Specialized => "specialized",
            HonorTitle::LittleGiant => "little_giant",
            HonorTitle::KeyLittleGiant => "key_little_giant",
            HonorTitle::SingleChampion => "single_champion",
            HonorTitle::Gazelle => "gazelle",
            HonorTitle::HighTech => "high_tech",
            HonorTitle::TechInnovationDemo => "tech_innovation_demo",
            HonorTitle::TechCenter => "tech_center",
            HonorTitle::DesignCenter => "design_center",
            HonorTitle::GreenFactory => "green_factory",
            HonorTitle::KeyLab => "key_lab",
            HonorTitle::InnovationCenter => "innovation_center",
        }
    }

    /// The Chinese name, as templates and imports write it.
    pub fn name_zh(self) -> &'static str {
        match self {
            HonorTitle::TechSme => "科技型中小企业",
            HonorTitle::Innovative => "创新型中小企业",
            HonorTitle::Specialized => "专精特新中小企业",
            HonorTitle::LittleGiant => "专精特新\"小巨人\"企业",
            HonorTitle::KeyLittleGiant => "重点\"小巨人\"企业",
            HonorTitle::SingleChampion => "制造业单项冠军",
            HonorTitle::Gazelle => "瞪羚企业",
            HonorTitle::HighTech => "高新技术企业",
            HonorTitle::TechInnovationDemo => "技术创新示范企业",
            HonorTitle::TechCenter => "企业技术中心",
            HonorTitle::DesignCenter => "工业设计中心",
            HonorTitle::GreenFactory => "绿色工厂",
            HonorTitle::KeyLab => "企业重点实验室",
            HonorTitle::InnovationCenter => "技术创新中心",
        }
    }

    /// Parses the code or the Chinese name (quotes of any kind ignored).
    pub fn parse(s: &str) -> Option<HonorTitle> {
        let clean: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, '"' | '“' | '”' | '\''))
            .collect();
        HonorTitle::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == clean || t.name_zh().replace('"', "") == clean)
    }
}

/// The level that awarded a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HonorLevel {
    /// 市级.
    City,
    /// 省级.
    Provincial,
    /// 国家级.
    National,
}

impl HonorLevel {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            HonorLevel::City => "city",
            HonorLevel::Provincial => "provincial",
            HonorLevel::National => "national",
        }
    }

    /// Parses the code or the Chinese (国家级/省级/市级).
    pub fn parse(s: &str) -> Option<HonorLevel> {
        match s.trim() {
            "city" | "市级" | "市" => Some(HonorLevel::City),
            "provincial" | "省级" | "省" => Some(HonorLevel::Provincial),
            "national" | "国家级" | "国家" => Some(HonorLevel::National),
            _ => None,
        }
    }
}

/// Whether a title holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HonorStatus {
    /// 有效.
    Valid,
    /// 已过期.
    Expired,
    /// 已撤销 (with a reason).
    Revoked,
}

impl HonorStatus {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            HonorStatus::Valid => "valid",
            HonorStatus::Expired => "expired",
            HonorStatus::Revoked => "revoked",
        }
    }

    /// Parses a stored code or Chinese word.
    pub fn parse(s: &str) -> Option<HonorStatus> {
        match s.trim() {
            "valid" | "有效" => Some(HonorStatus::Valid),
            "expired" | "已过期" | "过期" => Some(HonorStatus::Expired),
            "revoked" | "已撤销" | "撤销" => Some(HonorStatus::Revoked),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_parse_by_code_and_by_chinese_name() {
        for t in HonorTitle::ALL {
            assert_eq!(HonorTitle::parse(t.as_str()), Some(*t));
            assert_eq!(HonorTitle::parse(t.name_zh()), Some(*t), "{}", t.name_zh());
        }
        assert_eq!(
            HonorTitle::parse("专精特新“小巨人”企业"),
            Some(HonorTitle::LittleGiant)
        );
        assert_eq!(HonorLevel::parse("国家级"), Some(HonorLevel::National));
        assert!(HonorLevel::National > HonorLevel::Provincial);
    }
}
