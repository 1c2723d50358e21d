//! `site-gen print` and `site-gen docx`: each submitted file's official
//! document, for a recommending unit that prints or edits many submissions
//! at once, named like the export: a self-contained HTML page (stylesheet
//! inline, no script; the renderer of the form page's 打印), or a Word
//! document (form-docx, the renderer of the page's 导出 Word 文档).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use form_wasm::api::Engine;
use form_wasm::document::{self, html};
use form_wasm::view::export_file_name;

use crate::validate::read_submission;
use crate::validate::terminal::escape;

/// What each file becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Docx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    fn render(self, doc: &document::Document) -> Vec<u8> {
        match self {
            Format::Html => html::standalone(doc).into_bytes(),
            Format::Docx => form_docx::docx(doc),
        }
    }
}

pub struct Printed {
    pub file: PathBuf,
    /// The page written and whether the answers are complete; or why not.
    pub outcome: Result<(PathBuf, bool), String>,
}

/// Writes the document of each file into `out_dir` (created if missing).
pub fn print_files(engines: &[Engine], files: &[PathBuf], out_dir: &Path, format: Format) -> Vec<Printed> {
    let mut names = BTreeSet::new();
    let made = std::fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()));
    files
        .iter()
        .map(|file| {
            let outcome = made.clone().and_then(|()| print_one(engines, file, out_dir, format, &mut names));
            Printed { file: file.clone(), outcome }
        })
        .collect()
}

fn print_one(
    engines: &[Engine],
    file: &Path,
    out_dir: &Path,
    format: Format,
    names: &mut BTreeSet<String>,
) -> Result<(PathBuf, bool), String> {
    let s = read_submission(engines, file)?;
    let ev = s.engine.evaluate(&s.answers.data, &s.answers.confirmed_warnings);
    let def = s.engine.definition();
    let page = format.render(&document::official(def, &ev));
    let applicant = def.name_field.as_ref().and_then(|f| ev.data.get(f)).and_then(|v| v.as_str());
    let day = s
        .exported_at
        .as_deref()
        .and_then(|t| t.get(..10))
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .map_or_else(today, |d| d.replace('-', ""));
    let stem = export_file_name(def, applicant, &day, ev.complete);
    // No control character or direction mark from an answer in a file name.
    let stem: String = stem
        .strip_suffix(".json")
        .unwrap_or(&stem)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect();
    // Two submissions of one applicant on one day: `…-2.html`.
    let ext = format.extension();
    let mut name = format!("{stem}.{ext}");
    let mut n = 2;
    while !names.insert(name.clone()) {
        name = format!("{stem}-{n}.{ext}");
        n += 1;
    }
    let path = out_dir.join(&name);
    std::fs::write(&path, page).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok((path, ev.complete))
}

/// Today in China time (the notice's), `20251124`.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = ((secs + 8 * 3600) / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}{m:02}{d:02}")
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// One line per file; what came from a file is escaped for the terminal.
pub fn text_report(p: &Printed) -> String {
    let shown = |path: &Path| escape(&path.display().to_string()).into_owned();
    match &p.outcome {
        Ok((out, true)) => format!("{} → {}\n", shown(&p.file), shown(out)),
        Ok((out, false)) => format!("{} → {} (INCOMPLETE: printed as filled)\n", shown(&p.file), shown(out)),
        Err(e) => format!("{}: error: {}\n", shown(&p.file), escape(e)),
    }
}

/// As `validate`: 0 every file printed and complete; 1 some incomplete; 2 some not printed.
pub fn exit_code(printed: &[Printed]) -> u8 {
    if printed.iter().any(|p| p.outcome.is_err()) {
        2
    } else if printed.iter().any(|p| matches!(p.outcome, Ok((_, false)))) {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_416), (2025, 11, 24));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
