//! Tables from a spreadsheet, on the page: a block of cells pasted into a
//! table, a table file (导入表格文件（.csv）) and the undo of either
//! (撤销粘贴, or Ctrl+Z right after). Whether a paste is a block of cells
//! is `crate::sheet`'s; reading a file, putting cells into the columns and
//! the report are the page's tools' (`crate::tools`, with `crate::sheet`):
//! this wires the events and shows what the tools give back.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, Element, Event, FileReader, HtmlInputElement, KeyboardEvent};

use super::state::{self, with_tools, Shared};
use super::tables::{self, PendingFile, RowTexts, Undo};
use super::{dom, tools};
use crate::export::{megabytes, MAX_IMPORT_BYTES};
use crate::markup::attr;
use crate::sheet::{self, FileMode, Paste, Placed};

pub fn listen(page: &Shared, form: &Element) -> Result<(), JsValue> {
    let on_paste = {
        let page = page.clone();
        Closure::<dyn FnMut(ClipboardEvent)>::new(move |e: ClipboardEvent| pasted(&page, &e))
    };
    form.add_event_listener_with_callback("paste", on_paste.as_ref().unchecked_ref())?;
    on_paste.forget();

    let on_key = {
        let page = page.clone();
        Closure::<dyn FnMut(KeyboardEvent)>::new(move |e: KeyboardEvent| key(&page, &e))
    };
    form.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref())?;
    on_key.forget();

    // Typing after a paste: Ctrl+Z is the box's own again, and 撤销 asks
    // before it also takes back what was typed into the table.
    let on_input = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            let Ok(mut p) = page.try_borrow_mut() else { return };
            let Some(undo) = p.undo.as_mut() else { return };
            undo.fresh = false;
            let el = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            if el.and_then(|el| tables::row_of(&el)).is_some_and(|(table, _, _)| table == undo.table) {
                undo.edited = true;
            }
        })
    };
    form.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())?;
    on_input.forget();

    let on_pick = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                if input.has_attribute(attr::TABLE_FILE) {
                    picked(&page, &input);
                }
            }
        })
    };
    form.add_event_listener_with_callback("change", on_pick.as_ref().unchecked_ref())?;
    on_pick.forget();
    Ok(())
}

/// A paste into a table cell: a block of cells fills the table from that
/// cell (with the tools, once they are here); anything else is the
/// browser's own paste.
fn pasted(page: &Shared, e: &ClipboardEvent) {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let (Some((table, _, row)), Some(column)) = (tables::row_of(&el), el.get_attribute(attr::FIELD)) else {
        return;
    };
    let Some(data) = e.clipboard_data() else { return };
    let text = data.get_data("text/plain").unwrap_or_default();
    let from_sheet = data.get_data("text/html").is_ok_and(|h| h.contains("<table"));
    let Paste::Block(block) = sheet::paste(&text, el.tag_name() == "TEXTAREA", from_sheet) else { return };
    e.prevent_default();
    with_tools(page, move |page, tools| {
        let (before, doc) = {
            let p = page.borrow();
            let Some(f) = p.engine.definition().field(&table) else { return };
            (tables::texts(&p.doc, f), p.doc.clone())
        };
        let args = [
            JsValue::from_str(&table),
            JsValue::from_str(&json(&before)),
            JsValue::from(row as u32),
            JsValue::from_str(&column),
            JsValue::from_str(&json(&block)),
        ];
        // A paste gives no reasons: any `Err` is the tools' failure, said.
        if let Ok(placed) = tools::ask_json(&doc, tools, "place a paste", "paste", &args) {
            apply(page, &table, before, placed, "粘贴");
        }
    });
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("texts serialise")
}

/// The table becomes `placed`, with its report and its undo.
fn apply(page: &Shared, table: &str, before: Vec<RowTexts>, placed: Placed, what: &'static str) {
    {
        let mut p = page.borrow_mut();
        let p = &mut *p;
        let Some(f) = p.engine.definition().field(table) else { return };
        tables::set_rows(&p.doc, f, &placed.rows);
        if let Some(old) = p.undo.take() {
            tables::show_undo(&p.doc, &old.table, None);
        }
        let touched = p.ui.touched.clone();
        p.ui.touched.extend(placed.touched);
        p.undo = Some(Undo { table: table.to_string(), rows: before, touched, what, fresh: true, edited: false });
        tables::show_choice(&p.doc, table, false);
        tables::report(&p.doc, table, &placed.report);
        tables::show_undo(&p.doc, table, Some(what));
    }
    state::table_changed(page, table);
}

/// Ctrl+Z (⌘Z) right after a paste or a table file undoes it.
fn key(page: &Shared, e: &KeyboardEvent) {
    let undo_keys =
        (e.ctrl_key() || e.meta_key()) && !e.shift_key() && !e.alt_key() && e.key().eq_ignore_ascii_case("z");
    if undo_keys && page.try_borrow().is_ok_and(|p| p.undo.as_ref().is_some_and(|u| u.fresh)) {
        e.prevent_default();
        undo(page, false);
    }
}

