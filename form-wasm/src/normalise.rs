//! Reading what applicants type: full-width characters, thousands
//! separators, stray spaces and typed units are accepted and normalised, so
//! the page can show back exactly what will be submitted. A value that
//! cannot be read gets a reason (in Chinese), never a silent zero.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::date::{days_in_month, Date};

/// Full-width ASCII (`１２３`, `，`, `．`, `％`) to half-width; the ideographic
/// space to a space.
pub fn fold_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                '。' => '.',
                '、' => ',',
                c => c,
            })
            .collect(),
    )
}

/// A number as typed, read exactly.
pub struct NumberSpec<'a> {
    pub places: u32,
    pub negative: bool,
    /// Units the applicant may type after the number (the field's own unit
    /// and its usual spellings, longest first); they are dropped.
    pub units: &'a [&'a str],
}

/// Reads a decimal number: `１２，３４５．６万元` → 12345.6. The result
/// keeps the digits typed; `format_number` pads it to the field's places.
pub fn number(raw: &str, spec: &NumberSpec) -> Result<Decimal, String> {
    let folded = fold_width(raw);
    let mut s = folded.trim();
    for unit in spec.units {
        if let Some(rest) = s.strip_suffix(unit) {
            s = rest.trim_end();
            break;
        }
    }
    let cleaned: String = s.chars().filter(|c| *c != ',' && *c != ' ' && *c != '_').collect();
    if cleaned.is_empty() {
        return Err("请填写数字".into());
    }
    let (sign, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let well_formed = !int_part.is_empty()
        && int_part.bytes().all(|b| b.is_ascii_digit())
        && frac_part.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && frac_part.is_empty());
    if !well_formed {
        let unit = spec.units.first().map(|u| format!("，单位为{u}")).unwrap_or_default();
        return Err(format!("“{}”不是数字，请只填写数字{unit}", raw.trim()));
    }
    if int_part.len() > 15 {
        return Err("数字过大，请检查".into());
    }
    let places = frac_part.len() as u32;
    if places > spec.places {
        return Err(match spec.places {
            0 => "请填写整数".to_string(),
            n => format!("最多保留{n}位小数"),
        });
    }
    let value = Decimal::from_str_exact(digits).map_err(|_| "数字过大，请检查".to_string())?;
    let value = if sign < 0 { -value } else { value };
    if value.is_sign_negative() && !value.is_zero() && !spec.negative {
        return Err("不能为负数".into());
    }
    Ok(value)
}

/// `12345.6` with 2 places → `12345.60`; −0 is written 0.
pub fn format_number(d: Decimal, places: u32) -> String {
    let d = if d.is_zero() { Decimal::ZERO } else { d };
    format!("{:.*}", places as usize, d)
}

/// The digit groups of a date as typed: `2025年11月13日`, `2025/11/13`,
/// `2025.11.13`, `2025-11-13`, or `20251113`.
fn digit_groups(s: &str) -> Vec<String> {
    let folded = fold_width(s);
    let groups: Vec<String> =
        folded.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).map(str::to_string).collect();
    groups
}

fn date_parts(raw: &str) -> Option<(u32, u32, u32)> {
    if !only_date_chars(raw) {
        return None;
    }
    match digit_groups(raw).as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
        }
        [all] if all.len() == 8 => Some((all[..4].parse().ok()?, all[4..6].parse().ok()?, all[6..].parse().ok()?)),
        _ => None,
    }
}

fn year_month_parts(raw: &str) -> Option<(u32, u32)> {
    if !only_date_chars(raw) {
        return None;
    }
    match digit_groups(raw).as_slice() {
        [y, m] if y.len() == 4 && m.len() <= 2 => Some((y.parse().ok()?, m.parse().ok()?)),
        [all] if all.len() == 6 => Some((all[..4].parse().ok()?, all[4..].parse().ok()?)),
        _ => None,
    }
}

fn only_date_chars(s: &str) -> bool {
    fold_width(s).chars().all(|c| c.is_ascii_digit() || " -/.年月日号".contains(c))
}

