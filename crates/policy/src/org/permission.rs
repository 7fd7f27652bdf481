//! Permission strings and role codes.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A permission string such as `audit:read` or `cultivation:review:county`.
///
/// The constants below are every permission the platform checks; roles grant them as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Permission(&'static str);

impl Permission {
    /// See the home page and own notifications (every signed-in user).
    pub const HOME: Permission = Permission("home:read");
    /// Read the audit log.
    pub const AUDIT_READ: Permission = Permission("audit:read");
    /// Export the audit log.
    pub const AUDIT_EXPORT: Permission = Permission("audit:export");
    /// Read the login log.
    pub const LOGIN_LOG_READ: Permission = Permission("login_log:read");
    /// List users and their roles.
    pub const USER_READ: Permission = Permission("user:read");
    /// Create, disable and reset users.
    pub const USER_MANAGE: Permission = Permission("user:manage");
    /// Read the region and department tree.
    pub const REGION_READ: Permission = Permission("region:read");
    /// Import and edit regions and departments.
    pub const REGION_MANAGE: Permission = Permission("region:manage");
    /// Edit the working-day calendar.
    pub const CALENDAR_MANAGE: Permission = Permission("calendar:manage");
    /// Read enterprises in scope.
    pub const ENTERPRISE_READ: Permission = Permission("enterprise:read");
    /// Create and edit enterprises, financials and honors in scope (and import them).
    pub const ENTERPRISE_WRITE: Permission = Permission("enterprise:write");
    /// Propose changes to one's own enterprise, to be confirmed by the county.
    pub const ENTERPRISE_SUBMIT: Permission = Permission("enterprise:submit");
    /// Confirm or return enterprises' proposed changes.
    pub const ENTERPRISE_CONFIRM: Permission = Permission("enterprise:confirm");
    /// See enterprise contact details unmasked.
    pub const ENTERPRISE_CONTACT: Permission = Permission("enterprise:contact");
    /// Read dashboards.
    pub const DASHBOARD_READ: Permission = Permission("dashboard:read");
    /// Run background jobs by hand and see their runs.
    pub const JOBS_MANAGE: Permission = Permission("jobs:manage");
    /// See personal data (ID numbers, phones) unmasked.
    pub const PERSONAL_DATA: Permission = Permission("personal_data:read");
    /// Handle objections to public notices (公示) in scope.
    pub const NOTICE_MANAGE: Permission = Permission("notice:manage");
    /// Read cultivation pools, campaigns, applications and statistics in scope.
    pub const CULTIVATION_READ: Permission = Permission("cultivation:read");
    /// Draft, submit and withdraw one's own enterprise's applications.
    pub const CULTIVATION_APPLY: Permission = Permission("cultivation:apply");
    /// Review applications at county level (pass, return, reject).
    pub const CULTIVATION_REVIEW_COUNTY: Permission = Permission("cultivation:review:county");
    /// Review applications at city level (pass, return, reject).
    pub const CULTIVATION_REVIEW_CITY: Permission = Permission("cultivation:review:city");
    /// Record the province's decision on an application and open its public notice.
    pub const CULTIVATION_REVIEW_PROVINCE: Permission = Permission("cultivation:review:province");
    /// Keep the cultivation pools and campaigns (entries, reserve lists, exits).
    pub const CULTIVATION_POOL_MANAGE: Permission = Permission("cultivation:pool:manage");
    /// Read title applications in scope, the talent statistics and the quota.
    pub const TALENT_READ: Permission = Permission("talent:read");
    /// Apply for a professional title for one's enterprise's staff (ordinary route).
    pub const TALENT_APPLY: Permission = Permission("talent:apply");
    /// Recommend an engineer under the recommendation route (举荐), within the quota.
    pub const TALENT_RECOMMEND: Permission = Permission("talent:recommend");
    /// The HR bureau's qualification check, scheduling, notice and grant of titles.
    pub const TALENT_REVIEW: Permission = Permission("talent:review");
    /// Manage committees, the expert pool and review meetings.
    pub const TALENT_COMMITTEE_MANAGE: Permission = Permission("talent:committee:manage");
    /// Vote in the secret ballot of a meeting one attends.
    pub const TALENT_VOTE: Permission = Permission("talent:vote");
    /// Run a cultivation assessment (self-assessment for an enterprise) and read assessments.
    pub const CULTIVATION_ASSESS: Permission = Permission("cultivation:assess");
    /// Screen the enterprises in scope against every tier (the radar) and export it.
    pub const CULTIVATION_SCREEN: Permission = Permission("cultivation:screen");
    /// Copy, edit and publish cultivation rule sets.
    pub const CULTIVATION_RULES_MANAGE: Permission = Permission("cultivation:rules:manage");
    /// Read enterprise tickets (诉求) in scope.
    pub const TICKET_READ: Permission = Permission("ticket:read");
    /// Raise a ticket for an enterprise in scope (an enterprise user: its own).
    pub const TICKET_RAISE: Permission = Permission("ticket:raise");
    /// Work on tickets handed to one's department: respond, wait, resolve.
    pub const TICKET_HANDLE: Permission = Permission("ticket:handle");
    /// Hand tickets to departments, transfer, remind, escalate and reopen them; reports.
    pub const TICKET_SUPERVISE: Permission = Permission("ticket:supervise");
    /// Assign specialists to enterprises and record visits.
    pub const SERVICE_MANAGE: Permission = Permission("service:manage");
    // Innovation (issue 8): challenges, competitions, evaluation meetings.
    /// Read published challenges, team profiles and competitions.
    pub const INNOVATION_READ: Permission = Permission("innovation:read");
    /// Post challenges (揭榜挂帅) for one's own enterprise.
    pub const CHALLENGE_POST: Permission = Permission("challenge:post");
    /// Keep a research team's profile and apply for challenges with a plan.
    pub const CHALLENGE_APPLY: Permission = Permission("challenge:apply");
    /// Review and publish challenges, review applications, pick the winner, record the
    /// agreement, check milestones and release tranches.
    pub const CHALLENGE_MANAGE: Permission = Permission("challenge:manage");
    /// Score the challenge applications and competition projects one is assigned to.
    pub const INNOVATION_JUDGE: Permission = Permission("innovation:judge");
    /// Register projects in competitions.
    pub const COMPETITION_REGISTER: Permission = Permission("competition:register");
    /// Run competitions: tracks, judges, rounds, awards, deals with the development zone.
    pub const COMPETITION_MANAGE: Permission = Permission("competition:manage");
    /// Run evaluation meetings (述职评议): subjects, rating codes, closing and the tally.
    pub const MEETING_MANAGE: Permission = Permission("meeting:manage");
    /// Read industrial statistics in scope: aggregates, dashboards, the enterprises and figures
    /// behind them, indicator cards, groups and targets.
    pub const STATS_READ: Permission = Permission("stats:read");
    /// Enter and import monthly figures of enterprises in scope.
    pub const STATS_WRITE: Permission = Permission("stats:write");
    /// Edit indicator cards and enterprise groups, and set targets in scope.
    pub const STATS_MANAGE: Permission = Permission("stats:manage");
    /// Read key projects, land, support funds and digital records in scope (own enterprise's
    /// for an enterprise user).
    pub const PROJECT_READ: Permission = Permission("project:read");
    /// Keep key projects (plans, monthly investment, stages, problems), land, support funds and
    /// digital records in scope.
    pub const PROJECT_WRITE: Permission = Permission("project:write");
    /// Read investment-attraction projects, county targets and statistics in scope.
    pub const INVESTMENT_READ: Permission = Permission("investment:read");
    /// Register attraction projects and report their stages and figures (填报) in scope.
    pub const INVESTMENT_REPORT: Permission = Permission("investment:report");
    /// Approve or return reports (审核) and set the counties' yearly targets (目标考核).
    pub const INVESTMENT_REVIEW: Permission = Permission("investment:review");
    /// Read industry chains in scope: maps, lists, gaps, figures, patrols.
    pub const CHAIN_READ: Permission = Permission("chain:read");
    /// Keep chains in scope: leaders, plans, maps, parks, investment targets, patrols.
    pub const CHAIN_MANAGE: Permission = Permission("chain:manage");

