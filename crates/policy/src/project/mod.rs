//! Projects, investment and land (重点项目, 招商引资, 土地, 扶持资金, 数字化): the pure rules.
//!
//! - [`key_project`]: levels and stages of key projects (重点项目) and the order of their dates.
//! - [`attraction`]: the investment-attraction pipeline (招商引资, `investment_target`): stages
//!   在谈 → 签约 → 开工 → 投产, each change reported by the county (填报) and approved or
//!   returned by a reviewer (审核) — a state machine.
//! - [`area`]: land areas in 亩, exactly (hundredths of a mu).
//! - [`records`]: the kinds of land disposal and digital records.
//! - [`completion_pct`]: a ratio in percent to two decimals, computed exactly.

pub mod area;
pub mod attraction;
pub mod key_project;
pub mod records;

pub use area::{AreaError, Mu};

/// `done ÷ planned` in percent, rounded half away from zero to two decimals and computed in
/// integers (so 1,072,000 ÷ 676,682.24 is 158.42 exactly, never 158.41999…); `None` when
/// nothing was planned.
pub fn completion_pct(done: i64, planned: i64) -> Option<f64> {
    pct_hundredths(done, planned).map(|h| h as f64 / 100.0)
}

/// `done ÷ planned` in hundredths of a percent (15842 for 158.42 %), rounded half away from
/// zero; `None` when `planned` is zero.
pub fn pct_hundredths(done: i64, planned: i64) -> Option<i64> {
    if planned == 0 {
        return None;
    }
    let num = i128::from(done) * 10_000;
    let den = i128::from(planned);
    let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
    let half = den / 2;
    let q = if num >= 0 {
        (num + half) / den
    } else {
        -((-num + half) / den)
    };
    i64::try_from(q).ok()
}

/// Years a project figure may belong to.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

#[cfg(test)]
mod tests;
