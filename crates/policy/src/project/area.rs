//! Land areas in 亩 (mu), kept exactly as a count of hundredths of a mu: 771.62 亩 is 77,162.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Hundredths in one mu.
pub const HUNDREDTHS_PER_MU: i64 = 100;

/// A land area, exactly, in hundredths of a mu.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Mu(i64);

/// Why a text is not an area.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    /// Not a decimal number.
    #[error("mu.format: '{0}' is not a number like 771.62")]
    Format(String),
    /// Finer than a hundredth of a mu.
    #[error("mu.precision: '{0}' has more than two decimals")]
    Precision(String),
    /// Zero or too large.
    #[error("mu.range: '{0}' is not a positive area")]
    Range(String),
}

impl AreaError {
    /// The message-catalogue key.
    pub fn key(&self) -> &'static str {
        match self {
            AreaError::Format(_) => "mu.format",
            AreaError::Precision(_) => "mu.precision",
            AreaError::Range(_) => "mu.range",
        }
    }
}

/// Largest area accepted: 100 million mu, far above any county.
const MAX_HUNDREDTHS: i64 = 10_000_000_000;

impl Mu {
    /// An area from a count of hundredths of a mu.
    pub const fn new(hundredths: i64) -> Mu {
        Mu(hundredths)
    }

    /// The count of hundredths of a mu.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// Parses a positive area typed in 亩: `771.62`, `1,211`, ` 0.5 `. Up to two decimals;
    /// more is refused rather than rounded, and so are zero and negative areas.
    pub fn parse(input: &str) -> Result<Mu, AreaError> {
        let s: String = input
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '，')
            .collect();
        let s = s.strip_suffix('亩').unwrap_or(&s).trim_end();
        let format = || AreaError::Format(input.to_string());
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(format());
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 2 {
            return Err(AreaError::Precision(input.to_string()));
        }
        let range = || AreaError::Range(input.to_string());
        let int_value: i64 = if int.is_empty() {
            0
        } else if int.len() > 12 {
            return Err(range());
        } else {
            int.parse().map_err(|_| format())?
        };
        let frac_value: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<2}").parse().map_err(|_| format())?
        };
        let total = int_value
            .checked_mul(HUNDREDTHS_PER_MU)
            .and_then(|v| v.checked_add(frac_value))
            .ok_or_else(range)?;
        if total <= 0 || total > MAX_HUNDREDTHS {
            return Err(range());
        }
        Ok(Mu(total))
    }

    /// The area with two decimals: `771.62`, `1211.00`.
    pub fn text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// The area with two decimals and thousands separators: `13,148.00`.
    pub fn display(self) -> String {
        let plain = self.text();
        let (sign, rest) = plain
            .strip_prefix('-')
            .map(|r| ("-", r))
            .unwrap_or(("", &plain));
        let (int, frac) = rest.split_once('.').unwrap_or((rest, "00"));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}.{frac}")
    }
}

impl fmt::Display for Mu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}
