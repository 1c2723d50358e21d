//! The form page's print tools (wasm32, feature `tools`): `form-tools.js`,
//! global `formTools`. The form engine (`page`) loads it once the page is
//! interactive, so what a form page downloads for its first paint does not
//! carry the document model (`crate::document`) and its HTML.
//!
//! The contract is the page's answers, not shared memory: the engine hands
//! over the raw answers it evaluated (as JSON) and the confirmed warnings;
//! the printer evaluates them with the same definition and the same code,
//! so the document is the one the engine's own evaluation would give.

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::api::Engine;
use crate::document::{self, html, Kind};

/// One form's printer: the page's bundle, prepared once.
#[wasm_bindgen]
pub struct Printer {
    engine: Engine,
}

#[wasm_bindgen]
impl Printer {
    /// From the bundle the page embeds (the engine's own, `Bundle::embed`).
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &str) -> Result<Printer, JsValue> {
        Ok(Printer { engine: Engine::from_embedded(bundle).map_err(|e| JsValue::from_str(&e))? })
    }

    /// The form's definition as JSON (its keys as in the form files), for
    /// technical readers of a page, such as the browser tests.
    pub fn definition(&self) -> String {
        serde_json::to_string(self.engine.definition()).expect("a definition serialises: its maps have string keys")
    }

    /// The document of `kind` (`official`, `workings`, `evidence`) for
    /// these answers (`data_json`: the object of raw answers the engine
    /// evaluated): `[body markup, @page stylesheet]`.
    pub fn render(&self, data_json: &str, confirmed: Vec<String>, kind: &str) -> Result<Vec<String>, JsValue> {
        let data: Map<String, Value> =
            serde_json::from_str(data_json).map_err(|_| JsValue::from_str("the answers are not a JSON object"))?;
        let kind = match kind {
            "workings" => Kind::Workings,
            "evidence" => Kind::Evidence,
            _ => Kind::Official,
        };
        let ev = self.engine.evaluate(&data, &confirmed);
        let d = document::of_kind(kind, self.engine.definition(), &ev);
        Ok(vec![html::body(&d), html::page_css(&d)])
    }
}
