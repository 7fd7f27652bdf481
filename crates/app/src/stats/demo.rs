//! The statistics part of the demo (seed-facts §1): fictional above-size enterprises in every
//! county with monthly figures of every indicator for 2021 and 2022, written through the
//! registry's import and [`super::record_figures`] (bulk, audited), so that the aggregates API
//! computes 茌平区 2022 规上 output 1216.8亿元 (+13.4%), its six chains 1044.9亿元 (once the
//! chain demo has put these enterprises on its maps and set the chains' targets), and 阳谷县 551.1亿元 with its leading industries growing +7.8%, +10.9%,
//! +22.6%. The totals below are the buckets the figures are split from, never stored as totals;
//! the other counties' figures are invented.

use super::{FigureInput, TargetForm, record_figures, set_target};
use crate::io::{ImportKind, ImportOptions, import};
use crate::{Actor, App, AppError, RequestMeta};
use policy::enterprise::Uscc;

/// The enterprises of one of 茌平区's six chains in the statistics demo.
///
/// One list of chain enterprises: the statistics demo owns these enterprises and their monthly
/// figures (their split from the district's 1216.8亿元 is a statistics fact), and the chain
/// demo (`chain::demo::CHAINS`, same order) attaches them to its maps with a node and a role.
/// From then on the chain maps are the membership: `group_by=chain`, the seed facts and the
/// chain pages all read it from `chain_node_enterprise`, and the chains' targets are set by
/// the chain demo through the chain page's use case.
#[derive(Debug, Clone, Copy)]
pub struct DemoChain {
    /// Credit codes of its enterprises without the check character (see [`chain_members`]).
    pub enterprises: &'static [&'static str],
}

/// The enterprises of 茌平区's six key chains (seed-facts §1), in the chain demo's order.
pub const CHIPING_CHAINS: &[DemoChain] = &[
    DemoChain {
        enterprises: &[
            "91371503TJ0000001",
            "91371503TJ0000002",
            "91371503TJ0000003",
            "91371503TJ0000004",
        ],
    },
    DemoChain {
        enterprises: &[
            "91371503TJ0000005",
            "91371503TJ0000006",
            "91371503TJ0000007",
            "91371503TJ0000008",
        ],
    },
    DemoChain {
        enterprises: &[
            "91371503TJ0000009",
            "91371503TJ0000010",
            "91371503TJ0000011",
            "91371503TJ0000012",
        ],
    },
    DemoChain {
        enterprises: &[
            "91371503TJ0000013",
            "91371503TJ0000014",
            "91371503TJ0000015",
            "91371503TJ0000016",
        ],
    },
    DemoChain {
        enterprises: &[
            "91371503TJ0000017",
            "91371503TJ0000018",
            "91371503TJ0000019",
            "91371503TJ0000020",
        ],
    },
    DemoChain {
        enterprises: &[
            "91371503TJ0000021",
            "91371503TJ0000022",
            "91371503TJ0000023",
            "91371503TJ0000024",
        ],
    },
];

/// The credit codes of a demo chain's enterprises.
pub fn chain_members(chain: &DemoChain) -> Result<Vec<Uscc>, AppError> {
    chain
        .enterprises
        .iter()
        .map(|b| Uscc::with_check(b).map_err(|e| AppError::Internal(e.to_string())))
        .collect()
}

/// 茌平区.
pub const CHIPING: &str = "371503";
/// 阳谷县.
pub const YANGGU: &str = "371521";

/// A bucket of enterprises whose output (万元) in 2022 and 2021 is split among them.
struct Bucket {
    region: &'static str,
    /// (name, industry code); names get the county's prefix.
    firms: &'static [(&'static str, &'static str)],
    /// Output in 万元, 2022 and 2021.
    output: (i64, i64),
    /// The chain the bucket is (its index in [`CHIPING_CHAINS`]).
    chain: Option<usize>,
}

