//! The page's state and what follows a change: read the answer that
//! changed (every answer, after a load), evaluate what it reaches, show,
//! save the draft. Also loading answers into the page (a draft, an
//! import, the other tab's copy) and the check.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use super::inputs::Change;
use super::print::{self, PrintState};
use super::render::Controls;
use super::{dom, draft, inputs, render, tables, tools};
use crate::api::Engine;
use crate::document::Kind;
use crate::evaluate::Evaluation;
use crate::export::Answers;
use crate::markup::{attr, PAGE};
use crate::session::Session;
use crate::view::{self, UiState};

pub struct Page {
    pub engine: Engine,
    /// The answers on the page, their evaluation kept current (`Session`).
    pub session: Session<'static>,
    /// What the page shows of the evaluation now.
    pub shown: render::Shown,
    pub doc: Document,
    pub ui: UiState,
    /// The evaluation of the answers now on the page.
    pub last: Option<Evaluation>,
    pub draft: draft::Draft,
    pub base_title: String,
    /// What is printed: the document of the answers, kept current.
    pub print: PrintState,
    /// What the page does only when asked (`form-tools.js`).
    pub tools: tools::Tools,
    pub press: Press,
    /// What the last paste or table file changed, to undo it.
    pub undo: Option<tables::Undo>,
    /// A table file waiting for the applicant to choose replace or append.
    pub pending_file: Option<tables::PendingFile>,
}

pub type Shared = Rc<RefCell<Page>>;

/// A press of the pointer in progress. Leaving a field may show its
/// problem (beside it and in the summary above the tool bar), moving the
/// page; between press and release that moves the button under the
/// pointer, and the click never lands. So what leaving a field shows waits
/// until the press ends: in a click, or without one shortly after release.
#[derive(Default)]
pub struct Press {
    /// Counts presses, so the wait after one release cannot end a later press.
    pub number: u32,
    pub down: bool,
    /// The field left during the press.
    pub left: Option<Element>,
}

/// A press begins (`pointerdown`); its number.
pub fn press_started(page: &Shared) -> u32 {
    let Ok(mut p) = page.try_borrow_mut() else { return 0 };
    p.press.number = p.press.number.wrapping_add(1);
    p.press.down = true;
    p.press.number
}

/// The applicant left `el`: shown now, or when the press in progress ends.
pub fn left(page: &Shared, el: &Element) {
    if let Ok(mut p) = page.try_borrow_mut() {
        if p.press.down {
            p.press.left = Some(el.clone());
            return;
        }
    }
    changed(page, el, true);
}

/// The press ended (`number`, or whichever is in progress when `None`):
/// what leaving a field showed during it is shown now.
pub fn press_ended(page: &Shared, number: Option<u32>) {
    let left = {
        let Ok(mut p) = page.try_borrow_mut() else { return };
        if number.is_some_and(|n| n != p.press.number) {
            return;
        }
        p.press.down = false;
        p.press.left.take()
    };
    if let Some(el) = left {
        changed(page, &el, true);
    }
}

/// Everything after answers may have changed anywhere (a load, the
/// check, an export): every answer is read again, and what differs is
/// evaluated again.
pub fn update(page: &Shared, left: Option<&Element>) {
    update_all(page, left, true);
}

/// The first update of a page as served, whose message boxes are all
/// still empty: only those with something to show are touched.
pub fn first_update(page: &Shared) {
    update_all(page, None, false);
}

fn update_all(page: &Shared, left: Option<&Element>, redo: bool) {
    // An event this very update fires (rebuilding a message box removes a
    // focused 确认无误 button, and the browser sends focusout at once) finds
    // the page busy: the running update already shows the latest answers.
    // Borrowing again would panic, and a panic in the engine traps.
    {
        let Ok(mut p) = page.try_borrow_mut() else { return };
        let p = &mut *p;
        let data = inputs::collect(&p.doc, p.engine.definition());
        p.session.replace(p.engine.prepared(), data);
        // Rows may have been rebuilt: every message box is shown afresh.
        p.shown.redo_fields = redo;
        p.show(left, Controls::All);
    }
    print_later(page);
}

