//! Industrial statistics: indicator cards, monthly figures, group sets and targets.

pub mod bench;
mod figure;
mod setup;

pub use figure::{
    Dims, FigureKey, dims_of, dims_page, figures_between, figures_for_years, upsert_figures,
};
pub use setup::{
    all_group_sets, all_indicators, find_group_set, find_indicator, find_target, save_group_set,
    save_indicator, targets, upsert_target,
};
