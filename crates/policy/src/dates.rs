//! Dates as people type them in spreadsheets.

use chrono::NaiveDate;

/// Parses a date in the forms found in Chinese spreadsheets: `2022-01-05`, `2022/1/5`,
/// `2022.1.5`, `2022年1月5日`, `20220105`, or an Excel serial number (days since 1899-12-30,
/// as calamine reads a date cell; 1 to 2958465).
pub fn parse_flexible_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = excel_serial(s) {
        return Some(d);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    let normalised: String = s
        .replace(['年', '月'], "-")
        .replace('日', "")
        .replace(['/', '.'], "-");
    let parts: Vec<&str> = normalised.split('-').map(str::trim).collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let d: u32 = parts[2].split_whitespace().next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

fn excel_serial(s: &str) -> Option<NaiveDate> {
    let value: f64 = s.parse().ok()?;
    if !(1.0..=2_958_465.0).contains(&value) || s.len() == 8 {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(value.floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_common_form() {
        let want = NaiveDate::from_ymd_opt(2022, 1, 5).unwrap();
        for s in [
            "2022-01-05",
            "2022/1/5",
            "2022.1.5",
            "2022年1月5日",
            "20220105",
            "44566",
            " 2022-1-5 ",
        ] {
            assert_eq!(parse_flexible_date(s), Some(want), "{s:?}");
        }
    }

    #[test]
    fn refuses_impossible_dates() {
        for s in [
            "",
            "2022-13-01",
            "2022-02-30",
            "22-1-5",
            "yesterday",
            "0",
            "2022/1",
        ] {
            assert_eq!(parse_flexible_date(s), None, "{s:?}");
        }
    }
}
