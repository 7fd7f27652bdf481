//! The in-memory aggregate of monthly figures (统计数据立方): per enterprise its dimensions
//! (region, industry, above-size flag and year) and, per indicator, a dense run of months, so
//! that a county × group × month table for a year with its growth is one pass over the
//! enterprises instead of a join over millions of rows.
//!
//! The cube is a projection: `app::stats` fills it from the database and keeps it current from
//! the audit log. Everything here is exact integer arithmetic.

use super::group::is_industrial;
use super::period::{Basis, Period};
use std::collections::{BTreeMap, HashMap};

/// A month without a figure (a figure that was not given is absent, never 0).
const MISSING: i64 = i64::MIN;

/// An enterprise as the statistics see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// 统一社会信用代码.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Region (county or town code).
    pub region_code: String,
    /// GB/T 4754 industry code (`C3252`).
    pub industry_code: String,
    /// Above designated size (规上) now.
    pub above_size: bool,
    /// The first year it was above size, where known.
    pub above_size_since: Option<i32>,
}

impl Member {
    /// The county (first six digits of the region).
    pub fn county(&self) -> &str {
        self.region_code.get(..6).unwrap_or(&self.region_code)
    }

    /// Whether the enterprise belongs to the population of `year`: an industrial enterprise
    /// above designated size in that year (by the registry's flag and its since-year; a flag
    /// without a year counts for every year).
    pub fn in_population(&self, year: i32) -> bool {
        self.above_size
            && self.above_size_since.is_none_or(|s| s <= year)
            && is_industrial(&self.industry_code)
    }
}

/// Sums of one row (or the total) of an aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// The period's sum.
    pub current: i128,
    /// The same period last year, on the chosen basis.
    pub prior: i128,
    /// Every month of the year (January first), for trend lines; the basis's population.
    pub current_months: [i128; 12],
    /// Every month of the year before, on the chosen basis.
    pub prior_months: [i128; 12],
    /// Enterprises in the population of the period.
    pub population: u32,
    /// Of those, enterprises with at least one figure in the period.
    pub reported: u32,
}

