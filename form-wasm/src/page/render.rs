//! Showing an evaluation: messages beside fields and in the summary (the
//! GOV.UK pattern), metrics with their working, hidden sections, progress,
//! character counts, and the "check your answers" review.

use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

use super::dom;
use crate::evaluate::{Evaluation, Problem};
use crate::markup::{self, attr, PAGE};
use crate::model::{Field, FieldType, FormDef, Section, Severity};
use crate::normalise::char_count;
use crate::program::Prepared;
use crate::view::{self, UiState};

/// What the page shows now, by part: a part whose key is unchanged is not
/// touched (most keystrokes change one field's message, if any).
#[derive(Default)]
pub struct Shown {
    /// Per field, in page order: the messages beside it and its invalid
    /// cells (empty: none shown).
    fields: Vec<String>,
    /// Show every field's messages afresh next time (rows may have been rebuilt).
    pub redo_fields: bool,
    summary: Option<String>,
    title: String,
    progress: Option<String>,
    /// Per metric (by id; a form has a few): its value, unit and working.
    metrics: Vec<(String, String)>,
    hidden_sections: Option<Vec<String>>,
}

impl Shown {
    /// Field `id`'s message box and marks are shown afresh next time (its
    /// rows were rebuilt).
    pub fn redo_field(&mut self, p: &Prepared, id: &str) {
        if let Some(i) = p.index.pos(id) {
            if self.fields.len() <= i {
                self.fields.resize(i + 1, String::new());
            }
            self.fields[i] = "\u{0}".into();
        }
    }
}

/// Whose character counts and option details are brought up to date.
#[derive(Clone, Copy)]
pub enum Controls<'a> {
    /// After a load: every field's.
    All,
    /// The field whose control changed.
    Of(&'a str),
    /// None (no control changed: a warning was confirmed).
    Unchanged,
}

/// Shows `ev`, and brings the `controls`' counts and option details up to date.
pub fn all(
    doc: &Document,
    p: &Prepared,
    ev: &Evaluation,
    ui: &UiState,
    base_title: &str,
    shown: &mut Shown,
    controls: Controls,
) {
    let def = &p.bundle.form;
    let visible: Vec<&Problem> = ev.problems.iter().filter(|pr| view::visible(pr, ui)).collect();
    field_messages(doc, p, &visible, shown);
    summary(doc, def, ev, ui, base_title, shown);
    metrics(doc, ev, shown);
    if shown.hidden_sections.as_ref() != Some(&ev.hidden_sections) {
        for s in sections(def) {
            if let Some(e) = dom::by_id(doc, &markup::section(&s)) {
                dom::set_hidden(&e, ev.hidden_sections.contains(&s));
            }
        }
        shown.hidden_sections = Some(ev.hidden_sections.clone());
    }
    progress(doc, def, ev, shown);
    counters_and_details(doc, def, controls);
}

fn sections(def: &FormDef) -> Vec<String> {
    fn walk(s: &Section, out: &mut Vec<String>) {
        out.push(s.id.clone());
        s.sections.iter().for_each(|x| walk(x, out));
    }
    let mut out = Vec::new();
    def.sections.iter().for_each(|s| walk(s, &mut out));
    out
}

fn el(doc: &Document, tag: &str, class: &str, text: &str) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        let _ = e.set_attribute("class", class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Some(e)
}

