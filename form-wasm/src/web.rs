//! The browser edge: `api::Engine` exported to JavaScript with wasm-bindgen.
//! Compiled only for wasm32 (see lib.rs). No logic here: every method hands
//! its strings to `api` and returns what `api` returns, so the rules stay in
//! the pure core that `cargo test` checks natively.

use wasm_bindgen::prelude::*;

use crate::api;

/// A form ready to evaluate, as the JavaScript class `FormEngine`.
#[wasm_bindgen]
pub struct FormEngine {
    inner: api::Engine,
}

#[wasm_bindgen]
impl FormEngine {
    /// `new FormEngine(bundleJson)`; throws an `Error` with the engine's
    /// message if the bundle cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle_json: &str) -> Result<FormEngine, JsError> {
        api::Engine::from_json(bundle_json).map(|inner| FormEngine { inner }).map_err(|message| JsError::new(&message))
    }

    /// See `api::Engine::evaluate_json`.
    pub fn evaluate(&self, data: &str) -> String {
        self.inner.evaluate_json(data)
    }

    /// See `api::Engine::export_json`.
    pub fn export(&self, data: &str, exported_at: &str) -> String {
        self.inner.export_json(data, exported_at)
    }

    /// See `api::Engine::import_json`.
    pub fn import(&self, text: &str) -> String {
        self.inner.import_json(text)
    }
}

/// The engine version written into every export (`api::ENGINE_VERSION`).
#[wasm_bindgen]
pub fn engine_version() -> String {
    api::ENGINE_VERSION.to_string()
}
