//! The form page in the browser (wasm32 only): starts the page, listens to
//! it, and hands each event to the module that handles it. The page's own
//! JavaScript only loads this.
//!
//! Modules, each using only those after it: `word` (导出 Word 文档, with the
//! writer loaded on demand), `sheet` (tables pasted from a spreadsheet or
//! read from a table file, and their undo), `state` (the page's state and the update after
//! a change), `files` (export, import, downloads), `draft` (local
//! storage), `print` (the document the page prints), `tools` (the page's
//! tools, `form-tools.js`, loaded once the page is interactive: they make
//! the print document and the data files, and place tables from a
//! spreadsheet), `render` (showing an
//! evaluation), `inputs` (reading and writing the answers), `tables` (rows),
//! `dom` (web-sys helpers).

mod dom;
mod draft;
mod files;
mod inputs;
mod print;
mod render;
mod sheet;
mod state;
mod tables;
mod tools;
mod word;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BeforeUnloadEvent, Document, Element, Event, StorageEvent};

use crate::api::Engine;
use crate::bundle::NOT_BASE64;
use crate::document::Kind;
use crate::markup::{self, attr, Action, PAGE};
use crate::view::UiState;
use print::PrintState;
use state::{update, Page, Press, Shared};

/// What browsers that still show a page's own words say on leaving (most
/// show their own): what is typed is not saved.
const LEAVE_WARNING: &str = "本页的填写内容目前未能自动保存，离开将丢失未保存的修改。";

/// How long after a release without a click what leaving a field showed
/// still waits (a tap's click comes after its release).
const PRESS_GRACE_MS: i32 = 400;

thread_local! {
    /// The page, for `measure_evaluation`; the event handlers hold their own handle.
    static CURRENT: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// For the benchmark (tests/e2e/bench.mjs): the mean time, in milliseconds,
/// of one whole-form evaluation of the answers now on the page (the engine
/// alone: no reading of inputs, no rendering) over `runs` runs.
#[wasm_bindgen]
pub fn measure_evaluation(runs: u32) -> f64 {
    let Some(page) = CURRENT.with(|c| c.borrow().clone()) else { return f64::NAN };
    let p = page.borrow();
    let data = inputs::collect(&p.doc, p.engine.definition());
    let runs = runs.max(1);
    let start = js_sys::Date::now();
    for _ in 0..runs {
        let _ = p.engine.evaluate(&data, p.session.confirmed());
    }
    (js_sys::Date::now() - start) / f64::from(runs)
}

/// Starts the form page: called by the loader once the engine is ready.
#[wasm_bindgen]
pub fn start_form() -> Result<(), JsValue> {
    let started = js_sys::Date::now();
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    let bundle = dom::by_id(&doc, PAGE.bundle).ok_or("no form bundle")?;
    let engine = read_bundle(&bundle).map_err(|e| JsValue::from_str(&e))?;
    let draft = draft::Draft::new(engine.definition());
    let session = engine.begin(serde_json::Map::new(), Vec::new());
    let page = Rc::new(RefCell::new(Page {
        engine,
        session,
        shown: render::Shown::default(),
        base_title: doc.title(),
        doc: doc.clone(),
        ui: UiState::default(),
        last: None,
        draft,
        print: PrintState::new(&doc),
        tools: Default::default(),
        press: Press::default(),
        undo: None,
        pending_file: None,
    }));

    CURRENT.with(|c| *c.borrow_mut() = Some(page.clone()));
    dom::show(&doc, PAGE.tools);
    tables::show_row_buttons(&doc);
    // Loading a draft shows it (one update, not two: a long table costs).
    let shown = state::restore_draft(&page);
    listen(&page)?;
    if !shown {
        state::first_update(&page);
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-engine", "ready");
        let _ = root.set_attribute("data-engine-ms", &((js_sys::Date::now() - started) as u64).to_string());
    }
    // Interactive: now the check of the template (it is for the site's
    // makers, not worth the applicant's wait) and the tools (the print
    // document, data files, sheets).
    {
        let page = page.clone();
        dom::after(0, move || report_missing_elements(&page.borrow().doc, &page.borrow().engine));
    }
    let arrived = {
        let page = page.clone();
        move |tools| state::tools_arrived(&page, tools)
    };
    let failed = {
        let page = page.clone();
        move || state::tools_failed(&page)
    };
    tools::load(&doc, arrived, failed)
}

/// The form's engine from the bundle the page embeds. The browser decodes
/// its base64 where it can (`Uint8Array.fromBase64`): handing the module
/// the text to decode cost 3–4 ms of 2.3's start (70 KB with its code list).
fn read_bundle(el: &Element) -> Result<Engine, String> {
    let text = js_sys::Reflect::get(el, &JsValue::from_str("textContent")).unwrap_or_default();
    let uint8 = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Uint8Array")).unwrap_or_default();
    let from_base64 = js_sys::Reflect::get(&uint8, &JsValue::from_str("fromBase64")).ok();
    match from_base64.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        Some(f) => match f.call1(&uint8, &text) {
            Ok(bytes) => Engine::from_postcard(&js_sys::Uint8Array::new(&bytes).to_vec()),
            Err(_) => Err(NOT_BASE64.to_string()),
        },
        None => Engine::from_embedded(&text.as_string().unwrap_or_default()),
    }
}

