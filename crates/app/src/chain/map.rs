//! Editing the chain map (for the chain office and the county): adding, moving, renaming and
//! removing nodes, attaching enterprises to nodes in a role and detaching them. Every edit is
//! audited on the chain (`entity_type` `chain`), so the chain's history shows its map's.

use super::record::chain_in;
use super::{field, text};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::Utc;
use policy::chain::map::{TreeNode, check_move, descendants};
use policy::chain::{EnterpriseRole, NodeKind, Segment};
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Deserialize;
use serde_json::json;
use store::entity::{chain, chain_node, chain_node_enterprise};

/// A node as typed in (adding one, or editing one: every field is written).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NodeForm {
    /// The parent node; none to sit directly under a segment.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// `upstream`, `midstream` or `downstream`: needed directly under a segment, otherwise
    /// taken from the parent.
    #[serde(default)]
    pub segment: Option<String>,
    /// `node` (环节, the default) or `product` (产品).
    #[serde(default)]
    pub kind: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Position among its siblings (smaller first).
    #[serde(default)]
    pub position: Option<i32>,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// An enterprise to attach to a node.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct AttachForm {
    /// The enterprise.
    #[serde(default)]
    pub enterprise_uscc: String,
    /// `lead` (链主), `backbone` (骨干) or `supplier` (配套).
    #[serde(default)]
    pub role: String,
    /// Note.
    #[serde(default)]
    pub note: String,
}

fn node_json(n: &chain_node::Model) -> serde_json::Value {
    json!({"node_id": n.id, "parent_id": n.parent_id, "segment": n.segment, "kind": n.kind,
        "name": n.name, "position": n.position, "note": n.note})
}