/// 撤销粘贴 (`ask`: first, when the table was typed into since, whether
/// that may go too) or Ctrl+Z: the table as it was before.
pub fn undo(page: &Shared, ask: bool) {
    let Some(undo) = page.borrow_mut().undo.take() else { return };
    let label = page.borrow().engine.definition().field(&undo.table).map(|f| f.label.clone()).unwrap_or_default();
    let what = undo.what;
    if ask
        && undo.edited
        && !dom::confirm(&format!(
            "撤销{what}将把「{label}」恢复为{what}前的内容，{what}后在表中所做的修改也会一并撤销。确定撤销吗？"
        ))
    {
        page.borrow_mut().undo = Some(undo);
        return;
    }
    let doc = {
        let mut p = page.borrow_mut();
        let p = &mut *p;
        let Some(f) = p.engine.definition().field(&undo.table) else { return };
        tables::set_rows(&p.doc, f, &undo.rows);
        p.ui.touched = undo.touched;
        tables::show_undo(&p.doc, &undo.table, None);
        tables::report(&p.doc, &undo.table, &format!("已撤销{what}：「{label}」已恢复为{what}前的内容。"));
        p.doc.clone()
    };
    state::table_changed(page, &undo.table);
    // The undo button is gone, or the cell with the cursor was a row the
    // undo removed: the report is where the applicant is.
    let lost =
        doc.active_element().is_none_or(|a| !a.is_connected() || a.tag_name() == "BODY" || a.tag_name() == "BUTTON");
    if ask || lost {
        tables::focus_report(&doc, &undo.table);
    }
}

/// A table file picked: read as bytes, so its encoding can be told.
fn picked(page: &Shared, input: &HtmlInputElement) {
    let Some(table) = input.get_attribute(attr::TABLE_FILE) else { return };
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
    input.set_value("");
    let doc = page.borrow().doc.clone();
    if file.size() > MAX_IMPORT_BYTES as f64 {
        let mb = megabytes(file.size() as u64);
        tables::report(&doc, &table, &format!("未导入：文件过大（{mb} MB），不是可导入的表格文件。表格未改动。"));
        return;
    }
    let Ok(reader) = FileReader::new() else { return };
    let (page, reader2, name) = (page.clone(), reader.clone(), file.name());
    let on_load = Closure::once_into_js(move || {
        let bytes = reader2.result().map(|r| js_sys::Uint8Array::new(&r)).unwrap_or_default();
        with_tools(&page, move |page, tools| read(page, tools, &table, name, &bytes));
    });
    reader.set_onload(Some(on_load.unchecked_ref()));
    let _ = reader.read_as_array_buffer(&file);
}

/// A table file read: imported at once into an empty table, else after
/// the applicant says whether it replaces the rows or follows them.
fn read(page: &Shared, tools: &JsValue, table: &str, name: String, bytes: &js_sys::Uint8Array) {
    let (doc, label, filled) = {
        let p = page.borrow();
        let Some(f) = p.engine.definition().field(table) else { return };
        (p.doc.clone(), f.label.clone(), sheet::filled_rows(&tables::texts(&p.doc, f)))
    };
    let grid = match tools::ask(&doc, tools, "read a table file", "table_grid", &[bytes.into()]) {
        Ok(grid) => grid.as_string().unwrap_or_default(),
        Err(Some(why)) => return tables::report(&doc, table, &format!("未导入文件“{name}”：{why}「{label}」未改动。")),
        Err(None) => return,
    };
    let pending = PendingFile { table: table.to_string(), grid, name };
    if filled == 0 {
        import(page, tools, pending, "replace");
        return;
    }
    tables::report(
        &doc,
        table,
        &format!(
            "已读取文件“{}”。「{label}」已有{filled}行内容：请选择用文件中的内容替换现有内容，还是添加在现有内容之后。",
            pending.name
        ),
    );
    page.borrow_mut().pending_file = Some(pending);
    tables::show_choice(&doc, table, true);
}

/// The replace-or-append question answered (`mode`: the button's
/// `data-table-file-mode`).
pub fn choose(page: &Shared, mode: &str) {
    let Some(pending) = page.borrow_mut().pending_file.take() else { return };
    let doc = page.borrow().doc.clone();
    tables::show_choice(&doc, &pending.table, false);
    if FileMode::parse(mode).is_some() {
        let mode = mode.to_string();
        with_tools(page, move |page, tools| import(page, tools, pending, &mode));
    } else {
        let label = page.borrow().engine.definition().field(&pending.table).map(|f| f.label.clone());
        let text = format!("已取消导入文件“{}”，「{}」未改动。", pending.name, label.unwrap_or_default());
        tables::report(&doc, &pending.table, &text);
        tables::focus_report(&doc, &pending.table);
    }
}

/// The file's cells into its table (`mode`: `replace`, `append`).
fn import(page: &Shared, tools: &JsValue, pending: PendingFile, mode: &str) {
    let (before, doc) = {
        let p = page.borrow();
        let Some(f) = p.engine.definition().field(&pending.table) else { return };
        (tables::texts(&p.doc, f), p.doc.clone())
    };
    let args = [&pending.table, &json(&before), &pending.grid, mode, &pending.name].map(JsValue::from_str);
    match tools::ask_json(&doc, tools, "import a table file", "from_file", &args) {
        Ok(placed) => apply(page, &pending.table, before, placed, "导入"),
        Err(Some(why)) => tables::report(&doc, &pending.table, &format!("未导入：{why}")),
        Err(None) => return,
    }
    tables::focus_report(&doc, &pending.table);
}
