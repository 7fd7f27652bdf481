//! Matching teams and challenges: for a challenge, the teams most likely to solve it; for a
//! team, the open challenges that fit it — each with the reasons that put it there.
//!
//! The ranking is `search::MatchIndex` (Chinese text relevance by jieba words, field tags,
//! past results and capacity). The index is a projection: its stamp is the newest audit id of
//! teams and challenges it has absorbed, and before each ranking it catches up from the audit
//! log (a team's profile, or a challenge and the team that won it), or rebuilds when far
//! behind. The same on one instance or several.

use super::list_of;
use crate::{Actor, App, AppError};
use ::search::{Match, MatchIndex, MatchQuery, ProfileDoc, ProfileKind, SearchError};
use policy::org::Permission;
use serde::Serialize;
use std::sync::{Arc, OnceLock};

/// The audit entity types whose entries change what the index holds.
const SOURCES: [&str; 2] = ["research_team", "challenge"];
/// Past this many entries behind, a rebuild is cheaper than catching up.
const CATCH_UP_LIMIT: u64 = 2_000;
/// Teams read per page when rebuilding.
const REBUILD_PAGE: u64 = 2_000;

/// The matching indexes of one `App` (teams, open challenges), built on first use.
#[derive(Default)]
pub struct MatchState {
    index: OnceLock<Arc<Indexes>>,
    sync: tokio::sync::Mutex<()>,
}

/// One index per kind of profile.
pub(crate) struct Indexes {
    teams: MatchIndex,
    challenges: MatchIndex,
}

impl Indexes {
    fn stamp(&self) -> Option<u64> {
        self.teams.stamp()
    }
}

impl std::fmt::Debug for MatchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatchState").finish_non_exhaustive()
    }
}

fn search_err(e: SearchError) -> AppError {
    AppError::Internal(format!("matching index: {e}"))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, SearchError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(format!("matching task: {e}")))?
        .map_err(search_err)
}

fn index_of(app: &App) -> Result<Arc<Indexes>, AppError> {
    let state = app.matching();
    if let Some(i) = state.index.get() {
        return Ok(i.clone());
    }
    let created = Arc::new(Indexes {
        teams: MatchIndex::in_memory(ProfileKind::Team).map_err(search_err)?,
        challenges: MatchIndex::in_memory(ProfileKind::Challenge).map_err(search_err)?,
    });
    Ok(state.index.get_or_init(|| created).clone())
}

fn team_doc(t: &store::entity::research_team::Model, completed: i32, active: i32) -> ProfileDoc {
    ProfileDoc {
        id: t.id,
        title: format!("{} {}", t.name, t.institution),
        text: format!("{}\n{}", t.summary, t.results),
        tags: list_of(&t.fields),
        completed: completed.max(0) as u32,
        patents: t.patents.max(0) as u32,
        free_capacity: t.capacity - active,
    }
}

fn challenge_doc(c: &store::entity::challenge::Model) -> ProfileDoc {
    ProfileDoc {
        id: c.id,
        title: c.title.clone(),
        text: format!("{}\n{}\n{}", c.problem, c.indicators, c.acceptance),
        tags: list_of(&c.fields),
        ..ProfileDoc::default()
    }
}

async fn newest<C: store::ConnectionTrait>(conn: &C) -> Result<i64, AppError> {
    let mut n = 0;
    for s in SOURCES {
        n = n.max(store::audit::max_id_of(conn, s).await?.unwrap_or(0));
    }
    Ok(n)
}

async fn team_docs<C: store::ConnectionTrait>(
    conn: &C,
    teams: &[store::entity::research_team::Model],
) -> Result<Vec<ProfileDoc>, AppError> {
    let ids: Vec<i64> = teams.iter().map(|t| t.id).collect();
    let records = store::innovation::challenge::team_records(conn, Some(&ids)).await?;
    Ok(teams
        .iter()
        .map(|t| {
            let (c, a) = records
                .iter()
                .find(|(id, _, _)| *id == t.id)
                .map(|(_, c, a)| (*c, *a))
                .unwrap_or((0, 0));
            team_doc(t, c, a)
        })
        .collect())
}