fn field_messages(doc: &Document, prepared: &Prepared, visible: &[&Problem], shown: &mut Shown) {
    let def = &prepared.bundle.form;
    let fields = prepared.fields();
    // Each field's problems, by its place in the page.
    let mut by_field: Vec<Vec<&Problem>> = vec![Vec::new(); fields.len()];
    for p in visible {
        let ids = if p.fields.is_empty() { std::slice::from_ref(&p.field) } else { &p.fields[..] };
        for i in ids.iter().filter_map(|id| prepared.index.pos(id)) {
            by_field[i].push(p);
        }
    }
    shown.fields.resize(fields.len(), String::new());
    for ((f, mine), was) in fields.iter().zip(by_field).zip(&mut shown.fields) {
        let unconfirmed: Vec<&&Problem> = mine.iter().filter(|p| !p.confirmed).collect();
        // What this field shows: its messages and which of its cells are invalid.
        let mut key: String = unconfirmed.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("\n");
        for p in mine.iter().filter(|p| p.severity == Severity::Error && !p.confirmed) {
            key.push('\u{1}');
            key.push_str(&p.row.map_or_else(String::new, |r| r.to_string()));
            key.push('\u{2}');
            key.push_str(p.column.as_deref().unwrap_or(""));
        }
        if !shown.redo_fields && *was == key {
            continue;
        }
        *was = key;
        let Some(box_) = dom::by_id(doc, &markup::error(&f.id)) else { continue };
        box_.set_inner_html("");
        let has_error = unconfirmed.iter().any(|p| p.severity == Severity::Error);
        for p in &unconfirmed {
            let warning = p.severity == Severity::Warning;
            let Some(line) = el(doc, "span", if warning { "message is-warning" } else { "message" }, "") else {
                continue;
            };
            if let Some(prefix) = el(doc, "span", "visually-hidden", if warning { "提示：" } else { "错误：" }) {
                let _ = line.append_child(&prefix);
            }
            let _ = line.append_with_str_1(&p.message);
            if let (true, Some(rule)) = (warning, &p.rule) {
                if let Some(b) = el(doc, "button", "confirm-warning", "确认无误") {
                    let _ = b.set_attribute("type", "button");
                    let _ = b.set_attribute(attr::CONFIRM, rule);
                    let _ = line.append_child(&b);
                }
            }
            let _ = box_.append_child(&line);
        }
        dom::set_hidden(&box_, unconfirmed.is_empty());
        if let Some(wrap) = dom::by_id(doc, &markup::field_wrap(&f.id)) {
            let class = wrap.class_list();
            let _ = class.toggle_with_force("field--error", has_error);
            let _ = class.toggle_with_force("field--warning", !has_error && !unconfirmed.is_empty());
        }
        mark_invalid(doc, def, f, &mine);
    }
    shown.redo_fields = false;
}

fn mark_invalid(doc: &Document, def: &FormDef, f: &Field, mine: &[&Problem]) {
    if f.kind == FieldType::Table {
        let selector = format!("table[{}='{}'] [aria-invalid]", attr::TABLE, f.id);
        for e in dom::elements(doc.query_selector_all(&selector)) {
            let _ = e.remove_attribute("aria-invalid");
        }
        for p in mine.iter().filter(|p| p.row.is_some() && p.severity == Severity::Error) {
            if let Some(e) = dom::by_id(doc, &markup::focus(def, p)) {
                let _ = e.set_attribute("aria-invalid", "true");
            }
        }
    } else if let Some(e) = dom::by_id(doc, &markup::first_input(f)) {
        let invalid = mine.iter().any(|p| p.severity == Severity::Error && !p.confirmed);
        let _ = if invalid { e.set_attribute("aria-invalid", "true") } else { e.remove_attribute("aria-invalid") };
    }
}

fn summary(doc: &Document, def: &FormDef, ev: &Evaluation, ui: &UiState, base_title: &str, shown: &mut Shown) {
    let items = view::summary(def, ev, ui);
    let title = format!("{}{base_title}", view::title_prefix(&items).unwrap_or_default());
    if title != shown.title {
        doc.set_title(&title);
        shown.title = title;
    }
    let key: String = items.iter().map(|i| format!("{}{}", i.href, i.message)).collect();
    if shown.summary.as_ref() == Some(&key) {
        return;
    }
    shown.summary = Some(key);
    let Some(list) = dom::by_id(doc, PAGE.error_summary_list) else { return };
    list.set_inner_html("");
    for item in &items {
        let Some(li) = el(doc, "li", if item.warning { "is-warning" } else { "" }, "") else { continue };
        if let Some(a) = el(doc, "a", "", &item.message) {
            let _ = a.set_attribute("href", &item.href);
            let _ = li.append_child(&a);
        }
        let _ = list.append_child(&li);
    }
    if let Some(box_) = dom::by_id(doc, PAGE.error_summary) {
        dom::set_hidden(&box_, items.is_empty());
    }
}