/// One control changed (typed into, chosen, or left when `left`): only its
/// answer, or its table row, is read again.
pub fn changed(page: &Shared, el: &Element, left: bool) {
    {
        let Ok(mut p) = page.try_borrow_mut() else { return };
        let p = &mut *p;
        p.apply(el);
        let field = el.get_attribute(attr::FIELD);
        p.show(left.then_some(el), field.as_deref().map_or(Controls::Unchanged, Controls::Of));
    }
    print_later(page);
}

/// Table `table`'s rows changed (added, removed, pasted, undone): only
/// that table is read again.
pub fn table_changed(page: &Shared, table: &str) {
    {
        let Ok(mut p) = page.try_borrow_mut() else { return };
        let p = &mut *p;
        p.read_table(table);
        p.shown.redo_field(p.engine.prepared(), table);
        p.show(None, Controls::Of(table));
    }
    print_later(page);
}

/// The applicant confirmed the warning `rule`: no answer changed, so the
/// page is not read again.
pub fn confirm(page: &Shared, rule: String) {
    {
        let Ok(mut p) = page.try_borrow_mut() else { return };
        let p = &mut *p;
        let mut confirmed = p.session.confirmed().to_vec();
        confirmed.push(rule);
        p.session.set_confirmed(p.engine.prepared(), confirmed);
        p.show(None, Controls::Unchanged);
    }
    print_later(page);
}

/// The print document is made again once typing pauses (on opening: once
/// the page is up, not before the applicant can type).
fn print_later(page: &Shared) {
    {
        let Ok(mut p) = page.try_borrow_mut() else { return };
        if p.print.scheduled || !p.print.stale {
            return;
        }
        p.print.scheduled = true;
    }
    let page = page.clone();
    dom::after(print::AFTER_CHANGE_MS, move || {
        if let Ok(mut p) = page.try_borrow_mut() {
            p.print.scheduled = false;
        }
        print_if_stale(&page);
    });
}

/// Makes the print document now if the answers changed since it was made
/// (before printing, and when typing paused).
pub fn print_if_stale(page: &Shared) {
    let Ok(mut p) = page.try_borrow_mut() else { return };
    let p = &mut *p;
    if let (true, Some(tools)) = (p.print.stale, p.tools.ready()) {
        print::render(&p.doc, tools, &p.session, &mut p.print);
    }
}

impl Page {
    /// Puts what `el` now holds into the session.
    fn apply(&mut self, el: &Element) {
        let (def, prepared) = (self.engine.definition(), self.engine.prepared());
        match inputs::read_change(&self.doc, def, el) {
            Some(Change::Answer(id, value)) => self.session.set(prepared, &id, value),
            Some(Change::Row { table, index, row }) => {
                if !self.session.set_row(prepared, &table, index, row) {
                    // The rows on the page and in the session disagree.
                    self.read_table(&table);
                }
            }
            None => self.session.replace(prepared, inputs::collect(&self.doc, def)),
        }
    }

    /// Puts table `table` as the page holds it now into the session.
    fn read_table(&mut self, table: &str) {
        if let Some(f) = self.engine.definition().field(table) {
            let value = inputs::read_answer(&self.doc, f);
            self.session.set(self.engine.prepared(), table, value);
        }
    }

    /// Evaluates, shows and saves the answers in the session (`controls`:
    /// whose counts and option details to bring up to date).
    fn show(&mut self, left: Option<&Element>, controls: Controls) {
        let ev = self.session.evaluation(self.engine.prepared());
        if let Some(el) = left {
            if self.left_field(el, &ev) {
                // The value shown back is the one saved.
                self.apply(el);
            }
        }
        render::all(&self.doc, self.engine.prepared(), &ev, &self.ui, &self.base_title, &mut self.shown, controls);
        print::changed(&self.doc, &mut self.print);
        let empty = ev.data.is_empty();
        self.last = Some(ev);
        self.draft.save(&self.doc, self.session.answers(), self.session.confirmed(), empty);
    }
    /// The applicant left `el`: from now on its format problems show, and a
    /// readable value is written back the way it will be submitted (true
    /// when it was).
    fn left_field(&mut self, el: &Element, ev: &Evaluation) -> bool {
        let Some(key) = inputs::touch_key(el) else { return false };
        if dom::value(el).trim().is_empty() {
            return false;
        }
        self.ui.touched.insert(key.clone());
        let has_problem = ev.problems.iter().any(|p| view::problem_key(p) == key);
        match inputs::normalised_for(el, ev) {
            Some(v) if !has_problem && v != dom::value(el) => {
                dom::set_value(el, &v);
                true
            }
            _ => false,
        }
    }
}

