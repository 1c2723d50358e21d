//! Printing shows the document, never the controls. The page's print-only
//! container holds the document of the answers on the page
//! (`crate::document`): the official form, or the 计算说明 or 佐证材料目录
//! when the applicant asked for one (`PrintState::kind`). The print
//! stylesheet shows that alone (`html[data-print="document"]`), so whatever
//! starts the print, every answer is on the paper in full, as text.
//!
//! Making the document costs more than the rest of a keystroke, so it is
//! not made on each one: a change marks it stale (`html[data-print-current]`
//! goes), and it is made again when typing pauses (`AFTER_CHANGE_MS`), on
//! `beforeprint` (the browser's menu and Ctrl+P, and printing to PDF in
//! Chromium and Firefox, send it), and by the 打印 buttons.
//!
//! The document's footer (form, version, 数据校验码) is in `@page` rules of
//! a constructed stylesheet, set through the CSSOM: no inline style, so a
//! strict Content-Security-Policy holds.

use web_sys::{CssStyleSheet, Document};

use super::dom;
use crate::document::{self, html, Kind};
use crate::evaluate::Evaluation;
use crate::markup::PAGE;
use crate::model::FormDef;

/// How long after the last change the document is made again.
pub const AFTER_CHANGE_MS: i32 = 250;

pub struct PrintState {
    /// What the next print shows.
    pub kind: Kind,
    /// The answers changed since the document was made.
    pub stale: bool,
    /// A remake after `AFTER_CHANGE_MS` is waiting.
    pub scheduled: bool,
    /// Carries the printed document's `@page` footer.
    sheet: Option<CssStyleSheet>,
    /// The markup in the container now (unchanged answers: no DOM write).
    shown: String,
}

impl PrintState {
    /// The official form, and the footer's stylesheet adopted by the page.
    pub fn new(doc: &Document) -> PrintState {
        let sheet = CssStyleSheet::new().ok();
        if let Some(s) = &sheet {
            let sheets = doc.adopted_style_sheets();
            sheets.push(s);
            doc.set_adopted_style_sheets(&sheets);
        }
        PrintState { kind: Kind::Official, stale: true, scheduled: false, sheet, shown: String::new() }
    }
}

/// Puts the document of this evaluation into the print container.
pub fn render(doc: &Document, def: &FormDef, ev: &Evaluation, state: &mut PrintState) {
    let Some(container) = dom::by_id(doc, PAGE.print_document) else { return };
    let d = document::of_kind(state.kind, def, ev);
    let markup = html::body(&d);
    if markup != state.shown {
        container.set_inner_html(&markup);
        if let Some(sheet) = &state.sheet {
            let _ = sheet.replace_sync(&html::page_css(&d));
        }
        state.shown = markup;
    }
    state.stale = false;
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-print", "document");
        let _ = root.set_attribute("data-print-kind", state.kind.name());
        let _ = root.set_attribute("data-print-current", "");
    }
}

/// The answers changed: the document is stale until made again.
pub fn changed(doc: &Document, state: &mut PrintState) {
    if !state.stale {
        state.stale = true;
        if let Some(root) = doc.document_element() {
            let _ = root.remove_attribute("data-print-current");
        }
    }
}
