//! Small web-sys helpers: find, show and hide elements, read and write a
//! control's value, the status line, the clock, timers and window events.
//! Nothing here knows the form.

use wasm_bindgen::closure::{Closure, WasmClosure};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, NodeList};

use crate::markup::PAGE;

/// Runs `f` once, `ms` milliseconds from now.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
    }
}

/// Listens to the window's `kind` events for the page's lifetime.
pub fn on_window<F: ?Sized + WasmClosure>(kind: &str, handler: Closure<F>) -> Result<(), JsValue> {
    web_sys::window().ok_or("no window")?.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok(())
}

pub fn by_id(doc: &Document, id: &str) -> Option<Element> {
    doc.get_element_by_id(id)
}

pub fn show(doc: &Document, id: &str) {
    if let Some(e) = by_id(doc, id) {
        set_hidden(&e, false);
    }
}

pub fn set_hidden(e: &Element, hidden: bool) {
    let _ = if hidden { e.set_attribute("hidden", "") } else { e.remove_attribute("hidden") };
}

/// The status line under the tool bar (announced politely).
pub fn status(doc: &Document, text: &str) {
    if let Some(e) = by_id(doc, PAGE.status) {
        e.set_text_content(Some(text));
    }
}

/// A line of text in the element `id`, shown; empty text hides it.
pub fn notice(doc: &Document, id: &str, text: &str) {
    if let Some(e) = by_id(doc, id) {
        e.set_text_content(Some(text));
        set_hidden(&e, text.is_empty());
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

pub fn checked(el: &Element) -> bool {
    el.dyn_ref::<HtmlInputElement>().is_some_and(HtmlInputElement::checked)
}

pub fn set_checked(el: &Element, on: bool) {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_checked(on);
    }
}

/// A radio or checkbox (which show no value of their own to write back).
pub fn is_toggle(el: &Element) -> bool {
    el.dyn_ref::<HtmlInputElement>().is_some_and(|i| matches!(i.type_().as_str(), "radio" | "checkbox"))
}

pub fn is_select(el: &Element) -> bool {
    el.dyn_ref::<HtmlSelectElement>().is_some()
}

/// The elements of a `querySelectorAll` result (none if the query failed).
pub fn elements(list: Result<NodeList, JsValue>) -> Vec<Element> {
    let Ok(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok())).collect()
}

/// Now, as ISO 8601 in UTC.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// `2026-11-26 10:30` in the reader's local time.
pub fn local_time(iso: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Asks the applicant; a browser that cannot ask counts as "no".
pub fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}
