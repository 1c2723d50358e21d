//! "下载 JSON" and "导入 JSON". Exports are allowed when incomplete (and say
//! so); an import never replaces the current answers without asking.

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Element, FileReader, HtmlAnchorElement, HtmlInputElement, Url};

use super::{dom, draft, load_answers, update, Shared};
use crate::export::MAX_IMPORT_BYTES;
use crate::view;

pub fn export(page: &Shared) {
    page.borrow_mut().ui.check_all = true;
    update(page, None);
    let (doc, name, text, complete) = {
        let p = page.borrow();
        let def = p.engine.definition();
        let map = dom::collect(&p.doc, def);
        let export = p.export_value(&map);
        let complete = export["complete"].as_bool().unwrap_or(false);
        let applicant = def.name_field.as_ref().and_then(|f| map.get(f)).and_then(Value::as_str).map(str::to_string);
        let today = draft::now_iso().get(..10).unwrap_or_default().replace('-', "");
        let name = view::export_file_name(def, applicant.as_deref(), &today, complete);
        (p.doc.clone(), name, serde_json::to_string_pretty(&export).unwrap_or_default(), complete)
    };
    // No borrow is held here: the download's click is an event like any other.
    match download(&doc, &name, &text) {
        Ok(()) if complete => dom::status(&doc, &format!("已下载 {name}。")),
        Ok(()) => dom::status(
            &doc,
            &format!("已下载 {name}。注意：本表尚未填写完整，文件中已标明“未完成”，见上方的问题清单。"),
        ),
        Err(_) => dom::status(&doc, "下载失败：浏览器不允许保存文件。"),
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-last-export", &name);
    }
}

impl super::Page {
    fn export_value(&self, data: &serde_json::Map<String, Value>) -> Value {
        self.engine.export_value(data, &self.confirmed, &draft::now_iso())
    }
}

fn download(doc: &web_sys::Document, name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = BlobPropertyBag::new();
    opts.set_type("application/json;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let a: HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    doc.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // Revoked later: some browsers read the blob after click returns.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

pub fn listen_import(page: &Shared, tools: &Element) -> Result<(), JsValue> {
    let Ok(Some(input)) = tools.query_selector("#import-file") else { return Ok(()) };
    let input: HtmlInputElement = input.dyn_into()?;
    let page = page.clone();
    let input2 = input.clone();
    let on_pick = Closure::<dyn FnMut()>::new(move || {
        let Some(file) = input2.files().and_then(|f| f.get(0)) else { return };
        input2.set_value("");
        let doc = page.borrow().doc.clone();
        let size = file.size();
        if size > MAX_IMPORT_BYTES as f64 {
            report(
                &doc,
                &format!(
                    "未导入：文件过大（{} MB），不是本表导出的文件。当前填写内容未改动。",
                    crate::export::megabytes(size as u64)
                ),
                true,
            );
            return;
        }
        let Ok(reader) = FileReader::new() else { return };
        let page2 = page.clone();
        let reader2 = reader.clone();
        let on_load = Closure::once_into_js(move || {
            let text = reader2.result().ok().and_then(|r| r.as_string()).unwrap_or_default();
            imported(&page2, &text);
        });
        reader.set_onload(Some(on_load.unchecked_ref()));
        let _ = reader.read_as_text(&file);
    });
    input.add_event_listener_with_callback("change", on_pick.as_ref().unchecked_ref())?;
    on_pick.forget();
    Ok(())
}

fn imported(page: &Shared, text: &str) {
    let (result, doc, filled) = {
        let p = page.borrow();
        let filled = dom::collect(&p.doc, p.engine.definition())
            .values()
            .filter(|v| !v.as_array().is_some_and(|a| a.iter().all(|r| r.as_object().is_some_and(|o| o.is_empty()))))
            .count();
        (p.engine.import_json(text), p.doc.clone(), filled)
    };
    let r: Value = serde_json::from_str(&result).unwrap_or(Value::Null);
    if r["ok"] != Value::Bool(true) {
        let msg = r["error"].as_str().unwrap_or("文件无法导入。当前填写内容未改动。");
        report(&doc, &format!("未导入：{msg}"), true);
        return;
    }
    let data = r["data"].as_object().cloned().unwrap_or_default();
    let imported: Vec<&str> =
        r["imported"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let skipped: Vec<String> = r["skipped"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| format!("{}（{}）", s["key"].as_str().unwrap_or(""), s["reason"].as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    let notes: Vec<&str> =
        r["notes"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    if filled > 0 {
        let question = format!("导入将用文件中的{}项内容替换本页当前已填写的内容。确定导入吗？", imported.len());
        let ok = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
        if !ok {
            report(&doc, "已取消导入，当前填写内容未改动。", false);
            return;
        }
    }
    let confirmed: Vec<String> = r["confirmed_warnings"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    load_answers(page, &data, confirmed);
    let mut text = format!("已导入{}项。", imported.len());
    if !skipped.is_empty() {
        text.push_str(&format!("未导入：{}。", skipped.join("、")));
    }
    for n in notes {
        text.push_str(n);
    }
    report(&doc, &text, false);
}

fn report(doc: &web_sys::Document, text: &str, error: bool) {
    if let Some(e) = dom::by_id(doc, "form-import-report") {
        e.set_text_content(Some(text));
        let _ = e.set_attribute("class", if error { "import-report is-error" } else { "import-report" });
        dom::set_hidden(&e, false);
    }
}
