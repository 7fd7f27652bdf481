//! Professional titles for enterprise engineers (职称): applications by the ordinary route or
//! recommended within the enterprise's quota, the employer's internal notice, the HR bureau's
//! qualification check, committees and meetings with a secret ballot, the public notice and
//! the grant, and the statistics.

mod application;
mod ballot;
mod committee;
pub mod demo;
mod demo_data;
mod export;
mod files;
mod meeting;
mod minutes;
mod recommend;
mod result;
mod rules;
mod stats;
mod view;
mod workflow;

pub use application::{
    ApplicationForm, application_events, create_application, get_application, list_applications,
};
pub use ballot::{MyBallot, my_ballot};
pub use committee::{
    CommitteeForm, CommitteeView, Conflict, ExpertForm, ExpertView, add_expert, create_committee,
    list_committees, list_experts,
};
pub use export::export_applications_csv;
pub use files::{FileView, download_file, list_files, upload_file};
pub use meeting::{
    BallotChoice, CandidateView, MeetingExpertView, MeetingForm, MeetingView, cast_ballot,
    close_ballot, create_meeting, get_meeting, list_meetings, open_ballot, record_attendance,
};
pub use minutes::minutes_xlsx;
pub use recommend::{QuotaView, RecommendationForm, quota_of};
pub use result::{SUBJECT_KIND, conclude_notice, publish_result, result_notice};
pub use rules::{TALENT_RULES, talent_rules};
pub use stats::{ByLevel, Counts, Surveyed, TalentStats, talent_stats};
pub use store::talent::application::ApplicationFilter;
pub use view::{ApplicationView, Attachment, EventView, Evidence, Patent, RecommendationView};
pub use workflow::{check_qualification, send_application, start_internal_notice};

use chrono::{NaiveDate, Utc};

/// Today in China (UTC+8): the day a recommendation counts its quota on.
pub fn today() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(8)).date_naive()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_demo;
#[cfg(test)]
mod tests_logs;
#[cfg(test)]
mod tests_review;
