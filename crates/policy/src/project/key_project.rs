//! Key projects (重点项目): the level of the list a project is on, its stage and the dates that
//! go with each stage.
//!
//! ```text
//! planned ──▶ under_construction ──▶ completed ──▶ in_production
//! ```
//! A project moves forward only (a stage may be skipped when it was reported late), and each
//! stage's date is on or after the dates already recorded.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            /// Every value, in order.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),*];
            /// The stored code.
            pub fn as_str(self) -> &'static str { match self { $(<$t>::$v => $s),* } }
            /// Parses a stored code.
            pub fn parse(s: &str) -> Option<$t> { match s.trim() { $($s => Some(<$t>::$v),)* _ => None } }
        }
    };
}
pub(crate) use codes;

/// The list a key project is on (省级 / 市级 / 县级重点项目).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectLevel {
    /// 省级重点项目.
    Province,
    /// 市级重点项目.
    City,
    /// 县级重点项目.
    County,
}

codes!(ProjectLevel { Province => "province", City => "city", County => "county" });

/// Where a key project stands (项目阶段).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStage {
    /// 计划 (前期): not yet started.
    Planned,
    /// 在建: under construction.
    UnderConstruction,
    /// 竣工: construction completed.
    Completed,
    /// 投产: producing.
    InProduction,
}

codes!(ProjectStage {
    Planned => "planned", UnderConstruction => "under_construction",
    Completed => "completed", InProduction => "in_production",
});

/// The dates a project's stages began; `None` for a stage not reached (or skipped).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDates {
    /// 开工: construction started.
    pub started_on: Option<NaiveDate>,
    /// 竣工: construction completed.
    pub completed_on: Option<NaiveDate>,
    /// 投产: production started.
    pub in_production_on: Option<NaiveDate>,
}

impl StageDates {
    /// The latest date recorded so far.
    pub fn latest(&self) -> Option<NaiveDate> {
        [self.started_on, self.completed_on, self.in_production_on]
            .into_iter()
            .flatten()
            .max()
    }
}

/// Why a stage change is refused (message-catalogue keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    /// Not a later stage than the current one.
    #[error("project.stage_backward")]
    Backward,
    /// The date is before a date already recorded.
    #[error("project.stage_date_order")]
    DateOrder,
}

impl StageError {
    /// The message-catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            StageError::Backward => "project.stage_backward",
            StageError::DateOrder => "project.stage_date_order",
        }
    }
}

/// The dates after moving a project from `current` to `to` on `on`, or why not.
pub fn change_stage(
    current: ProjectStage,
    dates: StageDates,
    to: ProjectStage,
    on: NaiveDate,
) -> Result<StageDates, StageError> {
    if to <= current {
        return Err(StageError::Backward);
    }
    if dates.latest().is_some_and(|d| on < d) {
        return Err(StageError::DateOrder);
    }
    let mut next = dates;
    match to {
        ProjectStage::Planned => return Err(StageError::Backward),
        ProjectStage::UnderConstruction => next.started_on = Some(on),
        ProjectStage::Completed => next.completed_on = Some(on),
        ProjectStage::InProduction => next.in_production_on = Some(on),
    }
    Ok(next)
}

/// Whether a month number is one (1-12).
pub fn valid_month(month: u32) -> bool {
    (1..=12).contains(&month)
}
