//! Reading a submitted file: a regular file no larger than the form page
//! imports, UTF-8 with or without the byte-order mark Windows Notepad writes,
//! JSON, and the form it is for.

use std::io::Read;
use std::path::Path;

use form_wasm::api::Engine;
use form_wasm::export::{megabytes, Answers, MAX_IMPORT_BYTES};
use serde_json::Value;

use super::claims::Claims;

/// A submitted file, read: the form it is for, its answers, and what its
/// header says of itself.
pub struct Submission<'a> {
    pub engine: &'a Engine,
    pub answers: Answers,
    /// The form version the file was made with (`version`), when it says.
    pub version: Option<String>,
    /// When it was exported (`exported_at`), when it says.
    pub exported_at: Option<String>,
    /// The rest of what the file says of itself, to hold against the
    /// recomputation (`Claims::notes`).
    pub claims: Claims,
}

/// Reads one submitted file (an export, or a bare object of answers) and
/// finds its form; the error says why it cannot be used.
pub fn read_submission<'a>(engines: &'a [Engine], file: &Path) -> Result<Submission<'a>, String> {
    let v: Value = {
        let text = read_text(file)?;
        let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
        serde_json::from_str(json).map_err(|e| format!("is not valid JSON: {e}"))?
    };
    let engine = pick(engines, &v)?;
    let header = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let (version, exported_at) = (header("version"), header("exported_at"));
    let claims = Claims::of(engine, &v);
    Ok(Submission { engine, answers: Answers::from_value(v), version, exported_at, claims })
}

/// The file's text, read only from a regular file (a pipe would wait for
/// ever, `/dev/zero` never end) and never more than the page's import limit,
/// however large the file says it is or grows while being read.
fn read_text(file: &Path) -> Result<String, String> {
    let size = match std::fs::metadata(file) {
        Ok(m) if m.is_file() => m.len(),
        Ok(_) => return Err("不是普通文件（是文件夹、管道或设备），未读取".into()),
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    let limit = MAX_IMPORT_BYTES as u64;
    let too_large = |size: u64| {
        format!(
            "文件过大（{} MB，上限 {} MB，与表单页面导入相同），不是本站表单保存的数据文件",
            megabytes(size),
            megabytes(limit)
        )
    };
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes)
        .map_err(|e| format!("is not UTF-8 text (byte {} is not)", e.utf8_error().valid_up_to() + 1))
}

/// Which form a file is for: the export's `form`, or for a bare object of
/// answers, the one form whose field ids it uses.
fn pick<'a>(engines: &'a [Engine], v: &Value) -> Result<&'a Engine, String> {
    if let Some(id) = v.get("form").and_then(Value::as_str) {
        return engines
            .iter()
            .find(|e| e.form_id() == id)
            .ok_or_else(|| format!("names form `{}`, which this site does not have", super::terminal::escape(id)));
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
