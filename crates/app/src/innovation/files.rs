//! Files of competition projects (business plan, slides, roadshow video) and of challenge
//! applications (the plan and its annexes), in the shared attachment store
//! (`crate::attachment`) with the rule file's `[attachments]` limits.
//!
//! Who reaches them:
//! - a **project**'s files are added by its team (the registering user, or the enterprise of a
//!   start-up enterprise project) while registration is open, and by organisers in scope while
//!   the competition is still registering (they may register late entries too); once judging
//!   starts they are what the judges score, so they are locked. They are read by the team,
//!   the organisers in scope and the judges assigned to the project in any round.
//! - a **challenge application**'s files are added by the applying team while the challenge
//!   still takes applications and the application is as submitted; they are read by the team,
//!   the posting enterprise, the reviewers (`challenge:manage`) in scope and, once review has
//!   started, the judges — the same readers who see the application in full.
//!
//! Everyone else gets `NotFound`, as for a file that does not exist.

use super::challenge::state_of;
use crate::attachment::{self, FileView, FilesView, Owner, OwnerKind};
use crate::{Actor, App, AppError, RequestMeta};
use policy::attachment::AttachmentRules;
use policy::enterprise::Uscc;
use policy::innovation::ChallengeState;
use policy::org::{Permission, RegionCode};
use store::ConnectionTrait;
use store::entity::{competition, competition_project};

/// The files of competition projects.
pub(crate) struct ProjectFiles;

/// The files of challenge applications.
pub(crate) struct ApplicationFiles;

fn innovation_limits() -> Result<AttachmentRules, AppError> {
    Ok(super::innovation_rules()?.attachments)
}

async fn project_and_competition<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<(competition_project::Model, competition::Model), AppError> {
    let p = store::innovation::competition::project(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = store::innovation::competition::find(conn, p.competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((p, c))
}

/// Whether the actor organises the competition (`competition:manage` reaching its region).
fn organises(actor: &Actor, c: &competition::Model) -> bool {
    let region = RegionCode::parse(&c.region_code).ok();
    actor
        .scope(Permission::COMPETITION_MANAGE)
        .is_ok_and(|s| s.admits(region.as_ref(), None, None))
}

/// Whether the actor is the project's team: the user who registered it, or (a start-up
/// enterprise project) a user of that enterprise, through `competition:register`'s scope.
fn is_team(actor: &Actor, p: &competition_project::Model) -> bool {
    let uscc = p
        .enterprise_uscc
        .as_deref()
        .and_then(|u| Uscc::parse(u).ok());
    actor
        .scope(Permission::COMPETITION_REGISTER)
        .is_ok_and(|s| s.admits(None, uscc.as_ref(), p.registered_by))
}

fn owner_of(p: &competition_project::Model, c: &competition::Model) -> Owner {
    Owner {
        id: p.id,
        region_code: c.region_code.clone(),
    }
}

impl OwnerKind for ProjectFiles {
    const KIND: &'static str = "competition_project";
    const AUDIT: &'static str = "competition_attachment";
    const READ: Permission = Permission::INNOVATION_READ;

    fn rules() -> Result<AttachmentRules, AppError> {
        innovation_limits()
    }

    async fn writable<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
    ) -> Result<Owner, AppError> {
        if !actor.can(Permission::COMPETITION_MANAGE) {
            actor.require(Permission::COMPETITION_REGISTER)?;
        }
        let (p, c) = project_and_competition(conn, id).await?;
        let organiser = organises(actor, &c);
        if !organiser && !is_team(actor, &p) {
            return Err(AppError::NotFound);
        }
        let today = super::today();
        let open = c.stage == "registration"
            && c.registration_opens <= today
            && today <= c.registration_closes;
        if !(open || organiser && c.stage == "registration") {
            return Err(AppError::Conflict("competition.files_locked".into()));
        }
        Ok(owner_of(&p, &c))
    }

    async fn readable<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
    ) -> Result<Owner, AppError> {
        let (p, c) = project_and_competition(conn, id).await?;
        if organises(actor, &c) || is_team(actor, &p) {
            return Ok(owner_of(&p, &c));
        }
        if actor.can(Permission::INNOVATION_JUDGE)
            && !actor.is_system()
            && let Some(e) =
                store::innovation::competition::expert_of_user(conn, actor.user_id).await?
            && store::innovation::competition::is_assigned(conn, p.id, e.id).await?
        {
            return Ok(owner_of(&p, &c));
        }
        Err(AppError::NotFound)
    }
}

