//! Exact quantities: a figure is an integer count of its unit's smallest step (`decimals`
//! decimal places of the unit), parsed from text without floating point, and the ratios the
//! statistics show (growth in tenths of a percent, completion in hundredths), rounded half
//! away from zero.

/// Why a text is not a quantity of an indicator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// Not a decimal number.
    #[error("stats.value_format: '{0}'")]
    Format(String),
    /// More decimals than the indicator's unit allows.
    #[error("stats.value_precision: '{0}' has more than {1} decimals")]
    Precision(String, u8),
    /// Too large to store.
    #[error("stats.value_range: '{0}'")]
    Range(String),
    /// Negative where the indicator does not allow it.
    #[error("stats.value_negative: '{0}'")]
    Negative(String),
}

impl QuantityError {
    /// The message-catalogue key of this error.
    pub fn key(&self) -> &'static str {
        match self {
            QuantityError::Format(_) => "stats.value_format",
            QuantityError::Precision(..) => "stats.value_precision",
            QuantityError::Range(_) => "stats.value_range",
            QuantityError::Negative(_) => "stats.value_negative",
        }
    }
}

/// Parses `1234.56`, `1,234.56`, `-3`, ` 0.0001 ` into steps of `10^-decimals` units.
/// More decimals than allowed are refused rather than rounded (trailing zeros are fine).
pub fn parse_quantity(input: &str, decimals: u8) -> Result<i64, QuantityError> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    let err = || QuantityError::Format(input.to_string());
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
    let decimals = decimals.min(9);
    if frac.len() > decimals as usize {
        return Err(QuantityError::Precision(input.to_string(), decimals));
    }
    let range = || QuantityError::Range(input.to_string());
    let scale = 10i64.pow(decimals as u32);
    let int_value: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| range())?
    };
    let frac_value: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<width$}", width = decimals as usize)
            .parse()
            .map_err(|_| err())?
    };
    let total = int_value
        .checked_mul(scale)
        .and_then(|v| v.checked_add(frac_value))
        .ok_or_else(range)?;
    Ok(if neg { -total } else { total })
}

fn round_div(num: i128, den: i128) -> i128 {
    // Half away from zero, for any signs.
    let neg = (num < 0) != (den < 0);
    let (n, d) = (num.abs(), den.abs());
    let q = (2 * n + d) / (2 * d);
    if neg { -q } else { q }
}

/// A quantity of `decimals` steps shown with `shown` decimals, rounded half away from zero.
pub fn format_quantity(value: i128, decimals: u8, shown: u8) -> String {
    let shown = shown.min(decimals);
    let unit = 10i128.pow((decimals - shown) as u32);
    let rounded = round_div(value, unit);
    let scale = 10i128.pow(shown as u32);
    let sign = if rounded < 0 { "-" } else { "" };
    let abs = rounded.abs();
    if shown == 0 {
        return format!("{sign}{abs}");
    }
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = shown as usize
    )
}

/// Year-on-year growth in tenths of a percent: `(current - prior) / prior`, rounded half away
/// from zero (`134` = +13.4%). None when there is no prior figure to compare with (or it is
/// not positive: growth over a loss has no meaning).
pub fn yoy_tenths(current: i128, prior: i128) -> Option<i64> {
    if prior <= 0 {
        return None;
    }
    i64::try_from(round_div((current - prior) * 1000, prior)).ok()
}

/// Completion of a target in hundredths of a percent (`15842` = 158.42%); None without a
/// positive target.
pub fn completion_hundredths(actual: i128, target: i128) -> Option<i64> {
    if target <= 0 {
        return None;
    }
    i64::try_from(round_div(actual * 10_000, target)).ok()
}

/// Tenths as text: `134` → `13.4`, `-5` → `-0.5`.
pub fn format_tenths(tenths: i64) -> String {
    format_quantity(tenths as i128, 1, 1)
}

/// Hundredths as text: `15842` → `158.42`.
pub fn format_hundredths(hundredths: i64) -> String {
    format_quantity(hundredths as i128, 2, 2)
}
