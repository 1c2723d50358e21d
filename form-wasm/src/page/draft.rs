//! Drafts in the browser's local storage: saved on every change, per form
//! (the definition's version inside the record, so a new version of the form
//! finds the draft made with the old one), read back on opening; two tabs on
//! one form are noticed; a browser that cannot store says so plainly; a
//! draft that cannot be read is kept aside, never overwritten (`Kept`).
//! This module keeps the stored record; `state` decides how to load it.

use serde::de::DeserializeOwned;
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
    /// Drafts that could not be read, oldest first.
    kept: Vec<Kept>,
}

/// The text of a draft that could not be read, copied aside before anything
/// could overwrite it, under `form-draft:<form>:corrupt` (`-2`, `-3`… when
/// that holds another). `key` is `None` when the copy could not be stored:
/// then saving is held, and the text is only here, to download.
pub struct Kept {
    key: Option<String>,
    pub text: String,
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

/// A record being saved: the session's answers, borrowed.
#[derive(Serialize)]
struct RecordRef<'a> {
    data: &'a Map<String, Value>,
    confirmed_warnings: &'a [String],
    saved_at: &'a str,
    tab: &'a str,
    version: &'a str,
}

/// Who saved the stored record, and when: all a save needs to look at
/// (the answers in it are skipped, not built).
#[derive(Deserialize)]
struct Stamp {
    saved_at: String,
    tab: String,
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
const KEPT_NOW: &str = "本浏览器中保存的本表草稿已损坏，无法读取，本页未能恢复。原内容已原样另存，不会被覆盖：点“下载无法读取的草稿”可把它存为文件，留存或交技术人员查看。本页照常自动保存新的填写内容。";
const KEPT_UNSTORED: &str = "本浏览器中保存的本表草稿已损坏，无法读取，本页未能恢复，也无法另存。为免覆盖，本页已暂停自动保存：请先点“下载无法读取的草稿”把原内容存为文件。";
const KEPT_BEFORE: &str =
    "此前有一份无法读取的本表草稿已原样另存在本浏览器中。点“下载无法读取的草稿”可把它存为文件；存好后可删除。";
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
            kept: Vec::new(),
        }
    }

    /// The prefix of the keys of kept copies: `form-draft:<form>:corrupt`.
    fn kept_prefix(&self) -> String {
        format!("{}corrupt", self.legacy_prefix)
    }

    /// The stored record as `T` (the whole `Record`, or just its `Stamp`).
    fn stored<T: DeserializeOwned>(&self) -> Option<T> {
        storage()?.get_item(&self.key).ok().flatten().and_then(|t| serde_json::from_str(&t).ok())
    }

    /// Copies kept aside earlier, by key, oldest first.
    fn stored_kept(&self) -> Vec<Kept> {
        let Some(s) = storage() else { return Vec::new() };
        let prefix = self.kept_prefix();
        // `corrupt`, `corrupt-2`, … `corrupt-10`: by number, each put in
        // its place as found (a few keys; no sort code in the module).
        let mut keys: Vec<(u32, String)> = Vec::new();
        for k in (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()) {
            if let Some(rest) = k.strip_prefix(&prefix) {
                let n = rest.trim_start_matches('-').parse::<u32>().unwrap_or(1);
                keys.insert(keys.partition_point(|(m, _)| *m <= n), (n, k));
            }
        }
        keys.into_iter()
            .filter_map(|(_, k)| s.get_item(&k).ok().flatten().map(|text| Kept { key: Some(k), text }))
            .collect()
    }

    /// Copies `text`, a draft that could not be read, to a key of its own
    /// (unless an earlier copy holds it already). True when it is stored.
    fn keep_aside(&mut self, text: String) -> bool {
        if self.kept.iter().any(|k| k.text == text) {
            return true;
        }
        let prefix = self.kept_prefix();
        let taken: Vec<String> = self.kept.iter().filter_map(|k| k.key.clone()).collect();
        let key =
            (1..).map(|n| if n == 1 { prefix.clone() } else { format!("{prefix}-{n}") }).find(|k| !taken.contains(k));
        let key = key.expect("an unbounded range has a free number");
        let stored = storage().is_some_and(|s| s.set_item(&key, &text).is_ok());
        self.kept.push(Kept { key: stored.then_some(key), text });
        stored
    }

    /// The oldest draft that could not be read, if any.
    pub fn kept(&self) -> Option<&Kept> {
        self.kept.first()
    }

    /// Deletes the oldest kept copy (the applicant has it), and says what remains.
    pub fn delete_kept(&mut self, doc: &Document) {
        if self.kept.is_empty() {
            return;
        }
        let gone = self.kept.remove(0);
        match (gone.key, storage()) {
            (Some(k), Some(s)) => {
                let _ = s.remove_item(&k);
            }
            // Only in memory: saving was held for it, and may go on now.
            (None, _) => self.paused = false,
            _ => {}
        }
        self.show_kept(doc, KEPT_BEFORE);
    }

    fn show_kept(&self, doc: &Document, text: &str) {
        let text = if self.kept.is_empty() { "" } else { text };
        dom::notice(doc, PAGE.kept_draft_text, text);
        if let Some(b) = dom::by_id(doc, PAGE.kept_draft) {
            dom::set_hidden(&b, text.is_empty());
        }
    }

    /// The newest draft kept under an old per-version key, with its version.
    fn legacy(&self) -> Option<Record> {
        let s = storage()?;
        let n = s.length().ok()?;
        let mut newest: Option<Record> = None;
        for i in 0..n {
            let Some(key) = s.key(i).ok().flatten() else { continue };
            let Some(version) = key.strip_prefix(&self.legacy_prefix) else { continue };
            if key.starts_with(&self.kept_prefix()) {
                continue;
            }
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
    pub fn save(&mut self, doc: &Document, data: &Map<String, Value>, confirmed_warnings: &[String], empty: bool) {
        if self.paused {
            return;
        }
        if let Some(current) = self.stored::<Stamp>() {
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
        let record =
            RecordRef { data, confirmed_warnings, saved_at: &saved_at, tab: &self.tab, version: &self.version };
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
    /// One that cannot be read is kept aside first, and the page says so.
    pub fn restore(&mut self, doc: &Document) -> Option<Saved> {
        let Some(s) = storage() else {
            dom::notice(doc, PAGE.storage_warning, NO_STORAGE);
            return None;
        };
        self.kept = self.stored_kept();
        let text = s.get_item(&self.key).ok().flatten();
        let record = text.as_deref().map(serde_json::from_str::<Record>);
        let notice = match (record.as_ref(), text) {
            (Some(Err(_)), Some(text)) => {
                if self.keep_aside(text) {
                    KEPT_NOW
                } else {
                    // Nowhere to put it: nothing may overwrite it.
                    self.hold();
                    KEPT_UNSTORED
                }
            }
            _ => KEPT_BEFORE,
        };
        self.show_kept(doc, notice);
        let (record, from_main) = match record {
            Some(Ok(r)) => (r, true),
            _ => (self.legacy()?, false),
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
        // Not the copies of drafts that could not be read: the applicant deletes those.
        let kept = self.kept_prefix();
        let old: Vec<String> = (0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(&self.legacy_prefix) && !k.starts_with(&kept))
            .collect();
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
        let record: Record = self.stored()?;
        self.seen = Some(record.saved_at.clone());
        Some(record.answers())
    }

    /// "以本页为准继续保存": the next save overwrites the other tab's.
    pub fn keep_this_tab(&mut self, doc: &Document) {
        self.paused = false;
        conflict(doc, false);
        self.seen = self.stored::<Stamp>().map(|r| r.saved_at);
    }
}

fn conflict(doc: &Document, show: bool) {
    if let Some(b) = dom::by_id(doc, PAGE.conflict) {
        dom::set_hidden(&b, !show);
    }
}
