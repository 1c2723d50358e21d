//! A submitted file's text, read: JSON (with or without the byte-order mark
//! Windows Notepad writes), the form it is for, its answers, and what its
//! header says of itself. The same for `site-gen validate`/`report` (which
//! read the file first) and the 推荐单位 page (which is handed its text).

use form_wasm::api::Engine;
use form_wasm::export::Answers;
use serde_json::Value;

use crate::claims::Claims;

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

/// Why a text is no submission of this site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Not JSON: the parser's words.
    NotJson(String),
    /// Names a form this site does not have.
    UnknownForm(String),
    /// Neither a `form` key nor keys of one form.
    NoKnownForm,
    /// Keys of two forms equally (the first named).
    Ambiguous(String),
    NotObject,
}

impl std::fmt::Display for Unusable {
    /// For the command line (receivers' tools quote these words).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::NotJson(e) => write!(f, "is not valid JSON: {e}"),
            Unusable::UnknownForm(id) => write!(f, "names form `{id}`, which this site does not have"),
            Unusable::NoKnownForm => write!(f, "names no known form (no `form` key, and its keys match no form)"),
            Unusable::Ambiguous(id) => write!(f, "could be more than one form; add \"form\": \"{id}\" or another"),
            Unusable::NotObject => write!(f, "is not a JSON object of answers"),
        }
    }
}

impl Unusable {
    /// For the 推荐单位 page, in the words of the form pages.
    pub fn in_chinese(&self) -> String {
        match self {
            Unusable::NotJson(_) | Unusable::NotObject => "不是本站表单保存的数据文件（文件内容无法读取）".into(),
            Unusable::UnknownForm(_) => "不是本次申报的表单保存的数据文件".into(),
            Unusable::NoKnownForm | Unusable::Ambiguous(_) => "看不出是哪一张表的数据文件".into(),
        }
    }
}

/// Reads one submitted text (an export, or a bare object of answers) and
/// finds its form.
pub fn parse<'a>(engines: &'a [Engine], text: &str) -> Result<Submission<'a>, Unusable> {
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let v: Value = serde_json::from_str(json).map_err(|e| Unusable::NotJson(e.to_string()))?;
    let engine = pick(engines, &v)?;
    let header = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let (version, exported_at) = (header("version"), header("exported_at"));
    let claims = Claims::of(engine, &v);
    Ok(Submission { engine, answers: Answers::from_value(v), version, exported_at, claims })
}

/// Which form a file is for: the export's `form`, or for a bare object of
/// answers, the one form whose field ids it uses.
fn pick<'a>(engines: &'a [Engine], v: &Value) -> Result<&'a Engine, Unusable> {
    if let Some(id) = v.get("form").and_then(Value::as_str) {
        return engines.iter().find(|e| e.form_id() == id).ok_or_else(|| Unusable::UnknownForm(id.to_string()));
    }
    let data = v.get("data").unwrap_or(v).as_object().ok_or(Unusable::NotObject)?;
    let mut best: Vec<(&Engine, usize)> = engines
        .iter()
        .map(|e| (e, data.keys().filter(|k| e.has_field(k)).count()))
        .filter(|(_, n)| *n > 0 && *n * 2 >= data.len())
        .collect();
    best.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    match best.as_slice() {
        [] => Err(Unusable::NoKnownForm),
        [(e, n), (_, m), ..] if n == m => Err(Unusable::Ambiguous(e.form_id().to_string())),
        [(e, _), ..] => Ok(e),
    }
}
