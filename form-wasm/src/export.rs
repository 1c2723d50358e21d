//! The export file (`form-export/1`) and reading it back.
//!
//! An export holds the answers, the metrics with their working and the
//! validation result, all from one evaluation. Importing never replaces
//! anything by itself: it returns what can be imported and a report of what
//! was and was not, and the page asks before using it.

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::evaluate::{Evaluation, Prepared};
use crate::model::FormDef;

pub const FORMAT: &str = "form-export/1";

/// Files larger than this are not exports of these forms.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// SHA-256 of the definition as canonical JSON, to tell which definition an export used.
pub fn definition_sha256(def: &FormDef) -> String {
    let canonical = serde_json::to_vec(def).unwrap_or_default();
    Sha256::digest(&canonical).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn export(
    p: &Prepared,
    ev: &Evaluation,
    sha: &str,
    engine: &str,
    exported_at: &str,
    confirmed: &[String],
) -> Value {
    let metrics: Map<String, Value> = ev
        .metrics
        .iter()
        .map(|m| {
            let inputs: Map<String, Value> = m.inputs.iter().map(|i| (i.id.clone(), json!(i.value))).collect();
            let mut o = json!({"formula": m.formula, "inputs": inputs});
            if let Some(v) = &m.value {
                o["value"] = json!(v);
            }
            if let Some(u) = &m.unit {
                o["unit"] = json!(u);
            }
            if let Some(e) = &m.error {
                o["error"] = json!(e);
            }
            (m.id.clone(), o)
        })
        .collect();
    let problems: Vec<Value> = ev
        .problems
        .iter()
        .map(|pr| {
            let mut o = json!({"field": pr.field, "severity": pr.severity, "message": pr.message});
            if let Some(r) = pr.row {
                o["row"] = json!(r);
            }
            if let Some(c) = &pr.column {
                o["column"] = json!(c);
            }
            if let Some(r) = &pr.rule {
                o["rule"] = json!(r);
            }
            if pr.confirmed {
                o["confirmed"] = json!(true);
            }
            o
        })
        .collect();
    let mut doc = json!({
        "format": FORMAT,
        "form": p.bundle.form.id,
        "version": p.bundle.form.version,
        "definition_sha256": sha,
        "engine": engine,
        "exported_at": exported_at,
        "complete": ev.complete,
        "data": ev.data,
        "metrics": metrics,
        "validation": {"complete": ev.complete, "errors": ev.errors, "warnings": ev.warnings, "problems": problems}
    });
    if !confirmed.is_empty() {
        doc["confirmed_warnings"] = json!(confirmed);
    }
    doc
}

/// What an import found: the answers to load (if any) and what to tell the applicant.
pub fn import(p: &Prepared, sha: &str, text: &str) -> Value {
    let def = &p.bundle.form;
    if text.len() > MAX_IMPORT_BYTES {
        return refuse(format!(
            "文件过大（{} MB），不是本表导出的文件。当前填写内容未改动。",
            megabytes(text.len() as u64)
        ));
    }
    let doc: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return refuse(format!(
                "文件不是有效的 JSON（第{}行第{}列附近有误）。当前填写内容未改动。",
                e.line(),
                e.column()
            ))
        }
    };
    let Value::Object(obj) = doc else {
        return refuse("文件内容不是本表导出的格式。当前填写内容未改动。".into());
    };
    let mut notes = Vec::new();
    let is_export = obj.contains_key("format") || obj.contains_key("data");
    let (data, confirmed) = if is_export {
        if let Some(f) = obj.get("format").and_then(Value::as_str) {
            if f != FORMAT {
                return refuse(format!("文件格式“{f}”不是本站的导出格式。当前填写内容未改动。"));
            }
        }
        match obj.get("form").and_then(Value::as_str) {
            Some(id) if id != def.id => {
                return refuse(format!(
                    "这是另一张表（{id}）的导出文件，不是本表（{}）的。当前填写内容未改动。",
                    def.id
                ))
            }
            _ => {}
        }
        match obj.get("version").and_then(Value::as_str) {
            Some(v) if v != def.version => {
                notes.push(format!("文件来自表单版本 {v}，本页为版本 {}：已按字段键名导入，请逐项核对。", def.version))
            }
            Some(_) if obj.get("definition_sha256").and_then(Value::as_str).is_some_and(|s| s != sha) => {
                notes.push("文件所用的表单定义与本页略有不同：已按字段键名导入，请逐项核对。".into())
            }
            _ => {}
        }
        let Some(Value::Object(data)) = obj.get("data") else {
            return refuse("文件中没有填写内容（data）。当前填写内容未改动。".into());
        };
        let confirmed: Vec<String> = obj
            .get("confirmed_warnings")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        (data.clone(), confirmed)
    } else {
        (obj, Vec::new())
    };

    let fields = def.fields();
    let mut imported = Map::new();
    let mut labels = Vec::new();
    let mut skipped = Vec::new();
    for (key, value) in data {
        match fields.iter().find(|(_, f)| f.id == key) {
            Some((_, f)) if f.kind == crate::model::FieldType::Computed => {
                skipped.push(json!({"key": key, "reason": "自动计算项，导入后重新计算"}))
            }
            Some((_, f)) => {
                labels.push(f.label.clone());
                imported.insert(key, value);
            }
            None => skipped.push(json!({"key": key, "reason": "本表没有此项，未导入"})),
        }
    }
    json!({
        "ok": true,
        "data": imported,
        "confirmed_warnings": confirmed,
        "imported": labels,
        "skipped": skipped,
        "notes": notes
    })
}

/// `52428800` → `50.0`, without floating-point formatting code in the engine.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn refuse(message: String) -> Value {
    json!({"ok": false, "error": message})
}
