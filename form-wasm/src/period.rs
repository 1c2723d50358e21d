//! Times as people write them in a table cell: a day, a month, or a range
//! of days or months (`2025年3月`, `2025年3月5日-6日`, `2025年3月至5月`,
//! `2025.3.5—3.6`), and the open end of a cooperation (`2023年1月—至今`).
//!
//! The stored form keeps the precision written and reads back to itself:
//! `2025-03`, `2025-03-05`, `2025-03-05 至 2025-03-06`, `2025-03 至 2025-05`.

use std::fmt;

use crate::date::{days_in_month, iso_parts, Date};
use crate::normalise::{fold_width, trim, year_month, YearMonth};

/// One end of a period: a whole month or one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Month(YearMonth),
    Day(Date),
}

impl Point {
    pub fn first_day(self) -> Date {
        match self {
            Point::Month(ym) => Date { year: ym.year, month: ym.month, day: 1 },
            Point::Day(d) => d,
        }
    }

    pub fn last_day(self) -> Date {
        match self {
            Point::Month(ym) => {
                Date { year: ym.year, month: ym.month, day: days_in_month(ym.year, ym.month).unwrap_or(28) }
            }
            Point::Day(d) => d,
        }
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Point::Month(ym) => write!(f, "{ym}"),
            Point::Day(d) => write!(f, "{d}"),
        }
    }
}

/// A day, a month, or a range from `start` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Point,
    pub end: Option<Point>,
}

impl Period {
    pub fn first_day(&self) -> Date {
        self.start.first_day()
    }

    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(self.start).last_day()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            None => write!(f, "{}", self.start),
            Some(end) => write!(f, "{} 至 {end}", self.start),
        }
    }
}

const PERIOD_FORMAT: &str = "请按“2025年3月5日”“2025年3月”“2025年3月5日-6日”或“2025年3月至5月”的写法填写时间";

/// Reads a period. `-` both separates the parts of a date and joins a
/// range, so the text is first read as one day or month, and only when it
/// is neither as a range split at a `-`.
pub fn period(raw: &str) -> Result<Period, String> {
    match stored_point(raw) {
        Some(p) => Ok(Period { start: p, end: None }),
        None => by_rules(raw),
    }
}

/// `period` by its general rules, for any way of writing it.
fn by_rules(raw: &str) -> Result<Period, String> {
    let folded = fold_width(raw);
    let mut s = String::with_capacity(folded.len());
    s.extend(folded.chars().filter(|c| !c.is_whitespace()));
    let parts = split_explicit(&s);
    if let [start, end] = parts.as_slice() {
        return range(start, end);
    }
    if parts.len() > 2 {
        return Err(PERIOD_FORMAT.into());
    }
    // `2025.3-5` mixes two separators: March to May, not 5 March.
    let mut separators = s.chars().filter(|c| matches!(c, '-' | '/' | '.'));
    let first = separators.next();
    let mixed = separators.any(|c| Some(c) != first);
    let whole = match point(&s, None) {
        Ok(p) if !mixed => return Ok(Period { start: p, end: None }),
        Ok(_) => Why::Format,
        Err(why) => why,
    };
    // The rightmost `-` first: `2025-03-05-06` is the 5th to the 6th.
    for (i, _) in s.match_indices('-').rev() {
        let (a, b) = (&s[..i], &s[i + 1..]);
        if let Ok(start) = point(a, None) {
            if point(b, Some(start)).is_ok() {
                return range(a, b);
            }
        }
    }
    Err(whole.message())
}

/// A day or month written as stored (`2025-03-05`, `2025-03`), as most
/// are: read without the general rules (which read it the same).
fn stored_point(s: &str) -> Option<Point> {
    match iso_parts(s)? {
        (year, month, Some(day)) => Date::new(year, month, day).map(Point::Day),
        // A month that exists, as its first day does.
        (year, month, None) => Date::new(year, month, 1).map(|_| Point::Month(YearMonth { year, month })),
    }
}

fn range(a: &str, b: &str) -> Result<Period, String> {
    let start = point(a, None).map_err(Why::message)?;
    let end = point(b, Some(start)).map_err(Why::message)?;
    if start.first_day() > end.last_day() {
        return Err(format!("开始时间（{start}）不能晚于结束时间（{end}）"));
    }
    Ok(Period { start, end: Some(end) })
}

