//! Files of competition projects and challenge applications: who reaches them (the team,
//! organisers and reviewers in scope, assigned judges, the posting enterprise; everyone else
//! `NotFound`), when they lock, the limits and the recognition by content, and the audit.

use super::*;
use crate::test_support::{demo_actor, on_each_demo};
use crate::{App, AppError, RequestMeta};
use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

fn meta() -> RequestMeta {
    RequestMeta::cli("test")
}

const PDF: &[u8] = b"%PDF-1.4\n% plan\n";

fn not_found<T: std::fmt::Debug>(r: Result<T, AppError>) {
    assert!(matches!(r, Err(AppError::NotFound)), "{r:?}");
}

fn locked<T: std::fmt::Debug>(r: Result<T, AppError>, key: &str) {
    assert!(
        matches!(r, Err(AppError::Conflict(ref k)) if k == key),
        "{r:?}"
    );
}

fn refused<T: std::fmt::Debug>(r: Result<T, AppError>, key: &str) {
    assert!(
        matches!(r, Err(AppError::Invalid(ref f)) if f[0].field == "file" && f[0].key == key),
        "{r:?}"
    );
}

/// A ZIP with the entries of a Word document (names only: enough to be recognised).
fn docx() -> Vec<u8> {
    let mut b = b"PK\x03\x04".to_vec();
    b.extend_from_slice(&[0; 26]);
    b.extend_from_slice(b"[Content_Types].xmlPK\x03\x04word/document.xml");
    b
}

async fn audited(app: &App, action: &str, entity_id: i64) -> Vec<String> {
    store::entity::audit_log::Entity::find()
        .filter(store::entity::audit_log::Column::Action.eq(action))
        .filter(store::entity::audit_log::Column::EntityId.eq(entity_id.to_string()))
        .all(app.db().conn())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.diff)
        .collect()
}

/// A competition of the city open for registration today, judged by the whole pool (15).
async fn open_competition(app: &App) -> CompetitionView {
    let admin = demo_actor(app, "admin").await;
    let today = today();
    create_competition(
        app,
        &admin,
        &meta(),
        CompetitionForm {
            title: "附件测试大赛".into(),
            year: Some(2026),
            organisers: "市科技局".into(),
            region_code: "371500".into(),
            registration_opens: today.checked_sub_days(chrono::Days::new(1)),
            registration_closes: today.checked_add_days(chrono::Days::new(10)),
            judges_per_project: Some(15),
        },
    )
    .await
    .unwrap()
}

