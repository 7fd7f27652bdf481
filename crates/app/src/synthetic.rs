//! A synthetic province for benchmarks (`strongcity bench-data`): enterprises named in Chinese
//! like real ones, spread over the regions of the database, with three years of financials
//! whose sizes follow a long-tailed distribution. Deterministic for a given seed.
//!
//! The data is written in bulk by the system, with one audit record for the whole generation
//! (it is not anyone's business record; per-row audit would only measure the audit log).

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::enterprise::Uscc;
use sea_orm::ActiveValue::Set;
use store::entity::{enterprise, financial};

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const BRAND: &[&str] = &[
    "华信", "鲁润", "金源", "鑫达", "恒通", "宏远", "中科", "泰和", "瑞丰", "聚力", "东岳", "海诺",
    "天成", "博瑞", "隆盛", "润达", "凯越", "新华", "永泰", "昌盛", "正大", "安泰", "嘉禾", "盛世",
    "富华", "众合", "德润", "明远",
];

/// (division, industry word, products, niche markets)
const TRADES: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "C3251",
        "铝业",
        &["铝板带箔", "铝合金型材", "汽车用铝板"],
        &["新能源汽车电池壳铝材", "高端铝箔"],
    ),
    (
        "C3130",
        "钢铁",
        &["特种钢材", "钢管", "冷轧钢板"],
        &["轴承钢", "高强度结构钢"],
    ),
    (
        "C3831",
        "电缆",
        &["电力电缆", "光伏电缆", "控制电缆"],
        &["海上风电电缆", "特种耐火电缆"],
    ),
    (
        "C3511",
        "机械",
        &["铸造机械", "造型线", "砂处理设备"],
        &["静压造型线", "消失模铸造设备"],
    ),
    (
        "C2614",
        "化工",
        &["氯碱产品", "精细化学品", "有机硅"],
        &["电子级化学品", "高端聚氨酯"],
    ),
    (
        "C1713",
        "纺织",
        &["棉纱", "家纺面料", "无纺布"],
        &["医用无纺布", "功能性面料"],
    ),
    (
        "C1391",
        "食品",
        &["淀粉", "肉制品", "调味品"],
        &["功能性糖", "预制菜"],
    ),
    (
        "C2927",
        "塑料",
        &["塑料管材", "改性塑料", "塑料薄膜"],
        &["可降解塑料", "工程塑料"],
    ),
    (
        "C3976",
        "光电",
        &["LED芯片", "光电器件", "显示模组"],
        &["车载显示", "紫外LED"],
    ),
    (
        "C3670",
        "汽车零部件",
        &["汽车电子", "轴承", "制动系统"],
        &["新能源汽车电控", "轮毂轴承单元"],
    ),
    (
        "C3042",
        "玻璃",
        &["功能玻璃", "光伏玻璃", "玻璃纤维"],
        &["超白光伏玻璃", "防火玻璃"],
    ),
    (
        "C3021",
        "建材",
        &["水泥制品", "新型墙材", "环保建材"],
        &["装配式建筑构件", "固废建材"],
    ),
];

const FORMS: &[&str] = &["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"];

