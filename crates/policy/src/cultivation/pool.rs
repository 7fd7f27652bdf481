//! Cultivation tracks (梯度): what pools, campaigns and applications are for. A track is a
//! title of the registry (`HonorTitle`) or 小升规 (`small_to_above_size`, a pool only: the
//! statistics office, not an application, decides it).

use crate::enterprise::{HonorLevel, HonorTitle};
use serde::{Deserialize, Serialize};

/// A track of pools, campaigns and applications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Track {
    /// 小升规: a small firm growing above the designated size.
    SmallToAboveSize,
    /// A title.
    Title(HonorTitle),
}

impl Track {
    /// The code: `small_to_above_size` or the title's code.
    pub fn as_str(self) -> &'static str {
        match self {
            Track::SmallToAboveSize => "small_to_above_size",
            Track::Title(t) => t.as_str(),
        }
    }

    /// Parses a code (or a title's Chinese name).
    pub fn parse(s: &str) -> Option<Track> {
        match s.trim() {
            "small_to_above_size" | "小升规" => Some(Track::SmallToAboveSize),
            other => HonorTitle::parse(other).map(Track::Title),
        }
    }

    /// Every track, 小升规 first.
    pub fn all() -> Vec<Track> {
        std::iter::once(Track::SmallToAboveSize)
            .chain(HonorTitle::ALL.iter().copied().map(Track::Title))
            .collect()
    }

    /// The Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Track::SmallToAboveSize => "小升规",
            Track::Title(t) => t.name_zh(),
        }
    }

    /// The title an application in this track wins, if it can be applied for.
    pub fn title(self) -> Option<HonorTitle> {
        match self {
            Track::SmallToAboveSize => None,
            Track::Title(t) => Some(t),
        }
    }
}

/// The level that grants a title recognised through the workflow (`seed-facts.md` §2).
pub fn level_of(title: HonorTitle) -> HonorLevel {
    use HonorTitle::*;
    match title {
        LittleGiant | KeyLittleGiant | HighTech => HonorLevel::National,
        KeyLab | InnovationCenter => HonorLevel::City,
        TechSme | Innovative | Specialized | SingleChampion | Gazelle | TechInnovationDemo
        | TechCenter | DesignCenter | GreenFactory => HonorLevel::Provincial,
    }
}

/// Which list of a pool an entry is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolList {
    /// 培育库: being cultivated this year.
    Pool,
    /// 后备: a reserve candidate for a later round.
    Reserve,
}

impl PoolList {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            PoolList::Pool => "pool",
            PoolList::Reserve => "reserve",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<PoolList> {
        match s.trim() {
            "pool" | "培育库" => Some(PoolList::Pool),
            "reserve" | "后备" => Some(PoolList::Reserve),
            _ => None,
        }
    }
}

/// The success rate of a round in percent, to one decimal (26 of 27 → 96.3); none when
/// nothing was applied for.
pub fn success_rate_pct(applied: u64, recognised: u64) -> Option<f64> {
    if applied == 0 {
        return None;
    }
    // Exact integer arithmetic, rounded half up at the first decimal.
    let tenths = (recognised * 1000 + applied / 2) / applied;
    Some(tenths as f64 / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracks_parse_by_code_and_chinese_name() {
        for t in Track::all() {
            assert_eq!(Track::parse(t.as_str()), Some(t));
            assert_eq!(Track::parse(t.name_zh()), Some(t));
        }
        assert_eq!(Track::SmallToAboveSize.title(), None);
        assert_eq!(Track::parse("bogus"), None);
    }

    #[test]
    fn success_rates_round_at_the_first_decimal() {
        assert_eq!(success_rate_pct(27, 26), Some(96.3));
        assert_eq!(success_rate_pct(3, 2), Some(66.7));
        assert_eq!(success_rate_pct(8, 1), Some(12.5));
        assert_eq!(success_rate_pct(4, 4), Some(100.0));
        assert_eq!(success_rate_pct(0, 0), None);
    }

    #[test]
    fn national_titles_are_national() {
        assert_eq!(level_of(HonorTitle::LittleGiant), HonorLevel::National);
        assert_eq!(level_of(HonorTitle::Specialized), HonorLevel::Provincial);
    }
}
