//! Printing shows the document, never the controls. The page's print-only
//! container holds the document of the answers on the page
//! (`crate::document`): the official form, or the 计算说明 or 佐证材料目录
//! when the applicant asked for one (`PrintState::set_kind`). The print
//! stylesheet shows that alone (`html[data-print="document"]`), so whatever
//! starts the print, every answer is on the paper in full, as text.
//!
//! The document is made by the print tools (`form-tools.js`, `crate::tools`),
//! which the page loads as soon as it is interactive (`load`, from the
//! container's `data-script`, a classic script from the site's own folder
//! under the page's CSP), so that the engine a form page downloads for its
//! first paint stays small. A 打印 button pressed before they arrived prints
//! once they have; until then `data-print` is not set and the browser's own
//! print shows the form as it stands, as with scripts off.
//!
//! Making the document costs more than the rest of a keystroke, so it is
//! not made on each one: a change marks it stale (`html[data-print-current]`
//! goes), and `state` makes it again when typing pauses (`AFTER_CHANGE_MS`),
//! on `beforeprint` (the browser's menu and Ctrl+P, and printing to PDF in
//! Chromium and Firefox, send it), and for the 打印 buttons.
//!
//! The document's footer (form, version, 数据校验码) is in `@page` rules of
//! a constructed stylesheet, set through the CSSOM: no inline style, so a
//! strict Content-Security-Policy holds.

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Document};

use super::dom;
use crate::document::Kind;
use crate::markup::{attr, PAGE};

/// The tools' exports once loaded (`loader.js` sets them on the global).
const TOOLS: &str = "formTools";
const SCRIPT_ID: &str = "form-tools-script";

/// How long after the last change the document is made again.
pub const AFTER_CHANGE_MS: i32 = 250;

pub struct PrintState {
    /// What the next print shows.
    kind: Kind,
    /// The answers changed since the document was made.
    pub stale: bool,
    /// A remake after `AFTER_CHANGE_MS` is waiting.
    pub scheduled: bool,
    /// Carries the printed document's `@page` footer.
    sheet: Option<CssStyleSheet>,
    /// The markup in the container now (unchanged answers: no DOM write).
    shown: String,
    /// The tools' printer for this form, once they arrived.
    printer: Option<JsValue>,
    /// A 打印 button was pressed before the tools arrived.
    print_when_ready: bool,
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
        PrintState {
            kind: Kind::Official,
            stale: true,
            scheduled: false,
            sheet,
            shown: String::new(),
            printer: None,
            print_when_ready: false,
        }
    }

    /// What the next print shows (the document is made again for it).
    pub fn set_kind(&mut self, doc: &Document, kind: Kind) {
        self.kind = kind;
        changed(doc, self);
    }

    /// Whether the document can be printed now; if not, it prints when the
    /// tools arrive.
    pub fn ready_or_later(&mut self) -> bool {
        self.print_when_ready = self.printer.is_none();
        !self.print_when_ready
    }
}

/// The answers changed: the document is stale until made again.
pub fn changed(doc: &Document, state: &mut PrintState) {
    state.stale = true;
    if let Some(root) = doc.document_element() {
        let _ = root.remove_attribute("data-print-current");
    }
}

/// Makes the document of these answers (raw, as given, and the warnings
/// confirmed) in the container, if the tools are there.
pub fn render(doc: &Document, data: &Map<String, Value>, confirmed: &[String], state: &mut PrintState) {
    let Some(printer) = &state.printer else { return };
    let Some(container) = dom::by_id(doc, PAGE.print_document) else { return };
    let json = serde_json::to_string(data).expect("answers are JSON values under string keys");
    let confirmed: js_sys::Array = confirmed.iter().map(|c| JsValue::from_str(c)).collect();
    let made =
        call(printer, "render", &[JsValue::from_str(&json), confirmed.into(), JsValue::from_str(state.kind.name())]);
    let Some(parts) = made.ok().and_then(|m| m.dyn_into::<js_sys::Array>().ok()) else {
        web_sys::console::error_1(&JsValue::from_str("form page: the print tools could not make the document"));
        return;
    };
    state.stale = false;
    let markup = parts.get(0).as_string().unwrap_or_default();
    if markup != state.shown {
        container.set_inner_html(&markup);
        if let Some(sheet) = &state.sheet {
            let _ = sheet.replace_sync(&parts.get(1).as_string().unwrap_or_default());
        }
        state.shown = markup;
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-print", "document");
        let _ = root.set_attribute("data-print-kind", state.kind.name());
        let _ = root.set_attribute("data-print-current", "");
    }
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    f.apply(target, &args.iter().collect())
}

/// Loads the print tools (once the page is interactive); `ready` runs
/// when they announce themselves ready (then `arrived`).
pub fn load(doc: &Document, ready: impl FnMut() + 'static) -> Result<(), JsValue> {
    let Some(src) = dom::by_id(doc, PAGE.print_document).and_then(|c| c.get_attribute(attr::SCRIPT)) else {
        return Ok(());
    };
    if dom::by_id(doc, SCRIPT_ID).is_some() {
        return Ok(());
    }
    let ready = Closure::<dyn FnMut()>::new(ready);
    let failed = Closure::<dyn FnMut()>::new(|| {
        web_sys::console::error_1(&JsValue::from_str("form page: the print tools (form-tools.js) did not load"));
    });
    doc.add_event_listener_with_callback("form-tools-ready", ready.as_ref().unchecked_ref())?;
    doc.add_event_listener_with_callback("form-tools-error", failed.as_ref().unchecked_ref())?;
    let script = doc.create_element("script")?;
    script.set_id(SCRIPT_ID);
    script.set_attribute("src", &src)?;
    // A missing file fires `error` on the element, not the loader's event.
    script.add_event_listener_with_callback("error", failed.as_ref().unchecked_ref())?;
    ready.forget();
    failed.forget();
    doc.body().ok_or("no body")?.append_child(&script)?;
    Ok(())
}

/// The tools are loaded: a printer for this form (the document is then
/// made by the caller). Whether a 打印 button asked for a print meanwhile.
pub fn arrived(doc: &Document, state: &mut PrintState) -> bool {
    let bundle = dom::by_id(doc, PAGE.bundle).and_then(|e| e.text_content()).unwrap_or_default();
    let printer = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(TOOLS))
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("Printer")))
        .and_then(|c| c.dyn_into::<js_sys::Function>())
        .and_then(|c| js_sys::Reflect::construct(&c, &js_sys::Array::of1(&JsValue::from_str(&bundle))));
    match printer {
        Ok(printer) => state.printer = Some(printer),
        Err(e) => {
            web_sys::console::error_2(&JsValue::from_str("form page: the print tools did not start"), &e);
            return false;
        }
    }
    changed(doc, state);
    std::mem::take(&mut state.print_when_ready)
}