/// Output 2022 and 2021 in 万元 of the six chains (sum 2022: 10,449,000 = 1044.9亿元).
const CHAIN_OUTPUT: [(i64, i64); 6] = [
    (3_826_000, 3_320_000),
    (2_035_000, 1_790_000),
    (1_268_000, 1_130_000),
    (896_000, 800_000),
    (1_574_000, 1_380_000),
    (850_000, 760_000),
];

const CHAIN_FIRMS: [&[(&str, &str)]; 6] = [
    &[
        ("新型铝材有限公司", "C3252"),
        ("铝箔科技有限公司", "C3252"),
        ("铝合金板带有限公司", "C3252"),
        ("电解铝有限公司", "C3216"),
    ],
    &[
        ("汽车轻量化部件有限公司", "C3670"),
        ("铝合金轮毂有限公司", "C3670"),
        ("交通铝型材有限公司", "C3311"),
        ("铝制车厢有限公司", "C3252"),
    ],
    &[
        ("装配式建材有限公司", "C3021"),
        ("新型墙材有限公司", "C3031"),
        ("固废建材有限公司", "C3029"),
        ("环保砂浆有限公司", "C3022"),
    ],
    &[
        ("功能玻璃有限公司", "C3042"),
        ("光伏玻璃有限公司", "C3042"),
        ("特种玻璃有限公司", "C3041"),
        ("玻璃深加工有限公司", "C3049"),
    ],
    &[
        ("化工新材料有限公司", "C2651"),
        ("精细化工有限公司", "C2669"),
        ("电子化学品有限公司", "C2661"),
        ("合成树脂有限公司", "C2652"),
    ],
    &[
        ("氯碱化工有限公司", "C2612"),
        ("无机盐有限公司", "C2613"),
        ("有机氯产品有限公司", "C2614"),
        ("氯碱下游材料有限公司", "C2662"),
    ],
];

/// Growth of 阳谷县's three leading industries in tenths of a percent (seed-facts §1).
pub const YANGGU_GROWTH: [(&str, i64); 3] = [
    ("optoelectronic", 78),
    ("food", 109),
    ("plastics_chemicals", 226),
];

/// 阳谷县's 2022 output by bucket in 万元: the three leading industries (the 20 cultivation
/// enterprises of the service demo, five each) and the others (sum 5,511,000 = 551.1亿元).
const YANGGU_OUTPUT: [i64; 4] = [1_236_000, 1_480_000, 1_315_000, 1_480_000];
/// The others' 2021 output.
const YANGGU_OTHERS_2021: i64 = 1_380_000;

/// A county's demo firms: region, (name, industry) of each, output 2022 and 2021 in 万元.
type CountyFirms = (
    &'static str,
    &'static [(&'static str, &'static str)],
    (i64, i64),
);

/// The other counties (fictional figures).
const OTHER_COUNTIES: &[CountyFirms] = &[
    (
        "371502",
        &[
            ("汽车电子有限公司", "C3670"),
            ("电气设备有限公司", "C3821"),
            ("通用机械有限公司", "C3444"),
            ("精密传动有限公司", "C3451"),
            ("生物医药有限公司", "C2710"),
        ],
        (8_426_000, 7_934_000),
    ),
    (
        "371522",
        &[
            ("农产品加工有限公司", "C1391"),
            ("食品有限公司", "C1431"),
            ("纺织有限公司", "C1713"),
            ("家具有限公司", "C2110"),
            ("机械有限公司", "C3572"),
        ],
        (3_058_000, 2_937_000),
    ),
    (
        "371524",
        &[
            ("阿胶生物有限公司", "C2740"),
            ("食品有限公司", "C1469"),
            ("钢管有限公司", "C3130"),
            ("纸业有限公司", "C2221"),
            ("机械有限公司", "C3599"),
        ],
        (2_381_000, 2_437_000),
    ),
    (
        "371525",
        &[
            ("钢板有限公司", "C3130"),
            ("冷轧薄板有限公司", "C3130"),
            ("纺织有限公司", "C1711"),
            ("食品有限公司", "C1351"),
            ("新材料有限公司", "C3091"),
        ],
        (3_642_000, 3_348_000),
    ),
    (
        "371526",
        &[
            ("造纸有限公司", "C2221"),
            ("食品有限公司", "C1391"),
            ("乐器有限公司", "C2431"),
            ("机械有限公司", "C3512"),
            ("化工有限公司", "C2669"),
        ],
        (4_126_000, 3_768_000),
    ),
    (
        "371581",
        &[
            ("精密传动有限公司", "C3451"),
            ("精密铸件有限公司", "C3391"),
            ("数控机床有限公司", "C3421"),
            ("纺织有限公司", "C1713"),
            ("食品有限公司", "C1392"),
        ],
        (6_964_000, 6_262_000),
    ),
    (
        "371571",
        &[
            ("新能源汽车有限公司", "C3612"),
            ("智能制造有限公司", "C3491"),
            ("电子信息有限公司", "C3976"),
            ("医疗器械有限公司", "C3581"),
            ("新材料有限公司", "C2651"),
        ],
        (5_236_000, 5_054_000),
    ),
];

