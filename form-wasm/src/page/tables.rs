//! Table rows: finding them, adding and removing them, keeping each row's
//! number, control ids, names and labels right (all from `markup`); a
//! table's texts read and set whole (a paste, a table file, its undo), and
//! its own report and tools.

use std::collections::BTreeSet;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use super::dom;
use crate::markup::{self, attr, Part};
use crate::model::{Field, FieldType, FormDef};
use crate::row_pattern::{hole, RowPattern, ROW_MARK};
pub use crate::sheet::RowTexts;

/// What a table was before a paste or a table file changed it, to put it
/// back (撤销粘贴, or Ctrl+Z right after).
pub struct Undo {
    pub table: String,
    pub rows: Vec<RowTexts>,
    /// The cells judged as left before.
    pub touched: BTreeSet<String>,
    /// 粘贴 or 导入: what is undone.
    pub what: &'static str,
    /// Nothing was typed anywhere since: Ctrl+Z undoes it.
    pub fresh: bool,
    /// Something was typed into the table since: undoing loses it, so ask.
    pub edited: bool,
}

/// A table file read, waiting for the applicant to say whether it
/// replaces the table's rows or is added after them.
pub struct PendingFile {
    pub table: String,
    /// The file's cells (`sheet::Grid`) as the tools read them, as JSON.
    pub grid: String,
    pub name: String,
}

/// The add and remove buttons and a table's own tools exist in the page
/// but only work with the engine.
pub fn show_row_buttons(doc: &Document) {
    let selector = format!("[{}], [{}], [{}], .row-actions", attr::ADD_ROW, attr::REMOVE_ROW, attr::TABLE_TOOLS);
    for e in dom::elements(doc.query_selector_all(&selector)) {
        dom::set_hidden(&e, false);
    }
}

pub fn table_rows(doc: &Document, table: &str) -> Vec<Element> {
    dom::elements(doc.query_selector_all(&markup::table_rows_selector(table)))
}

/// The controls of a row by column, in column order (a range has two): one
/// query and one attribute read per control.
pub fn row_controls<'a>(tr: &Element, columns: &'a [Field]) -> Vec<(&'a Field, Vec<Element>)> {
    let mut out: Vec<(&Field, Vec<Element>)> = columns.iter().map(|c| (c, Vec::new())).collect();
    for e in dom::elements(tr.query_selector_all(&format!("[{}]", attr::FIELD))) {
        let Some(col) = e.get_attribute(attr::FIELD) else { continue };
        if let Some((_, els)) = out.iter_mut().find(|(c, _)| c.id == col) {
            els.push(e);
        }
    }
    out
}

pub fn row_number(tr: &Element) -> Option<usize> {
    tr.get_attribute(attr::ROW)?.parse().ok()
}

/// The table field id and row number of a control inside a table row.
pub fn row_of(el: &Element) -> Option<(String, Element, usize)> {
    let tr = el.closest(&format!("tr[{}]", attr::ROW)).ok().flatten()?;
    let table = tr.closest(&format!("table[{}]", attr::TABLE)).ok().flatten()?.get_attribute(attr::TABLE)?;
    let n = row_number(&tr)?;
    Some((table, tr, n))
}

/// Adds a blank row at the end and moves the cursor into it.
pub fn add_row(doc: &Document, table: &str) {
    let rows = table_rows(doc, table);
    let Some(last) = rows.last() else { return };
    let Some(copy) = blank_copy(last) else { return };
    if let Some(parent) = last.parent_node() {
        let _ = parent.append_child(&copy);
    }
    renumber(table, std::slice::from_ref(&copy), rows.len());
    // Focus the new row's first input, so keyboard users carry on typing.
    if let Ok(Some(first)) = copy.query_selector("input, textarea, select") {
        if let Some(id) = first.get_attribute("id") {
            dom::focus(doc, &id);
        }
    }
}

/// A copy of row `tr` with every control emptied, in its markup too (no
/// default value, no preselected option).
fn blank_copy(tr: &Element) -> Option<Element> {
    let copy = tr.clone_node_with_deep(true).ok()?.dyn_into::<Element>().ok()?;
    for e in dom::elements(copy.query_selector_all("input, textarea, select")) {
        dom::set_value(&e, "");
        let _ = e.remove_attribute("aria-invalid");
        let _ = e.remove_attribute("value");
    }
    for e in dom::elements(copy.query_selector_all("option[selected]")) {
        let _ = e.remove_attribute("selected");
    }
    Some(copy)
}

