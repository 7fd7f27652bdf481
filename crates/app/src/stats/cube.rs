//! The in-memory aggregate ([`policy::stats::cube::Cube`]) as a projection of the database,
//! kept current the way the search index is: its stamp is the newest audit id it has absorbed;
//! before each read it compares the stamp with the newest audit id (one indexed lookup), and
//! when they differ it re-reads the enterprises named by the `stats_figure` and `enterprise`
//! audit entries in between (every write of a figure or an enterprise is audited). An entry it
//! cannot map to one enterprise (`*`, a bulk generation) or a long gap makes it rebuild. Each
//! server instance keeps its own cube and catches up from the shared log, so several instances
//! on one PostgreSQL agree.

use crate::{App, AppError};
use policy::stats::cube::{Cube, Member};
use std::sync::{Arc, RwLock};

/// Past this many audit entries behind, a rebuild is cheaper than catching up.
const CATCH_UP_LIMIT: u64 = 5_000;
/// Enterprises read per statement when rebuilding.
const REBUILD_PAGE: u64 = 2_000;
/// The audit entity types whose entries change what the cube holds.
pub(crate) const SOURCES: [&str; 2] = ["stats_figure", "enterprise"];

/// The cube and the newest audit id it reflects.
#[derive(Debug, Default)]
pub(crate) struct CubeState {
    pub cube: Cube,
    /// None until first built.
    pub stamp: Option<i64>,
}

/// The application's cube, shared by its requests.
#[derive(Debug, Default)]
pub struct CubeCell {
    state: Arc<RwLock<CubeState>>,
    sync: tokio::sync::Mutex<()>,
}

impl CubeCell {
    /// The state, for reading in a blocking task.
    pub(crate) fn state(&self) -> Arc<RwLock<CubeState>> {
        self.state.clone()
    }

    fn stamp(&self) -> Result<Option<i64>, AppError> {
        Ok(self.state.read().map_err(poisoned)?.stamp)
    }
}

fn poisoned<T>(_: T) -> AppError {
    AppError::Internal("statistics aggregate lock poisoned".into())
}

fn member(d: store::stats::Dims) -> Member {
    Member {
        uscc: d.uscc,
        name: d.name,
        region_code: d.region_code,
        industry_code: d.industry_code,
        above_size: d.above_size,
        above_size_since: d.above_size_since,
    }
}

fn put(cube: &mut Cube, figures: Vec<(store::stats::FigureKey, i64)>) {
    for ((uscc, indicator, year, month), value) in figures {
        if let Some(i) = cube.index_of(&uscc) {
            cube.set(i, &indicator, year, month as u8, value);
        }
    }
}

/// Reads every enterprise and figure into a new cube.
async fn build<C: store::ConnectionTrait>(conn: &C) -> Result<Cube, AppError> {
    let mut cube = Cube::new();
    let mut after: Option<String> = None;
    loop {
        let page = store::stats::dims_page(conn, after.as_deref(), REBUILD_PAGE).await?;
        let (Some(first), Some(last)) = (page.first(), page.last()) else {
            break;
        };
        let (first, last) = (first.uscc.clone(), last.uscc.clone());
        for d in page {
            cube.upsert_member(member(d));
        }
        let figures = store::stats::figures_between(conn, &first, &last).await?;
        if cube.year_span().is_none()
            && let (Some(lo), Some(hi)) = (
                figures.iter().map(|((_, _, y, _), _)| *y).min(),
                figures.iter().map(|((_, _, y, _), _)| *y).max(),
            )
        {
            cube.reserve_years(lo, hi);
        }
        put(&mut cube, figures);
        after = Some(last);
    }
    Ok(cube)
}

/// Rebuilds the cube from the database.
pub(crate) async fn rebuild(app: &App) -> Result<(), AppError> {
    let conn = app.db().conn();
    let stamp = crate::memo::stamp(conn).await?;
    let cube = build(conn).await?;
    let cell = app.stats_cube();
    let mut state = cell.state.write().map_err(poisoned)?;
    state.cube = cube;
    state.stamp = Some(stamp);
    Ok(())
}

/// Brings the cube up to the database: nothing when no write happened since its stamp, a
/// catch-up of the enterprises written since, or a rebuild.
pub(crate) async fn sync(app: &App) -> Result<(), AppError> {
    let cell = app.stats_cube();
    let conn = app.db().conn();
    let newest = crate::memo::stamp(conn).await?;
    if cell.stamp()? == Some(newest) {
        return Ok(());
    }
    let _guard = cell.sync.lock().await;
    let newest = crate::memo::stamp(conn).await?;
    let Some(stamp) = cell.stamp()? else {
        return rebuild(app).await;
    };
    if stamp == newest {
        return Ok(());
    }
    if stamp > newest {
        // The database went back (a restore).
        return rebuild(app).await;
    }
    let mut entries = Vec::new();
    for entity in SOURCES {
        entries.extend(
            store::audit::entity_ids_since(conn, entity, stamp, CATCH_UP_LIMIT + 1)
                .await?
                .into_iter()
                .filter(|(id, _)| *id <= newest),
        );
    }
    if entries.len() as u64 > CATCH_UP_LIMIT || entries.iter().any(|(_, e)| e.starts_with('*')) {
        return rebuild(app).await;
    }
    let mut usccs: Vec<String> = entries
        .iter()
        .map(|(_, e)| e.split('/').next().unwrap_or_default().to_string())
        .filter(|u| !u.is_empty())
        .collect();
    usccs.sort();
    usccs.dedup();
    let dims = store::stats::dims_of(conn, &usccs).await?;
    let figures = store::stats::figures_for_years(conn, &usccs, &[]).await?;
    let mut state = cell.state.write().map_err(poisoned)?;
    for d in dims {
        let i = state.cube.upsert_member(member(d));
        state.cube.clear_figures(i);
    }
    put(&mut state.cube, figures);
    state.stamp = Some(newest);
    Ok(())
}

/// Runs `f` over the current cube on a blocking thread (aggregates over tens of thousands of
/// enterprises should not hold an async worker).
pub(crate) async fn read<T: Send + 'static>(
    app: &App,
    f: impl FnOnce(&Cube) -> T + Send + 'static,
) -> Result<T, AppError> {
    sync(app).await?;
    let state = app.stats_cube().state();
    tokio::task::spawn_blocking(move || {
        let s = state.read().map_err(poisoned)?;
        Ok(f(&s.cube))
    })
    .await
    .map_err(|e| AppError::Internal(format!("statistics task: {e}")))?
}
