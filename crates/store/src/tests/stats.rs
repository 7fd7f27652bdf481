use crate::entity::{enterprise, stats_figure, stats_group_set, stats_indicator, stats_target};
use crate::migration::Migrator;
use crate::testing::on_each_backend;
use sea_orm::ActiveValue::Set;
use sea_orm::EntityTrait;
use sea_orm_migration::MigratorTrait;

fn firm(uscc: &str, region: &str, industry: &str, since: Option<i32>) -> enterprise::ActiveModel {
    let now = chrono::Utc::now();
    enterprise::ActiveModel {
        uscc: Set(uscc.into()),
        name: Set(uscc.into()),
        region_code: Set(region.into()),
        status: Set("operating".into()),
        created_at: Set(now),
        former_names: Set("[]".into()),
        county_code: Set(region[..6].into()),
        address: Set(String::new()),
        industry_code: Set(industry.into()),
        size_class: Set(None),
        size_basis: Set("{}".into()),
        above_size: Set(since.is_some()),
        above_size_since: Set(since),
        founded_on: Set(None),
        legal_rep: Set(String::new()),
        contact_name: Set(String::new()),
        contact_phone: Set(String::new()),
        main_products: Set(String::new()),
        niche_market: Set(String::new()),
        niche_since_year: Set(None),
        strategic_emerging: Set(false),
        capabilities: Set("{}".into()),
        status_date: Set(None),
        status_reason: Set(String::new()),
        updated_at: Set(None),
    }
}

fn figure(uscc: &str, year: i32, month: i16, value: i64) -> stats_figure::ActiveModel {
    stats_figure::ActiveModel {
        uscc: Set(uscc.into()),
        indicator: Set("output".into()),
        year: Set(year),
        month: Set(month),
        value: Set(value),
        updated_at: Set(chrono::Utc::now()),
    }
}

#[tokio::test]
async fn the_stats_tables_survive_down_and_up_and_figures_upsert_and_sum_in_sql() {
    on_each_backend(|db| async move {
        let conn = db.conn();
        Migrator::down(conn, None).await.unwrap();
        Migrator::up(conn, None).await.unwrap();
        stats_indicator::Entity::find().all(conn).await.unwrap();
        stats_group_set::Entity::find().all(conn).await.unwrap();
        stats_target::Entity::find().all(conn).await.unwrap();
        crate::enterprise::profile::insert_many(
            conn,
            vec![
                firm("A", "371503", "C3252", Some(2010)),
                firm("B", "371521001", "C1351", Some(2010)),
                firm("S", "371521", "C1351", None),
                firm("N", "371521", "C1351", Some(2023)),
            ],
        )
        .await
        .unwrap();
        let mut rows = Vec::new();
        for m in 1..=12 {
            for (u, v) in [("A", 100), ("B", 10), ("S", 1_000), ("N", 1_000)] {
                rows.push(figure(u, 2022, m, v));
                rows.push(figure(u, 2021, m, v / 2));
            }
        }
        crate::stats::upsert_figures(conn, rows).await.unwrap();
        // A second write of the same key replaces the value.
        crate::stats::upsert_figures(conn, vec![figure("A", 2022, 1, 160)])
            .await
            .unwrap();
        let a = crate::stats::figures_for_years(conn, &["A".into()], &[2022])
            .await
            .unwrap();
        assert_eq!(a.len(), 12);
        assert!(a.contains(&(("A".into(), "output".into(), 2022, 1), 160)));
        let between = crate::stats::figures_between(conn, "A", "B").await.unwrap();
        assert_eq!(between.len(), 48);
        let dims = crate::stats::dims_page(conn, None, 10).await.unwrap();
        assert_eq!(
            dims.iter().map(|d| d.uscc.as_str()).collect::<Vec<_>>(),
            ["A", "B", "N", "S"]
        );
        // The benchmark's hand-written statement: above-size (since ≤ the year) industrial
        // enterprises of the region, by county, group and month.
        let sql = crate::stats::bench::dashboard_sql(
            conn,
            "3715",
            2022,
            "output",
            &[
                ("metals".into(), vec!["C32".into()]),
                ("food".into(), vec!["C13".into(), "C14".into()]),
            ],
        )
        .await
        .unwrap();
        let cur: i64 = sql.iter().map(|r| r.3).sum();
        let prior: i64 = sql.iter().map(|r| r.4).sum();
        assert_eq!((cur, prior), (100 * 12 + 60 + 10 * 12, 50 * 12 + 5 * 12));
        assert!(sql.iter().all(|r| r.0 == "371503" || r.0 == "371521"));
        assert_eq!(sql.len(), 24, "two county × group cells × 12 months");
    })
    .await;
}
