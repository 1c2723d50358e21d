//! Reading what applicants type: full-width characters, thousands
//! separators, stray spaces and typed units are accepted and normalised, so
//! the page can show back exactly what will be submitted. A value that
//! cannot be read gets a reason (in Chinese), never a silent zero.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::date::{days_in_month, zero_padded, Date};

/// Full-width ASCII (`１２３`, `，`, `．`, `％`) to half-width; the ideographic
/// space to a space.
pub fn fold_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(fold_char).collect())
}

/// Full-width ASCII folded, nothing else: for text kept as typed (an
/// unusual phone number, an unlisted industry), where 、 and 。 are the
/// applicant's own punctuation.
pub fn fold_ascii(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '、' | '。') { c } else { fold_char(c) }).collect()
}

/// One character of `fold_width`.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '。' => '.',
        '、' => ',',
        c => c,
    }
}

/// A number as typed, read exactly.
pub struct NumberSpec<'a> {
    /// Whole numbers only (people, enterprises). Other numbers take any
    /// number of decimals: the seed sets no precision, and 元 → 万元 gives four.
    pub integer: bool,
    pub negative: bool,
    /// Units the applicant may type after the number (the field's own unit
    /// and its usual spellings, longest first); they are dropped.
    pub units: &'a [&'a str],
}

/// Reads a decimal number: `１２，３４５．６万元` → 12345.6. The result keeps
/// the digits typed, trailing zeros included (`1.50` stays `1.50`): nothing
/// typed is rounded. Commas and spaces are read as thousands separators only
/// where they are ones (`1,234`); `2,50` is refused, never read as 250.
pub fn number(raw: &str, spec: &NumberSpec) -> Result<Decimal, String> {
    let folded = fold_width(raw);
    let mut s = trim(&folded);
    for unit in spec.units {
        if let Some(rest) = s.strip_suffix(unit) {
            s = rest.trim_end();
            break;
        }
    }
    if s.is_empty() {
        return Err("请填写数字".into());
    }
    let (sign, unsigned) = match s.strip_prefix('-') {
        Some(rest) => (-1, rest.trim_start()),
        None => (1, s.strip_prefix('+').unwrap_or(s).trim_start()),
    };
    let (int_typed, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let not_a_number = || {
        let unit = spec.units.first().map(|u| format!("，单位为{u}")).unwrap_or_default();
        format!("“{}”不是数字，请只填写数字{unit}", raw.trim())
    };
    let is_separator = |c: char| c == ',' || c == ' ';
    let int_part = thousands(int_typed).ok_or_else(|| {
        let all_digits = int_typed.chars().all(|c| c.is_ascii_digit() || is_separator(c));
        match (all_digits, int_typed.contains(',')) {
            (false, _) => not_a_number(),
            (true, true) => format!("“{s}”中的逗号位置不对；千位分隔符只能每三位一个，小数点请用“.”"),
            (true, false) => format!("“{s}”中间有空格，请删去空格或检查数字"),
        }
    })?;
    let well_formed = !int_part.is_empty()
        && frac_part.bytes().all(|b| b.is_ascii_digit())
        && !(unsigned.contains('.') && frac_part.is_empty());
    if !well_formed {
        return Err(
            if frac_part.contains(is_separator)
                && frac_part.replace(is_separator, "").bytes().all(|b| b.is_ascii_digit())
            {
                format!("“{s}”中小数点后不能有逗号或空格，请检查")
            } else {
                not_a_number()
            },
        );
    }
    if int_part.len() > 15 {
        return Err("数字过大，请检查".into());
    }
    if spec.integer && !frac_part.is_empty() {
        return Err("请填写整数".into());
    }
    // Typed without separators, the number is its own digits.
    let digits = match &int_part {
        Cow::Borrowed(_) => Cow::Borrowed(unsigned),
        Cow::Owned(int) if frac_part.is_empty() => Cow::Borrowed(int.as_str()),
        Cow::Owned(int) => Cow::Owned(format!("{int}.{frac_part}")),
    };
    // Up to 28 significant digits are kept exactly; more cannot be.
    let value = Decimal::from_str_exact(&digits).map_err(|_| "小数位数过多，无法精确保存，请检查".to_string())?;
    let value = if sign < 0 { -value } else { value };
    if value.is_sign_negative() && !value.is_zero() && !spec.negative {
        return Err("不能为负数".into());
    }
    Ok(value)
}

/// The digits of an integer part written with or without thousands
/// separators: `12,345` and `12 345` → `12345`; `None` when a separator is
/// not between groups of three (`2,50`, `1,5`, `12,34`) or a character is not
/// a digit.
fn thousands(s: &str) -> Option<Cow<'_, str>> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Cow::Borrowed(s));
    }
    let groups: Vec<&str> = s.split([',', ' ']).collect();
    let (first, rest) = groups.split_first()?;
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let ok = digits(first)
        && (rest.is_empty() || (1..=3).contains(&first.len()))
        && rest.iter().all(|g| g.len() == 3 && digits(g));
    ok.then(|| Cow::Owned(groups.concat()))
}

