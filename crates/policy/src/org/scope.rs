//! Data scope: which records a user may see through a given permission.

use super::{Permission, RegionCode, RoleCode};
use crate::enterprise::Uscc;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The data scope of a role, as users of RuoYi-style systems know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataScope {
    /// Every record.
    All,
    /// Records of the regions listed on the role.
    Listed,
    /// Records of the user's own unit only.
    OwnUnit,
    /// Records of the user's own unit and every unit below it.
    OwnUnitAndBelow,
    /// Only the user's own records (and, for an enterprise user, the enterprise's).
    #[serde(rename = "self")]
    SelfOnly,
    /// The user's own records and those of the enterprises the user is currently assigned to
    /// as a specialist (助企专员); the assignments are records, so the store resolves them.
    Assigned,
}

/// Why a text is not a data scope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("data_scope.unknown: '{0}'")]
pub struct DataScopeError(pub String);

impl DataScope {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DataScope::All => "all",
            DataScope::Listed => "listed",
            DataScope::OwnUnit => "own_unit",
            DataScope::OwnUnitAndBelow => "own_unit_and_below",
            DataScope::SelfOnly => "self",
            DataScope::Assigned => "assigned",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Result<DataScope, DataScopeError> {
        match s {
            "all" => Ok(DataScope::All),
            "listed" => Ok(DataScope::Listed),
            "own_unit" => Ok(DataScope::OwnUnit),
            "own_unit_and_below" => Ok(DataScope::OwnUnitAndBelow),
            "self" => Ok(DataScope::SelfOnly),
            "assigned" => Ok(DataScope::Assigned),
            other => Err(DataScopeError(other.to_string())),
        }
    }
}

/// One role a user holds, with what it grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGrant {
    /// The role.
    pub role: RoleCode,
    /// Its data scope.
    pub data_scope: DataScope,
    /// The regions of a `listed` scope.
    pub listed_regions: Vec<RegionCode>,
    /// The permissions it grants.
    pub permissions: BTreeSet<Permission>,
}

/// The records a user may reach through one permission: a filter every store query takes.
///
/// Built only by [`Scope::for_permission`] (or [`Scope::all`] for system work), as the union of
/// the scopes of those of the user's roles that grant the permission. A role that does not grant
/// the permission adds nothing, so one role's wide scope cannot leak into another role's feature.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    all: bool,
    /// Regions whose whole subtree is visible.
    subtrees: BTreeSet<RegionCode>,
    /// Regions visible by themselves, without what lies below.
    units: BTreeSet<RegionCode>,
    /// Enterprises visible whatever their region.
    enterprises: BTreeSet<Uscc>,
    /// The user whose own records are visible.
    owner: Option<i64>,
    /// The specialist user whose current assignments' enterprises are visible.
    assigned_to: Option<i64>,
}

/// Who the scope is built for: the user's own unit and enterprise.
#[derive(Debug, Clone, Copy)]
pub struct ScopeSubject<'a> {
    /// The user's id.
    pub user_id: i64,
    /// The user's unit (region).
    pub region: Option<&'a RegionCode>,
    /// The enterprise an enterprise user belongs to.
    pub enterprise: Option<&'a Uscc>,
}

impl Scope {
    /// Every record: for system jobs and the command line, never for a web user.
    pub fn all() -> Scope {
        Scope {
            all: true,
            ..Scope::default()
        }
    }

    /// The union of the scopes of the roles that grant `permission`; `None` if none does.
    pub fn for_permission(
        subject: ScopeSubject<'_>,
        grants: &[RoleGrant],
        permission: Permission,
    ) -> Option<Scope> {
        let mut scope = Scope::default();
        let mut granted = false;
        for grant in grants
            .iter()
            .filter(|g| g.permissions.contains(&permission))
        {
            granted = true;
            match grant.data_scope {
                DataScope::All => scope.all = true,
                DataScope::Listed => scope.subtrees.extend(grant.listed_regions.iter().cloned()),
                DataScope::OwnUnit => scope.units.extend(subject.region.cloned()),
                DataScope::OwnUnitAndBelow => scope.subtrees.extend(subject.region.cloned()),
                DataScope::SelfOnly => {
                    scope.owner = Some(subject.user_id);
                    scope.enterprises.extend(subject.enterprise.cloned());
                }
                DataScope::Assigned => {
                    scope.owner = Some(subject.user_id);
                    scope.assigned_to = Some(subject.user_id);
                }
            }
        }
        granted.then_some(scope)
    }

    /// Whether every record is visible.
    pub fn is_all(&self) -> bool {
        self.all
    }

