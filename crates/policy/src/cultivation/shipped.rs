//! The rule sets shipped in the binary (`rules/cultivation/*.toml`).

use super::rule_set::{RuleSet, RuleSetError};
use super::tier::Tier;
use chrono::NaiveDate;

macro_rules! shipped {
    ($($file:literal),* $(,)?) => {
        /// Every shipped rule file: (file name, text).
        pub const FILES: &[(&str, &str)] = &[
            $(($file, include_str!(concat!("../../../../rules/cultivation/", $file))),)*
        ];
    };
}

shipped!(
    "tech_sme-2017-115.toml",
    "innovative-2022-63.toml",
    "specialized-2022-63.toml",
    "little_giant-2022-63.toml",
    "innovative-2026-2.toml",
    "specialized-2026-2.toml",
    "little_giant-2026-2.toml",
    "single_champion-2023-138.toml",
    "gazelle-sd.toml",
);

/// Every shipped rule set, parsed and checked.
pub fn all() -> Result<Vec<RuleSet>, RuleSetError> {
    FILES.iter().map(|(_, text)| RuleSet::parse(text)).collect()
}

/// Of `sets`, the one for `tier` that applies on `date`: the latest `effective_from` not after
/// it (a set whose `effective_to` has passed is skipped).
pub fn applicable(sets: &[RuleSet], tier: Tier, date: NaiveDate) -> Option<&RuleSet> {
    sets.iter()
        .filter(|s| s.file.tier == tier && s.applies_on(date))
        .max_by_key(|s| s.file.effective_from)
}

/// Of `sets`, the one a re-review (复核) made on `today` of a `tier` title won on `won_on`
/// uses: the set in force today, unless that set says titles won before it are re-reviewed
/// with the set they were won under (and one was in force then).
pub fn for_re_review(
    sets: &[RuleSet],
    tier: Tier,
    today: NaiveDate,
    won_on: NaiveDate,
) -> Option<&RuleSet> {
    let now = applicable(sets, tier, today)?;
    if now.re_reviews_with_award_set(won_on) {
        applicable(sets, tier, won_on).or(Some(now))
    } else {
        Some(now)
    }
}
