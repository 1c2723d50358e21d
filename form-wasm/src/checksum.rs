//! The data checksum (数据校验码): a short fingerprint of the answers that
//! every printed page carries in its footer, the export carries beside the
//! answers, and `site-gen validate` prints — so a reviewer holding the paper
//! and the file can tell at a glance that they match.
//!
//! SHA-256 over a canonical serialisation of the export's `data` (object
//! keys sorted at every level, no whitespace, strings as JSON writes them),
//! the first 12 hex digits in groups of four: `3f5a-0c9e-8b7d`. Changing any
//! answer changes it; the order answers were typed in does not.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// `3f5a-0c9e-8b7d` for these answers.
pub fn data_checksum(data: &Map<String, Value>) -> String {
    let mut canonical = String::new();
    write_canonical(&mut canonical, &Value::Object(data.clone()));
    let digest = Sha256::digest(canonical.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..12])
}

fn write_canonical(out: &mut String, v: &Value) {
    match v {
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, &Value::String(k.clone()));
                out.push(':');
                write_canonical(out, &o[k]);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, item);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn the_order_of_keys_does_not_matter_any_changed_answer_does() {
        let a = map(json!({"b": "2", "a": {"y": "1", "x": ["p", "q"]}}));
        let b = map(json!({"a": {"x": ["p", "q"], "y": "1"}, "b": "2"}));
        assert_eq!(data_checksum(&a), data_checksum(&b));
        let c = map(json!({"a": {"x": ["p", "q"], "y": "1"}, "b": "3"}));
        assert_ne!(data_checksum(&a), data_checksum(&c));
        let rows_swapped = map(json!({"a": {"x": ["q", "p"], "y": "1"}, "b": "2"}));
        assert_ne!(data_checksum(&a), data_checksum(&rows_swapped));
    }

    #[test]
    fn twelve_hex_digits_in_groups_of_four() {
        let c = data_checksum(&Map::new());
        // SHA-256 of "{}" begins 44136fa355b3.
        assert_eq!(c, "4413-6fa3-55b3");
    }
}