/// Splits at the words and marks that only ever join a range: 至, 到, ~, and
/// dashes (`—`, `——`, `–`). A single part when there is none.
fn split_explicit(s: &str) -> Vec<&str> {
    let is_joiner = |c: char| matches!(c, '至' | '到' | '~' | '〜' | '—' | '–' | '―');
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(is_joiner) {
        parts.push(&rest[..i]);
        rest = rest[i..].trim_start_matches(is_joiner);
    }
    parts.push(rest);
    parts
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Year,
    Month,
    Day,
}

/// Why a text is not a point in time.
#[derive(Debug)]
enum Why {
    Format,
    /// Written right, but not in the calendar: the reason.
    Calendar(String),
}

impl Why {
    fn message(self) -> String {
        match self {
            Why::Format => PERIOD_FORMAT.into(),
            Why::Calendar(m) => m,
        }
    }
}

/// The digit groups of one end and the unit after each (年, 月, 日 or 号;
/// none after `-`, `/`, `.` or at the end).
fn groups(s: &str) -> Option<Vec<(&str, Option<Role>)>> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        let (digits, after) = rest.split_at(n);
        let mut chars = after.chars();
        let unit = match chars.next() {
            None => None,
            Some('年') => Some(Role::Year),
            Some('月') => Some(Role::Month),
            Some('日' | '号') => Some(Role::Day),
            Some('-' | '/' | '.') if !chars.as_str().is_empty() => None,
            Some(_) => return None,
        };
        out.push((digits, unit));
        rest = chars.as_str();
    }
    Some(out)
}

/// One end: `2025年3月5日`, `2025-03`, `20250305`; for the end of a range,
/// also what it shares with the start left out (`6日`, `5月`, `3.6`, `6`).
fn point(s: &str, start: Option<Point>) -> Result<Point, Why> {
    let gs = groups(s).ok_or(Why::Format)?;
    let compact = match gs.as_slice() {
        [(d, None)] if d.len() == 8 => Some(vec![(&d[..4], Role::Year), (&d[4..6], Role::Month), (&d[6..], Role::Day)]),
        [(d, None)] if d.len() == 6 => Some(vec![(&d[..4], Role::Year), (&d[4..], Role::Month)]),
        _ => None,
    };
    let parts = match compact {
        Some(p) => p,
        None => {
            let mut parts: Vec<(&str, Role)> = Vec::new();
            for (digits, unit) in &gs {
                let role = match (unit, parts.last()) {
                    (Some(r), _) => *r,
                    (None, Some((_, Role::Year))) => Role::Month,
                    (None, Some((_, Role::Month))) => Role::Day,
                    (None, Some((_, Role::Day))) => return Err(Why::Format),
                    (None, None) if digits.len() == 4 => Role::Year,
                    // `3.6` after a day: month and day; a lone `6` is as precise as the start.
                    (None, None) if gs.len() > 1 => Role::Month,
                    (None, None) => match start {
                        Some(Point::Day(_)) => Role::Day,
                        Some(Point::Month(_)) => Role::Month,
                        None => return Err(Why::Format),
                    },
                };
                parts.push((digits, role));
            }
            parts
        }
    };
    // Year, month, day in that order, none skipped, ending at a month or a day.
    let in_order = parts.windows(2).all(|w| (w[0].1 as u8) + 1 == w[1].1 as u8);
    let last = parts.last().ok_or(Why::Format)?.1;
    if !in_order || last == Role::Year {
        return Err(Why::Format);
    }
    let get = |role: Role| parts.iter().find(|(_, r)| *r == role).map(|(d, _)| *d);
    let shared = start.map(Point::first_day);
    let year = match get(Role::Year) {
        Some(y) if y.len() == 4 => y.parse().map_err(|_| Why::Format)?,
        Some(_) => return Err(Why::Format),
        None => shared.ok_or(Why::Format)?.year,
    };
    let month: u32 = match get(Role::Month) {
        Some(m) if m.len() <= 2 => m.parse().map_err(|_| Why::Format)?,
        Some(_) => return Err(Why::Format),
        None => shared.ok_or(Why::Format)?.month,
    };
    if !(1..=12).contains(&month) {
        return Err(Why::Calendar(format!("没有{month}月，请检查月份")));
    }
    if !(1000..=9999).contains(&year) {
        return Err(Why::Calendar("年份不正确".into()));
    }
    match get(Role::Day) {
        None => Ok(Point::Month(YearMonth { year, month })),
        Some(d) if d.len() <= 2 => {
            let day: u32 = d.parse().map_err(|_| Why::Format)?;
            Date::new(year, month, day)
                .map(Point::Day)
                .ok_or_else(|| Why::Calendar(format!("{year}年{month}月没有{day}日")))
        }
        Some(_) => Err(Why::Format),
    }
}

