//! The route × role matrix: the source of truth for permissions.
//!
//! Every route the server registers (`web::route_table()`) is listed here with the status each
//! demo role (and an anonymous visitor) gets from it, sent with a valid body and the CSRF token
//! so that the answer reflects permission, not input. A route added to the server and not to
//! this table fails the test; so does a row for a route that no longer exists.

use crate::common::{PASSWORD, TestApp, on_each_backend};
use crate::support::{Answer, raise_notification, user_id};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// The columns: anonymous first, then one demo account per role.
const WHO: [&str; 10] = [
    "anonymous",
    "admin",
    "county.yanggu",
    "chain",
    "specialist",
    "enterprise",
    "hrbureau",
    "expert",
    "research",
    "leader",
];

/// What a request sends.
#[derive(Clone)]
enum Body {
    None,
    Json(Value),
    Form(Vec<(&'static str, String)>),
    /// A multipart upload of `file` (pages carry the CSRF token in the query string).
    Upload(&'static str),
}

/// Whether a row needs its own session (it ends, replaces or changes the session).
#[derive(Clone, Copy, PartialEq)]
enum Session {
    Shared,
    Fresh,
}

struct Row {
    method: Method,
    /// The route pattern as registered.
    pattern: &'static str,
    /// The path sent; `{me}`, `{note_api}`, `{note_page}`, `{yanggu_user}`, `{target}`,
    /// `{who}` are filled in per role.
    path: &'static str,
    body: Body,
    session: Session,
    /// Expected status per column of [`WHO`].
    expect: [u16; 10],
}

// Shorthands for the expectation columns.
const ALL_200_ANON_303: [u16; 10] = [303, 200, 200, 200, 200, 200, 200, 200, 200, 200];
const ALL_200_ANON_401: [u16; 10] = [401, 200, 200, 200, 200, 200, 200, 200, 200, 200];
const ALL_303: [u16; 10] = [303; 10];
const EVERYONE_200: [u16; 10] = [200; 10];

/// Holders of `talent:read` on a page: admin, 阳谷县, the enterprise, the title administrator.
const TALENT_READERS_PAGE: [u16; 10] = [303, 200, 200, 403, 403, 200, 200, 403, 403, 403];

/// Only the title administrator (`talent:committee:manage`), on a page.
const TITLE_ADMIN_ONLY_200: [u16; 10] = [303, 403, 403, 403, 403, 403, 200, 403, 403, 403];

/// Only the city administrator; a page (anonymous redirected) or the API (anonymous 401).
const fn admin_only(anon: u16, ok: u16) -> [u16; 10] {
    [anon, ok, 403, 403, 403, 403, 403, 403, 403, 403]
}

/// The city and county administrators (user and audit reading).
const fn admins(anon: u16, ok: u16, county: u16) -> [u16; 10] {
    [anon, ok, county, 403, 403, 403, 403, 403, 403, 403]
}

/// Roles holding `enterprise:read`: admin, county, chain, specialist, enterprise, hrbureau.
const fn enterprise_readers(anon: u16) -> [u16; 10] {
    [anon, 200, 200, 200, 200, 200, 200, 403, 403, 403]
}

/// One enterprise of 临清 (the demo's foundry): visible to the city, the HR bureau and the
/// enterprise itself; missing for the other regions' roles; forbidden without `enterprise:read`.
const fn foundry_readers(anon: u16) -> [u16; 10] {
    [anon, 200, 404, 404, 404, 200, 200, 403, 403, 403]
}

/// Writers of the registry: the city and county administrators.
const fn registry_writers(anon: u16, admin: u16, county: u16) -> [u16; 10] {
    [anon, admin, county, 403, 403, 403, 403, 403, 403, 403]
}

/// Roles holding `region:read`: admin, county, chain, hrbureau, leader.
const fn region_readers(anon: u16) -> [u16; 10] {
    [anon, 200, 200, 200, 403, 403, 200, 403, 403, 200]
}

/// Holders of `cultivation:assess`: the city (all), a county (its subtree) and the enterprise
/// itself; `county` is what 阳谷县 gets (404 for the 临清 foundry's records).
const fn assessors(anon: u16, ok: u16, county: u16) -> [u16; 10] {
    [anon, ok, county, 403, 403, ok, 403, 403, 403, 403]
}

/// Roles holding `cultivation:read`: admin, county, enterprise, leader.
const fn cultivation_readers(anon: u16) -> [u16; 10] {
    [anon, 200, 200, 403, 403, 200, 403, 403, 403, 200]
}

/// The demo's first application (阳谷县): the city, 阳谷县 and the leader read it; the
/// enterprise (临清) does not reach it.
const fn yanggu_application(anon: u16) -> [u16; 10] {
    [anon, 200, 200, 403, 403, 404, 403, 403, 403, 200]
}

fn row(
    method: Method,
    pattern: &'static str,
    path: &'static str,
    body: Body,
    session: Session,
    expect: [u16; 10],
) -> Row {
    Row {
        method,
        pattern,
        path,
        body,
        session,
        expect,
    }
}

fn get(pattern: &'static str, path: &'static str, expect: [u16; 10]) -> Row {
    row(
        Method::GET,
        pattern,
        path,
        Body::None,
        Session::Shared,
        expect,
    )
}

fn regions_csv() -> &'static str {
    "code,name,parent_code,level\n371521,阳谷县,371500,county\n"
}

fn empty_enterprise_csv() -> &'static str {
    "uscc,name,region_code,industry_code\n"
}

/// The demo's foundry in 临清 (`app::demo::ENTERPRISES[0]`).
const FOUNDRY: &str = "91371581MA3C0F0019";

/// The full profile form of the foundry with one changed field per role.
fn foundry_form() -> Vec<(&'static str, String)> {
    vec![
        ("uscc", FOUNDRY.into()),
        ("name", "临清示例铸造机械有限公司".into()),
        ("region_code", "371581".into()),
        ("industry_code", "C3423".into()),
        ("main_products", "铸造机械 {who}".into()),
    ]
}

fn foundry_json() -> Value {
    json!({"uscc": FOUNDRY, "name": "临清示例铸造机械有限公司", "region_code": "371581",
        "industry_code": "C3423", "main_products": "造型线 {who}"})
}

/// 阳谷县's first demo cultivation enterprise (`app::service::demo::cultivation_uscc(0)`).
const YANGGU_0: &str = "91371521MD3T0A001J";

/// Pages readable with `ticket:read`: admin, county, chain office, specialist, enterprise,
/// leader.
const TICKET_READERS_PAGE: [u16; 10] = [303, 200, 200, 200, 200, 200, 403, 403, 403, 200];

/// The report: supervisors and dashboard readers with `ticket:read` (the leader, the chain
/// office of 茌平区).
const TICKET_REPORT_READERS: [u16; 10] = [303, 200, 200, 200, 403, 403, 403, 403, 403, 200];

/// 茌平区's first demo chain enterprise (`app::chain::demo::chain_uscc(1)`).
const CHAIN_FIRM: &str = "91371503TJ0000001M";

/// Readers of the demo's first chain (茌平区): the city, the chain office and the leader;
/// 阳谷县 does not reach it.
const fn chain_readers(anon: u16) -> [u16; 10] {
    [anon, 200, 404, 200, 403, 403, 403, 403, 403, 200]
}

/// Keepers of the demo's first chain: the city and the chain office answer `ok`; 阳谷县 does
/// not reach it; the leader reads only.
const fn chain_keepers(anon: u16, ok: u16) -> [u16; 10] {
    [anon, ok, 404, ok, 403, 403, 403, 403, 403, 403]
}

/// Pages readable with `innovation:read`: admin, county, enterprise, expert, research, leader.
const INNOVATION_READERS_PAGE: [u16; 10] = [303, 200, 200, 403, 403, 200, 403, 200, 200, 200];

/// The same through the API.
const INNOVATION_READERS_API: [u16; 10] = [401, 200, 200, 403, 403, 200, 403, 200, 200, 200];

/// A missing record through the API: 404 for holders of `innovation:read`, 403 for the rest.
const INNOVATION_READERS_MISSING: [u16; 10] = [401, 404, 404, 403, 403, 404, 403, 404, 404, 404];

/// Holders of `stats:read`: admin, 阳谷县, the chain office, the leader; `chain` is what the
/// chain office (茌平区 only) gets from a row about 阳谷县.
const fn stats_readers(anon: u16, chain: u16) -> [u16; 10] {
    [anon, 200, 200, chain, 403, 403, 403, 403, 403, 200]
}

/// Holders of `project:read`: admin, 阳谷县, the enterprise, the leader.
const fn project_readers(anon: u16) -> [u16; 10] {
    [anon, 200, 200, 403, 403, 200, 403, 403, 403, 200]
}

/// Holders of `investment:read`: admin, 阳谷县, the chain office, the enterprise, the leader.
const fn investment_readers(anon: u16) -> [u16; 10] {
    [anon, 200, 200, 200, 403, 200, 403, 403, 403, 200]
}

/// Holders of `project:write` (the city and 阳谷县) acting on a record of 阳谷县.
const fn project_writers(anon: u16, ok: u16) -> [u16; 10] {
    [anon, ok, ok, 403, 403, 403, 403, 403, 403, 403]
}

/// Holders of `project:write` acting on a record of 临清 (the demo's project 1, the foundry's):
/// the city may, 阳谷县 does not reach it.
const fn linqing_writers(anon: u16, ok: u16) -> [u16; 10] {
    [anon, ok, 404, 403, 403, 403, 403, 403, 403, 403]
}

/// The indicator card form of `output`, as the card page posts it.
fn indicator_form() -> Vec<(&'static str, String)> {
    vec![
        ("name_zh", "工业总产值（当年价格）".into()),
        ("name_en", "Gross industrial output (current prices)".into()),
        ("unit_zh", "万元".into()),
        ("unit_en", "10k yuan".into()),
        ("frequency", "monthly".into()),
        ("owner", "{who}".into()),
        ("higher_is_better", "1".into()),
        ("red_below_yoy_pct", "0".into()),
        ("orange_below_yoy_pct", "5".into()),
    ]
}

fn calendar_csv() -> &'static str {
    "date,kind,festival\n2031-01-01,holiday,New Year's Day\n"
}