async fn rebuild(app: &App, index: Arc<Indexes>) -> Result<(), AppError> {
    let conn = app.db().conn();
    let stamp = newest(conn).await?;
    let i = index.clone();
    blocking(move || {
        i.teams.clear()?;
        i.challenges.clear()
    })
    .await?;
    let mut after = 0;
    loop {
        let teams = store::innovation::team::page_after(conn, after, REBUILD_PAGE).await?;
        let Some(last) = teams.last() else { break };
        after = last.id;
        let docs = team_docs(conn, &teams).await?;
        let i = index.clone();
        blocking(move || docs.iter().try_for_each(|d| i.teams.upsert(d))).await?;
    }
    let open: Vec<ProfileDoc> = store::innovation::challenge::open(conn)
        .await?
        .iter()
        .map(challenge_doc)
        .collect();
    blocking(move || {
        for d in &open {
            index.challenges.upsert(d)?;
        }
        index.challenges.commit(stamp as u64)?;
        index.teams.commit(stamp as u64)
    })
    .await
}

/// Brings the index up to the database (catching up from the audit log, or rebuilding).
pub(crate) async fn sync(app: &App) -> Result<Arc<Indexes>, AppError> {
    let index = index_of(app)?;
    let conn = app.db().conn();
    if index.stamp() == Some(newest(conn).await? as u64) {
        return Ok(index);
    }
    let _guard = app.matching().sync.lock().await;
    let latest = newest(conn).await?;
    let Some(stamp) = index.stamp() else {
        rebuild(app, index.clone()).await?;
        return Ok(index);
    };
    if stamp as i64 == latest {
        return Ok(index);
    }
    let mut teams = Vec::new();
    let mut challenges = Vec::new();
    let mut count = 0u64;
    for s in SOURCES {
        let rows =
            store::audit::entity_ids_since(conn, s, stamp as i64, CATCH_UP_LIMIT + 1).await?;
        count += rows.len() as u64;
        for (_, id) in rows {
            if let Ok(id) = id.parse::<i64>() {
                if s == "research_team" {
                    teams.push(id);
                } else {
                    challenges.push(id);
                }
            }
        }
    }
    if stamp as i64 > latest || count > CATCH_UP_LIMIT {
        rebuild(app, index.clone()).await?;
        return Ok(index);
    }
    challenges.sort_unstable();
    challenges.dedup();
    let rows = store::innovation::challenge::by_ids(conn, &challenges).await?;
    teams.extend(rows.iter().filter_map(|c| c.winner_team_id));
    teams.sort_unstable();
    teams.dedup();
    let team_rows = store::innovation::team::by_ids(conn, &teams).await?;
    let docs = team_docs(conn, &team_rows).await?;
    let open: Vec<(i64, Option<ProfileDoc>)> = challenges
        .iter()
        .map(|id| {
            let doc = rows
                .iter()
                .find(|c| c.id == *id && c.status == "published")
                .map(challenge_doc);
            (*id, doc)
        })
        .collect();
    let i = index.clone();
    blocking(move || {
        for d in &docs {
            i.teams.upsert(d)?;
        }
        for (id, doc) in &open {
            match doc {
                Some(d) => i.challenges.upsert(d)?,
                None => i.challenges.delete(*id)?,
            }
        }
        i.challenges.commit(latest as u64)?;
        i.teams.commit(latest as u64)
    })
    .await?;
    Ok(index)
}

/// Why a match is there: a catalogue key and the values it names.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReasonView {
    /// `match.words`, `match.tags`, `match.completed`, `match.patents`, `match.capacity_free`,
    /// `match.capacity_full`.
    pub code: String,
    /// The words, tags or numbers it names.
    pub values: Vec<String>,
}

/// One ranked team or challenge.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MatchView {
    /// Team or challenge id.
    pub id: i64,
    /// Its name or title.
    pub name: String,
    /// Institution (team) or enterprise (challenge).
    pub owner: String,
    /// Combined score, 0-100.
    pub score: u32,
    /// Text relevance, tags, results and capacity parts, each 0-100.
    pub parts: [u32; 4],
    /// Why it is there.
    pub reasons: Vec<ReasonView>,
    /// Whether the team already applied for the challenge.
    pub applied: bool,
}

