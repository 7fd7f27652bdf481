//! The frame of every signed-in page: header, navigation by permission, breadcrumb.

use crate::i18n::Tr;
use crate::session::Authed;
use crate::state::AppState;
use policy::org::Permission;

/// One navigation link.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Stable key (tests find links by it).
    pub key: &'static str,
    /// Target.
    pub href: &'static str,
    /// Label.
    pub label: String,
    /// Whether it is the current page.
    pub active: bool,
}

/// A group of links under a heading.
#[derive(Debug, Clone)]
pub struct NavGroup {
    /// Heading (empty for the top group).
    pub title: String,
    /// Links.
    pub items: Vec<NavItem>,
}

/// The navigation: (group key, link key, href, permission). Only links whose permission the
/// user holds are shown; the route itself checks again in `app`.
const NAV: &[(&str, &str, &str, Permission)] = &[
    ("", "nav.home", "/", Permission::HOME),
    ("", "nav.notifications", "/notifications", Permission::HOME),
    (
        "nav.registry",
        "nav.enterprises",
        "/enterprises",
        Permission::ENTERPRISE_READ,
    ),
    (
        "nav.registry",
        "nav.imports",
        "/imports",
        Permission::ENTERPRISE_WRITE,
    ),
    (
        "nav.registry",
        "nav.data_dictionary",
        "/data-dictionary",
        Permission::ENTERPRISE_READ,
    ),
    (
        "nav.cultivation",
        "nav.cultivation_assess",
        "/cultivation/assess",
        Permission::CULTIVATION_ASSESS,
    ),
    (
        "nav.cultivation",
        "nav.cultivation_screening",
        "/cultivation/screening",
        Permission::CULTIVATION_SCREEN,
    ),
    (
        "nav.cultivation",
        "nav.cultivation_rules",
        "/cultivation/rule-sets",
        Permission::CULTIVATION_ASSESS,
    ),
    (
        "nav.cultivation",
        "nav.cultivation_applications",
        "/cultivation/applications",
        Permission::CULTIVATION_READ,
    ),
    (
        "nav.cultivation",
        "nav.cultivation_pools",
        "/cultivation/pools",
        Permission::CULTIVATION_READ,
    ),
    (
        "nav.cultivation",
        "nav.cultivation_campaigns",
        "/cultivation/campaigns",
        Permission::CULTIVATION_READ,
    ),
    (
        "nav.cultivation",
        "nav.cultivation_re_review",
        "/cultivation/re-review",
        Permission::CULTIVATION_READ,
    ),
    (
        "nav.cultivation",
        "nav.cultivation_stats",
        "/cultivation/stats",
        Permission::CULTIVATION_READ,
    ),
    (
        "nav.service",
        "nav.tickets",
        "/tickets",
        Permission::TICKET_READ,
    ),
    (
        "nav.service",
        "nav.ticket_report",
        "/tickets/report",
        Permission::TICKET_SUPERVISE,
    ),
    (
        "nav.service",
        "nav.specialists",
        "/specialists",
        Permission::SERVICE_MANAGE,
    ),
    (
        "nav.service",
        "nav.visits",
        "/visits",
        Permission::SERVICE_MANAGE,
    ),
    (
        "nav.innovation",
        "nav.challenges",
        "/innovation/challenges",
        Permission::INNOVATION_READ,
    ),
    (
        "nav.innovation",
        "nav.competitions",
        "/innovation/competitions",
        Permission::INNOVATION_READ,
    ),
    (
        "nav.innovation",
        "nav.meetings",
        "/meetings",
        Permission::MEETING_MANAGE,
    ),
    (
        "nav.stats",
        "nav.stats_dashboard",
        "/stats/dashboard",
        Permission::STATS_READ,
    ),
    (
        "nav.stats",
        "nav.stats_indicators",
        "/stats/indicators",
        Permission::STATS_READ,
    ),
    (
        "nav.stats",
        "nav.stats_seed_facts",
        "/stats/seed-facts",
        Permission::STATS_READ,
    ),
    ("nav.chain", "nav.chains", "/chains", Permission::CHAIN_READ),
    (
        "nav.project",
        "nav.projects",
        "/projects",
        Permission::PROJECT_READ,
    ),
    (
        "nav.project",
        "nav.investment",
        "/investment",
        Permission::INVESTMENT_READ,
    ),
    ("nav.project", "nav.land", "/land", Permission::PROJECT_READ),
    ("nav.system", "nav.users", "/users", Permission::USER_READ),
    (
        "nav.system",
        "nav.regions",
        "/regions",
        Permission::REGION_READ,
    ),
    ("nav.system", "nav.audit", "/audit", Permission::AUDIT_READ),
    (
        "nav.system",
        "nav.login_log",
        "/login-log",
        Permission::LOGIN_LOG_READ,
    ),
    (
        "nav.system",
        "nav.calendar",
        "/calendar",
        Permission::CALENDAR_MANAGE,
    ),
    ("nav.system", "nav.jobs", "/jobs", Permission::JOBS_MANAGE),
    (
        "nav.system",
        "nav.api_docs",
        "/api/docs/",
        Permission::JOBS_MANAGE,
    ),
    (
        "nav.talent",
        "nav.talent_applications",
        "/talent/applications",
        Permission::TALENT_READ,
    ),
    (
        "nav.talent",
        "nav.talent_committees",
        "/talent/committees",
        Permission::TALENT_COMMITTEE_MANAGE,
    ),
    (
        "nav.talent",
        "nav.talent_meetings",
        "/talent/meetings",
        Permission::TALENT_COMMITTEE_MANAGE,
    ),
    (
        "nav.talent",
        "nav.talent_ballots",
        "/talent/meetings",
        Permission::TALENT_VOTE,
    ),
];

