//! Reading the raw answers of one field into typed, normalised values.
//!
//! Raw answers come from the page or from an imported file, as JSON: text
//! for single inputs, `{"value", "detail"}` for a choice, `{"values",
//! "details"}` for a multiple choice, a boolean (or 是/否) for yes/no,
//! `{"from", "to"}` (or one string, `2023年1月—至今`) for a range, and an
//! array of row objects for a table.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::credit_code;
use crate::date::Date;
use crate::industry;
use crate::model::{Field, FieldType, IndustryList};
use crate::normalise::{self, NumberSpec, YearMonth};
use crate::period::{self, RangeEnd};
use crate::phone;

/// A normalised answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Text(String),
    Number(Decimal),
    Date(Date),
    YearMonth(YearMonth),
    /// From a month to a month or to 至今.
    Range(YearMonth, RangeEnd),
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
    Table(Rows),
    /// A table cell that could not be read, kept exactly as typed so the
    /// export loses nothing; it counts in no sum.
    Raw(Value),
}

/// A table's filled rows as read, in order (empty rows left out). Every
/// row's cells are kept in one list and their texts in one string, so
/// reading a table allocates a few times, not once per row and per text
/// (which was a tenth of a whole-form evaluation of 2.2).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows {
    /// Per row: its 1-based number among the rows given (empty ones
    /// included), and where its cells end in `cells`.
    ends: Vec<(usize, usize)>,
    /// (column id, cell) in column order, blank cells left out. The ids
    /// are shared with the compiled form (`Prepared`), not copied per cell.
    cells: Vec<(Arc<str>, Cell)>,
    /// The text cells' texts, one after another.
    text: String,
}

/// One cell of a table as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A text, at this place in its table's `Rows::text`.
    Text(std::ops::Range<usize>),
    /// Any other answer; an unreadable one is `Answer::Raw`, kept as typed.
    Other(Answer),
}

/// One row of `Rows`.
#[derive(Clone, Copy)]
pub struct RowRef<'a> {
    pub number: usize,
    cells: &'a [(Arc<str>, Cell)],
    text: &'a str,
}

impl Rows {
    /// Room for `rows` rows of `cells` cells in all.
    pub fn with_capacity(rows: usize, cells: usize) -> Rows {
        Rows { ends: Vec::with_capacity(rows), cells: Vec::with_capacity(cells), text: String::new() }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = RowRef<'_>> {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|&(_, end)| end));
        self.ends.iter().zip(starts).map(|(&(number, end), start)| RowRef {
            number,
            cells: &self.cells[start..end],
            text: &self.text,
        })
    }

    /// Adds a cell to the row being read (ended by `end_row`).
    pub fn push_cell(&mut self, column: Arc<str>, answer: Answer) {
        let cell = match answer {
            Answer::Text(t) => self.text_cell(&t),
            other => Cell::Other(other),
        };
        self.cells.push((column, cell));
    }

    /// Adds a text cell to the row being read, its text copied in.
    pub fn push_text(&mut self, column: Arc<str>, text: &str) {
        let cell = self.text_cell(text);
        self.cells.push((column, cell));
    }

    fn text_cell(&mut self, t: &str) -> Cell {
        let start = self.text.len();
        self.text.push_str(t);
        Cell::Text(start..self.text.len())
    }

    /// Ends the row being read: row `number` holds the cells pushed since
    /// the last row ended.
    pub fn end_row(&mut self, number: usize) {
        self.ends.push((number, self.cells.len()));
    }

    /// Adds a row read before (of another `Rows`) as it is.
    pub fn copy_row(&mut self, row: RowRef) {
        for (column, cell) in row.cells {
            let cell = match cell {
                Cell::Text(r) => self.text_cell(&row.text[r.clone()]),
                Cell::Other(a) => Cell::Other(a.clone()),
            };
            self.cells.push((Arc::clone(column), cell));
        }
        self.end_row(row.number);
    }
}

impl<'a> RowRef<'a> {
    pub fn get(&self, column: &str) -> Option<&'a Cell> {
        self.cells.iter().find(|(c, _)| **c == *column).map(|(_, a)| a)
    }

    /// The row's export form: its cells under their column ids, in
    /// `table`'s column order, made from `every` when given (see
    /// `object_in_order`; `Prepared::columns` keeps one per table).
    pub fn to_json(&self, table: &Field, every: Option<&serde_json::Map<String, Value>>) -> Value {
        // The cells are in column order: each column takes the next cell if it is its own.
        let mut cells = self.cells.iter().peekable();
        let mut entries = table.columns.iter().map(|c| {
            let cell = cells.next_if(|(id, _)| **id == *c.id).map(|(_, cell)| match cell {
                Cell::Text(r) => Value::String(self.text[r.clone()].to_string()),
                Cell::Other(a) => to_json(c, a),
            });
            (c.id.as_str(), cell)
        });
        Value::Object(object_in_order(every, &mut entries))
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
    /// For a warning the applicant may confirm: what it checks and about
    /// which value.
    pub confirm: Option<Confirm>,
}