/// A JSON number in exponent form written out: `1.5e3` → `1500`,
/// `25E-4` → `0.0025`; `None` for anything else. Plain string work, so the
/// digits stay exact (and the browser engine stays small).
pub fn expand_exponent(s: &str) -> Option<String> {
    let (mantissa, exp) = s.split_once(['e', 'E'])?;
    let exp: i32 = exp.strip_prefix('+').unwrap_or(exp).parse().ok().filter(|e: &i32| e.abs() <= 40)?;
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The digits with the point after `point` of them.
    let digits = format!("{int}{frac}");
    let point = int.len() as i32 + exp;
    let (int, frac) = if point <= 0 {
        ("0".to_string(), format!("{}{digits}", "0".repeat(point.unsigned_abs() as usize)))
    } else if point as usize >= digits.len() {
        (format!("{digits}{}", "0".repeat(point as usize - digits.len())), String::new())
    } else {
        (digits[..point as usize].to_string(), digits[point as usize..].to_string())
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(if frac.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int}.{frac}") })
}

/// `12345.6` with 2 places → `12345.60`; −0 is written 0. For computed
/// figures, already rounded to their places.
pub fn format_number(d: Decimal, places: u32) -> String {
    let d = if d.is_zero() { Decimal::ZERO } else { d };
    format!("{:.*}", places as usize, d)
}

/// A typed number as stored: padded to at least `places` decimals
/// (`12.5` → `12.50`), never rounded (`1.2345` stays `1.2345`); −0 is 0.
pub fn format_input(d: Decimal, places: u32) -> String {
    let mut d = if d.is_zero() { d.abs() } else { d };
    if d.scale() < places {
        d.rescale(places);
    }
    d.to_string()
}

/// The digit groups of a date as typed (`2025年11月13日`, `2025/11/13`,
/// `2025.11.13`, `2025-11-13`, or `20251113`) when it holds nothing but
/// digits and date marks, in `parts` (at most as many as it has room for,
/// else `None`).
fn digit_groups<'a>(folded: &'a str, parts: &mut [&'a str]) -> Option<usize> {
    if !folded.chars().all(|c| c.is_ascii_digit() || " -/.年月日号".contains(c)) {
        return None;
    }
    let mut n = 0;
    for g in folded.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()) {
        *parts.get_mut(n)? = g;
        n += 1;
    }
    Some(n)
}

fn date_parts(raw: &str) -> Option<(u32, u32, u32)> {
    let folded = fold_width(raw);
    let mut parts = [""; 3];
    let n = digit_groups(&folded, &mut parts)?;
    match &parts[..n] {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
        }
        [all] if all.len() == 8 => Some((all[..4].parse().ok()?, all[4..6].parse().ok()?, all[6..].parse().ok()?)),
        _ => None,
    }
}