/// Everything the layout template needs.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Translator.
    pub t: Tr,
    /// `zh-CN` or `en`.
    pub lang_tag: &'static str,
    /// This page in the other language.
    pub other_lang_url: String,
    /// Page title.
    pub title: String,
    /// The user's name.
    pub user_name: String,
    /// The unit the user works in.
    pub unit_name: String,
    /// Unread notifications.
    pub unread: u64,
    /// CSRF token for forms.
    pub csrf: String,
    /// Navigation.
    pub nav: Vec<NavGroup>,
    /// Breadcrumb: (href, label); empty href for the current page.
    pub crumbs: Vec<(String, String)>,
    /// A one-line confirmation after a successful action.
    pub flash: Option<String>,
}

impl Chrome {
    /// Builds the frame for `path` with the title `title_key`, under `parents` (href, key).
    pub async fn build(
        state: &AppState,
        user: &Authed,
        path: &str,
        title_key: &str,
        parents: &[(&str, &str)],
    ) -> Chrome {
        let t = Tr::new(user.lang);
        let actor = &user.actor;
        let unread = app::notify::unread_count(&state.app, actor)
            .await
            .unwrap_or(0);
        let unit_name = match (&actor.enterprise, &actor.region) {
            (Some(_), _) => actor.display_name.clone(),
            (None, Some(r)) => app::org::region_name(&state.app, r.as_str())
                .await
                .ok()
                .flatten()
                .unwrap_or_else(|| r.to_string()),
            (None, None) => String::new(),
        };
        let mut nav: Vec<NavGroup> = Vec::new();
        for (group, key, href, perm) in NAV {
            if !actor.can(*perm) {
                continue;
            }
            let title = if group.is_empty() {
                String::new()
            } else {
                t.get(group)
            };
            if nav.last().is_none_or(|g| g.title != title) {
                nav.push(NavGroup {
                    title: title.clone(),
                    items: Vec::new(),
                });
            }
            if let Some(g) = nav.last_mut() {
                g.items.push(NavItem {
                    key,
                    href,
                    label: t.get(key),
                    active: *href == path || (*href != "/" && path.starts_with(href)),
                });
            }
        }
        let mut crumbs = vec![("/".to_string(), t.get("nav.home"))];
        for (href, key) in parents {
            crumbs.push((href.to_string(), t.get(key)));
        }
        if path != "/" {
            crumbs.push((String::new(), t.get(title_key)));
        }
        Chrome {
            t,
            lang_tag: user.lang.tag(),
            other_lang_url: format!("{path}?lang={}", user.lang.other().tag()),
            title: t.get(title_key),
            user_name: actor.display_name.clone(),
            unit_name,
            unread,
            csrf: user.csrf.clone(),
            nav,
            crumbs,
            flash: None,
        }
    }
}
