//! The figures of `seed-facts.md` §4 (临清市 2022) for the seed-facts page, each computed by
//! the same use case as its API (`/api/v1/projects/stats`, `/investment/stats`, `/land/stats`,
//! `/support-funds/stats`, `/digital/stats`) with the reader's permissions.

use super::demo::{LINQING, YEAR};
use crate::stats::seed_facts::{ComputeFuture, Computed};
use crate::{Actor, App};

/// 亿元 with `decimals` from an exact 万元 text.
fn yi(wan: &str, decimals: usize) -> String {
    let v: f64 = wan.parse().unwrap_or(0.0);
    format!("{:.*}亿元", decimals, v / 10_000.0)
}

/// 亩 from an exact area text, without trailing zeros (`1211亩`, `771.62亩`).
fn mu(area: &str) -> String {
    let t = if area.contains('.') {
        area.trim_end_matches('0').trim_end_matches('.')
    } else {
        area
    };
    format!("{t}亩")
}

fn computed(seed: &str, text: String, href: &str) -> Computed {
    Computed {
        matches: text == seed,
        text,
        href: format!("{href}?region={LINQING}&year={YEAR}"),
    }
}

macro_rules! fact {
    ($(#[$doc:meta])* $name:ident, $seed:literal, $href:literal, |$app:ident, $actor:ident| $body:expr) => {
        $(#[$doc])*
        pub fn $name<'a>($app: &'a App, $actor: &'a Actor) -> ComputeFuture<'a> {
            Box::pin(async move { Ok(computed($seed, $body, $href)) })
        }
    };
}

fact!(
    /// Key projects with a plan for 2022.
    key_projects, "56个", "/projects", |app, actor| {
        let s = super::project_stats(app, actor, Some(LINQING), Some(YEAR)).await?;
        format!("{}个", s.count)
    }
);
fact!(
    /// What they completed.
    key_invested, "107.2亿元", "/projects", |app, actor| {
        let s = super::project_stats(app, actor, Some(LINQING), Some(YEAR)).await?;
        yi(&s.invested_wan_yuan, 1)
    }
);
fact!(
    /// Completed ÷ planned.
    key_completion, "158.42%", "/projects", |app, actor| {
        let s = super::project_stats(app, actor, Some(LINQING), Some(YEAR)).await?;
        s.completion_pct.map_or_else(|| "—".into(), |p| format!("{p:.2}%"))
    }
);

/// The attraction figures of projects of 1亿元 or more.
async fn big_signed(app: &App, actor: &Actor) -> Result<super::InvestmentStats, crate::AppError> {
    super::investment_stats(app, actor, Some(LINQING), Some(YEAR), Some("10000")).await
}

fact!(
    /// Newly signed attraction projects of 1亿元 or more.
    signed_count, "39个", "/investment", |app, actor| {
        format!("{}个", big_signed(app, actor).await?.signed_count)
    }
);
fact!(
    /// Their planned investment.
    signed_planned, "179.9亿元", "/investment", |app, actor| {
        yi(&big_signed(app, actor).await?.planned_wan_yuan, 1)
    }
);
fact!(
    /// Their funds in place (the seed fact says about 42亿元).
    signed_in_place, "42亿元", "/investment", |app, actor| {
        yi(&big_signed(app, actor).await?.in_place_wan_yuan, 0)
    }
);
fact!(
    /// Approved-but-unsupplied land disposed of.
    land_disposed, "1211亩", "/land", |app, actor| {
        mu(&super::land_stats(app, actor, Some(LINQING), Some(YEAR)).await?.disposed_mu)
    }
);
fact!(
    /// Low-efficiency land surveyed.
    land_surveyed, "13148亩", "/land", |app, actor| {
        mu(&super::land_stats(app, actor, Some(LINQING), Some(YEAR)).await?.inefficient_surveyed_mu)
    }
);
fact!(
    /// Low-efficiency land entered into the database.
    land_entered, "771.62亩", "/land", |app, actor| {
        mu(&super::land_stats(app, actor, Some(LINQING), Some(YEAR)).await?.inefficient_entered_mu)
    }
);
fact!(
    /// Support funds paid (the seed fact: over 2,000万元).
    funds_paid, ">2000万元", "/support-funds", |app, actor| {
        let s = super::support_fund_stats(app, actor, Some(LINQING), Some(YEAR)).await?;
        let wan: f64 = s.total_wan_yuan.parse().unwrap_or(0.0);
        if wan > 2000.0 { ">2000万元".into() } else { format!("{}万元", s.total_wan_yuan) }
    }
);
fact!(
    /// 5G base stations built.
    base_stations, "800个", "/digital-records", |app, actor| {
        format!("{}个", super::digital_stats(app, actor, Some(LINQING), Some(YEAR)).await?.base_stations_5g)
    }
);
fact!(
    /// Enterprises newly on the cloud.
    cloud, "202家", "/digital-records", |app, actor| {
        format!("{}家", super::digital_stats(app, actor, Some(LINQING), Some(YEAR)).await?.cloud_enterprises)
    }
);
fact!(
    /// Enterprises certified for 两化融合.
    integration, "2家", "/digital-records", |app, actor| {
        format!("{}家", super::digital_stats(app, actor, Some(LINQING), Some(YEAR)).await?.integration_certified)
    }
);
fact!(
    /// Enterprises certified for DCMM.
    dcmm, "1家", "/digital-records", |app, actor| {
        format!("{}家", super::digital_stats(app, actor, Some(LINQING), Some(YEAR)).await?.dcmm_certified)
    }
);
