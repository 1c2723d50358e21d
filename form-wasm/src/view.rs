//! What the form page shows, worked out without a DOM so it is tested
//! natively: which problems appear where (nothing while typing, format
//! problems once a field is left, everything once the applicant asks for a
//! check), the error summary, the page title, and the progress per section.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::evaluate::{Evaluation, Kind, Problem};
use crate::markup;
use crate::model::{FormDef, Section, Severity};

/// What the applicant has done so far on this page.
#[derive(Debug, Default, Clone)]
pub struct UiState {
    /// Fields (ids) the applicant has filled and left.
    pub touched: BTreeSet<String>,
    /// The applicant asked to check the form (or exported it): show everything.
    pub check_all: bool,
}

/// The key of what a problem is about: a field id, or `table#row#column` for a cell.
pub fn problem_key(p: &Problem) -> String {
    match (p.row, &p.column) {
        (Some(r), Some(c)) => cell_key(&p.field, r, c),
        _ => p.field.clone(),
    }
}

pub fn cell_key(table: &str, row: usize, column: &str) -> String {
    format!("{table}#{row}#{column}")
}

/// Whether a problem is shown now.
pub fn visible(p: &Problem, state: &UiState) -> bool {
    if state.check_all {
        return true;
    }
    // Before a check, only what the applicant typed and left is judged
    // (a whole table counts as left once it has been loaded from a file).
    p.kind == Kind::Format && (state.touched.contains(&problem_key(p)) || state.touched.contains(&p.field))
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SummaryItem {
    pub href: String,
    pub message: String,
    pub warning: bool,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    InProgress,
    HasProblems,
    Complete,
}

impl Progress {
    /// As serialised: the page's CSS class `is-<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Progress::NotStarted => "not_started",
            Progress::InProgress => "in_progress",
            Progress::HasProblems => "has_problems",
            Progress::Complete => "complete",
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Progress::NotStarted => "未开始",
            Progress::InProgress => "未完成",
            Progress::HasProblems => "有问题待修改",
            Progress::Complete => "已完成",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SectionProgress {
    pub id: String,
    pub title: String,
    pub status: Progress,
}

/// The error summary: every visible unconfirmed problem, errors first, each
/// linking to the input to fix.
pub fn summary(def: &FormDef, ev: &Evaluation, state: &UiState) -> Vec<SummaryItem> {
    // Errors, then warnings, each in page order (a partition, not a sort:
    // the browser engine need not carry a sort for this one type).
    let (mut items, warnings): (Vec<SummaryItem>, Vec<SummaryItem>) = ev
        .problems
        .iter()
        .filter(|p| visible(p, state) && !p.confirmed)
        .map(|p| SummaryItem {
            href: format!("#{}", markup::focus(def, p)),
            message: p.message.clone(),
            warning: p.severity == Severity::Warning,
        })
        .partition(|i| !i.warning);
    items.extend(warnings);
    items
}

/// `错误（3）：` before the title while errors are shown.
pub fn title_prefix(summary: &[SummaryItem]) -> Option<String> {
    let errors = summary.iter().filter(|i| !i.warning).count();
    (errors > 0).then(|| format!("错误（{errors}）："))
}

/// Progress of each top-level section: not started, in progress (required
/// answers missing), has problems (errors), complete.
pub fn progress(def: &FormDef, ev: &Evaluation) -> Vec<SectionProgress> {
    def.sections
        .iter()
        .filter(|s| !ev.hidden_sections.contains(&s.id))
        .map(|s| {
            let ids = field_ids(s);
            let filled = ids.iter().any(|id| ev.data.contains_key(id));
            let mine = |p: &&Problem| ids.contains(&p.field.as_str()) && p.severity == Severity::Error;
            let errors = ev.problems.iter().filter(mine).any(|p| p.kind != Kind::Required);
            let missing = ev.problems.iter().filter(mine).any(|p| p.kind == Kind::Required);
            let status = match (filled, errors, missing) {
                (false, _, _) => Progress::NotStarted,
                (true, true, _) => Progress::HasProblems,
                (true, false, true) => Progress::InProgress,
                (true, false, false) => Progress::Complete,
            };
            SectionProgress { id: s.id.clone(), title: s.title.clone(), status }
        })
        .collect()
}

/// The ids of a section's fields, its subsections' too (a few dozen: a
/// list, not a set, which would sort them).
fn field_ids(s: &Section) -> Vec<&str> {
    let mut out: Vec<&str> = s.fields.iter().map(|f| f.id.as_str()).collect();
    for sub in &s.sections {
        out.extend(field_ids(sub));
    }
    out
}

/// The file name of an export: attachment, form, applicant and date, marked
/// when incomplete. `附件2.3-创建申请表（基地类）-甲基地-20261126.json`.
pub fn export_file_name(def: &FormDef, applicant: Option<&str>, yyyymmdd: &str, complete: bool) -> String {
    let clean = |s: &str| -> String {
        s.chars().filter(|c| !"\\/:*?\"<>|\n\r\t".contains(*c)).collect::<String>().trim().chars().take(40).collect()
    };
    let mut parts = vec![format!("附件{}", def.attachment), clean(def.subtitle.as_deref().unwrap_or(&def.title))];
    if let Some(a) = applicant.map(clean).filter(|a| !a.is_empty()) {
        parts.push(a);
    }
    parts.push(yyyymmdd.to_string());
    if !complete {
        parts.push("未完成".into());
    }
    format!("{}.json", parts.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(field: &str, kind: Kind, severity: Severity) -> Problem {
        Problem {
            field: field.into(),
            fields: vec![],
            row: None,
            column: None,
            severity,
            kind,
            message: format!("{field} 有问题"),
            rule: None,
            confirmed: false,
        }
    }

    #[test]
    fn nothing_is_shown_while_typing_format_problems_once_left_all_after_a_check() {
        let p = problem("a", Kind::Format, Severity::Error);
        let r = problem("b", Kind::Required, Severity::Error);
        let mut state = UiState::default();
        assert!(!visible(&p, &state) && !visible(&r, &state));
        state.touched.insert("a".into());
        assert!(visible(&p, &state) && !visible(&r, &state));
        state.check_all = true;
        assert!(visible(&r, &state));
    }

    #[test]
    fn progress_names_are_their_serialised_names() {
        for p in [Progress::NotStarted, Progress::InProgress, Progress::HasProblems, Progress::Complete] {
            assert_eq!(serde_json::to_value(p).ok(), Some(serde_json::Value::from(p.name())));
        }
    }

    #[test]
    fn title_counts_errors_only() {
        let items = vec![
            SummaryItem { href: "#a".into(), message: "x".into(), warning: false },
            SummaryItem { href: "#b".into(), message: "y".into(), warning: true },
        ];
        assert_eq!(title_prefix(&items).as_deref(), Some("错误（1）："));
        assert_eq!(title_prefix(&items[1..]), None);
    }
}
