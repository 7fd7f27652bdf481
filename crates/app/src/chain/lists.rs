//! The lists of a chain (N张清单), each a view over records rather than a typed-in table:
//!
//! - key enterprises: the local lead and backbone enterprises of the map, and every local
//!   titled one;
//! - key parks: the parks (in the reader's scope) that hold the chain's local enterprises;
//! - key innovation platforms: platform titles (`rules/chain-titles.toml`) held by the
//!   chain's enterprises, from the registry's honors;
//! - weak-link needs: tickets (of the service context) in the need categories of the rules —
//!   technology, talent, financing, policy — raised for an enterprise on the map or from one
//!   of the chain's patrols (the patrol link is the chain's tag on the ticket), within the
//!   reader's own ticket scope;
//! - key projects: the chain's signed investment targets, with the project they became.

use super::investment::InvestmentTargetView;
use super::snapshot::{Snapshot, TitleView};
use super::wan;
use crate::{Actor, App, AppError};
use chrono::{DateTime, Utc};
use policy::chain::{EnterpriseRole, InvestmentStage, TitleRules};
use policy::money::Fen;
use policy::org::{Permission, Scope};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A key enterprise of the chain.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KeyEnterpriseView {
    /// Code.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Its highest role on the map (`lead` before `backbone` before `supplier`).
    pub role: String,
    /// The nodes it sits on.
    pub nodes: Vec<String>,
    /// Output in the year, 万元.
    pub output_wan_yuan: Option<String>,
    /// Titles held today.
    pub titles: Vec<TitleView>,
}

/// A key park of the chain.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KeyParkView {
    /// Park id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Focus.
    pub focus: String,
    /// The chain's local enterprises in the park.
    pub chain_enterprises: u32,
    /// Their output in the year, 万元.
    pub output_wan_yuan: Option<String>,
}

/// An innovation platform held by an enterprise of the chain.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlatformView {
    /// Enterprise.
    pub uscc: String,
    /// Its name.
    pub name: String,
    /// The platform title.
    pub title: String,
    /// Its level.
    pub level: String,
}

/// A weak-link need (a ticket).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedView {
    /// Ticket id.
    pub ticket_id: i64,
    /// Title.
    pub title: String,
    /// `technology`, `talent`, `financing` or `policy`.
    pub category: String,
    /// Enterprise.
    pub enterprise_uscc: String,
    /// Ticket status.
    pub status: String,
    /// Received.
    pub received_at: DateTime<Utc>,
}

/// A key project of the chain.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KeyProjectView {
    /// The investment target it came from.
    pub investment_target_id: i64,
    /// The enterprise investing.
    pub target_enterprise: String,
    /// The node it fills.
    pub node_name: String,
    /// `signed`, `started` or `in_production`.
    pub stage: String,
    /// Planned, 万元.
    pub planned_wan_yuan: Option<String>,
    /// In place, 万元.
    pub in_place_wan_yuan: Option<String>,
    /// The project in the projects context, once linked.
    pub investment_project_id: Option<i64>,
}

/// The lists of a chain.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChainLists {
    /// 重点企业.
    pub key_enterprises: Vec<KeyEnterpriseView>,
    /// 重点园区.
    pub key_parks: Vec<KeyParkView>,
    /// 重点创新平台.
    pub innovation_platforms: Vec<PlatformView>,
    /// 重点短板需求: none when the reader may not read tickets.
    pub needs: Option<Vec<NeedView>>,
    /// 重点项目.
    pub key_projects: Vec<KeyProjectView>,
}

/// The most needs the list shows.
const NEEDS_SHOWN: u64 = 200;