    /// Region subtrees visible in full.
    pub fn subtrees(&self) -> impl Iterator<Item = &RegionCode> {
        self.subtrees.iter()
    }

    /// Regions visible by themselves.
    pub fn units(&self) -> impl Iterator<Item = &RegionCode> {
        self.units.iter()
    }

    /// Enterprises visible whatever their region.
    pub fn enterprises(&self) -> impl Iterator<Item = &Uscc> {
        self.enterprises.iter()
    }

    /// The user whose own records are visible.
    pub fn owner(&self) -> Option<i64> {
        self.owner
    }

    /// The specialist whose current assignments' enterprises are visible (the store turns this
    /// into a subquery on the assignments).
    pub fn assigned_to(&self) -> Option<i64> {
        self.assigned_to
    }

    /// Whether the scope reaches records by something other than their region (an
    /// enterprise, an owner, assignments): such records can lie in any region.
    pub fn reaches_beyond_regions(&self) -> bool {
        self.enterprises.iter().next().is_some()
            || self.owner.is_some()
            || self.assigned_to.is_some()
    }

    /// Whether a record in `region` (of `enterprise`, owned by `owner`) is visible.
    ///
    /// The store applies the same rule in SQL; this is for records already in memory and for tests.
    /// Assignments are records, so an `assigned` scope admits here only through the owner;
    /// the store's condition adds the assigned enterprises.
    pub fn admits(
        &self,
        region: Option<&RegionCode>,
        enterprise: Option<&Uscc>,
        owner: Option<i64>,
    ) -> bool {
        self.all
            || region.is_some_and(|r| {
                self.subtrees.iter().any(|s| s.contains(r)) || self.units.contains(r)
            })
            || enterprise.is_some_and(|e| self.enterprises.contains(e))
            || (owner.is_some() && owner == self.owner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    fn grant(role: &str, scope: DataScope, perms: &[Permission]) -> RoleGrant {
        RoleGrant {
            role: RoleCode(role.into()),
            data_scope: scope,
            listed_regions: vec![region("371521")],
            permissions: perms.iter().copied().collect(),
        }
    }

    #[test]
    fn a_wide_role_does_not_leak_into_a_permission_it_does_not_grant() {
        let home = region("371502");
        let subject = ScopeSubject {
            user_id: 7,
            region: Some(&home),
            enterprise: None,
        };
        let grants = [
            grant("leader", DataScope::All, &[Permission::DASHBOARD_READ]),
            grant(
                "county_admin",
                DataScope::OwnUnitAndBelow,
                &[Permission::AUDIT_READ],
            ),
        ];
        let audit = Scope::for_permission(subject, &grants, Permission::AUDIT_READ).unwrap();
        assert!(!audit.is_all(), "the leader's 'all' must not widen audit");
        assert!(audit.admits(Some(&region("371502001")), None, None));
        assert!(!audit.admits(Some(&region("371503")), None, None));
        let dash = Scope::for_permission(subject, &grants, Permission::DASHBOARD_READ).unwrap();
        assert!(dash.is_all());
        assert!(Scope::for_permission(subject, &grants, Permission::USER_MANAGE).is_none());
    }

    #[test]
    fn own_unit_excludes_units_below_and_self_sees_own_enterprise() {
        let home = region("371502");
        let uscc = crate::enterprise::Uscc::parse("91350100M000100Y43").unwrap();
        let subject = ScopeSubject {
            user_id: 3,
            region: Some(&home),
            enterprise: Some(&uscc),
        };
        let unit = Scope::for_permission(
            subject,
            &[grant("x", DataScope::OwnUnit, &[Permission::HOME])],
            Permission::HOME,
        )
        .unwrap();
        assert!(unit.admits(Some(&home), None, None));
        assert!(!unit.admits(Some(&region("371502001")), None, None));
        let own = Scope::for_permission(
            subject,
            &[grant("e", DataScope::SelfOnly, &[Permission::HOME])],
            Permission::HOME,
        )
        .unwrap();
        assert!(own.admits(None, Some(&uscc), None));
        assert!(own.admits(None, None, Some(3)));
        assert!(!own.admits(Some(&home), None, Some(4)));
    }

    #[test]
    fn listed_scope_covers_the_listed_subtrees() {
        let subject = ScopeSubject {
            user_id: 1,
            region: None,
            enterprise: None,
        };
        let s = Scope::for_permission(
            subject,
            &[grant(
                "chain_office",
                DataScope::Listed,
                &[Permission::HOME],
            )],
            Permission::HOME,
        )
        .unwrap();
        assert!(s.admits(Some(&region("371521105")), None, None));
        assert!(!s.admits(Some(&region("371522")), None, None));
    }
}
