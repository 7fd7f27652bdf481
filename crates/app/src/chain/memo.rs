//! What the chain pages remember between writes ([`crate::memo::AuditMemo`], the mechanism
//! of the registry's list counts and the statistics aggregate's stamp): each chain's snapshot
//! for a year (map, registry facts, titles, each enterprise's output), the figures of a set
//! of chains, a region's title holders and the default year of a set of chains.
//!
//! Reading a chain of 5,000 enterprises from the database takes tens of milliseconds; with
//! nothing written since, the next reader gets the same rows from memory. Permission and scope
//! are still checked on every request: the use case first finds the chains the reader may see
//! (one indexed query) and only then asks here, by chain id.

use super::figures::ChainsFigures;
use super::snapshot::Snapshot;
use crate::memo::AuditMemo;
use chrono::NaiveDate;
use std::sync::Arc;

/// Snapshots remembered at most (a chain of 5,000 enterprises is a few megabytes).
const SNAPSHOTS: usize = 64;
/// Figures of chain sets, title holders and default years remembered at most.
const SMALL: usize = 256;

/// The chain figures asked for: region, year and the chains (ids in list order).
pub(crate) type FiguresKey = (Option<String>, i32, Vec<i64>);

/// The chain context's memory, one per application.
#[derive(Debug)]
pub(crate) struct ChainMemo {
    /// By chain id, year and the day titles are counted on (today for the current year: a
    /// title lapses at midnight without a write).
    pub snapshots: AuditMemo<(i64, i32, NaiveDate), Arc<Snapshot>>,
    /// By region, year and chains.
    pub figures: AuditMemo<FiguresKey, Arc<ChainsFigures>>,
    /// Holders of a title summary: by region prefix, day counted on and summary code.
    pub holders: AuditMemo<(String, NaiveDate, String), Arc<Vec<String>>>,
    /// The year shown when none is asked for, by chains and the fallback year (last year).
    pub years: AuditMemo<(Vec<i64>, i32), i32>,
}

impl Default for ChainMemo {
    fn default() -> Self {
        ChainMemo {
            snapshots: AuditMemo::new(SNAPSHOTS),
            figures: AuditMemo::new(SMALL),
            holders: AuditMemo::new(SMALL),
            years: AuditMemo::new(SMALL),
        }
    }
}
