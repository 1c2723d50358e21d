//! Drafts in the browser's local storage: saved on every change, per form and
//! definition version, restored on opening; two tabs on one form are noticed;
//! a browser that cannot store says so plainly.

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Storage, StorageEvent};

use super::{dom, load_answers, Shared};
use crate::model::FormDef;

pub struct Draft {
    key: String,
    /// This tab's id, written with each save, to tell other tabs' saves apart.
    tab: String,
    /// Another tab saved this form: stop saving until the applicant chooses.
    paused: bool,
    /// Saving failed once: the warning stays up.
    failed: bool,
    /// `saved_at` of the last record this tab wrote or loaded: a stored record
    /// from another tab with a different time is news this tab has not seen.
    seen: Option<String>,
}

fn storage() -> Option<Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// `2026-11-26 10:30` in the reader's local time.
fn local_time(iso: &str) -> String {
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

impl Draft {
    pub fn new(def: &FormDef) -> Draft {
        let tab = format!("{:x}{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64);
        Draft { key: format!("form-draft:{}:{}", def.id, def.version), tab, paused: false, failed: false, seen: None }
    }

    /// Saves the answers, unless another tab saved this form since this tab
    /// last looked: then nothing is overwritten and the applicant chooses.
    /// No answers at all means no draft.
    pub fn save(&mut self, doc: &Document, data: Value, confirmed: Vec<String>, empty: bool) {
        if self.paused {
            return;
        }
        if let Some(current) = saved(&self.key) {
            let from_other_tab = current.get("tab").and_then(Value::as_str) != Some(self.tab.as_str());
            let when = current.get("saved_at").and_then(Value::as_str).map(str::to_string);
            if from_other_tab && when != self.seen {
                self.paused = true;
                conflict(doc, true);
                return;
            }
        }
        if empty {
            if let Some(s) = storage() {
                let _ = s.remove_item(&self.key);
            }
            self.seen = None;
            return;
        }
        let at = now_iso();
        let record = json!({"data": data, "confirmed_warnings": confirmed, "saved_at": at, "tab": self.tab});
        let ok = storage().is_some_and(|s| s.set_item(&self.key, &record.to_string()).is_ok());
        if ok {
            self.seen = Some(at);
        }
        if !ok {
            self.failed = true;
            warn(doc, "浏览器无法保存草稿（可能处于隐私模式、存储已满，或不允许本地文件使用存储）。关闭页面前请务必点击“下载 JSON”保存填写内容。");
        } else if self.failed {
            self.failed = false;
            warn(doc, "");
        }
    }
}

fn warn(doc: &Document, text: &str) {
    if let Some(e) = dom::by_id(doc, "form-storage-warning") {
        e.set_text_content(Some(text));
        dom::set_hidden(&e, text.is_empty());
    }
}

fn conflict(doc: &Document, show: bool) {
    if let Some(b) = dom::by_id(doc, "form-conflict") {
        dom::set_hidden(&b, !show);
    }
}

fn saved_at(record: &Value) -> Option<String> {
    record.get("saved_at").and_then(Value::as_str).map(str::to_string)
}

fn saved(key: &str) -> Option<Value> {
    storage()?.get_item(key).ok().flatten().and_then(|t| serde_json::from_str(&t).ok())
}

/// On opening: put the saved draft back, and say when it was saved.
pub fn restore(page: &Shared) {
    let key = page.borrow().draft.key.clone();
    if storage().is_none() {
        let doc = page.borrow().doc.clone();
        warn(&doc, "浏览器不允许本页使用存储，草稿无法自动保存。关闭页面前请务必点击“下载 JSON”保存填写内容。");
        return;
    }
    let Some(record) = saved(&key) else { return };
    let Some(data) = record.get("data").and_then(Value::as_object).cloned() else { return };
    let confirmed = strings(record.get("confirmed_warnings"));
    let when = record.get("saved_at").and_then(Value::as_str).map(local_time).unwrap_or_default();
    page.borrow_mut().draft.seen = saved_at(&record);
    load_answers(page, &data, confirmed);
    let doc = page.borrow().doc.clone();
    dom::status(&doc, &format!("已恢复 {when} 保存的草稿。"));
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// "清除草稿": asks first, then empties the form and the saved draft.
pub fn clear(page: &Shared) {
    let ok = web_sys::window()
        .and_then(|w| {
            w.confirm_with_message(
                "确定清除本表的全部填写内容和已保存的草稿吗？此操作不能撤销；如需保留，请先下载 JSON。",
            )
            .ok()
        })
        .unwrap_or(false);
    if !ok {
        return;
    }
    let key = page.borrow().draft.key.clone();
    if let Some(s) = storage() {
        let _ = s.remove_item(&key);
    }
    {
        let mut p = page.borrow_mut();
        p.ui = Default::default();
    }
    load_answers(page, &serde_json::Map::new(), Vec::new());
    let doc = page.borrow().doc.clone();
    dom::status(&doc, "草稿已清除。");
}

/// Another tab saving the same form is noticed, and saving here pauses
/// until the applicant decides which copy to keep.
pub fn listen_other_tabs(page: &Shared) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let p2 = page.clone();
    let on_storage = Closure::<dyn FnMut(StorageEvent)>::new(move |e: StorageEvent| {
        let (key, tab, doc) = {
            let p = p2.borrow();
            (p.draft.key.clone(), p.draft.tab.clone(), p.doc.clone())
        };
        if e.key().as_deref() != Some(key.as_str()) {
            return;
        }
        let other = e.new_value().and_then(|t| serde_json::from_str::<Value>(&t).ok());
        if other.as_ref().and_then(|v| v.get("tab")).and_then(Value::as_str) == Some(tab.as_str()) {
            return;
        }
        p2.borrow_mut().draft.paused = true;
        conflict(&doc, true);
    });
    window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref())?;
    on_storage.forget();
    Ok(())
}

pub fn use_other_tab(page: &Shared) {
    let key = page.borrow().draft.key.clone();
    if let Some(record) = saved(&key) {
        let data = record.get("data").and_then(Value::as_object).cloned().unwrap_or_default();
        {
            let mut p = page.borrow_mut();
            p.draft.paused = false;
            p.draft.seen = saved_at(&record);
        }
        load_answers(page, &data, strings(record.get("confirmed_warnings")));
    }
    resolved(page, "已载入另一个标签页中的最新内容。");
}

pub fn keep_this_tab(page: &Shared) {
    let key = page.borrow().draft.key.clone();
    {
        let mut p = page.borrow_mut();
        p.draft.paused = false;
        p.draft.seen = saved(&key).as_ref().and_then(saved_at);
    }
    super::update(page, None);
    resolved(page, "已以本页内容为准保存。请只在一个标签页中填写本表。");
}

fn resolved(page: &Shared, text: &str) {
    let doc = page.borrow().doc.clone();
    conflict(&doc, false);
    dom::status(&doc, text);
}
