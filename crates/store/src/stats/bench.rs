//! The hand-written SQL the statistics benchmark measures the in-memory aggregate against:
//! the county × group × month table of one indicator for a year and the year before, for the
//! above-size industrial enterprises of a region, in one statement.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

/// The smallest code above every code starting with `prefix` (`C33` → `C34`, `3715` → `3716`).
fn upper(prefix: &str) -> String {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if last != '9' && last != 'Z' {
            chars.push(char::from_u32(last as u32 + 1).unwrap_or(last));
            return chars.into_iter().collect();
        }
    }
    "~".into()
}

/// One row of the hand-written query: county, group, month, this year's sum, last year's sum
/// (both over this year's population: the comparable basis).
pub type SqlRow = (String, String, i16, i64, i64);

/// Runs the hand-written query: `groups` are (code, industry-code prefixes).
pub async fn dashboard_sql<C: ConnectionTrait>(
    conn: &C,
    region_prefix: &str,
    year: i32,
    indicator: &str,
    groups: &[(String, Vec<String>)],
) -> Result<Vec<SqlRow>, DbErr> {
    let backend = conn.get_database_backend();
    let mut values: Vec<Value> = Vec::new();
    let next = |v: Value, values: &mut Vec<Value>| {
        values.push(v);
        match backend {
            DbBackend::Postgres => format!("${}", values.len()),
            _ => "?".to_string(),
        }
    };
    let mut ranges = Vec::new();
    for (code, prefixes) in groups {
        for p in prefixes {
            let c = next(code.clone().into(), &mut values);
            let lo = next(p.clone().into(), &mut values);
            let hi = next(upper(p).into(), &mut values);
            ranges.push(format!("SELECT {c} AS code, {lo} AS lo, {hi} AS hi"));
        }
    }
    let y = next(year.into(), &mut values);
    let y_prior = next((year - 1).into(), &mut values);
    let y2 = next(year.into(), &mut values);
    let y3 = next((year - 1).into(), &mut values);
    let ind = next(indicator.to_string().into(), &mut values);
    let since = next(year.into(), &mut values);
    let r_lo = next(region_prefix.to_string().into(), &mut values);
    let r_hi = next(upper(region_prefix).into(), &mut values);
    let sql = format!(
        "WITH grp AS ({ranges}) \
         SELECT substr(e.region_code, 1, 6) AS county, g.code AS grp, f.month AS month, \
           CAST(SUM(CASE WHEN f.year = {y} THEN f.value ELSE 0 END) AS BIGINT) AS cur, \
           CAST(SUM(CASE WHEN f.year = {y_prior} THEN f.value ELSE 0 END) AS BIGINT) AS prior \
         FROM stats_figure f \
         JOIN enterprise e ON e.uscc = f.uscc \
         JOIN grp g ON e.industry_code >= g.lo AND e.industry_code < g.hi \
         WHERE f.year IN ({y2}, {y3}) AND f.indicator = {ind} \
           AND e.above_size AND (e.above_size_since IS NULL OR e.above_size_since <= {since}) \
           AND substr(e.industry_code, 1, 1) IN ('B', 'C', 'D') \
           AND e.region_code >= {r_lo} AND e.region_code < {r_hi} \
         GROUP BY substr(e.region_code, 1, 6), g.code, f.month \
         ORDER BY 1, 2, 3",
        ranges = ranges.join(" UNION ALL "),
    );
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<String>("", "county")?,
                r.try_get::<String>("", "grp")?,
                r.try_get::<i16>("", "month")?,
                r.try_get::<i64>("", "cur")?,
                r.try_get::<i64>("", "prior")?,
            ))
        })
        .collect()
}
