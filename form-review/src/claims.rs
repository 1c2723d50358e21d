//! What a file says of itself — its format, form version, completeness,
//! 数据校验码 and metrics — held against what the engine finds, and keys
//! the export format does not have. The published JSON Schema rejects a
//! file of another format, version or with other keys; `validate` says so
//! instead of passing it silently, and names every claim that is not true.

use form_wasm::api::Engine;
use form_wasm::checksum::data_checksum;
use form_wasm::evaluate::Evaluation;
use form_wasm::export::{EXPORT_KEYS, FORMAT};
use form_wasm::model::Severity;
use serde::Serialize;
use serde_json::{Map, Value};

/// One finding about the file as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub severity: Severity,
    /// The file's key it is about (`version`, `metrics.revenue_growth`), or
    /// empty for the file as a whole.
    pub key: String,
    /// The same in words, for the province's spreadsheet (`表单版本`).
    pub item: String,
    pub message: String,
}

/// The header of a file, kept after its answers are handed to the engine.
#[derive(Debug, Default)]
pub struct Claims {
    format: Option<Value>,
    version: Option<String>,
    definition_sha256: Option<String>,
    complete: Option<Value>,
    data_checksum: Option<Value>,
    metrics: Option<Value>,
    /// Top-level keys an export does not have (for a bare object of
    /// answers, these are answers and are counted below instead).
    unknown_keys: Vec<String>,
    /// Answers for fields the form does not have.
    unknown_answers: Vec<String>,
}

impl Claims {
    pub fn of(engine: &Engine, v: &Value) -> Claims {
        let Some(obj) = v.as_object() else { return Claims::default() };
        let is_export = obj.contains_key("data") || obj.contains_key("format");
        let data = if is_export { obj.get("data").and_then(Value::as_object) } else { Some(obj) };
        let text = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
        let header = |key: &str| if is_export { obj.get(key).cloned() } else { None };
        Claims {
            format: header("format"),
            version: text("version"),
            definition_sha256: text("definition_sha256"),
            complete: header("complete"),
            data_checksum: header("data_checksum"),
            metrics: header("metrics"),
            unknown_keys: match is_export {
                true => obj.keys().filter(|k| !EXPORT_KEYS.contains(&k.as_str())).cloned().collect(),
                false => Vec::new(),
            },
            unknown_answers: data.map(|d| unknown_answers(engine, d)).unwrap_or_default(),
        }
    }

    /// Every claim that does not hold, and every key that is not the
    /// format's; only another format is an error, as nothing else of the
    /// file can then be trusted to mean what this site means by it.
    pub fn notes(&self, engine: &Engine, ev: &Evaluation) -> Vec<Note> {
        let def = engine.definition();
        let mut out = Vec::new();
        let mut note = |severity, key: &str, item: &str, message: String| {
            out.push(Note { severity, key: key.into(), item: item.into(), message });
        };
        if let Some(f) = self.format.as_ref().filter(|f| f.as_str() != Some(FORMAT)) {
            note(
                Severity::Error,
                "format",
                "文件格式",
                format!("文件格式为 {}，本站的数据文件为 {FORMAT}：文件不是本站表单保存的，或来自更新的版本，其内容未必按本站的规则理解", shown(f)),
            );
        }
        match &self.version {
            Some(v) if *v != def.version => note(
                Severity::Warning,
                "version",
                "表单版本",
                format!("文件来自表单 {v} 版，已按本站 {} 版的规则检查", def.version),
            ),
            Some(_) if self.definition_sha256.as_deref().is_some_and(|s| s != engine.definition_sha256()) => note(
                Severity::Warning,
                "definition_sha256",
                "表单定义",
                format!("文件所用的表单定义与本站 {} 版略有不同，已按本站的定义检查", def.version),
            ),
            _ => {}
        }
        if !self.unknown_keys.is_empty() {
            note(
                Severity::Warning,
                "",
                "文件",
                format!("文件中有数据文件格式之外的项，未予理会：{}", self.unknown_keys.join("、")),
            );
        }
        if !self.unknown_answers.is_empty() {
            note(
                Severity::Warning,
                "data",
                "填写内容",
                format!("填写内容中有本表没有的项，未予检查：{}", self.unknown_answers.join("、")),
            );
        }
        if let Some(c) = self.complete.as_ref().filter(|c| c.as_bool() != Some(ev.complete)) {
            let said = match c.as_bool() {
                Some(true) => "填写完整".to_string(),
                Some(false) => "未填写完整".to_string(),
                None => format!("为 {}", shown(c)),
            };
            let found = if ev.complete { "填写完整" } else { "未填写完整或有错误" };
            note(Severity::Warning, "complete", "是否完整", format!("文件标明{said}，重新检查的结果是{found}"));
        }
        let checksum = data_checksum(&ev.data);
        if let Some(c) = self.data_checksum.as_ref().filter(|c| c.as_str() != Some(checksum.as_str())) {
            note(
                Severity::Warning,
                "data_checksum",
                "数据校验码",
                format!(
                    "文件所载数据校验码 {} 与按其填写内容重新计算的 {checksum} 不符：填写内容在导出后可能被改动过",
                    shown(c)
                ),
            );
        }
        if let Some(metrics) = &self.metrics {
            self.metric_notes(metrics, ev, &mut note);
        }
        out
    }

    /// Each metric the file states that the recomputation does not give.
    fn metric_notes(&self, metrics: &Value, ev: &Evaluation, note: &mut impl FnMut(Severity, &str, &str, String)) {
        let Some(stated) = metrics.as_object() else {
            return note(Severity::Warning, "metrics", "计算指标", "文件中的计算指标不是按项列出的，未予核对".into());
        };
        for m in &ev.metrics {
            let Some(entry) = stated.get(&m.id) else { continue };
            let said = entry.get("value");
            if said.map(shown).as_deref() == m.value.as_deref() {
                continue;
            }
            let said = said.map_or("（空）".to_string(), shown);
            let found = m.value.clone().or_else(|| m.error.clone()).unwrap_or_default();
            note(
                Severity::Warning,
                &format!("metrics.{}", m.id),
                &m.label,
                format!("文件所载「{}」为 {said}，重新计算为 {found}", m.label),
            );
        }
        let unknown: Vec<&str> =
            stated.keys().filter(|k| !ev.metrics.iter().any(|m| &m.id == *k)).map(String::as_str).collect();
        if !unknown.is_empty() {
            note(
                Severity::Warning,
                "metrics",
                "计算指标",
                format!("文件中有本表没有的计算指标，未予理会：{}", unknown.join("、")),
            );
        }
    }
}

/// Answer keys that are no field of the form (computed ones are recomputed
/// and so not unknown).
fn unknown_answers(engine: &Engine, data: &Map<String, Value>) -> Vec<String> {
    data.keys().filter(|k| !engine.has_field(k)).cloned().collect()
}

/// A value of the file as written: text as it is, anything else as JSON.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
