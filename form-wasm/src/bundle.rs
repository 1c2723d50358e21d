//! A form as embedded in its page: the definition, the code lists it names,
//! and the definition's SHA-256 (which exports carry, to tell later which
//! definition they were made with).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{FormDef, IndustryList};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub form: FormDef,
    #[serde(default)]
    pub lists: BTreeMap<String, IndustryList>,
    /// Worked out by site-gen when it writes the page (the browser build
    /// leaves out the code that serialises definitions).
    #[serde(default)]
    pub definition_sha256: String,
}

/// An embedded bundle that is not base64.
pub const NOT_BASE64: &str = "表单定义无法读取：不是 base64";

impl Bundle {
    /// The bundle as a form page embeds it: postcard in base64. Read as
    /// JSON, the bundle's types would cost the browser engine serde_json's
    /// parser compiled into each of them (about a tenth of the module).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn embed(&self) -> String {
        use base64::Engine as _;
        let bytes = postcard::to_allocvec(self).expect("a bundle serialises: no sequence of unknown length");
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// Reads what `embed` wrote.
    pub fn from_embedded(text: &str) -> Result<Bundle, String> {
        use base64::Engine as _;
        let bytes =
            base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|_| NOT_BASE64.to_string())?;
        Bundle::from_postcard(&bytes)
    }

    /// Reads what `embed` wrote, once out of base64 (the page has the
    /// browser decode it).
    pub fn from_postcard(bytes: &[u8]) -> Result<Bundle, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("表单定义无法读取：{e}"))
    }

    /// A bundle with its definition's SHA-256 worked out.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn new(form: FormDef, lists: BTreeMap<String, IndustryList>) -> Bundle {
        let definition_sha256 = definition_sha256(&form);
        Bundle { form, lists, definition_sha256 }
    }
}

/// SHA-256 of the definition as canonical JSON.
#[cfg(not(target_arch = "wasm32"))]
pub fn definition_sha256(def: &FormDef) -> String {
    use sha2::{Digest, Sha256};
    let canonical = serde_json::to_vec(def).expect("a definition serialises: its maps all have string keys");
    Sha256::digest(&canonical).iter().map(|b| format!("{b:02x}")).collect()
}
