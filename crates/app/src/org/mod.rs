//! Regions, departments, roles and users.

mod regions;
mod roles;
mod users;

pub use regions::{
    RegionImportReport, RegionNode, import_regions_csv, list_departments, region_tree,
    upsert_department,
};
pub use roles::{BUILTIN_ROLES, RoleFileError, builtin_roles, load_builtin_roles};
pub use users::{
    NewUserForm, UserView, create_user, disable_user, list_users, reset_password, set_locale,
};
