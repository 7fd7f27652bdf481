//! The talent rule set shipped in the binary.

use crate::AppError;
use policy::talent::TalentRules;
use std::sync::OnceLock;

/// The shipped rule file (`rules/talent-2026-1.toml`).
pub const TALENT_RULES: &str = include_str!("../../../../rules/talent-2026-1.toml");

static PARSED: OnceLock<Result<TalentRules, String>> = OnceLock::new();

/// The talent rules in force, parsed and checked once.
pub fn talent_rules() -> Result<&'static TalentRules, AppError> {
    PARSED
        .get_or_init(|| {
            let r: TalentRules = toml::from_str(TALENT_RULES).map_err(|e| e.to_string())?;
            r.validate().map_err(|e| e.to_string())?;
            Ok(r)
        })
        .as_ref()
        .map_err(|e| AppError::Internal(format!("talent rules: {e}")))
}
