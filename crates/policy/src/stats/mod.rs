//! Industrial statistics (工业统计): indicators as data, exact quantities, periods and
//! year-on-year growth as the statistics office computes it, enterprise groups by industry
//! code, and the in-memory aggregate ([`cube::Cube`]) the dashboards read.
//!
//! Figures are exact integers in the smallest step of their indicator's unit (万元 with six
//! decimals = 分). Growth and completion rates are computed from those integers and rounded
//! only for display, half away from zero.

pub mod cube;
mod group;
mod indicator;
mod period;
mod quantity;

pub use group::{GroupDef, GroupFile, GroupSetDef, GroupsError, is_industrial};
pub use indicator::{AlertLevel, Frequency, IndicatorDef, IndicatorFile, IndicatorsError};
pub use period::{Basis, Period, PeriodError, PeriodKind};
pub use quantity::{
    QuantityError, completion_hundredths, format_hundredths, format_quantity, format_tenths,
    parse_quantity, yoy_tenths,
};

#[cfg(test)]
mod tests;
