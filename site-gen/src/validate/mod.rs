//! `site-gen validate`: re-checks submitted files with exactly the engine
//! the form pages run, for the people who receive submissions. Each file is
//! read (`read`), evaluated, held against what it says of itself
//! (`form_review::claims`)
//! and reported as soon as it is checked, so memory holds one file at a time.

use std::path::{Path, PathBuf};

use form_wasm::api::Engine;
use form_wasm::evaluate::Evaluation;
use form_wasm::model::Severity;
use serde_json::{json, Value};

use crate::problem::Problems;

mod read;
pub mod terminal;

pub use form_review::claims::{Claims, Note};
pub use form_review::submission::Submission;
pub use read::read_submission;

pub struct Checked {
    pub file: PathBuf,
    pub outcome: Result<Outcome, String>,
}

/// A file that could be read: its form, the engine's evaluation, and what
/// is wrong with the file's own claims.
pub struct Outcome {
    pub form: String,
    pub evaluation: Evaluation,
    pub notes: Vec<Note>,
}

impl Outcome {
    fn count(&self, severity: Severity) -> usize {
        self.notes.iter().filter(|n| n.severity == severity).count()
    }

    /// Complete by the engine, and nothing about the file refused.
    pub fn complete(&self) -> bool {
        self.evaluation.complete && self.count(Severity::Error) == 0
    }

    pub fn errors(&self) -> usize {
        self.evaluation.errors + self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.evaluation.warnings + self.count(Severity::Warning)
    }
}

impl Checked {
    /// 0: complete; 1: problems; 2: unreadable or of no known form.
    pub fn exit_code(&self) -> u8 {
        match &self.outcome {
            Err(_) => 2,
            Ok(o) if !o.complete() => 1,
            Ok(_) => 0,
        }
    }
}

/// Loads every form of `content_dir` as an engine. Run outside the project,
/// the folder is missing: that is said plainly, not as every form unknown.
pub fn engines(content_dir: &Path) -> Result<Vec<Engine>, String> {
    let shown = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()).display().to_string();
    if !content_dir.is_dir() {
        return Err(format!(
            "no content folder at {}; run from the project folder or pass --content",
            shown(content_dir)
        ));
    }
    let cannot = |p| format!("the forms in {} cannot be loaded:\n{}", content_dir.display(), Problems(p).into_sorted());
    let content = crate::content::load(content_dir).map_err(cannot)?;
    let forms = crate::forms::load(content_dir, &content.forms).map_err(cannot)?;
    if forms.is_empty() {
        return Err(format!(
            "no forms in {}; run from the project folder or pass --content",
            shown(&content_dir.join("forms"))
        ));
    }
    Ok(forms.iter().filter_map(|f| Engine::new(f.bundle()).ok()).collect())
}

pub fn check_file(engines: &[Engine], file: &Path) -> Checked {
    let outcome = read_submission(engines, file).map(|s| {
        let evaluation = s.engine.evaluate(&s.answers.data, &s.answers.confirmed_warnings);
        let notes = s.claims.notes(s.engine, &evaluation);
        Outcome { form: s.engine.form_id().to_string(), evaluation, notes }
    });
    Checked { file: file.to_path_buf(), outcome }
}

/// The report of a file for people: for a file that cannot be used, the
/// one line saying why (for stderr); everything taken from the file escaped.
pub fn text_report(c: &Checked) -> String {
    use terminal::escape as e;
    let mut out = String::new();
    let name = c.file.display().to_string();
    let name = e(&name);
    let o = match &c.outcome {
        Err(reason) => return format!("{name}: error: {}\n", e(reason)),
        Ok(o) => o,
    };
    let ev = &o.evaluation;
    let state = if o.complete() { "complete" } else { "INCOMPLETE" };
    out.push_str(&format!(
        "{name}: {} {} — {state} ({} errors, {} warnings)\n",
        o.form,
        ev.version,
        o.errors(),
        o.warnings()
    ));
    for n in &o.notes {
        let sev = if n.severity == Severity::Error { "error" } else { "warning" };
        let at = if n.key.is_empty() { String::new() } else { format!(" {}", e(&n.key)) };
        out.push_str(&format!("  {sev}{at}: {}\n", e(&n.message)));
    }
    out.push_str(&format!("  数据校验码 {}\n", form_wasm::checksum::data_checksum(&ev.data)));
    for m in &ev.metrics {
        let unit = m.unit.as_deref().unwrap_or("");
        match (&m.value, &m.error) {
            (Some(v), _) => out.push_str(&format!("  = {}: {} {}\n", e(&m.label), e(v), e(unit))),
            (None, Some(err)) => out.push_str(&format!("  = {}: {}\n", e(&m.label), e(err))),
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
        out.push_str(&format!("  {sev} {}: {}\n", e(&at), e(&p.message)));
    }
    out
}

/// The report of a file for machines: one element of `--json`'s array.
pub fn json_entry(c: &Checked) -> Value {
    let file = c.file.display().to_string();
    match &c.outcome {
        Ok(o) => json!({
            "file": file,
            "form": o.form,
            "complete": o.complete(),
            "data_checksum": form_wasm::checksum::data_checksum(&o.evaluation.data),
            "notes": o.notes,
            "evaluation": o.evaluation
        }),
        Err(e) => json!({"file": file, "error": e}),
    }
}