impl Cell {
    fn add(&mut self, cur: &[i64; 12], pri: &[i64; 12], sel: (usize, usize), flags: Flags) {
        for m in 0..12 {
            if flags.current && cur[m] != MISSING {
                self.current_months[m] += cur[m] as i128;
                if m >= sel.0 && m <= sel.1 {
                    self.current += cur[m] as i128;
                }
            }
            if flags.prior && pri[m] != MISSING {
                self.prior_months[m] += pri[m] as i128;
                if m >= sel.0 && m <= sel.1 {
                    self.prior += pri[m] as i128;
                }
            }
        }
        if flags.current {
            self.population += 1;
            if cur[sel.0..=sel.1].iter().any(|v| *v != MISSING) {
                self.reported += 1;
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Flags {
    current: bool,
    prior: bool,
}

/// The result of [`Cube::aggregate`]: the total (each enterprise once) and one cell per row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Aggregate {
    /// Every admitted enterprise once.
    pub total: Cell,
    /// One per row of the grouping.
    pub rows: Vec<Cell>,
}

/// One enterprise behind a figure (the drill-down).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its position in the cube.
    pub member: usize,
    /// Its sum for the period, when it reported any month of it.
    pub current: Option<i128>,
    /// Its sum for the same period last year, when it reported any month of it.
    pub prior: Option<i128>,
    /// Whether it belongs to this period's population (on the reported basis an enterprise of
    /// last year's population only counts on the prior side).
    pub in_current: bool,
    /// Whether it counts on the prior side.
    pub in_prior: bool,
}

/// The in-memory aggregate.
#[derive(Debug, Clone, Default)]
pub struct Cube {
    first_year: i32,
    years: usize,
    members: Vec<Member>,
    index: HashMap<String, usize>,
    /// Per indicator: `members.len() × years × 12` values, enterprise-major.
    series: BTreeMap<String, Vec<i64>>,
}

impl Cube {
    /// An empty cube.
    pub fn new() -> Cube {
        Cube::default()
    }

    /// The enterprises, in the order they were added.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The position of an enterprise.
    pub fn index_of(&self, uscc: &str) -> Option<usize> {
        self.index.get(uscc).copied()
    }

    /// The first and last year the cube has room for (None when empty).
    pub fn year_span(&self) -> Option<(i32, i32)> {
        (self.years > 0).then(|| (self.first_year, self.first_year + self.years as i32 - 1))
    }

    /// The indicators with figures.
    pub fn indicators(&self) -> impl Iterator<Item = &str> {
        self.series.keys().map(String::as_str)
    }

    fn stride(&self) -> usize {
        self.years * 12
    }

    /// Adds an enterprise, or replaces the dimensions of one already there; its figures stay.
    pub fn upsert_member(&mut self, m: Member) -> usize {
        if let Some(&i) = self.index.get(&m.uscc) {
            self.members[i] = m;
            return i;
        }
        let i = self.members.len();
        self.index.insert(m.uscc.clone(), i);
        self.members.push(m);
        let stride = self.stride();
        for s in self.series.values_mut() {
            s.resize(s.len() + stride, MISSING);
        }
        i
    }

    /// Makes room for the years `first..=last` (so loading does not re-lay the series).
    pub fn reserve_years(&mut self, first: i32, last: i32) {
        if last < first {
            return;
        }
        let (lo, hi) = match self.year_span() {
            Some((a, b)) => (a.min(first), b.max(last)),
            None => (first, last),
        };
        if self.year_span() == Some((lo, hi)) {
            return;
        }
        let new_years = (hi - lo + 1) as usize;
        let shift = if self.years == 0 {
            0
        } else {
            (self.first_year - lo) as usize * 12
        };
        let (old_stride, new_stride) = (self.stride(), new_years * 12);
        let n = self.members.len();
        for s in self.series.values_mut() {
            let mut grown = vec![MISSING; n * new_stride];
            for e in 0..n {
                let from = &s[e * old_stride..(e + 1) * old_stride];
                let at = e * new_stride + shift;
                grown[at..at + old_stride].copy_from_slice(from);
            }
            *s = grown;
        }
        self.first_year = lo;
        self.years = new_years;
    }

    /// Removes every figure of an enterprise (before its figures are read again).
    pub fn clear_figures(&mut self, member: usize) {
        let stride = self.stride();
        for s in self.series.values_mut() {
            if let Some(run) = s.get_mut(member * stride..(member + 1) * stride) {
                run.fill(MISSING);
            }
        }
    }

    /// Sets one figure (month 1-12); the cube grows to the year as needed.
    pub fn set(&mut self, member: usize, indicator: &str, year: i32, month: u8, value: i64) {
        if member >= self.members.len() || !(1..=12).contains(&month) || value == MISSING {
            return;
        }
        self.reserve_years(year, year);
        let stride = self.stride();
        let n = self.members.len();
        let s = self
            .series
            .entry(indicator.to_string())
            .or_insert_with(|| vec![MISSING; n * stride]);
        let at = member * stride + (year - self.first_year) as usize * 12 + (month - 1) as usize;
        s[at] = value;
    }

    /// One figure.
    pub fn get(&self, member: usize, indicator: &str, year: i32, month: u8) -> Option<i64> {
        let s = self.series.get(indicator)?;
        let months = self.months_of(s, member, year)?;
        let v = months[(month.clamp(1, 12) - 1) as usize];
        (v != MISSING).then_some(v)
    }

    fn months_of<'a>(&self, s: &'a [i64], member: usize, year: i32) -> Option<&'a [i64]> {
        if year < self.first_year || year >= self.first_year + self.years as i32 {
            return None;
        }
        let at = member * self.stride() + (year - self.first_year) as usize * 12;
        s.get(at..at + 12)
    }

    fn year_values(&self, s: Option<&Vec<i64>>, member: usize, year: i32) -> [i64; 12] {
        let mut out = [MISSING; 12];
        if let Some(run) = s.and_then(|s| self.months_of(s, member, year)) {
            out.copy_from_slice(run);
        }
        out
    }