/// Region targets for 2022 in 万元.
const REGION_TARGETS: &[(&str, i64)] = &[
    ("371500", 50_000_000),
    ("371502", 8_300_000),
    (CHIPING, 12_000_000),
    (YANGGU, 5_400_000),
    ("371522", 3_100_000),
    ("371524", 2_500_000),
    ("371525", 3_600_000),
    ("371526", 4_000_000),
    ("371581", 6_800_000),
    ("371571", 5_300_000),
];

/// The non-chain enterprises of 茌平区 (output 1,719,000 / 1,550,000 万元).
const CHIPING_OTHERS: &[(&str, &str)] = &[
    ("淀粉糖有限公司", "C1391"),
    ("纺织有限公司", "C1713"),
    ("钢材有限公司", "C3130"),
    ("电缆有限公司", "C3831"),
    ("包装有限公司", "C2231"),
    ("机械有限公司", "C3511"),
    ("食品有限公司", "C1431"),
    ("热电有限公司", "D4411"),
];

/// The 2021 output that makes `current` grow by `tenths` (tenths of a percent), rounded to
/// the nearest 万元.
fn prior_for(current: i64, tenths: i64) -> i64 {
    let num = current as i128 * 1000;
    let den = (1000 + tenths) as i128;
    ((2 * num + den) / (2 * den)) as i64
}

/// Splits `total` by `weights` exactly (largest remainders first).
fn split(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum::<i64>().max(1);
    let mut parts: Vec<i64> = weights.iter().map(|w| total * w / sum).collect();
    let mut rem: Vec<(i64, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| ((total * w) % sum, i))
        .collect();
    rem.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let short = total - parts.iter().sum::<i64>();
    for (_, i) in rem.into_iter().take(short.max(0) as usize) {
        parts[i] += 1;
    }
    parts
}

/// Monthly weights (‰): the Spring Festival dip in February, a strong December.
const SEASON: [i64; 12] = [70, 62, 85, 84, 86, 88, 84, 85, 88, 86, 88, 94];
/// How the firms of a bucket share it.
const FIRM_WEIGHTS: [i64; 5] = [34, 26, 18, 12, 10];

fn uscc(region: &str, n: usize) -> Result<Uscc, AppError> {
    Uscc::with_check(&format!("91{region}TJ{n:07}")).map_err(|e| AppError::Internal(e.to_string()))
}

/// One enterprise to create (or mark above size) and its yearly output.
struct Firm {
    uscc: String,
    name: String,
    region: String,
    industry: String,
    /// (2022, 2021) in 万元.
    output: (i64, i64),
}

fn county_name(region: &str) -> &'static str {
    match region {
        "371502" => "东昌府",
        "371503" => "茌平",
        "371521" => "阳谷",
        "371522" => "莘县",
        "371524" => "东阿",
        "371525" => "冠县",
        "371526" => "高唐",
        "371581" => "临清",
        "371571" => "开发区",
        _ => "聊城",
    }
}

