//! The support-fund (扶持资金) and digital-record (数字化) pages, tabs of the land page: the
//! year's figures on top, filters (region, year, programme or kind), the totals by programme or
//! kind, the records with keyset paging, their xlsx export, and the record form for those who
//! may write (refused with the reasons under the fields and the values kept).

use super::{Fields, field, label, nonempty, this_year, wan};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::cultivation::xlsx_download;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use app::AppError;
use app::project::{DigitalForm, PaymentForm, RecordListQuery};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/support-funds", get(funds_page).post(pay))
        .route("/support-funds/export.xlsx", get(funds_export))
        .route("/digital-records", get(digital_page).post(record))
        .route("/digital-records/export.xlsx", get(digital_export))
}

/// The kinds of digital record, in the order of the figures.
const KINDS: [&str; 4] = [
    "base_station_5g",
    "cloud_adoption",
    "integration_certification",
    "dcmm_certification",
];

/// The filters of both lists; `programme` filters payments, `kind` digital records.
#[derive(Deserialize, Default, Clone)]
struct Filters {
    region: Option<String>,
    year: Option<String>,
    programme: Option<String>,
    kind: Option<String>,
    cursor: Option<String>,
}

/// What a list page asked for, with the links that keep its filters.
struct Listing {
    region: String,
    year: String,
    year_n: Option<i32>,
    kind: String,
    q: RecordListQuery,
    /// The query string of the filters (no cursor), for the pager and the export.
    query: String,
}

/// Reads the filters; `kind_param` names the third filter (`programme` or `kind`). A year that
/// is not a number is passed on as 0, so the use case names it instead of ignoring it.
fn listing(f: &Filters, kind_param: &str, kind: &Option<String>) -> Listing {
    let year = nonempty(&f.year).unwrap_or_else(this_year);
    let year_n = Some(year.trim().parse::<i32>().unwrap_or(0));
    let region = nonempty(&f.region).unwrap_or_default();
    let kind = nonempty(kind).unwrap_or_default();
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.append_pair("region", &region)
        .append_pair("year", &year)
        .append_pair(kind_param, &kind);
    Listing {
        q: RecordListQuery {
            region: nonempty(&f.region),
            year: year_n,
            kind: (!kind.is_empty()).then(|| kind.clone()),
            cursor: nonempty(&f.cursor),
            limit: Some(50),
        },
        query: ser.finish(),
        region,
        year,
        year_n,
        kind,
    }
}

impl Listing {
    /// The next page's link.
    fn next(&self, path: &str, cursor: Option<String>) -> Option<String> {
        cursor.map(|c| format!("{path}?{}&cursor={c}", self.query))
    }

    /// The first page's link, when this is not the first page.
    fn first(&self, path: &str) -> String {
        if self.q.cursor.is_some() {
            format!("{path}?{}", self.query)
        } else {
            String::new()
        }
    }
}

/// The year of a date as entered (`2022-06-01`, `2022/6/1`, `2022年6月1日`), to show the list
/// of the year a new record falls in.
fn year_of(date: &str) -> String {
    date.trim()
        .chars()
        .take(4)
        .collect::<String>()
        .parse::<i32>()
        .map(|y| y.to_string())
        .unwrap_or_default()
}

struct ProgrammeTotal {
    programme: String,
    href: String,
    payments: u64,
    total: String,
}

struct PaymentRow {
    paid_on: String,
    programme: String,
    enterprise: String,
    uscc: String,
    region: String,
    amount: String,
    document: String,
}

#[derive(Template)]
#[template(path = "project/funds.html")]
struct FundsPage {
    c: Chrome,
    tab: &'static str,
    region: String,
    year: String,
    programme: String,
    programmes: Vec<String>,
    total: String,
    payments: u64,
    enterprises: u64,
    totals: Vec<ProgrammeTotal>,
    items: Vec<PaymentRow>,
    next_url: Option<String>,
    first_url: String,
    export_url: String,
    can_write: bool,
    f: Fields,
    errors: FieldErrors,
}

impl FundsPage {
    /// A value entered in the record form.
    fn v(&self, k: &str) -> String {
        field(&self.f, k)
    }
}