async fn audit(
    tx: &store::DatabaseTransaction,
    actor: &Actor,
    meta: &RequestMeta,
    c: &chain::Model,
    action: &str,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<(), AppError> {
    record(
        tx,
        actor,
        meta,
        AuditRecord {
            action,
            entity_type: "chain",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before,
            after,
        },
    )
    .await
    .map(|_| ())
}

/// The checked parts of a node form: (parent, segment, kind, name, note).
struct CheckedNode {
    parent: Option<chain_node::Model>,
    segment: Segment,
    kind: NodeKind,
    name: String,
    note: String,
}

async fn check_node(
    app: &App,
    scope: &policy::org::Scope,
    c: &chain::Model,
    form: &NodeForm,
) -> Result<CheckedNode, AppError> {
    let mut errors = Vec::new();
    let name = text(&mut errors, "name", &form.name, true, 100);
    let note = text(&mut errors, "note", &form.note, false, 500);
    let kind = match form
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        None => Some(NodeKind::Node),
        Some(k) => NodeKind::parse(k)
            .map_err(|e| errors.push(field("kind", e)))
            .ok(),
    };
    let parent = match form.parent_id {
        Some(p) => {
            let found = store::chain::map::find_node(app.db().conn(), scope, c.id, p).await?;
            if found.is_none() {
                errors.push(FieldError::new("parent_id", "chain.parent_unknown"));
            }
            found
        }
        None => None,
    };
    let segment = match (&parent, form.segment.as_deref().map(str::trim)) {
        (Some(p), _) => Segment::parse(&p.segment).ok(),
        (None, Some(s)) if !s.is_empty() => Segment::parse(s)
            .map_err(|e| errors.push(field("segment", e)))
            .ok(),
        (None, _) => {
            if form.parent_id.is_none() {
                errors.push(FieldError::new("segment", "common.required"));
            }
            None
        }
    };
    match (segment, kind) {
        (Some(segment), Some(kind)) if errors.is_empty() => Ok(CheckedNode {
            parent,
            segment,
            kind,
            name,
            note,
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Adds a node to a chain's map.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn add_node(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    form: NodeForm,
) -> Result<chain_node::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, chain_id).await?;
    let v = check_node(app, &scope, &c, &form).await?;
    let tx = app.db().begin_write().await?;
    let n = store::chain::map::insert_node(
        &tx,
        chain_node::ActiveModel {
            chain_id: Set(c.id),
            parent_id: Set(v.parent.map(|p| p.id)),
            segment: Set(v.segment.as_str().into()),
            kind: Set(v.kind.as_str().into()),
            name: Set(v.name),
            position: Set(form.position.unwrap_or(0)),
            note: Set(v.note),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    audit(
        &tx,
        actor,
        meta,
        &c,
        "chain.node.add",
        serde_json::Value::Null,
        node_json(&n),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// Renames, moves or re-kinds a node. A node moved under another takes that node's segment,
/// with its whole subtree; it cannot move under itself or its own descendants.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn update_node(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    node_id: i64,
    form: NodeForm,
) -> Result<chain_node::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, chain_id).await?;
    let conn = app.db().conn();
    let current = store::chain::map::find_node(conn, &scope, c.id, node_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let v = check_node(app, &scope, &c, &form).await?;
    let nodes = store::chain::map::nodes_of(conn, &scope, c.id).await?;
    let tree: Vec<TreeNode> = nodes
        .iter()
        .map(|n| TreeNode {
            id: n.id,
            parent: n.parent_id,
        })
        .collect();
    check_move(&tree, node_id, v.parent.as_ref().map(|p| p.id))
        .map_err(|e| AppError::Invalid(vec![field("parent_id", e)]))?;
    let before = node_json(&current);
    let mut am = current.clone().into_active_model();
    am.parent_id = Set(v.parent.as_ref().map(|p| p.id));
    am.segment = Set(v.segment.as_str().into());
    am.kind = Set(v.kind.as_str().into());
    am.name = Set(v.name);
    am.position = Set(form.position.unwrap_or(current.position));
    am.note = Set(v.note);
    let tx = app.db().begin_write().await?;
    let n = store::chain::map::update_node(&tx, am).await?;
    if n.segment != current.segment {
        let below: Vec<i64> = descendants(&tree, node_id).into_iter().collect();
        store::chain::map::set_segment(&tx, c.id, &below, &n.segment).await?;
    }
    audit(
        &tx,
        actor,
        meta,
        &c,
        "chain.node.update",
        before,
        node_json(&n),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// Removes a node with the enterprise links on it (named in the audit record). A node with
/// child nodes or investment targets is refused: move or remove those first.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn remove_node(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    node_id: i64,
) -> Result<(), AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, chain_id).await?;
    // Read inside the write transaction: a child added meanwhile must refuse the removal.
    let tx = app.db().begin_write().await?;
    let conn = &tx;
    let current = store::chain::map::find_node(conn, &scope, c.id, node_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let nodes = store::chain::map::nodes_of(conn, &scope, c.id).await?;
    if nodes.iter().any(|n| n.parent_id == Some(node_id)) {
        return Err(AppError::invalid("node", "chain.node_has_children"));
    }
    if store::chain::investment::count_on_node(conn, node_id).await? > 0 {
        return Err(AppError::invalid("node", "chain.node_has_targets"));
    }
    let links: Vec<_> = store::chain::map::links_with_facts(conn, &scope, c.id)
        .await?
        .into_iter()
        .map(|(l, _)| l)
        .filter(|l| l.node_id == node_id)
        .map(|l| json!({"enterprise_uscc": l.enterprise_uscc, "role": l.role}))
        .collect();
    let mut before = node_json(&current);
    before["enterprises"] = json!(links);
    store::chain::map::delete_node(&tx, c.id, node_id).await?;
    audit(
        &tx,
        actor,
        meta,
        &c,
        "chain.node.remove",
        before,
        serde_json::Value::Null,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Attaches an enterprise (in the actor's scope) to a node in a role; attaching it again
/// changes its role.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn attach_enterprise(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    node_id: i64,
    form: AttachForm,
) -> Result<chain_node_enterprise::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, chain_id).await?;
    let conn = app.db().conn();
    let node = store::chain::map::find_node(conn, &scope, c.id, node_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let role = EnterpriseRole::parse(&form.role)
        .map_err(|e| errors.push(field("role", e)))
        .ok();
    let note = text(&mut errors, "note", &form.note, false, 200);
    let uscc = match policy::enterprise::Uscc::parse(form.enterprise_uscc.trim()) {
        Ok(u) => Some(u),
        Err(e) => {
            errors.push(FieldError::uscc("enterprise_uscc", &e));
            None
        }
    };
    let enterprise = match &uscc {
        Some(u) => {
            let e = store::enterprise::profile::find(conn, &scope, u.as_str()).await?;
            if e.is_none() {
                errors.push(FieldError::new(
                    "enterprise_uscc",
                    "ticket.enterprise_not_found",
                ));
            }
            e
        }
        None => None,
    };
    let (Some(role), Some(e), true) = (role, enterprise, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let existing = store::chain::map::find_link(conn, c.id, node.id, &e.uscc).await?;
    let after = json!({"node_id": node.id, "node": node.name, "enterprise_uscc": e.uscc,
        "enterprise": e.name, "role": role.as_str(), "note": note});
    let tx = app.db().begin_write().await?;
    let (link, action, before) = match existing {
        Some(l) => {
            let before = json!({"node_id": node.id, "node": node.name,
                "enterprise_uscc": l.enterprise_uscc, "enterprise": e.name, "role": l.role,
                "note": l.note});
            let mut am = l.into_active_model();
            am.role = Set(role.as_str().into());
            am.note = Set(note);
            (
                store::chain::map::update_link(&tx, am).await?,
                "chain.node.role",
                before,
            )
        }
        None => (
            store::chain::map::insert_link(
                &tx,
                chain_node_enterprise::ActiveModel {
                    chain_id: Set(c.id),
                    node_id: Set(node.id),
                    enterprise_uscc: Set(e.uscc.clone()),
                    role: Set(role.as_str().into()),
                    note: Set(note),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                },
            )
            .await?,
            "chain.node.attach",
            serde_json::Value::Null,
        ),
    };
    audit(&tx, actor, meta, &c, action, before, after).await?;
    tx.commit().await?;
    Ok(link)
}

/// Detaches an enterprise from a node.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn detach_enterprise(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    node_id: i64,
    uscc: &str,
) -> Result<(), AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, chain_id).await?;
    let conn = app.db().conn();
    let node = store::chain::map::find_node(conn, &scope, c.id, node_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let link = store::chain::map::find_link(conn, c.id, node.id, uscc.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let before = json!({"node_id": node.id, "node": node.name,
        "enterprise_uscc": link.enterprise_uscc, "role": link.role, "note": link.note});
    let tx = app.db().begin_write().await?;
    store::chain::map::delete_link(&tx, link.id).await?;
    audit(
        &tx,
        actor,
        meta,
        &c,
        "chain.node.detach",
        before,
        serde_json::Value::Null,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
