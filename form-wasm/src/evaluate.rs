//! Whole-form evaluation: every answer read and normalised, every problem
//! (field, message, severity), every computed metric with its working.
//! The page runs this on each change; the export and `site-gen validate`
//! run the very same function.

use std::cell::RefCell;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::answers::{self, Answer, CellIssue, Read, Row};
use crate::bundle::Bundle;
use crate::eval::{self, answer_value, Scope, Unavailable, V};
use crate::expr::{self, Expr};
use crate::model::{Field, FieldType, Rule, Section, Severity};
use crate::normalise::format_number;

/// A bundle with its expressions parsed once, ready for many evaluations.
pub struct Prepared {
    pub bundle: Bundle,
    /// Parsed formulas, aligned with `form.fields()` (page order).
    formulas: Vec<Option<Expr>>,
    rules: Vec<(usize, Expr, Option<Expr>)>,
    sections: Vec<SectionInfo>,
}

struct SectionInfo {
    id: String,
    when: Option<Expr>,
    /// Index of the enclosing section in `sections`.
    parent: Option<usize>,
    fields: Vec<String>,
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
    /// Checks the definition and parses its expressions; refuses a broken bundle.
    pub fn new(bundle: Bundle) -> Result<Prepared, String> {
        // site-gen checked the definition before writing the page; the browser
        // build skips the checker to stay small. Evaluation stays total either
        // way: a type mismatch or a cycle is "无法计算", never a panic.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(e) = crate::definition::check(&bundle.form).first() {
            return Err(format!("表单定义有误（{}）：{}", e.path, e.message));
        }
        let parse = |s: &str| expr::parse(s).map_err(|e| format!("表单定义有误：{e}"));
        let mut formulas = Vec::new();
        for (_, f) in bundle.form.fields() {
            formulas.push(f.formula.as_deref().map(parse).transpose()?);
        }
        let mut rules = Vec::new();
        for (i, r) in bundle.form.rules.iter().enumerate() {
            rules.push((i, parse(&r.check)?, r.when.as_deref().map(parse).transpose()?));
        }
        let mut sections = Vec::new();
        fn walk(s: &Section, parent: Option<usize>, out: &mut Vec<SectionInfo>) -> Result<(), String> {
            let when =
                s.when.as_deref().map(|w| expr::parse(w).map_err(|e| format!("表单定义有误：{e}"))).transpose()?;
            out.push(SectionInfo {
                id: s.id.clone(),
                when,
                parent,
                fields: s.fields.iter().map(|f| f.id.clone()).collect(),
            });
            let me = out.len() - 1;
            for sub in &s.sections {
                walk(sub, Some(me), out)?;
            }
            Ok(())
        }
        for s in &bundle.form.sections {
            walk(s, None, &mut sections)?;
        }
        Ok(Prepared { bundle, formulas, rules, sections })
    }

    pub fn evaluate(&self, data: &Map<String, Value>, confirmed: &[String]) -> Evaluation {
        let def = &self.bundle.form;
        let all: Vec<&Field> = def.fields().into_iter().map(|(_, f)| f).collect();
        let index = FieldIndex::new(&all);
        let mut problems = Vec::new();
        let mut reads: Vec<Read> = Vec::with_capacity(all.len());

        for f in &all {
            if f.kind == FieldType::Computed {
                reads.push(Read::Empty);
                continue;
            }
            let raw = data.get(&f.id).unwrap_or(&Value::Null);
            let read = if f.kind == FieldType::Table {
                self.read_table(f, raw, confirmed, &mut problems)
            } else {
                let (read, issues) = answers::read(f, raw, &self.bundle.lists);
                for i in issues {
                    let message = label_msg(f, &i.message);
                    problems.push(format_issue(
                        problem(f, None, None, severity(&i), Kind::Format, message),
                        i,
                        &f.id,
                        confirmed,
                    ));
                }
                read
            };
            if let Read::Invalid { reason, .. } = &read {
                problems.push(problem(f, None, None, Severity::Error, Kind::Format, label_msg(f, reason)));
            }
            reads.push(read);
        }

        let scope = FormScope {
            fields: &all,
            index: &index,
            reads: &reads,
            formulas: &self.formulas,
            computed: RefCell::new(vec![None; all.len()]),
            depth: RefCell::new(0),
        };
        let hidden = self.hidden_sections(&scope);
        let mut hidden_field = vec![false; all.len()];
        for s in self.sections.iter().filter(|s| hidden.contains(&s.id)) {
            for id in &s.fields {
                if let Some(i) = index.pos(id) {
                    hidden_field[i] = true;
                }
            }
        }
        let is_hidden = |id: &str| index.pos(id).is_some_and(|i| hidden_field[i]);

        // Answers in hidden sections are kept but neither checked nor required.
        problems.retain(|p| !is_hidden(&p.field));
        for (i, f) in all.iter().enumerate() {
            if hidden_field[i] || f.kind == FieldType::Computed {
                continue;
            }
            let empty = matches!(reads[i], Read::Empty);
            if f.required && empty {
                let verb = match f.kind {
                    FieldType::Choice | FieldType::YesNo => "请选择",
                    FieldType::MultiChoice => "请勾选",
                    _ => "请填写",
                };
                problems.push(problem(
                    f,
                    None,
                    None,
                    Severity::Error,
                    Kind::Required,
                    format!("{verb}「{}」", f.label),
                ));
            }
            if f.kind == FieldType::Table {
                let n = match &reads[i] {
                    Read::Ok(Answer::Table(rows)) => rows.len(),
                    _ => 0,
                };
                let min = f.min_rows.unwrap_or(0) as usize;
                if n > 0 && n < min {
                    problems.push(problem(
                        f,
                        None,
                        None,
                        Severity::Error,
                        Kind::Rows,
                        format!("「{}」至少填写{min}行，已填写{n}行", f.label),
                    ));
                }
            }
        }

        for (i, check, when) in &self.rules {
            let rule = &def.rules[*i];
            if rule_fields(rule, check).iter().any(|f| is_hidden(f)) {
                continue;
            }
            if let Some(w) = when {
                if !matches!(eval::eval(w, &scope), Ok(V::Bool(true))) {
                    continue;
                }
            }
            if let Ok(V::Bool(false)) = eval::eval(check, &scope) {
                let on = rule_fields(rule, check);
                let first = on.first().cloned().unwrap_or_default();
                problems.push(Problem {
                    field: first,
                    fields: on,
                    row: None,
                    column: None,
                    severity: rule.severity,
                    kind: Kind::Rule,
                    message: rule.message.clone(),
                    rule: Some(rule.id.clone()),
                    confirmed: rule.severity == Severity::Warning && confirmed.contains(&rule.id),
                });
            }
        }

        // Page order: by field, then row, then column as the table lists them.
        problems.sort_by_key(|p| {
            let pos = index.pos(&p.field);
            let col_pos =
                p.column.as_ref().and_then(|c| pos.and_then(|i| all[i].columns.iter().position(|x| &x.id == c)));
            (pos.unwrap_or(usize::MAX), p.row.unwrap_or(0), col_pos.unwrap_or(0))
        });

        let metrics = all
            .iter()
            .enumerate()
            .filter(|(i, f)| f.kind == FieldType::Computed && !hidden_field[*i])
            .map(|(i, f)| self.metric(i, f, &scope))
            .collect();

        let mut out = Map::new();
        for (f, read) in all.iter().zip(&reads) {
            match read {
                Read::Ok(a) => {
                    out.insert(f.id.clone(), answers::to_json(f, a));
                }
                Read::Invalid { raw, .. } => {
                    out.insert(f.id.clone(), raw.clone());
                }
                Read::Empty => {}
            }
        }
        let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
        let warnings = problems.len() - errors;
        Evaluation {
            form: def.id.clone(),
            version: def.version.clone(),
            complete: errors == 0,
            errors,
            warnings,
            data: out,
            problems,
            metrics,
            hidden_sections: hidden,
        }
    }

    fn read_table(&self, f: &Field, raw: &Value, confirmed: &[String], problems: &mut Vec<Problem>) -> Read {
        let rows = match answers::table_rows(raw) {
            Ok(r) => r,
            Err(reason) => return Read::Invalid { reason, raw: raw.clone() },
        };
        if rows.is_empty() {
            return Read::Empty;
        }
        let mut out = Vec::with_capacity(rows.len());
        for (number, cells) in rows {
            let mut typed = Vec::new();
            for c in &f.columns {
                let v = cells.get(&c.id).unwrap_or(&Value::Null);
                let (read, issues) = answers::read(c, v, &self.bundle.lists);
                let where_ = || format!("「{}」第{number}行「{}」", f.label, c.label);
                for i in issues {
                    let message = format!("{}：{}", where_(), i.message);
                    let p = problem(f, Some(number), Some(&c.id), severity(&i), Kind::Format, message);
                    problems.push(format_issue(p, i, &format!("{}.{}", f.id, c.id), confirmed));
                }
                match read {
                    Read::Ok(a) => {
                        typed.push((c.id.clone(), a));
                    }
                    Read::Invalid { reason, raw } => {
                        problems.push(problem(
                            f,
                            Some(number),
                            Some(&c.id),
                            Severity::Error,
                            Kind::Format,
                            format!("{}：{reason}", where_()),
                        ));
                        typed.push((c.id.clone(), Answer::Raw(raw)));
                    }
                    Read::Empty if c.required => problems.push(problem(
                        f,
                        Some(number),
                        Some(&c.id),
                        Severity::Error,
                        Kind::Required,
                        format!("请填写「{}」第{number}行的「{}」", f.label, c.label),
                    )),
                    Read::Empty => {}
                }
            }
            out.push(Row { number, cells: typed });
        }
        Read::Ok(Answer::Table(out))
    }

    fn hidden_sections(&self, scope: &FormScope) -> Vec<String> {
        let mut hidden = vec![false; self.sections.len()];
        for (i, s) in self.sections.iter().enumerate() {
            let parent_hidden = s.parent.is_some_and(|p| hidden[p]);
            let holds = match &s.when {
                None => true,
                Some(w) => matches!(eval::eval(w, scope), Ok(V::Bool(true))),
            };
            hidden[i] = parent_hidden || !holds;
        }
        self.sections.iter().zip(hidden).filter(|(_, h)| *h).map(|(s, _)| s.id.clone()).collect()
    }

    /// The unit of the option chosen in the field named by `unit_from`.
    fn unit_of(&self, f: &Field, scope: &FormScope) -> Option<String> {
        let source = scope.index.pos(f.unit_from.as_deref()?)?;
        let chosen = match &scope.reads[source] {
            Read::Ok(Answer::Choice { value, .. }) => value,
            _ => return None,
        };
        scope.fields[source].options.iter().find(|o| &o.value == chosen)?.unit.clone()
    }

    fn metric(&self, i: usize, f: &Field, scope: &FormScope) -> Metric {
        let places = f.decimal_places();
        let (value, error) = match scope.computed(i) {
            Ok(d) => (Some(format_number(d, places)), None),
            Err(Unavailable(reason)) => (None, Some(format!("无法计算：{reason}"))),
        };
        let inputs = self.formulas[i]
            .as_ref()
            .map(|e| {
                e.references()
                    .into_iter()
                    .map(|id| MetricInput { id: id.to_string(), label: scope.label(id), value: scope.display(id) })
                    .collect()
            })
            .unwrap_or_default();
        Metric {
            id: f.id.clone(),
            label: f.label.clone(),
            value,
            unit: self.unit_of(f, scope).or_else(|| f.unit_text().map(str::to_string)),
            formula: f.formula_text.clone().or_else(|| f.formula.clone()).unwrap_or_default(),
            inputs,
            error,
        }
    }
}