/// The end of a 起止 range of months: a month, or open (`至今`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    Month(YearMonth),
    /// 至今 (also typed 今 or 现在): the cooperation goes on.
    Ongoing,
}

impl fmt::Display for RangeEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeEnd::Month(ym) => write!(f, "{ym}"),
            RangeEnd::Ongoing => f.write_str(ONGOING),
        }
    }
}

/// How an open end is stored.
pub const ONGOING: &str = "至今";

/// The end of a range of months as typed in its box: `2025-12`,
/// `2025年12月`, `至2025年12月`, or `至今` / `今` / `现在`.
pub fn range_end(raw: &str) -> Result<RangeEnd, String> {
    let folded = fold_width(raw);
    let s = trim(&folded);
    let s = s.strip_prefix('至').or_else(|| s.strip_prefix('到')).unwrap_or(s).trim();
    match s {
        "今" | "现在" => Ok(RangeEnd::Ongoing),
        _ => year_month(s).map(RangeEnd::Month).map_err(|e| format!("{e}；仍在合作的可填“至今”")),
    }
}

/// A range of months written in one piece (`2023年1月—至今`,
/// `2023.1-2025.12`, `2023-01 至 2025-12`), as an import may carry it:
/// its two ends as typed, or `None` when it does not split into a month and
/// an end.
pub fn split_month_range(raw: &str) -> Option<(String, String)> {
    let s = trim(&fold_width(raw)).to_string();
    let fits = |a: &str, b: &str| year_month(a.trim()).is_ok() && range_end(b).is_ok();
    let open = |b: &str| if b.trim() == "今" { ONGOING.to_string() } else { b.trim().to_string() };
    const DASHES: [char; 6] = ['~', '〜', '—', '–', '―', '-'];
    for (i, c) in s.char_indices() {
        if !(DASHES.contains(&c) || c == '至' || c == '到') {
            continue;
        }
        // `—至今`: the dashes go, 至 stays with the end it belongs to.
        let (a, b) = (&s[..i], s[i..].trim_start_matches(DASHES));
        if fits(a, b) {
            return Some((a.trim().to_string(), open(b.trim_start_matches(['至', '到']))));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> String {
        period(raw).unwrap_or_else(|e| panic!("{raw}: {e}")).to_string()
    }

    #[test]
    fn a_day_or_month_written_as_stored_reads_as_the_general_rules_read_it() {
        for raw in ["2025-03-05", "2024-02-29", "1000-01-01", "9999-12-31", "2025-03", "2025-12", "1000-01"] {
            let stored = stored_point(raw).map(|p| Period { start: p, end: None });
            assert_eq!(stored, by_rules(raw).ok(), "{raw}");
        }
        for raw in ["2025-02-29", "2025-13-01", "2025-00", "0999-01", "2025-3-05", "2025-03-5", " 2025-03", "2025/03"] {
            assert_eq!(stored_point(raw), None, "{raw}");
        }
    }

    #[test]
    fn a_day_or_a_month_keeps_the_precision_written() {
        for (raw, stored) in [
            ("2025年3月5日", "2025-03-05"),
            ("2025-3-5", "2025-03-05"),
            ("2025.03.05", "2025-03-05"),
            ("２０２５年３月５号", "2025-03-05"),
            ("20250305", "2025-03-05"),
            ("2025年3月", "2025-03"),
            ("2025-03", "2025-03"),
            ("2025.3", "2025-03"),
            ("202503", "2025-03"),
            (" 2025 年 3 月 ", "2025-03"),
        ] {
            assert_eq!(read(raw), stored, "{raw}");
        }
    }

    #[test]
    fn ranges_of_days_and_months_as_people_write_them() {
        for (raw, stored) in [
            ("2025年3月5日-6日", "2025-03-05 至 2025-03-06"),
            ("2025年3月5日至6日", "2025-03-05 至 2025-03-06"),
            ("2025年3月5-6日", "2025-03-05 至 2025-03-06"),
            ("2025.3.5—3.6", "2025-03-05 至 2025-03-06"),
            ("2025.3.5-3.6", "2025-03-05 至 2025-03-06"),
            ("2025.3.5-6", "2025-03-05 至 2025-03-06"),
            ("2025.3-5", "2025-03 至 2025-05"),
            ("2025-03-05-06", "2025-03-05 至 2025-03-06"),
            ("2025-03-05~2025-03-08", "2025-03-05 至 2025-03-08"),
            ("2025年3月至5月", "2025-03 至 2025-05"),
            ("2025年3-5月", "2025-03 至 2025-05"),
            ("2025年3月——5月", "2025-03 至 2025-05"),
            ("2025-03-2025-05", "2025-03 至 2025-05"),
            ("2025年3月28日至4月2日", "2025-03-28 至 2025-04-02"),
            ("2024年12月至2025年1月", "2024-12 至 2025-01"),
        ] {
            assert_eq!(read(raw), stored, "{raw}");
        }
    }

    #[test]
    fn the_stored_form_reads_back_to_itself() {
        for stored in ["2025-03", "2025-03-05", "2025-03-05 至 2025-03-06", "2025-03 至 2025-05"] {
            assert_eq!(read(stored), stored);
        }
    }

    #[test]
    fn wrong_periods_say_why() {
        assert_eq!(period("2025年3月5日-3日").unwrap_err(), "开始时间（2025-03-05）不能晚于结束时间（2025-03-03）");
        assert_eq!(period("2025年5月至3月").unwrap_err(), "开始时间（2025-05）不能晚于结束时间（2025-03）");
        assert_eq!(period("2025年2月30日").unwrap_err(), "2025年2月没有30日");
        assert_eq!(period("2025年13月").unwrap_err(), "没有13月，请检查月份");
        for raw in ["3月5日", "2025年", "上半年", "2025年3月上旬", "2025年3月至5月至6月", "2025/3/5/6/7"]
        {
            assert_eq!(period(raw).unwrap_err(), PERIOD_FORMAT, "{raw}");
        }
    }

    #[test]
    fn bounds_use_the_first_and_last_day() {
        let p = period("2025年12月").unwrap();
        assert_eq!((p.first_day().to_string(), p.last_day().to_string()), ("2025-12-01".into(), "2025-12-31".into()));
        let p = period("2024年2月").unwrap();
        assert_eq!(p.last_day().to_string(), "2024-02-29");
    }

    #[test]
    fn an_open_end_is_stored_as_zhijin() {
        for raw in ["至今", "今", "现在", " 至今 "] {
            assert_eq!(range_end(raw), Ok(RangeEnd::Ongoing), "{raw}");
        }
        assert_eq!(range_end("至2025年12月").map(|e| e.to_string()), Ok("2025-12".into()));
        assert_eq!(range_end("长期").unwrap_err(), "请按“2025-11”或“2025年11月”的格式填写年月；仍在合作的可填“至今”");
    }

    #[test]
    fn a_range_of_months_in_one_piece_splits_into_its_ends() {
        let split = |raw: &str| split_month_range(raw).map(|(a, b)| format!("{a}|{b}"));
        assert_eq!(split("2023年1月—至今").as_deref(), Some("2023年1月|至今"));
        assert_eq!(split("2023年1月至今").as_deref(), Some("2023年1月|至今"));
        assert_eq!(split("2023.1-2025.12").as_deref(), Some("2023.1|2025.12"));
        assert_eq!(split("2023-01-2025-12").as_deref(), Some("2023-01|2025-12"));
        assert_eq!(split("2023-01 至 2025-12").as_deref(), Some("2023-01|2025-12"));
        assert_eq!(split("2023年1月—2025年12月").as_deref(), Some("2023年1月|2025年12月"));
        assert_eq!(split("长期合作"), None);
    }
}
