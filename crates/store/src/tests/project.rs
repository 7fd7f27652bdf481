//! Projects, investment and land as stored: every entity loads, sums are integers on both
//! engines, and the scope and region filters narrow every figure.

use crate::entity::*;
use crate::page::PageRequest;
use crate::project::{attraction, fund, key_project as kp, land};
use crate::testing::on_each_backend;
use chrono::{NaiveDate, Utc};
use policy::org::{DataScope, Permission, RegionCode, RoleCode, RoleGrant, Scope, ScopeSubject};
use sea_orm::{EntityTrait, Set};

fn county_scope(code: &str) -> Scope {
    let home = RegionCode::parse(code).unwrap();
    Scope::for_permission(
        ScopeSubject {
            user_id: 9,
            region: Some(&home),
            enterprise: None,
        },
        &[RoleGrant {
            role: RoleCode("county_admin".into()),
            data_scope: DataScope::OwnUnitAndBelow,
            listed_regions: vec![],
            permissions: [Permission::PROJECT_READ].into_iter().collect(),
        }],
        Permission::PROJECT_READ,
    )
    .unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn project<C: sea_orm::ConnectionTrait>(
    c: &C,
    region: &str,
    plan: i64,
    months: &[i64],
) -> i64 {
    let now = Utc::now();
    let p = kp::insert(
        c,
        key_project::ActiveModel {
            name: Set(format!("p {region}")),
            level: Set("county".into()),
            region_code: Set(region.into()),
            enterprise_uscc: Set(None),
            industry_code: Set("C3484".into()),
            total_investment_fen: Set(None),
            construction: Set(String::new()),
            stage: Set("planned".into()),
            started_on: Set(None),
            completed_on: Set(None),
            in_production_on: Set(None),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    kp::insert_plan(
        c,
        key_project_plan::ActiveModel {
            project_id: Set(p.id),
            year: Set(2022),
            planned_fen: Set(plan),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    kp::insert_progress(
        c,
        months
            .iter()
            .enumerate()
            .map(|(i, f)| key_project_progress::ActiveModel {
                project_id: Set(p.id),
                year: Set(2022),
                month: Set(i as i32 + 1),
                invested_fen: Set(*f),
                recorded_at: Set(now),
                ..Default::default()
            })
            .collect(),
    )
    .await
    .unwrap();
    p.id
}

#[tokio::test]
async fn project_figures_are_exact_integer_sums_narrowed_by_scope_and_region() {
    on_each_backend(|db| async move {
        let c = db.conn();
        macro_rules! load {
            ($($m:ident),*) => {$( $m::Entity::find().all(c).await.unwrap(); )*};
        }
        load!(
            key_project,
            key_project_plan,
            key_project_progress,
            key_project_problem,
            investment_target,
            investment_target_event,
            investment_county_target,
            unsupplied_land,
            land_disposal,
            inefficient_land,
            support_fund_payment,
            digital_record
        );
        // Amounts beyond 2^31 fen, so a 32-bit or float sum would show.
        let a = project(
            c,
            "371581",
            676_680_000_000,
            &[500_000_000_001, 572_000_000_000],
        )
        .await;
        project(c, "371521", 100, &[40, 60]).await;
        let all = Scope::all();
        let t = kp::totals(c, &all, &kp::ProjectFilter::default(), 2022)
            .await
            .unwrap();
        assert_eq!(t.count, 2);
        assert_eq!(t.planned_fen, 676_680_000_100);
        assert_eq!(t.invested_fen, 1_072_000_000_101);
        let linqing = county_scope("371581");
        let t = kp::totals(c, &linqing, &kp::ProjectFilter::default(), 2022)
            .await
            .unwrap();
        assert_eq!((t.count, t.invested_fen), (1, 1_072_000_000_001));
        let yanggu = kp::ProjectFilter {
            region: Some(RegionCode::parse("371521").unwrap()),
            ..Default::default()
        };
        let t = kp::totals(c, &linqing, &yanggu, 2022).await.unwrap();
        assert_eq!(t, kp::ProjectTotals::default());
        assert_eq!(
            kp::totals(c, &all, &kp::ProjectFilter::default(), 2021)
                .await
                .unwrap()
                .count,
            0
        );
        let figures = kp::year_figures(c, &[a], 2022).await.unwrap();
        assert_eq!(
            figures[&a],
            (Some(676_680_000_000), Some(1_072_000_000_001))
        );
        assert!(
            kp::find(c, &county_scope("371521"), a)
                .await
                .unwrap()
                .is_none()
        );
        // An empty scope admits nothing.
        assert_eq!(
            kp::count(c, &Scope::default(), &kp::ProjectFilter::default())
                .await
                .unwrap(),
            0
        );
    })
    .await;
}

#[tokio::test]
async fn attraction_land_fund_and_digital_sums_group_and_filter_by_year() {
    on_each_backend(|db| async move {
        let c = db.conn();
        let now = Utc::now();
        for (planned, signed) in [
            (3_000_000_000_000i64, Some("2022-03-01")),
            (50_000_000_000, Some("2022-05-01")),
            (9_000_000_000_000, Some("2021-05-01")),
            (7_000_000_000_000, None),
        ] {
            attraction::insert(
                c,
                investment_target::ActiveModel {
                    name: Set("t".into()),
                    investor: Set("i".into()),
                    region_code: Set("371581".into()),
                    enterprise_uscc: Set(None),
                    industry_code: Set(None),
                    chain_node: Set(None),
                    stage: Set(Some(
                        if signed.is_some() {
                            "signed"
                        } else {
                            "negotiating"
                        }
                        .into(),
                    )),
                    pending_stage: Set(None),
                    planned_fen: Set(planned),
                    in_place_fen: Set(planned / 4),
                    signed_on: Set(signed.map(d)),
                    started_on: Set(None),
                    in_production_on: Set(None),
                    created_by: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
        let f = attraction::TargetFilter {
            signed_year: Some(2022),
            min_planned_fen: Some(100_000_000_000),
            ..Default::default()
        };
        let all = Scope::all();
        assert_eq!(attraction::count(c, &all, &f).await.unwrap(), 1);
        assert_eq!(
            attraction::sums(c, &all, &f).await.unwrap(),
            (3_000_000_000_000, 750_000_000_000)
        );
        let by_stage = attraction::count_by_stage(c, &all, &attraction::TargetFilter::default())
            .await
            .unwrap();
        assert_eq!(by_stage.iter().map(|(_, n)| n).sum::<i64>(), 4);
        // Land: disposals of the year only; low-efficiency land by survey and entry dates.
        let p = land::insert_parcel(
            c,
            unsupplied_land::ActiveModel {
                code: Set("P1".into()),
                region_code: Set("371581".into()),
                location: Set("x".into()),
                approved_mu: Set(200_000),
                approved_on: Set(d("2020-01-01")),
                approval_document: Set(String::new()),
                created_by: Set(None),
                created_at: Set(now),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let disposal = |area: i64, on: &str| land_disposal::ActiveModel {
            parcel_id: Set(p.id),
            region_code: Set("371581".into()),
            area_mu: Set(area),
            method: Set("supplied".into()),
            disposed_on: Set(d(on)),
            note: Set(String::new()),
            created_by: Set(None),
            created_at: Set(now),
            ..Default::default()
        };
        land::insert_disposals(
            c,
            vec![
                disposal(121_100, "2022-06-01"),
                disposal(4_000, "2021-06-01"),
            ],
        )
        .await
        .unwrap();
        let t = land::totals(c, &all, None, 2022).await.unwrap();
        assert_eq!(
            (
                t.parcels,
                t.approved_mu,
                t.disposed_mu,
                t.disposed_mu_ever,
                t.disposals
            ),
            (1, 200_000, 121_100, 125_100, 1)
        );
        assert_eq!(
            land::totals(c, &county_scope("371521"), None, 2022)
                .await
                .unwrap(),
            land::LandTotals::default()
        );
        // Funds by programme; digital by kind, NULL enterprises never colliding.
        let pay = |programme: &str, fen: i64, uscc: &str| support_fund_payment::ActiveModel {
            programme: Set(programme.into()),
            enterprise_uscc: Set(uscc.into()),
            region_code: Set("371581".into()),
            amount_fen: Set(fen),
            paid_on: Set(d("2022-02-02")),
            document: Set(String::new()),
            created_by: Set(None),
            created_at: Set(now),
            ..Default::default()
        };
        fund::insert_payments(
            c,
            vec![pay("a", 10, "U1"), pay("a", 5, "U2"), pay("b", 100, "U1")],
        )
        .await
        .unwrap();
        let rf = fund::RecordFilter {
            year: Some(2022),
            ..Default::default()
        };
        let rows = fund::payments_by_programme(c, &all, &rf).await.unwrap();
        assert_eq!(
            rows,
            vec![
                ("b".to_string(), 1, Some(100)),
                ("a".to_string(), 2, Some(15))
            ]
        );
        assert_eq!(fund::enterprises_paid(c, &all, &rf).await.unwrap(), 2);
        let rec = |kind: &str, uscc: Option<&str>, q: i32| digital_record::ActiveModel {
            kind: Set(kind.into()),
            region_code: Set("371581".into()),
            enterprise_uscc: Set(uscc.map(Into::into)),
            quantity: Set(q),
            recorded_on: Set(d("2022-03-03")),
            place: Set(String::new()),
            source: Set(String::new()),
            created_by: Set(None),
            created_at: Set(now),
            ..Default::default()
        };
        fund::insert_digital(
            c,
            vec![
                rec("base_station_5g", None, 120),
                rec("base_station_5g", None, 80),
                rec("cloud_adoption", Some("U1"), 1),
            ],
        )
        .await
        .unwrap();
        let err = fund::insert_digital(c, vec![rec("cloud_adoption", Some("U1"), 1)])
            .await
            .unwrap_err();
        assert!(crate::is_unique_violation(&err), "{err}");
        let kinds = fund::digital_by_kind(c, &all, &rf).await.unwrap();
        assert_eq!(
            kinds,
            vec![
                ("base_station_5g".to_string(), 2, Some(200)),
                ("cloud_adoption".to_string(), 1, Some(1))
            ]
        );
        let page = fund::list_digital(c, &all, &rf, PageRequest::new(2, None))
            .await
            .unwrap();
        assert_eq!(page.items.len(), 2);
        assert!(page.next_cursor.is_some());
    })
    .await;
}