/// What a confirmable format warning is about: its check
/// (`phone_format`) and the value (`83134726`). The evaluation turns it into
/// a confirmation id with the field (`phone_format:landline:83134726`), so a
/// confirmation holds for that value only and a changed value is checked again.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub check: &'static str,
    pub subject: String,
}

impl CellIssue {
    fn warning(message: String, check: &'static str, subject: String) -> CellIssue {
        CellIssue { row: None, column: None, message, warning: true, confirm: Some(Confirm { check, subject }) }
    }

    fn error(message: String) -> CellIssue {
        CellIssue { row: None, column: None, message, warning: false, confirm: None }
    }
}

/// Units an applicant may type after a number of this field, longest first:
/// the field's own unit, then the usual spellings of its kind's unit.
/// Written into `buf` (no allocation per value read); at most six.
fn units<'a>(f: &'a Field, buf: &'a mut [&'a str; 6]) -> &'a [&'a str] {
    let kind_units: &[&str] = match f.kind {
        FieldType::Money => &["万元", "万"],
        FieldType::Percent => &["%"],
        FieldType::Area => &["平方米", "平米", "m²", "m2", "㎡"],
        _ => &[],
    };
    let mut n = 0;
    for u in f.unit.as_deref().into_iter().chain(kind_units.iter().copied()) {
        buf[n] = u;
        n += 1;
    }
    &buf[..n]
}

/// The text of a value. A JSON number is read as written in the file
/// (serde_json's `arbitrary_precision`: `123456789012345.67` stays exact,
/// never through f64); one in exponent form (`1.5e3`) is written out.
fn raw_text(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => {
            let text = n.to_string();
            Some(Cow::Owned(normalise::expand_exponent(&text).unwrap_or(text)))
        }
        _ => None,
    }
}

/// Nothing typed: null, blank text, or only blanks inside.
pub fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => !normalise::begins_plain(s) && s.trim().is_empty(),
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
            Value::String(s) => match normalise::trim(s) {
                "yes" | "是" | "true" => Read::Ok(Answer::Bool(true)),
                "no" | "否" | "false" => Read::Ok(Answer::Bool(false)),
                _ => invalid("请选择“是”或“否”".into()),
            },
            _ => invalid("请选择“是”或“否”".into()),
        },
        FieldType::YearMonthRange => read_range(f, v, &mut issues).map_or_else(invalid, Read::Ok),
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
    let mut buf = [""; 6];
    let u = units(f, &mut buf);
    let number = |integer: bool| normalise::number(text, &NumberSpec { integer, negative: f.negative, units: u });
    Ok(match f.kind {
        FieldType::Integer | FieldType::Decimal | FieldType::Money | FieldType::Percent | FieldType::Area => {
            let d = number(f.kind == FieldType::Integer)?;
            in_bounds(f, d, issues)?;
            Answer::Number(d)
        }
        FieldType::Date => {
            let d = normalise::date(text)?;
            date_in_bounds(f, d, issues)?;
            Answer::Date(d)
        }
        FieldType::YearMonth => {
            let ym = normalise::year_month(text)?;
            date_in_bounds(f, ym, issues)?;
            Answer::YearMonth(ym)
        }
        FieldType::Period => {
            let p = period::period(text)?;
            // Both ends within the bounds: the first day of the start, the last of the end.
            date_in_bounds(f, p.first_day(), issues)?;
            date_in_bounds(f, p.last_day(), issues)?;
            Answer::Text(p.to_string())
        }
        FieldType::Mobile | FieldType::Landline | FieldType::Fax | FieldType::Phone => {
            let p = phone::read(f.kind, text)?;
            if !p.usual {
                issues.push(CellIssue::warning(
                    phone::unusual_message(f.kind, &p.text),
                    "phone_format",
                    p.text.clone(),
                ));
            }
            Answer::Text(p.text)
        }
        FieldType::Postcode => Answer::Text(normalise::postcode(text)?),
        FieldType::Email => Answer::Text(normalise::email(text)?),
        FieldType::Url => Answer::Text(normalise::url(text)?),
        FieldType::CreditCode => Answer::Text(credit_code::normalise(text)?),
        FieldType::IndustryCode => {
            let list = f.list.as_ref().and_then(|l| lists.get(l));
            let mut warnings = Vec::new();
            let codes = industry::read(text, list, &mut warnings)?;
            issues.extend(warnings.into_iter().map(|w| CellIssue::warning(w.message, w.check, w.code)));
            Answer::Text(codes)
        }
        FieldType::Text | FieldType::Textarea => Answer::Text(plain_text(f, text)?.to_string()),
        FieldType::Choice
        | FieldType::MultiChoice
        | FieldType::YesNo
        | FieldType::YearMonthRange
        | FieldType::Table
        | FieldType::Computed => return Err("此项不能直接填写".into()),
    })
}

