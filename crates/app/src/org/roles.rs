//! The built-in roles, shipped as data in `data/roles.toml`.

use crate::{App, AppError};
use policy::org::{DataScope, Permission, RegionCode};
use serde::Deserialize;
use store::org::role::RoleDefinition;

/// The shipped role file.
pub const BUILTIN_ROLES: &str = include_str!("../../data/roles.toml");

#[derive(Deserialize)]
struct RoleFile {
    role: Vec<RoleEntry>,
}

#[derive(Deserialize)]
struct RoleEntry {
    code: String,
    name_zh: String,
    name_en: String,
    data_scope: String,
    permissions: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
}

/// Why a role file is refused.
#[derive(Debug, thiserror::Error)]
pub enum RoleFileError {
    /// Not valid TOML of the expected shape.
    #[error("role file: {0}")]
    Syntax(String),
    /// A role names something unknown.
    #[error("role {role}: unknown {what} '{value}'")]
    Unknown {
        /// The role.
        role: String,
        /// `permission`, `data_scope` or `region`.
        what: &'static str,
        /// The value.
        value: String,
    },
}

/// Parses a role file, refusing unknown permissions, scopes and malformed region codes.
pub fn parse_roles(text: &str) -> Result<Vec<RoleDefinition>, RoleFileError> {
    let file: RoleFile = toml::from_str(text).map_err(|e| RoleFileError::Syntax(e.to_string()))?;
    file.role
        .into_iter()
        .map(|r| {
            let unknown = |what, value: &str| RoleFileError::Unknown {
                role: r.code.clone(),
                what,
                value: value.to_string(),
            };
            let data_scope = DataScope::parse(&r.data_scope)
                .map_err(|_| unknown("data_scope", &r.data_scope))?;
            let permissions = r
                .permissions
                .iter()
                .map(|p| Permission::parse(p).ok_or_else(|| unknown("permission", p)))
                .collect::<Result<Vec<_>, _>>()?;
            let regions = r
                .regions
                .iter()
                .map(|c| RegionCode::parse(c).map_err(|_| unknown("region", c)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(RoleDefinition {
                code: r.code.clone(),
                name_zh: r.name_zh.clone(),
                name_en: r.name_en.clone(),
                data_scope,
                permissions,
                regions,
            })
        })
        .collect()
}

/// The shipped roles.
/// Parsed once: pages name the user's roles on every request.
pub fn builtin_roles() -> Result<Vec<RoleDefinition>, RoleFileError> {
    static PARSED: std::sync::OnceLock<Result<Vec<RoleDefinition>, String>> =
        std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| parse_roles(BUILTIN_ROLES).map_err(|e| e.to_string()))
        .clone()
        .map_err(RoleFileError::Syntax)
}

/// Loads (or refreshes) the shipped roles into the database.
pub async fn load_builtin_roles(app: &App) -> Result<usize, AppError> {
    let roles = builtin_roles().map_err(|e| AppError::Internal(e.to_string()))?;
    let tx = app.db().begin_write().await?;
    for r in &roles {
        store::org::role::upsert(&tx, r).await?;
    }
    tx.commit().await?;
    Ok(roles.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_role_file_parses_and_names_every_demo_role() {
        let roles = builtin_roles().unwrap();
        let codes: Vec<&str> = roles.iter().map(|r| r.code.as_str()).collect();
        for c in [
            "city_admin",
            "county_admin",
            "chain_office",
            "specialist",
            "enterprise",
            "title_admin",
            "expert",
            "research_team",
            "leader",
        ] {
            assert!(codes.contains(&c), "missing role {c}");
        }
    }

    #[test]
    fn unknown_permissions_are_refused() {
        let err = parse_roles(
            "[[role]]\ncode='x'\nname_zh='x'\nname_en='x'\ndata_scope='all'\npermissions=['root:all']",
        )
        .unwrap_err();
        assert!(matches!(
            err,
            RoleFileError::Unknown {
                what: "permission",
                ..
            }
        ));
    }
}