fn metrics(doc: &Document, ev: &Evaluation, shown: &mut Shown) {
    for m in &ev.metrics {
        let working = match (&m.value, &m.error) {
            (Some(v), _) => {
                let inputs: Vec<String> = m.inputs.iter().map(|i| format!("{}：{}", i.label, i.value)).collect();
                format!("结果 {v}{}；所用数据：{}", m.unit.as_deref().unwrap_or(""), inputs.join("；"))
            }
            (None, Some(e)) => e.clone(),
            _ => String::new(),
        };
        let key = [m.value.as_deref().unwrap_or("\u{0}"), m.unit.as_deref().unwrap_or("\u{0}"), &working].join("\u{1}");
        match shown.metrics.iter_mut().find(|(id, _)| *id == m.id) {
            Some((_, was)) if *was == key => continue,
            Some((_, was)) => *was = key,
            None => shown.metrics.push((m.id.clone(), key)),
        }
        if let Some(out) = dom::by_id(doc, &markup::field(&m.id)) {
            out.set_text_content(Some(m.value.as_deref().unwrap_or("无法计算")));
            let _ = out.set_attribute("data-state", if m.value.is_some() { "ok" } else { "unavailable" });
        }
        if let (Some(u), Some(unit)) = (dom::by_id(doc, &markup::unit(&m.id)), &m.unit) {
            if u.text_content().as_deref() != Some(unit.as_str()) {
                u.set_text_content(Some(unit));
            }
        }
        if let Some(w) = dom::by_id(doc, &markup::working(&m.id)) {
            w.set_text_content(Some(&working));
        }
    }
}

fn progress(doc: &Document, def: &FormDef, ev: &Evaluation, shown: &mut Shown) {
    let sections = view::progress(def, ev);
    let key: String = sections.iter().map(|s| format!("{}{}", s.id, s.status.text())).collect();
    if shown.progress.as_ref() == Some(&key) {
        return;
    }
    shown.progress = Some(key);
    let Some(list) = dom::by_id(doc, PAGE.progress_list) else { return };
    list.set_inner_html("");
    for s in sections {
        let Some(li) = el(doc, "li", "", "") else { continue };
        if let Some(a) = el(doc, "a", "", &s.title) {
            let _ = a.set_attribute("href", &format!("#{}", markup::section(&s.id)));
            let _ = li.append_child(&a);
        }
        if let Some(tag) = el(doc, "span", &format!("progress-tag is-{}", s.status.name()), s.status.text()) {
            let _ = li.append_child(&tag);
        }
        let _ = list.append_child(&li);
    }
    if let Some(nav) = dom::by_id(doc, PAGE.progress) {
        dom::set_hidden(&nav, false);
    }
}

fn counters_and_details(doc: &Document, def: &FormDef, controls: Controls) {
    for (_, f) in def.fields() {
        match controls {
            Controls::All => {}
            Controls::Of(id) if id == f.id => {}
            Controls::Of(_) | Controls::Unchanged => continue,
        }
        if let (FieldType::Textarea | FieldType::Text, Some(max)) = (f.kind, f.max_chars) {
            if let (Some(input), Some(counter)) =
                (dom::by_id(doc, &markup::field(&f.id)), dom::by_id(doc, &markup::count(&f.id)))
            {
                let n = char_count(dom::value(&input).trim());
                counter.set_text_content(Some(&format!("已输入 {n} / {max} 字")));
                let _ = counter.class_list().toggle_with_force("is-over", n > max as usize);
            }
        }
        for o in f.options.iter().filter(|o| o.detail.is_some()) {
            let chosen = dom::by_id(doc, &markup::option(&f.id, &o.value))
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            if let Some(d) = dom::by_id(doc, &markup::option_detail(&f.id, &o.value))
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            {
                d.set_disabled(!chosen);
            }
        }
    }
}

