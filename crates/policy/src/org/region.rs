//! 行政区划代码 (GB/T 2260): six digits for provinces, cities and counties, nine for towns.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A region code: six digits (province, city, county) or nine (town, sub-district, park).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RegionCode(String);

/// Why a text is not a region code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionCodeError {
    /// Not 6 or 9 digits.
    #[error("region_code.format: expected 6 or 9 digits, found '{0}'")]
    Format(String),
}

impl RegionCodeError {
    /// The message-catalogue key of this error.
    pub fn key(&self) -> &'static str {
        "region_code.format"
    }
}

/// The level of a region in the administrative tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    /// 省.
    Province,
    /// 地级市.
    City,
    /// 区县 (and functional zones at that level).
    County,
    /// 乡镇街道, parks.
    Town,
}

impl RegionLevel {
    /// The stored name of the level.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::Province => "province",
            RegionLevel::City => "city",
            RegionLevel::County => "county",
            RegionLevel::Town => "town",
        }
    }

    /// Reads a stored or imported level name (`city`, `county`, `town`, `province`).
    pub fn parse(s: &str) -> Option<RegionLevel> {
        match s.trim() {
            "province" => Some(RegionLevel::Province),
            "city" => Some(RegionLevel::City),
            "county" | "district" => Some(RegionLevel::County),
            "town" | "street" | "park" => Some(RegionLevel::Town),
            _ => None,
        }
    }
}

/// Whether a region is an administrative division or a functional zone (开发区) given a local code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    /// A GB/T 2260 division.
    Administrative,
    /// A development zone or park with a locally assigned code.
    Functional,
}

impl RegionKind {
    /// The stored name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionKind::Administrative => "administrative",
            RegionKind::Functional => "functional",
        }
    }
}

impl RegionCode {
    /// Parses a 6- or 9-digit code.
    pub fn parse(input: &str) -> Result<RegionCode, RegionCodeError> {
        let s = input.trim();
        if (s.len() == 6 || s.len() == 9) && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(RegionCode(s.to_string()))
        } else {
            Err(RegionCodeError::Format(input.to_string()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The prefix shared by the codes of this region and everything below it.
    ///
    /// GB/T 2260 codes nest by prefix: 371500 (a city) covers 3715xx and 3715xxxxx; 371502
    /// (a county) covers 371502xxx. So a subtree is a `LIKE 'prefix%'` and needs no recursion.
    pub fn subtree_prefix(&self) -> &str {
        let s = self.0.as_str();
        if s.len() == 9 {
            s
        } else if s.ends_with("0000") {
            &s[..2]
        } else if s.ends_with("00") {
            &s[..4]
        } else {
            s
        }
    }

    /// Whether `other` is this region or lies below it.
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0.starts_with(self.subtree_prefix())
    }

    /// The codes above this one, nearest first: a town's county, city and province.
    pub fn ancestors(&self) -> Vec<RegionCode> {
        let s = self.0.as_str();
        let mut out = Vec::new();
        if s.len() == 9 {
            out.push(RegionCode(s[..6].to_string()));
        }
        let six = &s[..6];
        if !six.ends_with("00") {
            out.push(RegionCode(format!("{}00", &six[..4])));
        }
        if !six.ends_with("0000") {
            out.push(RegionCode(format!("{}0000", &six[..2])));
        }
        out
    }

    /// The level this code's shape implies.
    pub fn level(&self) -> RegionLevel {
        let s = self.0.as_str();
        if s.len() == 9 {
            RegionLevel::Town
        } else if s.ends_with("0000") {
            RegionLevel::Province
        } else if s.ends_with("00") {
            RegionLevel::City
        } else {
            RegionLevel::County
        }
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RegionCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn subtrees_nest_by_prefix() {
        assert!(code("371500").contains(&code("371502")));
        assert!(code("371500").contains(&code("371502001")));
        assert!(code("371502").contains(&code("371502001")));
        assert!(!code("371502").contains(&code("371503")));
        assert!(!code("371502").contains(&code("371500")));
        assert!(code("370000").contains(&code("371581")));
    }

    #[test]
    fn ancestors_run_up_to_the_province() {
        let a: Vec<String> = code("371521100")
            .ancestors()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(a, ["371521", "371500", "370000"]);
        assert_eq!(code("371500").ancestors(), vec![code("370000")]);
        assert!(code("370000").ancestors().is_empty());
    }

    #[test]
    fn levels_follow_the_shape_of_the_code() {
        assert_eq!(code("370000").level(), RegionLevel::Province);
        assert_eq!(code("371500").level(), RegionLevel::City);
        assert_eq!(code("371521").level(), RegionLevel::County);
        assert_eq!(code("371521100").level(), RegionLevel::Town);
    }

    #[test]
    fn refuses_other_shapes() {
        for bad in ["", "37150", "3715000", "37150a", "3715000001"] {
            assert!(RegionCode::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