pub fn date(raw: &str) -> Result<Date, String> {
    let Some((y, m, d)) = date_parts(raw) else {
        return Err("请按“2025-11-13”或“2025年11月13日”的格式填写日期".into());
    };
    Date::new(y, m, d).ok_or_else(|| match days_in_month(y, m) {
        None => format!("没有{m}月，请检查月份"),
        Some(_) if !(1000..=9999).contains(&y) => "年份不正确".to_string(),
        Some(_) => format!("{y}年{m}月没有{d}日"),
    })
}

/// A year and month, `2025-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: u32,
    pub month: u32,
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

pub fn year_month(raw: &str) -> Result<YearMonth, String> {
    let Some((year, month)) = year_month_parts(raw) else {
        return Err("请按“2025-11”或“2025年11月”的格式填写年月".into());
    };
    if !(1..=12).contains(&month) {
        return Err(format!("没有{month}月，请检查月份"));
    }
    if !(1000..=9999).contains(&year) {
        return Err("年份不正确".into());
    }
    Ok(YearMonth { year, month })
}

fn digits_only(s: &str) -> String {
    fold_width(s).chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '（' | '）')).collect()
}

/// 11 digits starting with 1; `+86`/`86` and separators dropped: `13800138000`.
pub fn mobile(raw: &str) -> Result<String, String> {
    let d = digits_only(raw);
    let d = d.strip_prefix("+86").or_else(|| d.strip_prefix("0086")).unwrap_or(&d);
    let d = if d.len() == 13 { d.strip_prefix("86").unwrap_or(d) } else { d };
    if d.len() == 11 && d.starts_with('1') && d.bytes().all(|b| b.is_ascii_digit()) {
        Ok(d.to_string())
    } else {
        Err("手机号码应为以1开头的11位数字".into())
    }
}

/// Area code and number, `020-83134726`, with an optional extension
/// (`转123` or `-123`). Area codes starting 01/02 have 3 digits, others 4.
pub fn landline(raw: &str) -> Result<String, String> {
    let folded = fold_width(raw).replace("转", "-").replace("分机", "-");
    let trimmed = folded.trim();
    // Split off an extension written after the main number.
    let (main, ext) = split_extension(trimmed);
    let d: String = main.chars().filter(|c| c.is_ascii_digit()).collect();
    let bad_chars = main.chars().any(|c| !c.is_ascii_digit() && !" -()（）".contains(c));
    let area_len = if d.starts_with("01") || d.starts_with("02") { 3 } else { 4 };
    let ok = !bad_chars
        && d.starts_with('0')
        && d.len() > area_len
        && (7..=8).contains(&(d.len() - area_len))
        && ext.as_ref().is_none_or(|e| (1..=6).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return Err("请填写区号和号码，例如 020-83134726".into());
    }
    let mut out = format!("{}-{}", &d[..area_len], &d[area_len..]);
    if let Some(e) = ext {
        out.push('-');
        out.push_str(&e);
    }
    Ok(out)
}

fn split_extension(s: &str) -> (&str, Option<String>) {
    // `020-83134726-123`: a third dash-separated group is an extension.
    let groups: Vec<&str> = s.split('-').collect();
    if groups.len() == 3 && groups.iter().all(|g| !g.trim().is_empty()) {
        let main_len = groups[0].len() + 1 + groups[1].len();
        return (&s[..main_len], Some(groups[2].trim().to_string()));
    }
    (s, None)
}

/// Six digits.
pub fn postcode(raw: &str) -> Result<String, String> {
    let d: String = fold_width(raw).chars().filter(|c| !c.is_whitespace()).collect();
    if d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit()) {
        Ok(d)
    } else {
        Err("邮政编码应为6位数字".into())
    }
}

pub fn email(raw: &str) -> Result<String, String> {
    let s = fold_width(raw).trim().to_string();
    let valid = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
        }
        None => false,
    };
    if valid {
        Ok(s)
    } else {
        Err("请填写有效的电子邮箱，例如 name@example.com".into())
    }
}