fn severity(i: &CellIssue) -> Severity {
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
fn format_issue(mut p: Problem, i: CellIssue, path: &str, confirmed: &[String]) -> Problem {
    if let (Severity::Warning, Some(c)) = (p.severity, i.confirm) {
        let id = format!("{}:{path}:{}", c.check, c.subject);
        p.confirmed = confirmed.contains(&id);
        p.rule = Some(id);
    }
    p
}

/// `「营业收入」：不能为负数` — the same words in the summary and beside the field.
fn label_msg(f: &Field, reason: &str) -> String {
    format!("「{}」：{reason}", f.label)
}

fn problem(
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
struct FieldIndex<'a>(Vec<(&'a str, usize)>);

impl<'a> FieldIndex<'a> {
    fn new(all: &[&'a Field]) -> Self {
        let mut v: Vec<(&str, usize)> = all.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
        v.sort_unstable();
        FieldIndex(v)
    }

    fn pos(&self, id: &str) -> Option<usize> {
        self.0.binary_search_by(|(k, _)| (*k).cmp(id)).ok().map(|i| self.0[i].1)
    }
}

/// The answers as expressions see them, computing formulas on demand.
struct FormScope<'a> {
    fields: &'a [&'a Field],
    index: &'a FieldIndex<'a>,
    reads: &'a [Read],
    formulas: &'a [Option<Expr>],
    computed: RefCell<Vec<Option<Result<Decimal, Unavailable>>>>,
    depth: RefCell<usize>,
}

