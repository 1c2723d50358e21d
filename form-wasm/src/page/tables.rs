//! Adding and removing table rows, keeping row numbers, ids and labels right.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use super::dom::{self, table_rows};
use crate::model::{Field, FormDef};

/// The add and remove buttons exist in the page but only work with the engine.
pub fn show_row_buttons(doc: &Document) {
    for e in dom::elements(doc.query_selector_all("[data-add-row], [data-remove-row], .row-actions")) {
        dom::set_hidden(&e, false);
    }
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
    let table = button.closest("table[data-table]").ok().flatten().and_then(|t| t.get_attribute("data-table"));
    table.and_then(|t| crate::view::find(def, &t)).and_then(|f| f.min_rows).unwrap_or(1).max(1) as usize
}

/// Removes the row holding `button`, never going below `min` rows.
pub fn remove_row(doc: &Document, min: usize, button: &Element) -> bool {
    let Ok(Some(tr)) = button.closest("tr[data-row]") else { return false };
    let Ok(Some(table_el)) = tr.closest("table[data-table]") else { return false };
    let Some(table) = table_el.get_attribute("data-table") else { return false };
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

/// Row `i` (from 1) gets `data-row=i`, its number, and ids, names and labels with `i`.
fn renumber(doc: &Document, table: &str) {
    for (i, tr) in table_rows(doc, table).iter().enumerate() {
        let n = i + 1;
        let _ = tr.set_attribute("data-row", &n.to_string());
        if let Ok(Some(th)) = tr.query_selector("th.row-number") {
            th.set_text_content(Some(&n.to_string()));
        }
        for e in dom::elements(tr.query_selector_all("[data-field]")) {
            let Some(col) = e.get_attribute("data-field") else { continue };
            let name = e.get_attribute("name").unwrap_or_default();
            let part = [".from", ".to"].into_iter().find(|p| name.ends_with(p)).unwrap_or("");
            let _ = e.set_attribute("name", &format!("{table}.{n}.{col}{part}"));
            let _ = e.set_attribute("id", &format!("f-{table}-{n}-{col}{}", part.replace('.', "-")));
            if let Some(label) = e.get_attribute("aria-label") {
                let rest = label.split_once('行').map_or(label.as_str(), |(_, r)| r);
                let _ = e.set_attribute("aria-label", &format!("第{n}行{rest}"));
            }
        }
    }
}
