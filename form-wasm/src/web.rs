//! The browser edge exported to JavaScript with wasm-bindgen, compiled only
//! for wasm32 (see lib.rs). The page itself starts with `page::start_form`;
//! no logic lives here, so the rules stay in the pure core that `cargo test`
//! checks natively.

use wasm_bindgen::prelude::*;

use crate::api;

/// The engine version written into every export (`api::ENGINE_VERSION`).
#[wasm_bindgen]
pub fn engine_version() -> String {
    api::ENGINE_VERSION.to_string()
}
