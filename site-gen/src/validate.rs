//! `site-gen validate`: re-checks submitted files with exactly the engine
//! the form pages run, for the people who receive submissions.

use std::path::{Path, PathBuf};

use form_wasm::api::Engine;
use form_wasm::evaluate::Evaluation;
use form_wasm::export::Answers;
use form_wasm::model::Severity;
use serde_json::{json, Value};

use crate::problem::Problems;

pub struct Checked {
    pub file: PathBuf,
    pub outcome: Result<(String, Evaluation), String>,
}

/// Loads every form of `content_dir` as an engine.
pub fn engines(content_dir: &Path) -> Result<Vec<Engine>, Problems> {
    let content = crate::content::load(content_dir).map_err(|p| Problems(p).into_sorted())?;
    let forms = crate::forms::load(content_dir, &content.forms).map_err(|p| Problems(p).into_sorted())?;
    Ok(forms.iter().filter_map(|f| Engine::new(f.bundle()).ok()).collect())
}

/// Which form a file is for: the export's `form`, or for a bare object of
/// answers, the one form whose field ids it uses.
fn pick<'a>(engines: &'a [Engine], v: &Value) -> Result<&'a Engine, String> {
    if let Some(id) = v.get("form").and_then(Value::as_str) {
        return engines
            .iter()
            .find(|e| e.form_id() == id)
            .ok_or_else(|| format!("names form `{id}`, which this site does not have"));
    }
    let data = v.get("data").unwrap_or(v).as_object().ok_or("is not a JSON object of answers")?;
    let mut best: Vec<(&Engine, usize)> = engines
        .iter()
        .map(|e| (e, data.keys().filter(|k| e.has_field(k)).count()))
        .filter(|(_, n)| *n > 0 && *n * 2 >= data.len())
        .collect();
    best.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    match best.as_slice() {
        [] => Err("names no known form (no `form` key, and its keys match no form)".into()),
        [(e, n), (_, m), ..] if n == m => {
            Err(format!("could be more than one form; add \"form\": \"{}\" or another", e.form_id()))
        }
        [(e, _), ..] => Ok(e),
    }
}

/// A submitted file, read: the form it is for, its answers, and what its
/// header says of itself.
pub struct Submission<'a> {
    pub engine: &'a Engine,
    pub answers: Answers,
    /// The form version the file was made with (`version`), when it says.
    pub version: Option<String>,
    /// When it was exported (`exported_at`), when it says.
    pub exported_at: Option<String>,
}

/// Reads one submitted file (an export, or a bare object of answers) and
/// finds its form; the error says why it cannot be used.
pub fn read_submission<'a>(engines: &'a [Engine], file: &Path) -> Result<Submission<'a>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("is not valid JSON: {e}"))?;
    let engine = pick(engines, &v)?;
    let header = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let (version, exported_at) = (header("version"), header("exported_at"));
    Ok(Submission { engine, answers: Answers::from_value(v), version, exported_at })
}

pub fn check_file(engines: &[Engine], file: &Path) -> Checked {
    let outcome = read_submission(engines, file)
        .map(|s| (s.engine.form_id().to_string(), s.engine.evaluate(&s.answers.data, &s.answers.confirmed_warnings)));
    Checked { file: file.to_path_buf(), outcome }
}

pub fn text_report(c: &Checked) -> String {
    let mut out = String::new();
    let name = c.file.display();
    match &c.outcome {
        Err(reason) => out.push_str(&format!("{name}: error: {reason}\n")),
        Ok((form, ev)) => {
            let state = if ev.complete { "complete" } else { "INCOMPLETE" };
            out.push_str(&format!(
                "{name}: {form} {} — {state} ({} errors, {} warnings)\n",
                ev.version, ev.errors, ev.warnings
            ));
            out.push_str(&format!("  数据校验码 {}\n", form_wasm::checksum::data_checksum(&ev.data)));
            for m in &ev.metrics {
                let unit = m.unit.as_deref().unwrap_or("");
                match (&m.value, &m.error) {
                    (Some(v), _) => out.push_str(&format!("  = {}: {v} {unit}\n", m.label)),
                    (None, Some(e)) => out.push_str(&format!("  = {}: {e}\n", m.label)),
                    _ => {}
                }
            }
            for p in &ev.problems {
                let sev = match (p.severity, p.confirmed) {
                    (Severity::Error, _) => "error",
                    (Severity::Warning, true) => "warning (confirmed)",
                    (Severity::Warning, false) => "warning",
                };
                let at = match (p.row, &p.column) {
                    (Some(r), Some(c)) => format!("{}[{r}].{c}", p.field),
                    _ => p.field.clone(),
                };
                out.push_str(&format!("  {sev} {at}: {}\n", p.message));
            }
        }
    }
    out
}

pub fn json_report(checked: &[Checked]) -> Value {
    Value::Array(
        checked
            .iter()
            .map(|c| match &c.outcome {
                Ok((form, ev)) => json!({
                    "file": c.file.display().to_string(),
                    "form": form,
                    "data_checksum": form_wasm::checksum::data_checksum(&ev.data),
                    "evaluation": ev
                }),
                Err(e) => json!({"file": c.file.display().to_string(), "error": e}),
            })
            .collect(),
    )
}

/// 0: every file complete; 1: some file has errors; 2: some file unreadable or of no known form.
pub fn exit_code(checked: &[Checked]) -> u8 {
    if checked.iter().any(|c| c.outcome.is_err()) {
        2
    } else if checked.iter().any(|c| matches!(&c.outcome, Ok((_, ev)) if !ev.complete)) {
        1
    } else {
        0
    }
}
