//! "保存数据文件（.json）" and "导入数据文件（.json）", and downloads of any
//! file the page makes (`download`). Exports are allowed when
//! incomplete (and say so); an import never replaces the current answers
//! without asking. The file's text is made and read by the page's tools
//! (`crate::tools`); this asks them and shows what they say.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Document, FileReader, HtmlAnchorElement, HtmlInputElement, Url};

use super::state::{load_answers, update, with_tools, Shared};
use super::{dom, inputs, tools};
use crate::export::{megabytes, Answers, MAX_IMPORT_BYTES};
use crate::markup::PAGE;

/// The export the page would save now, made by the `tools` from the
/// answers the page shows (every problem shown too): its file name, its
/// text and whether it is complete.
pub fn current(page: &Shared, tools: &JsValue) -> Option<(Document, String, String, bool)> {
    page.borrow_mut().ui.check_all = true;
    update(page, None);
    let p = page.borrow();
    let [data, confirmed] = tools::answers(&p.session);
    let args = [data, confirmed, JsValue::from_str(&dom::now_iso())];
    // The export gives no reasons: any `Err` is the tools' failure, said.
    let [name, text, complete] = tools::ask_parts(&p.doc, tools, "make the data file", "export", &args).ok()?;
    Some((p.doc.clone(), name, text, !complete.is_empty()))
}

/// 保存数据文件（.json）.
pub fn export(page: &Shared) {
    with_tools(page, save);
}

fn save(page: &Shared, tools: &JsValue) {
    let Some((doc, name, text, complete)) = current(page, tools) else { return };
    // No borrow is held here: the download's click is an event like any other.
    let saved = download(&doc, &name, &JsValue::from_str(&text), "application/json;charset=utf-8");
    match saved {
        Ok(()) if complete => dom::status(&doc, &format!("已保存数据文件“{name}”（在浏览器的下载文件夹中）。")),
        Ok(()) => dom::status(
            &doc,
            &format!(
                "已保存数据文件“{name}”（在浏览器的下载文件夹中）。注意：本表尚未填写完整，文件中已标明“未完成”，见上方的问题清单。"
            ),
        ),
        Err(_) => dom::status(&doc, "保存失败：浏览器不允许保存文件。"),
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-last-export", &name);
    }
}

/// "下载无法读取的草稿": the text of a draft that could not be read, as it
/// was stored, as a file.
pub fn download_kept(page: &Shared) {
    let (doc, name, text) = {
        let p = page.borrow();
        let Some(kept) = p.draft.kept() else { return };
        let today = dom::now_iso().get(..10).unwrap_or_default().replace('-', "");
        let name = format!("附件{}-无法读取的草稿-{today}.txt", p.engine.definition().attachment);
        (p.doc.clone(), name, kept.text.clone())
    };
    match download(&doc, &name, &JsValue::from_str(&text), "text/plain;charset=utf-8") {
        Ok(()) => dom::status(&doc, &format!("已保存“{name}”（在浏览器的下载文件夹中）。")),
        Err(_) => dom::status(&doc, "保存失败：浏览器不允许保存文件。"),
    }
}

/// Saves `content` (a string or bytes) as a file named `name` in the downloads.
pub fn download(doc: &Document, name: &str, content: &JsValue, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(content);
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = Blob::new_with_blob_sequence_and_options(&parts, &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let a: HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    doc.body().ok_or("no body")?.append_child(&a)?;
    // The page's click handler is running (this is its export): the anchor's
    // click must not bubble back into it, which wasm-bindgen refuses as a
    // recursive call of the same closure.
    let stop = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| e.stop_propagation());
    a.add_event_listener_with_callback("click", stop.as_ref().unchecked_ref())?;
    a.click();
    a.remove();
    drop(stop);
    // Revoked later: some browsers read the blob after click returns.
    dom::after(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    });
    Ok(())
}

pub fn listen_import(page: &Shared) -> Result<(), JsValue> {
    let doc = page.borrow().doc.clone();
    let Some(input) = dom::by_id(&doc, PAGE.import_file) else { return Ok(()) };
    let input: HtmlInputElement = input.dyn_into()?;
    let page = page.clone();
    let input2 = input.clone();
    let on_pick = Closure::<dyn FnMut()>::new(move || {
        let Some(file) = input2.files().and_then(|f| f.get(0)) else { return };
        input2.set_value("");
        let doc = page.borrow().doc.clone();
        let size = file.size();
        if size > MAX_IMPORT_BYTES as f64 {
            let mb = megabytes(size as u64);
            report(&doc, &format!("未导入：文件过大（{mb} MB），不是本表导出的文件。当前填写内容未改动。"), true);
            return;
        }
        let Ok(reader) = FileReader::new() else { return };
        let page2 = page.clone();
        let reader2 = reader.clone();
        let on_load = Closure::once_into_js(move || match reader2.result().ok().and_then(|r| r.as_string()) {
            Some(text) => with_tools(&page2, move |page, tools| imported(page, tools, &text)),
            None => report(&page2.borrow().doc, "未导入：文件无法读取。当前填写内容未改动。", true),
        });
        reader.set_onload(Some(on_load.unchecked_ref()));
        let _ = reader.read_as_text(&file);
    });
    input.add_event_listener_with_callback("change", on_pick.as_ref().unchecked_ref())?;
    on_pick.forget();
    Ok(())
}

fn imported(page: &Shared, tools: &JsValue, text: &str) {
    let (doc, filled) = {
        let p = page.borrow();
        let filled = inputs::collect(&p.doc, p.engine.definition())
            .values()
            .filter(|v| !v.as_array().is_some_and(|a| a.iter().all(|r| r.as_object().is_some_and(|o| o.is_empty()))))
            .count();
        (p.doc.clone(), filled)
    };
    const WHAT: &str = "read the data file";
    let [answers, count, skipped] = match tools::ask_parts(&doc, tools, WHAT, "import", &[JsValue::from_str(text)]) {
        Ok(parts) => parts,
        Err(Some(reason)) => return report(&doc, &format!("未导入：{reason}"), true),
        Err(None) => return,
    };
    let Ok(answers) = serde_json::from_str(&answers).map(Answers::from_value) else {
        tools::broke(&doc, WHAT, &JsValue::from_str("answers not JSON"));
        return;
    };
    if filled > 0 {
        let question = format!("导入将用文件中的{count}项内容替换本页当前已填写的内容。确定导入吗？");
        if !dom::confirm(&question) {
            report(&doc, "已取消导入，当前填写内容未改动。", false);
            return;
        }
    }
    // Skipped items are named by their labels, never by the file's keys.
    let text = format!("已导入{count}项。{skipped}");
    load_answers(page, answers);
    report(&doc, &text, false);
}

fn report(doc: &Document, text: &str, error: bool) {
    if let Some(e) = dom::by_id(doc, PAGE.import_report) {
        e.set_text_content(Some(text));
        let _ = e.set_attribute("class", if error { "import-report is-error" } else { "import-report" });
        dom::set_hidden(&e, false);
    }
}
