//! Table rows: finding them, adding and removing them, keeping each row's
//! number, control ids, names and labels right (all from `markup`).

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use super::dom;
use crate::markup::{self, attr, Part};
use crate::model::{Field, FormDef};

/// The add and remove buttons exist in the page but only work with the engine.
pub fn show_row_buttons(doc: &Document) {
    let selector = format!("[{}], [{}], .row-actions", attr::ADD_ROW, attr::REMOVE_ROW);
    for e in dom::elements(doc.query_selector_all(&selector)) {
        dom::set_hidden(&e, false);
    }
}

pub fn table_rows(doc: &Document, table: &str) -> Vec<Element> {
    dom::elements(doc.query_selector_all(&markup::table_rows_selector(table)))
}

/// The controls of one column in a row (a range has two).
pub fn cell_controls(tr: &Element, column: &str) -> Vec<Element> {
    dom::elements(tr.query_selector_all(&markup::column_selector(column)))
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

/// Adds a blank row at the end; `focus` moves the cursor into it (not when
/// filling from a draft, where focus changes would run updates mid-fill).
pub fn add_row(doc: &Document, table: &str, focus: bool) {
    let rows = table_rows(doc, table);
    let Some(last) = rows.last() else { return };
    let Ok(node) = last.clone_node_with_deep(true) else { return };
    let Ok(copy) = node.dyn_into::<Element>() else { return };
    for e in dom::elements(copy.query_selector_all("input, textarea, select")) {
        dom::set_value(&e, "");
        let _ = e.remove_attribute("aria-invalid");
    }
    if let Some(parent) = last.parent_node() {
        let _ = parent.append_child(&copy);
    }
    renumber(doc, table);
    if !focus {
        return;
    }
    // Focus the new row's first input, so keyboard users carry on typing.
    if let Ok(Some(first)) = copy.query_selector("input, textarea, select") {
        if let Some(id) = first.get_attribute("id") {
            dom::focus(doc, &id);
        }
    }
}

/// The fewest rows the table holding `button` may have (at least one).
pub fn min_rows_of(def: &FormDef, button: &Element) -> usize {
    let table =
        button.closest(&format!("table[{}]", attr::TABLE)).ok().flatten().and_then(|t| t.get_attribute(attr::TABLE));
    table.and_then(|t| def.field(&t)).and_then(|f| f.min_rows).unwrap_or(1).max(1) as usize
}

/// Removes the row holding `button`, never going below `min` rows.
pub fn remove_row(doc: &Document, min: usize, button: &Element) -> bool {
    let Some((table, tr, _)) = row_of(button) else { return false };
    if table_rows(doc, &table).len() <= min {
        dom::status(doc, &format!("本表至少保留{min}行；如不需要此行内容，清空即可。"));
        return false;
    }
    tr.remove();
    renumber(doc, &table);
    dom::status(doc, "已删除一行。");
    true
}

/// Makes sure the table has at least `n` rows (for a draft or an import).
pub fn ensure_rows(doc: &Document, f: &Field, n: usize) {
    let mut have = table_rows(doc, &f.id).len();
    while have < n {
        add_row(doc, &f.id, false);
        have += 1;
    }
}

/// Row `i` (from 1) gets its number, and the ids, names and labels of row `i`.
fn renumber(doc: &Document, table: &str) {
    for (i, tr) in table_rows(doc, table).iter().enumerate() {
        let n = i + 1;
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
