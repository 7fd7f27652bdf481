//! Assigning judges to projects: every project gets the same number of judges, no judge sees a
//! project they have a conflict with (the same employer, or an interest they declared), and the
//! load is as even as the conflicts allow.
//!
//! The assignment is a bipartite flow: source → project (capacity `per_project`) → eligible
//! judge (1) → sink (each judge's capacity). The judges' capacity starts at the even share
//! `⌈projects × per_project ÷ judges⌉` and grows only if the conflicts make that infeasible, so
//! the busiest judge carries as little as possible. A flow can still leave some judges light;
//! a local pass then moves single projects from a judge to one carrying two or more fewer
//! (where that judge has no conflict), until no such move is left. Deterministic: the same
//! input gives the same assignment.

use std::collections::{BTreeSet, VecDeque};

/// A project to be judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Id.
    pub id: i64,
    /// The employers (institutions, companies) of its team members, normalised by the caller.
    pub employers: Vec<String>,
}

/// A judge of the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judge {
    /// Id.
    pub id: i64,
    /// The judge's employer.
    pub employer: String,
    /// Projects the judge declared an interest in.
    pub declared: BTreeSet<i64>,
}

impl Judge {
    /// Whether the judge must not judge `p`: a declared interest, or the same employer as one
    /// of the team (compared after trimming; an empty employer conflicts with nothing).
    pub fn conflicts_with(&self, p: &Project) -> bool {
        let employer = self.employer.trim();
        self.declared.contains(&p.id)
            || (!employer.is_empty() && p.employers.iter().any(|e| e.trim() == employer))
    }
}

/// Why no assignment exists (message-catalogue keys).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    /// Zero judges per project asked.
    #[error("competition.no_judges_asked")]
    NoJudgesAsked,
    /// Fewer conflict-free judges than needed for a project.
    #[error("competition.not_enough_judges")]
    NotEnoughJudges {
        /// The project that cannot be covered.
        project: i64,
        /// Judges without a conflict with it.
        eligible: usize,
    },
}

impl AssignError {
    /// The message-catalogue key.
    pub fn key(&self) -> &'static str {
        match self {
            AssignError::NoJudgesAsked => "competition.no_judges_asked",
            AssignError::NotEnoughJudges { .. } => "competition.not_enough_judges",
        }
    }
}

struct Edge {
    to: usize,
    cap: u32,
}

/// Dinic's maximum flow over a small graph.
struct Flow {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
    level: Vec<i32>,
    next: Vec<usize>,
}

impl Flow {
    fn new(nodes: usize) -> Flow {
        Flow {
            edges: Vec::new(),
            adj: vec![Vec::new(); nodes],
            level: vec![0; nodes],
            next: vec![0; nodes],
        }
    }

    fn add(&mut self, from: usize, to: usize, cap: u32) -> usize {
        let id = self.edges.len();
        self.edges.push(Edge { to, cap });
        self.adj[from].push(id);
        self.edges.push(Edge { to: from, cap: 0 });
        self.adj[to].push(id + 1);
        id
    }

    fn bfs(&mut self, s: usize, t: usize) -> bool {
        self.level.iter_mut().for_each(|l| *l = -1);
        self.level[s] = 0;
        let mut q = VecDeque::from([s]);
        while let Some(v) = q.pop_front() {
            for &e in &self.adj[v] {
                let to = self.edges[e].to;
                if self.edges[e].cap > 0 && self.level[to] < 0 {
                    self.level[to] = self.level[v] + 1;
                    q.push_back(to);
                }
            }
        }
        self.level[t] >= 0
    }

    fn dfs(&mut self, v: usize, t: usize, f: u32) -> u32 {
        if v == t {
            return f;
        }
        while self.next[v] < self.adj[v].len() {
            let e = self.adj[v][self.next[v]];
            let to = self.edges[e].to;
            if self.edges[e].cap > 0 && self.level[to] == self.level[v] + 1 {
                let pushed = self.dfs(to, t, f.min(self.edges[e].cap));
                if pushed > 0 {
                    self.edges[e].cap -= pushed;
                    self.edges[e ^ 1].cap += pushed;
                    return pushed;
                }
            }
            self.next[v] += 1;
        }
        0
    }