    /// Sums `indicator` over the enterprises `admit` lets through, for `period` and the same
    /// period a year earlier on `basis`, in total and per row: `rows_of` names the rows (of
    /// `row_count`) an enterprise falls in (none, one, or several for overlapping groups).
    ///
    /// On the comparable basis, both sides sum the enterprises of this period's population;
    /// on the reported basis, each side sums its own year's population.
    pub fn aggregate(
        &self,
        indicator: &str,
        period: &Period,
        basis: Basis,
        admit: &dyn Fn(&Member) -> bool,
        row_count: usize,
        rows_of: &dyn Fn(usize, &Member, &mut Vec<usize>),
    ) -> Aggregate {
        let s = self.series.get(indicator);
        let (a, b) = period.months();
        let sel = ((a - 1) as usize, (b - 1) as usize);
        let mut out = Aggregate {
            total: Cell::default(),
            rows: vec![Cell::default(); row_count],
        };
        let mut rows = Vec::new();
        for (i, m) in self.members.iter().enumerate() {
            let current = m.in_population(period.year);
            let prior = match basis {
                Basis::Comparable => current,
                Basis::Reported => m.in_population(period.year - 1),
            };
            if !(current || prior) || !admit(m) {
                continue;
            }
            let flags = Flags { current, prior };
            let cur = self.year_values(s, i, period.year);
            let pri = self.year_values(s, i, period.year - 1);
            out.total.add(&cur, &pri, sel, flags);
            rows.clear();
            rows_of(i, m, &mut rows);
            for &r in &rows {
                if let Some(cell) = out.rows.get_mut(r) {
                    cell.add(&cur, &pri, sel, flags);
                }
            }
        }
        out
    }

    /// The enterprises behind an aggregate (those `admit` lets through, in this period's
    /// population or, on the reported basis, last year's), with their sums, largest first.
    pub fn records(
        &self,
        indicator: &str,
        period: &Period,
        basis: Basis,
        admit: &dyn Fn(usize, &Member) -> bool,
    ) -> Vec<Record> {
        let s = self.series.get(indicator);
        let (a, b) = period.months();
        let range = (a - 1) as usize..=(b - 1) as usize;
        let sum = |v: &[i64; 12]| {
            let vals: Vec<i64> = v[range.clone()]
                .iter()
                .copied()
                .filter(|x| *x != MISSING)
                .collect();
            (!vals.is_empty()).then(|| vals.iter().map(|x| *x as i128).sum::<i128>())
        };
        let mut out = Vec::new();
        for (i, m) in self.members.iter().enumerate() {
            let in_current = m.in_population(period.year);
            let in_prior = match basis {
                Basis::Comparable => in_current,
                Basis::Reported => m.in_population(period.year - 1),
            };
            if !(in_current || in_prior) || !admit(i, m) {
                continue;
            }
            out.push(Record {
                member: i,
                current: sum(&self.year_values(s, i, period.year)),
                prior: sum(&self.year_values(s, i, period.year - 1)),
                in_current,
                in_prior,
            });
        }
        out.sort_by(|x, y| {
            y.current
                .unwrap_or(i128::MIN)
                .cmp(&x.current.unwrap_or(i128::MIN))
                .then_with(|| {
                    self.members[x.member]
                        .uscc
                        .cmp(&self.members[y.member].uscc)
                })
        });
        out
    }

    /// The latest year and month with any figure of `indicator` (the dashboards' default).
    pub fn latest_month(&self, indicator: &str) -> Option<(i32, u8)> {
        let s = self.series.get(indicator)?;
        let stride = self.stride();
        let mut best: Option<usize> = None;
        for e in 0..self.members.len() {
            let run = &s[e * stride..(e + 1) * stride];
            if let Some(t) = run.iter().rposition(|v| *v != MISSING) {
                best = Some(best.map_or(t, |b| b.max(t)));
            }
        }
        best.map(|t| (self.first_year + (t / 12) as i32, (t % 12) as u8 + 1))
    }
}