/// Answers from a draft or a file fill the page. How long putting them in
/// took, table rows and all, is the page's `data-load-ms` (the browser tests
/// hold 5,000 rows to well under a second); the update that follows costs
/// what a keystroke costs.
pub fn load_answers(page: &Shared, answers: Answers) {
    {
        let mut p = page.borrow_mut();
        let started = js_sys::Date::now();
        inputs::fill(&p.doc, p.engine.definition(), &answers.data);
        if let Some(root) = p.doc.document_element() {
            let _ = root.set_attribute("data-load-ms", &((js_sys::Date::now() - started) as u64).to_string());
        }
        // Loaded answers are judged as if typed and left.
        p.ui.touched.extend(answers.data.keys().cloned());
        // Its confirmations come with it: the session starts again with
        // them, and the update below reads the answers from the page.
        p.session = p.engine.begin(serde_json::Map::new(), answers.confirmed_warnings);
        // A paste's undo would now put back a table of other answers.
        p.undo = None;
        p.pending_file = None;
        tables::forget(&p.doc, p.engine.definition());
    }
    update(page, None);
}

/// "检查填写情况": show every problem, and move focus to the summary.
pub fn check(page: &Shared) {
    page.borrow_mut().ui.check_all = true;
    update(page, None);
    let (doc, problems) = {
        let p = page.borrow();
        (p.doc.clone(), p.last.as_ref().map_or(0, |ev| ev.problems.iter().filter(|x| !x.confirmed).count()))
    };
    if problems == 0 {
        dom::status(
            &doc,
            "检查完毕：没有发现问题。可以打印本表；需要留存或交给他人核对的，点“保存数据文件（.json）”。",
        );
    } else {
        dom::focus(&doc, PAGE.error_summary);
    }
}

/// On opening: put the saved draft back, and say when it was saved. True
/// when answers were loaded (and so shown).
pub fn restore_draft(page: &Shared) -> bool {
    let saved = {
        let mut p = page.borrow_mut();
        let doc = p.doc.clone();
        p.draft.restore(&doc)
    };
    let Some(saved) = saved else { return false };
    let Some(version) = saved.other_version else {
        load_answers(page, saved.answers);
        dom::status(&page.borrow().doc, &format!("已恢复 {} 保存的草稿。", saved.when));
        return true;
    };
    // A draft of another version of this form goes through the import path:
    // what fits is loaded, and the applicant is told what was not.
    let form_id = page.borrow().engine.form_id().to_string();
    let file = crate::answers::object([
        ("form", Value::String(form_id)),
        ("version", Value::String(version)),
        ("data", Value::Object(saved.answers.data)),
        ("confirmed_warnings", saved.answers.confirmed_warnings.into_iter().map(Value::String).collect()),
    ]);
    let imported = page.borrow().engine.import(&file.to_string());
    let doc = page.borrow().doc.clone();
    match imported {
        Ok(import) => {
            let mut text = format!("已恢复 {} 保存的草稿。", saved.when);
            text.extend(import.notes.iter().map(String::as_str));
            let skipped = import.skipped_text("恢复");
            if !skipped.is_empty() {
                text.push_str(&skipped);
                text.push_str("原草稿仍保存在本浏览器中。");
            }
            load_answers(page, import.answers);
            dom::status(&doc, &text);
            true
        }
        Err(why) => {
            page.borrow_mut().draft.hold();
            dom::status(&doc, &format!("草稿无法恢复：{why}为免覆盖，已暂停自动保存。"));
            false
        }
    }
}