/// The fewest rows the table holding `button` may have (at least one).
pub fn min_rows_of(def: &FormDef, button: &Element) -> usize {
    let table =
        button.closest(&format!("table[{}]", attr::TABLE)).ok().flatten().and_then(|t| t.get_attribute(attr::TABLE));
    table.and_then(|t| def.field(&t)).and_then(|f| f.min_rows).unwrap_or(1).max(1) as usize
}

/// Removes the row holding `button`, never going below `min` rows.
pub fn remove_row(doc: &Document, min: usize, button: &Element) -> bool {
    let Some((table, tr, n)) = row_of(button) else { return false };
    let rows = table_rows(doc, &table);
    if rows.len() <= min {
        dom::status(doc, &format!("本表至少保留{min}行；如不需要此行内容，清空即可。"));
        return false;
    }
    tr.remove();
    // The rows below move up one.
    renumber(&table, rows.get(n..).unwrap_or_default(), n.saturating_sub(1));
    dom::status(doc, "已删除一行。");
    true
}

/// The texts of every row's controls, as on the page now.
pub fn texts(doc: &Document, f: &Field) -> Vec<RowTexts> {
    table_rows(doc, &f.id)
        .iter()
        .map(|tr| {
            row_controls(tr, &f.columns).into_iter().map(|(_, els)| els.iter().map(dom::value).collect()).collect()
        })
        .collect()
}

/// Makes the table exactly `rows`: rows beyond them removed (one always
/// stays), the missing ones added in one pass, every control written.
pub fn set_rows(doc: &Document, f: &Field, rows: &[RowTexts]) {
    for tr in table_rows(doc, &f.id).iter().skip(rows.len().max(1)) {
        tr.remove();
    }
    fill(doc, f, rows);
}

/// A table's report (empty: hidden).
pub fn report(doc: &Document, table: &str, text: &str) {
    dom::notice(doc, &markup::table_report(table), text);
}

/// Moves focus to a table's report (where the applicant reads what happened).
pub fn focus_report(doc: &Document, table: &str) {
    let id = markup::table_report(table);
    if let Some(e) = dom::by_id(doc, &id) {
        let _ = e.set_attribute("tabindex", "-1");
        dom::focus(doc, &id);
    }
}

/// Shows a table's undo button for `what` (粘贴, 导入), or hides it.
pub fn show_undo(doc: &Document, table: &str, what: Option<&str>) {
    if let Some(b) = dom::by_id(doc, &markup::table_undo(table)) {
        if let Some(what) = what {
            b.set_text_content(Some(&format!("撤销{what}")));
        }
        dom::set_hidden(&b, what.is_none());
    }
}

/// Shows or hides a table's replace-or-append question.
pub fn show_choice(doc: &Document, table: &str, show: bool) {
    if let Some(e) = dom::by_id(doc, &markup::table_choice(table)) {
        dom::set_hidden(&e, !show);
    }
}

/// Every table's undo button and question hidden: the answers were
/// replaced as a whole (a draft, a data file, 清除草稿).
pub fn forget(doc: &Document, def: &FormDef) {
    for (_, f) in def.fields().into_iter().filter(|(_, f)| f.kind == FieldType::Table) {
        show_undo(doc, &f.id, None);
        show_choice(doc, &f.id, false);
    }
}

/// Writes `rows` into the table, adding the rows it lacks (a draft or an
/// import), in linear time however many: the rows on the page are written
/// control by control, the missing ones built in one pass (`build_rows`),
/// never added one at a time and renumbered each time. Nothing moves focus
/// (which would run updates mid-fill).
pub fn fill(doc: &Document, f: &Field, rows: &[RowTexts]) {
    let existing = table_rows(doc, &f.id);
    for (i, tr) in existing.iter().enumerate() {
        write_row(tr, f, rows.get(i), |_| true);
    }
    let have = existing.len();
    let (Some(last), Some(missing)) = (existing.last(), rows.get(have..).filter(|m| !m.is_empty())) else {
        return;
    };
    match build_rows(doc, f, last, missing, have) {
        // Their markup holds their texts, but for a choice's list: those now.
        Some(built) => {
            if f.columns.iter().any(|c| c.kind == FieldType::Choice) {
                for (tr, texts) in built.iter().zip(missing) {
                    write_row(tr, f, Some(texts), |c| c.kind == FieldType::Choice);
                }
            }
        }
        None => {
            for (tr, texts) in add_blank_rows(doc, &f.id, last, missing.len(), have).iter().zip(missing) {
                write_row(tr, f, Some(texts), |_| true);
            }
        }
    }
}