/// A text or textarea answer as read: surrounding spaces dropped, full-width
/// kept (it is Chinese text), within its field's length.
fn plain_text<'t>(f: &Field, text: &'t str) -> Result<&'t str, String> {
    let t = normalise::trim(text);
    if let Some(max) = f.max_chars {
        let n = normalise::char_count(t);
        if n > max as usize {
            return Err(format!("不超过{max}字，现为{n}字，请删减{}字", n - max as usize));
        }
    }
    Ok(t)
}

/// The text of a text or textarea answer given as text, read without
/// copying it: `None` when `v` is anything else, blank, or not readable,
/// which `read` then reads. Most table cells are such texts, and a table
/// keeps its texts together (`Rows`).
pub fn read_plain_text<'v>(f: &Field, v: &'v Value) -> Option<&'v str> {
    match (f.kind, v) {
        (FieldType::Text | FieldType::Textarea, Value::String(s)) => plain_text(f, s).ok().filter(|t| !t.is_empty()),
        _ => None,
    }
}

fn in_bounds(f: &Field, d: Decimal, issues: &mut Vec<CellIssue>) -> Result<(), String> {
    // Bounds are mostly small whole numbers (`0`, `100`), read without the
    // general decimal parser, as they are read for every number typed.
    let bound = |b: &Option<crate::model::Number>| {
        let n = &b.as_ref()?.0;
        n.parse::<u32>().map(Decimal::from).or_else(|_| n.parse::<Decimal>()).ok()
    };
    let (mut min, mut max) = (bound(&f.min), bound(&f.max));
    if f.kind == FieldType::Percent {
        min = min.or(Some(Decimal::ZERO));
        max = max.or(Some(Decimal::ONE_HUNDRED));
    }
    let show = |x: Decimal| x.normalize().to_string();
    let outside = match (min, max) {
        (Some(lo), Some(hi)) if d < lo || d > hi => Some(format!("应在{}至{}之间", show(lo), show(hi))),
        (Some(lo), None) if d < lo => Some(format!("不能小于{}", show(lo))),
        (None, Some(hi)) if d > hi => Some(format!("不能大于{}", show(hi))),
        _ => None,
    };
    limit(f, outside, || show(d), issues)
}

/// A date or a month, compared with its field's bounds as the text it is
/// stored as.
trait Stored: std::fmt::Display {
    /// That text (`2025-03-01`, `2025-03`) on the stack, or `None`.
    fn stored(&self) -> Option<([u8; 10], usize)>;
}

impl Stored for Date {
    fn stored(&self) -> Option<([u8; 10], usize)> {
        self.iso().map(|b| (b, 10))
    }
}

impl Stored for YearMonth {
    fn stored(&self) -> Option<([u8; 10], usize)> {
        let mut buf = [0; 10];
        buf[..7].copy_from_slice(&self.iso()?);
        Some((buf, 7))
    }
}

/// Dates compare as ISO text: `2025-01-01` ≤ `2025-03-15`.
/// The date is written out only when the field has a bound, on the stack.
fn date_in_bounds(f: &Field, date: impl Stored, issues: &mut Vec<CellIssue>) -> Result<(), String> {
    if f.min.is_none() && f.max.is_none() {
        return Ok(());
    }
    let stored = date.stored();
    let long;
    let iso = match &stored {
        Some((bytes, n)) => &bytes[..*n],
        None => {
            long = date.to_string();
            long.as_bytes()
        }
    };
    let lo = f.min.as_ref().map(|n| n.0.as_str());
    let hi = f.max.as_ref().map(|n| n.0.as_str());
    // ASCII: comparing the bytes is comparing the text.
    let too_early = lo.is_some_and(|lo| iso < lo.as_bytes());
    let too_late = hi.is_some_and(|hi| iso > hi.as_bytes());
    let outside = (too_early || too_late).then(|| match (lo, hi) {
        (Some(lo), Some(hi)) => format!("应在{lo}至{hi}之间"),
        (Some(lo), None) => format!("不能早于{lo}"),
        (_, hi) => format!("不能晚于{}", hi.unwrap_or_default()),
    });
    limit(f, outside, || String::from_utf8_lossy(iso).into_owned(), issues)
}

