//! The engine as every caller uses it — the form page, `site-gen validate`,
//! the tests and the fuzzers: one prepared form; evaluate answers, export an
//! evaluation, import a file. Typed in, typed out; JSON only at the edges.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::bundle::Bundle;
use crate::evaluate::Evaluation;
use crate::export::Export;
use crate::import::{self, Import};
use crate::model::FormDef;
use crate::program::Prepared;
use crate::session::Session;

/// Engine version, written into every export.
pub const ENGINE_VERSION: &str = concat!("form-wasm ", env!("CARGO_PKG_VERSION"));

/// A form ready to evaluate: its definition and the code lists it names.
pub struct Engine {
    /// Shared with the evaluations, which make their normalised answers from it.
    prepared: Arc<Prepared>,
}

impl Engine {
    /// From the bundle JSON that site-gen embeds in each form page.
    pub fn from_json(bundle_json: &str) -> Result<Engine, String> {
        let bundle: Bundle = serde_json::from_str(bundle_json).map_err(|e| format!("表单定义无法读取：{e}"))?;
        Engine::new(bundle)
    }

    /// From the bundle as a form page embeds it (`Bundle::embed`).
    pub fn from_embedded(text: &str) -> Result<Engine, String> {
        Engine::new(Bundle::from_embedded(text)?)
    }

    /// From the bundle's bytes, out of the base64 a form page embeds.
    pub fn from_postcard(bytes: &[u8]) -> Result<Engine, String> {
        Engine::new(Bundle::from_postcard(bytes)?)
    }

    pub fn new(bundle: Bundle) -> Result<Engine, String> {
        #[cfg(not(target_arch = "wasm32"))]
        let bundle = match bundle.definition_sha256.is_empty() {
            true => Bundle::new(bundle.form, bundle.lists),
            false => bundle,
        };
        Ok(Engine { prepared: Arc::new(Prepared::new(bundle)?) })
    }

    pub fn bundle(&self) -> &Bundle {
        &self.prepared.bundle
    }

    pub fn definition(&self) -> &FormDef {
        &self.prepared.bundle.form
    }

    pub fn form_id(&self) -> &str {
        &self.prepared.bundle.form.id
    }

    pub fn has_field(&self, id: &str) -> bool {
        self.definition().field(id).is_some()
    }

    pub fn definition_sha256(&self) -> &str {
        &self.prepared.bundle.definition_sha256
    }

    /// Whole-form evaluation: normalised values, problems and metrics.
    pub fn evaluate(&self, data: &Map<String, Value>, confirmed: &[String]) -> Evaluation {
        Session::begin(&self.prepared, std::borrow::Cow::Borrowed(data), confirmed.to_vec())
            .into_evaluation(&self.prepared)
    }

    /// The compiled form, which a `Session` evaluates against.
    pub fn prepared(&self) -> &Arc<Prepared> {
        &self.prepared
    }

    /// Answers being filled in, their evaluation kept current as they change.
    pub fn begin(&self, answers: Map<String, Value>, confirmed: Vec<String>) -> Session<'static> {
        Session::begin(&self.prepared, std::borrow::Cow::Owned(answers), confirmed)
    }

    /// The export of an evaluation of this form (made with `confirmed`), stamped `exported_at`.
    pub fn export<'a>(&'a self, ev: &'a Evaluation, confirmed: &'a [String], exported_at: &'a str) -> Export<'a> {
        Export::new(&self.prepared.bundle, ev, confirmed, ENGINE_VERSION, exported_at)
    }

    /// Reads an export (or a bare object of answers): what can be imported
    /// and a report of what was and was not.
    pub fn import(&self, file_text: &str) -> Result<Import, String> {
        import::import(&self.prepared.bundle, file_text)
    }
}