/// Writes a row's texts into its controls (of the columns `which` picks);
/// controls without a text are emptied.
fn write_row(tr: &Element, f: &Field, texts: Option<&RowTexts>, which: impl Fn(&Field) -> bool) {
    for (j, (c, els)) in row_controls(tr, &f.columns).into_iter().enumerate() {
        if !which(c) {
            continue;
        }
        for (k, e) in els.iter().enumerate() {
            let text = texts.and_then(|t| t.get(j)).and_then(|t| t.get(k));
            dom::set_value(e, text.map_or("", String::as_str));
        }
    }
}

/// Rows `before + 1` on, after `last`, with their texts: the markup of a
/// blank copy of `last` as the pattern (`row_pattern`), written for every
/// row and parsed by the browser at once. `None` when the row makes no
/// pattern; then nothing was added.
fn build_rows(doc: &Document, f: &Field, last: &Element, rows: &[RowTexts], before: usize) -> Option<Vec<Element>> {
    let pattern = blank_copy(last)?;
    renumber(&f.id, std::slice::from_ref(&pattern), ROW_MARK - 1);
    for (j, (_, els)) in row_controls(&pattern, &f.columns).into_iter().enumerate() {
        for (k, e) in els.iter().enumerate() {
            match e.tag_name().as_str() {
                "INPUT" => {
                    let _ = e.set_attribute("value", &hole(j, k));
                }
                "TEXTAREA" => e.set_text_content(Some(&hole(j, k))),
                // A choice's list: no text to hold; written after.
                _ => {}
            }
        }
    }
    let pattern = RowPattern::parse(&pattern.outer_html())?;
    let mut markup = String::new();
    for (i, texts) in rows.iter().enumerate() {
        pattern.write(&mut markup, before + i + 1, |j, k| texts.get(j).and_then(|t| t.get(k)).map(String::as_str));
    }
    last.insert_adjacent_html("afterend", &markup).ok()?;
    Some(table_rows(doc, &f.id).split_off(before))
}

/// `n` blank rows after `last`, numbered from `before + 1`, appended in one
/// batch (when the row makes no pattern for `build_rows`).
fn add_blank_rows(doc: &Document, table: &str, last: &Element, n: usize, before: usize) -> Vec<Element> {
    let (Some(blank), Some(parent)) = (blank_copy(last), last.parent_node()) else { return Vec::new() };
    let batch = doc.create_document_fragment();
    let mut added = Vec::with_capacity(n);
    for _ in 0..n {
        let Some(row) = blank.clone_node_with_deep(true).ok().and_then(|r| r.dyn_into::<Element>().ok()) else {
            break;
        };
        let _ = batch.append_child(&row);
        added.push(row);
    }
    renumber(table, &added, before);
    let _ = parent.append_child(&batch);
    added
}

/// Gives `rows`, the rows of `table` from row `before + 1` on, their
/// numbers, and the ids, names and labels of those numbers.
fn renumber(table: &str, rows: &[Element], before: usize) {
    for (i, tr) in rows.iter().enumerate() {
        let n = before + i + 1;
        let _ = tr.set_attribute(attr::ROW, &n.to_string());
        if let Ok(Some(th)) = tr.query_selector("th.row-number") {
            th.set_text_content(Some(&n.to_string()));
        }
        for e in dom::elements(tr.query_selector_all(&format!("[{}]", attr::FIELD))) {
            let Some(col) = e.get_attribute(attr::FIELD) else { continue };
            let (id, name) = (markup::cell(table, n, &col), markup::cell_name(table, n, &col));
            let (id, name) = match e.get_attribute("name").as_deref().and_then(Part::of_name) {
                Some(part) => (part.id(&id), part.name(&name)),
                None => (id, name),
            };
            let _ = e.set_attribute("name", &name);
            let _ = e.set_attribute("id", &id);
            if let Some(label) = e.get_attribute("aria-label") {
                let rest = label.split_once('行').map_or(label.as_str(), |(_, r)| r);
                let _ = e.set_attribute("aria-label", &format!("第{n}行{rest}"));
            }
        }
    }
}