impl FormScope<'_> {
    fn computed(&self, i: usize) -> Result<Decimal, Unavailable> {
        if let Some(Some(r)) = self.computed.borrow().get(i) {
            return r.clone();
        }
        // Definitions are checked for cycles; this bound keeps any input finite.
        *self.depth.borrow_mut() += 1;
        let result = if *self.depth.borrow() > 64 {
            Err(Unavailable("计算公式循环引用".into()))
        } else {
            match self.formulas.get(i).and_then(Option::as_ref) {
                None => Err(Unavailable("没有计算公式".into())),
                Some(e) => match eval::eval(e, self) {
                    Ok(V::Num(d)) => {
                        let places = self.fields[i].decimal_places();
                        Ok(d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero))
                    }
                    Ok(_) => Err(Unavailable("公式的结果不是数字".into())),
                    Err(u) => Err(u),
                },
            }
        };
        *self.depth.borrow_mut() -= 1;
        if let Some(slot) = self.computed.borrow_mut().get_mut(i) {
            *slot = Some(result.clone());
        }
        result
    }

    /// How an input of a metric is shown in its working.
    fn display(&self, id: &str) -> String {
        let Some(i) = self.index.pos(id) else { return String::new() };
        let f = self.fields[i];
        if f.kind == FieldType::Computed {
            return self
                .computed(i)
                .map(|d| format_number(d, f.decimal_places()))
                .unwrap_or_else(|_| "无法计算".into());
        }
        match &self.reads[i] {
            Read::Ok(Answer::Table(rows)) => format!("{}行", rows.len()),
            // A choice as the applicant chose it: its label, not its key.
            Read::Ok(Answer::Choice { value, .. }) => {
                f.options.iter().find(|o| &o.value == value).map_or_else(|| value.clone(), |o| o.label.clone())
            }
            Read::Ok(a) => match answers::to_json(f, a) {
                Value::String(s) => s,
                other => other.to_string(),
            },
            Read::Invalid { .. } => "填写有误".into(),
            Read::Empty => "未填写".into(),
        }
    }
}

impl Scope for FormScope<'_> {
    fn get(&self, id: &str) -> Result<V<'_>, Unavailable> {
        let Some(i) = self.index.pos(id) else {
            return Err(Unavailable(format!("没有“{id}”这一项")));
        };
        let f = self.fields[i];
        if f.kind == FieldType::Computed {
            return self.computed(i).map(V::Num).map_err(|Unavailable(r)| Unavailable(format!("「{}」{}", f.label, r)));
        }
        match &self.reads[i] {
            Read::Ok(a) => Ok(answer_value(a)),
            Read::Invalid { .. } => Err(Unavailable(format!("「{}」填写有误", f.label))),
            Read::Empty => Err(Unavailable(format!("「{}」尚未填写", f.label))),
        }
    }

    fn filled(&self, id: &str) -> bool {
        self.index.pos(id).is_some_and(|i| !matches!(self.reads[i], Read::Empty))
    }

    fn label(&self, id: &str) -> String {
        self.index.pos(id).map_or_else(|| id.to_string(), |i| self.fields[i].label.clone())
    }
}
