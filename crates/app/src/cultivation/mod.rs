//! Gradient cultivation (梯度培育): rule sets, assessments and the screening radar.

pub mod assessment;
pub mod inputs;
pub mod rules;
pub mod screening;

pub use assessment::{
    AssessRequest, AssessmentLine, AssessmentView, RuleSetRef, assess, assessments_of,
    get_assessment,
};
pub use rules::{
    RuleSetDetail, RuleSetView, copy_rule_set, list_rule_sets, load_shipped_rule_sets,
    publish_rule_set, rule_set, save_rule_set_draft,
};

pub use screening::{ScreenQuery, ScreenResult, ScreenRow, screen, screen_xlsx};

#[cfg(test)]
mod tests;