fn project_form() -> ProjectForm {
    ProjectForm {
        track: "startup_project".into(),
        title: "铸件缺陷视觉检测".into(),
        team_name: "附件测试团队".into(),
        employer: "附件测试学院".into(),
        members: vec![MemberForm {
            name: "甲".into(),
            role: "负责人".into(),
            employer: "附件测试学院".into(),
        }],
        description: "在线检测".into(),
        stage: "prototype".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn project_files_reach_the_team_organisers_and_assigned_judges_only() {
    on_each_demo(|app| async move {
        let admin = demo_actor(&app, "admin").await;
        let team = demo_actor(&app, "research").await;
        let other_team = demo_actor(&app, "research2").await;
        let expert = demo_actor(&app, "expert").await;
        let county = demo_actor(&app, "county.yanggu").await;
        let c = open_competition(&app).await;
        let p = register_project(&app, &team, &meta(), c.id, project_form())
            .await
            .unwrap();
        // The team uploads its plan; the kind comes from the content, not the name.
        let plan = upload_project_file(
            &app,
            &team,
            &meta(),
            p.id,
            "C:\\计划\\商业计划书.pdf",
            PDF.to_vec(),
        )
        .await
        .unwrap();
        assert_eq!(
            (plan.name.as_str(), plan.content_type.as_str()),
            ("商业计划书.pdf", "application/pdf")
        );
        let word = upload_project_file(&app, &team, &meta(), p.id, "预算.bin", docx())
            .await
            .unwrap();
        assert!(
            word.content_type.contains("wordprocessingml"),
            "{}",
            word.content_type
        );
        refused(
            upload_project_file(
                &app,
                &team,
                &meta(),
                p.id,
                "伪装.pdf",
                b"MZ\x90\x00".to_vec(),
            )
            .await,
            "attachment.kind",
        );
        refused(
            upload_project_file(&app, &team, &meta(), p.id, "空.pdf", Vec::new()).await,
            "attachment.empty",
        );
        let mut big = PDF.to_vec();
        big.resize(20 * 1024 * 1024 + 1, b' ');
        refused(
            upload_project_file(&app, &team, &meta(), p.id, "大.pdf", big).await,
            "attachment.too_large",
        );
        // The team and the organisers read them; another team, a county and a judge not (yet)
        // assigned find nothing.
        assert_eq!(
            list_project_files(&app, &team, p.id).await.unwrap().len(),
            2
        );
        let (f, bytes) = download_project_file(&app, &admin, &meta(), plan.id)
            .await
            .unwrap();
        assert_eq!((f.name.as_str(), bytes.as_slice()), ("商业计划书.pdf", PDF));
        for who in [&other_team, &county, &expert] {
            not_found(list_project_files(&app, who, p.id).await);
            not_found(download_project_file(&app, who, &meta(), plan.id).await);
        }
        not_found(
            upload_project_file(&app, &other_team, &meta(), p.id, "x.pdf", PDF.to_vec()).await,
        );
        assert!(
            !project_files(&app, &other_team, p.id)
                .await
                .unwrap()
                .may_read
        );
        assert!(project_files(&app, &team, p.id).await.unwrap().may_upload);
        // Upload and download are audited with name, size and digest, never the bytes.
        let up = audited(&app, "competition_attachment.upload", p.id).await;
        assert_eq!(up.len(), 2, "{up:?}");
        assert!(
            up[0].contains("商业计划书.pdf")
                && up[0].contains("sha256")
                && !up[0].contains("% plan"),
            "{}",
            up[0]
        );
        assert_eq!(
            audited(&app, "competition_attachment.download", p.id)
                .await
                .len(),
            1
        );

        // The window closes: the team is locked out, the organisers may still add (late
        // entries are theirs to register).
        let mut row = store::innovation::competition::find(app.db().conn(), c.id)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        row.registration_closes = Set(today().checked_sub_days(chrono::Days::new(1)).unwrap());
        store::innovation::update(app.db().conn(), row)
            .await
            .unwrap();
        locked(
            upload_project_file(&app, &team, &meta(), p.id, "晚.pdf", PDF.to_vec()).await,
            "competition.files_locked",
        );
        assert!(!project_files(&app, &team, p.id).await.unwrap().may_upload);
        upload_project_file(&app, &admin, &meta(), p.id, "补充.pdf", PDF.to_vec())
            .await
            .unwrap();
        // Judging starts: every judge of the pool is assigned, and now reads the files; nobody
        // may change them any more.
        assign_round(&app, &admin, &meta(), c.id, "preliminary")
            .await
            .unwrap();
        assert_eq!(
            list_project_files(&app, &expert, p.id).await.unwrap().len(),
            3
        );
        download_project_file(&app, &expert, &meta(), plan.id)
            .await
            .unwrap();
        locked(
            upload_project_file(&app, &admin, &meta(), p.id, "再.pdf", PDF.to_vec()).await,
            "competition.files_locked",
        );
        // A project file is not a challenge application's, nor a talent application's.
        not_found(download_application_file(&app, &admin, &meta(), plan.id).await);
        not_found(crate::talent::download_file(&app, &admin, &meta(), plan.id).await);
    })
    .await;
}

#[tokio::test]
async fn a_project_takes_at_most_the_rule_files_count() {
    on_each_demo(|app| async move {
        let team = demo_actor(&app, "research").await;
        let c = open_competition(&app).await;
        let p = register_project(&app, &team, &meta(), c.id, project_form())
            .await
            .unwrap();
        let max = innovation_rules().unwrap().attachments.max_files;
        for i in 0..max {
            upload_project_file(
                &app,
                &team,
                &meta(),
                p.id,
                &format!("{i}.pdf"),
                PDF.to_vec(),
            )
            .await
            .unwrap();
        }
        refused(
            upload_project_file(&app, &team, &meta(), p.id, "多.pdf", PDF.to_vec()).await,
            "attachment.too_many",
        );
    })
    .await;
}

#[tokio::test]
async fn application_files_reach_the_team_poster_reviewers_and_judges_in_review() {
    on_each_demo(|app| async move {
        let admin = demo_actor(&app, "admin").await;
        let ent = demo_actor(&app, "enterprise").await;
        let team = demo_actor(&app, "research").await;
        let other_team = demo_actor(&app, "research2").await;
        let expert = demo_actor(&app, "expert").await;
        let county = demo_actor(&app, "county.yanggu").await;
        let leader = demo_actor(&app, "leader").await;
        let form = super::tests::posting("100", ["30", "30", "40"]);
        let c = post_challenge(&app, &ent, &meta(), form).await.unwrap();
        let act = |action: &str| ChallengeActionForm {
            action: action.into(),
            ..Default::default()
        };
        act_on_challenge(&app, &admin, &meta(), c.id, act("publish"))
            .await
            .unwrap();
        let v = apply_to_challenge(
            &app,
            &team,
            &meta(),
            c.id,
            ApplicationForm {
                plan: "视觉检测".into(),
            },
        )
        .await
        .unwrap();
        let a = v.applications[0].id;
        let f = upload_application_file(&app, &team, &meta(), a, "揭榜方案.pdf", PDF.to_vec())
            .await
            .unwrap();
        refused(
            upload_application_file(&app, &team, &meta(), a, "方案.pdf", b"plain text".to_vec())
                .await,
            "attachment.kind",
        );
        // The team, the posting enterprise and the reviewers read it.
        for who in [&team, &ent, &admin] {
            assert_eq!(list_application_files(&app, who, a).await.unwrap().len(), 1);
        }
        download_application_file(&app, &ent, &meta(), f.id)
            .await
            .unwrap();
        // Another team, a county elsewhere, the leader, and a judge before review: nothing.
        for who in [&other_team, &county, &leader, &expert] {
            not_found(list_application_files(&app, who, a).await);
            not_found(download_application_file(&app, who, &meta(), f.id).await);
        }
        not_found(
            upload_application_file(&app, &other_team, &meta(), a, "x.pdf", PDF.to_vec()).await,
        );
        // Only the team uploads, even the reviewers may not add to its plan.
        assert!(matches!(
            upload_application_file(&app, &admin, &meta(), a, "x.pdf", PDF.to_vec()).await,
            Err(AppError::Forbidden(_))
        ));
        // Applications close: the plan is locked; the judges now read it.
        act_on_challenge(&app, &admin, &meta(), c.id, act("close_applications"))
            .await
            .unwrap();
        locked(
            upload_application_file(&app, &team, &meta(), a, "晚.pdf", PDF.to_vec()).await,
            "challenge.files_locked",
        );
        download_application_file(&app, &expert, &meta(), f.id)
            .await
            .unwrap();
        let views = application_files(&app, &team, a).await.unwrap();
        assert!(views.may_read && !views.may_upload);
        assert_eq!(
            audited(&app, "challenge_attachment.download", a)
                .await
                .len(),
            2
        );
    })
    .await;
}
