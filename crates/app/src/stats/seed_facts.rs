//! The seed facts beside the platform's figures: each row names a figure of `seed-facts.md`
//! and computes it through the platform's own use cases (with the reader's permissions), so
//! the page shows whether the records reproduce the reported figure. Other contexts add their
//! rows to [`SEED_FACTS`] (one entry each, with a function that computes the figure).

use super::demo::{CHIPING, YANGGU};
use super::{OutputQuery, output};
use crate::{Actor, App, AppError};
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;

/// A computed figure: its text as the seed fact writes it, whether it matches, and the page
/// where its records are.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The figure as computed (same unit and rounding as the seed fact).
    pub text: String,
    /// Whether it reproduces the seed fact.
    pub matches: bool,
    /// Where to see the records behind it.
    pub href: String,
}

/// The future a row's computation returns.
pub type ComputeFuture<'a> = Pin<Box<dyn Future<Output = Result<Computed, AppError>> + Send + 'a>>;

/// One seed fact.
#[derive(Clone, Copy)]
pub struct SeedFact {
    /// Section of `seed-facts.md` (`§1`).
    pub section: &'static str,
    /// What is counted, Chinese.
    pub label_zh: &'static str,
    /// What is counted, English.
    pub label_en: &'static str,
    /// The figure as the seed fact gives it, with its unit (`1216.8亿元`).
    pub seed: &'static str,
    /// Computes the figure for a reader.
    pub compute: for<'a> fn(&'a App, &'a Actor) -> ComputeFuture<'a>,
}

impl std::fmt::Debug for SeedFact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeedFact")
            .field("section", &self.section)
            .field("label", &self.label_zh)
            .field("seed", &self.seed)
            .finish()
    }
}

fn q(region: &str, group_by: Option<&str>, group_set: Option<&str>) -> OutputQuery {
    OutputQuery {
        region: Some(region.into()),
        year: Some(2022),
        group_by: group_by.map(Into::into),
        group_set: group_set.map(Into::into),
        ..Default::default()
    }
}

fn page_href(query: &OutputQuery) -> String {
    let mut s = format!(
        "/stats/records?region={}&year=2022",
        query.region.as_deref().unwrap_or("")
    );
    if let Some(g) = &query.group_by {
        s.push_str(&format!("&group_by={g}"));
    }
    if let Some(g) = &query.group_set {
        s.push_str(&format!("&group_set={g}"));
    }
    s
}

fn yi(seed: &str, text: Option<String>, href: String) -> Computed {
    let text = text
        .map(|t| format!("{t}亿元"))
        .unwrap_or_else(|| "—".into());
    Computed {
        matches: text == seed,
        text,
        href,
    }
}

fn pct(seed: &str, v: Option<f64>, href: String) -> Computed {
    let text = v
        .map(|v| format!("{}{v:.1}%", if v >= 0.0 { "+" } else { "" }))
        .unwrap_or_else(|| "—".into());
    Computed {
        matches: text == seed,
        text,
        href,
    }
}

fn chiping_output<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    Box::pin(async move {
        let query = q(CHIPING, None, None);
        let v = output(app, actor, &query).await?;
        Ok(yi("1216.8亿元", v.total_yi_yuan, page_href(&query)))
    })
}

fn chiping_growth<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    Box::pin(async move {
        let query = q(CHIPING, None, None);
        let v = output(app, actor, &query).await?;
        Ok(pct("+13.4%", v.yoy_pct, page_href(&query)))
    })
}

/// The query of 茌平区's chains: `group_by=chain`, membership read from the chain maps.
fn chains_query() -> OutputQuery {
    q(CHIPING, Some("chain"), None)
}

/// The records behind the chains' figures: the district's chain list for the year (each
/// chain with its output and target, each a link to its map and enterprises), not the
/// records of every enterprise of the district.
fn chains_href() -> String {
    format!("/chains?region={CHIPING}&year=2022")
}

fn chains_output<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    Box::pin(async move {
        let v = output(app, actor, &chains_query()).await?;
        Ok(yi("1044.9亿元", v.total_yi_yuan, chains_href()))
    })
}

fn chains_above_target<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    Box::pin(async move {
        let v = output(app, actor, &chains_query()).await?;
        let total: i128 = v
            .rows
            .iter()
            .filter_map(|r| policy::stats::parse_quantity(&r.total, 6).ok())
            .map(i128::from)
            .sum();
        let target: i128 = v
            .rows
            .iter()
            .filter_map(|r| r.target.as_deref())
            .filter_map(|t| policy::stats::parse_quantity(t, 6).ok())
            .map(i128::from)
            .sum();
        let c = policy::stats::completion_hundredths(total, target);
        Ok(Computed {
            text: c
                .map(|c| format!("{}%", policy::stats::format_hundredths(c)))
                .unwrap_or_else(|| "—".into()),
            matches: c.is_some_and(|c| c > 10_000),
            href: chains_href(),
        })
    })
}