fn reasons(m: &Match, teams: bool) -> Vec<ReasonView> {
    let mut r = Vec::new();
    let mut add = |code: &str, values: Vec<String>| {
        r.push(ReasonView {
            code: code.into(),
            values,
        })
    };
    if !m.matched_words.is_empty() {
        add("match.words", m.matched_words.clone());
    }
    if !m.shared_tags.is_empty() {
        add("match.tags", m.shared_tags.clone());
    }
    if teams {
        if m.completed > 0 {
            add("match.completed", vec![m.completed.to_string()]);
        }
        if m.patents > 0 {
            add("match.patents", vec![m.patents.to_string()]);
        }
        if m.free_capacity > 0 {
            add("match.capacity_free", vec![m.free_capacity.to_string()]);
        } else {
            add("match.capacity_full", Vec::new());
        }
    }
    r
}

fn pct(x: f32) -> u32 {
    (x.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// The teams most likely to solve a challenge, best first (its enterprise and the reviewers).
pub async fn match_teams(
    app: &App,
    actor: &Actor,
    challenge_id: i64,
    limit: usize,
) -> Result<Vec<MatchView>, AppError> {
    let scope = if actor.can(Permission::CHALLENGE_MANAGE) {
        actor.scope(Permission::CHALLENGE_MANAGE)?
    } else {
        actor.scope(Permission::CHALLENGE_POST)?
    };
    let conn = app.db().conn();
    let c = store::innovation::challenge::find_in_scope(conn, &scope, challenge_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let applied: Vec<i64> = store::innovation::challenge::applications_of(conn, c.id)
        .await?
        .iter()
        .map(|a| a.team_id)
        .collect();
    let index = sync(app).await?;
    let q = MatchQuery {
        text: format!("{}\n{}\n{}", c.title, c.problem, c.indicators),
        tags: list_of(&c.fields),
        limit: limit.clamp(1, 100),
        exclude: Vec::new(),
    };
    let ranked = blocking(move || index.teams.rank(&q)).await?;
    let ids: Vec<i64> = ranked.iter().map(|m| m.id).collect();
    let teams = store::innovation::team::by_ids(conn, &ids).await?;
    Ok(ranked
        .iter()
        .filter_map(|m| {
            let t = teams.iter().find(|t| t.id == m.id)?;
            Some(MatchView {
                id: m.id,
                name: t.name.clone(),
                owner: t.institution.clone(),
                score: pct(m.score),
                parts: [pct(m.text), pct(m.tag), pct(m.results), pct(m.capacity)],
                reasons: reasons(m, true),
                applied: applied.contains(&m.id),
            })
        })
        .collect())
}

/// The open challenges that fit a team, best first (the team's own account and reviewers).
pub async fn match_challenges(
    app: &App,
    actor: &Actor,
    team_id: i64,
    limit: usize,
) -> Result<Vec<MatchView>, AppError> {
    let manager = actor.can(Permission::CHALLENGE_MANAGE);
    if !manager {
        actor.require(Permission::CHALLENGE_APPLY)?;
    }
    let conn = app.db().conn();
    let t = store::innovation::team::find(conn, team_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !manager && t.user_id != actor.stored_id() {
        return Err(AppError::NotFound);
    }
    let applied: Vec<i64> = store::innovation::challenge::applications_of_team(conn, t.id)
        .await?
        .iter()
        .map(|a| a.challenge_id)
        .collect();
    let index = sync(app).await?;
    let q = MatchQuery {
        text: format!("{}\n{}\n{}", t.name, t.summary, t.results),
        tags: list_of(&t.fields),
        limit: limit.clamp(1, 100),
        exclude: Vec::new(),
    };
    let ranked = blocking(move || index.challenges.rank(&q)).await?;
    let ids: Vec<i64> = ranked.iter().map(|m| m.id).collect();
    let rows = store::innovation::challenge::by_ids(conn, &ids).await?;
    let today = super::today();
    Ok(ranked
        .iter()
        .filter_map(|m| {
            let c = rows
                .iter()
                .find(|c| c.id == m.id && c.status == "published" && c.deadline >= today)?;
            Some(MatchView {
                id: m.id,
                name: c.title.clone(),
                owner: c.enterprise_name.clone(),
                score: pct(m.score),
                parts: [pct(m.text), pct(m.tag), pct(m.results), pct(m.capacity)],
                reasons: reasons(m, false),
                applied: applied.contains(&m.id),
            })
        })
        .collect())
}
