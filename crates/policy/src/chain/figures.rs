//! Chain figures: growth and completion, computed exactly from amounts in fen and rounded
//! only for display (one decimal for growth, two for completion, half away from zero).

use crate::money::Fen;

/// `numerator / denominator × 100`, rounded half away from zero to `decimals` places; none
/// when the denominator is not positive.
fn percent(numerator: i128, denominator: i128, decimals: u32) -> Option<f64> {
    if denominator <= 0 {
        return None;
    }
    let scale = 10i128.pow(decimals);
    let scaled = numerator * 100 * scale;
    let half = denominator / 2;
    let rounded = if scaled >= 0 {
        (scaled + half) / denominator
    } else {
        (scaled - half) / denominator
    };
    Some(rounded as f64 / scale as f64)
}

/// Year-on-year growth in percent, one decimal: `(this − last) / last`. None without a
/// positive figure for last year.
pub fn yoy_pct(this_year: Fen, last_year: Fen) -> Option<f64> {
    percent(
        i128::from(this_year.get()) - i128::from(last_year.get()),
        i128::from(last_year.get()),
        1,
    )
}

/// Completion of a target in percent, two decimals. None without a positive target.
pub fn completion_pct(output: Fen, target: Fen) -> Option<f64> {
    percent(i128::from(output.get()), i128::from(target.get()), 2)
}