/// Builds the lists of a chain.
pub(crate) async fn lists(
    app: &App,
    actor: &Actor,
    scope: &Scope,
    snap: &Snapshot,
    rules: &TitleRules,
    targets: &[InvestmentTargetView],
) -> Result<ChainLists, AppError> {
    let conn = app.db().conn();
    let output = |u: &str| snap.outputs.get(u).and_then(|o| o.this_year);
    let name = |u: &str| {
        snap.facts
            .get(u)
            .map(|f| f.name.clone())
            .unwrap_or_default()
    };

    // Key enterprises: each local enterprise once, with its best role and every node.
    let mut best: BTreeMap<&str, (EnterpriseRole, Vec<String>)> = BTreeMap::new();
    for l in snap
        .links
        .iter()
        .filter(|l| snap.is_local(&l.enterprise_uscc))
    {
        let role = EnterpriseRole::parse(&l.role).unwrap_or(EnterpriseRole::Supplier);
        let e = best.entry(&l.enterprise_uscc).or_insert((role, Vec::new()));
        e.0 = e.0.min(role);
        e.1.push(snap.node_name(l.node_id));
    }
    let mut key_enterprises: Vec<KeyEnterpriseView> = best
        .into_iter()
        .filter(|(u, (role, _))| role.anchors() || snap.is_titled(u))
        .map(|(u, (role, nodes))| KeyEnterpriseView {
            uscc: u.to_string(),
            name: name(u),
            role: role.as_str().into(),
            nodes,
            output_wan_yuan: wan(output(u).map(Fen::get)),
            titles: snap.titles.get(u).cloned().unwrap_or_default(),
        })
        .collect();
    key_enterprises.sort_by_cached_key(|k| {
        let rank = EnterpriseRole::parse(&k.role).map_or(u8::MAX, |r| r as u8);
        (rank, k.name.clone())
    });

    // Key parks: parks holding the chain's local enterprises.
    let local = snap.local_usccs();
    let placements = store::chain::park::placements(conn, scope, local).await?;
    let parks = store::chain::park::list(conn, scope).await?;
    let key_parks = parks
        .into_iter()
        .filter_map(|p| {
            let members: BTreeSet<&String> = placements
                .iter()
                .filter(|(park, _)| *park == p.id)
                .map(|(_, u)| u)
                .collect();
            if members.is_empty() {
                return None;
            }
            let sum = members
                .iter()
                .filter_map(|u| output(u))
                .fold(None, |acc: Option<Fen>, v| {
                    Some(acc.unwrap_or_default().checked_add(v).unwrap_or(v))
                });
            Some(KeyParkView {
                id: p.id,
                name: p.name,
                focus: p.focus,
                chain_enterprises: members.len() as u32,
                output_wan_yuan: wan(sum.map(Fen::get)),
            })
        })
        .collect();

    // Innovation platforms from the registry's titles.
    let mut innovation_platforms: Vec<PlatformView> = snap
        .titles
        .iter()
        .flat_map(|(u, ts)| {
            ts.iter()
                .filter(|t| rules.is_platform(&t.title))
                .map(|t| PlatformView {
                    uscc: u.clone(),
                    name: name(u),
                    title: t.title.clone(),
                    level: t.level.clone(),
                })
        })
        .collect();
    innovation_platforms.sort_by(|a, b| (&a.name, &a.title).cmp(&(&b.name, &b.title)));

    // Weak-link needs, within the reader's own ticket scope.
    let needs = match actor.scope(Permission::TICKET_READ) {
        Ok(ticket_scope) => Some(
            store::chain::facts::need_tickets(
                conn,
                &ticket_scope,
                snap.chain.id,
                &rules.need_categories,
                NEEDS_SHOWN,
            )
            .await?
            .into_iter()
            .map(|t| NeedView {
                ticket_id: t.id,
                title: t.title,
                category: t.category,
                enterprise_uscc: t.enterprise_uscc,
                status: t.status,
                received_at: t.received_at,
            })
            .collect(),
        ),
        Err(_) => None,
    };

    // Key projects: the signed targets. TODO(projects merge): add the projects context's key
    // projects of this chain (by investment_project_id, and by the enterprises on the map).
    let key_projects = targets
        .iter()
        .filter(|t| InvestmentStage::parse(&t.stage).is_ok_and(InvestmentStage::is_signed))
        .map(|t| KeyProjectView {
            investment_target_id: t.id,
            target_enterprise: t.target_enterprise.clone(),
            node_name: t.node_name.clone(),
            stage: t.stage.clone(),
            planned_wan_yuan: t.planned_wan_yuan.clone(),
            in_place_wan_yuan: t.in_place_wan_yuan.clone(),
            investment_project_id: t.investment_project_id,
        })
        .collect();

    Ok(ChainLists {
        key_enterprises,
        key_parks,
        innovation_platforms,
        needs,
        key_projects,
    })
}
