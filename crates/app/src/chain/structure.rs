//! A chain's structure read once: its map (nodes, enterprise links), the registry facts about
//! the enterprises on it (names, regions, titles held on a day) and what follows from them
//! alone (which enterprises are local and titled, the gaps). It does not depend on any figure,
//! so a figure or target written elsewhere leaves it as it is (`super::memo::STRUCTURE`).

use super::snapshot::TitleView;
use crate::stats::MemberSet;
use crate::{App, AppError};
use policy::chain::{EnterpriseRole, Gap, LinkInput, NodeInput, Segment, TitleRules, find_gaps};
use policy::org::{RegionCode, Scope};
use std::collections::{BTreeSet, HashMap, HashSet};
use store::chain::facts::EnterpriseFacts;
use store::chain::map::LinkRow;
use store::entity::{chain, chain_node};

/// A chain's map and registry facts as of a day.
pub(crate) struct Structure {
    pub chain: chain::Model,
    pub nodes: Vec<chain_node::Model>,
    pub links: Vec<LinkRow>,
    pub facts: HashMap<String, EnterpriseFacts>,
    pub titles: HashMap<String, Vec<TitleView>>,
    /// Every enterprise on the map, each once, in code order (whose outputs are read).
    pub usccs: Vec<String>,
    /// The enterprises in the chain's region, decided once.
    local: HashSet<String>,
    /// The same, each once, in code order.
    local_list: Vec<String>,
    /// The enterprises holding a title that counts, decided once.
    titled: HashSet<String>,
    /// The gaps of the map, found once.
    gaps: Vec<Gap>,
    /// Local enterprises holding a title that counts, counted once.
    pub titled_count: u32,
    /// The stamp of the registry facts and titles when they were read
    /// ([`super::memo::Stamps::facts`]; 0 when read for a write, never remembered).
    pub facts_at: i64,
}

impl Structure {
    /// Reads a chain (already found in `scope`) with its titles held on `day` from the
    /// database, the facts and titles at stamp `facts_at`. The rows do not depend on the
    /// reader: whoever may see the chain sees its whole map.
    pub async fn load(
        app: &App,
        scope: &Scope,
        chain: chain::Model,
        day: chrono::NaiveDate,
        rules: &TitleRules,
        facts_at: i64,
    ) -> Result<Structure, AppError> {
        let conn = app.db().conn();
        let nodes = store::chain::map::nodes_of(conn, scope, chain.id).await?;
        let mut facts: HashMap<String, EnterpriseFacts> = HashMap::new();
        let links: Vec<LinkRow> = store::chain::map::links_with_facts(conn, scope, chain.id)
            .await?
            .into_iter()
            .map(|(link, f)| {
                if let Some(f) = f {
                    facts.insert(f.uscc.clone(), f);
                }
                link
            })
            .collect();
        let mut titles: HashMap<String, Vec<TitleView>> = HashMap::new();
        for t in store::chain::facts::titles_on_chain(conn, chain.id, day).await? {
            titles.entry(t.uscc).or_default().push(TitleView {
                title: t.title,
                level: t.level,
            });
        }
        Ok(Structure::of(
            chain, nodes, links, facts, titles, rules, facts_at,
        ))
    }

    /// Reads a chain again after its map changed, keeping `prev`'s registry facts and titles
    /// for the enterprises still on it and reading only those of enterprises new on it (the
    /// map links alone are one lighter statement). `prev` must be the same chain and day, its
    /// facts read at the current facts stamp (no enterprise or honor written since): the
    /// caller compares [`Structure::facts_at`].
    pub async fn reload(
        app: &App,
        scope: &Scope,
        chain: chain::Model,
        rules: &TitleRules,
        day: chrono::NaiveDate,
        prev: &Structure,
    ) -> Result<Structure, AppError> {
        let conn = app.db().conn();
        let nodes = store::chain::map::nodes_of(conn, scope, chain.id).await?;
        let links = store::chain::map::links_of(conn, scope, chain.id).await?;
        let mut facts: HashMap<String, EnterpriseFacts> = HashMap::new();
        let mut titles: HashMap<String, Vec<TitleView>> = HashMap::new();
        let mut new: Vec<String> = Vec::new();
        for u in links
            .iter()
            .map(|l| &l.enterprise_uscc)
            .collect::<BTreeSet<_>>()
        {
            if prev.usccs.binary_search(u).is_err() {
                new.push(u.clone());
                continue;
            }
            if let Some(f) = prev.facts.get(u) {
                facts.insert(u.clone(), f.clone());
            }
            if let Some(t) = prev.titles.get(u) {
                titles.insert(u.clone(), t.clone());
            }
        }
        if !new.is_empty() {
            for f in store::chain::facts::enterprises(conn, &new).await? {
                facts.insert(f.uscc.clone(), f);
            }
            for t in store::chain::facts::titles_of(conn, &new, day).await? {
                titles.entry(t.uscc).or_default().push(TitleView {
                    title: t.title,
                    level: t.level,
                });
            }
        }
        let facts_at = prev.facts_at;
        Ok(Structure::of(
            chain, nodes, links, facts, titles, rules, facts_at,
        ))
    }

