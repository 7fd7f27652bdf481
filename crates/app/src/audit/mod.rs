//! The audit log: recording writes with their field diff, searching and exporting them.

mod diff;
mod export;
mod record;
mod search;

pub use diff::{FieldChange, diff};
pub use export::export_audit_xlsx;
pub use record::{AuditRecord, record};
pub use search::{AuditEntryView, AuditSearch, LoginAttemptView, list_login_log, search_audit};