/// A value outside the field's limits: refused where the seed sets them
/// (`basis`), else a warning the applicant can confirm (the site's inference).
fn limit(
    f: &Field,
    outside: Option<String>,
    value: impl FnOnce() -> String,
    issues: &mut Vec<CellIssue>,
) -> Result<(), String> {
    match (outside, &f.basis) {
        (None, _) => Ok(()),
        (Some(why), Some(_)) => Err(why),
        (Some(why), None) => {
            issues.push(CellIssue::warning(format!("{why}，请核对；如确属如此，请确认"), "bounds", value()));
            Ok(())
        }
    }
}

fn read_choice(f: &Field, v: &Value, issues: &mut Vec<CellIssue>) -> Result<Answer, String> {
    let (value, detail) = match v {
        Value::String(s) => (normalise::trim(s).to_string(), None),
        Value::Object(o) => (
            o.get("value").and_then(Value::as_str).unwrap_or_default().trim().to_string(),
            o.get("detail").and_then(Value::as_str).map(|d| d.trim().to_string()).filter(|d| !d.is_empty()),
        ),
        _ => return Err("请选择一项".into()),
    };
    let Some(option) = f.option(&value) else {
        return Err(if value.is_empty() {
            "请选择一项".into()
        } else {
            format!("“{value}”不是可选的一项")
        });
    };
    if let (Some(what), None) = (&option.detail, &detail) {
        issues.push(CellIssue::error(format!("选择“{}”后请填写{what}", option.label)));
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
    if let Some(bad) = raw_values.iter().find(|v| f.option(v).is_none()) {
        return Err(format!("“{}”不是可选的一项", bad.trim()));
    }
    let mut values = Vec::new();
    let mut details = Vec::new();
    // In the order of the options, whatever order they came in; each named
    // by its value or its label, as a choice is.
    for o in f.options.iter().filter(|o| raw_values.iter().any(|v| f.option(v).is_some_and(|x| x.value == o.value))) {
        values.push(o.value.clone());
        let detail = raw_details
            .get(&o.value)
            .or_else(|| raw_details.get(&o.label))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|d| !d.is_empty());
        match (&o.detail, detail) {
            (Some(_), Some(d)) => details.push((o.value.clone(), d.to_string())),
            (Some(what), None) => issues.push(CellIssue::error(format!("勾选“{}”后请填写{what}", o.label))),
            _ => {}
        }
    }
    if values.is_empty() {
        return Err("请勾选".into());
    }
    Ok(Answer::Multi { values, details })
}

const RANGE_FORMAT: &str = "请按“2023年1月—2025年12月”或“2023年1月—至今”的写法填写起止年月";

/// 合作起止时间: two boxes, or one string as an import may carry it. The end
/// may be 至今 (a cooperation that goes on).
fn read_range(f: &Field, v: &Value, issues: &mut Vec<CellIssue>) -> Result<Answer, String> {
    let (from, to) = match v {
        Value::Object(o) => (o.get("from").and_then(raw_text), o.get("to").and_then(raw_text)),
        Value::String(s) => match period::split_month_range(s) {
            Some((a, b)) => (Some(Cow::Owned(a)), Some(Cow::Owned(b))),
            None => return Err(RANGE_FORMAT.into()),
        },
        _ => return Err(RANGE_FORMAT.into()),
    };
    fn typed<'a>(t: &'a Option<Cow<str>>) -> Option<&'a str> {
        t.as_deref().filter(|t| !normalise::trim(t).is_empty())
    }
    let from = typed(&from).map(normalise::year_month).transpose()?;
    let to = typed(&to).map(period::range_end).transpose()?;
    let to_month = match to {
        Some(RangeEnd::Month(m)) => Some(m),
        _ => None,
    };
    if let (Some(a), Some(b)) = (from, to_month) {
        if a > b {
            return Err("起始年月不能晚于结束年月".into());
        }
    }
    for ym in [from, to_month].into_iter().flatten() {
        date_in_bounds(f, ym, issues)?;
    }
    match (from, to) {
        (Some(a), Some(b)) => Ok(Answer::Range(a, b)),
        _ => Err("请填写起始和结束年月（仍在合作的，结束年月可填“至今”）".into()),
    }
}