    /// The structure of rows read, with what follows from them.
    fn of(
        chain: chain::Model,
        nodes: Vec<chain_node::Model>,
        links: Vec<LinkRow>,
        facts: HashMap<String, EnterpriseFacts>,
        titles: HashMap<String, Vec<TitleView>>,
        rules: &TitleRules,
        facts_at: i64,
    ) -> Structure {
        let usccs: Vec<String> = links
            .iter()
            .map(|l| l.enterprise_uscc.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let region = RegionCode::parse(&chain.region_code).ok();
        let mut local_list: Vec<String> = facts
            .values()
            .filter(|f| {
                region.as_ref().is_some_and(|r| {
                    RegionCode::parse(&f.region_code).is_ok_and(|e| r.contains(&e))
                })
            })
            .map(|f| f.uscc.clone())
            .collect();
        local_list.sort_unstable();
        let local = local_list.iter().cloned().collect();
        let titled = titles
            .iter()
            .filter(|(_, ts)| ts.iter().any(|t| rules.is_titled(&t.title)))
            .map(|(u, _)| u.clone())
            .collect();
        let mut s = Structure {
            chain,
            nodes,
            links,
            facts,
            titles,
            usccs,
            local,
            local_list,
            titled,
            gaps: Vec::new(),
            titled_count: 0,
            facts_at,
        };
        s.gaps = s.find_gaps();
        s.titled_count = s.local_list.iter().filter(|u| s.is_titled(u)).count() as u32;
        s
    }

    /// Whether an enterprise lies in the chain's region.
    pub fn is_local(&self, uscc: &str) -> bool {
        self.local.contains(uscc)
    }

    /// Whether an enterprise holds a title that counts.
    pub fn is_titled(&self, uscc: &str) -> bool {
        self.titled.contains(uscc)
    }

    /// The distinct local enterprises on the map, in code order.
    pub fn local_usccs(&self) -> &[String] {
        &self.local_list
    }

    /// The chain as a member set of the statistics context: the enterprises on its map, of
    /// which those in its region count (the same set `group_by=chain` reads).
    pub fn member_set(&self) -> MemberSet {
        MemberSet {
            key: self.chain.code.clone(),
            name: self.chain.name.clone(),
            members: self.usccs.iter().cloned().collect(),
            region_prefix: RegionCode::parse(&self.chain.region_code)
                .map(|r| r.subtree_prefix().to_string())
                .unwrap_or_else(|_| self.chain.region_code.clone()),
        }
    }

    /// The gaps of the map.
    pub fn gaps(&self) -> &[Gap] {
        &self.gaps
    }

    fn find_gaps(&self) -> Vec<Gap> {
        let (nodes, links) = self.gap_inputs();
        find_gaps(&nodes, &links)
    }

    /// The map as the gap analysis and the subtree tallies read it.
    pub fn gap_inputs(&self) -> (Vec<NodeInput>, Vec<LinkInput>) {
        let nodes = self
            .nodes
            .iter()
            .map(|n| NodeInput {
                id: n.id,
                parent: n.parent_id,
                segment: Segment::parse(&n.segment).unwrap_or(Segment::Midstream),
            })
            .collect();
        let links = self
            .links
            .iter()
            .map(|l| LinkInput {
                node: l.node_id,
                role: EnterpriseRole::parse(&l.role).unwrap_or(EnterpriseRole::Supplier),
                local: self.is_local(&l.enterprise_uscc),
                titled: self.is_titled(&l.enterprise_uscc),
            })
            .collect();
        (nodes, links)
    }

    /// The name of a node.
    pub fn node_name(&self, id: i64) -> String {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.name.clone())
            .unwrap_or_default()
    }

    /// The segment of a node.
    pub fn node_segment(&self, id: i64) -> String {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.segment.clone())
            .unwrap_or_default()
    }
}
