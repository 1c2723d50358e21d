//! Reading the raw answers of one field into typed, normalised values.
//!
//! Raw answers come from the page or from an imported file, as JSON: text
//! for single inputs, `{"value", "detail"}` for a choice, `{"values",
//! "details"}` for a multiple choice, a boolean (or 是/否) for yes/no,
//! `{"from", "to"}` for a range, and an array of row objects for a table.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::credit_code;
use crate::date::Date;
use crate::model::{Field, FieldType, IndustryList};
use crate::normalise::{self, NumberSpec, YearMonth};

/// A normalised answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Text(String),
    Number(Decimal),
    Date(Date),
    YearMonth(YearMonth),
    Range(Option<YearMonth>, Option<YearMonth>),
    Choice {
        value: String,
        detail: Option<String>,
    },
    /// Chosen option values in option order, and the texts of those that ask for one.
    Multi {
        values: Vec<String>,
        details: Vec<(String, String)>,
    },
    Bool(bool),
    /// Rows as typed (1-based row number kept), empty rows left out.
    Table(Vec<Row>),
    /// A table cell that could not be read, kept exactly as typed so the
    /// export loses nothing; it counts in no sum.
    Raw(Value),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: usize,
    /// (column id, answer) in column order; empty cells left out.
    pub cells: Vec<(String, Answer)>,
}

impl Row {
    pub fn get(&self, column: &str) -> Option<&Answer> {
        self.cells.iter().find(|(c, _)| c == column).map(|(_, a)| a)
    }
}

/// What reading one value found.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// Nothing typed.
    Empty,
    Ok(Answer),
    /// Typed but not readable: the reason, and the raw value kept as typed.
    Invalid {
        reason: String,
        raw: Value,
    },
}

/// A problem found while reading a table cell or an option's detail.
#[derive(Debug, Clone, PartialEq)]
pub struct CellIssue {
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
    pub warning: bool,
}

/// Units an applicant may type after a number of this field, longest first:
/// the field's own unit, then the usual spellings of its kind's unit.
fn units(f: &Field) -> Vec<&str> {
    let kind_units: &[&str] = match f.kind {
        FieldType::Money => &["万元", "万"],
        FieldType::Percent => &["%"],
        FieldType::Area => &["平方米", "平米", "m²", "m2", "㎡"],
        _ => &[],
    };
    f.unit.as_deref().into_iter().chain(kind_units.iter().copied()).collect()
}

fn raw_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.iter().all(is_blank),
        Value::Object(o) => o.values().all(is_blank),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// Reads one scalar (non-table) value of field `f`.
pub fn read(f: &Field, v: &Value, lists: &BTreeMap<String, IndustryList>) -> (Read, Vec<CellIssue>) {
    if is_blank(v) {
        return (Read::Empty, Vec::new());
    }
    let invalid = |reason: String| Read::Invalid { reason, raw: v.clone() };
    let mut issues = Vec::new();
    let read = match f.kind {
        FieldType::Choice => read_choice(f, v, &mut issues).map_or_else(invalid, Read::Ok),
        FieldType::MultiChoice => read_multi(f, v, &mut issues).map_or_else(invalid, Read::Ok),
        FieldType::YesNo => match v {
            Value::Bool(b) => Read::Ok(Answer::Bool(*b)),
            Value::String(s) => match s.trim() {
                "yes" | "是" | "true" => Read::Ok(Answer::Bool(true)),
                "no" | "否" | "false" => Read::Ok(Answer::Bool(false)),
                _ => invalid("请选择“是”或“否”".into()),
            },
            _ => invalid("请选择“是”或“否”".into()),
        },
        FieldType::YearMonthRange => read_range(f, v).map_or_else(invalid, Read::Ok),
        FieldType::Table => invalid("表格数据格式不正确".into()),
        _ => match raw_text(v) {
            None => invalid("应为文字".into()),
            Some(text) => read_text_kind(f, &text, lists, &mut issues).map_or_else(invalid, Read::Ok),
        },
    };
    (read, issues)
}

