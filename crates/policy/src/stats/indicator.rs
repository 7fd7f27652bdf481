//! Indicators as data: the indicator card (name, unit, definition, lead department, frequency,
//! alert and quality thresholds, owner), read from `rules/stats-indicators.toml` and stored.

use serde::{Deserialize, Serialize};

/// How often an indicator is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every month (月报).
    Monthly,
    /// Every quarter (季报).
    Quarterly,
    /// Every year (年报).
    Yearly,
}

impl Frequency {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Yearly => "yearly",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<Frequency> {
        match s.trim() {
            "monthly" => Some(Frequency::Monthly),
            "quarterly" => Some(Frequency::Quarterly),
            "yearly" => Some(Frequency::Yearly),
            _ => None,
        }
    }
}

/// The colour of a figure against its indicator's alert thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    /// Within the expected range (green).
    Normal,
    /// Below the orange threshold.
    Warning,
    /// Below the red threshold.
    Alert,
    /// No growth to judge (no prior figure).
    Unknown,
}

impl AlertLevel {
    /// The stored / CSS name: `normal`, `warning`, `alert`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertLevel::Normal => "normal",
            AlertLevel::Warning => "warning",
            AlertLevel::Alert => "alert",
            AlertLevel::Unknown => "unknown",
        }
    }
}

/// One indicator card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Code: lower-case letters, digits and `_` (`output`).
    pub code: String,
    /// Whether this is the default indicator of the aggregates (exactly one is).
    #[serde(default)]
    pub default: bool,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Chinese unit (`万元`).
    pub unit_zh: String,
    /// English unit.
    pub unit_en: String,
    /// Decimal places of the unit a figure may carry; figures are stored in that step.
    pub decimals: u8,
    /// Whether figures are money in 万元 (shown in 万元 and 亿元).
    #[serde(default)]
    pub money: bool,
    /// Definition (口径), Chinese.
    pub definition_zh: String,
    /// Definition, English.
    pub definition_en: String,
    /// Lead department (牵头部门).
    pub lead_department: String,
    /// Reporting frequency.
    pub frequency: Frequency,
    /// Who keeps the indicator (责任人/科室).
    pub owner: String,
    /// Whether growth is good news (the alert comparison is reversed otherwise).
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    /// Whether a figure may be negative (a loss); otherwise a negative figure is refused.
    #[serde(default)]
    pub negative_allowed: bool,
    /// Growth below this (tenths of a percent) is red.
    pub red_below_yoy: Option<i64>,
    /// Growth below this (tenths of a percent) is orange.
    pub orange_below_yoy: Option<i64>,
    /// A reporting rate below this percentage is flagged incomplete.
    pub min_reporting_pct: Option<i64>,
    /// An enterprise's growth beyond ± this (tenths of a percent) is listed for checking.
    pub max_abs_yoy: Option<i64>,
}

fn yes() -> bool {
    true
}

/// The shipped indicator file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    /// Version of the file.
    pub version: String,
    /// The indicators, in display order.
    pub indicator: Vec<IndicatorDef>,
}

/// Why an indicator (or the file) is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndicatorsError {
    /// A code that is not lower-case letters, digits and `_`, 1-32 characters.
    #[error("stats.indicator_code: '{0}'")]
    Code(String),
    /// A name or unit left empty.
    #[error("stats.indicator_name: '{0}'")]
    Name(String),
    /// More than six decimals.
    #[error("stats.indicator_decimals: '{0}'")]
    Decimals(String),
    /// The orange threshold lies below the red one.
    #[error("stats.indicator_thresholds: '{0}'")]
    Thresholds(String),
    /// A code given twice, or not exactly one default.
    #[error("stats.indicator_set: {0}")]
    Set(String),
}

impl IndicatorsError {
    /// The message-catalogue key.
    pub fn key(&self) -> &'static str {
        match self {
            IndicatorsError::Code(_) => "stats.indicator_code",
            IndicatorsError::Name(_) => "stats.indicator_name",
            IndicatorsError::Decimals(_) => "stats.indicator_decimals",
            IndicatorsError::Thresholds(_) => "stats.indicator_thresholds",
            IndicatorsError::Set(_) => "stats.indicator_set",
        }
    }
}

impl IndicatorDef {
    /// Checks one card: the code's form, names and units present, at most six decimals,
    /// thresholds in order, the reporting rate within 0-100.
    pub fn validate(&self) -> Result<(), IndicatorsError> {
        let c = &self.code;
        if c.is_empty()
            || c.len() > 32
            || !c
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(IndicatorsError::Code(c.clone()));
        }
        if [&self.name_zh, &self.name_en, &self.unit_zh, &self.unit_en]
            .iter()
            .any(|s| s.trim().is_empty())
        {
            return Err(IndicatorsError::Name(c.clone()));
        }
        if self.decimals > 6 {
            return Err(IndicatorsError::Decimals(c.clone()));
        }
        if let (Some(red), Some(orange)) = (self.red_below_yoy, self.orange_below_yoy)
            && orange < red
        {
            return Err(IndicatorsError::Thresholds(c.clone()));
        }
        if self
            .min_reporting_pct
            .is_some_and(|p| !(0..=100).contains(&p))
            || self.max_abs_yoy.is_some_and(|m| m <= 0)
        {
            return Err(IndicatorsError::Thresholds(c.clone()));
        }
        Ok(())
    }

    /// The colour of a growth figure (tenths of a percent): red below the red threshold,
    /// orange below the orange one, green otherwise; reversed when lower is better.
    pub fn alert(&self, yoy_tenths: Option<i64>) -> AlertLevel {
        let Some(g) = yoy_tenths else {
            return AlertLevel::Unknown;
        };
        // "Below" a threshold excludes it (低于): growth equal to the threshold is not flagged.
        let g = if self.higher_is_better { g } else { -g };
        let flip = |t: i64| if self.higher_is_better { t } else { -t };
        if self.red_below_yoy.is_some_and(|t| g < flip(t)) {
            AlertLevel::Alert
        } else if self.orange_below_yoy.is_some_and(|t| g < flip(t)) {
            AlertLevel::Warning
        } else {
            AlertLevel::Normal
        }
    }

    /// Whether a reporting rate (reported of expected enterprises) meets the quality threshold.
    pub fn reporting_complete(&self, reported: u64, expected: u64) -> bool {
        match self.min_reporting_pct {
            Some(min) if expected > 0 => {
                (reported as i128) * 100 >= (min as i128) * expected as i128
            }
            _ => true,
        }
    }

    /// Whether an enterprise's growth lies beyond the plausible range and should be checked.
    pub fn implausible(&self, yoy_tenths: Option<i64>) -> bool {
        match (self.max_abs_yoy, yoy_tenths) {
            (Some(max), Some(g)) => g.abs() > max,
            _ => false,
        }
    }
}

impl IndicatorFile {
    /// Checks every card, that codes are unique, and that exactly one is the default.
    pub fn validate(&self) -> Result<(), IndicatorsError> {
        let mut seen = std::collections::BTreeSet::new();
        for i in &self.indicator {
            i.validate()?;
            if !seen.insert(i.code.as_str()) {
                return Err(IndicatorsError::Set(format!("{} twice", i.code)));
            }
        }
        if self.indicator.iter().filter(|i| i.default).count() != 1 {
            return Err(IndicatorsError::Set("exactly one default indicator".into()));
        }
        Ok(())
    }
}
