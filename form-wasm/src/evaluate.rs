//! Evaluation of a form's answers: every answer read and normalised, every
//! problem (field, message, severity), every computed metric with its
//! working. `Prepared` is a form compiled once (expressions parsed, fields
//! indexed, what depends on what); `session::Session` keeps an evaluation
//! current as answers change, and a whole-form evaluation is a session
//! begun from the answers, so the page, the export and `site-gen validate`
//! share one code path.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::answers::CellIssue;
use crate::bundle::Bundle;
use crate::depends::Depends;
use crate::expr::{self, Expr};
use crate::model::{Field, Rule, Section, Severity};
use crate::session::Session;

/// A form compiled once, ready for many evaluations. Every per-field table
/// is indexed by the field's place in page order (`Prepared::fields`).
pub struct Prepared {
    pub bundle: Bundle,
    /// Parsed formulas.
    pub(crate) formulas: Vec<Option<Expr>>,
    /// Parsed rules, in the definition's order.
    pub(crate) rules: Vec<RuleCode>,
    /// Sections in page order, parents before their subsections.
    pub(crate) sections: Vec<SectionInfo>,
    pub(crate) index: FieldIndex,
    /// The section (in `sections`) that holds each field.
    pub(crate) section_of: Vec<usize>,
    pub(crate) depends: Depends,
}

pub(crate) struct RuleCode {
    pub check: Expr,
    pub when: Option<Expr>,
    /// The fields its message shows beside (the rule's own list, or those it reads).
    pub fields: Vec<String>,
    /// Where those fields are (unknown ids left out).
    pub at: Vec<usize>,
}

pub(crate) struct SectionInfo {
    pub id: String,
    pub when: Option<Expr>,
    /// Index of the enclosing section in `sections`.
    pub parent: Option<usize>,
    /// How many fields it holds directly.
    pub fields: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The value typed cannot be read (shown when the field loses focus).
    Format,
    /// A required answer is missing (shown when the applicant checks the form).
    Required,
    /// A table has fewer rows than the form asks for.
    Rows,
    /// A cross-field rule.
    Rule,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub field: String,
    /// For a rule: every field it concerns (the message shows beside each).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub severity: Severity,
    pub kind: Kind,
    pub message: String,
    /// The rule's id; for a format warning, the id the applicant confirms
    /// it by (`phone_format:landline:83134726`, see `answers::Confirm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// A warning the applicant has confirmed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricInput {
    pub id: String,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub id: String,
    pub label: String,
    /// Rounded half away from zero to the field's places; absent when it cannot be computed.
    pub value: Option<String>,
    pub unit: Option<String>,
    pub formula: String,
    pub inputs: Vec<MetricInput>,
    /// `无法计算：…` with the reason.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub form: String,
    pub version: String,
    /// Every required answer given and no error (warnings do not block).
    pub complete: bool,
    pub errors: usize,
    pub warnings: usize,
    /// Normalised answers in page order; an unreadable answer is kept as typed.
    pub data: Map<String, Value>,
    pub problems: Vec<Problem>,
    pub metrics: Vec<Metric>,
    /// Sections whose condition does not hold: not shown, checked or required.
    pub hidden_sections: Vec<String>,
}

