//! sea-orm entities, one file a table. Column sets match the migrations; a test loads every
//! entity from a freshly migrated database so any drift fails.

pub mod audit_log;
pub mod cultivation_assessment;
pub mod cultivation_rule_set;
pub mod department;
pub mod enterprise;
pub mod enterprise_change;
pub mod financial;
pub mod honor;
pub mod job_lease;
pub mod job_run;
pub mod login_log;
pub mod notice_objection;
pub mod notification;
pub mod outbox;
pub mod public_notice;
pub mod region;
pub mod role;
pub mod role_permission;
pub mod role_region;
pub mod session;
pub mod talent_application;
pub mod talent_ballot_voted;
pub mod talent_committee;
pub mod talent_event;
pub mod talent_expert;
pub mod talent_meeting;
pub mod talent_meeting_candidate;
pub mod talent_meeting_expert;
pub mod talent_recommendation;
pub mod user;
pub mod user_role;
pub mod workday;
