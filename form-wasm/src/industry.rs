//! 主导产业 as typed: GB/T 4754-2017 中类 codes, codes and names, or names
//! from the list, one or several. Known codes are stored with their names;
//! an unknown code is kept as typed with a warning the applicant can
//! confirm, as the site's list may lag the standard.

use crate::model::{IndustryGroup, IndustryList};
use crate::normalise;

/// Something to check that does not stop the answer: an unknown code, or a
/// name that is not the code's. `check` and `code` make the confirmation id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
    pub check: &'static str,
    pub code: String,
}

/// 主导产业: one GB/T 4754-2017 中类 or several (the seed does not limit it to
/// one), each a code, a code and name, or a name from the list. Stored
/// normalised, joined with `；`: `391 计算机制造；392 通信设备制造`.
pub fn read(text: &str, list: Option<&IndustryList>, issues: &mut Vec<Warning>) -> Result<String, String> {
    let items = split_industries(text, list);
    let several = items.len() > 1;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(industry_code(item, list, issues).map_err(|e| if several { format!("“{item}”：{e}") } else { e })?);
    }
    Ok(out.join("；"))
}

/// The items of a list of industries: split at `；`, `;` and line breaks,
/// and at `、` and `，` where a code follows (`391、392`) — not elsewhere, as
/// names have them too (`棉、麻、糖、烟草种植`) — or where every part is a name.
fn split_industries<'a>(text: &'a str, list: Option<&IndustryList>) -> Vec<&'a str> {
    let is_name = |s: &str| list.is_some_and(|l| find_name(l, s).is_some());
    let mut items = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        let strong = matches!(c, '；' | ';' | '\n' | '\r');
        let weak = matches!(c, '、' | '，' | ',') && starts_with_code(&text[next..]);
        if strong || weak {
            items.push(&text[start..i]);
            start = next;
        }
    }
    items.push(&text[start..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .flat_map(|item| {
            let names: Vec<&str> = item.split(['、', '，', ',']).map(str::trim).collect();
            let split = names.len() > 1 && !is_name(item) && names.iter().all(|n| is_name(n));
            if split {
                names
            } else {
                vec![item]
            }
        })
        .collect()
}

/// `391…`, `C391…`: a three-digit code, with its section letter or not.
fn code_of(s: &str) -> Option<String> {
    let folded = normalise::fold_width(s);
    let t = folded.trim().trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 3).then_some(digits)
}

fn starts_with_code(s: &str) -> bool {
    code_of(s).is_some()
}

/// The group whose name is `name`, full-width and half-width brackets alike.
fn find_name<'a>(list: &'a IndustryList, name: &str) -> Option<&'a IndustryGroup> {
    // Compared character by character as folded: no copy of the list's
    // names is made (this runs for every item typed).
    let name = name.trim();
    list.groups.iter().find(|g| g.name.chars().map(normalise::fold_char).eq(name.chars().map(normalise::fold_char)))
}

fn industry_code(item: &str, list: Option<&IndustryList>, issues: &mut Vec<Warning>) -> Result<String, String> {
    let Some(code) = code_of(item) else {
        // A name typed without its code: find it in the list.
        return match list.and_then(|l| find_name(l, item)) {
            Some(g) => Ok(format!("{} {}", g.code, g.name)),
            None => Err("请填写《国民经济行业分类》中类的三位代码，例如“391 计算机制造”".into()),
        };
    };
    match list.and_then(|l| l.groups.iter().find(|g| g.code == code)) {
        Some(g) => {
            // The name typed after the code, if any, should be the code's.
            let folded = normalise::fold_width(item);
            let typed = folded
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_alphanumeric())
                .trim_start_matches(|c: char| c.is_whitespace() || "-:.,".contains(c))
                .trim_end();
            if !typed.is_empty() && typed != normalise::fold_width(&g.name) {
                issues.push(Warning {
                    message: format!(
                        "代码{code}在GB/T 4754-2017中是“{}”，与所填“{typed}”不同，已按代码记录为“{} {}”，请核对",
                        g.name, g.code, g.name
                    ),
                    check: "industry_name",
                    code: code.clone(),
                });
            }
            Ok(format!("{} {}", g.code, g.name))
        }
        None => {
            issues.push(Warning {
                message: format!("代码{code}不在本站所列的GB/T 4754-2017中类中，请核对；如确认无误可保留"),
                check: "industry_code",
                code,
            });
            Ok(normalise::fold_ascii(item).trim().to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> IndustryList {
        let group = |code: &str, name: &str| IndustryGroup {
            code: code.into(),
            name: name.into(),
            division: code[..2].into(),
            division_name: String::new(),
            section: "C".into(),
            section_name: String::new(),
        };
        IndustryList {
            source: String::new(),
            completeness: String::new(),
            edition: "GB/T 4754-2017".into(),
            groups: vec![
                group("013", "棉、麻、糖、烟草种植"),
                group("391", "计算机制造"),
                group("392", "通信设备制造"),
            ],
        }
    }

    #[test]
    fn several_industries_split_only_where_a_new_one_starts() {
        let l = list();
        let split = |text: &str| split_industries(text, Some(&l)).join("|");
        assert_eq!(split("391 计算机制造；392 通信设备制造"), "391 计算机制造|392 通信设备制造");
        assert_eq!(split("391、 C392\n\n"), "391|C392");
        assert_eq!(split("013 棉、麻、糖、烟草种植，391"), "013 棉、麻、糖、烟草种植|391");
        assert_eq!(split("计算机制造、通信设备制造"), "计算机制造|通信设备制造");
        assert_eq!(split("计算机、通信设备"), "计算机、通信设备", "not names of the list: one item");
    }

    #[test]
    fn unknown_codes_are_kept_as_typed_with_a_confirmable_warning() {
        let mut issues = Vec::new();
        assert_eq!(
            read("３９１；９９９ 某产业、其他", Some(&list()), &mut issues).as_deref(),
            Ok("391 计算机制造；999 某产业、其他")
        );
        assert_eq!(issues.len(), 1);
        assert_eq!((issues[0].check, issues[0].code.as_str()), ("industry_code", "999"));
    }
}
