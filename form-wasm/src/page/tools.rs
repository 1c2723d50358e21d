//! The page's tools (`form-tools.js`, `crate::tools`): the document the
//! page prints, 保存数据文件 and 导入数据文件, and tables from a
//! spreadsheet. None of it is needed to show and check the answers, so the
//! engine a form page downloads for its first paint does not carry it: the
//! page loads the tools as soon as it is interactive (`load`, from the print
//! container's `data-script`, a classic script from the site's own folder
//! under the page's CSP).
//!
//! What is asked of them before they arrive waits for them (`state::with_tools`),
//! and runs, in order, once they have; should they fail to load, the page
//! says so, and nothing typed is touched.

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Document;

use super::dom;
use crate::markup::{attr, PAGE};
use crate::session::Session;

/// The tools' exports once loaded (`loader.js` sets them on the global).
const GLOBAL: &str = "formTools";
const SCRIPT_ID: &str = "form-tools-script";
pub const FAILED: &str =
    "打印、保存数据文件、导入数据文件和导入表格所需的程序（form-tools.js）未能载入，请刷新页面后重试。填写内容未受影响。";

/// Something asked of the tools, run with them (`state::with_tools`).
pub type Job = Box<dyn FnOnce(&JsValue)>;

#[derive(Default)]
pub struct Tools {
    /// This form's tools (`formTools.Tools`), once they arrived.
    ready: Option<JsValue>,
    failed: bool,
    /// Asked before they arrived, in order.
    waiting: Vec<Job>,
}

impl Tools {
    pub fn ready(&self) -> Option<&JsValue> {
        self.ready.as_ref()
    }

    pub fn failed(&self) -> bool {
        self.failed
    }

    /// `job` runs once the tools arrive.
    pub fn wait(&mut self, job: Job) {
        self.waiting.push(job);
    }

    /// They arrived: what waited for them, to run now.
    pub fn arrive(&mut self, tools: JsValue) -> Vec<Job> {
        self.ready = Some(tools);
        std::mem::take(&mut self.waiting)
    }

    /// They did not load: whether anything was waiting for them.
    pub fn fail(&mut self) -> bool {
        self.failed = true;
        !std::mem::take(&mut self.waiting).is_empty()
    }
}

/// Asks the tools' `method` (`what` it does, for the console): what it
/// gave; else `Err(Some(reason))`, the reason (a string) for the
/// applicant, or `Err(None)` when the tools failed at it (`broke` said so).
pub fn ask(doc: &Document, tools: &JsValue, what: &str, method: &str, args: &[JsValue]) -> Asked<JsValue> {
    let made = js_sys::Reflect::get(tools, &JsValue::from_str(method))
        .and_then(|f| f.dyn_into::<js_sys::Function>())
        .and_then(|f| f.apply(tools, &args.iter().collect()));
    made.map_err(|e| e.as_string().or_else(|| broke(doc, what, &e)))
}

/// What `ask` gives.
pub type Asked<T> = Result<T, Option<String>>;

/// `ask` of a method that gives `N` strings.
pub fn ask_parts<const N: usize>(
    doc: &Document,
    tools: &JsValue,
    what: &str,
    method: &str,
    args: &[JsValue],
) -> Asked<[String; N]> {
    let made = ask(doc, tools, what, method, args)?;
    let parts: Vec<String> =
        made.dyn_into::<js_sys::Array>().map(|a| a.iter().filter_map(|s| s.as_string()).collect()).unwrap_or_default();
    <[String; N]>::try_from(parts).map_err(|_| broke(doc, what, &JsValue::from_str("not the parts expected")))
}

/// `ask` of a method that gives a `T` as JSON.
pub fn ask_json<T: DeserializeOwned>(
    doc: &Document,
    tools: &JsValue,
    what: &str,
    method: &str,
    args: &[JsValue],
) -> Asked<T> {
    let made = ask(doc, tools, what, method, args)?;
    serde_json::from_str(&made.as_string().unwrap_or_default())
        .map_err(|_| broke(doc, what, &JsValue::from_str("not the JSON expected")))
}

/// The session's answers (raw, as given) and the warnings confirmed, as
/// the tools take them: what they evaluate is what the page evaluated.
pub fn answers(session: &Session) -> [JsValue; 2] {
    let json = serde_json::to_string(session.answers()).expect("answers are JSON values under string keys");
    let confirmed: js_sys::Array = session.confirmed().iter().map(|c| JsValue::from_str(c)).collect();
    [JsValue::from_str(&json), confirmed.into()]
}

/// The tools could not do what they always should (`what`, for the
/// console, where the browser tests see it): the applicant is told, and
/// nothing typed is touched. `None`: nothing more to tell them (`ask`).
pub fn broke(doc: &Document, what: &str, e: &JsValue) -> Option<String> {
    web_sys::console::error_2(&JsValue::from_str(&format!("form page: the tools could not {what}")), e);
    dom::status(doc, "操作未能完成：页面程序出错。填写内容未受影响，请刷新页面后重试。");
    None
}

/// Loads the tools (once the page is interactive): `arrived` gets this
/// form's tools, or `failed` runs.
pub fn load(
    doc: &Document,
    mut arrived: impl FnMut(JsValue) + 'static,
    failed: impl FnMut() + 'static,
) -> Result<(), JsValue> {
    let Some(src) = dom::by_id(doc, PAGE.print_document).and_then(|c| c.get_attribute(attr::SCRIPT)) else {
        return Ok(());
    };
    if dom::by_id(doc, SCRIPT_ID).is_some() {
        return Ok(());
    }
    let failed = Closure::<dyn FnMut()>::new(failed).into_js_value();
    let ready = {
        let (doc, failed) = (doc.clone(), failed.clone());
        Closure::<dyn FnMut()>::new(move || match construct(&doc) {
            Ok(tools) => arrived(tools),
            Err(e) => {
                web_sys::console::error_2(&JsValue::from_str("form page: the tools did not start"), &e);
                let _ = failed.unchecked_ref::<js_sys::Function>().call0(&JsValue::NULL);
            }
        })
    };
    doc.add_event_listener_with_callback("form-tools-ready", ready.as_ref().unchecked_ref())?;
    doc.add_event_listener_with_callback("form-tools-error", failed.unchecked_ref())?;
    let script = doc.create_element("script")?;
    script.set_id(SCRIPT_ID);
    script.set_attribute("src", &src)?;
    // A missing file fires `error` on the element, not the loader's event.
    script.add_event_listener_with_callback("error", failed.unchecked_ref())?;
    ready.forget();
    doc.body().ok_or("no body")?.append_child(&script)?;
    Ok(())
}

/// The tools for this form, from the bundle the page embeds.
fn construct(doc: &Document) -> Result<JsValue, JsValue> {
    let bundle = dom::by_id(doc, PAGE.bundle).and_then(|e| e.text_content()).unwrap_or_default();
    let class: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(GLOBAL))
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("Tools")))?
        .dyn_into()?;
    js_sys::Reflect::construct(&class, &js_sys::Array::of1(&JsValue::from_str(&bundle)))
}
