//! Importing yearly financials (key: 统一社会信用代码 and 年度).

use super::{Checked, Counts, Problems, codes};
use crate::enterprise::financial::{active_model, derive_size, values};
use crate::io::ImportOptions;
use crate::io::audit::AuditBatch;
use crate::{Actor, AppError, RequestMeta};
use policy::org::Scope;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, IntoActiveModel, TryIntoModel};
use std::collections::HashMap;
use store::ConnectionTrait;
use store::entity::{enterprise, financial};

/// One year to write.
struct Op {
    region: String,
    before: Option<financial::Model>,
    after: financial::Model,
    row: financial::ActiveModel,
}

/// The writes a financials file asks for.
pub(crate) struct Plan {
    ops: Vec<Op>,
    unchanged: usize,
    /// The enterprises of the rows, as read in the transaction.
    enterprises: HashMap<String, enterprise::Model>,
    /// Every stored year of those enterprises, as read in the transaction.
    existing: HashMap<(String, i32), financial::Model>,
}

/// Checks the rows against the database and the actor's scope.
pub(crate) async fn plan<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    scope: &Scope,
    checked: Vec<Checked>,
    options: &ImportOptions,
    problems: &mut Problems<'_>,
) -> Result<Plan, AppError> {
    let usccs = codes(&checked);
    let enterprises: HashMap<String, enterprise::Model> =
        store::enterprise::bulk::enterprises(conn, Some(scope), &usccs)
            .await?
            .into_iter()
            .map(|m| (m.uscc.clone(), m))
            .collect();
    let existing: HashMap<(String, i32), financial::Model> =
        store::enterprise::bulk::financials(conn, &usccs)
            .await?
            .into_iter()
            .map(|m| ((m.uscc.clone(), m.year), m))
            .collect();
    let mut plan = Plan {
        ops: Vec::with_capacity(checked.len()),
        unchanged: 0,
        enterprises: HashMap::new(),
        existing: HashMap::new(),
    };
    for c in checked {
        let (Some(uscc), Some(year)) = (c.row.uscc().map(|u| u.to_string()), c.row.int("year"))
        else {
            continue;
        };
        let Some(region) = enterprises.get(&uscc).map(|e| &e.region_code) else {
            problems.add(c.number, "uscc", "enterprise.not_found", Vec::new());
            continue;
        };
        let before = existing.get(&(uscc.clone(), year));
        if before.is_some() && !options.update_existing {
            problems.add(
                c.number,
                "year",
                "financial.exists",
                vec![("year".into(), year.to_string())],
            );
            continue;
        }
        if problems.is_rejected(c.number) {
            continue;
        }
        let Some(mut row) = active_model(&c.row, &actor.username) else {
            continue;
        };
        row.id = Set(before.map(|b| b.id).unwrap_or(0));
        let after = row.clone().try_into_model()?;
        row.id = NotSet;
        if before.is_some_and(|b| values(b) == values(&after)) {
            plan.unchanged += 1;
            continue;
        }
        plan.ops.push(Op {
            region: region.clone(),
            before: before.cloned(),
            after,
            row,
        });
    }
    plan.enterprises = enterprises;
    plan.existing = existing;
    Ok(plan)
}

impl Plan {
    /// What the plan would do.
    pub(crate) fn counts(&self) -> Counts {
        Counts::of(self.ops.iter().map(|o| o.before.is_some()), self.unchanged)
    }

    /// Writes the years, their audit entries and the size classes they imply.
    pub(crate) async fn write<C: ConnectionTrait>(
        self,
        conn: &C,
        actor: &Actor,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let mut audit = AuditBatch::with_capacity(self.ops.len());
        // Every year of the enterprises written to, as they will be: the stored years with the
        // written ones laid over them. The size classes are derived from these, with no
        // second read of what was just written.
        let mut years: HashMap<String, HashMap<i32, financial::Model>> = HashMap::new();
        for op in &self.ops {
            years.entry(op.after.uscc.clone()).or_default();
        }
        for ((uscc, year), m) in self.existing {
            if let Some(ys) = years.get_mut(&uscc) {
                ys.insert(year, m);
            }
        }
        for op in &self.ops {
            let (action, before) = match &op.before {
                Some(b) => ("financial.update", serde_json::Value::Object(values(b))),
                None => ("financial.create", serde_json::Value::Null),
            };
            audit.push(
                actor,
                meta,
                action,
                "financial",
                format!("{}/{}", op.after.uscc, op.after.year),
                Some(op.region.clone()),
                &before,
                &serde_json::Value::Object(values(&op.after)),
            )?;
            if let Some(ys) = years.get_mut(&op.after.uscc) {
                ys.insert(op.after.year, op.after.clone());
            }
        }
        let rows = self.ops.into_iter().map(|o| o.row).collect();
        store::enterprise::financial::upsert_many(conn, rows).await?;
        audit.write(conn).await?;
        refresh_sizes(conn, &self.enterprises, years).await
    }
}

/// Derives the size class of the enterprises whose years changed again (what
/// `refresh_size` does for one) from all their years, and writes the changed classes in bulk.
async fn refresh_sizes<C: ConnectionTrait>(
    conn: &C,
    enterprises: &HashMap<String, enterprise::Model>,
    years: HashMap<String, HashMap<i32, financial::Model>>,
) -> Result<(), AppError> {
    let rules = crate::enterprise::size_rules()?;
    let mut changed = Vec::new();
    for (uscc, ys) in years {
        let mut ys: Vec<financial::Model> = ys.into_values().collect();
        // Newest first, as `derive_size` reads them.
        ys.sort_by_key(|y| std::cmp::Reverse(y.year));
        let (Some((class, basis)), Some(e)) = (derive_size(&rules, &ys), enterprises.get(&uscc))
        else {
            continue;
        };
        if e.size_class.as_deref() != Some(class.as_str()) || e.size_basis != basis {
            let mut m = e.clone();
            m.size_class = Some(class);
            m.size_basis = basis;
            changed.push(m.into_active_model().reset_all());
        }
    }
    store::enterprise::bulk::upsert_enterprises(conn, changed).await?;
    Ok(())
}
