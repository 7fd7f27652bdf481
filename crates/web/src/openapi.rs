//! The OpenAPI document of `/api/v1`, and the Swagger UI that shows it (served from the
//! binary: utoipa-swagger-ui's `vendored` feature).

use crate::api;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};

/// The API's OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(title = "strongcity API", version = "1", description = "制造强市平台 JSON API. Sign in with POST /api/v1/session; send the answered csrf_token as X-CSRF-Token on every write."),
    paths(
        api::session::create, api::session::delete, api::session::me,
        api::org::list_users, api::org::get_user, api::org::create_user, api::org::disable_user, api::org::regions,
        api::audit::search, api::audit::export, api::audit::login_log,
        api::notify::list, api::notify::read_one, api::notify::read_all,
        api::jobs::run_once, api::jobs::calendar, api::jobs::set_day,
        api::enterprise::list, api::enterprise::create, api::enterprise::read, api::enterprise::update,
        api::enterprise::financials, api::enterprise::save_financial, api::enterprise::honors, api::enterprise::add_honor,
        api::enterprise::honor_status, api::enterprise::changes, api::enterprise::submit_change, api::enterprise::pending,
        api::enterprise::decide, api::io::template, api::io::import, api::io::progress, api::io::export,
        crate::health::healthz, crate::health::readyz,
        api::notice::list, api::notice::read, api::notice::objections, api::notice::decide,
        api::talent::list, api::talent::create, api::talent::read, api::talent::events, api::talent::internal_notice,
        api::talent::send, api::talent::qualification, api::talent::quota,
        api::talent::publish_notice, api::talent::conclude, api::talent::stats,
        api::cultivation::assessment::create, api::cultivation::assessment::read,
        api::cultivation::rules::list, api::cultivation::rules::read, api::cultivation::rules::save,
        api::cultivation::rules::copy, api::cultivation::rules::publish,
        api::cultivation::application::stats, api::cultivation::application::list, api::cultivation::application::create,
        api::cultivation::application::read, api::cultivation::application::act, api::cultivation::application::re_review,
        api::cultivation::pool::list, api::cultivation::pool::enter, api::cultivation::pool::exit,
        api::cultivation::pool::campaigns, api::cultivation::pool::create_campaign,
        api::service::list, api::service::deadlines, api::service::raise, api::service::read, api::service::act,
        api::service::report, api::service::report_xlsx, api::service::overview,
        api::service::specialists, api::service::add_specialist, api::service::assign,
        api::service::visits, api::service::record_visit,
        api::talent_review::experts, api::talent_review::add_expert, api::talent_review::committees,
        api::talent_review::create_committee, api::talent_review::meetings, api::talent_review::create_meeting,
        api::talent_review::meeting, api::talent_review::attendance, api::talent_review::open,
        api::talent_review::ballot, api::talent_review::close, api::talent_review::minutes,
        api::cultivation::screening::screening,
        api::innovation::challenges, api::innovation::post_challenge, api::innovation::challenge,
        api::innovation::act, api::innovation::apply, api::innovation::challenge_matches,
        api::innovation::teams, api::innovation::save_team, api::innovation::team,
        api::innovation::team_matches, api::innovation::competitions, api::innovation::create_competition,
        api::innovation::competition, api::innovation::projects, api::innovation::register,
        api::innovation::assign, api::innovation::my_assignments, api::innovation::score,
        api::innovation::interest, api::innovation::advance, api::innovation::awards,
        api::innovation::ranking, api::innovation::deals, api::innovation::record_deal,
        api::innovation::stats, api::innovation::experts, api::innovation::add_expert,
        api::innovation::meetings, api::innovation::create_meeting, api::innovation::meeting,
        api::innovation::close_meeting, api::innovation::rating_sheet, api::innovation::rate,
        api::innovation_files::upload_project_file, api::innovation_files::project_files,
        api::innovation_files::download_project_file, api::innovation_files::upload_application_file,
        api::innovation_files::application_files, api::innovation_files::download_application_file,
        api::stats::output, api::stats::records, api::stats::grid, api::stats::record_figures,
        api::stats::enterprise_figures, api::stats::indicators, api::stats::indicator,
        api::stats::update_indicator, api::stats::groups, api::stats::save_group_set,
        api::stats::targets, api::stats::set_target, api::stats::seed_facts,
        api::stats_report::county_annual, api::stats_report::city_monthly,
        api::cultivation::application::start_re_review, api::cultivation::application::stats_table,
        api::chain::list, api::chain::create, api::chain::read, api::chain::update, api::chain::map_svg,
        api::chain::set_target, api::chain::add_node, api::chain::update_node, api::chain::remove_node,
        api::chain::attach, api::chain::detach, api::chain::add_target, api::chain::act_on_target,
        api::chain::record_patrol, api::chain::follow_up, api::chain::parks, api::chain::add_park, api::chain::place,
        api::project::investment_stats, api::project::list_targets, api::project::register_target,
        api::project::read_target, api::project::report, api::project::review,
        api::project::county_targets, api::project::set_county_target,
        api::project::key_project::stats, api::project::key_project::list, api::project::key_project::create,
        api::project::key_project::read, api::project::key_project::update, api::project::key_project::set_plan,
        api::project::key_project::record_progress, api::project::key_project::change_stage,
        api::project::key_project::raise_problem, api::project::key_project::template,
        api::project::key_project::import, api::project::land::land_stats, api::project::land::parcels,
        api::project::land::add_parcel, api::project::land::parcel, api::project::land::dispose,
        api::project::land::inefficient, api::project::land::survey, api::project::land::enter,
        api::project::land::fund_stats, api::project::land::payments, api::project::land::pay,
        api::project::land::digital_stats, api::project::land::digital, api::project::land::record_digital,
    ),
    modifiers(&SessionCookie),
)]
pub struct ApiDoc;

struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "session",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                    crate::session::SESSION_COOKIE,
                ))),
            );
        }
    }
}
