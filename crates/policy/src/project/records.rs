//! The kinds of land disposal (批而未供土地处置方式) and of digital records (数字化).

use super::key_project::codes;
use serde::{Deserialize, Serialize};

/// How approved-but-unsupplied land was disposed of (处置方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisposalMethod {
    /// 供应: supplied (granted or allocated) to a user.
    Supplied,
    /// 核减撤回: the approval reduced or withdrawn.
    Withdrawn,
    /// 调整用途: re-planned for another use.
    Replanned,
    /// 其他.
    Other,
}

codes!(DisposalMethod {
    Supplied => "supplied", Withdrawn => "withdrawn", Replanned => "replanned", Other => "other",
});

/// What a digital record counts (数字化指标).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DigitalKind {
    /// 5G 基站: a batch of base stations built, counted, with its source (an operator's
    /// register) — one record per batch, not per mast.
    BaseStation5g,
    /// 企业上云: one enterprise newly on the cloud.
    CloudAdoption,
    /// 两化融合管理体系贯标认证: one enterprise certified.
    IntegrationCertification,
    /// 数据管理能力成熟度 (DCMM) 认证: one enterprise certified.
    DcmmCertification,
}

codes!(DigitalKind {
    BaseStation5g => "base_station_5g", CloudAdoption => "cloud_adoption",
    IntegrationCertification => "integration_certification", DcmmCertification => "dcmm_certification",
});

impl DigitalKind {
    /// Whether a record of this kind is about one enterprise (and counts 1): everything but
    /// the base-station batches.
    pub fn per_enterprise(self) -> bool {
        !matches!(self, DigitalKind::BaseStation5g)
    }

    /// The Chinese name (exports and the kind filter).
    pub fn name_zh(self) -> &'static str {
        match self {
            DigitalKind::BaseStation5g => "5G基站",
            DigitalKind::CloudAdoption => "企业上云",
            DigitalKind::IntegrationCertification => "两化融合贯标",
            DigitalKind::DcmmCertification => "DCMM贯标",
        }
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        match self {
            DigitalKind::BaseStation5g => "5G base stations",
            DigitalKind::CloudAdoption => "Enterprise on the cloud",
            DigitalKind::IntegrationCertification => "Integration certified",
            DigitalKind::DcmmCertification => "DCMM certified",
        }
    }
}
