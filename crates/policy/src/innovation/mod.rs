//! Innovation (创新创业): open challenges (揭榜挂帅) with their milestones and tranches,
//! competitions with tracks, judge assignment without conflicts and per-judge score
//! normalisation, and evaluation meetings (述职评议) with anonymous on-site ratings.
//!
//! Everything here is a pure function of its inputs; thresholds come from the rule file
//! `rules/innovation.toml` ([`InnovationRules`]).

mod assign;
mod challenge;
mod meeting;
mod normalise;
mod rules;

pub use assign::{AssignError, Judge, Project, assign_judges};
pub use challenge::{
    ChallengeAction, ChallengeError, ChallengeState, MilestoneKind, MilestonePlan, MilestoneStatus,
    check_milestones,
};
pub use meeting::{Grade, MeetingScale, SubjectTally};
pub use normalise::{JudgeScore, NormalisedProject, normalise};
pub use rules::{Criterion, InnovationRules, RulesError, TrackRule};

#[cfg(test)]
mod tests;
