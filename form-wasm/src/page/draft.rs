//! Drafts in the browser's local storage: saved on every change, per form
//! (the definition's version inside the record, so a new version of the form
//! finds the draft made with the old one), read back on opening; two tabs on
//! one form are noticed; a browser that cannot store says so plainly. This
//! module keeps the stored record; `state` decides how to load it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use web_sys::{Document, Storage};

use super::dom;
use crate::export::Answers;
use crate::markup::PAGE;
use crate::model::FormDef;

pub struct Draft {
    key: String,
    /// Keys drafts had when they were kept per version (`form-draft:<id>:<version>`):
    /// read when there is no draft under `key`, never deleted.
    legacy_prefix: String,
    version: String,
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

/// What is stored under the draft's key.
#[derive(Serialize, Deserialize)]
struct Record {
    data: Map<String, Value>,
    #[serde(default)]
    confirmed_warnings: Vec<String>,
    saved_at: String,
    tab: String,
    /// The form version the draft was made with.
    #[serde(default)]
    version: String,
}

impl Record {
    fn answers(self) -> Answers {
        Answers { data: self.data, confirmed_warnings: self.confirmed_warnings }
    }
}

/// A draft read back from storage.
pub struct Saved {
    pub answers: Answers,
    /// When it was saved, in the reader's local time.
    pub when: String,
    /// The form version it was made with, when not this page's.
    pub other_version: Option<String>,
}

const NO_STORAGE: &str =
    "浏览器不允许本页使用存储，草稿无法自动保存。关闭页面前请务必点击“保存数据文件（.json）”，把填写内容存到电脑上。";
const SAVE_FAILED: &str = "浏览器无法保存草稿（可能处于隐私模式、存储已满，或不允许本地文件使用存储）。关闭页面前请务必点击“保存数据文件（.json）”，把填写内容存到电脑上。";

fn storage() -> Option<Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

impl Draft {
    pub fn new(def: &FormDef) -> Draft {
        let tab = format!("{:x}{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64);
        Draft {
            key: format!("form-draft:{}", def.id),
            legacy_prefix: format!("form-draft:{}:", def.id),
            version: def.version.clone(),
            tab,
            paused: false,
            failed: false,
            seen: None,
        }
    }

    fn stored(&self) -> Option<Record> {
        storage()?.get_item(&self.key).ok().flatten().and_then(|t| serde_json::from_str(&t).ok())
    }

    /// The newest draft kept under an old per-version key, with its version.
    fn legacy(&self) -> Option<Record> {
        let s = storage()?;
        let n = s.length().ok()?;
        let mut newest: Option<Record> = None;
        for i in 0..n {
            let Some(key) = s.key(i).ok().flatten() else { continue };
            let Some(version) = key.strip_prefix(&self.legacy_prefix) else { continue };
            let Some(mut r) = s.get_item(&key).ok().flatten().and_then(|t| serde_json::from_str::<Record>(&t).ok())
            else {
                continue;
            };
            r.version = version.to_string();
            if newest.as_ref().is_none_or(|x| r.saved_at > x.saved_at) {
                newest = Some(r);
            }
        }
        newest
    }

    /// Stops saving: the stored draft could not be loaded and must not be overwritten.
    pub fn hold(&mut self) {
        self.paused = true;
    }

    /// Whether what is typed now may be lost on leaving: saving is paused
    /// (another tab, a draft held back) or failing (storage full or blocked).
    pub fn unsaved(&self) -> bool {
        self.paused || self.failed
    }

    /// Saves the answers, unless another tab saved this form since this tab
    /// last looked: then nothing is overwritten and the applicant chooses.
    /// `empty` (no answer at all) means no draft.
    pub fn save(&mut self, doc: &Document, data: Map<String, Value>, confirmed_warnings: Vec<String>, empty: bool) {
        if self.paused {
            return;
        }
        if let Some(current) = self.stored() {
            if current.tab != self.tab && Some(&current.saved_at) != self.seen.as_ref() {
                self.paused = true;
                conflict(doc, true);
                return;
            }
        }
        if empty {
            self.remove();
            return;
        }
        let saved_at = dom::now_iso();
        let record = Record {
            data,
            confirmed_warnings,
            saved_at: saved_at.clone(),
            tab: self.tab.clone(),
            version: self.version.clone(),
        };
        let text = serde_json::to_string(&record).expect("a draft serialises: its maps have string keys");
        let ok = storage().is_some_and(|s| s.set_item(&self.key, &text).is_ok());
        if ok {
            self.seen = Some(saved_at);
            if self.failed {
                self.failed = false;
                dom::notice(doc, PAGE.storage_warning, "");
            }
        } else {
            self.failed = true;
            dom::notice(doc, PAGE.storage_warning, SAVE_FAILED);
        }
    }

    /// The saved draft, on opening (and from now on this tab has seen it).
    pub fn restore(&mut self, doc: &Document) -> Option<Saved> {
        if storage().is_none() {
            dom::notice(doc, PAGE.storage_warning, NO_STORAGE);
            return None;
        }
        let (record, from_main) = match self.stored() {
            Some(r) => (r, true),
            None => (self.legacy()?, false),
        };
        self.seen = Some(record.saved_at.clone());
        let other_version = Some(record.version.clone()).filter(|v| !v.is_empty() && *v != self.version);
        // The next save rewrites the main key in this version: an older
        // version's draft is kept aside first, whatever the new one drops.
        if let (Some(v), true, Some(s)) = (&other_version, from_main, storage()) {
            let text = serde_json::to_string(&record).expect("a draft serialises: its maps have string keys");
            let _ = s.set_item(&format!("{}{v}", self.legacy_prefix), &text);
        }
        Some(Saved { when: dom::local_time(&record.saved_at), other_version, answers: record.answers() })
    }

    pub fn remove(&mut self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(&self.key);
        }
        self.seen = None;
    }

    /// "清除草稿", confirmed by the applicant: the draft and the copies kept
    /// from older versions of the form.
    pub fn remove_all(&mut self) {
        self.remove();
        let Some(s) = storage() else { return };
        let n = s.length().unwrap_or(0);
        let old: Vec<String> =
            (0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(&self.legacy_prefix)).collect();
        for k in old {
            let _ = s.remove_item(&k);
        }
    }

    /// A `storage` event: another tab saving this form pauses saving here
    /// until the applicant decides which copy to keep.
    pub fn storage_changed(&mut self, doc: &Document, key: Option<String>, new_value: Option<String>) {
        if key.as_deref() != Some(self.key.as_str()) {
            return;
        }
        let other: Option<Record> = new_value.and_then(|t| serde_json::from_str(&t).ok());
        if other.is_some_and(|r| r.tab == self.tab) {
            return;
        }
        self.paused = true;
        conflict(doc, true);
    }

    /// "载入另一标签页的内容": the other tab's answers, and saving goes on.
    pub fn take_other_tab(&mut self, doc: &Document) -> Option<Answers> {
        self.paused = false;
        conflict(doc, false);
        let record = self.stored()?;
        self.seen = Some(record.saved_at.clone());
        Some(record.answers())
    }

    /// "以本页为准继续保存": the next save overwrites the other tab's.
    pub fn keep_this_tab(&mut self, doc: &Document) {
        self.paused = false;
        conflict(doc, false);
        self.seen = self.stored().map(|r| r.saved_at);
    }
}

fn conflict(doc: &Document, show: bool) {
    if let Some(b) = dom::by_id(doc, PAGE.conflict) {
        dom::set_hidden(&b, !show);
    }
}
