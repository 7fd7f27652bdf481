//! Settings the use cases read: the password policy, lockout and session timeout.

use policy::password::PasswordPolicy;
use serde::{Deserialize, Serialize};

/// Security settings, with the defaults the platform ships (see `config.example.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Shortest password.
    pub password_min_length: usize,
    /// Fewest character classes in a password.
    pub password_min_classes: usize,
    /// Failed logins in a row that lock an account.
    pub max_failed_logins: i32,
    /// How long a locked account stays locked, in minutes.
    pub lock_minutes: i64,
    /// A session idle this many minutes ends.
    pub idle_timeout_minutes: i64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            password_min_length: 10,
            password_min_classes: 3,
            max_failed_logins: 5,
            lock_minutes: 10,
            idle_timeout_minutes: 30,
        }
    }
}

impl Settings {
    /// The password policy these settings describe.
    pub fn password_policy(&self) -> PasswordPolicy {
        PasswordPolicy {
            min_length: self.password_min_length,
            min_classes: self.password_min_classes,
        }
    }

    /// Refuses settings that would make the platform unusable or unsafe, naming the setting.
    pub fn validate(&self) -> Result<(), String> {
        if !(8..=128).contains(&self.password_min_length) {
            return Err("security.password_min_length must be between 8 and 128".into());
        }
        if !(1..=4).contains(&self.password_min_classes) {
            return Err("security.password_min_classes must be between 1 and 4".into());
        }
        if !(1..=100).contains(&self.max_failed_logins) {
            return Err("security.max_failed_logins must be between 1 and 100".into());
        }
        if !(1..=1440).contains(&self.lock_minutes) {
            return Err("security.lock_minutes must be between 1 and 1440".into());
        }
        if !(1..=1440).contains(&self.idle_timeout_minutes) {
            return Err("security.idle_timeout_minutes must be between 1 and 1440".into());
        }
        Ok(())
    }
}