async fn funds_view(
    state: &AppState,
    user: &Authed,
    filters: &Filters,
    f: Fields,
    errors: FieldErrors,
) -> WebResult<FundsPage> {
    let c = Chrome::build(
        state,
        user,
        "/land",
        "land.funds",
        &[("/land", "land.title")],
    )
    .await;
    let l = listing(filters, "programme", &filters.programme);
    let (app, actor) = (&state.app, &user.actor);
    let s = app::project::support_fund_stats(
        app,
        actor,
        nonempty(&filters.region).as_deref(),
        l.year_n,
    )
    .await?;
    let page = app::project::list_payments(app, actor, &l.q).await?;
    let mut programmes: Vec<String> = s.by_programme.iter().map(|r| r.programme.clone()).collect();
    if !l.kind.is_empty() && !programmes.contains(&l.kind) {
        programmes.push(l.kind.clone());
    }
    let totals = s
        .by_programme
        .iter()
        .map(|r| {
            let mut ser = form_urlencoded::Serializer::new(String::new());
            ser.append_pair("region", &l.region)
                .append_pair("year", &l.year)
                .append_pair("programme", &r.programme);
            ProgrammeTotal {
                href: format!("/support-funds?{}", ser.finish()),
                programme: r.programme.clone(),
                payments: r.payments,
                total: wan(&r.total_wan_yuan),
            }
        })
        .collect();
    let items = page
        .items
        .into_iter()
        .map(|p| PaymentRow {
            paid_on: p.paid_on.to_string(),
            programme: p.programme,
            enterprise: p.enterprise_name,
            uscc: p.enterprise_uscc,
            region: p.region_code,
            amount: wan(&p.amount_wan_yuan),
            document: p.document,
        })
        .collect();
    Ok(FundsPage {
        tab: "funds",
        programmes,
        total: wan(&s.total_wan_yuan),
        payments: s.payments,
        enterprises: s.enterprises,
        totals,
        items,
        next_url: l.next("/support-funds", page.next_cursor),
        first_url: l.first("/support-funds"),
        export_url: format!("/support-funds/export.xlsx?{}", l.query),
        can_write: actor.can(Permission::PROJECT_WRITE),
        f,
        errors,
        region: l.region,
        year: l.year,
        programme: l.kind,
        c,
    })
}

async fn funds_page(
    State(state): State<AppState>,
    user: Authed,
    Query(filters): Query<Filters>,
) -> WebResult<Response> {
    let v = funds_view(
        &state,
        &user,
        &filters,
        Fields::new(),
        FieldErrors::default(),
    )
    .await?;
    Ok(render(&v)?.into_response())
}

async fn funds_export(
    State(state): State<AppState>,
    user: Authed,
    Query(filters): Query<Filters>,
) -> WebResult<Response> {
    let l = listing(&filters, "programme", &filters.programme);
    let bytes = app::project::payments_xlsx(&state.app, &user.actor, &l.q).await?;
    Ok(xlsx_download(
        &format!("support-funds-{}.xlsx", l.year),
        bytes,
    ))
}

