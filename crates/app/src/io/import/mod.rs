//! Importing a spreadsheet: every row checked and every problem named at once, then (by
//! default only when every row is valid) one transaction with one audit entry per record.

mod enterprises;
mod figures;
mod financials;
mod honors;

use super::ImportKind;
use super::read::{self, Layout, SheetRow};
use crate::enterprise::fields::Field;
use crate::enterprise::parse::{Row, parse_row};
use crate::enterprise::parse_context;
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// What to do when some rows are wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Write nothing unless every row is valid (the default).
    #[default]
    AllOrNothing,
    /// Write the valid rows and report the others (an explicit choice).
    ValidOnly,
}

impl ImportMode {
    /// Reads `all_or_nothing` or `valid_only`.
    pub fn parse(s: &str) -> Option<ImportMode> {
        match s.trim() {
            "all_or_nothing" => Some(ImportMode::AllOrNothing),
            "valid_only" => Some(ImportMode::ValidOnly),
            _ => None,
        }
    }
}

/// The choices of the import dialog.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// All or nothing (default), or valid rows only.
    pub mode: ImportMode,
    /// 是否更新已有数据: replace records that exist instead of reporting them as errors.
    pub update_existing: bool,
    /// Check and report what would change, write nothing.
    pub dry_run: bool,
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RowError {
    /// The row number as Excel shows it (1-based, counting the header and notes rows).
    pub row: u32,
    /// The column header as the file spells it.
    pub column: String,
    /// The field's JSON key.
    pub field: String,
    /// The message-catalogue key of the reason.
    pub message_key: String,
    /// Values the message mentions.
    pub params: Vec<(String, String)>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    /// What was imported.
    pub kind: ImportKind,
    /// Data rows in the file (blank rows, the header and the notes row not counted).
    pub total: usize,
    /// Rows written or found unchanged; 0 when nothing was written because of errors.
    pub accepted: usize,
    /// Rows with at least one problem.
    pub rejected: usize,
    /// Records created.
    pub created: usize,
    /// Records updated.
    pub updated: usize,
    /// Rows equal to the stored record (nothing to write).
    pub unchanged: usize,
    /// Every problem, by row then column.
    pub errors: Vec<RowError>,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Whether anything was written.
    pub written: bool,
}

/// Where a running import is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum ImportStage {
    /// Checking the rows of the file: `done` of `total`.
    Checking {
        /// Rows checked so far.
        done: usize,
        /// Rows in the file.
        total: usize,
    },
    /// Every row is checked; comparing with the database and writing in one transaction.
    Writing {
        /// Rows in the file.
        total: usize,
    },
    /// Finished (written, refused, or a dry run).
    Finished {
        /// Rows in the file.
        total: usize,
    },
}

/// A progress callback.
pub type Progress<'a> = &'a (dyn Fn(ImportStage) + Sync);

/// A row that passed the field checks.
pub(crate) struct Checked {
    /// Its row number.
    pub number: u32,
    /// Its values.
    pub row: Row,
}

/// The problems found so far, by row.
pub(crate) struct Problems<'a> {
    layout: &'a Layout,
    fields: &'static [Field],
    errors: Vec<RowError>,
    rejected: BTreeSet<u32>,
}

impl Problems<'_> {
    /// Records a problem of a row's field.
    pub fn add(&mut self, row: u32, field: &str, key: &str, params: Vec<(String, String)>) {
        self.rejected.insert(row);
        self.errors.push(RowError {
            row,
            column: self.layout.column_of(self.fields, field),
            field: field.to_string(),
            message_key: key.to_string(),
            params,
        });
    }

    /// Records a field check's error.
    pub fn field_error(&mut self, row: u32, e: &FieldError) {
        self.add(row, &e.field, &e.key, e.params.clone());
    }

    /// Whether the row has a problem.
    pub fn is_rejected(&self, row: u32) -> bool {
        self.rejected.contains(&row)
    }
}

/// Counts of a plan.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Counts {
    /// The counts of a plan whose operations either replace a stored record (`true`) or create
    /// one (`false`), with `unchanged` rows left alone.
    pub(crate) fn of(replaces: impl Iterator<Item = bool>, unchanged: usize) -> Counts {
        let (mut created, mut updated) = (0, 0);
        for r in replaces {
            if r { updated += 1 } else { created += 1 }
        }
        Counts {
            created,
            updated,
            unchanged,
        }
    }
}

/// How often the progress callback is called while checking.
const PROGRESS_EVERY: usize = 500;

