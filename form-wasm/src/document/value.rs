//! Answers as they read on paper: dates in 年月日, choices by their labels
//! (or as the template's □/☑ list), 是/否, numbers as stored with their
//! units. Everything comes from the evaluation's normalised `data`; an
//! answer that could not be read is printed as typed, so nothing is lost.

use serde_json::Value;

use super::types::{Para, Span};
use crate::model::{ChoiceOption, Field, FieldType};

/// `2019-06-18` → `2019年6月18日`, `2018-03` → `2018年3月`; anything else as it is.
pub fn date(s: &str) -> String {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && number(y) && number(m) && number(d) => {
            format!("{y}年{}月{}日", m.trim_start_matches('0'), d.trim_start_matches('0'))
        }
        [y, m] if y.len() == 4 && number(y) && number(m) => format!("{y}年{}月", m.trim_start_matches('0')),
        _ => s.to_string(),
    }
}

/// A period as stored (`2025-03-05 至 2025-03-06`, `2025-03`): in 年月日, joined by 至.
pub fn period(s: &str) -> String {
    match s.split_once(" 至 ") {
        Some((a, b)) => format!("{}至{}", date(a), date(b)),
        None => date(s),
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn label_of<'a>(f: &'a Field, value: &'a str) -> &'a str {
    f.options.iter().find(|o| o.value == value).map_or(value, |o| o.label.as_str())
}

/// An answer as one text, without its unit: `2019年6月18日`, `民营企业`,
/// `其他（产业促进中心）`, `是`, `2023年1月—至今`. `None` when unanswered.
pub fn text(f: &Field, v: Option<&Value>) -> Option<String> {
    let v = v?;
    let s = match (f.kind, v) {
        (FieldType::Date | FieldType::YearMonth, Value::String(s)) => date(s),
        (FieldType::Period, Value::String(s)) => period(s),
        (FieldType::YearMonthRange, Value::Object(o)) => {
            let end = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("");
            match (end("from"), end("to")) {
                ("", "") => return None,
                (from, to) => format!("{}—{}", date(from), date(to)),
            }
        }
        (FieldType::Choice, Value::Object(o)) => {
            let value = o.get("value").and_then(Value::as_str)?;
            match o.get("detail").and_then(Value::as_str).filter(|d| !d.is_empty()) {
                Some(d) => format!("{}（{d}）", label_of(f, value)),
                None => label_of(f, value).to_string(),
            }
        }
        (FieldType::MultiChoice, Value::Object(o)) => {
            let details = o.get("details").and_then(Value::as_object);
            let labels: Vec<String> = o
                .get("values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|v| match details.and_then(|d| d.get(v)).and_then(Value::as_str) {
                    Some(d) => format!("{}（{d}）", label_of(f, v)),
                    None => label_of(f, v).to_string(),
                })
                .collect();
            if labels.is_empty() {
                return None;
            }
            labels.join("、")
        }
        (FieldType::YesNo, Value::Bool(b)) => if *b { "是" } else { "否" }.to_string(),
        (_, v) => text_of(v)?,
    };
    Some(s)
}

/// The unit printed after a number, unless the label already names it
/// (`入驻中小企业数量（家）`).
pub fn unit<'a>(f: &'a Field, metric_unit: Option<&'a str>) -> Option<&'a str> {
    let unit = metric_unit.or_else(|| f.unit_text())?;
    (!f.label.contains(&format!("（{unit}）"))).then_some(unit)
}

/// An answer with its unit: `5000.00万元`, `65.50%`, `12家`.
pub fn with_unit(f: &Field, v: Option<&Value>, metric_unit: Option<&str>) -> Option<String> {
    let t = text(f, v)?;
    Some(match (f.is_numeric(), unit(f, metric_unit)) {
        (true, Some(u)) => format!("{t}{u}"),
        _ => t,
    })
}

/// The template's □/☑ list of a choice: every option, the chosen ones
/// ticked, and the text an option asks for (其他，请注明：…) filled in or
/// left blank to write by hand.
pub fn choice_list(f: &Field, v: Option<&Value>) -> Para {
    let chosen: Vec<String> = match (f.kind, v) {
        (FieldType::Choice, Some(Value::Object(o))) => {
            o.get("value").and_then(Value::as_str).map(str::to_string).into_iter().collect()
        }
        (FieldType::MultiChoice, Some(Value::Object(o))) => o
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    let detail = |o: &ChoiceOption| -> Option<String> {
        let obj = v?.as_object()?;
        let d = match f.kind {
            FieldType::Choice => obj.get("detail"),
            _ => obj.get("details").and_then(|d| d.get(&o.value)),
        };
        d.and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string)
    };
    let mut out = Vec::new();
    for (i, o) in f.options.iter().enumerate() {
        if i > 0 {
            out.push(Span::text("\u{3000}"));
        }
        let on = chosen.contains(&o.value);
        out.push(Span::Box(on));
        out.push(Span::Text(o.label.clone()));
        if let Some(ask) = &o.detail {
            // `其他，请注明：…`; a name asked for goes in brackets: `微信小程序（小程序名称：…）`.
            let asks = ask.starts_with('请');
            out.push(Span::Text(if asks { format!("，{ask}：") } else { format!("（{ask}：") }));
            match detail(o).filter(|_| on) {
                Some(d) => out.push(Span::Answer(d)),
                None => out.push(Span::Blank),
            }
            if !asks {
                out.push(Span::text("）"));
            }
        }
    }
    out
}

/// Long text as its paragraphs (the applicant's line breaks), blank lines dropped.
pub fn paragraphs(s: &str) -> Vec<String> {
    s.split('\n').map(|l| l.trim_end_matches('\r').trim().to_string()).filter(|l| !l.is_empty()).collect()
}

/// The blank a date or month is written in by hand: `　　年　　月　　日`.
pub fn blank_date(f: &Field) -> Option<&'static str> {
    match f.kind {
        FieldType::Date => Some("\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日"),
        FieldType::YearMonth => Some("\u{3000}\u{3000}年\u{3000}\u{3000}月"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(v: Value) -> Field {
        serde_json::from_value(v).expect("a valid field")
    }

    #[test]
    fn dates_and_periods_read_in_nian_yue_ri() {
        assert_eq!(date("2019-06-18"), "2019年6月18日");
        assert_eq!(date("2018-03"), "2018年3月");
        assert_eq!(date("至今"), "至今");
        assert_eq!(period("2025-03-05 至 2025-03-06"), "2025年3月5日至2025年3月6日");
        let range = field(json!({"id": "p", "label": "合作起止时间", "type": "year_month_range"}));
        assert_eq!(text(&range, Some(&json!({"from": "2023-01", "to": "至今"}))).as_deref(), Some("2023年1月—至今"));
    }

    #[test]
    fn a_choice_prints_every_option_with_the_chosen_one_ticked() {
        let f = field(json!({"id": "t", "label": "单位性质", "type": "choice", "options": [
            {"value": "a", "label": "国有企业"}, {"value": "other", "label": "其他", "detail": "请注明"}
        ]}));
        let plain = |p: Para| p.iter().map(Span::plain).collect::<String>();
        assert_eq!(
            plain(choice_list(&f, Some(&json!({"value": "other", "detail": "协会"})))),
            "□国有企业\u{3000}☑其他，请注明：协会"
        );
        assert_eq!(plain(choice_list(&f, None)), "□国有企业\u{3000}□其他，请注明：");
        assert_eq!(text(&f, Some(&json!({"value": "other", "detail": "协会"}))).as_deref(), Some("其他（协会）"));
    }

    #[test]
    fn units_follow_numbers_unless_the_label_names_them() {
        let money = field(json!({"id": "m", "label": "营业收入", "type": "money"}));
        assert_eq!(with_unit(&money, Some(&json!("5000.00")), None).as_deref(), Some("5000.00万元"));
        let count = field(json!({"id": "c", "label": "入驻中小企业数量（家）", "type": "integer", "unit": "家"}));
        assert_eq!(with_unit(&count, Some(&json!("300")), None).as_deref(), Some("300"));
        let yes = field(json!({"id": "y", "label": "是否", "type": "yes_no"}));
        assert_eq!(text(&yes, Some(&json!(false))).as_deref(), Some("否"));
    }

    #[test]
    fn paragraphs_keep_the_applicants_breaks() {
        assert_eq!(paragraphs("甲\r\n\n  乙\n丙 "), ["甲", "乙", "丙"]);
    }
}
