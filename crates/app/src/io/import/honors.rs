//! Importing honors (key: 统一社会信用代码, 称号, 级别 and 年度).

use super::{Checked, Counts, Problems, codes};
use crate::enterprise::honor::{active_model, check_dates, view};
use crate::io::ImportOptions;
use crate::io::audit::AuditBatch;
use crate::{Actor, AppError, RequestMeta};
use policy::org::Scope;
use sea_orm::ActiveValue::Set;
use sea_orm::{IntoActiveModel, TryIntoModel};
use std::collections::HashMap;
use store::ConnectionTrait;
use store::entity::honor;

type Key = (String, String, String, i32);

/// One honor to write.
struct Op {
    region: String,
    before: Option<honor::Model>,
    row: honor::ActiveModel,
    /// The stored record after an update (unknown id before a create).
    after: Option<honor::Model>,
}

/// The writes an honors file asks for.
pub(crate) struct Plan {
    ops: Vec<Op>,
    unchanged: usize,
}

fn json(m: &honor::Model) -> serde_json::Value {
    serde_json::to_value(view(m)).unwrap_or_default()
}

/// Checks the rows against the database and the actor's scope.
pub(crate) async fn plan<C: ConnectionTrait>(
    conn: &C,
    _actor: &Actor,
    scope: &Scope,
    checked: Vec<Checked>,
    options: &ImportOptions,
    problems: &mut Problems<'_>,
) -> Result<Plan, AppError> {
    for c in &checked {
        if let Err(AppError::Invalid(errs)) = check_dates(&c.row) {
            for e in &errs {
                problems.field_error(c.number, e);
            }
        }
    }
    let usccs = codes(&checked);
    let enterprises: HashMap<String, String> =
        store::enterprise::bulk::enterprises(conn, Some(scope), &usccs)
            .await?
            .into_iter()
            .map(|m| (m.uscc, m.region_code))
            .collect();
    let mut existing: HashMap<Key, honor::Model> = HashMap::new();
    for m in store::enterprise::bulk::honors(conn, &usccs).await? {
        existing
            .entry((m.uscc.clone(), m.title.clone(), m.level.clone(), m.year))
            .or_insert(m);
    }
    let mut plan = Plan {
        ops: Vec::with_capacity(checked.len()),
        unchanged: 0,
    };
    for c in checked {
        let Some(row) = active_model(&c.row) else {
            continue;
        };
        let (uscc, title, level, year) = match (&row.uscc, &row.title, &row.level, &row.year) {
            (Set(u), Set(t), Set(l), Set(y)) => (u.clone(), t.clone(), l.clone(), *y),
            _ => continue,
        };
        let Some(region) = enterprises.get(&uscc) else {
            problems.add(c.number, "uscc", "enterprise.not_found", Vec::new());
            continue;
        };
        let before = existing.get(&(uscc, title, level, year));
        if before.is_some() && !options.update_existing {
            problems.add(c.number, "title", "honor.exists", Vec::new());
            continue;
        }
        if problems.is_rejected(c.number) {
            continue;
        }
        match before {
            None => plan.ops.push(Op {
                region: region.clone(),
                before: None,
                row,
                after: None,
            }),
            Some(current) => {
                let mut am = current.clone().into_active_model();
                am.batch = row.batch;
                am.certificate_no = row.certificate_no;
                am.valid_from = row.valid_from;
                am.valid_to = row.valid_to;
                am.status = row.status;
                am.source_document = row.source_document;
                let after = am.clone().try_into_model()?;
                if json(&after) == json(current) {
                    plan.unchanged += 1;
                } else {
                    plan.ops.push(Op {
                        region: region.clone(),
                        before: Some(current.clone()),
                        row: am,
                        after: Some(after),
                    });
                }
            }
        }
    }
    Ok(plan)
}

impl Plan {
    /// What the plan would do.
    pub(crate) fn counts(&self) -> Counts {
        Counts::of(self.ops.iter().map(|o| o.before.is_some()), self.unchanged)
    }

    /// Writes the honors and their audit entries (one statement each: an honor's id is its
    /// audit entity id).
    pub(crate) async fn write<C: ConnectionTrait>(
        self,
        conn: &C,
        actor: &Actor,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let mut audit = AuditBatch::with_capacity(self.ops.len());
        for op in self.ops {
            let (action, before, saved) = match (&op.before, op.after) {
                (Some(b), Some(_)) => (
                    "honor.update",
                    json(b),
                    store::enterprise::honor::update(conn, op.row).await?,
                ),
                _ => (
                    "honor.create",
                    serde_json::Value::Null,
                    store::enterprise::honor::insert(conn, op.row).await?,
                ),
            };
            audit.push(
                actor,
                meta,
                action,
                "honor",
                saved.id.to_string(),
                Some(op.region),
                &before,
                &json(&saved),
            )?;
        }
        audit.write(conn).await
    }
}