    /// Every permission the platform knows, for the role editor and for validating role files.
    pub const ALL: &'static [Permission] = &[
        Permission::HOME,
        Permission::AUDIT_READ,
        Permission::AUDIT_EXPORT,
        Permission::LOGIN_LOG_READ,
        Permission::USER_READ,
        Permission::USER_MANAGE,
        Permission::REGION_READ,
        Permission::REGION_MANAGE,
        Permission::CALENDAR_MANAGE,
        Permission::ENTERPRISE_READ,
        Permission::ENTERPRISE_WRITE,
        Permission::ENTERPRISE_SUBMIT,
        Permission::ENTERPRISE_CONFIRM,
        Permission::ENTERPRISE_CONTACT,
        Permission::DASHBOARD_READ,
        Permission::JOBS_MANAGE,
        Permission::PERSONAL_DATA,
        Permission::NOTICE_MANAGE,
        Permission::CULTIVATION_READ,
        Permission::CULTIVATION_APPLY,
        Permission::CULTIVATION_REVIEW_COUNTY,
        Permission::CULTIVATION_REVIEW_CITY,
        Permission::CULTIVATION_REVIEW_PROVINCE,
        Permission::CULTIVATION_POOL_MANAGE,
        Permission::TALENT_READ,
        Permission::TALENT_APPLY,
        Permission::TALENT_RECOMMEND,
        Permission::TALENT_REVIEW,
        Permission::TALENT_COMMITTEE_MANAGE,
        Permission::TALENT_VOTE,
        Permission::CULTIVATION_ASSESS,
        Permission::CULTIVATION_SCREEN,
        Permission::CULTIVATION_RULES_MANAGE,
        Permission::TICKET_READ,
        Permission::TICKET_RAISE,
        Permission::TICKET_HANDLE,
        Permission::TICKET_SUPERVISE,
        Permission::SERVICE_MANAGE,
        Permission::INNOVATION_READ,
        Permission::CHALLENGE_POST,
        Permission::CHALLENGE_APPLY,
        Permission::CHALLENGE_MANAGE,
        Permission::INNOVATION_JUDGE,
        Permission::COMPETITION_REGISTER,
        Permission::COMPETITION_MANAGE,
        Permission::MEETING_MANAGE,
        Permission::STATS_READ,
        Permission::STATS_WRITE,
        Permission::STATS_MANAGE,
        Permission::PROJECT_READ,
        Permission::PROJECT_WRITE,
        Permission::INVESTMENT_READ,
        Permission::INVESTMENT_REPORT,
        Permission::INVESTMENT_REVIEW,
        Permission::CHAIN_READ,
        Permission::CHAIN_MANAGE,
    ];

    /// Finds a known permission by its string.
    pub fn parse(s: &str) -> Option<Permission> {
        Permission::ALL.iter().copied().find(|p| p.0 == s)
    }

    /// The permission string.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The code of a role (`city_admin`, `county_admin`, ...), as stored.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoleCode(pub String);

impl fmt::Display for RoleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
