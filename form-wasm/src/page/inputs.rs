//! The answers on the page: reading every control into the engine's answers,
//! and writing answers (a draft or an import) back into the controls, with
//! the element ids of `markup`.

use serde_json::{Map, Value};
use web_sys::{Document, Element};

use super::{dom, tables};
use crate::answers::object;
use crate::evaluate::Evaluation;
use crate::markup::{self, attr, Part};
use crate::model::{Field, FieldType, FormDef};
use crate::sheet;
use crate::view::cell_key;

fn text_of(doc: &Document, id: &str) -> Option<Value> {
    dom::by_id(doc, id).map(|e| dom::value(&e)).filter(|v| !v.trim().is_empty()).map(Value::String)
}

fn is_checked(doc: &Document, id: &str) -> bool {
    dom::by_id(doc, id).is_some_and(|e| dom::checked(&e))
}

/// A range's answer from its two ends, if either is filled.
fn range(from: Option<Value>, to: Option<Value>) -> Option<Value> {
    let text = |v: Option<Value>| v.unwrap_or_else(|| Value::String(String::new()));
    (from.is_some() || to.is_some()).then(|| object([("from", text(from)), ("to", text(to))]))
}

/// Every answer on the page, as the engine reads them.
pub fn collect(doc: &Document, def: &FormDef) -> Map<String, Value> {
    let mut out = Map::new();
    for (_, f) in def.fields() {
        if let Some(v) = read_field(doc, f) {
            out.insert(f.id.clone(), v);
        }
    }
    out
}

fn read_field(doc: &Document, f: &Field) -> Option<Value> {
    match f.kind {
        FieldType::Computed => None,
        FieldType::Choice => {
            let o = f.options.iter().find(|o| is_checked(doc, &markup::option(&f.id, &o.value)))?;
            let mut v = object([("value", Value::String(o.value.clone()))]);
            if let Some(d) = text_of(doc, &markup::option_detail(&f.id, &o.value)) {
                v["detail"] = d;
            }
            Some(v)
        }
        FieldType::MultiChoice => {
            let mut values = Vec::new();
            let mut details = Map::new();
            for o in f.options.iter().filter(|o| is_checked(doc, &markup::option(&f.id, &o.value))) {
                values.push(Value::String(o.value.clone()));
                if let Some(d) = text_of(doc, &markup::option_detail(&f.id, &o.value)) {
                    details.insert(o.value.clone(), d);
                }
            }
            (!values.is_empty())
                .then(|| object([("values", Value::Array(values)), ("details", Value::Object(details))]))
        }
        FieldType::YesNo => {
            [true, false].into_iter().find(|yes| is_checked(doc, &markup::yes_no(&f.id, *yes))).map(Value::Bool)
        }
        FieldType::YearMonthRange => {
            let id = markup::field(&f.id);
            range(text_of(doc, &Part::From.id(&id)), text_of(doc, &Part::To.id(&id)))
        }
        FieldType::Table => {
            let rows: Vec<Value> = tables::table_rows(doc, &f.id).iter().map(|tr| read_row(tr, f)).collect();
            Some(Value::Array(rows))
        }
        _ => text_of(doc, &markup::field(&f.id)),
    }
}

/// One row of table `f` as the engine reads it.
fn read_row(tr: &Element, f: &Field) -> Value {
    let mut row = Map::new();
    for (c, els) in tables::row_controls(tr, &f.columns) {
        if let Some(v) = read_cell(&els, c) {
            row.insert(c.id.clone(), v);
        }
    }
    Value::Object(row)
}

/// What one control's change changed.
pub enum Change {
    /// A whole answer (`Null`: now empty).
    Answer(String, Value),
    /// One row of a table (`index` from 0).
    Row { table: String, index: usize, row: Value },
}

/// Field `f`'s answer as on the page (`Null` when empty).
pub fn read_answer(doc: &Document, f: &Field) -> Value {
    read_field(doc, f).unwrap_or(Value::Null)
}

/// Reads only the answer `el` belongs to: its field, or its table row.
/// `None` for a control that is no answer's.
pub fn read_change(doc: &Document, def: &FormDef, el: &Element) -> Option<Change> {
    let id = el.get_attribute(attr::FIELD)?;
    if let Some((table, tr, n)) = tables::row_of(el) {
        let f = def.field(&table)?;
        return Some(Change::Row { index: n.checked_sub(1)?, row: read_row(&tr, f), table });
    }
    let f = def.field(&id)?;
    Some(Change::Answer(id, read_answer(doc, f)))
}

fn read_cell(els: &[Element], c: &Field) -> Option<Value> {
    let text = |e: &Element| Some(dom::value(e)).filter(|v| !v.trim().is_empty()).map(Value::String);
    match c.kind {
        FieldType::YearMonthRange => range(els.first().and_then(text), els.get(1).and_then(text)),
        FieldType::Choice => els.first().and_then(text).map(|v| object([("value", v)])),
        _ => els.first().and_then(text),
    }
}