/// The key of a row for finding duplicates in the file, from its text (before checking, so a
/// duplicate is reported even when the first occurrence has other problems).
fn raw_key(kind: ImportKind, raw: &HashMap<String, String>) -> Option<String> {
    let get = |k: &str| {
        raw.get(k)
            .map(|v| v.trim().trim_end_matches(".0").to_ascii_uppercase())
            .unwrap_or_default()
    };
    let uscc = get("uscc");
    if uscc.is_empty() {
        return None;
    }
    match kind {
        ImportKind::Enterprises => Some(uscc),
        ImportKind::Financials => Some(format!("{uscc}/{}", get("year"))),
        ImportKind::Honors => Some(format!(
            "{uscc}/{}/{}/{}",
            get("title"),
            get("level"),
            get("year")
        )),
        ImportKind::Figures => Some(format!(
            "{uscc}/{}/{}/{}",
            get("indicator").to_ascii_lowercase(),
            get("year"),
            get("month").trim_end_matches('月')
        )),
    }
}

/// Imports a file of enterprises, financials or honors.
///
/// Reads the first sheet of an xlsx or xls workbook, or a CSV file in UTF-8 or GBK; finds the
/// header row by its Chinese or English headers or JSON keys (skipping our template's notes
/// row); checks every row and reports every problem with the row number Excel shows and the
/// column header: field formats, duplicates within the file, regions and enterprises outside
/// the actor's scope, enterprises that do not exist (financials, honors), and records that
/// exist already unless `update_existing`. By default nothing is written unless every row is
/// valid; `ValidOnly` writes the valid rows; `dry_run` writes nothing. The writes are one
/// transaction with one audit entry per record created or updated; the size class of every
/// enterprise whose financials changed is derived again.
///
/// A file that cannot be read at all (not a spreadsheet, no header, a required column missing)
/// answers [`AppError::Invalid`] with field `file`.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all, fields(actor = %actor.username, kind = kind.as_str(), file = file_name))]
pub async fn import(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    kind: ImportKind,
    file_name: &str,
    bytes: &[u8],
    options: ImportOptions,
    progress: Option<Progress<'_>>,
) -> Result<ImportReport, AppError> {
    let scope = actor.scope(kind.write_permission())?;
    let fields = kind.fields();
    let rows: Vec<SheetRow> = read::read_rows(bytes)?;
    let layout = read::locate(&rows, fields)?;
    let data = rows.get(layout.data_index..).unwrap_or(&[]);
    let total = data.len();
    let ctx = parse_context(app).await?;
    let mut problems = Problems {
        layout: &layout,
        fields,
        errors: Vec::new(),
        rejected: BTreeSet::new(),
    };
    let mut checked = Vec::with_capacity(total);
    let mut first_of: HashMap<String, u32> = HashMap::new();
    for (i, r) in data.iter().enumerate() {
        let raw = layout.raw(r);
        match parse_row(fields, &raw, &ctx) {
            Ok(row) => checked.push(Checked {
                number: r.number,
                row,
            }),
            Err(errs) => {
                for e in &errs {
                    problems.field_error(r.number, e);
                }
            }
        }
        if let Some(key) = raw_key(kind, &raw) {
            match first_of.get(&key) {
                Some(first) => problems.add(
                    r.number,
                    "uscc",
                    "import.duplicate_in_file",
                    vec![("row".into(), first.to_string())],
                ),
                None => {
                    first_of.insert(key, r.number);
                }
            }
        }
        if let Some(p) = progress
            && i % PROGRESS_EVERY == 0
        {
            p(ImportStage::Checking { done: i, total });
        }
    }
    drop(first_of);
    if let Some(p) = progress {
        p(ImportStage::Writing { total });
    }
    let tx = app.db().begin_write().await?;
    macro_rules! run {
        ($module:ident) => {{
            let plan = $module::plan(&tx, actor, &scope, checked, &options, &mut problems).await?;
            let counts = plan.counts();
            let blocked = options.mode == ImportMode::AllOrNothing && !problems.errors.is_empty();
            let write = !blocked && !options.dry_run && counts.created + counts.updated > 0;
            if write {
                plan.write(&tx, actor, meta).await?;
            }
            (if blocked { Counts::default() } else { counts }, write)
        }};
    }
    let (counts, written) = match kind {
        ImportKind::Enterprises => run!(enterprises),
        ImportKind::Financials => run!(financials),
        ImportKind::Honors => run!(honors),
        ImportKind::Figures => run!(figures),
    };
    if written {
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    if let Some(p) = progress {
        p(ImportStage::Finished { total });
    }
    let index = |e: &RowError| layout.index_of(&e.field).unwrap_or(usize::MAX);
    let mut errors = problems.errors;
    errors.sort_by_key(|e| (e.row, index(e)));
    let rejected = problems.rejected.len();
    tracing::info!(total, rejected, written, "import checked");
    Ok(ImportReport {
        kind,
        total,
        accepted: counts.created + counts.updated + counts.unchanged,
        rejected,
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        errors,
        dry_run: options.dry_run,
        written,
    })
}

/// The distinct codes of the checked rows.
pub(crate) fn codes(checked: &[Checked]) -> Vec<String> {
    let mut v: Vec<String> = checked
        .iter()
        .filter_map(|c| c.row.uscc().map(|u| u.to_string()))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}