fn yanggu_output<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    Box::pin(async move {
        let query = q(YANGGU, None, None);
        let v = output(app, actor, &query).await?;
        Ok(yi("551.1亿元", v.total_yi_yuan, page_href(&query)))
    })
}

fn yanggu_group<'a>(
    app: &'a App,
    actor: &'a Actor,
    group: &'static str,
    seed: &'static str,
) -> ComputeFuture<'a> {
    Box::pin(async move {
        let query = q(YANGGU, Some("group"), Some("yanggu_leading"));
        let v = output(app, actor, &query).await?;
        let row = v.rows.iter().find(|r| r.key == group);
        Ok(pct(seed, row.and_then(|r| r.yoy_pct), page_href(&query)))
    })
}

fn yanggu_opto<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    yanggu_group(app, actor, "optoelectronic", "+7.8%")
}

fn yanggu_food<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    yanggu_group(app, actor, "food", "+10.9%")
}

fn yanggu_plastics<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    yanggu_group(app, actor, "plastics_chemicals", "+22.6%")
}

fn cultivation_count<'a>(
    app: &'a App,
    actor: &'a Actor,
    region: &'static str,
    track: &'static str,
    seed: &'static str,
    pick: fn(&crate::cultivation::CultivationStats) -> String,
) -> ComputeFuture<'a> {
    Box::pin(async move {
        let s = crate::cultivation::stats(app, actor, Some(region), 2022, track).await?;
        let text = pick(&s);
        Ok(Computed {
            matches: text == seed,
            text,
            href: format!("/cultivation/applications?region={region}&year=2022"),
        })
    })
}

fn yanggu_pool<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    cultivation_count(app, actor, YANGGU, "specialized", "100家", |s| {
        format!("{}家", s.pool)
    })
}

fn yanggu_applied<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    cultivation_count(app, actor, YANGGU, "specialized", "27家", |s| {
        format!("{}家", s.applied)
    })
}

fn yanggu_recognised<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    cultivation_count(app, actor, YANGGU, "specialized", "26家", |s| {
        format!("{}家", s.recognised)
    })
}

fn chiping_little_giant<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    cultivation_count(app, actor, CHIPING, "little_giant", "1家", |s| {
        format!("{}家", s.honors)
    })
}

fn linqing_high_tech<'a>(app: &'a App, actor: &'a Actor) -> ComputeFuture<'a> {
    cultivation_count(app, actor, "371581", "high_tech", "33家", |s| {
        format!("{}家", s.honors)
    })
}