/// Generates `count` enterprises with three years of financials ending in `last_year`, in the
/// regions of the database (towns where known), and returns how many were written.
pub async fn generate_enterprises(
    app: &App,
    count: usize,
    last_year: i32,
    seed: u64,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<usize, AppError> {
    let regions: Vec<store::entity::region::Model> =
        store::org::region::all(app.db().conn()).await?;
    let towns: Vec<&store::entity::region::Model> =
        regions.iter().filter(|r| r.level == "town").collect();
    let counties: Vec<&store::entity::region::Model> =
        regions.iter().filter(|r| r.level == "county").collect();
    let places: Vec<&store::entity::region::Model> = if towns.is_empty() {
        counties.clone()
    } else {
        towns
    };
    if places.is_empty() {
        return Err(AppError::invalid("regions", "bench.no_regions"));
    }
    let county_name = |code: &str| {
        regions
            .iter()
            .find(|r| r.code == code.get(..6).unwrap_or(""))
            .map(|r| r.name.trim_end_matches(['县', '区', '市']).to_string())
            .unwrap_or_default()
    };
    let rules = crate::enterprise::size_rules()?;
    let mut rng = Rng(seed);
    let now = Utc::now();
    let batch = 2_000;
    let mut written = 0;
    let mut serial = 0u64;
    while written < count {
        let n = batch.min(count - written);
        let mut ents = Vec::with_capacity(n);
        let mut fins = Vec::with_capacity(n * 3);
        for _ in 0..n {
            serial += 1;
            let place = *rng.pick(&places);
            let county = &place.code[..6];
            let uscc = Uscc::with_check(&format!("91{county}{:09}", serial % 1_000_000_000))
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let (industry, word, products, niches) = *rng.pick(TRADES);
            let name = format!(
                "{}{}{}{}",
                county_name(county),
                rng.pick(BRAND),
                word,
                rng.pick(FORMS)
            );
            // Revenue in 万元: log-normal, median ~3,000万, a long tail of large firms.
            let normal = (-2.0 * rng.unit().max(1e-12).ln()).sqrt()
                * (std::f64::consts::TAU * rng.unit()).cos();
            let revenue_wan = (8.0 + 1.6 * normal).exp().clamp(50.0, 5_000_000.0);
            let staff = ((revenue_wan / 60.0) * (0.5 + rng.unit())).clamp(3.0, 60_000.0) as i32;
            let above = revenue_wan >= 2000.0;
            let mut rev = revenue_wan / (1.0 + 0.1 * 2.0);
            let mut last_revenue_fen = 0i64;
            for year in (last_year - 2)..=last_year {
                rev *= 1.0 + (rng.unit() - 0.35) * 0.4;
                let fen = |wan: f64| Some((wan * 1_000_000.0).round() as i64);
                last_revenue_fen = (rev * 1_000_000.0).round() as i64;
                let rd_ratio = 0.005 + rng.unit() * 0.07;
                fins.push(financial::ActiveModel {
                    uscc: Set(uscc.to_string()),
                    year: Set(year),
                    revenue_fen: Set(fen(rev)),
                    main_revenue_fen: Set(fen(rev * (0.6 + 0.4 * rng.unit()))),
                    rd_expense_fen: Set(fen(rev * rd_ratio)),
                    net_profit_fen: Set(fen(rev * (rng.unit() * 0.2 - 0.03))),
                    total_assets_fen: Set(fen(rev * (0.8 + rng.unit()))),
                    total_liabilities_fen: Set(fen(rev * (0.3 + rng.unit() * 0.6))),
                    staff: Set(Some(staff)),
                    rd_staff: Set(Some((staff as f64 * (0.03 + rng.unit() * 0.25)) as i32)),
                    tech_staff: Set(Some((staff as f64 * (0.05 + rng.unit() * 0.3)) as i32)),
                    equity_financing_fen: Set(if rng.below(20) == 0 {
                        fen(500.0 + rng.unit() * 8000.0)
                    } else {
                        Some(0)
                    }),
                    ip_class1_high_value: Set(Some(rng.below(3) as i32)),
                    ip_class1_self_developed: Set(Some(rng.below(5) as i32)),
                    ip_class1: Set(Some(rng.below(8) as i32)),
                    ip_class2: Set(Some(rng.below(30) as i32)),
                    invention_patents: Set(Some(rng.below(8) as i32)),
                    utility_models: Set(Some(rng.below(30) as i32)),
                    software_copyrights: Set(Some(rng.below(10) as i32)),
                    digital_level: Set(Some(1 + rng.below(5) as i32)),
                    rd_institution_level: Set(Some(
                        (*rng.pick(&["none", "below_city", "city", "provincial", "national"]))
                            .to_string(),
                    )),
                    quality_award: Set(rng.below(10) == 0),
                    quality_certification: Set(rng.below(2) == 0),
                    own_brand: Set(rng.below(3) == 0),
                    standard_drafting: Set(rng.below(8) == 0),
                    data_source: Set("bench-data".into()),
                    confirmed_by: Set(String::new()),
                    updated_at: Set(Some(now)),
                    ..Default::default()
                });
            }
            let size = rules.classify(
                staff.max(0) as u32,
                policy::money::Fen::new(last_revenue_fen),
            );
            ents.push(enterprise::ActiveModel {
                uscc: Set(uscc.to_string()),
                name: Set(name),
                region_code: Set(place.code.clone()),
                status: Set("operating".into()),
                created_at: Set(now),
                former_names: Set("[]".into()),
                county_code: Set(county.to_string()),
                address: Set(format!("{}工业园", place.name)),
                industry_code: Set(industry.to_string()),
                size_class: Set(Some(size.class.as_str().to_string())),
                size_basis: Set(serde_json::json!({
                    "rules": size.rules, "year": last_year, "staff": staff,
                    "revenue_wan_yuan": policy::money::Fen::new(last_revenue_fen).wan_yuan(2),
                    "band_min_staff": size.band_min_staff, "band_min_revenue_wan_yuan": size.band_min_revenue_wan_yuan,
                }).to_string()),
                above_size: Set(above),
                above_size_since: Set(above.then_some(last_year - 1 - rng.below(8) as i32)),
                founded_on: Set(NaiveDate::from_ymd_opt(
                    1990 + rng.below(33) as i32,
                    1 + rng.below(12) as u32,
                    1 + rng.below(28) as u32,
                )),
                legal_rep: Set(String::new()),
                contact_name: Set(String::new()),
                contact_phone: Set(format!("138{:08}", rng.below(100_000_000))),
                main_products: Set(format!("{}、{}", rng.pick(products), rng.pick(products))),
                niche_market: Set(rng.pick(niches).to_string()),
                niche_since_year: Set(Some(last_year - rng.below(10) as i32)),
                strategic_emerging: Set(rng.below(4) == 0),
                capabilities: Set("{}".into()),
                status_date: Set(None),
                status_reason: Set(String::new()),
                updated_at: Set(Some(now)),
            });
        }
        let tx = app.db().begin_write().await?;
        store::enterprise::profile::insert_many(&tx, ents).await?;
        store::enterprise::financial::upsert_many(&tx, fins).await?;
        tx.commit().await?;
        written += n;
        progress(written);
    }
    let tx = app.db().begin_write().await?;
    record(
        &tx,
        &Actor::system("bench-data"),
        &RequestMeta::cli("bench-data"),
        AuditRecord {
            action: "bench_data.generate",
            entity_type: "enterprise",
            entity_id: "*".into(),
            region_code: None,
            before: serde_json::Value::Null,
            after: serde_json::json!({"enterprises": written, "years": [last_year - 2, last_year], "seed": seed}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use store::testing::on_each_backend;

    #[tokio::test]
    async fn generates_enterprises_with_valid_codes_and_three_years() {
        on_each_backend(|db| async move {
            let app = crate::App::new(db, crate::Settings::default());
            crate::demo::seed_demo(&app).await.unwrap();
            let n = super::generate_enterprises(&app, 2_500, 2024, 7, &|_| {})
                .await
                .unwrap();
            assert_eq!(n, 2_500);
            let admin = crate::Actor::system("test");
            let list =
                crate::enterprise::list_enterprises(&app, &admin, &Default::default(), None, 10)
                    .await
                    .unwrap();
            assert!(list.total.unwrap() >= 2_500);
            for e in &list.items {
                assert!(
                    policy::enterprise::Uscc::parse(&e.uscc).is_ok(),
                    "{}",
                    e.uscc
                );
                assert_eq!(
                    crate::enterprise::financials_of(&app, &admin, &e.uscc)
                        .await
                        .unwrap()
                        .len(),
                    3
                );
            }
        })
        .await;
    }
}