fn read_text_kind(
    f: &Field,
    text: &str,
    lists: &BTreeMap<String, IndustryList>,
    issues: &mut Vec<CellIssue>,
) -> Result<Answer, String> {
    let number = |places: u32| {
        let u = units(f);
        normalise::number(text, &NumberSpec { places, negative: f.negative, units: &u }).and_then(|d| in_bounds(f, d))
    };
    Ok(match f.kind {
        FieldType::Integer => Answer::Number(number(0)?),
        FieldType::Decimal | FieldType::Money | FieldType::Percent | FieldType::Area => {
            Answer::Number(number(f.decimal_places())?)
        }
        FieldType::Date => {
            let d = normalise::date(text)?;
            date_in_bounds(f, &d.to_string())?;
            Answer::Date(d)
        }
        FieldType::YearMonth => {
            let ym = normalise::year_month(text)?;
            date_in_bounds(f, &ym.to_string())?;
            Answer::YearMonth(ym)
        }
        FieldType::Mobile => Answer::Text(normalise::mobile(text)?),
        FieldType::Landline | FieldType::Fax => Answer::Text(normalise::landline(text)?),
        FieldType::Phone => Answer::Text(
            normalise::mobile(text)
                .or_else(|_| normalise::landline(text))
                .map_err(|_| "请填写手机号码（11位）或带区号的固定电话，例如 020-83134726".to_string())?,
        ),
        FieldType::Postcode => Answer::Text(normalise::postcode(text)?),
        FieldType::Email => Answer::Text(normalise::email(text)?),
        FieldType::Url => Answer::Text(normalise::url(text)?),
        FieldType::CreditCode => Answer::Text(credit_code::normalise(text)?),
        FieldType::IndustryCode => Answer::Text(industry_code(f, text, lists, issues)?),
        FieldType::Text | FieldType::Textarea => {
            let t = normalise::text(text);
            if let Some(max) = f.max_chars {
                let n = normalise::char_count(&t);
                if n > max as usize {
                    return Err(format!("不超过{max}字，现为{n}字，请删减{}字", n - max as usize));
                }
            }
            Answer::Text(t)
        }
        FieldType::Choice
        | FieldType::MultiChoice
        | FieldType::YesNo
        | FieldType::YearMonthRange
        | FieldType::Table
        | FieldType::Computed => return Err("此项不能直接填写".into()),
    })
}

fn in_bounds(f: &Field, d: Decimal) -> Result<Decimal, String> {
    let bound = |b: &Option<crate::model::Number>| b.as_ref().and_then(|n| n.as_text().parse::<Decimal>().ok());
    let (mut min, mut max) = (bound(&f.min), bound(&f.max));
    if f.kind == FieldType::Percent {
        min = min.or(Some(Decimal::ZERO));
        max = max.or(Some(Decimal::ONE_HUNDRED));
    }
    let show = |x: Decimal| x.normalize().to_string();
    match (min, max) {
        (Some(lo), Some(hi)) if d < lo || d > hi => Err(format!("应在{}至{}之间", show(lo), show(hi))),
        (Some(lo), None) if d < lo => Err(format!("不能小于{}", show(lo))),
        (None, Some(hi)) if d > hi => Err(format!("不能大于{}", show(hi))),
        _ => Ok(d),
    }
}

/// Dates compare as ISO text: `2025-01-01` ≤ `2025-03-15`.
fn date_in_bounds(f: &Field, iso: &str) -> Result<(), String> {
    let lo = f.min.as_ref().map(|n| n.as_text());
    let hi = f.max.as_ref().map(|n| n.as_text());
    let too_early = lo.as_deref().is_some_and(|lo| iso < lo);
    let too_late = hi.as_deref().is_some_and(|hi| iso > hi);
    if too_early || too_late {
        return Err(match (lo, hi) {
            (Some(lo), Some(hi)) => format!("应在{lo}至{hi}之间"),
            (Some(lo), None) => format!("不能早于{lo}"),
            (None, Some(hi)) => format!("不能晚于{hi}"),
            (None, None) => String::new(),
        });
    }
    Ok(())
}

fn industry_code(
    f: &Field,
    text: &str,
    lists: &BTreeMap<String, IndustryList>,
    issues: &mut Vec<CellIssue>,
) -> Result<String, String> {
    let folded = normalise::fold_width(text);
    let digits: String = folded
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let list = f.list.as_ref().and_then(|l| lists.get(l));
    if digits.len() != 3 {
        // A name typed without its code: find it in the list.
        let name = folded.trim();
        if let Some(g) = list.and_then(|l| l.groups.iter().find(|g| g.name == name)) {
            return Ok(format!("{} {}", g.code, g.name));
        }
        return Err("请填写《国民经济行业分类》中类的三位代码，例如“391 计算机制造”".into());
    }
    match list.and_then(|l| l.groups.iter().find(|g| g.code == digits)) {
        Some(g) => Ok(format!("{} {}", g.code, g.name)),
        None => {
            issues.push(CellIssue {
                row: None,
                column: None,
                message: format!("代码{digits}不在本站所列的GB/T 4754-2017中类中，请核对；如确认无误可保留"),
                warning: true,
            });
            Ok(folded.trim().to_string())
        }
    }
}

fn read_choice(f: &Field, v: &Value, issues: &mut Vec<CellIssue>) -> Result<Answer, String> {
    let (value, detail) = match v {
        Value::String(s) => (s.trim().to_string(), None),
        Value::Object(o) => (
            o.get("value").and_then(Value::as_str).unwrap_or_default().trim().to_string(),
            o.get("detail").and_then(Value::as_str).map(|d| d.trim().to_string()).filter(|d| !d.is_empty()),
        ),
        _ => return Err("请选择一项".into()),
    };
    let Some(option) = f.options.iter().find(|o| o.value == value || o.label == value) else {
        return Err(if value.is_empty() {
            "请选择一项".into()
        } else {
            format!("“{value}”不是可选的一项")
        });
    };
    if let (Some(what), None) = (&option.detail, &detail) {
        issues.push(CellIssue {
            row: None,
            column: None,
            message: format!("选择“{}”后请填写{what}", option.label),
            warning: false,
        });
    }
    let detail = if option.detail.is_some() { detail } else { None };
    Ok(Answer::Choice { value: option.value.clone(), detail })
}

