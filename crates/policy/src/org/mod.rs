//! Regions, roles, permissions and data scope.

mod permission;
mod region;
mod scope;

pub use permission::{Permission, RoleCode};
pub use region::{RegionCode, RegionCodeError, RegionKind, RegionLevel};
pub use scope::{DataScope, DataScopeError, RoleGrant, Scope, ScopeSubject};
