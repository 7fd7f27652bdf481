//! What the chain pages remember between writes ([`crate::memo::AuditMemo`], the mechanism
//! of the registry's list counts): each chain's structure (map, registry facts, titles), its
//! snapshot for a year (the structure with each enterprise's output), the figures of a set of
//! chains, a region's title holders and the default year of a set of chains.
//!
//! Reading a chain of 5,000 enterprises from the database takes tens of milliseconds. Each
//! part is filed under the newest audit id among the entity types it is computed from (its
//! sources, below) and handed out while that id has not moved, so a write that cannot change
//! it (a login, a ticket, a talent application...) costs the next reader nothing, a target
//! recomputes only the figures, a monthly figure only the outputs and figures, and a map link
//! the structure, the figures and the outputs of enterprises new on the map. Every write
//! is audited in its own transaction (`crate::memo`), so the newest id of a part's sources
//! moves with every write that can change the part. The ids of all sources are read in one
//! statement ([`Stamps::read`]) before anything is computed.
//!
//! Permission and scope are still checked on every request: the use case first finds the
//! chains the reader may see (one indexed query) and only then asks here, by chain id.

use super::figures::{ChainsFigures, EnterpriseOutput};
use super::snapshot::Snapshot;
use super::structure::Structure;
use crate::memo::AuditMemo;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// Audit entity types whose writes can change a chain's structure (`super::structure`).
pub(crate) const STRUCTURE: [&str; 3] = [
    // The chain row (its region decides which enterprises are local) and its map: create and
    // update a chain (`record.rs`), add, edit and remove nodes, attach and detach enterprises
    // (`map.rs` audits map edits on the chain); the demo seeds through these use cases.
    // Investment targets and patrols are audited on the chain too: they change nothing
    // remembered here, but share the type, so they cost one reload.
    "chain",
    // Names and regions of the enterprises on a map: profile edits and creation, approved
    // registry changes (`write_profile`), the enterprise import, the synthetic and benchmark
    // generators (one `*` entry). Yearly financials also set an enterprise's size class,
    // audited as `financial`: nothing here reads it.
    "enterprise",
    // Titles held on a day: honor edits, the honor import (one entry per row), honors granted
    // by cultivation decisions (`cultivation/act.rs`) and expired (`cultivation/expiry.rs`).
    "honor",
];

/// Audit entity types whose writes can change an enterprise's output shown on a map, besides
/// the map itself: the statistics aggregate's sources ([`crate::stats::cube::SOURCES`]:
/// monthly figures, also imported, and the enterprises' dimensions) and the indicators (which
/// one is the default output indicator, its unit and decimals).
pub(crate) const OUTPUTS: [&str; 3] = ["stats_figure", "enterprise", "stats_indicator"];

/// Audit entity types whose writes can change chain figures, besides the maps and outputs:
/// the statistics targets (a chain's target is one of kind `chain`) and the regions (the
/// statistics context checks the region asked for against the region list).
pub(crate) const FIGURES: [&str; 2] = ["stats_target", "region"];

/// Audit entity types whose writes can change the registry facts about enterprises: their
/// names and regions and the titles they hold. A region's title holders depend on these only;
/// a structure read again after a map edit keeps the facts of the enterprises it already had
/// while none of these was written.
pub(crate) const FACTS: [&str; 2] = ["honor", "enterprise"];

/// Every source above, each once: the types whose newest ids [`Stamps::read`] reads.
const ALL: [&str; 7] = [
    "chain",
    "enterprise",
    "honor",
    "stats_figure",
    "stats_indicator",
    "stats_target",
    "region",
];

/// Snapshots and structures remembered at most (a chain of 5,000 enterprises is a few
/// megabytes; a snapshot shares its structure).
const SNAPSHOTS: usize = 64;
/// Figures of chain sets, title holders and default years remembered at most.
const SMALL: usize = 256;

/// The chain figures asked for: region, year and the chains (ids in list order).
pub(crate) type FiguresKey = (Option<String>, i32, Vec<i64>);

/// The stamps the parts are filed under: each the newest audit id among its sources (0 when
/// none was ever written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamps {
    /// A structure: [`STRUCTURE`].
    pub structure: i64,
    /// The outputs remembered for a chain's enterprises: [`OUTPUTS`].
    pub outputs: i64,
    /// A snapshot, and the default year (the maps and the figures on them): [`STRUCTURE`]
    /// and [`OUTPUTS`].
    pub snapshot: i64,
    /// Chain figures: [`STRUCTURE`], [`OUTPUTS`] and [`FIGURES`].
    pub figures: i64,
    /// Registry facts and titles, and title holders: [`FACTS`].
    pub facts: i64,
}

