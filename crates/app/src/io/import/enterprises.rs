//! Importing enterprise profiles (key: 统一社会信用代码).

use super::{Checked, Counts, Problems, codes};
use crate::enterprise::parse::Value;
use crate::enterprise::profile::{apply, audit_json};
use crate::io::ImportOptions;
use crate::io::audit::AuditBatch;
use crate::{Actor, AppError, RequestMeta};
use chrono::Utc;
use policy::enterprise::Uscc;
use policy::org::{RegionCode, Scope};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, IntoActiveModel, TryIntoModel};
use std::collections::HashMap;
use store::ConnectionTrait;
use store::entity::enterprise;

/// One record to write.
struct Op {
    before: Option<enterprise::Model>,
    after: enterprise::Model,
}

/// The writes an enterprise file asks for.
pub(crate) struct Plan {
    ops: Vec<Op>,
    unchanged: usize,
}

/// A new enterprise from a checked row (what `create_enterprise` stores).
fn new_model(uscc: &str, c: &Checked) -> Result<enterprise::Model, AppError> {
    let mut am = enterprise::ActiveModel {
        uscc: Set(uscc.to_string()),
        created_at: Set(Utc::now()),
        size_class: Set(None),
        size_basis: Set(String::new()),
        capabilities: Set("{}".into()),
        status_date: Set(None),
        status_reason: Set(String::new()),
        ..Default::default()
    };
    apply(&mut am, &c.row);
    Ok(am.try_into_model()?)
}

fn in_scope(scope: &Scope, m: &enterprise::Model) -> bool {
    scope.admits(
        RegionCode::parse(&m.region_code).ok().as_ref(),
        Uscc::parse(&m.uscc).ok().as_ref(),
        None,
    )
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
        if let Value::Region(r) = c.row.get("region_code")
            && !scope.admits(Some(r), None, None)
        {
            problems.add(
                c.number,
                "region_code",
                "region.out_of_scope",
                vec![("code".into(), r.to_string())],
            );
        }
    }
    let existing: HashMap<String, enterprise::Model> =
        store::enterprise::bulk::enterprises(conn, None, &codes(&checked))
            .await?
            .into_iter()
            .map(|m| (m.uscc.clone(), m))
            .collect();
    let mut plan = Plan {
        ops: Vec::with_capacity(checked.len()),
        unchanged: 0,
    };
    for c in checked {
        let Some(uscc) = c.row.uscc().map(|u| u.to_string()) else {
            continue;
        };
        if problems.is_rejected(c.number) {
            continue;
        }
        match existing.get(&uscc) {
            None => plan.ops.push(Op {
                before: None,
                after: new_model(&uscc, &c)?,
            }),
            Some(_) if !options.update_existing => {
                problems.add(c.number, "uscc", "enterprise.exists", Vec::new());
            }
            Some(current) if !in_scope(scope, current) => {
                problems.add(c.number, "uscc", "enterprise.out_of_scope", Vec::new());
            }
            Some(current) => {
                let mut am = current.clone().into_active_model();
                apply(&mut am, &c.row);
                let after = am.try_into_model()?;
                if audit_json(&after) == audit_json(current) {
                    plan.unchanged += 1;
                } else {
                    plan.ops.push(Op {
                        before: Some(current.clone()),
                        after,
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

    /// Writes the records and their audit entries.
    pub(crate) async fn write<C: ConnectionTrait>(
        self,
        conn: &C,
        actor: &Actor,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let rows = self
            .ops
            .iter()
            .map(|o| o.after.clone().into_active_model().reset_all())
            .collect();
        store::enterprise::bulk::upsert_enterprises(conn, rows).await?;
        let mut audit = AuditBatch::with_capacity(self.ops.len());
        for op in &self.ops {
            let (action, before) = match &op.before {
                Some(b) => ("enterprise.update", audit_json(b)),
                None => ("enterprise.create", serde_json::Value::Null),
            };
            audit.push(
                actor,
                meta,
                action,
                "enterprise",
                op.after.uscc.clone(),
                Some(op.after.region_code.clone()),
                &before,
                &audit_json(&op.after),
            )?;
        }
        audit.write(conn).await
    }
}
