//! Every element id, input name and hook of a form page, in one place.
//!
//! site-gen fills its template views from these functions, so the templates
//! print ids they are given; the page code (`page/`) and `view` find elements
//! by the same functions. A renamed id then fails a native test (site-gen's
//! `form_page_has_every_id_the_engine_looks_for`), never a browser silently.
//!
//! Field and option ids come from the definition (`[a-z][a-z0-9_]*`), so
//! every id built here is plain ASCII and safe in a CSS selector.

use serde::Serialize;

use crate::evaluate::Problem;
use crate::model::{Field, FieldType, FormDef, Section};

/// The fixed parts of a form page, by their job.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PageIds {
    /// `<script type="application/octet-stream">` holding the engine's bundle (`Bundle::embed`).
    pub bundle: &'static str,
    pub form: &'static str,
    pub tools: &'static str,
    pub status: &'static str,
    pub storage_warning: &'static str,
    pub import_report: &'static str,
    pub import_file: &'static str,
    pub conflict: &'static str,
    /// Shown when a draft that could not be read was kept aside; its text
    /// in `kept_draft_text`, with the buttons to download and delete it.
    pub kept_draft: &'static str,
    pub kept_draft_text: &'static str,
    pub error_summary: &'static str,
    pub error_summary_title: &'static str,
    pub error_summary_list: &'static str,
    pub progress: &'static str,
    pub progress_title: &'static str,
    pub progress_list: &'static str,
    pub review: &'static str,
    pub review_title: &'static str,
    pub review_body: &'static str,
    pub footnotes_title: &'static str,
    /// Shown by `form.js` when the engine cannot start.
    pub engine_failed: &'static str,
    /// The print-only container (a child of `<body>`) that the page fills
    /// with the document of the answers before the browser prints.
    pub print_document: &'static str,
}

pub const PAGE: PageIds = PageIds {
    bundle: "form-bundle",
    form: "app-form",
    tools: "form-tools",
    status: "form-status",
    storage_warning: "form-storage-warning",
    import_report: "form-import-report",
    import_file: "import-file",
    conflict: "form-conflict",
    kept_draft: "form-kept-draft",
    kept_draft_text: "form-kept-draft-text",
    error_summary: "error-summary",
    error_summary_title: "error-summary-title",
    error_summary_list: "error-summary-list",
    progress: "form-progress",
    progress_title: "form-progress-title",
    progress_list: "form-progress-list",
    review: "answers-review",
    review_title: "answers-review-title",
    review_body: "answers-review-body",
    footnotes_title: "footnotes-title",
    engine_failed: "engine-failed",
    print_document: "print-document",
};

/// The `data-*` hooks the page code reads. The templates write these names;
/// the site-gen test above checks that they do.
pub mod attr {
    /// On every control: the field id (or, in a table, the column id).
    pub const FIELD: &str = "data-field";
    /// On a detail box (其他，请注明): the option it details.
    pub const DETAIL_OF: &str = "data-detail-of";
    /// On a table: its field id.
    pub const TABLE: &str = "data-table";
    /// On a table row: its number, from 1.
    pub const ROW: &str = "data-row";
    /// On a tool button: what it does (`Action`).
    pub const ACTION: &str = "data-action";
    /// On a table's add button: the table's field id.
    pub const ADD_ROW: &str = "data-add-row";
    /// On a row's remove button.
    pub const REMOVE_ROW: &str = "data-remove-row";
    /// On a warning's confirm button: the rule id.
    pub const CONFIRM: &str = "data-confirm";
    /// On a tool that needs a script of its own (导出 Word 文档): its URL,
    /// loaded on first use.
    pub const SCRIPT: &str = "data-script";
    /// On the block of a table's own tools (导入表格文件, the report, 撤销):
    /// the table's field id. Hidden until the engine runs.
    pub const TABLE_TOOLS: &str = "data-table-tools";
    /// On a table's file input (导入表格文件（.csv）): the table's field id.
    pub const TABLE_FILE: &str = "data-table-file";
    /// On the buttons that answer whether a table file replaces the rows
    /// or is added after them: `replace`, `append`, `cancel`.
    pub const TABLE_FILE_MODE: &str = "data-table-file-mode";
    /// On a table's 撤销粘贴 button: the table's field id.
    pub const UNDO_TABLE: &str = "data-undo-table";
}