/// The application, its challenge (visible to the actor) and whether the actor is its team.
async fn application_in_reach<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i64,
) -> Result<
    (
        store::entity::challenge_application::Model,
        store::entity::challenge::Model,
        bool,
    ),
    AppError,
> {
    let scope = actor.scope(Permission::INNOVATION_READ)?;
    let a = store::innovation::challenge::application(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = store::innovation::challenge::find(conn, &scope, a.challenge_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let team = actor.can(Permission::CHALLENGE_APPLY)
        && !actor.is_system()
        && store::innovation::team::of_user(conn, actor.user_id)
            .await?
            .is_some_and(|t| t.id == a.team_id);
    Ok((a, c, team))
}

impl OwnerKind for ApplicationFiles {
    const KIND: &'static str = "challenge_application";
    const AUDIT: &'static str = "challenge_attachment";
    const READ: Permission = Permission::INNOVATION_READ;

    fn rules() -> Result<AttachmentRules, AppError> {
        innovation_limits()
    }

    async fn writable<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
    ) -> Result<Owner, AppError> {
        actor.require(Permission::CHALLENGE_APPLY)?;
        let (a, c, team) = application_in_reach(conn, actor, id).await?;
        if !team {
            return Err(AppError::NotFound);
        }
        if !state_of(&c)?.accepts_applications()
            || super::today() > c.deadline
            || a.status != "submitted"
        {
            return Err(AppError::Conflict("challenge.files_locked".into()));
        }
        Ok(Owner {
            id: a.id,
            region_code: c.region_code,
        })
    }

    async fn readable<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
    ) -> Result<Owner, AppError> {
        let (a, c, team) = application_in_reach(conn, actor, id).await?;
        let region = RegionCode::parse(&c.region_code).ok();
        let uscc = Uscc::parse(&c.enterprise_uscc).ok();
        let reviewer = actor
            .scope(Permission::CHALLENGE_MANAGE)
            .is_ok_and(|s| s.admits(region.as_ref(), uscc.as_ref(), None));
        let poster = match actor.scope(Permission::CHALLENGE_POST) {
            Ok(s) => store::innovation::challenge::find_in_scope(conn, &s, c.id)
                .await?
                .is_some(),
            Err(_) => false,
        };
        let judge = actor.can(Permission::INNOVATION_JUDGE)
            && !matches!(
                state_of(&c)?,
                ChallengeState::Draft
                    | ChallengeState::Submitted
                    | ChallengeState::Returned
                    | ChallengeState::Published
            );
        if !(team || reviewer || poster || judge) {
            return Err(AppError::NotFound);
        }
        Ok(Owner {
            id: a.id,
            region_code: c.region_code,
        })
    }
}

/// Stores a file of competition project `id` (multipart upload from its page or the API).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn upload_project_file(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> Result<FileView, AppError> {
    attachment::upload::<ProjectFiles>(app, actor, meta, id, name, bytes).await
}

/// The files of competition project `id`, for its team, organisers and assigned judges.
pub async fn list_project_files(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<Vec<FileView>, AppError> {
    attachment::list::<ProjectFiles>(app, actor, id).await
}

/// The files of project `id` as its page shows them, with whether the reader may upload.
pub async fn project_files(app: &App, actor: &Actor, id: i64) -> Result<FilesView, AppError> {
    attachment::files_of::<ProjectFiles>(app, actor, id).await
}

/// One file of a competition project with its bytes; audited.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn download_project_file(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    file_id: i64,
) -> Result<(FileView, Vec<u8>), AppError> {
    attachment::download::<ProjectFiles>(app, actor, meta, file_id).await
}

/// Stores a file of challenge application `id` (the applying team, while it is editable).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn upload_application_file(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> Result<FileView, AppError> {
    attachment::upload::<ApplicationFiles>(app, actor, meta, id, name, bytes).await
}

/// The files of challenge application `id`.
pub async fn list_application_files(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<Vec<FileView>, AppError> {
    attachment::list::<ApplicationFiles>(app, actor, id).await
}

/// The files of application `id` as the challenge page shows them.
pub async fn application_files(app: &App, actor: &Actor, id: i64) -> Result<FilesView, AppError> {
    attachment::files_of::<ApplicationFiles>(app, actor, id).await
}

/// One file of a challenge application with its bytes; audited.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn download_application_file(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    file_id: i64,
) -> Result<(FileView, Vec<u8>), AppError> {
    attachment::download::<ApplicationFiles>(app, actor, meta, file_id).await
}
