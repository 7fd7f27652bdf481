//! Settings, layered: built-in defaults, then a TOML file (`--config`), then environment
//! variables `STRONGCITY_<SECTION>__<KEY>`. Unknown keys and out-of-range values are refused at
//! start-up with the setting's name.

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Everything the binary can be told.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The web server.
    pub server: ServerConfig,
    /// Security settings the use cases apply.
    pub security: app::Settings,
}

/// The web server's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Address to listen on.
    pub listen: String,
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// Largest upload, in MiB.
    pub body_limit_mib: usize,
    /// Seconds between background job rounds (0 turns them off in this instance).
    pub jobs_interval_seconds: u64,
    /// Directory of this instance's search index, kept across restarts (it catches up from
    /// the audit log instead of being rebuilt). Empty: beside an SQLite file
    /// (`<file>.search`), in memory on PostgreSQL. Each PostgreSQL instance needs its own.
    pub search_index_dir: String,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            listen: "127.0.0.1:8080".into(),
            secure_cookies: false,
            body_limit_mib: 64,
            jobs_interval_seconds: 60,
            search_index_dir: String::new(),
        }
    }
}

const ENV_PREFIX: &str = "STRONGCITY_";

impl Config {
    /// Loads defaults, then the file (if any), then the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let mut value = toml::Table::try_from(Config::default()).context("default settings")?;
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read config file {}", path.display()))?;
            let from_file: toml::Table = toml::from_str(&text)
                .with_context(|| format!("config file {} is not valid TOML", path.display()))?;
            merge(&mut value, from_file);
        }
        for (k, v) in std::env::vars() {
            let Some(rest) = k.strip_prefix(ENV_PREFIX) else {
                continue;
            };
            let Some((section, key)) = rest.split_once("__") else {
                continue;
            };
            let (section, key) = (section.to_ascii_lowercase(), key.to_ascii_lowercase());
            let parsed: toml::Value = toml::from_str::<toml::Table>(&format!("v = {v}"))
                .ok()
                .and_then(|mut t| t.remove("v"))
                .unwrap_or(toml::Value::String(v.clone()));
            let table = value
                .entry(section.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            match table {
                toml::Value::Table(t) => {
                    t.insert(key, parsed);
                }
                _ => bail!("{k}: {section} is not a settings section"),
            }
        }
        let config: Config = toml::Value::Table(value)
            .try_into()
            .map_err(|e: toml::de::Error| anyhow::anyhow!("settings: {}", e.message()))?;
        config.validate()?;
        Ok(config)
    }

    /// Refuses values out of range, naming the setting.
    pub fn validate(&self) -> anyhow::Result<()> {
        self.security.validate().map_err(anyhow::Error::msg)?;
        if !(1..=4096).contains(&self.server.body_limit_mib) {
            bail!("server.body_limit_mib must be between 1 and 4096");
        }
        self.server
            .listen
            .parse::<std::net::SocketAddr>()
            .with_context(|| {
                format!(
                    "server.listen '{}' is not an address like 127.0.0.1:8080",
                    self.server.listen
                )
            })?;
        Ok(())
    }

    /// The example file shipped as `config.example.toml` (a test keeps it current).
    pub fn example() -> String {
        let body = toml::to_string_pretty(&Config::default()).unwrap_or_default();
        format!(
            "# strongcity settings: every key with its default.\n\
             # Pass with --config FILE; any key can also be set as STRONGCITY_<SECTION>__<KEY>,\n\
             # e.g. STRONGCITY_SECURITY__LOCK_MINUTES=15. Unknown keys are refused.\n\n{body}"
        )
    }
}

fn merge(into: &mut toml::Table, from: toml::Table) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_example_is_current() {
        let shipped = include_str!("../../../config.example.toml");
        assert_eq!(
            shipped,
            Config::example(),
            "run `strongcity config-example > config.example.toml`"
        );
    }

    #[test]
    fn unknown_keys_and_bad_ranges_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(&p, "[security]\nlock_minuts = 5\n").unwrap();
        let e = Config::load(Some(&p)).unwrap_err().to_string();
        assert!(e.contains("lock_minuts"), "{e}");
        std::fs::write(&p, "[security]\nlock_minutes = 0\n").unwrap();
        let e = Config::load(Some(&p)).unwrap_err().to_string();
        assert!(e.contains("security.lock_minutes"), "{e}");
        std::fs::write(&p, "[server]\nlisten = \"nowhere\"\n").unwrap();
        assert!(
            Config::load(Some(&p))
                .unwrap_err()
                .to_string()
                .contains("server.listen")
        );
    }
}