/// A JSON object of `entries`, in order. Each value is moved in: `json!`
/// would copy it through serde_json's serialiser of values, which brings
/// that serialiser and a float writer into the page's engine.
pub fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// An object of `entries` (key, and value if any) in their order, those
/// without a value left out. With `every`, an object of the same keys in
/// the same order each `null`, it is a copy of that with the values put in
/// place and the empty places taken out after, so no key is hashed again;
/// without, it is made key by key. (The entries come as a `dyn` iterator
/// so the page's engine holds one copy of this, not one per caller: 437 B
/// gzip.)
pub fn object_in_order(
    every: Option<&serde_json::Map<String, Value>>,
    entries: &mut dyn Iterator<Item = (&str, Option<Value>)>,
) -> serde_json::Map<String, Value> {
    match every {
        Some(every) => {
            let mut out = every.clone();
            let mut empty = false;
            for (place, (_, v)) in out.values_mut().zip(entries) {
                match v {
                    Some(v) => *place = v,
                    None => empty = true,
                }
            }
            // A value given is never null (a null answer is empty).
            if empty {
                out.retain(|_, v| !v.is_null());
            }
            out
        }
        None => entries.filter_map(|(k, v)| Some((k.to_string(), v?))).collect(),
    }
}

/// The export form of an answer: numbers as strings, as typed, with at
/// least the field's places.
pub fn to_json(f: &Field, a: &Answer) -> Value {
    fn object<const N: usize>(entries: [(&str, String); N]) -> Value {
        self::object(entries.map(|(k, v)| (k, Value::String(v))))
    }
    match a {
        Answer::Text(s) => Value::String(s.clone()),
        Answer::Number(d) => Value::String(normalise::format_input(
            *d,
            if f.kind == FieldType::Integer { 0 } else { f.decimal_places() },
        )),
        Answer::Date(d) => Value::String(d.to_string()),
        Answer::YearMonth(ym) => Value::String(ym.to_string()),
        Answer::Range(from, to) => object([("from", from.to_string()), ("to", to.to_string())]),
        Answer::Choice { value, detail } => match detail {
            Some(d) => object([("value", value.clone()), ("detail", d.clone())]),
            None => object([("value", value.clone())]),
        },
        Answer::Multi { values, details } => {
            let mut m = serde_json::Map::new();
            m.insert("values".into(), Value::Array(values.iter().cloned().map(Value::String).collect()));
            if !details.is_empty() {
                let d = details.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
                m.insert("details".into(), Value::Object(d));
            }
            Value::Object(m)
        }
        Answer::Bool(b) => Value::Bool(*b),
        Answer::Raw(v) => v.clone(),
        Answer::Table(rows) => Value::Array(rows.iter().map(|r| r.to_json(f, None)).collect()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(kind: &str) -> Field {
        serde_json::from_value(json!({"id": "a", "label": "A", "type": kind})).expect("a valid field")
    }

    fn stored(f: &Field, v: &Value) -> Value {
        match read(f, v, &BTreeMap::new()).0 {
            Read::Ok(a) => to_json(f, &a),
            other => panic!("{v} not read: {other:?}"),
        }
    }

    #[test]
    fn json_numbers_are_read_as_written_never_through_binary_floating_point() {
        let money = field("money");
        let number = |text: &str| serde_json::from_str::<Value>(text).expect("a JSON number");
        assert_eq!(stored(&money, &number("123456789012345.67")), json!("123456789012345.67"));
        assert_eq!(stored(&money, &number("0.1")), json!("0.10"));
        assert_eq!(stored(&money, &number("1.5e3")), json!("1500.00"));
        assert_eq!(stored(&field("integer"), &number("12")), json!("12"));
    }

    #[test]
    fn a_range_end_may_be_open() {
        let range = field("year_month_range");
        assert_eq!(
            stored(&range, &json!({"from": "2023年1月", "to": "至今"})),
            json!({"from": "2023-01", "to": "至今"})
        );
        assert_eq!(stored(&range, &json!("2023年1月—至今")), json!({"from": "2023-01", "to": "至今"}));
        let (read, _) = read(&range, &json!("长期"), &BTreeMap::new());
        assert!(matches!(read, Read::Invalid { reason, .. } if reason == RANGE_FORMAT));
    }
}
