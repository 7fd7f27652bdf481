//! The size classification rule file shipped in the binary.

use crate::AppError;
use policy::enterprise::SizeRules;

/// `rules/size-class-2011-300.toml`.
pub const SIZE_RULES: &str = include_str!("../../../../rules/size-class-2011-300.toml");

/// The size rules in force.
pub fn size_rules() -> Result<SizeRules, AppError> {
    let rules: SizeRules =
        toml::from_str(SIZE_RULES).map_err(|e| AppError::Internal(format!("size rules: {e}")))?;
    rules
        .validate()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(rules)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_size_rules_load() {
        let r = super::size_rules().unwrap();
        assert_eq!(r.version, "2011-300");
        assert_eq!(r.large.min_staff, 1000);
    }
}