    fn run(&mut self, s: usize, t: usize) -> u32 {
        let mut total = 0;
        while self.bfs(s, t) {
            self.next.iter_mut().for_each(|n| *n = 0);
            loop {
                let f = self.dfs(s, t, u32::MAX);
                if f == 0 {
                    break;
                }
                total += f;
            }
        }
        total
    }
}

/// Assigns `per_project` judges to every project: (project id, judge id) pairs, sorted.
///
/// Fails when some project has fewer conflict-free judges than `per_project`; otherwise an
/// assignment always exists (the judges' capacity grows until the flow is full).
pub fn assign_judges(
    projects: &[Project],
    judges: &[Judge],
    per_project: usize,
) -> Result<Vec<(i64, i64)>, AssignError> {
    if per_project == 0 {
        return Err(AssignError::NoJudgesAsked);
    }
    let eligible: Vec<Vec<usize>> = projects
        .iter()
        .map(|p| {
            judges
                .iter()
                .enumerate()
                .filter(|(_, j)| !j.conflicts_with(p))
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    for (p, e) in projects.iter().zip(&eligible) {
        if e.len() < per_project {
            return Err(AssignError::NotEnoughJudges {
                project: p.id,
                eligible: e.len(),
            });
        }
    }
    if projects.is_empty() {
        return Ok(Vec::new());
    }
    let need = projects.len() * per_project;
    let mut cap = need.div_ceil(judges.len());
    let mut load: Vec<BTreeSet<usize>> = loop {
        let (flow, assigned) =
            flow_with_capacity(projects.len(), judges.len(), &eligible, per_project, cap);
        if flow as usize == need {
            break assigned;
        }
        cap += 1;
    };
    balance(&eligible, &mut load);
    let mut out: Vec<(i64, i64)> = load
        .iter()
        .enumerate()
        .flat_map(|(j, ps)| ps.iter().map(move |p| (projects[*p].id, judges[j].id)))
        .collect();
    out.sort_unstable();
    Ok(out)
}

/// Runs the flow with each judge capped at `cap`; returns the flow and each judge's projects.
fn flow_with_capacity(
    n_projects: usize,
    n_judges: usize,
    eligible: &[Vec<usize>],
    per_project: usize,
    cap: usize,
) -> (u32, Vec<BTreeSet<usize>>) {
    let source = 0;
    let sink = 1 + n_projects + n_judges;
    let mut g = Flow::new(sink + 1);
    let mut pairs = Vec::new();
    for (p, js) in eligible.iter().enumerate() {
        g.add(source, 1 + p, per_project as u32);
        for &j in js {
            let e = g.add(1 + p, 1 + n_projects + j, 1);
            pairs.push((e, p, j));
        }
    }
    for j in 0..n_judges {
        g.add(1 + n_projects + j, sink, cap as u32);
    }
    let flow = g.run(source, sink);
    let mut load = vec![BTreeSet::new(); n_judges];
    for (e, p, j) in pairs {
        if g.edges[e].cap == 0 {
            load[j].insert(p);
        }
    }
    (flow, load)
}

/// Moves single projects from heavier to lighter judges (two or more fewer) where the lighter
/// judge is eligible and not already on the project, until no move is left.
fn balance(eligible: &[Vec<usize>], load: &mut [BTreeSet<usize>]) {
    let n = load.len();
    let mut moved = true;
    while moved {
        moved = false;
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&j| (std::cmp::Reverse(load[j].len()), j));
        'outer: for &heavy in &order {
            for &light in order.iter().rev() {
                if load[light].len() + 2 > load[heavy].len() {
                    continue;
                }
                let candidate = load[heavy]
                    .iter()
                    .copied()
                    .find(|p| eligible[*p].contains(&light) && !load[light].contains(p));
                if let Some(p) = candidate {
                    load[heavy].remove(&p);
                    load[light].insert(p);
                    moved = true;
                    break 'outer;
                }
            }
        }
    }
}
