//! Regions, departments, roles and users.

mod regions;
mod roles;
mod users;

pub use regions::{
    RegionImportReport, RegionNode, import_regions_csv, list_departments, region_name, region_tree,
    upsert_department,
};
pub use roles::{BUILTIN_ROLES, RoleFileError, builtin_roles, load_builtin_roles};
pub use store::org::user::UserQuery;
pub use users::{
    NewUserForm, UserView, create_user, disable_user, find_user, list_users, mask_phone,
    reset_password, set_locale, user_id_by_name,
};
