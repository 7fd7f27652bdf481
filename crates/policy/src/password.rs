//! The password policy: long enough, and of enough character classes.

use serde::{Deserialize, Serialize};

/// What a password must satisfy. The numbers are settings (see `config.example.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicy {
    /// Fewest characters.
    pub min_length: usize,
    /// Fewest classes among lower case, upper case, digits and symbols.
    pub min_classes: usize,
}

/// Why a password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Too short.
    #[error("password.too_short: at least {min} characters")]
    TooShort {
        /// The minimum.
        min: usize,
    },
    /// Too few character classes.
    #[error("password.too_simple: at least {min} of lower case, upper case, digits, symbols")]
    TooSimple {
        /// The minimum number of classes.
        min: usize,
    },
}

impl PasswordError {
    /// The message-catalogue key of this error.
    pub fn key(&self) -> &'static str {
        match self {
            PasswordError::TooShort { .. } => "password.too_short",
            PasswordError::TooSimple { .. } => "password.too_simple",
        }
    }
}

impl PasswordPolicy {
    /// Checks a candidate password against the policy.
    pub fn check(&self, password: &str) -> Result<(), PasswordError> {
        if password.chars().count() < self.min_length {
            return Err(PasswordError::TooShort {
                min: self.min_length,
            });
        }
        let classes = [
            password.chars().any(|c| c.is_lowercase()),
            password.chars().any(|c| c.is_uppercase()),
            password.chars().any(|c| c.is_ascii_digit()),
            password
                .chars()
                .any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if classes < self.min_classes {
            return Err(PasswordError::TooSimple {
                min: self.min_classes,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: PasswordPolicy = PasswordPolicy {
        min_length: 10,
        min_classes: 3,
    };

    #[test]
    fn length_edge_is_inclusive() {
        assert!(POLICY.check("Abcdefgh1!").is_ok(), "10 characters pass");
        assert_eq!(
            POLICY.check("Abcdefg1!"),
            Err(PasswordError::TooShort { min: 10 }),
            "9 characters fail"
        );
    }

    #[test]
    fn needs_three_classes() {
        assert!(POLICY.check("abcdefghij1A").is_ok(), "lower+digit+upper");
        assert!(POLICY.check("abcdefghij1!").is_ok(), "lower+digit+symbol");
        assert_eq!(
            POLICY.check("abcdefghij12"),
            Err(PasswordError::TooSimple { min: 3 }),
            "two classes fail"
        );
    }
}