/// The answer to a record form: the list of the record's year, or the page again with the
/// reasons and the values entered.
async fn saved<V: Template>(
    user: &Authed,
    r: Result<usize, AppError>,
    to: String,
    again: impl AsyncFnOnce(FieldErrors) -> WebResult<V>,
) -> WebResult<Response> {
    match r {
        Ok(_) => Ok(Redirect::to(&to).into_response()),
        Err(AppError::Invalid(errs)) => {
            let v = again(FieldErrors::from_app(&Tr::new(user.lang), &errs)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn pay(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = PaymentForm {
        programme: field(&f, "programme"),
        enterprise_uscc: field(&f, "enterprise_uscc"),
        amount_wan_yuan: field(&f, "amount_wan_yuan"),
        paid_on: field(&f, "paid_on"),
        document: field(&f, "document"),
    };
    let r = app::project::pay_support_funds(&state.app, &user.actor, &user.meta, vec![form]).await;
    let to = format!(
        "/support-funds?year={}#payments",
        year_of(&field(&f, "paid_on"))
    );
    saved(&user, r, to, async |errors| {
        funds_view(&state, &user, &Filters::default(), f.clone(), errors).await
    })
    .await
}

struct KindTotal {
    code: &'static str,
    kind: String,
    href: String,
    records: u64,
    quantity: i64,
}

struct DigitalRow {
    recorded_on: String,
    kind: String,
    region: String,
    enterprise: String,
    uscc: String,
    quantity: i32,
    place: String,
    source: String,
}

#[derive(Template)]
#[template(path = "project/digital.html")]
struct DigitalPage {
    c: Chrome,
    tab: &'static str,
    region: String,
    year: String,
    kind: String,
    kinds: Vec<(String, String)>,
    totals: Vec<KindTotal>,
    items: Vec<DigitalRow>,
    next_url: Option<String>,
    first_url: String,
    export_url: String,
    can_write: bool,
    f: Fields,
    errors: FieldErrors,
}

impl DigitalPage {
    /// A value entered in the record form.
    fn v(&self, k: &str) -> String {
        field(&self.f, k)
    }
}

async fn digital_view(
    state: &AppState,
    user: &Authed,
    filters: &Filters,
    f: Fields,
    errors: FieldErrors,
) -> WebResult<DigitalPage> {
    let c = Chrome::build(
        state,
        user,
        "/land",
        "digital.title",
        &[("/land", "land.title")],
    )
    .await;
    let t = &c.t;
    let l = listing(filters, "kind", &filters.kind);
    let (app, actor) = (&state.app, &user.actor);
    let s = app::project::digital_stats(app, actor, nonempty(&filters.region).as_deref(), l.year_n)
        .await?;
    let page = app::project::list_digital(app, actor, &l.q).await?;
    // Base stations count in batches; every other record is one enterprise.
    let figures = [
        (s.base_station_batches, s.base_stations_5g),
        (s.cloud_enterprises as u64, s.cloud_enterprises),
        (s.integration_certified as u64, s.integration_certified),
        (s.dcmm_certified as u64, s.dcmm_certified),
    ];
    let totals = KINDS
        .iter()
        .zip(figures)
        .map(|(&k, (records, quantity))| {
            let mut ser = form_urlencoded::Serializer::new(String::new());
            ser.append_pair("region", &l.region)
                .append_pair("year", &l.year)
                .append_pair("kind", k);
            KindTotal {
                code: k,
                kind: label(t, "digital.kind.", k),
                href: format!("/digital-records?{}", ser.finish()),
                records,
                quantity,
            }
        })
        .collect();
    let items = page
        .items
        .into_iter()
        .map(|d| DigitalRow {
            recorded_on: d.recorded_on.to_string(),
            kind: label(t, "digital.kind.", &d.kind),
            region: d.region_code,
            enterprise: d.enterprise_name.unwrap_or_default(),
            uscc: d.enterprise_uscc.unwrap_or_default(),
            quantity: d.quantity,
            place: d.place,
            source: d.source,
        })
        .collect();
    Ok(DigitalPage {
        tab: "digital",
        kinds: super::options(t, "digital.kind.", &KINDS),
        totals,
        items,
        next_url: l.next("/digital-records", page.next_cursor),
        first_url: l.first("/digital-records"),
        export_url: format!("/digital-records/export.xlsx?{}", l.query),
        can_write: actor.can(Permission::PROJECT_WRITE),
        f,
        errors,
        region: l.region,
        year: l.year,
        kind: l.kind,
        c,
    })
}

async fn digital_page(
    State(state): State<AppState>,
    user: Authed,
    Query(filters): Query<Filters>,
) -> WebResult<Response> {
    let v = digital_view(
        &state,
        &user,
        &filters,
        Fields::new(),
        FieldErrors::default(),
    )
    .await?;
    Ok(render(&v)?.into_response())
}

async fn digital_export(
    State(state): State<AppState>,
    user: Authed,
    Query(filters): Query<Filters>,
) -> WebResult<Response> {
    let l = listing(&filters, "kind", &filters.kind);
    let bytes = app::project::digital_xlsx(&state.app, &user.actor, &l.q).await?;
    Ok(xlsx_download(
        &format!("digital-records-{}.xlsx", l.year),
        bytes,
    ))
}

async fn record(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let quantity = field(&f, "quantity");
    let form = DigitalForm {
        kind: field(&f, "kind"),
        region_code: field(&f, "region_code"),
        enterprise_uscc: field(&f, "enterprise_uscc"),
        // A count that is not a number is refused as not positive, not dropped.
        quantity: (!quantity.trim().is_empty()).then(|| quantity.trim().parse().unwrap_or(0)),
        recorded_on: field(&f, "recorded_on"),
        place: field(&f, "place"),
        source: field(&f, "source"),
    };
    let r = app::project::record_digital(&state.app, &user.actor, &user.meta, vec![form]).await;
    let to = format!(
        "/digital-records?year={}&kind={}#records",
        year_of(&field(&f, "recorded_on")),
        field(&f, "kind")
    );
    saved(&user, r, to, async |errors| {
        digital_view(&state, &user, &Filters::default(), f.clone(), errors).await
    })
    .await
}
