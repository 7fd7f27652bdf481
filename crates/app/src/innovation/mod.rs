//! Innovation (创新创业): research teams and challenges (揭榜挂帅) with their review, public
//! notice, agreement, milestones and tranches; matching teams and challenges; competitions
//! with judging and the deals signed after the award; evaluation meetings (述职评议).
//!
//! A challenge's steps are appended to `challenge_event` (never updated); the `challenge`
//! row's status is a projection for lists. The state machine is `policy::innovation`.

mod challenge;
mod challenge_view;
mod competition;
mod deals;
pub mod demo;
mod demo_data;
mod experts;
mod files;
mod judging;
pub mod matching;
mod meeting;
mod milestones;
mod ranking;
mod records;
mod review;
mod team;

pub use challenge::{
    ChallengeActionForm, ChallengeListQuery, MilestoneForm, NewChallengeForm, act_on_challenge,
    get_challenge, list_challenges, post_challenge,
};
pub use challenge_view::{ChallengeRowView, ChallengeView, EventView, MilestoneView};
pub use competition::{
    CompetitionForm, CompetitionView, MemberForm, ProjectForm, ProjectView, TrackView,
    create_competition, get_competition, get_project, list_competitions, list_projects,
    register_project,
};
pub use deals::{CompetitionStats, DealForm, DealView, competition_stats, list_deals, record_deal};
pub use experts::{ExpertForm, ExpertView, add_expert, declare_interest, list_experts};
pub use files::{
    application_files, download_application_file, download_project_file, list_application_files,
    list_project_files, project_files, upload_application_file, upload_project_file,
};
pub use judging::{
    AssignedProject, AssignmentSummary, ScoreForm, ScoreView, assign_round, import_scores,
    my_assignments, submit_score,
};
pub use matching::{MatchState, MatchView, ReasonView, match_challenges, match_teams};
pub use meeting::{
    MeetingCreated, MeetingForm, MeetingView, RatingForm, RatingSheet, SubjectForm, SubjectView,
    close_meeting, create_meeting, get_meeting, list_meetings, rate, rating_sheet,
};
pub use ranking::{RankingRow, TrackRanking, advance_to_final, give_awards, ranking};
pub use records::{CompetitionRecords, RecordedChallenge, RecordedIds, record_competition};
pub use review::{ApplicationForm, ApplicationView, apply_to_challenge};
pub use team::{TeamForm, TeamView, get_team, list_teams, my_team, save_team};

use crate::AppError;
use chrono::NaiveDate;
use policy::innovation::InnovationRules;

/// `rules/innovation.toml`, shipped in the binary.
pub const INNOVATION_RULES: &str = include_str!("../../../../rules/innovation.toml");

/// The innovation rule set in force.
pub fn innovation_rules() -> Result<InnovationRules, AppError> {
    InnovationRules::parse(INNOVATION_RULES).map_err(|e| AppError::Internal(e.to_string()))
}

/// Today in China Standard Time.
pub fn today() -> NaiveDate {
    crate::notice::today()
}

/// Splits a list of tags typed with commas, Chinese commas, 、 or spaces; trims, drops empties
/// and repeats, keeps the order.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in text.split([',', '，', '、', ';', '；', ' ', '\n']) {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Collects field errors so a form names every problem at once.
#[derive(Default)]
pub(crate) struct Errors(pub Vec<crate::FieldError>);

impl Errors {
    /// A required text of at most `max` characters.
    pub fn text(&mut self, field: &str, v: &str, max: usize) -> String {
        let v = v.trim();
        if v.is_empty() {
            self.0
                .push(crate::FieldError::new(field, "common.required"));
        } else if v.chars().count() > max {
            self.0
                .push(crate::FieldError::new(field, "common.too_long"));
        }
        v.to_string()
    }

    /// An optional text of at most `max` characters.
    pub fn optional(&mut self, field: &str, v: &str, max: usize) -> String {
        let v = v.trim();
        if v.chars().count() > max {
            self.0
                .push(crate::FieldError::new(field, "common.too_long"));
        }
        v.to_string()
    }

    /// Adds one error.
    pub fn push(&mut self, field: &str, key: &str) {
        self.0.push(crate::FieldError::new(field, key));
    }

    /// `Ok` when nothing was wrong.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// The JSON text of a list of strings.
pub(crate) fn json_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// A stored JSON list of strings (empty when unreadable).
pub(crate) fn list_of(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_files;
