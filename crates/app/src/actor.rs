//! The acting user and what they may do.

use crate::AppError;
use policy::enterprise::Uscc;
use policy::org::{Permission, RegionCode, RoleCode, RoleGrant, Scope, ScopeSubject};

/// Where a request came from, for the audit and login logs.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    /// The request id (also in the response header and the server log).
    pub request_id: String,
    /// The client's address.
    pub client_addr: String,
    /// The client's user agent.
    pub user_agent: String,
}

impl RequestMeta {
    /// Meta for work started on the command line.
    pub fn cli(command: &str) -> RequestMeta {
        RequestMeta {
            request_id: format!("cli-{}", uuid::Uuid::new_v4().simple()),
            client_addr: "local".into(),
            user_agent: format!("strongcity {command}"),
        }
    }
}

/// A signed-in user (or the system itself), with their roles' grants.
#[derive(Debug, Clone)]
pub struct Actor {
    /// User id; 0 for the system.
    pub user_id: i64,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// The user's unit.
    pub region: Option<RegionCode>,
    /// The enterprise of an enterprise user.
    pub enterprise: Option<Uscc>,
    /// Interface language (`zh-CN` or `en`).
    pub locale: String,
    /// What each role grants.
    pub grants: Vec<RoleGrant>,
    /// Whether the initial password must still be changed.
    pub must_change_password: bool,
    system: bool,
}

impl Actor {
    /// Builds the actor of a signed-in user.
    pub fn user(user: &store::entity::user::Model, grants: Vec<RoleGrant>) -> Actor {
        Actor {
            user_id: user.id,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            region: user
                .region_code
                .as_deref()
                .and_then(|r| RegionCode::parse(r).ok()),
            enterprise: user
                .enterprise_uscc
                .as_deref()
                .and_then(|u| Uscc::parse(u).ok()),
            locale: user.locale.clone(),
            grants,
            must_change_password: user.must_change_password,
            system: false,
        }
    }

    /// The platform itself, acting for a command-line operator or a background job: every
    /// permission, every record. Never built from a web request.
    pub fn system(what: &str) -> Actor {
        Actor {
            user_id: 0,
            username: format!("system:{what}"),
            display_name: format!("system ({what})"),
            region: None,
            enterprise: None,
            locale: "zh-CN".into(),
            grants: Vec::new(),
            must_change_password: false,
            system: true,
        }
    }

    /// A visitor who is not signed in (someone lodging an objection to a public notice): no
    /// permission at all, recorded in the audit log as `anonymous`.
    pub fn anonymous() -> Actor {
        Actor {
            user_id: 0,
            username: "anonymous".into(),
            display_name: "anonymous".into(),
            region: None,
            enterprise: None,
            locale: "zh-CN".into(),
            grants: Vec::new(),
            must_change_password: false,
            system: false,
        }
    }

    /// Whether this is the system actor.
    pub fn is_system(&self) -> bool {
        self.system
    }

    /// The user id to store as the actor of a record (none for the system).
    pub fn stored_id(&self) -> Option<i64> {
        (!self.system && self.user_id > 0).then_some(self.user_id)
    }

    /// Whether any of the actor's roles grants `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        self.system
            || self
                .grants
                .iter()
                .any(|g| g.permissions.contains(&permission))
    }

    /// The data scope for `permission`, or `Forbidden` when no role grants it.
    ///
    /// Every use case calls this before it reads anything. A user who must still change the
    /// initial password gets nothing but the password change.
    pub fn scope(&self, permission: Permission) -> Result<Scope, AppError> {
        if self.system {
            return Ok(Scope::all());
        }
        if self.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        Scope::for_permission(
            ScopeSubject {
                user_id: self.user_id,
                region: self.region.as_ref(),
                enterprise: self.enterprise.as_ref(),
            },
            &self.grants,
            permission,
        )
        .ok_or(AppError::Forbidden(permission))
    }

    /// Checks a permission whose use case needs no data scope.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        self.scope(permission).map(|_| ())
    }

    /// The codes of the roles the actor holds.
    pub fn role_codes(&self) -> Vec<RoleCode> {
        self.grants.iter().map(|g| g.role.clone()).collect()
    }

    /// Whether the actor holds the role.
    pub fn has_role(&self, code: &str) -> bool {
        self.grants.iter().any(|g| g.role.0 == code)
    }
}
