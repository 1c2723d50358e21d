//! Telephone numbers. The seed sets no format for 联系电话, 手机 or 传真, and
//! real numbers include 400/800 service lines, local numbers without an area
//! code, extensions and several numbers in one box. So a number the engine
//! can read as a mainland mobile or an area-code landline is normalised
//! (`020-83134726`); anything else that is plainly a phone number is kept as
//! typed with a warning the applicant can confirm; only text that is not a
//! phone number at all (letters, too few digits) is an error.

use std::borrow::Cow;

use crate::model::FieldType;
use crate::normalise::{fold_ascii, fold_width, trim};

/// A phone number as it will be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub text: String,
    /// Read as a mainland mobile or area-code landline and normalised; when
    /// false, kept as typed (trimmed, full-width folded) and worth a check.
    pub usual: bool,
}

/// Reads a number for a `mobile`, `landline`, `fax` or `phone` field.
pub fn read(kind: FieldType, raw: &str) -> Result<Phone, String> {
    if kind != FieldType::Mobile && stored_landline(raw) {
        return Ok(Phone { text: raw.to_string(), usual: true });
    }
    let usual = match kind {
        FieldType::Mobile => mobile_text(raw),
        FieldType::Landline | FieldType::Fax => landline_text(raw),
        _ => mobile_text(raw).or_else(|| landline_text(raw)),
    };
    if let Some(text) = usual {
        return Ok(Phone { text, usual: true });
    }
    let folded = trim(&fold_width(raw)).to_string();
    if looks_like_phone(&folded) {
        // Full-width digits and brackets folded; the 、 between two numbers kept.
        let text = fold_ascii(raw).trim().to_string();
        return Ok(Phone { text, usual: false });
    }
    let text = folded;
    let example = match kind {
        FieldType::Mobile => "手机号码，例如 13800138000",
        FieldType::Landline | FieldType::Fax => "带区号的号码，例如 020-83134726",
        _ => "手机号码或带区号的固定电话，例如 020-83134726",
    };
    Err(format!("“{text}”不是电话号码，请填写{example}"))
}

/// A landline written as stored (`020-83134726`, `0755-1234567`), as most
/// are: what `landline_text` makes of it is itself (and it is no mobile).
fn stored_landline(s: &str) -> bool {
    let area = if s.starts_with("01") || s.starts_with("02") { 3 } else { 4 };
    let digits = |t: &[u8]| t.iter().all(u8::is_ascii_digit);
    let b = s.as_bytes();
    b.first() == Some(&b'0')
        && b.get(area) == Some(&b'-')
        && (area + 8..=area + 9).contains(&b.len())
        && digits(&b[..area])
        && digits(&b[area + 1..])
}

/// What to say when a number was kept as typed (`Phone::usual` is false).
pub fn unusual_message(kind: FieldType, text: &str) -> String {
    let usual = match kind {
        FieldType::Mobile => "手机号码（以1开头的11位数字）",
        FieldType::Landline | FieldType::Fax => "“区号-号码”写法（如 020-83134726）",
        _ => "手机号码或“区号-号码”写法",
    };
    format!("“{text}”不是常见的{usual}，请核对；如确认无误，可保留")
}

/// Digits with the separators, brackets, `+`, extension words (`转`, `分机`)
/// and list marks (`/`, `,`, `;`) that phone numbers are written with: at
/// least 5 digits (`12345`, `95588`) and no letters.
fn looks_like_phone(s: &str) -> bool {
    let rest = s.replace("分机", "").replace('转', "");
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    (5..=40).contains(&digits) && rest.chars().all(|c| c.is_ascii_digit() || " -()+/,;#.—".contains(c))
}

/// 11 digits starting with 1; `+86`/`86` and separators dropped: `13800138000`.
pub fn mobile(raw: &str) -> Result<String, String> {
    mobile_text(raw).ok_or_else(|| "手机号码应为以1开头的11位数字".into())
}

/// `mobile` without its message, for `read` to try first.
fn mobile_text(raw: &str) -> Option<String> {
    // The number without its separators and brackets, on the stack: a
    // mobile number is then at most 17 ASCII characters (`0086`, `86` and
    // 11 digits), so anything longer or not ASCII is none.
    let mut buf = [0u8; 17];
    let mut n = 0;
    for c in fold_width(raw).chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '（' | '）')) {
        *buf.get_mut(n).filter(|_| c.is_ascii())? = c as u8;
        n += 1;
    }
    let d = std::str::from_utf8(&buf[..n]).ok()?;
    let d = d.strip_prefix("+86").or_else(|| d.strip_prefix("0086")).unwrap_or(d);
    let d = if d.len() == 13 { d.strip_prefix("86").unwrap_or(d) } else { d };
    (d.len() == 11 && d.starts_with('1') && d.bytes().all(|b| b.is_ascii_digit())).then(|| d.to_string())
}

/// Area code and number, `020-83134726`, with an optional extension
/// (`转123` or `-123`). Area codes starting 01/02 have 3 digits, others 4.
pub fn landline(raw: &str) -> Result<String, String> {
    landline_text(raw).ok_or_else(|| "请填写区号和号码，例如 020-83134726".into())
}