/// A template that lost an element the engine looks for is a broken page:
/// say so on the console (the browser tests fail on it) rather than fail
/// silently at each lookup.
fn report_missing_elements(doc: &Document, engine: &Engine) {
    let missing: Vec<String> =
        markup::expected_ids(engine.definition()).into_iter().filter(|id| dom::by_id(doc, id).is_none()).collect();
    if !missing.is_empty() {
        let text = format!("form page: the template lacks elements the engine uses: #{}", missing.join(", #"));
        web_sys::console::error_1(&JsValue::from_str(&text));
    }
}

fn listen(page: &Shared) -> Result<(), JsValue> {
    let doc = page.borrow().doc.clone();
    let form = dom::by_id(&doc, PAGE.form).ok_or("no form")?;

    let on_change = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| match e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            Some(el) => state::changed(&page, &el, false),
            None => update(&page, None),
        })
    };
    form.add_event_listener_with_callback("input", on_change.as_ref().unchecked_ref())?;
    form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
    on_change.forget();

    // Enter in a field must not submit (and reload) the page: nothing is sent anywhere.
    let no_submit = Closure::<dyn FnMut(Event)>::new(|e: Event| e.prevent_default());
    form.add_event_listener_with_callback("submit", no_submit.as_ref().unchecked_ref())?;
    no_submit.forget();

    let on_leave = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                state::left(&page, &el);
            }
        })
    };
    form.add_event_listener_with_callback("focusout", on_leave.as_ref().unchecked_ref())?;
    on_leave.forget();

    // While the pointer is pressed, nothing that leaving a field shows may
    // move the page (see `state::Press`): it waits for the click, or, when
    // no click comes, a moment after release (a tap's click follows its
    // release; a drag has none).
    let on_press = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |_e: Event| {
            state::press_started(&page);
        })
    };
    doc.add_event_listener_with_callback_and_bool("pointerdown", on_press.as_ref().unchecked_ref(), true)?;
    on_press.forget();
    let on_release = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |_e: Event| {
            let number = page.try_borrow().map_or(0, |p| p.press.number);
            let page = page.clone();
            dom::after(PRESS_GRACE_MS, move || state::press_ended(&page, Some(number)));
        })
    };
    for kind in ["pointerup", "pointercancel"] {
        doc.add_event_listener_with_callback_and_bool(kind, on_release.as_ref().unchecked_ref(), true)?;
    }
    on_release.forget();

    let on_click = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            // The click landed: first what leaving a field showed, then the click's work.
            state::press_ended(&page, None);
            click(&page, &e);
        })
    };
    doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();

    // Another tab saving the same form pauses saving here.
    let on_storage = {
        let page = page.clone();
        Closure::<dyn FnMut(StorageEvent)>::new(move |e: StorageEvent| {
            let mut p = page.borrow_mut();
            let doc = p.doc.clone();
            p.draft.storage_changed(&doc, e.key(), e.new_value());
        })
    };
    dom::on_window("storage", on_storage)?;

    // Leaving while saving is paused or failing loses what was typed since:
    // the browser asks first (never otherwise).
    let before_unload = {
        let page = page.clone();
        Closure::<dyn FnMut(BeforeUnloadEvent)>::new(move |e: BeforeUnloadEvent| {
            // Busy (the event came mid-update): judge by the state before it.
            if page.try_borrow().is_ok_and(|p| p.draft.unsaved()) {
                e.prevent_default();
                e.set_return_value(LEAVE_WARNING);
            }
        })
    };
    dom::on_window("beforeunload", before_unload)?;

    // Printing, however started, prints the answers as they are now.
    let before_print = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |_e: Event| state::print_if_stale(&page))
    };
    dom::on_window("beforeprint", before_print)?;

    // After the browser prints, the next print is the official form again
    // (the 计算说明 and 佐证材料目录 print only when asked for).
    let after_print = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |_e: Event| state::set_print(&page, Kind::Official))
    };
    dom::on_window("afterprint", after_print)?;

    sheet::listen(page, &form)?;
    files::listen_import(page)
}

