//! The form page in the browser (wasm32 only): reads the inputs, runs the
//! engine on every change, shows what `view` decides, keeps the draft, and
//! exports, imports and prints. The page's own JavaScript only loads this.

mod dom;
mod draft;
mod files;
mod render;
mod tables;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event};

use crate::api::Engine;
use crate::evaluate::Evaluation;
use crate::view::UiState;

pub(crate) struct Page {
    engine: Engine,
    doc: Document,
    ui: UiState,
    confirmed: Vec<String>,
    last: Option<Evaluation>,
    draft: draft::Draft,
    base_title: String,
}

type Shared = Rc<RefCell<Page>>;

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
    let data = dom::collect(&p.doc, p.engine.definition());
    let runs = runs.max(1);
    let start = js_sys::Date::now();
    for _ in 0..runs {
        let _ = p.engine.evaluate(&data, &p.confirmed);
    }
    (js_sys::Date::now() - start) / f64::from(runs)
}

/// Starts the form page: called by the loader once the engine is ready.
#[wasm_bindgen]
pub fn start_form() -> Result<(), JsValue> {
    let started = js_sys::Date::now();
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    let bundle = doc.get_element_by_id("form-bundle").and_then(|e| e.text_content()).ok_or("no form-bundle")?;
    let engine = Engine::from_json(&bundle).map_err(|e| JsValue::from_str(&e))?;
    let draft = draft::Draft::new(engine.definition());
    let page = Rc::new(RefCell::new(Page {
        engine,
        base_title: doc.title(),
        doc: doc.clone(),
        ui: UiState::default(),
        confirmed: Vec::new(),
        last: None,
        draft,
    }));

    CURRENT.with(|c| *c.borrow_mut() = Some(page.clone()));
    dom::show(&doc, "form-tools");
    tables::show_row_buttons(&doc);
    draft::restore(&page);
    listen(&page)?;
    update(&page, None);
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-engine", "ready");
        let _ = root.set_attribute("data-engine-ms", &((js_sys::Date::now() - started) as u64).to_string());
    }
    Ok(())
}

/// Everything after a change: evaluate, show, save.
fn update(page: &Shared, left: Option<&Element>) {
    let mut p = page.borrow_mut();
    let data = dom::collect(&p.doc, p.engine.definition());
    let ev = p.engine.evaluate(&data, &p.confirmed);
    if let Some(el) = left {
        p.left_field(el, &ev);
    }
    render::all(&p.doc, p.engine.definition(), &ev, &p.ui, &p.base_title);
    p.last = Some(ev);
    let empty = p.last.as_ref().is_none_or(|ev| ev.data.is_empty());
    let (data, confirmed, doc) = (Value::Object(data), p.confirmed.clone(), p.doc.clone());
    p.draft.save(&doc, data, confirmed, empty);
}

impl Page {
    /// The applicant left `el`: from now on its format problems show, and a
    /// readable value is written back the way it will be submitted.
    fn left_field(&mut self, el: &Element, ev: &Evaluation) {
        let Some(key) = dom::touch_key(el) else { return };
        if dom::value(el).trim().is_empty() {
            return;
        }
        self.ui.touched.insert(key.clone());
        let has_problem = ev.problems.iter().any(|p| crate::view::problem_key(p) == key);
        if !has_problem {
            if let Some(v) = dom::normalised_for(el, ev) {
                dom::set_value(el, &v);
            }
        }
    }
}

fn listen(page: &Shared) -> Result<(), JsValue> {
    let p = page.borrow();
    let form = p.doc.get_element_by_id("app-form").ok_or("no app-form")?;
    let tools = p.doc.get_element_by_id("form-tools").ok_or("no form-tools")?;
    drop(p);

    let on_change = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |_e: Event| update(&page, None))
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
                update(&page, Some(&el));
            }
        })
    };
    form.add_event_listener_with_callback("focusout", on_leave.as_ref().unchecked_ref())?;
    on_leave.forget();

    let on_click = {
        let page = page.clone();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| click(&page, &e))
    };
    let doc = page.borrow().doc.clone();
    doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();

    files::listen_import(page, &tools)?;
    draft::listen_other_tabs(page)?;
    Ok(())
}

fn click(page: &Shared, e: &Event) {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let Ok(Some(button)) = target.closest("button, a[href^='#']") else { return };
    if button.tag_name() == "A" {
        // Summary and progress links move focus to the field, not just scroll.
        if let Some(id) = button.get_attribute("href").and_then(|h| h.strip_prefix('#').map(str::to_string)) {
            if button.closest(".error-summary, .form-progress, .answers-review").ok().flatten().is_some() {
                e.prevent_default();
                let doc = page.borrow().doc.clone();
                dom::focus(&doc, &id);
            }
        }
        return;
    }
    if let Some(action) = button.get_attribute("data-action") {
        match action.as_str() {
            "check" => check(page),
            "review" => render::review(page),
            "export" => files::export(page),
            "print" => {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }
            "clear" => draft::clear(page),
            "use-other-tab" => draft::use_other_tab(page),
            "keep-this-tab" => draft::keep_this_tab(page),
            _ => {}
        }
    } else if let Some(table) = button.get_attribute("data-add-row") {
        // No borrow may be held while focus moves: focusout runs `update` at once.
        let doc = page.borrow().doc.clone();
        tables::add_row(&doc, &table, true);
        update(page, None);
    } else if button.has_attribute("data-remove-row") {
        let (doc, min_rows) = {
            let p = page.borrow();
            (p.doc.clone(), tables::min_rows_of(p.engine.definition(), &button))
        };
        if tables::remove_row(&doc, min_rows, &button) {
            update(page, None);
        }
    } else if let Some(rule) = button.get_attribute("data-confirm") {
        page.borrow_mut().confirmed.push(rule);
        update(page, None);
    }
}

/// "检查填写情况": show every problem, and move focus to the summary.
fn check(page: &Shared) {
    page.borrow_mut().ui.check_all = true;
    update(page, None);
    let (doc, problems) = {
        let p = page.borrow();
        (p.doc.clone(), p.last.as_ref().map_or(0, |ev| ev.problems.iter().filter(|x| !x.confirmed).count()))
    };
    if problems == 0 {
        dom::status(&doc, "检查完毕：没有发现问题。可以下载 JSON 并打印。");
    } else {
        dom::focus(&doc, "error-summary");
    }
}

/// A value for the engine from the draft or an import: fills the page.
pub(crate) fn load_answers(page: &Shared, data: &Map<String, Value>, confirmed: Vec<String>) {
    {
        let mut p = page.borrow_mut();
        dom::fill(&p.doc, p.engine.definition(), data);
        p.confirmed = confirmed;
        // Loaded answers are judged as if typed and left.
        let keys: Vec<String> = data.keys().cloned().collect();
        p.ui.touched.extend(keys);
    }
    update(page, None);
}
