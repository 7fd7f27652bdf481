//! Enterprise size (大/中/小/微) by the 2011 SME classification, from staff and revenue.

use crate::money::Fen;
use serde::{Deserialize, Serialize};

/// 大 / 中 / 小 / 微.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// 微型.
    Micro,
    /// 小型.
    Small,
    /// 中型.
    Medium,
    /// 大型.
    Large,
}

impl SizeClass {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SizeClass::Micro => "micro",
            SizeClass::Small => "small",
            SizeClass::Medium => "medium",
            SizeClass::Large => "large",
        }
    }

    /// Parses a stored name or the Chinese word (大/中/小/微, with or without 型).
    pub fn parse(s: &str) -> Option<SizeClass> {
        match s.trim() {
            "micro" | "微" | "微型" => Some(SizeClass::Micro),
            "small" | "小" | "小型" => Some(SizeClass::Small),
            "medium" | "中" | "中型" => Some(SizeClass::Medium),
            "large" | "大" | "大型" => Some(SizeClass::Large),
            _ => None,
        }
    }
}

/// One band of the classification: both thresholds must be reached ("及以上").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SizeBand {
    /// Fewest staff.
    pub min_staff: u32,
    /// Least revenue, in 万元 as text (exact).
    pub min_revenue_wan_yuan: String,
}

/// A versioned size classification (a rule file, e.g. `rules/size-class-2011-300.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SizeRules {
    /// Version id, e.g. `2011-300`.
    pub version: String,
    /// Sector the bands apply to.
    pub sector: String,
    /// 大型.
    pub large: SizeBand,
    /// 中型.
    pub medium: SizeBand,
    /// 小型 (anything below is 微型).
    pub small: SizeBand,
}

/// A size class with the reason, for the enterprise page ("shown with how it was derived").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SizeDerivation {
    /// The class.
    pub class: SizeClass,
    /// Rule-set version used.
    pub rules: String,
    /// The band whose thresholds were both reached (none for micro).
    pub band_min_staff: Option<u32>,
    /// Its revenue threshold, 万元.
    pub band_min_revenue_wan_yuan: Option<String>,
}

/// Why a rule file is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("size rules: {0}")]
pub struct SizeRulesError(pub String);

impl SizeRules {
    fn threshold(band: &SizeBand) -> Result<Fen, SizeRulesError> {
        Fen::parse_wan_yuan(&band.min_revenue_wan_yuan)
            .map_err(|e| SizeRulesError(format!("{}: {e}", band.min_revenue_wan_yuan)))
    }

    /// Checks the bands are ordered large ≥ medium ≥ small.
    pub fn validate(&self) -> Result<(), SizeRulesError> {
        let (l, m, s) = (
            SizeRules::threshold(&self.large)?,
            SizeRules::threshold(&self.medium)?,
            SizeRules::threshold(&self.small)?,
        );
        if !(l >= m
            && m >= s
            && self.large.min_staff >= self.medium.min_staff
            && self.medium.min_staff >= self.small.min_staff)
        {
            return Err(SizeRulesError(
                "bands must not increase from large to small".into(),
            ));
        }
        Ok(())
    }

    /// The class of an enterprise with `staff` people and `revenue`: the largest band whose
    /// staff *and* revenue thresholds are both reached; micro otherwise.
    pub fn classify(&self, staff: u32, revenue: Fen) -> SizeDerivation {
        for (class, band) in [
            (SizeClass::Large, &self.large),
            (SizeClass::Medium, &self.medium),
            (SizeClass::Small, &self.small),
        ] {
            let reached = SizeRules::threshold(band).is_ok_and(|min| revenue >= min);
            if staff >= band.min_staff && reached {
                return SizeDerivation {
                    class,
                    rules: self.version.clone(),
                    band_min_staff: Some(band.min_staff),
                    band_min_revenue_wan_yuan: Some(band.min_revenue_wan_yuan.clone()),
                };
            }
        }
        SizeDerivation {
            class: SizeClass::Micro,
            rules: self.version.clone(),
            band_min_staff: None,
            band_min_revenue_wan_yuan: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> SizeRules {
        let band = |staff, rev: &str| SizeBand {
            min_staff: staff,
            min_revenue_wan_yuan: rev.into(),
        };
        SizeRules {
            version: "2011-300".into(),
            sector: "industry".into(),
            large: band(1000, "40000"),
            medium: band(300, "2000"),
            small: band(20, "300"),
        }
    }

    fn wan(s: &str) -> Fen {
        Fen::parse_wan_yuan(s).unwrap()
    }

    #[test]
    fn band_edges_include_the_threshold() {
        let r = rules();
        assert!(r.validate().is_ok());
        assert_eq!(
            r.classify(1000, wan("40000")).class,
            SizeClass::Large,
            "both at the edge"
        );
        assert_eq!(
            r.classify(999, wan("40000")).class,
            SizeClass::Medium,
            "one person short"
        );
        assert_eq!(
            r.classify(1000, wan("39999.999999")).class,
            SizeClass::Medium,
            "one fen short"
        );
        assert_eq!(r.classify(300, wan("2000")).class, SizeClass::Medium);
        assert_eq!(r.classify(300, wan("1999.99")).class, SizeClass::Small);
        assert_eq!(r.classify(20, wan("300")).class, SizeClass::Small);
        assert_eq!(r.classify(19, wan("300")).class, SizeClass::Micro);
        assert_eq!(
            r.classify(5000, wan("299.99")).class,
            SizeClass::Micro,
            "many staff, little revenue"
        );
    }

    #[test]
    fn the_derivation_names_the_band() {
        let d = rules().classify(350, wan("2500"));
        assert_eq!(d.band_min_staff, Some(300));
        assert_eq!(d.band_min_revenue_wan_yuan.as_deref(), Some("2000"));
        assert_eq!(d.rules, "2011-300");
    }
}