impl Prepared {
    /// Checks the definition, parses its expressions and compiles what a
    /// change depends on; refuses a broken bundle.
    pub fn new(bundle: Bundle) -> Result<Prepared, String> {
        // site-gen checked the definition before writing the page; the browser
        // build skips the checker to stay small. Evaluation stays total either
        // way: a type mismatch or a cycle is "无法计算", never a panic.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(e) = crate::definition::check(&bundle.form).first() {
            return Err(format!("表单定义有误（{}）：{}", e.path, e.message));
        }
        let parse = |s: &str| expr::parse(s).map_err(|e| format!("表单定义有误：{e}"));
        let all = bundle.form.fields();
        let mut formulas = Vec::new();
        for (_, f) in &all {
            formulas.push(f.formula.as_deref().map(parse).transpose()?);
        }
        let mut rules = Vec::new();
        for r in &bundle.form.rules {
            let check = parse(&r.check)?;
            let when = r.when.as_deref().map(parse).transpose()?;
            let fields = rule_fields(r, &check);
            rules.push(RuleCode { check, when, fields, at: Vec::new() });
        }
        let mut sections = Vec::new();
        fn walk(s: &Section, parent: Option<usize>, out: &mut Vec<SectionInfo>) -> Result<(), String> {
            let when =
                s.when.as_deref().map(|w| expr::parse(w).map_err(|e| format!("表单定义有误：{e}"))).transpose()?;
            out.push(SectionInfo { id: s.id.clone(), when, parent, fields: s.fields.len() });
            let me = out.len() - 1;
            for sub in &s.sections {
                walk(sub, Some(me), out)?;
            }
            Ok(())
        }
        for s in &bundle.form.sections {
            walk(s, None, &mut sections)?;
        }
        let fields: Vec<&Field> = all.iter().map(|(_, f)| *f).collect();
        let index = FieldIndex::new(&fields);
        for r in &mut rules {
            r.at = r.fields.iter().filter_map(|id| index.pos(id)).collect();
        }
        let depends = Depends::new(&fields, &index, &formulas, &rules, &sections);
        // `fields()` walks sections in the order `walk` numbered them.
        let section_of =
            sections.iter().enumerate().flat_map(|(s, info)| std::iter::repeat_n(s, info.fields)).collect();
        Ok(Prepared { bundle, formulas, rules, sections, index, section_of, depends })
    }

    /// Whole-form evaluation: a session begun from these answers.
    pub fn evaluate(&self, data: &Map<String, Value>, confirmed: &[String]) -> Evaluation {
        Session::begin(self, Cow::Borrowed(data), confirmed.to_vec()).into_evaluation(self)
    }

    /// The fields in page order, each at its index in every per-field table.
    pub fn fields(&self) -> Vec<&Field> {
        self.bundle.form.fields().into_iter().map(|(_, f)| f).collect()
    }
}

pub(crate) fn severity(i: &CellIssue) -> Severity {
    if i.warning {
        Severity::Warning
    } else {
        Severity::Error
    }
}

/// A format warning the applicant may confirm gets its confirmation id, made
/// of the check, the field (`table.column` in a table) and the value, so the
/// page offers "确认无误" as for a rule's warning, and a confirmation holds
/// only for the value confirmed.
pub(crate) fn format_issue(mut p: Problem, i: CellIssue, path: &str, confirmed: &[String]) -> Problem {
    if let (Severity::Warning, Some(c)) = (p.severity, i.confirm) {
        let id = format!("{}:{path}:{}", c.check, c.subject);
        p.confirmed = confirmed.contains(&id);
        p.rule = Some(id);
    }
    p
}

/// `「营业收入」：不能为负数` — the same words in the summary and beside the field.
pub(crate) fn label_msg(f: &Field, reason: &str) -> String {
    format!("「{}」：{reason}", f.label)
}

pub(crate) fn problem(
    f: &Field,
    row: Option<usize>,
    column: Option<&str>,
    severity: Severity,
    kind: Kind,
    message: String,
) -> Problem {
    Problem {
        field: f.id.clone(),
        fields: Vec::new(),
        row,
        column: column.map(str::to_string),
        severity,
        kind,
        message,
        rule: None,
        confirmed: false,
    }
}

fn rule_fields(rule: &Rule, check: &Expr) -> Vec<String> {
    if rule.fields.is_empty() {
        check.references().into_iter().map(str::to_string).collect()
    } else {
        rule.fields.clone()
    }
}

/// Field ids sorted for lookup, with their page-order positions.
pub(crate) struct FieldIndex(Vec<(String, usize)>);

impl FieldIndex {
    fn new(all: &[&Field]) -> Self {
        let mut v: Vec<(String, usize)> = all.iter().enumerate().map(|(i, f)| (f.id.clone(), i)).collect();
        v.sort_unstable();
        FieldIndex(v)
    }

    pub fn pos(&self, id: &str) -> Option<usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id)).ok().map(|i| self.0[i].1)
    }
}
