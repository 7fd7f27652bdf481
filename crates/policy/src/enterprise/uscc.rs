//! 统一社会信用代码 (GB 32100-2015).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The 31 characters a USCC may use: digits and capitals without I, O, S, V and Z.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of the first 17 characters in the check-character sum.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A unified social credit code whose check character is right.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Uscc(String);

/// Why a text is not a unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    /// Not 18 characters long.
    #[error("uscc.length: expected 18 characters, found {0}")]
    Length(usize),
    /// A character outside the 31-character alphabet.
    #[error("uscc.character: '{character}' at position {position} is not allowed")]
    Character {
        /// The offending character.
        character: char,
        /// Its 1-based position.
        position: usize,
    },
    /// The 18th character does not match the computed check character.
    #[error("uscc.check: check character should be '{expected}', found '{found}'")]
    Check {
        /// The check character the first 17 characters call for.
        expected: char,
        /// The one given.
        found: char,
    },
}

impl UsccError {
    /// The message-catalogue key of this error.
    pub fn key(&self) -> &'static str {
        match self {
            UsccError::Length(_) => "uscc.length",
            UsccError::Character { .. } => "uscc.character",
            UsccError::Check { .. } => "uscc.check",
        }
    }
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters of a code.
fn check_character(body: &[u8]) -> Option<char> {
    let mut sum = 0u32;
    for (c, w) in body.iter().zip(WEIGHTS) {
        sum += value_of(*c)? * w;
    }
    let v = (31 - sum % 31) % 31;
    Some(ALPHABET[v as usize] as char)
}

impl Uscc {
    /// Parses a code, accepting lower case and surrounding spaces (as typed or pasted from Excel).
    pub fn parse(input: &str) -> Result<Uscc, UsccError> {
        let code = input.trim().to_ascii_uppercase();
        let chars: Vec<char> = code.chars().collect();
        if chars.len() != 18 {
            return Err(UsccError::Length(chars.len()));
        }
        for (i, &c) in chars.iter().enumerate() {
            if !c.is_ascii() || value_of(c as u8).is_none() {
                return Err(UsccError::Character {
                    character: c,
                    position: i + 1,
                });
            }
        }
        let bytes = code.as_bytes();
        let expected = check_character(&bytes[..17]).ok_or(UsccError::Length(chars.len()))?;
        let found = chars[17];
        if expected != found {
            return Err(UsccError::Check { expected, found });
        }
        Ok(Uscc(code))
    }

    /// Completes 17 characters with their check character (used to generate demo data).
    pub fn with_check(body: &str) -> Result<Uscc, UsccError> {
        let bytes = body.as_bytes();
        if bytes.len() != 17 {
            return Err(UsccError::Length(body.chars().count() + 1));
        }
        match check_character(bytes) {
            Some(c) => Uscc::parse(&format!("{body}{c}")),
            None => Uscc::parse(&format!("{body}0")),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The six-digit region code embedded at positions 3 to 8 (where the enterprise registered).
    pub fn registration_region(&self) -> &str {
        &self.0[2..8]
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Uscc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Uscc::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_a_published_code() {
        // 91350100M000100Y43 is the worked example used by many validators of GB 32100.
        assert!(Uscc::parse("91350100M000100Y43").is_ok());
        assert!(Uscc::parse(" 91350100m000100y43 ").is_ok());
    }

    #[test]
    fn names_the_expected_check_character() {
        let err = Uscc::parse("91350100M000100Y44").unwrap_err();
        assert_eq!(
            err,
            UsccError::Check {
                expected: '3',
                found: '4'
            }
        );
    }

    #[test]
    fn refuses_wrong_length_and_letters_outside_the_alphabet() {
        assert_eq!(Uscc::parse("123").unwrap_err(), UsccError::Length(3));
        assert!(matches!(
            Uscc::parse("91350100M000100I43").unwrap_err(),
            UsccError::Character {
                character: 'I',
                position: 16
            }
        ));
    }

    proptest! {
        #[test]
        fn any_body_completed_with_its_check_parses(body in "[0-9A-HJ-NP-RTUW-Y]{17}") {
            let code = Uscc::with_check(&body).unwrap();
            prop_assert_eq!(&code.as_str()[..17], body.as_str());
            prop_assert!(Uscc::parse(code.as_str()).is_ok());
        }
    }
}