/// The matrix. Order matters within a role: per-id reads come before read-all, and the
/// password change (which changes the account's password) is the last fresh-session row.
fn matrix() -> Vec<Row> {
    use Session::{Fresh, Shared};
    let create_form = |suffix: &'static str| {
        Body::Form(vec![
            ("username", format!("m.page.{suffix}")),
            ("password", "Matrix#2026ab".into()),
            ("role", "expert".into()),
            ("region", "371521".into()),
        ])
    };
    let reason = Body::Form(vec![("reason", "matrix".into())]);
    vec![
        // Pages.
        get("/", "/", ALL_200_ANON_303),
        get(
            "/login",
            "/login",
            [200, 303, 303, 303, 303, 303, 303, 303, 303, 303],
        ),
        get("/password", "/password", ALL_200_ANON_303),
        get("/notifications", "/notifications", ALL_200_ANON_303),
        row(
            Method::POST,
            "/notifications/{id}/read",
            "/notifications/{note_page}/read",
            Body::Form(vec![]),
            Shared,
            ALL_303,
        ),
        get("/users", "/users", admins(303, 200, 200)),
        get("/users/new", "/users/new", admin_only(303, 200)),
        row(
            Method::POST,
            "/users",
            "/users",
            create_form("x"),
            Shared,
            admin_only(303, 303),
        ),
        get("/users/{id}", "/users/{yanggu_user}", admins(303, 200, 200)),
        get("/users/{id}", "/users/{target}", admins(303, 200, 404)),
        row(
            Method::POST,
            "/users/{id}/disable",
            "/users/{target}/disable",
            reason.clone(),
            Shared,
            admin_only(303, 303),
        ),
        row(
            Method::POST,
            "/users/{id}/enable",
            "/users/{target}/enable",
            reason.clone(),
            Shared,
            admin_only(303, 303),
        ),
        get("/regions", "/regions", region_readers(303)),
        row(
            Method::POST,
            "/regions/import",
            "/regions/import",
            Body::Upload(regions_csv()),
            Shared,
            admin_only(303, 200),
        ),
        get("/audit", "/audit", admins(303, 200, 200)),
        get(
            "/audit/export.xlsx",
            "/audit/export.xlsx",
            admins(303, 200, 200),
        ),
        get("/login-log", "/login-log", admin_only(303, 200)),
        get("/calendar", "/calendar", admin_only(303, 200)),
        row(
            Method::POST,
            "/calendar/import",
            "/calendar/import",
            Body::Upload(calendar_csv()),
            Shared,
            admin_only(303, 200),
        ),
        row(
            Method::POST,
            "/calendar/day",
            "/calendar/day",
            Body::Form(vec![
                ("date", "2030-05-06".into()),
                ("kind", "holiday".into()),
            ]),
            Shared,
            admin_only(303, 200),
        ),
        get("/jobs", "/jobs", admin_only(303, 200)),
        row(
            Method::POST,
            "/jobs/run",
            "/jobs/run",
            Body::Form(vec![]),
            Shared,
            admin_only(303, 303),
        ),
        // API.
        get("/api/v1/me", "/api/v1/me", ALL_200_ANON_401),
        get("/api/v1/users", "/api/v1/users", admins(401, 200, 200)),
        row(
            Method::POST,
            "/api/v1/users",
            "/api/v1/users",
            Body::Json(
                json!({"username": "m.api.x", "password": "Matrix#2026ab", "role": "expert", "region": "371521"}),
            ),
            Shared,
            admin_only(401, 201),
        ),
        get(
            "/api/v1/users/{id}",
            "/api/v1/users/{yanggu_user}",
            admins(401, 200, 200),
        ),
        get(
            "/api/v1/users/{id}",
            "/api/v1/users/{target}",
            admins(401, 200, 404),
        ),
        row(
            Method::POST,
            "/api/v1/users/{id}/disable",
            "/api/v1/users/{target}/disable",
            Body::Json(json!({"disabled": false, "reason": "matrix"})),
            Shared,
            admin_only(401, 204),
        ),
        get("/api/v1/regions", "/api/v1/regions", region_readers(401)),
        get("/api/v1/audit", "/api/v1/audit", admins(401, 200, 200)),
        get(
            "/api/v1/audit/export.xlsx",
            "/api/v1/audit/export.xlsx",
            admins(401, 200, 200),
        ),
        get(
            "/api/v1/login-log",
            "/api/v1/login-log",
            admin_only(401, 200),
        ),
        get(
            "/api/v1/notifications",
            "/api/v1/notifications",
            ALL_200_ANON_401,
        ),
        row(
            Method::POST,
            "/api/v1/notifications/{id}/read",
            "/api/v1/notifications/{note_api}/read",
            Body::Json(json!({})),
            Shared,
            [401, 204, 204, 204, 204, 204, 204, 204, 204, 204],
        ),
        row(
            Method::POST,
            "/notifications/read-all",
            "/notifications/read-all",
            Body::Form(vec![]),
            Shared,
            ALL_303,
        ),
        row(
            Method::POST,
            "/api/v1/notifications/read-all",
            "/api/v1/notifications/read-all",
            Body::Json(json!({})),
            Shared,
            [401, 204, 204, 204, 204, 204, 204, 204, 204, 204],
        ),
        row(
            Method::POST,
            "/api/v1/jobs/run-once",
            "/api/v1/jobs/run-once",
            Body::Json(json!({})),
            Shared,
            admin_only(401, 200),
        ),
        get(
            "/api/v1/calendar/{year}",
            "/api/v1/calendar/2026",
            ALL_200_ANON_401,
        ),
        row(
            Method::POST,
            "/api/v1/calendar/days",
            "/api/v1/calendar/days",
            Body::Json(json!({"date": "2030-05-06", "kind": "holiday"})),
            Shared,
            admin_only(401, 204),
        ),
        // The enterprise registry.
        get("/enterprises", "/enterprises", enterprise_readers(303)),
        get(
            "/enterprises/new",
            "/enterprises/new",
            registry_writers(303, 200, 200),
        ),
        row(
            Method::POST,
            "/enterprises",
            "/enterprises",
            Body::Form(vec![
                ("uscc", "{uscc}".into()),
                ("name", "矩阵测试企业".into()),
                ("region_code", "371521".into()),
                ("industry_code", "C3831".into()),
            ]),
            Shared,
            registry_writers(303, 303, 303),
        ),
        get(
            "/enterprises/{uscc}",
            "/enterprises/91371581MA3C0F0019",
            foundry_readers(303),
        ),
        get(
            "/enterprises/{uscc}/edit",
            "/enterprises/91371581MA3C0F0019/edit",
            [303, 200, 404, 404, 404, 200, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/enterprises/{uscc}/edit",
            "/enterprises/91371581MA3C0F0019/edit",
            Body::Form(foundry_form()),
            Shared,
            [303, 303, 404, 403, 403, 303, 403, 403, 403, 403],
        ),
        get(
            "/enterprises/{uscc}/financials",
            "/enterprises/91371581MA3C0F0019/financials?year=2022",
            [303, 200, 404, 404, 404, 200, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/enterprises/{uscc}/financials",
            "/enterprises/91371581MA3C0F0019/financials",
            Body::Form(vec![
                ("year", "2023".into()),
                ("revenue_wan_yuan", "8800".into()),
                ("staff", "260".into()),
            ]),
            Shared,
            [303, 303, 404, 403, 403, 303, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/enterprise-changes/{id}/approve",
            "/enterprise-changes/999999/approve",
            Body::Form(vec![]),
            Shared,
            registry_writers(303, 404, 404),
        ),
        row(
            Method::POST,
            "/enterprise-changes/{id}/return",
            "/enterprise-changes/999999/return",
            Body::Form(vec![("reason", "matrix".into())]),
            Shared,
            registry_writers(303, 404, 404),
        ),
        get(
            "/data-dictionary",
            "/data-dictionary",
            enterprise_readers(303),
        ),
        get("/imports", "/imports", registry_writers(303, 200, 200)),
        row(
            Method::POST,
            "/imports/{kind}",
            "/imports/enterprises",
            Body::Upload(empty_enterprise_csv()),
            Shared,
            registry_writers(303, 200, 200),
        ),
        get(
            "/api/v1/enterprises",
            "/api/v1/enterprises",
            enterprise_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/enterprises",
            "/api/v1/enterprises",
            Body::Json(
                json!({"uscc": "{uscc}", "name": "矩阵接口企业", "region_code": "371521", "industry_code": "C3831"}),
            ),
            Shared,
            registry_writers(401, 201, 201),
        ),
        get(
            "/api/v1/enterprises/{uscc}",
            "/api/v1/enterprises/91371581MA3C0F0019",
            foundry_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/enterprises/{uscc}",
            "/api/v1/enterprises/91371581MA3C0F0019",
            Body::Json(foundry_json()),
            Shared,
            registry_writers(401, 200, 404),
        ),
        get(
            "/api/v1/enterprises/{uscc}/financials",
            "/api/v1/enterprises/91371581MA3C0F0019/financials",
            foundry_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/enterprises/{uscc}/financials",
            "/api/v1/enterprises/91371581MA3C0F0019/financials",
            Body::Json(json!({"year": 2022, "revenue_wan_yuan": "12345.67", "staff": 420})),
            Shared,
            registry_writers(401, 200, 404),
        ),
        get(
            "/api/v1/enterprises/{uscc}/honors",
            "/api/v1/enterprises/91371581MA3C0F0019/honors",
            foundry_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/enterprises/{uscc}/honors",
            "/api/v1/enterprises/91371581MA3C0F0019/honors",
            Body::Json(json!({"title": "专精特新\"小巨人\"企业", "level": "国家级", "year": 2022})),
            Shared,
            registry_writers(401, 201, 404),
        ),
        row(
            Method::POST,
            "/api/v1/enterprises/{uscc}/honors/{id}/status",
            "/api/v1/enterprises/91371581MA3C0F0019/honors/999999/status",
            Body::Json(json!({"status": "expired", "reason": "matrix"})),
            Shared,
            registry_writers(401, 404, 404),
        ),
        get(
            "/api/v1/enterprises/{uscc}/changes",
            "/api/v1/enterprises/91371581MA3C0F0019/changes",
            [401, 200, 200, 403, 403, 200, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/enterprises/{uscc}/changes",
            "/api/v1/enterprises/91371581MA3C0F0019/changes",
            Body::Json(foundry_json()),
            Shared,
            [401, 403, 403, 403, 403, 201, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/enterprise-changes",
            "/api/v1/enterprise-changes",
            [401, 200, 200, 403, 403, 200, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/enterprise-changes/{id}/decision",
            "/api/v1/enterprise-changes/999999/decision",
            Body::Json(json!({"approve": true})),
            Shared,
            registry_writers(401, 404, 404),
        ),
        get(
            "/api/v1/imports/{kind}/template.xlsx",
            "/api/v1/imports/financials/template.xlsx",
            registry_writers(401, 200, 200),
        ),
        row(
            Method::POST,
            "/api/v1/imports/{kind}",
            "/api/v1/imports/enterprises",
            Body::Upload(empty_enterprise_csv()),
            Shared,
            registry_writers(401, 200, 200),
        ),
        get(
            "/api/v1/imports/progress/{token}",
            "/api/v1/imports/progress/00112233445566778899aabbccddeeff",
            registry_writers(401, 404, 404),
        ),
        get(
            "/api/v1/exports/{file}",
            "/api/v1/exports/enterprises.xlsx",
            enterprise_readers(401),
        ),
        // Gradient cultivation: applications, pools, campaigns, re-review, statistics.
        get(
            "/cultivation/applications",
            "/cultivation/applications",
            cultivation_readers(303),
        ),
        row(
            Method::POST,
            "/cultivation/applications",
            "/cultivation/applications",
            Body::Form(vec![
                ("track", "innovative".into()),
                ("year", "2026".into()),
            ]),
            Shared,
            [303, 403, 403, 403, 403, 303, 403, 403, 403, 403],
        ),
        get(
            "/cultivation/applications/new",
            "/cultivation/applications/new",
            [303, 403, 403, 403, 403, 200, 403, 403, 403, 403],
        ),
        get(
            "/cultivation/applications/{id}",
            "/cultivation/applications/1",
            yanggu_application(303),
        ),
        row(
            Method::POST,
            "/cultivation/applications/{id}/actions",
            "/cultivation/applications/999999/actions",
            Body::Form(vec![("action", "county_pass".into())]),
            Shared,
            [303, 403, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/cultivation/re-review",
            "/cultivation/re-review",
            cultivation_readers(303),
        ),
        get(
            "/cultivation/pools",
            "/cultivation/pools",
            cultivation_readers(303),
        ),
        row(
            Method::POST,
            "/cultivation/pools",
            "/cultivation/pools",
            Body::Form(vec![
                ("uscc", FOUNDRY.into()),
                ("track", "small_to_above_size".into()),
                ("year", "2026".into()),
                ("list", "pool".into()),
                ("reason", "matrix".into()),
            ]),
            Shared,
            [303, 303, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/cultivation/pool-entries/{id}/exit",
            "/cultivation/pool-entries/999999/exit",
            reason.clone(),
            Shared,
            [303, 404, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/cultivation/campaigns",
            "/cultivation/campaigns",
            cultivation_readers(303),
        ),
        row(
            Method::POST,
            "/cultivation/campaigns",
            "/cultivation/campaigns",
            Body::Form(vec![
                ("track", "specialized".into()),
                ("year", "2026".into()),
                ("name", "matrix".into()),
                ("opens_on", "2026-03-01".into()),
                ("closes_on", "2026-04-10".into()),
            ]),
            Shared,
            [303, 303, 303, 403, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/cultivation/stats",
            "/api/v1/cultivation/stats?region=371521&year=2022&tier=specialized",
            cultivation_readers(401),
        ),
        // Statistics by county × track × year, its export and the re-review start (cult-s3).
        get(
            "/cultivation/stats",
            "/cultivation/stats?year=2022",
            cultivation_readers(303),
        ),
        get(
            "/cultivation/stats/export.xlsx",
            "/cultivation/stats/export.xlsx?year=2022",
            cultivation_readers(303),
        ),
        get(
            "/api/v1/cultivation/stats/table",
            "/api/v1/cultivation/stats/table?year=2022",
            cultivation_readers(401),
        ),
        row(
            Method::POST,
            "/cultivation/re-review/{honor_id}/start",
            "/cultivation/re-review/999999/start",
            Body::Form(vec![]),
            Shared,
            [303, 403, 403, 403, 403, 404, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/re-review/{honor_id}/start",
            "/api/v1/cultivation/re-review/999999/start",
            Body::Json(json!({})),
            Shared,
            [401, 403, 403, 403, 403, 404, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/cultivation/applications",
            "/api/v1/cultivation/applications",
            cultivation_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/applications",
            "/api/v1/cultivation/applications",
            Body::Json(json!({"uscc": FOUNDRY, "track": "innovative", "year": 2026})),
            Shared,
            [401, 403, 403, 403, 403, 201, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/cultivation/applications/{id}",
            "/api/v1/cultivation/applications/1",
            yanggu_application(401),
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/applications/{id}/actions",
            "/api/v1/cultivation/applications/999999/actions",
            Body::Json(json!({"action": "county_pass"})),
            Shared,
            [401, 403, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/cultivation/re-review",
            "/api/v1/cultivation/re-review",
            cultivation_readers(401),
        ),
        get(
            "/api/v1/cultivation/pools",
            "/api/v1/cultivation/pools",
            cultivation_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/pools",
            "/api/v1/cultivation/pools",
            Body::Json(
                json!({"uscc": FOUNDRY, "track": "small_to_above_size", "year": 2026, "reason": "matrix"}),
            ),
            Shared,
            [401, 201, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/pool-entries/{id}/exit",
            "/api/v1/cultivation/pool-entries/999999/exit",
            Body::Json(json!({"reason": "matrix"})),
            Shared,
            [401, 404, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/cultivation/campaigns",
            "/api/v1/cultivation/campaigns",
            cultivation_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/campaigns",
            "/api/v1/cultivation/campaigns",
            Body::Json(
                json!({"track": "specialized", "year": 2026, "name": "matrix", "opens_on": "2026-03-01", "closes_on": "2026-04-10"}),
            ),
            Shared,
            [401, 201, 201, 403, 403, 403, 403, 403, 403, 403],
        ),
        // Public notices (公示): read by anyone; objections decided by the notice region's
        // reviewers. The objection form without its form token is refused for everyone.
        get("/notices", "/notices", EVERYONE_200),
        get("/notices/{id}", "/notices/{notice}", EVERYONE_200),
        row(
            Method::POST,
            "/notices/{id}/objections",
            "/notices/{notice}/objections",
            Body::Form(vec![
                ("name", "张三".into()),
                ("contact", "13800001234".into()),
                ("content", "矩阵测试异议内容".into()),
            ]),
            Shared,
            [403; 10],
        ),
        row(
            Method::POST,
            "/notice-objections/{id}/decision",
            "/notice-objections/999999/decision",
            Body::Form(vec![
                ("decision", "dismiss".into()),
                ("reason", "matrix".into()),
            ]),
            Shared,
            [303, 404, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        get("/api/v1/notices", "/api/v1/notices", EVERYONE_200),
        get(
            "/api/v1/notices/{id}",
            "/api/v1/notices/{notice}",
            EVERYONE_200,
        ),
        get(
            "/api/v1/notices/{id}/objections",
            "/api/v1/notices/{notice}/objections",
            [401, 200, 200, 403, 403, 403, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/notice-objections/{id}/decision",
            "/api/v1/notice-objections/999999/decision",
            Body::Json(json!({"sustain": false, "reason": "matrix"})),
            Shared,
            [401, 404, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        // Enterprise service (issue 5): tickets, reports, specialists, visits. Ticket 1 is the
        // demo visit's problem at 阳谷 enterprise 0 (where the demo specialist is stationed).
        get("/tickets", "/tickets", TICKET_READERS_PAGE),
        get(
            "/tickets/new",
            "/tickets/new",
            [303, 200, 200, 200, 200, 200, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/tickets",
            "/tickets",
            Body::Form(vec![
                ("title", "matrix {who}".into()),
                ("category", "policy".into()),
                ("description", "d".into()),
                ("enterprise_uscc", YANGGU_0.into()),
            ]),
            Shared,
            // The chain office raises tickets for 茌平区's enterprises only.
            [303, 303, 303, 422, 303, 303, 403, 403, 403, 403],
        ),
        get("/tickets/report", "/tickets/report", TICKET_REPORT_READERS),
        get(
            "/tickets/{id}",
            "/tickets/1",
            [303, 200, 200, 404, 200, 404, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/tickets/{id}/actions",
            "/tickets/1/actions",
            Body::Form(vec![
                ("action", "comment".into()),
                ("comment", "matrix".into()),
            ]),
            Shared,
            [303, 303, 303, 404, 303, 404, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/tickets",
            "/api/v1/tickets",
            [401, 200, 200, 200, 200, 200, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/api/v1/tickets",
            "/api/v1/tickets",
            Body::Json(
                json!({"title": "matrix {who}", "category": "policy", "description": "d", "enterprise_uscc": YANGGU_0}),
            ),
            Shared,
            [401, 201, 201, 422, 201, 201, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/tickets/deadlines",
            "/api/v1/tickets/deadlines",
            [401, 200, 200, 200, 200, 200, 403, 403, 403, 200],
        ),
        get(
            "/api/v1/tickets/{id}",
            "/api/v1/tickets/1",
            [401, 200, 200, 404, 200, 404, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/api/v1/tickets/{id}/actions",
            "/api/v1/tickets/1/actions",
            Body::Json(json!({"action": "comment", "comment": "matrix"})),
            Shared,
            [401, 200, 200, 404, 200, 404, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/ticket-report",
            "/api/v1/ticket-report",
            [401, 200, 200, 200, 403, 403, 403, 403, 403, 200],
        ),
        get(
            "/api/v1/ticket-report/export.xlsx",
            "/api/v1/ticket-report/export.xlsx",
            [401, 200, 200, 200, 403, 403, 403, 403, 403, 200],
        ),
        get(
            "/api/v1/service/overview",
            "/api/v1/service/overview?region=371521",
            [401, 200, 200, 404, 403, 403, 403, 403, 403, 200],
        ),
        get(
            "/api/v1/specialists",
            "/api/v1/specialists",
            registry_writers(401, 200, 200),
        ),
        row(
            Method::POST,
            "/api/v1/specialists",
            "/api/v1/specialists",
            Body::Json(json!({"name": "matrix {who}", "region_code": "371521"})),
            Shared,
            registry_writers(401, 201, 201),
        ),
        row(
            Method::POST,
            "/api/v1/specialist-assignments",
            "/api/v1/specialist-assignments",
            Body::Json(json!({"specialist_id": 2, "enterprise_uscc": YANGGU_0})),
            Shared,
            registry_writers(401, 201, 201),
        ),
        get(
            "/specialists",
            "/specialists",
            registry_writers(303, 200, 200),
        ),
        row(
            Method::POST,
            "/specialists",
            "/specialists",
            Body::Form(vec![
                ("name", "矩阵专员".into()),
                ("region_code", "371521".into()),
            ]),
            Shared,
            registry_writers(303, 303, 303),
        ),
        row(
            Method::POST,
            "/specialists/assign",
            "/specialists/assign",
            Body::Form(vec![
                ("specialist_id", "3".into()),
                ("enterprise_uscc", YANGGU_0.into()),
            ]),
            Shared,
            registry_writers(303, 303, 303),
        ),
        row(
            Method::POST,
            "/specialist-assignments/{id}/end",
            "/specialist-assignments/999999/end",
            Body::Form(vec![("ended_on", "2026-11-20".into())]),
            Shared,
            registry_writers(303, 404, 404),
        ),
        get("/visits", "/visits", registry_writers(303, 200, 200)),
        get(
            "/visits/new",
            "/visits/new",
            registry_writers(303, 200, 200),
        ),
        row(
            Method::POST,
            "/visits",
            "/visits",
            Body::Form(vec![
                ("enterprise_uscc", YANGGU_0.into()),
                ("kind", "visit".into()),
                ("visitors", "矩阵".into()),
            ]),
            Shared,
            registry_writers(303, 303, 303),
        ),
        get(
            "/api/v1/visits",
            "/api/v1/visits",
            registry_writers(401, 200, 200),
        ),
        row(
            Method::POST,
            "/api/v1/visits",
            "/api/v1/visits",
            Body::Json(
                json!({"enterprise_uscc": YANGGU_0, "kind": "visit", "visited_on": "2026-11-20", "visitors": "matrix {who}"}),
            ),
            Shared,
            registry_writers(401, 201, 201),
        ),
        // Industry chains (issue 5). Chain 1 is 茌平区's 新型功能铝产品 with nodes 1-8 (node 1,
        // 氧化铝, holds only a supplier: a supply gap); investment target 2 and patrol 1 are
        // on it; park 1 is 茌平区's aluminium park.
        get(
            "/chains",
            "/chains",
            [303, 200, 200, 200, 403, 403, 403, 403, 403, 200],
        ),
        // Every keeper of chains may open the form (阳谷县 for its own county).
        get(
            "/chains/new",
            "/chains/new",
            [303, 200, 200, 200, 403, 403, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/chains",
            "/chains",
            Body::Form(vec![
                ("code", "MP-{uscc}".into()),
                ("name", "matrix {who}".into()),
                ("region_code", "371503".into()),
                ("leader_role_0", "chain_leader".into()),
                ("leader_name_0", "链长".into()),
            ]),
            Shared,
            // 阳谷县 may not put a chain in 茌平区: the form comes back with the reason.
            [303, 303, 422, 303, 403, 403, 403, 403, 403, 403],
        ),
        get("/chains/{id}", "/chains/1", chain_readers(303)),
        get(
            "/chains/{id}/edit",
            "/chains/1/edit",
            chain_keepers(303, 200),
        ),
        row(
            Method::POST,
            "/chains/{id}/edit",
            "/chains/1/edit",
            Body::Form(vec![
                ("name", "新型功能铝产品".into()),
                ("industry", "铝及铝精深加工".into()),
            ]),
            Shared,
            chain_keepers(303, 303),
        ),
        row(
            Method::POST,
            "/chains/{id}/target",
            "/chains/1/target",
            Body::Form(vec![
                ("year", "2023".into()),
                ("target_wan_yuan", "100".into()),
            ]),
            Shared,
            chain_keepers(303, 303),
        ),
        row(
            Method::POST,
            "/chains/{id}/nodes",
            "/chains/1/nodes",
            Body::Form(vec![
                ("segment", "downstream".into()),
                ("name", "matrix {who}".into()),
            ]),
            Shared,
            chain_keepers(303, 303),
        ),
        row(
            Method::POST,
            "/chains/{id}/nodes/{node}",
            "/chains/1/nodes/1",
            Body::Form(vec![
                ("segment", "upstream".into()),
                ("name", "氧化铝".into()),
            ]),
            Shared,
            chain_keepers(303, 303),
        ),
        row(
            Method::POST,
            "/chains/{id}/nodes/{node}/remove",
            "/chains/1/nodes/999999/remove",
            Body::None,
            Shared,
            chain_keepers(303, 404),
        ),
        row(
            Method::POST,
            "/chains/{id}/nodes/{node}/enterprises",
            "/chains/1/nodes/1/enterprises",
            Body::Form(vec![
                ("enterprise_uscc", CHAIN_FIRM.into()),
                ("role", "supplier".into()),
            ]),
            Shared,
            chain_keepers(303, 303),
        ),
        row(
            Method::POST,
            "/chains/{id}/nodes/{node}/enterprises/{uscc}/remove",
            "/chains/1/nodes/999999/enterprises/91371503TJ0000001M/remove",
            Body::None,
            Shared,
            chain_keepers(303, 404),
        ),
        row(
            Method::POST,
            "/chains/{id}/investment-targets",
            "/chains/1/investment-targets",
            Body::Form(vec![
                ("gap", "1:supply".into()),
                ("target_enterprise", "matrix {who}".into()),
                ("owner", "招商局".into()),
            ]),
            Shared,
            chain_keepers(303, 303),
        ),
        row(
            Method::POST,
            "/chains/{id}/investment-targets/{target}",
            "/chains/1/investment-targets/2",
            Body::Form(vec![("in_place_wan_yuan", "1".into())]),
            Shared,
            chain_keepers(303, 303),
        ),
        get(
            "/chains/{id}/patrols",
            "/chains/1/patrols",
            chain_keepers(303, 200),
        ),
        row(
            Method::POST,
            "/chains/{id}/patrols",
            "/chains/1/patrols",
            Body::Form(vec![
                ("kind", "inspection".into()),
                ("patrolled_on", "2026-11-20".into()),
                ("led_by", "matrix {who}".into()),
                ("enterprises", CHAIN_FIRM.into()),
            ]),
            Shared,
            chain_keepers(303, 303),
        ),
        row(
            Method::POST,
            "/chains/{id}/patrols/{patrol}/follow-up",
            "/chains/1/patrols/1/follow-up",
            Body::Form(vec![("follow_up", "matrix {who}".into())]),
            Shared,
            chain_keepers(303, 303),
        ),
        get(
            "/api/v1/chains",
            "/api/v1/chains",
            [401, 200, 200, 200, 403, 403, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/api/v1/chains",
            "/api/v1/chains",
            Body::Json(
                json!({"code": "MA-{uscc}", "name": "matrix {who}", "region_code": "371503"}),
            ),
            Shared,
            [401, 201, 422, 201, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/chains/{id}",
            "/api/v1/chains/1?year=2022",
            chain_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}",
            "/api/v1/chains/1",
            Body::Json(json!({"name": "新型功能铝产品", "industry": "铝及铝精深加工"})),
            Shared,
            chain_keepers(401, 200),
        ),
        get(
            "/api/v1/chains/{id}/map.svg",
            "/api/v1/chains/1/map.svg",
            chain_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}/targets",
            "/api/v1/chains/1/targets",
            Body::Json(json!({"year": 2024, "target_wan_yuan": "100"})),
            Shared,
            chain_keepers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}/nodes",
            "/api/v1/chains/1/nodes",
            Body::Json(json!({"segment": "downstream", "name": "matrix {who}"})),
            Shared,
            chain_keepers(401, 201),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}/nodes/{node}",
            "/api/v1/chains/1/nodes/1",
            Body::Json(json!({"segment": "upstream", "name": "氧化铝"})),
            Shared,
            chain_keepers(401, 200),
        ),
        row(
            Method::DELETE,
            "/api/v1/chains/{id}/nodes/{node}",
            "/api/v1/chains/1/nodes/999999",
            Body::None,
            Shared,
            chain_keepers(401, 404),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}/nodes/{node}/enterprises",
            "/api/v1/chains/1/nodes/1/enterprises",
            Body::Json(json!({"enterprise_uscc": CHAIN_FIRM, "role": "supplier"})),
            Shared,
            chain_keepers(401, 201),
        ),
        row(
            Method::DELETE,
            "/api/v1/chains/{id}/nodes/{node}/enterprises/{uscc}",
            "/api/v1/chains/1/nodes/999999/enterprises/91371503TJ0000001M",
            Body::None,
            Shared,
            chain_keepers(401, 404),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}/investment-targets",
            "/api/v1/chains/1/investment-targets",
            Body::Json(
                json!({"node_id": 1, "gap_kind": "supply", "target_enterprise": "matrix {who}", "owner": "招商局"}),
            ),
            Shared,
            chain_keepers(401, 201),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}/investment-targets/{target}",
            "/api/v1/chains/1/investment-targets/2",
            Body::Json(json!({"in_place_wan_yuan": "2"})),
            Shared,
            chain_keepers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}/patrols",
            "/api/v1/chains/1/patrols",
            Body::Json(
                json!({"kind": "inquiry", "patrolled_on": "2026-11-20", "led_by": "matrix {who}"}),
            ),
            Shared,
            chain_keepers(401, 201),
        ),
        row(
            Method::POST,
            "/api/v1/chains/{id}/patrols/{patrol}/follow-up",
            "/api/v1/chains/1/patrols/1/follow-up",
            Body::Json(json!({"follow_up": "matrix {who}"})),
            Shared,
            chain_keepers(401, 200),
        ),
        get(
            "/api/v1/chain-parks",
            "/api/v1/chain-parks",
            [401, 200, 200, 200, 403, 403, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/api/v1/chain-parks",
            "/api/v1/chain-parks",
            Body::Json(json!({"name": "matrix {who}", "region_code": "371503"})),
            Shared,
            [401, 201, 422, 201, 403, 403, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/chain-parks/{id}/enterprises",
            "/api/v1/chain-parks/1/enterprises",
            Body::Json(json!({"enterprises": [CHAIN_FIRM]})),
            Shared,
            chain_keepers(401, 200),
        ),
        // Professional titles (talent).
        get(
            "/api/v1/talent/applications",
            "/api/v1/talent/applications",
            [401, 200, 200, 403, 403, 200, 200, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/applications",
            "/api/v1/talent/applications",
            Body::Json(json!({
                "person_name": "矩阵", "id_number": "11010519491231002X", "series": "engineering",
                "specialty": "foundry", "level": "intermediate", "education": "doctorate",
            })),
            Shared,
            [401, 403, 403, 403, 403, 201, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/talent/applications/{id}",
            "/api/v1/talent/applications/999999",
            [401, 404, 404, 403, 403, 404, 404, 403, 403, 403],
        ),
        get(
            "/api/v1/talent/applications/{id}/events",
            "/api/v1/talent/applications/999999/events",
            [401, 404, 404, 403, 403, 404, 404, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/applications/{id}/internal-notice",
            "/api/v1/talent/applications/999999/internal-notice",
            Body::Json(json!({"from": "2026-11-02", "to": "2026-11-06"})),
            Shared,
            [401, 403, 403, 403, 403, 404, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/applications/{id}/send",
            "/api/v1/talent/applications/999999/send",
            Body::None,
            Shared,
            [401, 403, 403, 403, 403, 404, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/applications/{id}/qualification",
            "/api/v1/talent/applications/999999/qualification",
            Body::Json(json!({"decision": "pass"})),
            Shared,
            [401, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        get(
            "/api/v1/talent/quota/{uscc}",
            "/api/v1/talent/quota/91371581MA3C0F0019?year=2026",
            [401, 200, 404, 403, 403, 200, 200, 403, 403, 403],
        ),
        // Cultivation: assessments and rule sets (ids: shipped rule sets 1-9; the admin's page
        // copy is 10 and API copy 11; the admin's page assessment is 1).
        get(
            "/cultivation/assess",
            "/cultivation/assess",
            assessors(303, 200, 200),
        ),
        row(
            Method::POST,
            "/cultivation/assessments",
            "/cultivation/assessments",
            Body::Form(vec![
                ("uscc", FOUNDRY.into()),
                ("tier", "innovative".into()),
                ("year", "2025".into()),
            ]),
            Shared,
            assessors(303, 303, 404),
        ),
        get(
            "/cultivation/assessments/{id}",
            "/cultivation/assessments/1",
            assessors(303, 200, 404),
        ),
        get(
            "/cultivation/rule-sets",
            "/cultivation/rule-sets",
            assessors(303, 200, 200),
        ),
        get(
            "/cultivation/rule-sets/{id}",
            "/cultivation/rule-sets/1",
            assessors(303, 200, 200),
        ),
        row(
            Method::POST,
            "/cultivation/rule-sets/{id}/copy",
            "/cultivation/rule-sets/1/copy",
            Body::Form(vec![]),
            Shared,
            admin_only(303, 303),
        ),
        row(
            Method::POST,
            "/cultivation/rule-sets/{id}",
            "/cultivation/rule-sets/10",
            Body::Form(vec![("body", "not toml".into())]),
            Shared,
            admin_only(303, 422),
        ),
        row(
            Method::POST,
            "/cultivation/rule-sets/{id}/publish",
            "/cultivation/rule-sets/10/publish",
            Body::Form(vec![]),
            Shared,
            admin_only(303, 303),
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/assessments",
            "/api/v1/cultivation/assessments",
            Body::Json(json!({"uscc": FOUNDRY, "tier": "specialized", "year": 2025})),
            Shared,
            assessors(401, 201, 404),
        ),
        get(
            "/api/v1/cultivation/assessments/{id}",
            "/api/v1/cultivation/assessments/1",
            assessors(401, 200, 404),
        ),
        get(
            "/api/v1/cultivation/rule-sets",
            "/api/v1/cultivation/rule-sets",
            assessors(401, 200, 200),
        ),
        get(
            "/api/v1/cultivation/rule-sets/{id}",
            "/api/v1/cultivation/rule-sets/2",
            assessors(401, 200, 200),
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/rule-sets/{id}/copy",
            "/api/v1/cultivation/rule-sets/2/copy",
            Body::None,
            Shared,
            admin_only(401, 201),
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/rule-sets/{id}",
            "/api/v1/cultivation/rule-sets/11",
            Body::Json(json!({"body": "not toml"})),
            Shared,
            admin_only(401, 422),
        ),
        row(
            Method::POST,
            "/api/v1/cultivation/rule-sets/{id}/publish",
            "/api/v1/cultivation/rule-sets/11/publish",
            Body::None,
            Shared,
            admin_only(401, 200),
        ),
        get(
            "/api/v1/talent/experts",
            "/api/v1/talent/experts",
            [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/experts",
            "/api/v1/talent/experts",
            Body::Json(
                json!({"username": "no.such.user", "name": "矩阵", "series": "engineering", "specialty": "foundry"}),
            ),
            Shared,
            [401, 403, 403, 403, 403, 403, 422, 403, 403, 403],
        ),
        get(
            "/api/v1/talent/committees",
            "/api/v1/talent/committees",
            [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/committees",
            "/api/v1/talent/committees",
            Body::Json(json!({
                "name": "矩阵评审委员会", "series": "engineering", "specialty": "foundry", "org": "specialty",
                "level": "intermediate", "size": 3, "approved_on": "2026-01-01", "expires_on": "2027-12-31",
            })),
            Shared,
            [401, 403, 403, 403, 403, 403, 201, 403, 403, 403],
        ),
        get(
            "/api/v1/talent/meetings",
            "/api/v1/talent/meetings",
            [401, 403, 403, 403, 403, 403, 200, 200, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/meetings",
            "/api/v1/talent/meetings",
            Body::Json(
                json!({"committee_id": 999999, "held_on": "2026-11-20", "application_ids": [1]}),
            ),
            Shared,
            [401, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        get(
            "/api/v1/talent/meetings/{id}",
            "/api/v1/talent/meetings/999999",
            [401, 403, 403, 403, 403, 403, 404, 404, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/meetings/{id}/attendance",
            "/api/v1/talent/meetings/999999/attendance",
            Body::Json(json!({"present": []})),
            Shared,
            [401, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/meetings/{id}/open",
            "/api/v1/talent/meetings/999999/open",
            Body::None,
            Shared,
            [401, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/meetings/{id}/ballot",
            "/api/v1/talent/meetings/999999/ballot",
            Body::Json(json!({"choices": []})),
            Shared,
            [401, 403, 403, 403, 403, 403, 403, 404, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/meetings/{id}/close",
            "/api/v1/talent/meetings/999999/close",
            Body::None,
            Shared,
            [401, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        get(
            "/api/v1/talent/meetings/{id}/minutes.xlsx",
            "/api/v1/talent/meetings/999999/minutes.xlsx",
            [401, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/applications/{id}/notice",
            "/api/v1/talent/applications/999999/notice",
            Body::None,
            Shared,
            [401, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/talent/applications/{id}/conclude",
            "/api/v1/talent/applications/999999/conclude",
            Body::None,
            Shared,
            [401, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        get(
            "/api/v1/talent/stats",
            "/api/v1/talent/stats?region=371500&year=2026",
            [401, 200, 200, 403, 403, 200, 200, 403, 403, 403],
        ),
        get(
            "/cultivation/screening",
            "/cultivation/screening?year=2025",
            admins(303, 200, 200),
        ),
        get(
            "/cultivation/screening/export.xlsx",
            "/cultivation/screening/export.xlsx?year=2025",
            admins(303, 200, 200),
        ),
        get(
            "/api/v1/cultivation/screening",
            "/api/v1/cultivation/screening?year=2025",
            admins(401, 200, 200),
        ),
        // Innovation (issue 8): challenges, teams, competitions, meetings, public rating.
        // Challenge 51 is the demo's open challenge of the foundry; team 1 is `research`'s;
        // competition 1 is the 2022 competition (awarded); meeting 1 the secretaries' meeting.
        get(
            "/innovation/challenges",
            "/innovation/challenges",
            INNOVATION_READERS_PAGE,
        ),
        get(
            "/innovation/challenges/new",
            "/innovation/challenges/new",
            [303, 200, 403, 403, 403, 200, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/innovation/challenges",
            "/innovation/challenges",
            Body::Form(vec![
                ("title", "matrix {who}".into()),
                ("problem", "p".into()),
                ("indicators", "i".into()),
                ("acceptance", "a".into()),
                ("budget_wan_yuan", "10".into()),
                ("fields", "铸造".into()),
                ("deadline", "2099-12-31".into()),
                ("period_months", "12".into()),
                ("enterprise_uscc", FOUNDRY.into()),
                ("m2_title", "验收".into()),
                ("m2_month", "12".into()),
                ("m2_amount", "10".into()),
            ]),
            Shared,
            [303, 303, 403, 403, 403, 303, 403, 403, 403, 403],
        ),
        get(
            "/innovation/challenges/{id}",
            "/innovation/challenges/51",
            INNOVATION_READERS_PAGE,
        ),
        row(
            Method::POST,
            "/innovation/challenges/{id}/act",
            "/innovation/challenges/999999/act",
            Body::Form(vec![("action", "publish".into())]),
            Shared,
            [303, 404, 403, 403, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/innovation/teams/{id}",
            "/innovation/teams/1",
            INNOVATION_READERS_PAGE,
        ),
        get(
            "/innovation/competitions",
            "/innovation/competitions",
            INNOVATION_READERS_PAGE,
        ),
        get(
            "/innovation/competitions/{id}",
            "/innovation/competitions/1",
            INNOVATION_READERS_PAGE,
        ),
        row(
            Method::POST,
            "/innovation/competitions/{id}/scores",
            "/innovation/competitions/999999/scores",
            Body::Form(vec![
                ("project_id", "1".into()),
                ("round", "preliminary".into()),
                ("c_innovation", "1".into()),
                ("c_market", "1".into()),
                ("c_team", "1".into()),
                ("c_feasibility", "1".into()),
            ]),
            Shared,
            [303, 403, 403, 403, 403, 403, 403, 404, 403, 403],
        ),
        row(
            Method::POST,
            "/innovation/competitions",
            "/innovation/competitions",
            Body::Form(vec![
                ("title", "matrix {who}".into()),
                ("year", "2026".into()),
                ("organisers", "团市委".into()),
                ("region_code", "371500".into()),
                ("registration_opens", "2026-01-01".into()),
                ("registration_closes", "2026-12-31".into()),
            ]),
            Shared,
            admin_only(303, 303),
        ),
        row(
            Method::POST,
            "/innovation/competitions/{id}/projects",
            "/innovation/competitions/999999/projects",
            Body::Form(vec![
                ("track", "startup_project".into()),
                ("title", "t".into()),
                ("team_name", "n".into()),
                ("employer", "e".into()),
                ("members", "张三".into()),
                ("description", "d".into()),
                ("stage", "idea".into()),
            ]),
            Shared,
            [303, 404, 403, 403, 403, 404, 403, 403, 404, 403],
        ),
        row(
            Method::POST,
            "/innovation/competitions/{id}/assign",
            "/innovation/competitions/999999/assign",
            Body::Form(vec![("round", "preliminary".into())]),
            Shared,
            admin_only(303, 404),
        ),
        row(
            Method::POST,
            "/innovation/competitions/{id}/advance",
            "/innovation/competitions/999999/advance",
            Body::Form(vec![]),
            Shared,
            admin_only(303, 404),
        ),
        row(
            Method::POST,
            "/innovation/competitions/{id}/awards",
            "/innovation/competitions/999999/awards",
            Body::Form(vec![]),
            Shared,
            admin_only(303, 404),
        ),
        row(
            Method::POST,
            "/innovation/competitions/{id}/deals",
            "/innovation/competitions/999999/deals",
            Body::Form(vec![
                ("project_id", "1".into()),
                ("kind", "letter_of_intent".into()),
                ("amount_wan_yuan", "10".into()),
                ("counterpart", "开发区".into()),
            ]),
            Shared,
            admin_only(303, 404),
        ),
        row(
            Method::POST,
            "/innovation/competitions/{id}/interests",
            "/innovation/competitions/999999/interests",
            Body::Form(vec![("project_id", "1".into())]),
            Shared,
            [303, 403, 403, 403, 403, 403, 403, 404, 403, 403],
        ),
        get(
            "/innovation/experts",
            "/innovation/experts",
            admin_only(303, 200),
        ),
        row(
            Method::POST,
            "/innovation/experts",
            "/innovation/experts",
            Body::Form(vec![
                ("name", "matrix page {who}".into()),
                ("employer", "某单位".into()),
            ]),
            Shared,
            admin_only(303, 303),
        ),
        // Files of projects and applications: readers of the context see a missing record as
        // 404; uploads need `competition:register`/`competition:manage`, or `challenge:apply`.
        get(
            "/innovation/projects/{id}",
            "/innovation/projects/1",
            INNOVATION_READERS_PAGE,
        ),
        row(
            Method::POST,
            "/innovation/projects/{id}/files",
            "/innovation/projects/999999/files",
            Body::Upload("%PDF-1.4 matrix"),
            Shared,
            [303, 404, 403, 403, 403, 404, 403, 403, 404, 403],
        ),
        row(
            Method::POST,
            "/innovation/applications/{id}/files",
            "/innovation/applications/999999/files",
            Body::Upload("%PDF-1.4 matrix"),
            Shared,
            [303, 403, 403, 403, 403, 403, 403, 403, 404, 403],
        ),
        row(
            Method::POST,
            "/api/v1/innovation/projects/{id}/files",
            "/api/v1/innovation/projects/999999/files",
            Body::Upload("%PDF-1.4 matrix"),
            Shared,
            [401, 404, 403, 403, 403, 404, 403, 403, 404, 403],
        ),
        get(
            "/api/v1/innovation/projects/{id}/files",
            "/api/v1/innovation/projects/999999/files",
            INNOVATION_READERS_MISSING,
        ),
        get(
            "/api/v1/innovation/project-files/{id}",
            "/api/v1/innovation/project-files/999999",
            INNOVATION_READERS_MISSING,
        ),
        row(
            Method::POST,
            "/api/v1/innovation/applications/{id}/files",
            "/api/v1/innovation/applications/999999/files",
            Body::Upload("%PDF-1.4 matrix"),
            Shared,
            [401, 403, 403, 403, 403, 403, 403, 403, 404, 403],
        ),
        get(
            "/api/v1/innovation/applications/{id}/files",
            "/api/v1/innovation/applications/999999/files",
            INNOVATION_READERS_MISSING,
        ),
        get(
            "/api/v1/innovation/application-files/{id}",
            "/api/v1/innovation/application-files/999999",
            INNOVATION_READERS_MISSING,
        ),
        get("/meetings", "/meetings", admin_only(303, 200)),
        row(
            Method::POST,
            "/meetings",
            "/meetings",
            Body::Form(vec![
                ("title", "matrix {who}".into()),
                ("held_on", "2026-11-25".into()),
                ("scale", "grade".into()),
                ("subjects", "甲,书记,某公司".into()),
                ("attendees", "2".into()),
            ]),
            Shared,
            admin_only(303, 200),
        ),
        get("/meetings/{id}", "/meetings/1", admin_only(303, 200)),
        row(
            Method::POST,
            "/meetings/{id}/close",
            "/meetings/999999/close",
            Body::Form(vec![]),
            Shared,
            admin_only(303, 404),
        ),
        get("/rate", "/rate", EVERYONE_200),
        get("/rate/{code}", "/rate/NOPE0000", EVERYONE_200),
        row(
            Method::POST,
            "/rate/{code}",
            "/rate/NOPE0000",
            Body::Form(vec![("s_1", "good".into())]),
            Shared,
            [422; 10],
        ),
        get(
            "/api/v1/innovation/challenges",
            "/api/v1/innovation/challenges",
            INNOVATION_READERS_API,
        ),
        row(
            Method::POST,
            "/api/v1/innovation/challenges",
            "/api/v1/innovation/challenges",
            Body::Json(
                json!({"title": "matrix {who}", "problem": "p", "indicators": "i",
                "acceptance": "a", "budget_wan_yuan": "10", "fields": "铸造", "deadline": "2099-12-31",
                "period_months": 12, "enterprise_uscc": FOUNDRY, "submit": true,
                "milestones": [{"kind": "final", "title": "验收", "due_month": 12, "amount_wan_yuan": "10"}]}),
            ),
            Shared,
            [401, 201, 403, 403, 403, 201, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/innovation/challenges/{id}",
            "/api/v1/innovation/challenges/51",
            INNOVATION_READERS_API,
        ),
        row(
            Method::POST,
            "/api/v1/innovation/challenges/{id}/actions",
            "/api/v1/innovation/challenges/999999/actions",
            Body::Json(json!({"action": "publish"})),
            Shared,
            [401, 404, 403, 403, 403, 403, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/innovation/challenges/{id}/applications",
            "/api/v1/innovation/challenges/999999/applications",
            Body::Json(json!({"plan": "matrix"})),
            Shared,
            [401, 403, 403, 403, 403, 403, 403, 403, 404, 403],
        ),
        get(
            "/api/v1/innovation/challenges/{id}/matches",
            "/api/v1/innovation/challenges/51/matches",
            [401, 200, 403, 403, 403, 200, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/innovation/teams",
            "/api/v1/innovation/teams",
            INNOVATION_READERS_API,
        ),
        row(
            Method::POST,
            "/api/v1/innovation/teams",
            "/api/v1/innovation/teams",
            Body::Json(
                json!({"name": "matrix {who}", "institution": "某大学", "kind": "university",
                "region_code": "371500", "fields": "铸造", "summary": "s"}),
            ),
            Shared,
            [401, 200, 403, 403, 403, 403, 403, 403, 200, 403],
        ),
        get(
            "/api/v1/innovation/teams/{id}",
            "/api/v1/innovation/teams/1",
            INNOVATION_READERS_API,
        ),
        get(
            "/api/v1/innovation/teams/{id}/matches",
            "/api/v1/innovation/teams/1/matches",
            [401, 200, 403, 403, 403, 403, 403, 403, 200, 403],
        ),
        get(
            "/api/v1/innovation/competitions",
            "/api/v1/innovation/competitions",
            INNOVATION_READERS_API,
        ),
        row(
            Method::POST,
            "/api/v1/innovation/competitions",
            "/api/v1/innovation/competitions",
            Body::Json(
                json!({"title": "matrix {who}", "year": 2026, "organisers": "团市委",
                "region_code": "371500", "registration_opens": "2026-01-01", "registration_closes": "2026-12-31"}),
            ),
            Shared,
            admin_only(401, 201),
        ),
        get(
            "/api/v1/innovation/competitions/{id}",
            "/api/v1/innovation/competitions/1",
            INNOVATION_READERS_API,
        ),
        get(
            "/api/v1/innovation/competitions/{id}/projects",
            "/api/v1/innovation/competitions/1/projects",
            INNOVATION_READERS_API,
        ),
        row(
            Method::POST,
            "/api/v1/innovation/competitions/{id}/projects",
            "/api/v1/innovation/competitions/999999/projects",
            Body::Json(
                json!({"track": "startup_project", "title": "t", "team_name": "n",
                "employer": "e", "members": [{"name": "张三"}], "description": "d", "stage": "idea"}),
            ),
            Shared,
            [401, 404, 403, 403, 403, 404, 403, 403, 404, 403],
        ),
        row(
            Method::POST,
            "/api/v1/innovation/competitions/{id}/assignments",
            "/api/v1/innovation/competitions/999999/assignments",
            Body::Json(json!({"round": "preliminary"})),
            Shared,
            admin_only(401, 404),
        ),
        get(
            "/api/v1/innovation/competitions/{id}/my-assignments",
            "/api/v1/innovation/competitions/1/my-assignments",
            [401, 403, 403, 403, 403, 403, 403, 200, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/innovation/competitions/{id}/scores",
            "/api/v1/innovation/competitions/999999/scores",
            Body::Json(json!({"project_id": 1, "round": "preliminary",
                "criteria": {"innovation": 1, "market": 1, "team": 1, "feasibility": 1}})),
            Shared,
            [401, 403, 403, 403, 403, 403, 403, 404, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/innovation/competitions/{id}/interests",
            "/api/v1/innovation/competitions/999999/interests",
            Body::Json(json!({"project_id": 1})),
            Shared,
            [401, 403, 403, 403, 403, 403, 403, 404, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/innovation/competitions/{id}/advance",
            "/api/v1/innovation/competitions/999999/advance",
            Body::None,
            Shared,
            admin_only(401, 404),
        ),
        row(
            Method::POST,
            "/api/v1/innovation/competitions/{id}/awards",
            "/api/v1/innovation/competitions/999999/awards",
            Body::None,
            Shared,
            admin_only(401, 404),
        ),
        get(
            "/api/v1/innovation/competitions/{id}/ranking",
            "/api/v1/innovation/competitions/1/ranking?round=final",
            INNOVATION_READERS_API,
        ),
        get(
            "/api/v1/innovation/competitions/{id}/deals",
            "/api/v1/innovation/competitions/1/deals",
            INNOVATION_READERS_API,
        ),
        row(
            Method::POST,
            "/api/v1/innovation/competitions/{id}/deals",
            "/api/v1/innovation/competitions/999999/deals",
            Body::Json(
                json!({"project_id": 1, "kind": "letter_of_intent", "amount_wan_yuan": "10",
                "counterpart": "开发区"}),
            ),
            Shared,
            admin_only(401, 404),
        ),
        get(
            "/api/v1/innovation/competitions/{id}/stats",
            "/api/v1/innovation/competitions/1/stats",
            INNOVATION_READERS_API,
        ),
        get(
            "/api/v1/innovation/experts",
            "/api/v1/innovation/experts",
            admin_only(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/innovation/experts",
            "/api/v1/innovation/experts",
            Body::Json(json!({"name": "matrix {who}", "employer": "某单位"})),
            Shared,
            admin_only(401, 201),
        ),
        get("/api/v1/meetings", "/api/v1/meetings", admin_only(401, 200)),
        row(
            Method::POST,
            "/api/v1/meetings",
            "/api/v1/meetings",
            Body::Json(
                json!({"title": "matrix {who}", "held_on": "2026-11-25", "scale": "grade",
                "subjects": [{"name": "甲"}], "attendees": 2}),
            ),
            Shared,
            admin_only(401, 201),
        ),
        get(
            "/api/v1/meetings/{id}",
            "/api/v1/meetings/1",
            admin_only(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/meetings/{id}/close",
            "/api/v1/meetings/999999/close",
            Body::None,
            Shared,
            admin_only(401, 404),
        ),
        get("/api/v1/rate/{code}", "/api/v1/rate/NOPE0000", [422; 10]),
        row(
            Method::POST,
            "/api/v1/rate",
            "/api/v1/rate",
            Body::Json(json!({"code": "NOPE0000", "ratings": {}})),
            Shared,
            [422; 10],
        ),
        // Industrial statistics: dashboards, the records behind figures, figures, indicator
        // cards, groups, targets. Readers: admin, 阳谷县 (its county only), the chain office
        // (茌平区 only) and the leader; writers: the city and county administrators; cards are
        // edited at city level only.
        get(
            "/stats/dashboard",
            "/stats/dashboard",
            stats_readers(303, 200),
        ),
        get(
            "/stats/county/{code}",
            "/stats/county/371521?year=2022",
            stats_readers(303, 404),
        ),
        get("/stats/wall", "/stats/wall", stats_readers(303, 200)),
        get(
            "/stats/records",
            "/stats/records?region=371521&year=2022",
            stats_readers(303, 404),
        ),
        get(
            "/stats/seed-facts",
            "/stats/seed-facts",
            stats_readers(303, 200),
        ),
        get(
            "/stats/indicators",
            "/stats/indicators",
            stats_readers(303, 200),
        ),
        get(
            "/stats/indicators/{code}",
            "/stats/indicators/output",
            stats_readers(303, 200),
        ),
        row(
            Method::POST,
            "/stats/indicators/{code}",
            "/stats/indicators/output",
            Body::Form(indicator_form()),
            Shared,
            admin_only(303, 303),
        ),
        get(
            "/api/v1/stats/output",
            "/api/v1/stats/output?region=371521&year=2022&group_by=county",
            stats_readers(401, 404),
        ),
        get(
            "/api/v1/stats/records",
            "/api/v1/stats/records?region=371521&year=2022",
            stats_readers(401, 404),
        ),
        get(
            "/api/v1/stats/grid",
            "/api/v1/stats/grid?region=371521&year=2022",
            stats_readers(401, 404),
        ),
        get(
            "/api/v1/stats/reports/county-annual",
            "/api/v1/stats/reports/county-annual?region=371521&year=2022&format=xlsx",
            stats_readers(401, 404),
        ),
        get(
            "/api/v1/stats/reports/city-monthly",
            "/api/v1/stats/reports/city-monthly?region=371521&year=2022&month=3&format=xlsx",
            stats_readers(401, 404),
        ),
        row(
            Method::POST,
            "/api/v1/stats/figures",
            "/api/v1/stats/figures",
            Body::Json(
                json!({"figures": [{"uscc": YANGGU_0, "indicator": "output", "year": 2022,
                "month": 1, "value": "1234.5"}], "update_existing": true}),
            ),
            Shared,
            registry_writers(401, 200, 200),
        ),
        get(
            "/api/v1/stats/enterprises/{uscc}/figures",
            "/api/v1/stats/enterprises/91371521MD3T0A001J/figures?year=2022",
            stats_readers(401, 404),
        ),
        get(
            "/api/v1/stats/indicators",
            "/api/v1/stats/indicators",
            stats_readers(401, 200),
        ),
        get(
            "/api/v1/stats/indicators/{code}",
            "/api/v1/stats/indicators/output",
            stats_readers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/stats/indicators/{code}",
            "/api/v1/stats/indicators/revenue",
            Body::Json(
                json!({"name_zh": "营业收入", "name_en": "Operating revenue",
                "unit_zh": "万元", "unit_en": "10k yuan", "frequency": "monthly",
                "owner": "{who}", "orange_below_yoy_pct": "5"}),
            ),
            Shared,
            admin_only(401, 200),
        ),
        get(
            "/api/v1/stats/groups",
            "/api/v1/stats/groups",
            stats_readers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/stats/groups",
            "/api/v1/stats/groups",
            Body::Json(
                json!({"code": "matrix_set", "name_zh": "矩阵分组", "region_code": "371521",
                "groups": [{"code": "cables", "name_zh": "电线电缆", "prefixes": ["C3831"]}]}),
            ),
            Shared,
            registry_writers(401, 200, 200),
        ),
        get(
            "/api/v1/stats/targets",
            "/api/v1/stats/targets?year=2022",
            stats_readers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/stats/targets",
            "/api/v1/stats/targets",
            Body::Json(
                json!({"kind": "region", "key": "371521", "year": 2022, "value": "5500000"}),
            ),
            Shared,
            registry_writers(401, 200, 200),
        ),
        get(
            "/api/v1/stats/seed-facts",
            "/api/v1/stats/seed-facts",
            stats_readers(401, 200),
        ),
        // Projects, investment and land (issue 7). Key project 1 is 临清's first demo project
        // (the foundry's), 57 阳谷县's first; attraction target 1 and parcel 1 are 临清's.
        get("/projects", "/projects?year=2022", project_readers(303)),
        get(
            "/projects/{id}",
            "/projects/1",
            [303, 200, 404, 403, 403, 200, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/projects/{id}/progress",
            "/projects/57/progress",
            Body::Form(vec![
                ("year", "2022".into()),
                ("month", "2".into()),
                ("invested_wan_yuan", "12".into()),
            ]),
            Shared,
            project_writers(303, 303),
        ),
        row(
            Method::POST,
            "/projects/{id}/stage",
            "/projects/4/stage",
            Body::Form(vec![
                ("stage", "completed".into()),
                ("on", "2022-11-30".into()),
            ]),
            Shared,
            linqing_writers(303, 303),
        ),
        get(
            "/projects/{id}/edit",
            "/projects/57/edit",
            project_writers(303, 200),
        ),
        row(
            Method::POST,
            "/projects/{id}/edit",
            "/projects/57/edit",
            Body::Form(vec![
                ("name", "矩阵编辑项目".into()),
                ("level", "county".into()),
                ("region_code", "371521".into()),
                ("industry_code", "C3976".into()),
            ]),
            Shared,
            project_writers(303, 303),
        ),
        get(
            "/investment",
            "/investment?year=2022",
            investment_readers(303),
        ),
        get(
            "/investment/{id}",
            "/investment/1",
            [303, 200, 404, 404, 403, 404, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/investment/{id}/report",
            "/investment/1/report",
            Body::Form(vec![("in_place_wan_yuan", "100".into())]),
            Shared,
            [303, 403, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/investment/{id}/review",
            "/investment/1/review",
            Body::Form(vec![("decision", "approve".into())]),
            Shared,
            [303, 422, 403, 403, 403, 403, 403, 403, 403, 403],
        ),
        get("/land", "/land?year=2022", project_readers(303)),
        get(
            "/api/v1/projects/stats",
            "/api/v1/projects/stats?year=2022",
            project_readers(401),
        ),
        get(
            "/api/v1/projects",
            "/api/v1/projects?year=2022",
            project_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/projects",
            "/api/v1/projects",
            Body::Json(
                json!({"name": "矩阵测试项目", "level": "county", "region_code": "371521",
                "industry_code": "C3976", "stage": "planned"}),
            ),
            Shared,
            project_writers(401, 201),
        ),
        get(
            "/api/v1/projects/{id}",
            "/api/v1/projects/1",
            [401, 200, 404, 403, 403, 200, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/api/v1/projects/{id}",
            "/api/v1/projects/57",
            Body::Json(
                json!({"name": "矩阵编辑项目", "level": "county", "region_code": "371521",
                "industry_code": "C3976"}),
            ),
            Shared,
            project_writers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/projects/{id}/plans",
            "/api/v1/projects/57/plans",
            Body::Json(json!({"year": 2023, "planned_wan_yuan": "9000"})),
            Shared,
            project_writers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/projects/{id}/progress",
            "/api/v1/projects/57/progress",
            Body::Json(json!({"year": 2022, "month": 3, "invested_wan_yuan": "10"})),
            Shared,
            project_writers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/projects/{id}/stage",
            "/api/v1/projects/3/stage",
            Body::Json(json!({"stage": "completed", "on": "2022-12-01"})),
            Shared,
            linqing_writers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/projects/{id}/problems",
            "/api/v1/projects/1/problems",
            Body::Json(json!({"title": "矩阵问题", "category": "land", "description": "矩阵"})),
            Shared,
            linqing_writers(401, 201),
        ),
        get(
            "/api/v1/projects/progress/template",
            "/api/v1/projects/progress/template?year=2022",
            project_writers(401, 200),
        ),
        row(
            Method::POST,
            "/api/v1/projects/progress/import",
            "/api/v1/projects/progress/import",
            Body::Upload("项目编号,年度,月份,本月完成投资（万元）\n57,2022,4,10\n"),
            Shared,
            project_writers(401, 200),
        ),
        get(
            "/api/v1/investment/stats",
            "/api/v1/investment/stats?year=2022",
            investment_readers(401),
        ),
        get(
            "/api/v1/investment/targets",
            "/api/v1/investment/targets",
            investment_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/investment/targets",
            "/api/v1/investment/targets",
            Body::Json(json!({"name": "矩阵招商项目", "investor": "矩阵投资方",
                "region_code": "371521", "stage": "negotiating", "planned_wan_yuan": "5000"})),
            Shared,
            [401, 403, 201, 403, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/investment/targets/{id}",
            "/api/v1/investment/targets/1",
            [401, 200, 404, 404, 403, 404, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/api/v1/investment/targets/{id}/reports",
            "/api/v1/investment/targets/1/reports",
            Body::Json(json!({"in_place_wan_yuan": "100"})),
            Shared,
            [401, 403, 404, 403, 403, 403, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/api/v1/investment/reviews",
            "/api/v1/investment/reviews",
            Body::Json(json!({"ids": [1], "decision": "approve"})),
            Shared,
            [401, 422, 403, 403, 403, 403, 403, 403, 403, 403],
        ),
        get(
            "/api/v1/investment/county-targets",
            "/api/v1/investment/county-targets?year=2022",
            investment_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/investment/county-targets",
            "/api/v1/investment/county-targets",
            Body::Json(
                json!({"region_code": "371521", "year": 2022, "min_wan_yuan": "10000",
                "signed_count": 5, "planned_wan_yuan": "100000", "in_place_wan_yuan": "20000"}),
            ),
            Shared,
            admin_only(401, 200),
        ),
        get(
            "/api/v1/land/stats",
            "/api/v1/land/stats?year=2022",
            project_readers(401),
        ),
        get(
            "/api/v1/land/parcels",
            "/api/v1/land/parcels",
            project_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/land/parcels",
            "/api/v1/land/parcels",
            Body::Json(
                json!({"code": "M-{uscc}", "region_code": "371521", "location": "矩阵路",
                "approved_mu": "12.5", "approved_on": "2021-03-01"}),
            ),
            Shared,
            project_writers(401, 201),
        ),
        get(
            "/api/v1/land/parcels/{id}",
            "/api/v1/land/parcels/1",
            [401, 200, 404, 403, 403, 404, 403, 403, 403, 200],
        ),
        row(
            Method::POST,
            "/api/v1/land/parcels/{id}/disposals",
            "/api/v1/land/parcels/1/disposals",
            Body::Json(
                json!({"area_mu": "0.01", "method": "supplied", "disposed_on": "2022-12-20"}),
            ),
            Shared,
            linqing_writers(401, 201),
        ),
        get(
            "/api/v1/land/inefficient",
            "/api/v1/land/inefficient",
            project_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/land/inefficient",
            "/api/v1/land/inefficient",
            Body::Json(
                json!({"code": "I-{uscc}", "region_code": "371521", "location": "矩阵路",
                "area_mu": "3", "surveyed_on": "2022-05-01"}),
            ),
            Shared,
            project_writers(401, 201),
        ),
        row(
            Method::POST,
            "/api/v1/land/inefficient/entered",
            "/api/v1/land/inefficient/entered",
            Body::Json(json!({"ids": [1], "entered_on": "2022-12-01"})),
            Shared,
            linqing_writers(401, 422),
        ),
        get(
            "/api/v1/support-funds/stats",
            "/api/v1/support-funds/stats?year=2022",
            project_readers(401),
        ),
        get(
            "/api/v1/support-funds",
            "/api/v1/support-funds",
            project_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/support-funds",
            "/api/v1/support-funds",
            Body::Json(
                json!({"programme": "矩阵专项资金", "enterprise_uscc": YANGGU_0,
                "amount_wan_yuan": "10", "paid_on": "2022-06-01"}),
            ),
            Shared,
            project_writers(401, 201),
        ),
        get(
            "/api/v1/digital/stats",
            "/api/v1/digital/stats?year=2022",
            project_readers(401),
        ),
        get(
            "/api/v1/digital-records",
            "/api/v1/digital-records",
            project_readers(401),
        ),
        row(
            Method::POST,
            "/api/v1/digital-records",
            "/api/v1/digital-records",
            Body::Json(
                json!({"kind": "base_station_5g", "region_code": "371521", "quantity": 3,
                "recorded_on": "2022-06-01", "source": "矩阵运营商"}),
            ),
            Shared,
            project_writers(401, 201),
        ),
        get(
            "/support-funds",
            "/support-funds?year=2022",
            project_readers(303),
        ),
        get(
            "/support-funds/export.xlsx",
            "/support-funds/export.xlsx?year=2022",
            project_readers(303),
        ),
        row(
            Method::POST,
            "/support-funds",
            "/support-funds",
            Body::Form(vec![
                ("programme", "矩阵专项资金".into()),
                ("enterprise_uscc", YANGGU_0.into()),
                ("amount_wan_yuan", "10".into()),
                ("paid_on", "2022-06-01".into()),
            ]),
            Shared,
            project_writers(303, 303),
        ),
        get(
            "/digital-records",
            "/digital-records?year=2022",
            project_readers(303),
        ),
        get(
            "/digital-records/export.xlsx",
            "/digital-records/export.xlsx?year=2022",
            project_readers(303),
        ),
        row(
            Method::POST,
            "/digital-records",
            "/digital-records",
            Body::Form(vec![
                ("kind", "base_station_5g".into()),
                ("region_code", "371521".into()),
                ("quantity", "2".into()),
                ("recorded_on", "2022-06-01".into()),
                ("source", "矩阵运营商".into()),
            ]),
            Shared,
            project_writers(303, 303),
        ),
        // Public: health, the API document, Swagger UI, static assets.
        get("/healthz", "/healthz", EVERYONE_200),
        get("/readyz", "/readyz", EVERYONE_200),
        get("/api/v1/openapi.json", "/api/v1/openapi.json", EVERYONE_200),
        get("/api/docs", "/api/docs", [303; 10]),
        get("/api/docs/", "/api/docs/", EVERYONE_200),
        get(
            "/api/docs/{*rest}",
            "/api/docs/swagger-ui.css",
            EVERYONE_200,
        ),
        get("/static/{*path}", "/static/app.css", EVERYONE_200),
        // Rows that end, replace or change the session: each on a session of its own.
        row(
            Method::POST,
            "/api/v1/session",
            "/api/v1/session",
            Body::Json(json!({"username": "{who}", "password": PASSWORD})),
            Fresh,
            EVERYONE_200,
        ),
        row(
            Method::DELETE,
            "/api/v1/session",
            "/api/v1/session",
            Body::None,
            Fresh,
            [401, 204, 204, 204, 204, 204, 204, 204, 204, 204],
        ),
        row(
            Method::POST,
            "/login",
            "/login",
            Body::Form(vec![
                ("username", "{who}".into()),
                ("password", PASSWORD.into()),
            ]),
            Fresh,
            ALL_303,
        ),
        // Professional titles: pages.
        get(
            "/talent/export.csv",
            "/talent/export.csv",
            TALENT_READERS_PAGE,
        ),
        get(
            "/talent/applications",
            "/talent/applications",
            TALENT_READERS_PAGE,
        ),
        row(
            Method::POST,
            "/talent/applications",
            "/talent/applications",
            Body::Form(vec![]),
            Shared,
            [303, 403, 403, 403, 403, 422, 403, 403, 403, 403],
        ),
        get(
            "/talent/applications/new",
            "/talent/applications/new",
            [303, 403, 403, 403, 403, 200, 403, 403, 403, 403],
        ),
        get(
            "/talent/applications/{id}",
            "/talent/applications/999999",
            [303, 404, 404, 403, 403, 404, 404, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/talent/applications/{id}/actions",
            "/talent/applications/999999/actions",
            Body::Form(vec![("action", "send".into())]),
            Shared,
            [303, 403, 403, 403, 403, 404, 403, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/talent/applications/{id}/files",
            "/talent/applications/999999/files",
            Body::Upload("%PDF-1.4 matrix"),
            Shared,
            [303, 403, 403, 403, 403, 404, 403, 403, 403, 403],
        ),
        get(
            "/talent/files/{id}",
            "/talent/files/999999",
            [303, 404, 404, 403, 403, 404, 404, 403, 403, 403],
        ),
        get(
            "/talent/committees",
            "/talent/committees",
            TITLE_ADMIN_ONLY_200,
        ),
        row(
            Method::POST,
            "/talent/committees",
            "/talent/committees",
            Body::Form(vec![]),
            Shared,
            [303, 403, 403, 403, 403, 403, 422, 403, 403, 403],
        ),
        get(
            "/talent/meetings",
            "/talent/meetings",
            [303, 403, 403, 403, 403, 403, 200, 200, 403, 403],
        ),
        row(
            Method::POST,
            "/talent/meetings",
            "/talent/meetings",
            Body::Form(vec![]),
            Shared,
            [303, 403, 403, 403, 403, 403, 422, 403, 403, 403],
        ),
        get(
            "/talent/meetings/{id}",
            "/talent/meetings/999999",
            [303, 403, 403, 403, 403, 403, 404, 404, 403, 403],
        ),
        row(
            Method::POST,
            "/talent/meetings/{id}/actions",
            "/talent/meetings/999999/actions",
            Body::Form(vec![("action", "open".into())]),
            Shared,
            [303, 403, 403, 403, 403, 403, 404, 403, 403, 403],
        ),
        row(
            Method::POST,
            "/talent/meetings/{id}/ballot",
            "/talent/meetings/999999/ballot",
            Body::Form(vec![("c1", "yes".into())]),
            Shared,
            [303, 403, 403, 403, 403, 403, 403, 404, 403, 403],
        ),
        row(
            Method::POST,
            "/logout",
            "/logout",
            Body::Form(vec![]),
            Fresh,
            ALL_303,
        ),
        row(
            Method::POST,
            "/password",
            "/password",
            Body::Form(vec![
                ("current_password", PASSWORD.into()),
                ("new_password", "Changed#2026ab".into()),
                ("confirm_password", "Changed#2026ab".into()),
            ]),
            Fresh,
            ALL_303,
        ),
    ]
}

/// Ids the paths refer to.
struct Ids {
    /// Codes for enterprises the rows create, one per use.
    uscc_serial: std::sync::atomic::AtomicU32,
    yanggu_user: i64,
    target: i64,
    /// Per account: (notification for the API row, notification for the page row).
    notes: BTreeMap<&'static str, (i64, i64)>,
    /// A running public notice of 阳谷县.
    notice: i64,
}

impl Ids {
    /// A fresh valid credit code in 阳谷县.
    fn next_uscc(&self) -> String {
        let n = self
            .uscc_serial
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        policy::enterprise::Uscc::with_check(&format!("91371521MB{n:07}"))
            .expect("a generated code")
            .to_string()
    }
}

fn fill(s: &str, who: &str, ids: &Ids) -> String {
    let (api, page) = ids.notes.get(who).copied().unwrap_or((0, 0));
    // The anonymous visitor signs in as the leader where a row needs credentials.
    let login_as = if who == "anonymous" { "leader" } else { who };
    s.replace("{yanggu_user}", &ids.yanggu_user.to_string())
        .replace("{uscc}", &ids.next_uscc())
        .replace("{target}", &ids.target.to_string())
        .replace("{note_api}", &api.to_string())
        .replace("{note_page}", &page.to_string())
        .replace("{who}", login_as)
        .replace("{notice}", &ids.notice.to_string())
}

fn fill_json(v: &Value, who: &str, ids: &Ids, idx: usize) -> Value {
    let text = fill(&v.to_string(), who, ids).replace("m.api.x", &format!("m.api.{idx}"));
    serde_json::from_str(&text).unwrap()
}

/// A client for `who`: none for anonymous; its CSRF token.
async fn session(app: &TestApp, who: &str) -> (reqwest::Client, String) {
    if who == "anonymous" {
        (app.client(), String::new())
    } else {
        app.login(who).await
    }
}

async fn send(
    app: &TestApp,
    c: &reqwest::Client,
    csrf: &str,
    r: &Row,
    who: &str,
    idx: usize,
    ids: &Ids,
) -> Answer {
    let path = fill(r.path, who, ids);
    let mut req = match &r.body {
        Body::Upload(_) => c.request(r.method.clone(), app.url(&format!("{path}?_csrf={csrf}"))),
        _ => c.request(r.method.clone(), app.url(&path)),
    };
    if !csrf.is_empty() {
        req = req.header("x-csrf-token", csrf);
    }
    req = match &r.body {
        Body::None => req,
        Body::Json(v) => req.json(&fill_json(v, who, ids, idx)),
        Body::Form(fields) => {
            let f: Vec<(String, String)> = fields
                .iter()
                .map(|(k, v)| {
                    let v = fill(v, who, ids).replace("m.page.x", &format!("m.page.{idx}"));
                    (k.to_string(), v)
                })
                .collect();
            req.form(&f)
        }
        Body::Upload(text) => {
            let part =
                reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name("file.csv");
            req.multipart(reqwest::multipart::Form::new().part("file", part))
        }
    };
    Answer::of(req.send().await.expect("request")).await
}

#[test]
fn the_matrix_lists_exactly_the_registered_routes() {
    let registered: BTreeSet<(String, String)> = web::route_table()
        .into_iter()
        .map(|r| (r.method.to_string(), r.path))
        .collect();
    let listed: BTreeSet<(String, String)> = matrix()
        .iter()
        .map(|r| (r.method.to_string(), r.pattern.to_string()))
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "routes registered but missing from the permission matrix (add a row for every role): {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix rows for routes that are not registered: {stale:?}"
    );
}

#[tokio::test]
async fn every_route_answers_each_role_as_the_matrix_says() {
    on_each_backend(async |app| {
        let mut notes = BTreeMap::new();
        for who in &WHO[1..] {
            let id = user_id(app, who).await;
            let api = raise_notification(app, id, "matrix api").await;
            let page = raise_notification(app, id, "matrix page").await;
            notes.insert(*who, (api, page));
        }
        let ids = Ids {
            uscc_serial: std::sync::atomic::AtomicU32::new(1),
            yanggu_user: user_id(app, "specialist").await,
            target: user_id(app, "county.shenxian").await,
            notes,
            notice: crate::support::open_notice(app, "371521").await,
        };
        let rows = matrix();
        let mut failures = Vec::new();
        for (col, who) in WHO.iter().enumerate() {
            let (shared, csrf) = session(app, who).await;
            let order = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.session == Session::Shared)
                .chain(
                    rows.iter()
                        .enumerate()
                        .filter(|(_, r)| r.session == Session::Fresh),
                );
            for (idx, r) in order {
                let unique = col * 100 + idx;
                let a = if r.session == Session::Fresh {
                    let (c, t) = session(app, who).await;
                    send(app, &c, &t, r, who, unique, &ids).await
                } else {
                    send(app, &shared, &csrf, r, who, unique, &ids).await
                };
                let want = r.expect[col];
                if a.status != want {
                    failures.push(format!(
                        "{who:>14} {} {} (row {}): expected {want}, got {} {}",
                        r.method,
                        fill(r.path, who, &ids),
                        r.pattern,
                        a.status,
                        a.text().chars().take(160).collect::<String>()
                    ));
                }
                if a.status >= 400 && r.pattern.starts_with("/api/v1/") {
                    let code = a.json()["error"]["code"].clone();
                    let expected_code = match a.status {
                        401 => "unauthenticated",
                        403 => "forbidden",
                        404 => "not_found",
                        _ => "",
                    };
                    if !expected_code.is_empty() && code != json!(expected_code) {
                        failures.push(format!("{who} {} {}: code {code}", r.method, r.pattern));
                    }
                }
                if a.status == 303
                    && *who == "anonymous"
                    && r.pattern != "/api/docs"
                    && r.method == Method::GET
                {
                    assert!(
                        a.location().starts_with("/login?next="),
                        "{who} {}: to the login",
                        r.pattern
                    );
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} cells differ:\n{}",
            failures.len(),
            failures.join("\n")
        );
    })
    .await;
}
