//! 导出 Word 文档: the official document of the answers as a `.docx`, made
//! by the Word writer (form-docx, `word-writer.js`). The writer is loaded
//! on the first click only, from the site's own folder (the button's
//! `data-script`, a classic script under the page's CSP), so a form page's
//! first load does not carry it. It reads the same export the page saves.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use super::state::{with_tools, Shared};
use super::{dom, files};
use crate::markup::{attr, PAGE};

const MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// The writer's exports once loaded (`loader.js` sets them on the global).
const WRITER: &str = "wordWriter";
const SCRIPT_ID: &str = "word-writer-script";

pub fn export(page: &Shared, button: &Element) {
    let doc = page.borrow().doc.clone();
    if writer().is_some() {
        write(page);
        return;
    }
    if dom::by_id(&doc, SCRIPT_ID).is_some() {
        return; // Loading: the document is written once the writer is ready.
    }
    let Some(src) = button.get_attribute(attr::SCRIPT) else { return };
    dom::status(&doc, "正在载入 Word 文档导出程序……");
    if load(&doc, &src, page).is_err() {
        failed(&doc);
    }
}

fn writer() -> Option<JsValue> {
    let w = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(WRITER)).ok()?;
    (!w.is_undefined()).then_some(w)
}

thread_local! {
    /// Whether the page listens for the writer's events (once per page).
    static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Adds the writer's script; writes the document once it announces itself ready.
fn load(doc: &Document, src: &str, page: &Shared) -> Result<(), JsValue> {
    let error = {
        let doc = doc.clone();
        Closure::<dyn FnMut()>::new(move || {
            failed(&doc);
            // The next click tries again.
            if let Some(s) = dom::by_id(&doc, SCRIPT_ID) {
                s.remove();
            }
        })
    };
    if !LISTENING.replace(true) {
        let page = page.clone();
        let ready = Closure::<dyn FnMut()>::new(move || write(&page));
        doc.add_event_listener_with_callback("word-writer-ready", ready.as_ref().unchecked_ref())?;
        doc.add_event_listener_with_callback("word-writer-error", error.as_ref().unchecked_ref())?;
        ready.forget();
    }
    let script = doc.create_element("script")?;
    script.set_id(SCRIPT_ID);
    script.set_attribute("src", src)?;
    // A missing file fires `error` on the element, not the loader's event.
    script.add_event_listener_with_callback("error", error.as_ref().unchecked_ref())?;
    error.forget();
    doc.body().ok_or("no body")?.append_child(&script)?;
    Ok(())
}

fn write(page: &Shared) {
    with_tools(page, write_with);
}

fn write_with(page: &Shared, tools: &JsValue) {
    let Some((doc, name, text, complete)) = files::current(page, tools) else { return };
    let name = format!("{}.docx", name.strip_suffix(".json").unwrap_or(&name));
    let bundle = dom::by_id(&doc, PAGE.bundle).and_then(|e| e.text_content()).unwrap_or_default();
    let made = writer()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("docx")).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| JsValue::from_str("no writer"))
        .and_then(|f| f.call2(&JsValue::NULL, &JsValue::from_str(&bundle), &JsValue::from_str(&text)));
    match made.and_then(|bytes| files::download(&doc, &name, &bytes, MIME)) {
        Ok(()) if complete => dom::status(&doc, &format!("已导出 Word 文档“{name}”（在浏览器的下载文件夹中）。")),
        Ok(()) => dom::status(
            &doc,
            &format!(
                "已导出 Word 文档“{name}”（在浏览器的下载文件夹中）。注意：本表尚未填写完整，未填的内容在文档中留空。"
            ),
        ),
        Err(_) => failed(&doc),
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-last-word", &name);
    }
}

fn failed(doc: &Document) {
    dom::status(
        doc,
        "导出 Word 文档失败：Word 文档导出程序未能载入或运行。填写内容未受影响，可先保存数据文件（.json）。",
    );
}
