//! The screening radar.

use crate::error::WebResult;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{ScreenQuery, ScreenResult};
use axum::Json;
use axum::extract::{Query, State};
use chrono::Datelike;
use policy::cultivation::Tier;
use serde::Deserialize;
use utoipa::IntoParams;

pub(super) fn routes() -> RouteTable {
    RouteTable::new().route("/api/v1/cultivation/screening", get(screening))
}

/// What the radar screens.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScreenParams {
    /// The financial year assessed (default: last year).
    pub year: Option<i32>,
    /// One tier only (`innovative`, …); all tiers when absent.
    pub tier: Option<String>,
    /// Most rows answered, 1-5000 (default 500).
    pub limit: Option<usize>,
}

impl ScreenParams {
    /// The application's query; an unknown tier is refused naming the field.
    pub fn query(&self) -> Result<ScreenQuery, app::AppError> {
        let tier = match self
            .tier
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => None,
            Some(t) => Some(
                Tier::parse(t)
                    .ok_or_else(|| app::AppError::invalid("tier", "cultivation.tier_unknown"))?,
            ),
        };
        let this_year = chrono::Utc::now().year();
        let year = self.year.unwrap_or(this_year - 1);
        if !(2000..=this_year).contains(&year) {
            return Err(app::AppError::Invalid(vec![
                app::FieldError::new("year", "cultivation.year_range").with("max", this_year),
            ]));
        }
        Ok(ScreenQuery {
            year,
            tier,
            limit: self.limit.unwrap_or(500).clamp(1, 5000),
        })
    }
}

/// Every enterprise in scope against every tier it does not hold: who qualifies now and who is
/// within one item (one condition, or the score by one indicator), closest first.
#[utoipa::path(get, path = "/api/v1/cultivation/screening", tag = "cultivation", params(ScreenParams),
    responses((status = 200, body = ScreenResult), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn screening(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<ScreenParams>,
) -> WebResult<Json<ScreenResult>> {
    let q = p.query()?;
    Ok(Json(
        app::cultivation::screen(&state.app, &user.actor, &q).await?,
    ))
}