fn firms() -> Result<Vec<Firm>, AppError> {
    let mut out = Vec::new();
    let mut bucket = |b: Bucket, serial: &mut usize| -> Result<(), AppError> {
        let w: Vec<i64> = (0..b.firms.len())
            .map(|i| FIRM_WEIGHTS[i % FIRM_WEIGHTS.len()])
            .collect();
        let now = split(b.output.0, &w);
        let before = split(b.output.1, &w);
        for (i, (name, industry)) in b.firms.iter().enumerate() {
            *serial += 1;
            let code = match b.chain {
                Some(c) => Uscc::with_check(CHIPING_CHAINS[c].enterprises[i])
                    .map_err(|e| AppError::Internal(e.to_string()))?,
                None => uscc(b.region, *serial)?,
            };
            out.push(Firm {
                uscc: code.to_string(),
                // `{county}{trade}示例有限公司`: the registry's tests search for words such as
                // 琥珀 or 例琥 that no demo name may hold.
                name: format!(
                    "{}{}示例有限公司",
                    county_name(b.region),
                    name.trim_end_matches("有限公司")
                ),
                region: b.region.into(),
                industry: (*industry).into(),
                output: (now[i], before[i]),
            });
        }
        Ok(())
    };
    let mut serial = 0;
    for (c, firms) in CHAIN_FIRMS.iter().enumerate() {
        bucket(
            Bucket {
                region: CHIPING,
                firms,
                output: CHAIN_OUTPUT[c],
                chain: Some(c),
            },
            &mut serial,
        )?;
    }
    bucket(
        Bucket {
            region: CHIPING,
            firms: CHIPING_OTHERS,
            output: (1_719_000, 1_550_000),
            chain: None,
        },
        &mut serial,
    )?;
    for (region, firms, output) in OTHER_COUNTIES {
        let mut serial = 0;
        bucket(
            Bucket {
                region,
                firms,
                output: *output,
                chain: None,
            },
            &mut serial,
        )?;
    }
    // 阳谷县: the service demo's 20 cultivation enterprises, five per bucket, in its order.
    let yanggu = crate::service::demo::CULTIVATION;
    for (b, total) in YANGGU_OUTPUT.iter().enumerate() {
        let prior = match YANGGU_GROWTH.get(b) {
            Some((_, g)) => prior_for(*total, *g),
            None => YANGGU_OTHERS_2021,
        };
        let now = split(*total, &FIRM_WEIGHTS);
        let before = split(prior, &FIRM_WEIGHTS);
        for i in 0..5 {
            let k = b * 5 + i;
            let (name, industry) = yanggu[k];
            out.push(Firm {
                uscc: crate::service::demo::cultivation_uscc(k)?.to_string(),
                name: name.into(),
                region: YANGGU.into(),
                industry: industry.into(),
                output: (now[i], before[i]),
            });
        }
    }
    Ok(out)
}

/// The monthly figures of a firm: output split by season, the other indicators derived from it.
fn figures_of(f: &Firm, n: usize) -> Vec<FigureInput> {
    let mut out = Vec::with_capacity(24 * 6);
    for (year, total) in [(2022, f.output.0), (2021, f.output.1)] {
        // A little variety between firms: rotate the seasonal pattern's middle months.
        let mut season = SEASON;
        season[3..11].rotate_left(n % 8);
        let months = split(total, &season);
        for (m, wan) in months.iter().enumerate() {
            let fen = *wan as i128 * 1_000_000;
            let money =
                |per_mille: i128| policy::stats::format_quantity(fen * per_mille / 1000, 6, 6);
            let electricity = policy::stats::format_quantity(*wan as i128 * 118, 4, 4);
            let investment =
                policy::stats::format_quantity(fen * (30 + (n as i128 % 5) * 10) / 1000, 6, 6);
            for (indicator, value) in [
                ("output", money(1000)),
                ("revenue", money(968)),
                ("profit", money(if n % 9 == 4 && m == 1 { -12 } else { 61 })),
                ("tax", money(29)),
                ("electricity", electricity.clone()),
                ("investment", investment.clone()),
            ] {
                out.push(FigureInput {
                    uscc: f.uscc.clone(),
                    indicator: indicator.into(),
                    year,
                    month: m as i64 + 1,
                    value,
                });
            }
        }
    }
    out
}