fn read_multi(f: &Field, v: &Value, issues: &mut Vec<CellIssue>) -> Result<Answer, String> {
    let empty = serde_json::Map::new();
    let (raw_values, raw_details): (Vec<&str>, &serde_json::Map<String, Value>) = match v {
        Value::Array(a) => (a.iter().filter_map(Value::as_str).collect(), &empty),
        Value::Object(o) => (
            o.get("values")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default(),
            o.get("details").and_then(Value::as_object).unwrap_or(&empty),
        ),
        _ => return Err("请勾选".into()),
    };
    if let Some(bad) = raw_values.iter().find(|v| !f.options.iter().any(|o| o.value == **v)) {
        return Err(format!("“{bad}”不是可选的一项"));
    }
    let mut values = Vec::new();
    let mut details = Vec::new();
    // In the order of the options, whatever order they came in.
    for o in f.options.iter().filter(|o| raw_values.contains(&o.value.as_str())) {
        values.push(o.value.clone());
        let detail = raw_details.get(&o.value).and_then(Value::as_str).map(str::trim).filter(|d| !d.is_empty());
        match (&o.detail, detail) {
            (Some(_), Some(d)) => details.push((o.value.clone(), d.to_string())),
            (Some(what), None) => issues.push(CellIssue {
                row: None,
                column: None,
                message: format!("勾选“{}”后请填写{what}", o.label),
                warning: false,
            }),
            _ => {}
        }
    }
    if values.is_empty() {
        return Err("请勾选".into());
    }
    Ok(Answer::Multi { values, details })
}

fn read_range(f: &Field, v: &Value) -> Result<Answer, String> {
    let Value::Object(o) = v else { return Err("请填写起止年月".into()) };
    let part = |k: &str| -> Result<Option<YearMonth>, String> {
        match o.get(k).and_then(raw_text) {
            Some(t) if !t.trim().is_empty() => normalise::year_month(&t).map(Some),
            _ => Ok(None),
        }
    };
    let (from, to) = (part("from")?, part("to")?);
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err("起始年月不能晚于结束年月".into());
        }
    }
    for ym in [from, to].into_iter().flatten() {
        date_in_bounds(f, &ym.to_string())?;
    }
    if from.is_none() || to.is_none() {
        return Err("请填写起始和结束年月".into());
    }
    Ok(Answer::Range(from, to))
}

/// The export form of an answer: numbers as strings with the field's places.
pub fn to_json(f: &Field, a: &Answer) -> Value {
    match a {
        Answer::Text(s) => json!(s),
        Answer::Number(d) => {
            json!(normalise::format_number(*d, if f.kind == FieldType::Integer { 0 } else { f.decimal_places() }))
        }
        Answer::Date(d) => json!(d.to_string()),
        Answer::YearMonth(ym) => json!(ym.to_string()),
        Answer::Range(from, to) => json!({
            "from": from.map(|x| x.to_string()).unwrap_or_default(),
            "to": to.map(|x| x.to_string()).unwrap_or_default()
        }),
        Answer::Choice { value, detail } => match detail {
            Some(d) => json!({"value": value, "detail": d}),
            None => json!({"value": value}),
        },
        Answer::Multi { values, details } => {
            if details.is_empty() {
                json!({"values": values})
            } else {
                let d: serde_json::Map<String, Value> = details.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
                json!({"values": values, "details": d})
            }
        }
        Answer::Bool(b) => json!(b),
        Answer::Raw(v) => v.clone(),
        Answer::Table(rows) => Value::Array(
            rows.iter()
                .map(|r| {
                    let mut m = serde_json::Map::new();
                    for c in &f.columns {
                        if let Some(a) = r.get(&c.id) {
                            m.insert(c.id.clone(), to_json(c, a));
                        }
                    }
                    Value::Object(m)
                })
                .collect(),
        ),
    }
}

/// One typed table row: its 1-based number in the table, and its cells.
pub type RawRow<'a> = (usize, &'a serde_json::Map<String, Value>);

/// Rows of a table as typed, with their 1-based numbers; empty rows dropped.
pub fn table_rows(v: &Value) -> Result<Vec<RawRow<'_>>, String> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Array(rows) => Ok(rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.as_object().filter(|o| !o.values().all(is_blank)).map(|o| (i + 1, o)))
            .collect()),
        _ => Err("表格数据格式不正确".into()),
    }
}