/// "清除草稿": asks first, then empties the form and the saved draft.
pub fn clear(page: &Shared) {
    if !dom::confirm(
        "确定清除本表的全部填写内容和已保存的草稿吗？此操作不能撤销；如需保留，请先点击“保存数据文件（.json）”。",
    ) {
        return;
    }
    {
        let mut p = page.borrow_mut();
        p.draft.remove_all();
        p.ui = UiState::default();
    }
    load_answers(page, Answers::default());
    dom::status(&page.borrow().doc, "草稿已清除。");
}

/// "载入另一标签页的内容": asks first, since it replaces what this tab holds.
pub fn use_other_tab(page: &Shared) {
    if !dom::confirm("载入另一个标签页中的内容将替换本页当前的填写内容，本页暂停保存后的修改将丢失。确定载入吗？")
    {
        return;
    }
    let other = {
        let mut p = page.borrow_mut();
        let doc = p.doc.clone();
        p.draft.take_other_tab(&doc)
    };
    if let Some(answers) = other {
        load_answers(page, answers);
    }
    dom::status(&page.borrow().doc, "已载入另一个标签页中的最新内容。");
}

/// "以本页为准继续保存": asks first, since the other tab's newer answers
/// are overwritten; declined, nothing changes (saving stays paused).
pub fn keep_this_tab(page: &Shared) {
    if !dom::confirm(
        "以本页为准将用本页的内容覆盖另一个标签页中较新的填写内容，另一个标签页中的修改将丢失。确定以本页为准继续保存吗？",
    ) {
        return;
    }
    {
        let mut p = page.borrow_mut();
        let doc = p.doc.clone();
        p.draft.keep_this_tab(&doc);
    }
    update(page, None);
    dom::status(&page.borrow().doc, "已以本页内容为准保存。请只在一个标签页中填写本表。");
}

/// "删除无法读取的草稿": asks first; the copy is gone for good.
pub fn delete_kept(page: &Shared) {
    if !dom::confirm("删除后无法恢复。确定已下载保存这份无法读取的草稿、要把它从本浏览器中删除吗？")
    {
        return;
    }
    let mut p = page.borrow_mut();
    let doc = p.doc.clone();
    p.draft.delete_kept(&doc);
}

/// The 打印 buttons: this document (the official form, the 计算说明 or the
/// 佐证材料目录), then the browser's print dialog.
pub fn print_now(page: &Shared, kind: Kind) {
    set_print(page, kind);
    with_tools(page, |page, _| {
        print_if_stale(page);
        // No borrow is held: `beforeprint` runs inside `print()`.
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
}

/// What the next print shows; after a print, the official form again.
pub fn set_print(page: &Shared, kind: Kind) {
    {
        let Ok(mut p) = page.try_borrow_mut() else { return };
        let p = &mut *p;
        p.print.set_kind(&p.doc, kind);
    }
    print_if_stale(page);
}

/// Runs `job` with the page's tools (`form-tools.js`): now if they are
/// here, else once they arrive, in the order asked.
pub fn with_tools(page: &Shared, job: impl FnOnce(&Shared, &JsValue) + 'static) {
    let tools = {
        let mut p = page.borrow_mut();
        if p.tools.failed() {
            dom::status(&p.doc, tools::FAILED);
            return;
        }
        match p.tools.ready().cloned() {
            Some(tools) => tools,
            None => {
                let page = page.clone();
                p.tools.wait(Box::new(move |tools| job(&page, tools)));
                return;
            }
        }
    };
    // No borrow is held: a job may print, and `beforeprint` runs inside.
    job(page, &tools);
}

/// The tools arrived: the print document of the answers now (it could
/// not be made before, so it is stale), then what waited for them.
pub fn tools_arrived(page: &Shared, tools: JsValue) {
    let waiting = page.borrow_mut().tools.arrive(tools.clone());
    print_if_stale(page);
    for job in waiting {
        job(&tools);
    }
}

/// The tools did not load: said at once if something waited for them.
pub fn tools_failed(page: &Shared) {
    web_sys::console::error_1(&JsValue::from_str("form page: the tools (form-tools.js) did not load"));
    let mut p = page.borrow_mut();
    if p.tools.fail() {
        dom::status(&p.doc, tools::FAILED);
    }
}