impl Stamps {
    /// The stamps now, in one indexed statement. Read them before computing anything: a write
    /// racing the computation then moves a stamp, and the next reader recomputes.
    pub async fn read<C: store::ConnectionTrait>(conn: &C) -> Result<Stamps, crate::AppError> {
        let ids = store::audit::newest_ids_of(conn, &ALL).await?;
        Ok(Stamps::of(&ids))
    }

    /// The stamps given the newest id of each of [`ALL`], in order.
    fn of(ids: &[Option<i64>]) -> Stamps {
        let newest = |parts: &[&[&str]]| {
            ALL.iter()
                .zip(ids)
                .filter(|(t, _)| parts.iter().any(|p| p.contains(t)))
                .filter_map(|(_, id)| *id)
                .max()
                .unwrap_or(0)
        };
        Stamps {
            structure: newest(&[&STRUCTURE]),
            outputs: newest(&[&OUTPUTS]),
            snapshot: newest(&[&STRUCTURE, &OUTPUTS]),
            figures: newest(&[&STRUCTURE, &OUTPUTS, &FIGURES]),
            facts: newest(&[&FACTS]),
        }
    }
}

/// How often each part was computed rather than remembered (for tests and profiling).
#[derive(Debug, Default)]
pub(crate) struct Loads {
    /// Structures read from the database.
    pub structures: AtomicU64,
    /// Snapshots assembled.
    pub snapshots: AtomicU64,
    /// Derivations of enterprises' outputs from the statistics aggregate.
    pub outputs: AtomicU64,
    /// Figures of chain sets computed.
    pub figures: AtomicU64,
}

/// The outputs in a year derived for the enterprises on a chain's map so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct KnownOutputs {
    /// The enterprises asked for, with a figure or not.
    pub asked: HashSet<String>,
    /// The outputs of those that have figures.
    pub found: HashMap<String, EnterpriseOutput>,
}

/// The chain context's memory, one per application.
#[derive(Debug)]
pub(crate) struct ChainMemo {
    /// By chain id and the day titles are counted on (today for the current year: a title
    /// lapses at midnight without a write).
    pub structures: AuditMemo<(i64, NaiveDate), Arc<Structure>>,
    /// By chain id, year and the day titles are counted on.
    pub snapshots: AuditMemo<(i64, i32, NaiveDate), Arc<Snapshot>>,
    /// By chain id and year.
    pub outputs: AuditMemo<(i64, i32), Arc<KnownOutputs>>,
    /// By region, year and chains.
    pub figures: AuditMemo<FiguresKey, Arc<ChainsFigures>>,
    /// Holders of a title summary: by region prefix, day counted on and summary code.
    pub holders: AuditMemo<(String, NaiveDate, String), Arc<Vec<String>>>,
    /// The year shown when none is asked for, by chains and the fallback year (last year).
    pub years: AuditMemo<(Vec<i64>, i32), i32>,
    /// What was computed.
    pub loads: Loads,
}

impl Default for ChainMemo {
    fn default() -> Self {
        ChainMemo {
            structures: AuditMemo::new(SNAPSHOTS),
            snapshots: AuditMemo::new(SNAPSHOTS),
            outputs: AuditMemo::new(SNAPSHOTS),
            figures: AuditMemo::new(SMALL),
            holders: AuditMemo::new(SMALL),
            years: AuditMemo::new(SMALL),
            loads: Loads::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_stamped_by_all_its_sources() {
        for part in [&STRUCTURE[..], &OUTPUTS, &FIGURES, &FACTS] {
            for t in part {
                assert!(ALL.contains(t), "{t} is read");
            }
        }
        for t in crate::stats::cube::SOURCES {
            assert!(OUTPUTS.contains(&t), "outputs follow the aggregate's {t}");
        }
        let only = |t: &str| {
            Stamps::of(
                &ALL.iter()
                    .map(|a| (*a == t).then_some(7))
                    .collect::<Vec<_>>(),
            )
        };
        let s = only("stats_target");
        assert_eq!(
            (s.structure, s.outputs, s.snapshot, s.figures, s.facts),
            (0, 0, 0, 7, 0)
        );
        let s = only("stats_figure");
        assert_eq!(
            (s.structure, s.outputs, s.snapshot, s.figures, s.facts),
            (0, 7, 7, 7, 0)
        );
        let s = only("honor");
        assert_eq!(
            (s.structure, s.outputs, s.snapshot, s.figures, s.facts),
            (7, 0, 7, 7, 7)
        );
        let s = only("chain");
        assert_eq!(
            (s.structure, s.outputs, s.snapshot, s.figures, s.facts),
            (7, 0, 7, 7, 0)
        );
    }
}