/// "核对全部填写内容": every answer grouped by section, each with a link back to
/// change it. (The caller moves focus to it, holding no borrow: focus moves
/// run `update`.)
pub fn review(doc: &Document, def: &FormDef, ev: &Evaluation) {
    let Some(body) = dom::by_id(doc, PAGE.review_body) else { return };
    body.set_inner_html("");
    for s in def.sections.iter().filter(|s| !ev.hidden_sections.contains(&s.id)) {
        if let Some(h) = el(doc, "h3", "", &s.title) {
            let _ = body.append_child(&h);
        }
        let Some(dl) = el(doc, "dl", "review-list", "") else { continue };
        let mut fields = Vec::new();
        collect_fields(s, &ev.hidden_sections, &mut fields);
        for f in fields {
            let shown = match ev.data.get(&f.id) {
                Some(v) => display(f, v),
                None if f.kind == FieldType::Computed => {
                    ev.metrics.iter().find(|m| m.id == f.id).map_or(String::new(), |m| {
                        m.value
                            .clone()
                            .map_or("无法计算".into(), |v| format!("{v}{}", m.unit.as_deref().unwrap_or("")))
                    })
                }
                None => "（未填写）".into(),
            };
            let (Some(dt), Some(dd)) = (el(doc, "dt", "", &f.label), el(doc, "dd", "", &shown)) else { continue };
            if f.kind != FieldType::Computed {
                if let Some(a) = el(doc, "a", "review-change", "修改") {
                    let _ = a.set_attribute("href", &format!("#{}", markup::first_input(f)));
                    let _ = a.set_attribute("aria-label", &format!("修改{}", f.label));
                    let _ = dd.append_child(&a);
                }
            }
            let _ = dl.append_child(&dt);
            let _ = dl.append_child(&dd);
        }
        let _ = body.append_child(&dl);
    }
    dom::show(doc, PAGE.review);
}

fn collect_fields<'a>(s: &'a Section, hidden: &[String], out: &mut Vec<&'a Field>) {
    out.extend(s.fields.iter());
    for sub in s.sections.iter().filter(|x| !hidden.contains(&x.id)) {
        collect_fields(sub, hidden, out);
    }
}

/// An answer as the applicant reads it: option labels, 是/否, rows.
fn display(f: &Field, v: &Value) -> String {
    let label = |val: &str| f.options.iter().find(|o| o.value == val).map_or(val.to_string(), |o| o.label.clone());
    match (f.kind, v) {
        (FieldType::Choice, Value::Object(o)) => {
            let mut s = label(o.get("value").and_then(Value::as_str).unwrap_or(""));
            if let Some(d) = o.get("detail").and_then(Value::as_str) {
                s.push_str(&format!("（{d}）"));
            }
            s
        }
        (FieldType::MultiChoice, Value::Object(o)) => o
            .get("values")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|v| match o.get("details").and_then(|d| d.get(v)).and_then(Value::as_str) {
                        Some(d) => format!("{}（{d}）", label(v)),
                        None => label(v),
                    })
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .unwrap_or_default(),
        (FieldType::YesNo, Value::Bool(b)) => if *b { "是" } else { "否" }.into(),
        (FieldType::YearMonthRange, Value::Object(o)) => {
            let (from, to) = (o.get("from").and_then(Value::as_str), o.get("to").and_then(Value::as_str));
            match (from.unwrap_or(""), to.unwrap_or("")) {
                (from, "至今") => format!("{from} 至今"),
                (from, to) => format!("{from} 至 {to}"),
            }
        }
        (FieldType::Table, Value::Array(rows)) => format!("已填写{}行", rows.len()),
        (_, Value::String(s)) => format!("{s}{}", f.unit_text().map(|u| format!(" {u}")).unwrap_or_default()),
        (_, other) => other.to_string(),
    }
}