/// Seeds the statistics demo (after the service demo, whose 阳谷县 enterprises it marks above
/// designated size and gives figures).
pub async fn seed(app: &App) -> Result<(), AppError> {
    let started = std::time::Instant::now();
    let actor = Actor::system("demo");
    let meta = RequestMeta::cli("demo");
    super::load_shipped(app).await?;
    let firms = firms()?;
    let mut csv = String::from("uscc,name,region_code,industry_code,above_size,above_size_since\n");
    for f in &firms {
        csv.push_str(&format!(
            "{},{},{},{},是,2018\n",
            f.uscc, f.name, f.region, f.industry
        ));
    }
    let report = import(
        app,
        &actor,
        &meta,
        ImportKind::Enterprises,
        "demo-stats.csv",
        csv.as_bytes(),
        ImportOptions {
            update_existing: true,
            ..Default::default()
        },
        None,
    )
    .await?;
    if !report.written {
        return Err(AppError::Internal(format!(
            "demo statistics enterprises refused: {:?}",
            report.errors.first()
        )));
    }
    let inputs: Vec<FigureInput> = firms
        .iter()
        .enumerate()
        .flat_map(|(n, f)| figures_of(f, n))
        .collect();
    record_figures(app, &actor, &meta, inputs, false).await?;
    let target = |kind: &str, key: &str, value: i64, region: &str| TargetForm {
        kind: kind.into(),
        key: key.into(),
        year: 2022,
        indicator: Some("output".into()),
        value: value.to_string(),
        region_code: Some(region.into()),
        note: "2022年度目标（示例）".into(),
    };
    for (region, value) in REGION_TARGETS {
        set_target(app, &actor, &meta, target("region", region, *value, region)).await?;
    }
    tracing::info!(
        enterprises = firms.len(),
        ms = started.elapsed().as_millis() as u64,
        "statistics demo seeded"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buckets_add_up_to_the_seed_facts() {
        let chains: i64 = CHAIN_OUTPUT.iter().map(|c| c.0).sum();
        assert_eq!(chains, 10_449_000, "1044.9亿元");
        let chiping_2022 = chains + 1_719_000;
        let chiping_2021 = CHAIN_OUTPUT.iter().map(|c| c.1).sum::<i64>() + 1_550_000;
        assert_eq!((chiping_2022, chiping_2021), (12_168_000, 10_730_000));
        assert_eq!(YANGGU_OUTPUT.iter().sum::<i64>(), 5_511_000, "551.1亿元");
        for ((_, g), total) in YANGGU_GROWTH.iter().zip(YANGGU_OUTPUT) {
            let p = prior_for(total, *g);
            assert_eq!(
                policy::stats::yoy_tenths(total as i128, p as i128),
                Some(*g)
            );
        }
        assert_eq!(split(10, &[1, 1, 1]), [4, 3, 3]);
        assert_eq!(
            split(1_236_000, &FIRM_WEIGHTS).iter().sum::<i64>(),
            1_236_000
        );
        let f = firms().unwrap();
        let mut codes: Vec<&str> = f.iter().map(|f| f.uscc.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), f.len(), "codes are unique");
        for firm in &f {
            for word in ["琥珀", "琉璃", "例琥", "搪瓷", "铸造"] {
                assert!(
                    !firm.name.contains(word) || firm.region == YANGGU,
                    "{} holds {word}, which the registry's search tests look for",
                    firm.name
                );
            }
        }
    }
}
