//! 国民经济行业分类 (GB/T 4754-2017): a section letter and a 2-4 digit code, `C3511`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One section of the standard: letter, name and its division range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// A-T.
    pub letter: char,
    /// Name.
    pub name: String,
    /// First division (two digits).
    pub first: u8,
    /// Last division.
    pub last: u8,
}

/// The table an industry code is checked against (sections, named divisions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndustryTable {
    sections: Vec<Section>,
    divisions: Vec<(u8, String)>,
}

impl IndustryTable {
    /// Reads the table from its CSV (`code,name,level,divisions`, as `gbt4754-2017-top.csv`).
    pub fn from_csv(text: &str) -> IndustryTable {
        let mut t = IndustryTable::default();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split(',').collect();
            if cols.len() < 3 {
                continue;
            }
            match cols[2].trim() {
                "section" => {
                    let range = cols.get(3).copied().unwrap_or("");
                    let (a, b) = range.split_once('-').unwrap_or((range, range));
                    if let (Some(letter), Ok(first), Ok(last)) = (
                        cols[0].trim().chars().next(),
                        a.trim().parse(),
                        b.trim().parse(),
                    ) {
                        t.sections.push(Section {
                            letter,
                            name: cols[1].trim().into(),
                            first,
                            last,
                        });
                    }
                }
                "division" => {
                    if let Ok(d) = cols[0].trim().parse() {
                        t.divisions.push((d, cols[1].trim().into()));
                    }
                }
                _ => {}
            }
        }
        t
    }

    fn section_of(&self, division: u8) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| (s.first..=s.last).contains(&division))
    }

    /// The name of a division, where the table names it (the manufacturing divisions).
    pub fn division_name(&self, division: u8) -> Option<&str> {
        self.divisions
            .iter()
            .find(|(d, _)| *d == division)
            .map(|(_, n)| n.as_str())
    }

    /// The name of a section.
    pub fn section_name(&self, letter: char) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| s.letter == letter)
            .map(|s| s.name.as_str())
    }
}

/// A checked industry code, normalised to `C3511` form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IndustryCode(String);

/// Why a text is not an industry code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndustryCodeError {
    /// Not a letter and/or 2-4 digits.
    #[error("industry_code.format: '{0}'")]
    Format(String),
    /// No such division in the standard.
    #[error("industry_code.unknown_division: '{0}'")]
    UnknownDivision(String),
    /// The letter does not match the division's section.
    #[error("industry_code.section_mismatch: '{code}' belongs to section {expected}")]
    SectionMismatch {
        /// The code given.
        code: String,
        /// The section its division belongs to.
        expected: char,
    },
}

impl IndustryCodeError {
    /// The message-catalogue key of this error.
    pub fn key(&self) -> &'static str {
        match self {
            IndustryCodeError::Format(_) => "industry_code.format",
            IndustryCodeError::UnknownDivision(_) => "industry_code.unknown_division",
            IndustryCodeError::SectionMismatch { .. } => "industry_code.section_mismatch",
        }
    }
}

impl IndustryCode {
    /// Parses `C3511`, `c3511`, `3511`, `C35` or `35`; the letter is inferred when absent and
    /// checked when given.
    pub fn parse(input: &str, table: &IndustryTable) -> Result<IndustryCode, IndustryCodeError> {
        let s = input.trim().to_ascii_uppercase();
        let (letter, digits) = match s.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => (Some(c), &s[1..]),
            _ => (None, s.as_str()),
        };
        if !(2..=4).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IndustryCodeError::Format(input.to_string()));
        }
        let division: u8 = digits[..2]
            .parse()
            .map_err(|_| IndustryCodeError::Format(input.to_string()))?;
        let section = table
            .section_of(division)
            .ok_or_else(|| IndustryCodeError::UnknownDivision(input.to_string()))?;
        if let Some(l) = letter
            && l != section.letter
        {
            return Err(IndustryCodeError::SectionMismatch {
                code: input.to_string(),
                expected: section.letter,
            });
        }
        Ok(IndustryCode(format!("{}{digits}", section.letter)))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-digit division.
    pub fn division(&self) -> u8 {
        self.0.get(1..3).and_then(|d| d.parse().ok()).unwrap_or(0)
    }

    /// Whether it is manufacturing (section C).
    pub fn is_manufacturing(&self) -> bool {
        self.0.starts_with('C')
    }
}

impl fmt::Display for IndustryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "code,name,level,divisions\nB,采矿业,section,06-12\nC,制造业,section,13-43\nD,电力,section,44-46\n35,专用设备制造业,division,\n";

    #[test]
    fn normalises_and_infers_the_section() {
        let t = IndustryTable::from_csv(CSV);
        assert_eq!(IndustryCode::parse("3511", &t).unwrap().as_str(), "C3511");
        assert_eq!(IndustryCode::parse(" c35 ", &t).unwrap().as_str(), "C35");
        let c = IndustryCode::parse("C3511", &t).unwrap();
        assert_eq!(c.division(), 35);
        assert!(c.is_manufacturing());
        assert_eq!(t.division_name(35), Some("专用设备制造业"));
    }

    #[test]
    fn refuses_wrong_shapes_sections_and_divisions() {
        let t = IndustryTable::from_csv(CSV);
        assert!(matches!(
            IndustryCode::parse("C3", &t),
            Err(IndustryCodeError::Format(_))
        ));
        assert!(matches!(
            IndustryCode::parse("C35111", &t),
            Err(IndustryCodeError::Format(_))
        ));
        assert!(matches!(
            IndustryCode::parse("99", &t),
            Err(IndustryCodeError::UnknownDivision(_))
        ));
        assert_eq!(
            IndustryCode::parse("B3511", &t),
            Err(IndustryCodeError::SectionMismatch {
                code: "B3511".into(),
                expected: 'C'
            })
        );
    }
}