/// Puts answers (a draft or an import) into the page, adding table rows as needed.
pub fn fill(doc: &Document, def: &FormDef, data: &Map<String, Value>) {
    for (_, f) in def.fields() {
        write_field(doc, f, data.get(&f.id).unwrap_or(&Value::Null));
    }
}

fn str_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The text at `key` of an object answer (`""` when absent).
fn part_of(v: &Value, key: &str) -> String {
    v.get(key).map(str_of).unwrap_or_default()
}

fn set(doc: &Document, id: &str, text: &str) {
    if let Some(e) = dom::by_id(doc, id) {
        dom::set_value(&e, text);
    }
}

fn write_field(doc: &Document, f: &Field, v: &Value) {
    match f.kind {
        FieldType::Computed => {}
        FieldType::Choice | FieldType::MultiChoice => {
            let chosen: Vec<String> = match v {
                Value::Object(o) if f.kind == FieldType::Choice => o.get("value").map(str_of).into_iter().collect(),
                Value::Object(o) => o
                    .get("values")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(str_of).collect())
                    .unwrap_or_default(),
                Value::String(s) => vec![s.clone()],
                _ => Vec::new(),
            };
            for o in &f.options {
                let on = chosen.contains(&o.value);
                if let Some(e) = dom::by_id(doc, &markup::option(&f.id, &o.value)) {
                    dom::set_checked(&e, on);
                }
                let detail = match v {
                    Value::Object(obj) if f.kind == FieldType::Choice && on => obj.get("detail").map(str_of),
                    Value::Object(obj) if f.kind == FieldType::MultiChoice => {
                        obj.get("details").and_then(|d| d.get(&o.value)).map(str_of)
                    }
                    _ => None,
                };
                set(doc, &markup::option_detail(&f.id, &o.value), &detail.unwrap_or_default());
            }
        }
        FieldType::YesNo => {
            let b = match v {
                Value::Bool(b) => Some(*b),
                Value::String(s) if s == "yes" || s == "是" => Some(true),
                Value::String(s) if s == "no" || s == "否" => Some(false),
                _ => None,
            };
            for yes in [true, false] {
                if let Some(e) = dom::by_id(doc, &markup::yes_no(&f.id, yes)) {
                    dom::set_checked(&e, b == Some(yes));
                }
            }
        }
        FieldType::YearMonthRange => {
            for part in Part::BOTH {
                set(doc, &part.id(&markup::field(&f.id)), &part_of(v, part.key()));
            }
        }
        FieldType::Table => {
            let rows = v.as_array().map(Vec::as_slice).unwrap_or_default();
            let texts: Vec<tables::RowTexts> = rows
                .iter()
                .map(|row| {
                    f.columns.iter().map(|c| sheet::cell_texts(c, row.get(&c.id).unwrap_or(&Value::Null))).collect()
                })
                .collect();
            tables::fill(doc, f, &texts);
        }
        _ => set(doc, &markup::field(&f.id), &str_of(v)),
    }
}

/// The key under which leaving this control marks it as touched.
pub fn touch_key(el: &Element) -> Option<String> {
    let field = el.get_attribute(attr::FIELD)?;
    match tables::row_of(el) {
        Some((table, _, row)) => Some(cell_key(&table, row, &field)),
        None => Some(field),
    }
}

/// The normalised text to show back in a single text input (or table cell)
/// that the applicant has just left, when the engine read it.
pub fn normalised_for(el: &Element, ev: &Evaluation) -> Option<String> {
    if dom::is_toggle(el) || el.has_attribute(attr::DETAIL_OF) || dom::is_select(el) {
        return None;
    }
    let field = el.get_attribute(attr::FIELD)?;
    let part = el.get_attribute("name").as_deref().and_then(Part::of_name);
    let v = match tables::row_of(el) {
        Some((table, tr, row)) => {
            // The engine drops empty rows: find this row by its place among the filled ones.
            let rows = ev.data.answer(&table)?;
            rows.as_array()?.get(filled_rows_before(&tr).min(row.saturating_sub(1)))?.get(&field)?.clone()
        }
        None => ev.data.answer(&field)?,
    };
    match (part, v) {
        (Some(p), Value::Object(o)) => o.get(p.key()).and_then(Value::as_str).map(str::to_string),
        (None, Value::String(s)) => Some(s),
        _ => None,
    }
}

/// How many rows above `tr` have something typed in them.
fn filled_rows_before(tr: &Element) -> usize {
    let mut n = 0;
    let mut prev = tr.previous_element_sibling();
    while let Some(p) = prev {
        if dom::elements(p.query_selector_all("input, textarea, select"))
            .iter()
            .any(|e| !dom::value(e).trim().is_empty())
        {
            n += 1;
        }
        prev = p.previous_element_sibling();
    }
    n
}