fn click(page: &Shared, e: &Event) {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let Ok(Some(button)) = target.closest("button, a[href^='#']") else { return };
    let doc = page.borrow().doc.clone();
    if button.tag_name() == "A" {
        // Summary and progress links move focus to the field, not just scroll.
        if let Some(id) = button.get_attribute("href").and_then(|h| h.strip_prefix('#').map(str::to_string)) {
            if button.closest(".error-summary, .form-progress, .answers-review").ok().flatten().is_some() {
                e.prevent_default();
                dom::focus(&doc, &id);
            }
        }
        return;
    }
    if let Some(action) = button.get_attribute(attr::ACTION) {
        match Action::parse(&action) {
            Some(Action::Check) => state::check(page),
            Some(Action::Review) => {
                {
                    let p = page.borrow();
                    if let Some(ev) = &p.last {
                        render::review(&p.doc, p.engine.definition(), ev);
                    }
                }
                dom::focus(&doc, PAGE.review);
            }
            Some(Action::Export) => files::export(page),
            Some(Action::Word) => word::export(page, &button),
            Some(Action::Print) => state::print_now(page, Kind::Official),
            Some(Action::PrintWorkings) => state::print_now(page, Kind::Workings),
            Some(Action::PrintEvidence) => state::print_now(page, Kind::Evidence),
            Some(Action::Clear) => state::clear(page),
            Some(Action::UseOtherTab) => state::use_other_tab(page),
            Some(Action::KeepThisTab) => state::keep_this_tab(page),
            Some(Action::DownloadKeptDraft) => files::download_kept(page),
            Some(Action::DeleteKeptDraft) => state::delete_kept(page),
            None => {}
        }
    } else if let Some(table) = button.get_attribute(attr::ADD_ROW) {
        // No borrow may be held while focus moves: focusout runs `update` at once.
        tables::add_row(&doc, &table);
        state::table_changed(page, &table);
    } else if button.has_attribute(attr::UNDO_TABLE) {
        sheet::undo(page, true);
    } else if let Some(mode) = button.get_attribute(attr::TABLE_FILE_MODE) {
        sheet::choose(page, &mode);
    } else if button.has_attribute(attr::REMOVE_ROW) {
        let min_rows = tables::min_rows_of(page.borrow().engine.definition(), &button);
        let table = tables::row_of(&button).map(|(table, _, _)| table);
        if let (true, Some(table)) = (tables::remove_row(&doc, min_rows, &button), table) {
            state::table_changed(page, &table);
        }
    } else if let Some(rule) = button.get_attribute(attr::CONFIRM) {
        state::confirm(page, rule);
    }
}