fn year_month_parts(raw: &str) -> Option<(u32, u32)> {
    let folded = fold_width(raw);
    let mut parts = [""; 2];
    let n = digit_groups(&folded, &mut parts)?;
    match &parts[..n] {
        [y, m] if y.len() == 4 && m.len() <= 2 => Some((y.parse().ok()?, m.parse().ok()?)),
        [all] if all.len() == 6 => Some((all[..4].parse().ok()?, all[4..].parse().ok()?)),
        _ => None,
    }
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

impl YearMonth {
    /// `YYYY-MM` on the stack, as `Display` writes it (see `Date::iso`).
    pub fn iso(&self) -> Option<[u8; 7]> {
        let mut buf = [b'-'; 7];
        (zero_padded(&mut buf[..4], self.year) && zero_padded(&mut buf[5..], self.month)).then_some(buf)
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.iso() {
            Some(buf) => f.write_str(std::str::from_utf8(&buf).map_err(|_| std::fmt::Error)?),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
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
    let s = trim(&fold_width(raw)).to_string();
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
    let s = trim(&fold_width(raw)).to_string();
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

/// `str::trim`, for every value read: most begin and end with a character
/// no space can be, which the first and last bytes show without decoding.
/// Such a byte is a visible ASCII one, or the start of a character from
/// U+4000 up (lead byte 0xE4 and above: Han and full-width forms), as the
/// last space in Unicode is U+3000.
pub fn trim(s: &str) -> &str {
    // The last character's first byte: at most three bytes back.
    let last_lead = s.as_bytes().iter().rev().take(4).find(|&&x| x & 0xC0 != 0x80);
    if begins_plain(s) && last_lead.is_some_and(|&x| no_space_from(x)) {
        s
    } else {
        s.trim()
    }
}

/// `s` begins with a character no space can be (see `trim`).
pub fn begins_plain(s: &str) -> bool {
    s.as_bytes().first().is_some_and(|&x| no_space_from(x))
}

/// No character that begins with this byte is a space.
fn no_space_from(first_byte: u8) -> bool {
    first_byte.is_ascii_graphic() || first_byte >= 0xE4
}

/// 字数 as WPS and Word count it for Chinese text, which is how applicants
/// check "1000字以内": each Han character and each full-width punctuation
/// mark is one (𩸽 too); each run of other non-space characters that holds a
/// letter or digit is one word (`ISO9001`, `3.5`, `(2024)`, `e-mail`), and a
/// run of half-width punctuation alone is one; spaces and line breaks are
/// nothing. Full-width letters and digits (`ＩＳＯ９００１`) count as their
/// half-width forms.
pub fn char_count(s: &str) -> usize {
    let mut count = 0;
    let mut in_run = false;
    for c in s.chars() {
        if c.is_whitespace() {
            in_run = false;
        } else if is_wide(c) {
            count += 1;
            in_run = false;
        } else if !in_run {
            count += 1;
            in_run = true;
        }
    }
    count
}

/// Characters counted one each: Han, kana and hangul, CJK and full-width
/// punctuation, the quotes, dashes and ellipsis of Chinese text (“” ‘’ —— ……),
/// and symbols such as ① or ■. Full-width letters and digits are not: they
/// belong to runs like their half-width forms.
fn is_wide(c: char) -> bool {
    let full_width_alnum = matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ');
    !full_width_alnum
        && matches!(c as u32,
            0x00B7 // middle dot in names: 阿卜杜·热合曼
            | 0x2010..=0x2027 | 0x2030..=0x205E // general punctuation
            | 0x2460..=0x24FF | 0x25A0..=0x27BF // ①, ■ ● ★ ✓
            | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF // CJK, hangul
            | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F // vertical and small forms
            | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 // full-width forms
            | 0x20000..=0x3FFFF) // CJK extensions B and on
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The quick `trim` drops exactly what `str::trim` does, on text of
        /// every space Unicode has, CJK punctuation and Han at either end.
        #[test]
        fn trim_is_str_trim(s in "[ \t\n\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{3001}\u{3002}\u{feff}a1。，（）营业收入𩸽é]{0,6}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    fn money(raw: &str) -> Result<String, String> {
        number(raw, &NumberSpec { integer: false, negative: false, units: &["万元", "万"] }).map(|d| format_input(d, 2))
    }

    #[test]
    fn full_width_digits_commas_and_units_are_read() {
        assert_eq!(money("１２，３４５．６").unwrap(), "12345.60");
        assert_eq!(money(" 12,345.6 万元 ").unwrap(), "12345.60");
        assert_eq!(money("1,234,567").unwrap(), "1234567.00");
        assert_eq!(money("12 345.6").unwrap(), "12345.60");
        assert_eq!(money("０").unwrap(), "0.00");
        assert_eq!(money("100万").unwrap(), "100.00");
    }

    #[test]
    fn any_number_of_decimals_is_kept_exactly_never_rounded() {
        // 12,345 元 = 1.2345 万元: the seed sets no precision.
        assert_eq!(money("1.2345").unwrap(), "1.2345");
        assert_eq!(money("0.005").unwrap(), "0.005");
        assert_eq!(money("1.50").unwrap(), "1.50");
        assert_eq!(money("1.500").unwrap(), "1.500");
        assert_eq!(money("123456789012345.1234567890123").unwrap(), "123456789012345.1234567890123");
        assert_eq!(money("1.12345678901234567890123456789").unwrap_err(), "小数位数过多，无法精确保存，请检查");
    }

    #[test]
    fn a_comma_is_a_thousands_separator_only_between_groups_of_three() {
        for (raw, shown) in
            [("2,50", "2,50"), ("1,5", "1,5"), ("12,34万元", "12,34"), ("1234,567", "1234,567"), ("１，５", "1,5")]
        {
            assert_eq!(
                money(raw).unwrap_err(),
                format!("“{shown}”中的逗号位置不对；千位分隔符只能每三位一个，小数点请用“.”"),
                "{raw}"
            );
        }
        assert_eq!(money("1 5").unwrap_err(), "“1 5”中间有空格，请删去空格或检查数字");
        assert_eq!(money("1.234,5").unwrap_err(), "“1.234,5”中小数点后不能有逗号或空格，请检查");
        assert_eq!(money("12,345.6").unwrap(), "12345.60");
    }

    #[test]
    fn unreadable_numbers_say_why() {
        assert_eq!(money("abc").unwrap_err(), "“abc”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("-5").unwrap_err(), "不能为负数");
        assert_eq!(money("5000元").unwrap_err(), "“5000元”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("1e5").unwrap_err(), "“1e5”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("1.").unwrap_err(), "“1.”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("1_5").unwrap_err(), "“1_5”不是数字，请只填写数字，单位为万元");
        assert_eq!(money("").unwrap_err(), "请填写数字");
        let int = NumberSpec { integer: true, negative: false, units: &["人"] };
        assert_eq!(number("12.5", &int).unwrap_err(), "请填写整数");
        assert_eq!(format_input(number("３０人", &int).unwrap(), 0), "30");
        let profit = NumberSpec { integer: false, negative: true, units: &["万元"] };
        assert_eq!(format_input(number("－１２.５", &profit).unwrap(), 2), "-12.50");
        assert_eq!(format_input(number("-0", &profit).unwrap(), 2), "0.00");
        assert_eq!(format_input(number("-0.000", &profit).unwrap(), 2), "0.000");
    }

    #[test]
    fn exponents_are_written_out_exactly() {
        assert_eq!(expand_exponent("1.5e3").as_deref(), Some("1500"));
        assert_eq!(expand_exponent("1.5E+3").as_deref(), Some("1500"));
        assert_eq!(expand_exponent("25E-4").as_deref(), Some("0.0025"));
        assert_eq!(expand_exponent("-1.25e1").as_deref(), Some("-12.5"));
        assert_eq!(expand_exponent("1.2345e2").as_deref(), Some("123.45"));
        assert_eq!(expand_exponent("0.5e0").as_deref(), Some("0.5"));
        assert_eq!(expand_exponent("12.5"), None);
        assert_eq!(expand_exponent("1e400"), None);
        assert_eq!(expand_exponent("e5"), None);
    }

    #[test]
    fn computed_figures_are_written_with_their_places() {
        assert_eq!(format_number(Decimal::new(1234, 1), 2), "123.40");
        assert_eq!(format_number(-Decimal::ZERO, 2), "0.00");
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
    fn postcodes_emails_urls() {
        assert_eq!(postcode("５１００３１").unwrap(), "510031");
        assert!(postcode("51003").is_err());
        assert!(email("a@b.cn").is_ok());
        assert!(email("a@b").is_err());
        assert!(url("https://www.gdei.gov.cn/x").is_ok());
        assert!(url("www.example.cn").is_ok());
        assert!(url("not a url").is_err());
    }

    #[test]
    fn zishu_counts_han_and_full_width_punctuation_one_each() {
        assert_eq!(char_count("𩸽"), 1);
        assert_eq!(char_count("中小企业"), 4);
        assert_eq!(char_count("服务企业，覆盖全市。"), 10);
        assert_eq!(char_count("“专精特新”——《通知》……"), 14);
        assert_eq!(char_count("①②"), 2);
    }

    #[test]
    fn zishu_counts_a_run_of_letters_or_digits_as_one_word() {
        assert_eq!(char_count("通过ISO9001认证"), 5);
        assert_eq!(char_count("通过ＩＳＯ９００１认证"), 5);
        assert_eq!(char_count("增长3.5%"), 3);
        assert_eq!(char_count("服务1,000家"), 4);
        assert_eq!(char_count("e-mail和don't"), 3);
        assert_eq!(char_count("企业(2024年)"), 5);
        assert_eq!(char_count("Public Service Platform"), 3);
    }

    #[test]
    fn zishu_counts_no_spaces_or_line_breaks() {
        assert_eq!(char_count("第一段。\n\n第二段。\r\n　　第三段"), 11);
        assert_eq!(char_count("  中 小  "), 2);
        assert_eq!(char_count(""), 0);
        let paragraphs = vec!["字".repeat(199); 5].join("\n\n　　");
        assert_eq!(char_count(&paragraphs), 995);
    }
}