/// Every seed fact with the function that computes it. Contexts add their rows here.
pub const SEED_FACTS: &[SeedFact] = &[
    SeedFact {
        section: "§1",
        label_zh: "茌平区2022年规上工业总产值",
        label_en: "Chiping 2022 above-size industrial output",
        seed: "1216.8亿元",
        compute: chiping_output,
    },
    SeedFact {
        section: "§1",
        label_zh: "茌平区2022年规上工业总产值同比增长",
        label_en: "Chiping 2022 output growth",
        seed: "+13.4%",
        compute: chiping_growth,
    },
    SeedFact {
        section: "§1",
        label_zh: "茌平区六条重点产业链2022年产值",
        label_en: "Chiping six chains 2022 output",
        seed: "1044.9亿元",
        compute: chains_output,
    },
    SeedFact {
        section: "§1",
        label_zh: "六条产业链完成年度目标（高于目标）",
        label_en: "Six chains against the year's target (above it)",
        seed: ">100%",
        compute: chains_above_target,
    },
    SeedFact {
        section: "§1",
        label_zh: "阳谷县2022年规上工业总产值",
        label_en: "Yanggu 2022 above-size industrial output",
        seed: "551.1亿元",
        compute: yanggu_output,
    },
    SeedFact {
        section: "§1",
        label_zh: "阳谷县光电信息产业增长",
        label_en: "Yanggu opto-electronic information growth",
        seed: "+7.8%",
        compute: yanggu_opto,
    },
    SeedFact {
        section: "§1",
        label_zh: "阳谷县食品加工产业增长",
        label_en: "Yanggu food processing growth",
        seed: "+10.9%",
        compute: yanggu_food,
    },
    SeedFact {
        section: "§1",
        label_zh: "阳谷县塑料化工产业增长",
        label_en: "Yanggu plastics and chemicals growth",
        seed: "+22.6%",
        compute: yanggu_plastics,
    },
    SeedFact {
        section: "§2",
        label_zh: "阳谷县2022年专精特新入库企业",
        label_en: "Yanggu 2022 specialized pool entries",
        seed: "100家",
        compute: yanggu_pool,
    },
    SeedFact {
        section: "§2",
        label_zh: "阳谷县2022年专精特新省级申报",
        label_en: "Yanggu 2022 specialized applications",
        seed: "27家",
        compute: yanggu_applied,
    },
    SeedFact {
        section: "§2",
        label_zh: "阳谷县2022年专精特新认定",
        label_en: "Yanggu 2022 specialized recognised",
        seed: "26家",
        compute: yanggu_recognised,
    },
    SeedFact {
        section: "§2",
        label_zh: "茌平区2022年国家级专精特新“小巨人”",
        label_en: "Chiping 2022 national little giants",
        seed: "1家",
        compute: chiping_little_giant,
    },
    SeedFact {
        section: "§2",
        label_zh: "临清市2022年新增高新技术企业",
        label_en: "Linqing 2022 new high-tech enterprises",
        seed: "33家",
        compute: linqing_high_tech,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市2022年省市县重点制造业项目",
        label_en: "Linqing 2022 key manufacturing projects",
        seed: "56个",
        compute: crate::project::facts::key_projects,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市重点项目2022年完成投资",
        label_en: "Linqing key projects invested in 2022",
        seed: "107.2亿元",
        compute: crate::project::facts::key_invested,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市重点项目完成年度计划",
        label_en: "Linqing key projects against the year's plan",
        seed: "158.42%",
        compute: crate::project::facts::key_completion,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市2022年新签约亿元以上招商项目",
        label_en: "Linqing 2022 newly signed projects of 1亿元 or more",
        seed: "39个",
        compute: crate::project::facts::signed_count,
    },
    SeedFact {
        section: "§4",
        label_zh: "新签约项目计划总投资",
        label_en: "Their planned investment",
        seed: "179.9亿元",
        compute: crate::project::facts::signed_planned,
    },
    SeedFact {
        section: "§4",
        label_zh: "新签约项目实际到位资金",
        label_en: "Their funds in place",
        seed: "42亿元",
        compute: crate::project::facts::signed_in_place,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市处置批而未供土地",
        label_en: "Linqing approved-but-unsupplied land disposed of",
        seed: "1211亩",
        compute: crate::project::facts::land_disposed,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市低效用地调查",
        label_en: "Linqing low-efficiency land surveyed",
        seed: "13148亩",
        compute: crate::project::facts::land_surveyed,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市低效用地入库",
        label_en: "Linqing low-efficiency land entered",
        seed: "771.62亩",
        compute: crate::project::facts::land_entered,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市兑现扶持资金",
        label_en: "Linqing support funds paid",
        seed: ">2000万元",
        compute: crate::project::facts::funds_paid,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市新建5G基站",
        label_en: "Linqing new 5G base stations",
        seed: "800个",
        compute: crate::project::facts::base_stations,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市新增上云企业",
        label_en: "Linqing enterprises newly on the cloud",
        seed: "202家",
        compute: crate::project::facts::cloud,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市两化融合贯标企业",
        label_en: "Linqing 两化融合 certified enterprises",
        seed: "2家",
        compute: crate::project::facts::integration,
    },
    SeedFact {
        section: "§4",
        label_zh: "临清市DCMM贯标企业",
        label_en: "Linqing DCMM certified enterprises",
        seed: "1家",
        compute: crate::project::facts::dcmm,
    },
];

/// One row of the seed-facts page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SeedFactView {
    /// Section (`§1`).
    pub section: String,
    /// What is counted, in the reader's language.
    pub label: String,
    /// The seed fact's figure.
    pub seed: String,
    /// The platform's figure; `—` when it cannot be computed for this reader.
    pub computed: String,
    /// Whether they are equal.
    pub matches: bool,
    /// The records behind it.
    pub href: String,
    /// Why it could not be computed (a catalogue key: `forbidden`, `not_found`), if so.
    pub error: Option<String>,
}

/// Every seed fact beside the platform's figure, as the reader may compute it.
pub async fn seed_fact_checks(app: &App, actor: &Actor) -> Result<Vec<SeedFactView>, AppError> {
    actor.require(policy::org::Permission::STATS_READ)?;
    let en = actor.locale.starts_with("en");
    let mut out = Vec::with_capacity(SEED_FACTS.len());
    for f in SEED_FACTS {
        let label = if en { f.label_en } else { f.label_zh };
        let (computed, matches, href, error) = match (f.compute)(app, actor).await {
            Ok(c) => (c.text, c.matches, c.href, None),
            Err(AppError::Forbidden(_)) => {
                ("—".into(), false, String::new(), Some("forbidden".into()))
            }
            Err(AppError::NotFound) => ("—".into(), false, String::new(), Some("not_found".into())),
            Err(AppError::Invalid(_)) => ("—".into(), false, String::new(), Some("invalid".into())),
            Err(e) => return Err(e),
        };
        out.push(SeedFactView {
            section: f.section.into(),
            label: label.into(),
            seed: f.seed.into(),
            computed,
            matches,
            href,
            error,
        });
    }
    Ok(out)
}
