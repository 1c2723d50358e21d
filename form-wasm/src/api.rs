//! The engine's whole surface as strings in, strings out (JSON), so the
//! WebAssembly glue, the command line and tests all call the same thing.

use serde_json::{json, Map, Value};

use crate::evaluate::{Bundle, Evaluation, Prepared};
use crate::export;

/// Engine version, written into every export.
pub const ENGINE_VERSION: &str = concat!("form-wasm ", env!("CARGO_PKG_VERSION"));

/// A form ready to evaluate: its definition and the code lists it names.
pub struct Engine {
    prepared: Prepared,
    sha256: String,
}

/// The answers and the warnings the applicant confirmed, read from either an
/// export, a draft (`{"data": …, "confirmed_warnings": …}`) or a bare object of answers.
pub fn split_input(v: Value) -> (Map<String, Value>, Vec<String>) {
    match v {
        Value::Object(mut o) if o.contains_key("data") => {
            let confirmed = o
                .get("confirmed_warnings")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default();
            match o.remove("data") {
                Some(Value::Object(d)) => (d, confirmed),
                _ => (Map::new(), confirmed),
            }
        }
        Value::Object(o) => (o, Vec::new()),
        _ => (Map::new(), Vec::new()),
    }
}

impl Engine {
    /// From the bundle JSON that site-gen embeds in each form page.
    pub fn from_json(bundle_json: &str) -> Result<Engine, String> {
        let bundle: Bundle = serde_json::from_str(bundle_json).map_err(|e| format!("表单定义无法读取：{e}"))?;
        Engine::new(bundle)
    }

    pub fn new(bundle: Bundle) -> Result<Engine, String> {
        #[cfg(not(target_arch = "wasm32"))]
        let bundle = match bundle.definition_sha256.is_empty() {
            true => Bundle::new(bundle.form, bundle.lists),
            false => bundle,
        };
        let sha256 = bundle.definition_sha256.clone();
        Ok(Engine { prepared: Prepared::new(bundle)?, sha256 })
    }

    pub fn definition(&self) -> &crate::model::FormDef {
        &self.prepared.bundle.form
    }

    pub fn form_id(&self) -> &str {
        &self.prepared.bundle.form.id
    }

    pub fn has_field(&self, id: &str) -> bool {
        self.prepared.bundle.form.fields().iter().any(|(_, f)| f.id == id)
    }

    pub fn definition_sha256(&self) -> &str {
        &self.sha256
    }

    pub fn evaluate(&self, data: &Map<String, Value>, confirmed: &[String]) -> Evaluation {
        self.prepared.evaluate(data, confirmed)
    }

    /// Whole-form evaluation of the answers: normalised values, problems and metrics.
    pub fn evaluate_json(&self, input_json: &str) -> String {
        match serde_json::from_str::<Value>(input_json) {
            Ok(v) => {
                let (data, confirmed) = split_input(v);
                serde_json::to_string(&self.evaluate(&data, &confirmed)).unwrap_or_default()
            }
            Err(e) => json!({"error": format!("数据无法读取：{e}")}).to_string(),
        }
    }

    /// The export file for the answers, stamped with `exported_at`.
    pub fn export_value(&self, data: &Map<String, Value>, confirmed: &[String], exported_at: &str) -> Value {
        let ev = self.evaluate(data, confirmed);
        export::export(&self.prepared, &ev, &self.sha256, ENGINE_VERSION, exported_at, confirmed)
    }

    pub fn export_json(&self, input_json: &str, exported_at: &str) -> String {
        let (data, confirmed) = split_input(serde_json::from_str(input_json).unwrap_or(Value::Null));
        serde_json::to_string_pretty(&self.export_value(&data, &confirmed, exported_at)).unwrap_or_default()
    }

    /// Reads an export (or a bare object of answers): what can be imported
    /// and a report of what was and was not.
    pub fn import_json(&self, file_text: &str) -> String {
        export::import(&self.prepared, &self.sha256, file_text).to_string()
    }
}
