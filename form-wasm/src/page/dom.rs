//! Reading and writing the form's inputs, as the form template lays them out
//! (`themes/default/templates/macros/form.html`): `#f-<id>` for single
//! inputs, radios and checkboxes named by the field id, `-from`/`-to` for
//! ranges, and table rows whose controls carry `data-field=<column>`.

use serde_json::{json, Map, Value};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, NodeList};

use crate::evaluate::Evaluation;
use crate::model::{Field, FieldType, FormDef};
use crate::view::cell_key;

pub fn by_id(doc: &Document, id: &str) -> Option<Element> {
    doc.get_element_by_id(id)
}

pub fn show(doc: &Document, id: &str) {
    if let Some(e) = by_id(doc, id) {
        let _ = e.remove_attribute("hidden");
    }
}

pub fn set_hidden(e: &Element, hidden: bool) {
    let _ = if hidden { e.set_attribute("hidden", "") } else { e.remove_attribute("hidden") };
}

pub fn status(doc: &Document, text: &str) {
    if let Some(e) = by_id(doc, "form-status") {
        e.set_text_content(Some(text));
    }
}

pub fn focus(doc: &Document, id: &str) {
    if let Some(e) = by_id(doc, id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = e.focus();
        e.scroll_into_view();
    }
}

pub fn value(el: &Element) -> String {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

pub fn set_value(el: &Element, v: &str) {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_value(v);
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(v);
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        s.set_value(v);
    }
}

fn checked(el: &Element) -> bool {
    el.dyn_ref::<HtmlInputElement>().is_some_and(HtmlInputElement::checked)
}

fn set_checked(el: &Element, on: bool) {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_checked(on);
    }
}

fn text_of(doc: &Document, id: &str) -> Option<Value> {
    by_id(doc, id).map(|e| value(&e)).filter(|v| !v.trim().is_empty()).map(Value::String)
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
    let id = format!("f-{}", f.id);
    match f.kind {
        FieldType::Computed => None,
        FieldType::Choice => {
            let o = f.options.iter().find(|o| by_id(doc, &format!("{id}-{}", o.value)).is_some_and(|e| checked(&e)))?;
            let mut v = json!({"value": o.value});
            if let Some(d) = text_of(doc, &format!("{id}-{}-detail", o.value)) {
                v["detail"] = d;
            }
            Some(v)
        }
        FieldType::MultiChoice => {
            let mut values = Vec::new();
            let mut details = Map::new();
            for o in &f.options {
                if by_id(doc, &format!("{id}-{}", o.value)).is_some_and(|e| checked(&e)) {
                    values.push(json!(o.value));
                    if let Some(d) = text_of(doc, &format!("{id}-{}-detail", o.value)) {
                        details.insert(o.value.clone(), d);
                    }
                }
            }
            (!values.is_empty()).then(|| json!({"values": values, "details": details}))
        }
        FieldType::YesNo => {
            if by_id(doc, &format!("{id}-yes")).is_some_and(|e| checked(&e)) {
                Some(json!(true))
            } else if by_id(doc, &format!("{id}-no")).is_some_and(|e| checked(&e)) {
                Some(json!(false))
            } else {
                None
            }
        }
        FieldType::YearMonthRange => {
            let from = text_of(doc, &format!("{id}-from"));
            let to = text_of(doc, &format!("{id}-to"));
            (from.is_some() || to.is_some())
                .then(|| json!({"from": from.unwrap_or_default(), "to": to.unwrap_or_default()}))
        }
        FieldType::Table => {
            let rows: Vec<Value> = table_rows(doc, &f.id)
                .iter()
                .map(|tr| {
                    // One query per row, not one per cell.
                    let controls = elements(tr.query_selector_all("[data-field]"));
                    let mut row = Map::new();
                    for c in &f.columns {
                        let mine: Vec<&Element> = controls
                            .iter()
                            .filter(|e| e.get_attribute("data-field").as_deref() == Some(c.id.as_str()))
                            .collect();
                        if let Some(v) = read_cell(&mine, c) {
                            row.insert(c.id.clone(), v);
                        }
                    }
                    Value::Object(row)
                })
                .collect();
            Some(Value::Array(rows))
        }
        _ => text_of(doc, &id),
    }
}

/// The elements of a `querySelectorAll` result (none if the query failed).
pub fn elements(list: Result<NodeList, JsValue>) -> Vec<Element> {
    let Ok(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok())).collect()
}

pub fn table_rows(doc: &Document, table: &str) -> Vec<Element> {
    elements(doc.query_selector_all(&format!("table[data-table='{table}'] > tbody > tr")))
}

fn controls(tr: &Element, column: &str) -> Vec<Element> {
    elements(tr.query_selector_all(&format!("[data-field='{column}']")))
}

fn read_cell(els: &[&Element], c: &Field) -> Option<Value> {
    let text = |e: &&Element| Some(value(e)).filter(|v| !v.trim().is_empty());
    match c.kind {
        FieldType::YearMonthRange => {
            let from = els.first().and_then(text);
            let to = els.get(1).and_then(text);
            (from.is_some() || to.is_some())
                .then(|| json!({"from": from.unwrap_or_default(), "to": to.unwrap_or_default()}))
        }
        FieldType::Choice => els.first().and_then(text).map(|v| json!({"value": v})),
        _ => els.first().and_then(text).map(Value::String),
    }
}

