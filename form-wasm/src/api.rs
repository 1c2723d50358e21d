//! The engine's whole surface as strings in, strings out (JSON), so the
//! WebAssembly glue, the command line and tests all call the same thing.

/// Engine version, written into every export.
pub const ENGINE_VERSION: &str = concat!("form-wasm ", env!("CARGO_PKG_VERSION"));

/// A form ready to evaluate: its definition and the code lists it names.
pub struct Engine {
    bundle_json: String,
}

impl Engine {
    /// From the bundle JSON that site-gen embeds in each form page.
    pub fn from_json(bundle_json: &str) -> Result<Engine, String> {
        Ok(Engine { bundle_json: bundle_json.to_string() })
    }

    /// Whole-form evaluation of the answers (JSON object of field id → raw
    /// value): normalised values, problems and metrics, as JSON.
    pub fn evaluate_json(&self, data_json: &str) -> String {
        let _ = (&self.bundle_json, data_json);
        "{}".to_string()
    }

    /// The export file for the answers, stamped with `exported_at`.
    pub fn export_json(&self, data_json: &str, exported_at: &str) -> String {
        let _ = (data_json, exported_at);
        "{}".to_string()
    }

    /// Reads an export (or a bare object of answers): what can be imported
    /// and a report of what was and was not, as JSON.
    pub fn import_json(&self, file_text: &str) -> String {
        let _ = file_text;
        "{}".to_string()
    }
}