/// `landline` without its message, for `read`.
fn landline_text(raw: &str) -> Option<String> {
    let folded = fold_width(raw);
    let folded = match folded.contains('转') || folded.contains("分机") {
        true => Cow::Owned(folded.replace("转", "-").replace("分机", "-")),
        false => folded,
    };
    let trimmed = trim(&folded);
    // Split off an extension written after the main number.
    let (main, ext) = split_extension(trimmed);
    // Room for the number as written out below, so it is allocated once.
    let mut d = String::with_capacity(main.len() + 1 + ext.map_or(0, |e| e.len() + 1));
    d.extend(main.chars().filter(|c| c.is_ascii_digit()));
    let bad_chars = main.chars().any(|c| !c.is_ascii_digit() && !" -()（）".contains(c));
    let area_len = if d.starts_with("01") || d.starts_with("02") { 3 } else { 4 };
    let ok = !bad_chars
        && d.starts_with('0')
        && d.len() > area_len
        && (7..=8).contains(&(d.len() - area_len))
        && ext.is_none_or(|e| (1..=6).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return None;
    }
    // The digits become the number written out: `020` `-` `83134726`.
    d.insert(area_len, '-');
    if let Some(e) = ext {
        d.push('-');
        d.push_str(e);
    }
    Some(d)
}

fn split_extension(s: &str) -> (&str, Option<&str>) {
    // `020-83134726-123`: a third dash-separated group is an extension.
    let mut groups = s.split('-');
    if let (Some(a), Some(b), Some(c), None) = (groups.next(), groups.next(), groups.next(), groups.next()) {
        if [a, b, c].iter().all(|g| !g.trim().is_empty()) {
            return (&s[..a.len() + 1 + b.len()], Some(c.trim()));
        }
    }
    (s, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usual(kind: FieldType, raw: &str) -> String {
        let p = read(kind, raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert!(p.usual, "{raw} is read as a usual number");
        p.text
    }

    fn kept(kind: FieldType, raw: &str) -> String {
        let p = read(kind, raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert!(!p.usual, "{raw} is kept as typed");
        p.text
    }

    #[test]
    fn mobiles_and_landlines_are_normalised() {
        assert_eq!(usual(FieldType::Mobile, "138 0013 8000"), "13800138000");
        assert_eq!(usual(FieldType::Mobile, "+86 13800138000"), "13800138000");
        assert_eq!(usual(FieldType::Mobile, "0086 86 138 0013 8000"), "13800138000");
        assert_eq!(usual(FieldType::Landline, "020-83134726"), "020-83134726");
        assert_eq!(usual(FieldType::Landline, "（０２０）８３１３４７２６"), "020-83134726");
        assert_eq!(usual(FieldType::Landline, "02083134726"), "020-83134726");
        assert_eq!(usual(FieldType::Fax, "0755 12345678"), "0755-12345678");
        assert_eq!(usual(FieldType::Landline, "020-83134726转123"), "020-83134726-123");
        assert_eq!(usual(FieldType::Phone, "13800138000"), "13800138000");
        assert_eq!(usual(FieldType::Phone, "020 83134726"), "020-83134726");
    }

    #[test]
    fn a_landline_written_as_stored_reads_as_the_general_rules_read_it() {
        let typed = ["020-83134726", "020-8313472", "0755-12345678", "0755-1234567", "0201-2345678", "0086-13800138"];
        for raw in typed {
            assert_eq!(stored_landline(raw), landline_text(raw).as_deref() == Some(raw), "{raw}");
            assert_eq!(mobile_text(raw), None, "{raw}");
        }
        for raw in ["020-831347", "020-831347261", " 020-83134726", "020-83134726-1", "20-83134726", "020-8313472x"] {
            assert!(!stored_landline(raw), "{raw}");
        }
    }

    #[test]
    fn other_phone_numbers_are_kept_as_typed() {
        assert_eq!(kept(FieldType::Landline, "400-800-1234"), "400-800-1234");
        assert_eq!(kept(FieldType::Phone, "８００８２０８８２０"), "8008208820");
        assert_eq!(kept(FieldType::Landline, "83134726"), "83134726");
        assert_eq!(kept(FieldType::Fax, " 83134726转8001 "), "83134726转8001");
        assert_eq!(kept(FieldType::Mobile, "2380013800"), "2380013800");
        assert_eq!(kept(FieldType::Mobile, "020-83134726"), "020-83134726");
        assert_eq!(kept(FieldType::Phone, "020-83134726、13800138000"), "020-83134726、13800138000");
        assert_eq!(kept(FieldType::Phone, "+852 2345 6789"), "+852 2345 6789");
        assert_eq!(kept(FieldType::Phone, "12345"), "12345");
        assert_eq!(
            unusual_message(FieldType::Landline, "83134726"),
            "“83134726”不是常见的“区号-号码”写法（如 020-83134726），请核对；如确认无误，可保留"
        );
    }

    #[test]
    fn text_that_is_no_phone_number_is_refused() {
        assert_eq!(read(FieldType::Mobile, "abc").unwrap_err(), "“abc”不是电话号码，请填写手机号码，例如 13800138000");
        assert_eq!(
            read(FieldType::Landline, "见附件").unwrap_err(),
            "“见附件”不是电话号码，请填写带区号的号码，例如 020-83134726"
        );
        assert!(read(FieldType::Phone, "1234").is_err(), "too few digits");
        assert!(read(FieldType::Phone, "020-8313472x").is_err(), "a letter");
    }
}
