//! Money as an exact count of fen (分). Amounts are typed and shown in 万元; 1 万元 = 1,000,000 分.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Fen in one 万元.
pub const FEN_PER_WAN_YUAN: i64 = 1_000_000;

/// An amount of money, exactly, in fen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(i64);

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not a decimal number.
    #[error("money.format: '{0}' is not a number like 1234.56")]
    Format(String),
    /// Finer than one fen.
    #[error("money.precision: '{0}' has more decimals than one fen")]
    Precision(String),
    /// Too large to store.
    #[error("money.range: '{0}' is out of range")]
    Range(String),
}

impl MoneyError {
    /// The message-catalogue key of this error.
    pub fn key(&self) -> &'static str {
        match self {
            MoneyError::Format(_) => "money.format",
            MoneyError::Precision(_) => "money.precision",
            MoneyError::Range(_) => "money.range",
        }
    }
}

impl Fen {
    /// An amount from a count of fen.
    pub const fn new(fen: i64) -> Fen {
        Fen(fen)
    }

    /// The count of fen.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// Parses an amount typed in 万元: `1234.56`, `1,234.56`, `-3`, ` 0.000001 `.
    /// Up to six decimals (one fen); more is refused rather than rounded.
    pub fn parse_wan_yuan(input: &str) -> Result<Fen, MoneyError> {
        let s: String = input
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '，')
            .collect();
        let err = || MoneyError::Format(input.to_string());
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(&s)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return Err(err());
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 6 {
            return Err(MoneyError::Precision(input.to_string()));
        }
        let range = || MoneyError::Range(input.to_string());
        let int_value: i64 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| range())?
        };
        let frac_value: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<6}").parse().map_err(|_| err())?
        };
        let total = int_value
            .checked_mul(FEN_PER_WAN_YUAN)
            .and_then(|v| v.checked_add(frac_value))
            .ok_or_else(range)?;
        Ok(Fen(if neg { -total } else { total }))
    }

    /// The amount in 万元 with `decimals` places, rounded half away from zero (for display only).
    pub fn wan_yuan(self, decimals: u32) -> String {
        let decimals = decimals.min(6);
        let unit = 10i64.pow(6 - decimals);
        let abs = self.0.unsigned_abs() as i128;
        let rounded = (abs + (unit as i128) / 2) / unit as i128;
        let scale = 10i128.pow(decimals);
        let sign = if self.0 < 0 && rounded != 0 { "-" } else { "" };
        let int = rounded / scale;
        if decimals == 0 {
            return format!("{sign}{int}");
        }
        let frac = rounded % scale;
        format!("{sign}{int}.{frac:0width$}", width = decimals as usize)
    }

    /// The amount in 万元 with two decimals and thousands separators: `1,234.56`.
    pub fn wan_yuan_display(self) -> String {
        let plain = self.wan_yuan(2);
        let (sign, rest) = plain
            .strip_prefix('-')
            .map(|r| ("-", r))
            .unwrap_or(("", &plain));
        let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}.{frac}")
    }

    /// Sum that refuses to overflow.
    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }
}

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.wan_yuan(2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_wan_yuan_exactly() {
        assert_eq!(Fen::parse_wan_yuan("1234.56").unwrap().get(), 1_234_560_000);
        assert_eq!(
            Fen::parse_wan_yuan(" 1,234.5 ").unwrap().get(),
            1_234_500_000
        );
        assert_eq!(Fen::parse_wan_yuan("0.000001").unwrap().get(), 1);
        assert_eq!(Fen::parse_wan_yuan("-3").unwrap().get(), -3_000_000);
        assert_eq!(Fen::parse_wan_yuan(".5").unwrap().get(), 500_000);
        assert_eq!(Fen::parse_wan_yuan("2.100000000").unwrap().get(), 2_100_000);
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["", "abc", "1.2.3", "1e5", "--1", "1 000"] {
            assert!(
                matches!(Fen::parse_wan_yuan(bad), Err(MoneyError::Format(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            Fen::parse_wan_yuan("0.0000001"),
            Err(MoneyError::Precision(_))
        ));
        assert!(matches!(
            Fen::parse_wan_yuan("99999999999999999"),
            Err(MoneyError::Range(_))
        ));
    }

    #[test]
    fn shows_two_decimals_rounded_half_away_from_zero() {
        assert_eq!(Fen::new(1_234_565_000).wan_yuan(2), "1234.57");
        assert_eq!(Fen::new(1_234_564_999).wan_yuan(2), "1234.56");
        assert_eq!(Fen::new(-5_000).wan_yuan(2), "-0.01");
        assert_eq!(
            Fen::new(1_216_800_000_000_000).wan_yuan_display(),
            "1,216,800,000.00"
        );
        assert_eq!(Fen::new(999_000_000).wan_yuan_display(), "999.00");
    }

    proptest! {
        #[test]
        fn six_decimal_text_round_trips(fen in -1_000_000_000_000_000i64..1_000_000_000_000_000) {
            let text = Fen::new(fen).wan_yuan(6);
            prop_assert_eq!(Fen::parse_wan_yuan(&text).unwrap().get(), fen);
        }
    }
}
