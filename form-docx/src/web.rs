//! The Word writer in the page (wasm32 only): loaded on demand by the form
//! page's 导出 Word 文档 as `word-writer.js`, whose global is `wordWriter`.
//! It reads the same export the page saves, with the same engine, so the
//! document is the one the page prints.

use wasm_bindgen::prelude::*;

use form_wasm::api::Engine;
use form_wasm::document;

/// The `.docx` bytes of the official document of `export_json` (an export
/// of the form in `bundle`, the page's own bundle as it embeds it).
#[wasm_bindgen]
pub fn docx(bundle: &str, export_json: &str) -> Result<Vec<u8>, JsValue> {
    let engine = Engine::from_embedded(bundle).map_err(|e| JsValue::from_str(&e))?;
    let import = engine.import(export_json).map_err(|e| JsValue::from_str(&e))?;
    let ev = engine.evaluate(&import.answers.data, &import.answers.confirmed_warnings);
    Ok(crate::docx(&document::official(engine.definition(), &ev)))
}
