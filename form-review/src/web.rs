//! The 推荐单位 page's module (wasm32 only, `unit-desk.js`, global
//! `unitDesk`): the page's script hands it the forms' bundles once and the
//! unit's work (files, choice) as JSON, and gets JSON back to show.

use wasm_bindgen::prelude::*;

use form_wasm::api::Engine;

use crate::desk::{self, Work};

#[wasm_bindgen]
pub struct Desk(desk::Desk);

fn work(json: &str) -> Result<Work, JsValue> {
    serde_json::from_str(json).map_err(|e| JsValue::from_str(&format!("work: {e}")))
}

fn out(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).expect("the desk's results serialise")
}

#[wasm_bindgen]
impl Desk {
    /// `bundles`: a JSON array of the forms' bundles, as the form pages carry them.
    #[wasm_bindgen(constructor)]
    pub fn new(bundles: &str) -> Result<Desk, JsValue> {
        let list: Vec<serde_json::Value> =
            serde_json::from_str(bundles).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let engines = list
            .iter()
            .map(|b| Engine::from_json(&b.to_string()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| JsValue::from_str(&e))?;
        Ok(Desk(desk::Desk::new(engines)))
    }

    /// `desk::Overview` of the work, as JSON.
    pub fn overview(&self, work_json: &str) -> Result<String, JsValue> {
        Ok(out(&self.0.overview(&work(work_json)?)))
    }

    /// `{ "html": …, "problems": […] }` of one file, or null.
    pub fn document(&self, work_json: &str, name: &str) -> Result<String, JsValue> {
        let doc = self.0.document(&work(work_json)?, name);
        Ok(out(&doc.map(|(html, problems)| serde_json::json!({ "html": html, "problems": problems }))))
    }

    /// `{ "ok": desk::Produced }` or `{ "refused": [why…] }`.
    pub fn produce(&self, work_json: &str, now: &str) -> Result<String, JsValue> {
        Ok(out(&match self.0.produce(&work(work_json)?, now) {
            Ok(p) => serde_json::json!({ "ok": p }),
            Err(why) => serde_json::json!({ "refused": why }),
        }))
    }
}