/// Puts answers (a draft or an import) into the page, adding table rows as needed.
pub fn fill(doc: &Document, def: &FormDef, data: &Map<String, Value>) {
    for (_, f) in def.fields() {
        let v = data.get(&f.id).unwrap_or(&Value::Null);
        write_field(doc, f, v);
    }
}

fn str_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn write_field(doc: &Document, f: &Field, v: &Value) {
    let id = format!("f-{}", f.id);
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
                if let Some(e) = by_id(doc, &format!("{id}-{}", o.value)) {
                    set_checked(&e, chosen.contains(&o.value));
                }
                if let Some(e) = by_id(doc, &format!("{id}-{}-detail", o.value)) {
                    let detail = match v {
                        Value::Object(obj) if f.kind == FieldType::Choice => {
                            if chosen.contains(&o.value) {
                                obj.get("detail").map(str_of)
                            } else {
                                None
                            }
                        }
                        Value::Object(obj) => obj.get("details").and_then(|d| d.get(&o.value)).map(str_of),
                        _ => None,
                    };
                    set_value(&e, &detail.unwrap_or_default());
                }
            }
        }
        FieldType::YesNo => {
            let b = match v {
                Value::Bool(b) => Some(*b),
                Value::String(s) if s == "yes" || s == "是" => Some(true),
                Value::String(s) if s == "no" || s == "否" => Some(false),
                _ => None,
            };
            for (suffix, on) in [("yes", b == Some(true)), ("no", b == Some(false))] {
                if let Some(e) = by_id(doc, &format!("{id}-{suffix}")) {
                    set_checked(&e, on);
                }
            }
        }
        FieldType::YearMonthRange => {
            for part in ["from", "to"] {
                if let Some(e) = by_id(doc, &format!("{id}-{part}")) {
                    set_value(&e, &v.get(part).map(str_of).unwrap_or_default());
                }
            }
        }
        FieldType::Table => {
            let rows = v.as_array().cloned().unwrap_or_default();
            super::tables::ensure_rows(doc, f, rows.len());
            for (i, tr) in table_rows(doc, &f.id).iter().enumerate() {
                let row = rows.get(i).cloned().unwrap_or(Value::Null);
                for c in &f.columns {
                    let cell = row.get(&c.id).cloned().unwrap_or(Value::Null);
                    let els = controls(tr, &c.id);
                    match c.kind {
                        FieldType::YearMonthRange => {
                            if let (Some(a), Some(b)) = (els.first(), els.get(1)) {
                                set_value(a, &cell.get("from").map(str_of).unwrap_or_default());
                                set_value(b, &cell.get("to").map(str_of).unwrap_or_default());
                            }
                        }
                        FieldType::Choice => {
                            let val = cell.get("value").map(str_of).unwrap_or_else(|| str_of(&cell));
                            if let Some(e) = els.first() {
                                set_value(e, &val);
                            }
                        }
                        _ => {
                            if let Some(e) = els.first() {
                                set_value(e, &str_of(&cell));
                            }
                        }
                    }
                }
            }
        }
        _ => {
            if let Some(e) = by_id(doc, &id) {
                set_value(&e, &str_of(v));
            }
        }
    }
}

/// The key under which leaving this input marks it as touched.
pub fn touch_key(el: &Element) -> Option<String> {
    let field = el.get_attribute("data-field")?;
    match el.closest("tr[data-row]").ok().flatten() {
        Some(tr) => {
            let table = tr.closest("table[data-table]").ok().flatten()?.get_attribute("data-table")?;
            let row = row_number(&tr)?;
            Some(cell_key(&table, row, &field))
        }
        None => Some(field),
    }
}

pub fn row_number(tr: &Element) -> Option<usize> {
    tr.get_attribute("data-row")?.parse().ok()
}

/// The normalised text to show back in a single text input (or table cell)
/// that the applicant has just left, when the engine read it.
pub fn normalised_for(el: &Element, ev: &Evaluation) -> Option<String> {
    if el.dyn_ref::<HtmlInputElement>().is_some_and(|i| matches!(i.type_().as_str(), "radio" | "checkbox"))
        || el.has_attribute("data-detail-of")
        || el.dyn_ref::<HtmlSelectElement>().is_some()
    {
        return None;
    }
    let field = el.get_attribute("data-field")?;
    let name = el.get_attribute("name").unwrap_or_default();
    let part = if name.ends_with(".from") {
        Some("from")
    } else if name.ends_with(".to") {
        Some("to")
    } else {
        None
    };
    let v = match el.closest("tr[data-row]").ok().flatten() {
        Some(tr) => {
            let table = tr.closest("table[data-table]").ok().flatten()?.get_attribute("data-table")?;
            let row = row_number(&tr)?;
            // The engine drops empty rows: find this row by its place among the filled ones.
            let rows = ev.data.get(&table)?.as_array()?;
            let filled_before = filled_rows_before(&tr);
            rows.get(filled_before.min(row.saturating_sub(1)))?.get(&field)?.clone()
        }
        None => ev.data.get(&field)?.clone(),
    };
    match (part, v) {
        (Some(p), Value::Object(o)) => o.get(p).and_then(Value::as_str).map(str::to_string),
        (None, Value::String(s)) => Some(s),
        _ => None,
    }
}

/// How many rows above `tr` have something typed in them.
fn filled_rows_before(tr: &Element) -> usize {
    let mut n = 0;
    let mut prev = tr.previous_element_sibling();
    while let Some(p) = prev {
        if elements(p.query_selector_all("input, textarea, select")).iter().any(|e| !value(e).trim().is_empty()) {
            n += 1;
        }
        prev = p.previous_element_sibling();
    }
    n
}
