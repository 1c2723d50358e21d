//! Printing shows the document, never the controls. The page's print-only
//! container holds the document of the answers on the page
//! (`crate::document`): the official form, or the 计算说明 or 佐证材料目录
//! when the applicant asked for one (`PrintState::set_kind`). The print
//! stylesheet shows that alone (`html[data-print="document"]`), so whatever
//! starts the print (the 打印 buttons, the browser's own menu, a tool that
//! prints without `beforeprint`), every answer is on the paper in full, as text.
//!
//! The document is made by the print tools (`form-tools.js`, `crate::tools`),
//! which the page loads as soon as it is interactive (`load`, from the
//! container's `data-script`, a classic script from the site's own folder
//! under the page's CSP), so that the engine a form page downloads for its
//! first paint stays small. From then on the container is brought up to
//! date right after every change (and at once on `beforeprint` and the 打印
//! buttons); a 打印 button pressed before they arrived prints once they have. Until they arrive `data-print` is not set and the
//! browser's own print shows the form as it stands, as with scripts off.
//!
//! The document's footer (form, version, 数据校验码) is in `@page` rules of
//! a constructed stylesheet, set through the CSSOM: no inline style, so a
//! strict Content-Security-Policy holds.

use std::cell::RefCell;
use std::rc::Rc;

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

/// What is printed; shared with the timer that brings the document up to
/// date after a change and with `beforeprint`.
pub struct PrintState(Rc<RefCell<Inner>>);

struct Inner {
    doc: Document,
    /// What the next print shows.
    kind: Kind,
    /// Carries the printed document's `@page` footer.
    sheet: Option<CssStyleSheet>,
    /// The markup in the container now (unchanged answers: no DOM write).
    shown: String,
    /// The tools' `Printer` for this form, once they are loaded.
    printer: Option<JsValue>,
    /// The answers last evaluated (JSON) and the confirmed warnings.
    answers: Option<(String, Vec<String>)>,
    /// The container is behind the answers; a render is due.
    stale: bool,
    /// A render is scheduled (one at a time).
    scheduled: bool,
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
        PrintState(Rc::new(RefCell::new(Inner {
            doc: doc.clone(),
            kind: Kind::Official,
            sheet,
            shown: String::new(),
            printer: None,
            answers: None,
            stale: false,
            scheduled: false,
            print_when_ready: false,
        })))
    }

    /// What the next print shows.
    pub fn set_kind(&mut self, kind: Kind) {
        self.0.borrow_mut().kind = kind;
    }

    /// Whether the document can be printed now; if not, it prints when the
    /// tools arrive.
    pub fn ready_or_later(&mut self) -> bool {
        let mut inner = self.0.borrow_mut();
        inner.print_when_ready = inner.printer.is_none();
        !inner.print_when_ready
    }
}

/// Keeps the print container on these answers (the raw answers just
/// evaluated, and the warnings confirmed). The document is made right
/// after the change's update (a timer of 0 ms), not inside it, so a
/// keystroke shows at once; `beforeprint` and the 打印 buttons make it at
/// once if it is still due.
pub fn render(_doc: &Document, data: &Map<String, Value>, confirmed: &[String], state: &mut PrintState) {
    let json = serde_json::to_string(data).expect("answers are JSON values under string keys");
    let schedule = {
        let mut inner = state.0.borrow_mut();
        inner.answers = Some((json, confirmed.to_vec()));
        inner.stale = true;
        inner.printer.is_some() && !std::mem::replace(&mut inner.scheduled, true)
    };
    if schedule {
        let shared = state.0.clone();
        let later = Closure::once_into_js(move || {
            shared.borrow_mut().scheduled = false;
            flush(&shared);
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
        }
    }
}

/// Puts the document of the last answers into the print container now.
pub fn show(_doc: &Document, state: &mut PrintState) {
    state.0.borrow_mut().stale = true;
    flush(&state.0);
}

/// Makes the document if it is due and the tools are there.
fn flush(shared: &Rc<RefCell<Inner>>) {
    let Ok(mut inner) = shared.try_borrow_mut() else { return };
    let inner = &mut *inner;
    if !inner.stale {
        return;
    }
    let (Some(printer), Some((data, confirmed))) = (&inner.printer, &inner.answers) else { return };
    let doc = &inner.doc;
    let Some(container) = dom::by_id(doc, PAGE.print_document) else { return };
    let confirmed: js_sys::Array = confirmed.iter().map(|c| JsValue::from_str(c)).collect();
    let made =
        call(printer, "render", &[JsValue::from_str(data), confirmed.into(), JsValue::from_str(inner.kind.name())]);
    let Some(parts) = made.ok().and_then(|m| m.dyn_into::<js_sys::Array>().ok()) else {
        web_sys::console::error_1(&JsValue::from_str("form page: the print tools could not make the document"));
        return;
    };
    inner.stale = false;
    let markup = parts.get(0).as_string().unwrap_or_default();
    if markup != inner.shown {
        container.set_inner_html(&markup);
        if let Some(sheet) = &inner.sheet {
            let _ = sheet.replace_sync(&parts.get(1).as_string().unwrap_or_default());
        }
        inner.shown = markup;
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-print", "document");
        let _ = root.set_attribute("data-print-kind", inner.kind.name());
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

/// The tools are loaded: a printer for this form and the document of the
/// answers now. Whether a 打印 button asked for a print meanwhile.
pub fn arrived(doc: &Document, state: &mut PrintState) -> bool {
    let bundle = dom::by_id(doc, PAGE.bundle).and_then(|e| e.text_content()).unwrap_or_default();
    let printer = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(TOOLS))
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("Printer")))
        .and_then(|c| c.dyn_into::<js_sys::Function>())
        .and_then(|c| js_sys::Reflect::construct(&c, &js_sys::Array::of1(&JsValue::from_str(&bundle))));
    match printer {
        Ok(printer) => state.0.borrow_mut().printer = Some(printer),
        Err(e) => {
            web_sys::console::error_2(&JsValue::from_str("form page: the print tools did not start"), &e);
            return false;
        }
    }
    // A print that starts before the timer has run (the browser's own
    // menu right after a keystroke) makes the document first.
    let shared = state.0.clone();
    let before_print = Closure::<dyn FnMut()>::new(move || flush(&shared));
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("beforeprint", before_print.as_ref().unchecked_ref());
    }
    before_print.forget();
    show(doc, state);
    std::mem::take(&mut state.0.borrow_mut().print_when_ready)
}