/// A web address; `www.example.cn` is accepted as typed.
pub fn url(raw: &str) -> Result<String, String> {
    let s = fold_width(raw).trim().to_string();
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(&s);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let valid = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !s.chars().any(char::is_whitespace)
        && host.chars().all(|c| c.is_alphanumeric() || ".-:".contains(c));
    if valid {
        Ok(s)
    } else {
        Err("请填写有效的网址，例如 https://www.example.cn".into())
    }
}

/// Plain text: surrounding spaces dropped, full-width kept (it is Chinese text).
pub fn text(raw: &str) -> String {
    raw.trim().to_string()
}

/// Characters as the form counts them: Unicode scalar values (𩸽 is one).
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(raw: &str) -> Result<String, String> {
        number(raw, &NumberSpec { places: 2, negative: false, units: &["万元", "万"] }).map(|d| format_number(d, 2))
    }

    #[test]
    fn full_width_digits_commas_and_units_are_read() {
        assert_eq!(money("１２，３４５．６").unwrap(), "12345.60");
        assert_eq!(money(" 12,345.6 万元 ").unwrap(), "12345.60");
        assert_eq!(money("０").unwrap(), "0.00");
        assert_eq!(money("100万").unwrap(), "100.00");
    }

    #[test]
    fn unreadable_numbers_say_why() {
        assert_eq!(money("abc").unwrap_err(), "“abc”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("1.234").unwrap_err(), "最多保留2位小数");
        assert_eq!(money("-5").unwrap_err(), "不能为负数");
        assert_eq!(money("5000元").unwrap_err(), "“5000元”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("1e5").unwrap_err(), "“1e5”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("1.").unwrap_err(), "“1.”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("").unwrap_err(), "请填写数字");
        let int = NumberSpec { places: 0, negative: false, units: &["人"] };
        assert_eq!(number("12.5", &int).unwrap_err(), "请填写整数");
        assert_eq!(format_number(number("３０人", &int).unwrap(), 0), "30");
        let profit = NumberSpec { places: 2, negative: true, units: &["万元"] };
        assert_eq!(format_number(number("－１２.５", &profit).unwrap(), 2), "-12.50");
        assert_eq!(format_number(number("-0", &profit).unwrap(), 2), "0.00");
    }

    #[test]
    fn dates_in_the_ways_people_write_them() {
        for raw in ["2025-11-13", "2025/11/13", "2025.11.13", "2025年11月13日", "２０２５年１１月１３日", "20251113"]
        {
            assert_eq!(date(raw).unwrap().to_string(), "2025-11-13", "{raw}");
        }
        assert_eq!(date("2025年2月30日").unwrap_err(), "2025年2月没有30日");
        assert_eq!(date("2025-13-01").unwrap_err(), "没有13月，请检查月份");
        assert!(date("11/13/2025").is_err());
        assert!(date("2025-11-13x").is_err());
        assert_eq!(year_month("2023年1月").unwrap().to_string(), "2023-01");
        assert!(year_month("2023-13").is_err());
    }

    #[test]
    fn phones_postcodes_emails_urls() {
        assert_eq!(mobile("138 0013 8000").unwrap(), "13800138000");
        assert_eq!(mobile("+86 13800138000").unwrap(), "13800138000");
        assert!(mobile("2380013800").is_err());
        assert_eq!(landline("020-83134726").unwrap(), "020-83134726");
        assert_eq!(landline("（０２０）８３１３４７２６").unwrap(), "020-83134726");
        assert_eq!(landline("02083134726").unwrap(), "020-83134726");
        assert_eq!(landline("0755 12345678").unwrap(), "0755-12345678");
        assert_eq!(landline("020-83134726转123").unwrap(), "020-83134726-123");
        assert!(landline("83134726").is_err());
        assert_eq!(postcode("５１００３１").unwrap(), "510031");
        assert!(postcode("51003").is_err());
        assert!(email("a@b.cn").is_ok());
        assert!(email("a@b").is_err());
        assert!(url("https://www.gdei.gov.cn/x").is_ok());
        assert!(url("www.example.cn").is_ok());
        assert!(url("not a url").is_err());
    }

    #[test]
    fn characters_are_scalar_values() {
        assert_eq!(char_count("𩸽"), 1);
        assert_eq!(char_count("中小企业"), 4);
    }
}
