//! The records that travel: the answers (`Answers`, in drafts and files)
//! and the export file (`Export`, format `form-export/1`). The JSON Schema
//! of the export is generated beside this, in `schema.rs`, from the same
//! constant and field list.
//!
//! An export holds the answers, the metrics with their working and the
//! validation result, all from one evaluation. Reading a file back is
//! `crate::import`.

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::bundle::Bundle;
use crate::evaluate::{Evaluation, Metric, Problem};

/// The export format's name and version, in every export's `format` key.
pub const FORMAT: &str = "form-export/1";

/// The top-level keys of an export, in order (`Export`; the JSON Schema
/// allows no others): what `site-gen validate` tells from unknown keys.
pub const EXPORT_KEYS: &[&str] = &[
    "format",
    "form",
    "version",
    "definition_sha256",
    "engine",
    "exported_at",
    "complete",
    "data",
    "data_checksum",
    "metrics",
    "validation",
    "evidence_index",
    "confirmed_warnings",
];

/// Files larger than this are not exports of these forms.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// The answers and the warnings the applicant confirmed: what a draft holds,
/// what an export carries, what `site-gen validate` re-checks.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Answers {
    pub data: Map<String, Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub confirmed_warnings: Vec<String>,
}

impl Answers {
    /// From an export or a draft (`{"data": …, "confirmed_warnings": …}`),
    /// or a bare object of answers. Anything else holds no answers.
    pub fn from_value(v: Value) -> Answers {
        match v {
            Value::Object(mut o) if o.contains_key("data") => Answers {
                confirmed_warnings: strings(o.get("confirmed_warnings")),
                data: match o.remove("data") {
                    Some(Value::Object(d)) => d,
                    _ => Map::new(),
                },
            },
            Value::Object(data) => Answers { data, confirmed_warnings: Vec::new() },
            _ => Answers::default(),
        }
    }
}

/// The strings of a JSON array (other items, or anything but an array, give none).
pub fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// The export file, borrowed from the evaluation it reports. Keys in this
/// order; `schema::json_schema` describes exactly these.
#[derive(Debug, Serialize)]
pub struct Export<'a> {
    pub format: &'static str,
    pub form: &'a str,
    pub version: &'a str,
    pub definition_sha256: &'a str,
    pub engine: &'a str,
    pub exported_at: &'a str,
    pub complete: bool,
    pub data: &'a Map<String, Value>,
    /// The 数据校验码 of `data`, as printed in the footer of every page.
    pub data_checksum: String,
    pub metrics: MetricsById<'a>,
    pub validation: Validation<'a>,
    /// The 佐证材料目录: the evidence these answers call for.
    pub evidence_index: Vec<crate::evidence::EvidenceItem>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub confirmed_warnings: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct Validation<'a> {
    pub complete: bool,
    pub errors: usize,
    pub warnings: usize,
    pub problems: &'a [Problem],
}

impl<'a> Export<'a> {
    pub fn new(
        bundle: &'a Bundle,
        ev: &'a Evaluation,
        confirmed: &'a [String],
        engine: &'a str,
        exported_at: &'a str,
    ) -> Export<'a> {
        Export {
            format: FORMAT,
            form: &bundle.form.id,
            version: &bundle.form.version,
            definition_sha256: &bundle.definition_sha256,
            engine,
            exported_at,
            complete: ev.complete,
            data: &ev.data,
            data_checksum: crate::checksum::data_checksum(&ev.data),
            metrics: MetricsById(&ev.metrics),
            validation: Validation {
                complete: ev.complete,
                errors: ev.errors,
                warnings: ev.warnings,
                problems: &ev.problems,
            },
            evidence_index: crate::evidence::index(&bundle.form, ev),
            confirmed_warnings: confirmed,
        }
    }

    /// The file's text: indented JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .expect("an export serialises: its maps have string keys and its numbers are strings");
        text.push('\n');
        text
    }
}

/// Metrics as an object keyed by field id: `{"formula", "inputs": {id: value}, "value"?, "unit"?, "error"?}`.
#[derive(Debug)]
pub struct MetricsById<'a>(pub &'a [Metric]);

impl Serialize for MetricsById<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for m in self.0 {
            map.serialize_entry(&m.id, &MetricEntry(m))?;
        }
        map.end()
    }
}

struct MetricEntry<'a>(&'a Metric);

impl Serialize for MetricEntry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.0;
        let mut st = s.serialize_struct("Metric", 5)?;
        st.serialize_field("formula", &m.formula)?;
        st.serialize_field("inputs", &InputsById(m))?;
        if let Some(v) = &m.value {
            st.serialize_field("value", v)?;
        }
        if let Some(u) = &m.unit {
            st.serialize_field("unit", u)?;
        }
        if let Some(e) = &m.error {
            st.serialize_field("error", e)?;
        }
        st.end()
    }
}

struct InputsById<'a>(&'a Metric);

impl Serialize for InputsById<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.inputs.len()))?;
        for i in &self.0.inputs {
            map.serialize_entry(&i.id, &i.value)?;
        }
        map.end()
    }
}

/// `52428800` → `50.0`, without floating-point formatting code in the engine.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_come_from_an_export_a_draft_or_bare_answers() {
        let export = json!({"format": FORMAT, "data": {"a": "1"}, "confirmed_warnings": ["r1", 7]});
        assert_eq!(
            Answers::from_value(export),
            Answers {
                data: json!({"a": "1"}).as_object().cloned().unwrap_or_default(),
                confirmed_warnings: vec!["r1".into()]
            }
        );
        assert_eq!(Answers::from_value(json!({"a": "1"})).data.len(), 1);
        assert_eq!(Answers::from_value(json!({"data": 5})), Answers::default());
        assert_eq!(Answers::from_value(json!([1, 2])), Answers::default());
    }

    #[test]
    fn export_keys_are_the_keys_of_an_export() {
        let def: crate::model::FormDef = serde_json::from_value(json!({
            "id": "t", "version": "1", "attachment": "9", "title": "T",
            "sections": [{"id": "s", "title": "S", "fields": [{"id": "a", "label": "A", "type": "text"}]}]
        }))
        .expect("a valid definition");
        let engine = crate::api::Engine::new(Bundle::new(def, Default::default())).expect("a valid bundle");
        let ev = engine.evaluate(&Map::new(), &[]);
        let confirmed = vec!["r1".to_string()];
        let export: Value = serde_json::from_str(&engine.export(&ev, &confirmed, "now").to_json()).expect("JSON");
        let keys: Vec<&str> = export.as_object().expect("an object").keys().map(String::as_str).collect();
        assert_eq!(keys, EXPORT_KEYS);
    }

    #[test]
    fn megabytes_round_to_a_tenth() {
        assert_eq!(megabytes(52_428_800), "50.0");
        assert_eq!(megabytes(5 * 1024 * 1024 + 1), "5.0");
        assert_eq!(megabytes(1_572_864), "1.5");
    }
}