/// What a tool button does (`data-action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Check,
    Review,
    Export,
    /// Save the official form as a Word document (`.docx`).
    Word,
    /// Print the official form, filled with the answers.
    Print,
    /// Print the 计算说明 (forms with computed figures).
    PrintWorkings,
    /// Print the 佐证材料目录 (forms with evidence notes).
    PrintEvidence,
    Clear,
    UseOtherTab,
    KeepThisTab,
    /// Save the text of a draft that could not be read as a file.
    DownloadKeptDraft,
    /// Delete that text from the browser, once the applicant has it.
    DeleteKeptDraft,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Action::Check,
        Action::Review,
        Action::Export,
        Action::Word,
        Action::Print,
        Action::PrintWorkings,
        Action::PrintEvidence,
        Action::Clear,
        Action::UseOtherTab,
        Action::KeepThisTab,
        Action::DownloadKeptDraft,
        Action::DeleteKeptDraft,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Check => "check",
            Action::Review => "review",
            Action::Export => "export",
            Action::Word => "word",
            Action::Print => "print",
            Action::PrintWorkings => "print-workings",
            Action::PrintEvidence => "print-evidence",
            Action::Clear => "clear",
            Action::UseOtherTab => "use-other-tab",
            Action::KeepThisTab => "keep-this-tab",
            Action::DownloadKeptDraft => "download-kept-draft",
            Action::DeleteKeptDraft => "delete-kept-draft",
        }
    }

    pub fn parse(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether a form's page has this tool: 打印计算说明 only where something
    /// is computed, 打印佐证材料目录 only where the form asks for evidence.
    pub fn applies(self, def: &FormDef) -> bool {
        fn evidence(s: &Section) -> bool {
            s.evidence.is_some()
                || s.fields.iter().any(|f| !f.aid && f.evidence.is_some())
                || s.sections.iter().any(evidence)
        }
        match self {
            Action::PrintWorkings => def.fields().iter().any(|(_, f)| f.kind == FieldType::Computed),
            Action::PrintEvidence => def.sections.iter().any(evidence),
            _ => true,
        }
    }
}

/// One end of a 起止 range: its own input, id suffix and name suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    From,
    To,
}

impl Part {
    pub const BOTH: [Part; 2] = [Part::From, Part::To];

    /// The key in the answer (`{"from": …, "to": …}`).
    pub fn key(self) -> &'static str {
        match self {
            Part::From => "from",
            Part::To => "to",
        }
    }

    /// `f-x-from` from `f-x`; `x.from` from `x`.
    pub fn id(self, base: &str) -> String {
        format!("{base}-{}", self.key())
    }

    pub fn name(self, base: &str) -> String {
        format!("{base}.{}", self.key())
    }

    /// Which end an input's `name` is, if any.
    pub fn of_name(name: &str) -> Option<Part> {
        Part::BOTH.into_iter().find(|p| name.ends_with(&format!(".{}", p.key())))
    }
}

/// The input of a single field; the `<output>` of a computed one; the `<table>` of a table.
pub fn field(id: &str) -> String {
    format!("f-{id}")
}

/// The `name` of a single field's input.
pub fn field_name(id: &str) -> String {
    id.to_string()
}

/// The block around a field's label, notes, message and input.
pub fn field_wrap(id: &str) -> String {
    format!("f-{id}-field")
}

/// Where a field's messages go.
pub fn error(id: &str) -> String {
    format!("f-{id}-error")
}

pub fn hint(id: &str) -> String {
    format!("f-{id}-hint")
}

pub fn format_hint(id: &str) -> String {
    format!("f-{id}-format")
}

pub fn evidence(id: &str) -> String {
    format!("f-{id}-evidence")
}

/// The character count under a long text.
pub fn count(id: &str) -> String {
    format!("f-{id}-count")
}

/// A computed field's formula in words.
pub fn formula(id: &str) -> String {
    format!("f-{id}-formula")
}

/// A computed field's unit beside its result (it follows the applicant's basis).
pub fn unit(id: &str) -> String {
    format!("f-{id}-unit")
}

/// A computed field's working (result and the figures it used).
pub fn working(id: &str) -> String {
    format!("f-{id}-working")
}

/// A radio or checkbox of a choice.
pub fn option(field: &str, value: &str) -> String {
    format!("f-{field}-{value}")
}

/// The text box of an option that asks for detail (其他，请注明).
pub fn option_detail(field: &str, value: &str) -> String {
    format!("f-{field}-{value}-detail")
}

pub fn option_detail_name(field: &str, value: &str) -> String {
    format!("{field}.{value}.detail")
}

/// The 是 or 否 radio of a yes/no field.
pub fn yes_no(field: &str, yes: bool) -> String {
    format!("f-{field}-{}", if yes { "yes" } else { "no" })
}

/// A table cell's control (for a range, add the `Part`).
pub fn cell(table: &str, row: usize, column: &str) -> String {
    format!("f-{table}-{row}-{column}")
}

pub fn cell_name(table: &str, row: usize, column: &str) -> String {
    format!("{table}.{row}.{column}")
}

/// A table's file input (导入表格文件（.csv）).
pub fn table_file(table: &str) -> String {
    format!("f-{table}-file")
}

/// Where a paste or a table file into a table is reported.
pub fn table_report(table: &str) -> String {
    format!("f-{table}-report")
}

/// The buttons asking whether a table file replaces the rows or is added after them.
pub fn table_choice(table: &str) -> String {
    format!("f-{table}-file-choice")
}

/// A table's 撤销粘贴 (or 撤销导入) button.
pub fn table_undo(table: &str) -> String {
    format!("f-{table}-undo")
}

/// A table's column header.
pub fn column_header(table: &str, column: &str) -> String {
    format!("f-{table}-col-{column}")
}

pub fn section(id: &str) -> String {
    format!("s-{id}")
}

pub fn section_title(id: &str) -> String {
    format!("s-{id}-title")
}

pub fn footnote(number: u32) -> String {
    format!("fn-{number}")
}

/// The rows of a table, for `querySelectorAll`.
pub fn table_rows_selector(table: &str) -> String {
    format!("table[{}='{table}'] > tbody > tr", attr::TABLE)
}

/// The id of a field's first input: where a link to the field moves focus.
pub fn first_input(f: &Field) -> String {
    match f.kind {
        FieldType::Choice | FieldType::MultiChoice => {
            f.options.first().map_or_else(|| field(&f.id), |o| option(&f.id, &o.value))
        }
        FieldType::YesNo => yes_no(&f.id, true),
        FieldType::YearMonthRange => Part::From.id(&field(&f.id)),
        FieldType::Table => f.columns.first().map_or_else(|| field(&f.id), |c| first_cell_input(f, 1, c)),
        _ => field(&f.id),
    }
}

/// The first control of a table cell (a range's start).
pub fn first_cell_input(table: &Field, row: usize, column: &Field) -> String {
    let id = cell(&table.id, row, &column.id);
    match column.kind {
        FieldType::YearMonthRange => Part::From.id(&id),
        _ => id,
    }
}

/// The input a problem should focus: its cell, else its field's first input.
pub fn focus(def: &FormDef, p: &Problem) -> String {
    let Some(f) = def.field(&p.field) else { return field(&p.field) };
    match (f.kind, p.row, &p.column) {
        (FieldType::Table, Some(row), Some(col)) => match f.columns.iter().find(|c| &c.id == col) {
            Some(c) => first_cell_input(f, row, c),
            None => first_input(f),
        },
        _ => first_input(f),
    }
}

/// Every id the page code looks for on a form page as site-gen writes it
/// (tables with their first row): the contract between the two, checked by
/// site-gen's tests and by the page when it starts.
pub fn expected_ids(def: &FormDef) -> Vec<String> {
    let p = PAGE;
    let mut out: Vec<String> = [
        p.bundle,
        p.form,
        p.tools,
        p.status,
        p.storage_warning,
        p.import_report,
        p.import_file,
        p.conflict,
        p.kept_draft,
        p.kept_draft_text,
        p.error_summary,
        p.error_summary_list,
        p.progress,
        p.progress_list,
        p.review,
        p.review_body,
        p.print_document,
    ]
    .map(str::to_string)
    .to_vec();
    fn sections(s: &Section, out: &mut Vec<String>) {
        out.push(section(&s.id));
        s.sections.iter().for_each(|x| sections(x, out));
    }
    def.sections.iter().for_each(|s| sections(s, &mut out));
    for (_, f) in def.fields() {
        out.push(error(&f.id));
        out.push(field_wrap(&f.id));
        match f.kind {
            FieldType::Choice | FieldType::MultiChoice => {
                for o in &f.options {
                    out.push(option(&f.id, &o.value));
                    if o.detail.is_some() {
                        out.push(option_detail(&f.id, &o.value));
                    }
                }
            }
            FieldType::YesNo => out.extend([yes_no(&f.id, true), yes_no(&f.id, false)]),
            FieldType::YearMonthRange => out.extend(Part::BOTH.map(|x| x.id(&field(&f.id)))),
            FieldType::Computed => out.extend([field(&f.id), working(&f.id)]),
            FieldType::Table => {
                out.extend([
                    field(&f.id),
                    table_file(&f.id),
                    table_report(&f.id),
                    table_choice(&f.id),
                    table_undo(&f.id),
                ]);
                for c in &f.columns {
                    let id = cell(&f.id, 1, &c.id);
                    match c.kind {
                        FieldType::YearMonthRange => out.extend(Part::BOTH.map(|x| x.id(&id))),
                        _ => out.push(id),
                    }
                }
            }
            FieldType::Textarea | FieldType::Text if f.max_chars.is_some() => out.extend([field(&f.id), count(&f.id)]),
            _ => out.push(field(&f.id)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_parts_have_their_own_ids_and_names() {
        assert_eq!(Part::From.id(&cell("experts", 3, "period")), "f-experts-3-period-from");
        assert_eq!(Part::To.name(&cell_name("experts", 3, "period")), "experts.3.period.to");
        assert_eq!(Part::of_name("experts.3.period.to"), Some(Part::To));
        assert_eq!(Part::of_name("experts.3.name"), None);
    }

    #[test]
    fn every_action_parses_back_from_its_name() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.name()), Some(a));
        }
        assert_eq!(Action::parse("submit"), None);
    }
}
