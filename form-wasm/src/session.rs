//! The answers of one form as they are filled in, with their evaluation
//! kept current. Each field's reading, and each table row's, is kept; a
//! change re-reads only the answer (or the rows) that changed and
//! re-evaluates only the formulas, rules, section conditions and metrics its
//! value reaches (`depends`). A whole-form evaluation is a session begun
//! from the answers, so there is one way to evaluate, and the tests hold a
//! session after any edits to a fresh one.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Map, Value};

use crate::answers::{self, Answer, CellIssue, Read, Rows};
use crate::eval::{self, answer_value, Scope, Unavailable, V};
use crate::evaluate::{Evaluation, Kind, Metric, MetricInput, Normalised, Problem};
use crate::expr::Expr;
use crate::model::{Field, FieldType, Severity};
use crate::normalise::format_number;
use crate::program::{Columns, FieldIndex, Prepared};

type Computed = Option<Result<Decimal, Unavailable>>;

pub struct Session<'a> {
    /// The answers as given (what a draft keeps).
    answers: Cow<'a, Map<String, Value>>,
    confirmed: Vec<String>,
    /// Per field: what reading its answer found.
    reads: Vec<Read>,
    slots: Vec<Slot>,
    /// Per field: a computed value, or `None` until needed after a change.
    computed: RefCell<Vec<Computed>>,
    hidden_sections: Vec<bool>,
    /// Per rule: its problem while it fails, whether or not it is shown.
    rules: Vec<Option<Problem>>,
    /// Per computed field: its metric, whether or not it is shown.
    metrics: Vec<Option<Metric>>,
}

/// What reading one answer found besides its `Read`.
#[derive(Default)]
struct Slot {
    /// The problems reading it found (a table's own; its rows keep theirs).
    problems: Vec<Problem>,
    /// A table's rows, one per row given (empty rows too, to compare by place).
    rows: Vec<RowSlot>,
}

/// One row given in a table. Its reading lives in the table's `Read`
/// (`answers::Rows`, in row order, empty rows left out).
#[derive(Default)]
struct RowSlot {
    /// False for an empty row (which the table's `Read` leaves out).
    filled: bool,
    problems: Vec<Problem>,
}

impl<'a> Session<'a> {
    /// Reads and evaluates every answer.
    pub fn begin(p: &Prepared, answers: Cow<'a, Map<String, Value>>, confirmed: Vec<String>) -> Session<'a> {
        let fields = p.fields();
        let n = fields.len();
        let mut s = Session {
            answers,
            confirmed,
            reads: vec![Read::Empty; n],
            slots: (0..n).map(|_| Slot::default()).collect(),
            computed: RefCell::new(vec![None; n]),
            hidden_sections: vec![false; p.sections.len()],
            rules: vec![None; p.rules.len()],
            metrics: vec![None; n],
        };
        // Answers are mostly given in page order: each is looked for next
        // in line first, by key (hashed) otherwise.
        let mut given = s.answers.iter().peekable();
        for (i, f) in fields.iter().enumerate() {
            let raw = match given.next_if(|(id, _)| **id == f.id) {
                Some((_, v)) => v,
                None => s.answers.get(&f.id).unwrap_or(&Value::Null),
            };
            s.reads[i] = read_answer(p, i, f, raw, None, &s.confirmed, &mut s.slots[i]);
        }
        let everything = crate::depends::Affected {
            formulas: (0..n).collect(),
            rules: (0..p.rules.len()).collect(),
            sections: vec![true; p.sections.len()],
            metrics: (0..n).filter(|&i| p.formulas[i].is_some()).collect(),
        };
        s.refresh(p, &fields, &everything);
        s
    }

    /// The answers as given, with every change made.
    pub fn answers(&self) -> &Map<String, Value> {
        &self.answers
    }

    pub fn confirmed(&self) -> &[String] {
        &self.confirmed
    }

    /// One answer changed (`Null`: cleared). A table's rows are compared
    /// with those given before, and only rows that differ are read again.
    pub fn set(&mut self, p: &Prepared, id: &str, value: Value) {
        if *self.answers.get(id).unwrap_or(&Value::Null) == value {
            return;
        }
        let answers = self.answers.to_mut();
        let old = if value.is_null() { answers.shift_remove(id) } else { answers.insert(id.to_string(), value) };
        let old = old.unwrap_or(Value::Null);
        let Some(i) = p.index.pos(id) else { return };
        let fields = p.fields();
        self.read(p, i, fields[i], Some(&old));
        self.refresh(p, &fields, &p.depends.affected(&[i]));
    }

    /// One row of a table changed (`index` counts from 0, as the rows
    /// stand): only that row is read again. False when the table's answer
    /// has no such row (the caller then sets the whole table).
    pub fn set_row(&mut self, p: &Prepared, table: &str, index: usize, row: Value) -> bool {
        let Some(i) = p.index.pos(table) else { return false };
        let fields = p.fields();
        let f = fields[i];
        let slot = &mut self.slots[i];
        // Checked before anything changes, so the caller's fallback starts clean.
        let Some(Value::Array(rows)) = self.answers.to_mut().get_mut(table) else { return false };
        if f.kind != FieldType::Table || index >= rows.len() || slot.rows.len() != rows.len() {
            return false;
        }
        if rows[index] == row {
            return true;
        }
        rows[index] = row;
        // The table's reading made again: the other rows copied as read, this one read.
        let old = match std::mem::replace(&mut self.reads[i], Read::Empty) {
            Read::Ok(Answer::Table(old)) => old,
            _ => Rows::default(),
        };
        let mut old_rows = old.iter();
        let mut table = Rows::with_capacity(old.len() + 1, (old.len() + 1) * f.columns.len());
        for (k, row_slot) in slot.rows.iter_mut().enumerate() {
            let before = if row_slot.filled { old_rows.next() } else { None };
            if k == index {
                *row_slot = read_row(p, f, &p.columns[i], index + 1, &rows[index], &self.confirmed, &mut table);
            } else if let Some(r) = before {
                table.copy_row(r);
            }
        }
        self.reads[i] = if table.is_empty() { Read::Empty } else { Read::Ok(Answer::Table(table)) };
        self.refresh(p, &fields, &p.depends.affected(&[i]));
        true
    }

    /// Every answer replaced (a draft, a file, the other tab's copy): only
    /// the answers that differ are read again.
    pub fn replace(&mut self, p: &Prepared, answers: Map<String, Value>) {
        let fields = p.fields();
        let mut changed = Vec::new();
        let old = std::mem::replace(self.answers.to_mut(), answers);
        for (i, f) in fields.iter().enumerate() {
            let before = old.get(&f.id).unwrap_or(&Value::Null);
            if self.answers.get(&f.id).unwrap_or(&Value::Null) != before {
                self.read(p, i, f, Some(before));
                changed.push(i);
            }
        }
        if !changed.is_empty() {
            self.refresh(p, &fields, &p.depends.affected(&changed));
        }
    }

    /// The applicant confirmed (or the page restored) warnings: every
    /// confirmation id may change a message, so everything is read again.
    pub fn set_confirmed(&mut self, p: &Prepared, confirmed: Vec<String>) {
        if confirmed != self.confirmed {
            let answers = std::mem::take(self.answers.to_mut());
            *self = Session::begin(p, Cow::Owned(answers), confirmed);
        }
    }

    /// Reads field `i`'s answer; `before` is what it was (a table then
    /// re-reads only the rows that differ).
    fn read(&mut self, p: &Prepared, i: usize, f: &Field, before: Option<&Value>) {
        let raw = self.answers.get(&f.id).unwrap_or(&Value::Null);
        let old = std::mem::replace(&mut self.reads[i], Read::Empty);
        self.reads[i] = read_answer(p, i, f, raw, before.map(|b| (b, old)), &self.confirmed, &mut self.slots[i]);
    }

    /// Re-evaluates what the changed answers reach.
    fn refresh(&mut self, p: &Prepared, fields: &[&Field], affected: &crate::depends::Affected) {
        {
            let mut computed = self.computed.borrow_mut();
            for &i in &affected.formulas {
                computed[i] = None;
            }
        }
        let scope = FormScope {
            fields,
            index: &p.index,
            reads: &self.reads,
            formulas: &p.formulas,
            computed: &self.computed,
            depth: RefCell::new(0),
        };
        // A section is hidden when its condition fails or its parent is
        // hidden: looked at again when its condition's inputs or its
        // parent changed.
        let mut flipped = vec![false; p.sections.len()];
        for (s, info) in p.sections.iter().enumerate() {
            if !affected.sections[s] && !info.parent.is_some_and(|q| flipped[q]) {
                continue;
            }
            let hidden = info.parent.is_some_and(|q| self.hidden_sections[q])
                || info.when.as_ref().is_some_and(|w| !matches!(eval::eval(w, &scope), Ok(V::Bool(true))));
            flipped[s] = hidden != self.hidden_sections[s];
            self.hidden_sections[s] = hidden;
        }
        for &k in &affected.rules {
            self.rules[k] = rule_problem(p, k, &scope, &self.confirmed);
        }
        for &i in &affected.metrics {
            self.metrics[i] = Some(metric(p, i, fields[i], &scope));
        }
    }

    fn hidden(&self, p: &Prepared, i: usize) -> bool {
        self.hidden_sections[p.section_of[i]]
    }

    /// The evaluation as it stands.
    pub fn evaluation(&mut self, p: &Arc<Prepared>) -> Evaluation {
        self.assemble(p, true)
    }

    /// The evaluation, taking the session apart (nothing copied).
    pub fn into_evaluation(mut self, p: &Arc<Prepared>) -> Evaluation {
        self.assemble(p, false)
    }

    /// The evaluation from what is kept: copied when the session goes on
    /// (`keep`), moved out when it ends.
    fn assemble(&mut self, p: &Arc<Prepared>, keep: bool) -> Evaluation {
        fn give<T: Clone + Default>(keep: bool, x: &mut T) -> T {
            if keep {
                x.clone()
            } else {
                std::mem::take(x)
            }
        }
        let def = &p.bundle.form;
        let fields = p.fields();
        let mut problems = Vec::new();
        // Answers in hidden sections are kept but neither checked nor required.
        for i in 0..fields.len() {
            if self.hidden(p, i) {
                continue;
            }
            let slot = &mut self.slots[i];
            problems.append(&mut give(keep, &mut slot.problems));
            for r in &mut slot.rows {
                problems.append(&mut give(keep, &mut r.problems));
            }
        }
        for (i, f) in fields.iter().enumerate() {
            if self.hidden(p, i) || f.kind == FieldType::Computed {
                continue;
            }
            let empty = matches!(self.reads[i], Read::Empty);
            if f.required && empty {
                let verb = match f.kind {
                    FieldType::Choice | FieldType::YesNo => "请选择",
                    FieldType::MultiChoice => "请勾选",
                    _ => "请填写",
                };
                let message = format!("{verb}「{}」", f.label);
                problems.push(problem(f, None, None, Severity::Error, Kind::Required, message));
            }
            if f.kind == FieldType::Table {
                let n = match &self.reads[i] {
                    Read::Ok(Answer::Table(rows)) => rows.len(),
                    _ => 0,
                };
                let min = f.min_rows.unwrap_or(0) as usize;
                if n > 0 && n < min {
                    let message = format!("「{}」至少填写{min}行，已填写{n}行", f.label);
                    problems.push(problem(f, None, None, Severity::Error, Kind::Rows, message));
                }
            }
        }
        for (k, found) in self.rules.iter().enumerate() {
            let shown = !p.rules[k].at.iter().any(|&i| self.hidden(p, i));
            if let (true, Some(found)) = (shown, found) {
                problems.push(found.clone());
            }
        }
        // Page order: by field, then row, then column as the table lists them.
        problems.sort_by_cached_key(|pr| {
            let pos = p.index.pos(&pr.field);
            let col_pos =
                pr.column.as_ref().and_then(|c| pos.and_then(|i| fields[i].columns.iter().position(|x| &x.id == c)));
            (pos.unwrap_or(usize::MAX), pr.row.unwrap_or(0), col_pos.unwrap_or(0))
        });

        let mut metrics = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            if f.kind == FieldType::Computed && !self.hidden(p, i) {
                metrics.extend(give(keep, &mut self.metrics[i]));
            }
        }
        let data = Normalised::new(Arc::clone(p), give(keep, &mut self.reads));
        let errors = problems.iter().filter(|pr| pr.severity == Severity::Error).count();
        let warnings = problems.len() - errors;
        let hidden_sections =
            p.sections.iter().zip(&self.hidden_sections).filter(|(_, h)| **h).map(|(s, _)| s.id.clone()).collect();
        Evaluation {
            form: def.id.clone(),
            version: def.version.clone(),
            complete: errors == 0,
            errors,
            warnings,
            data,
            problems,
            metrics,
            hidden_sections,
        }
    }
}

/// Reads field `i`'s answer `raw` into its slot; `before` is what was
/// given before and its reading (a table then re-reads only the rows that differ).
fn read_answer(
    p: &Prepared,
    i: usize,
    f: &Field,
    raw: &Value,
    before: Option<(&Value, Read)>,
    confirmed: &[String],
    slot: &mut Slot,
) -> Read {
    slot.problems.clear();
    let read = match f.kind {
        FieldType::Computed => return Read::Empty,
        FieldType::Table => read_table(p, i, f, raw, before, confirmed, slot),
        _ => {
            let (read, issues) = answers::read(f, raw, &p.bundle.lists);
            for issue in issues {
                let message = label_msg(f, &issue.message);
                let found = problem(f, None, None, severity(&issue), Kind::Format, message);
                slot.problems.push(format_issue(found, issue, &f.id, confirmed));
            }
            read
        }
    };
    if let Read::Invalid { reason, .. } = &read {
        slot.problems.push(problem(f, None, None, Severity::Error, Kind::Format, label_msg(f, reason)));
    }
    read
}

/// Reads table `i`, re-reading only the rows that differ from `before`
/// (what was given, and its reading).
fn read_table(
    p: &Prepared,
    i: usize,
    f: &Field,
    raw: &Value,
    before: Option<(&Value, Read)>,
    confirmed: &[String],
    slot: &mut Slot,
) -> Read {
    let rows: &[Value] = match raw {
        Value::Null => &[],
        Value::Array(rows) => rows,
        _ => {
            slot.rows.clear();
            return Read::Invalid { reason: "表格数据格式不正确".into(), raw: raw.clone() };
        }
    };
    let (given_before, old) = match before {
        Some((Value::Array(given), Read::Ok(Answer::Table(read)))) => (given.as_slice(), read),
        Some((Value::Array(given), _)) => (given.as_slice(), Rows::default()),
        _ => (&[][..], Rows::default()),
    };
    let mut old_rows = old.iter();
    let mut old_slots = std::mem::replace(&mut slot.rows, Vec::with_capacity(rows.len())).into_iter();
    let mut table = Rows::with_capacity(rows.len(), rows.len() * f.columns.len());
    for (k, row) in rows.iter().enumerate() {
        // The old reading of this place, if it had one (taken in order).
        let kept = old_slots.next().filter(|_| k < given_before.len());
        let kept_row = match &kept {
            Some(s) if s.filled => old_rows.next(),
            _ => None,
        };
        let row_slot = match kept {
            Some(s) if given_before[k] == *row => {
                if let Some(r) = kept_row {
                    table.copy_row(r);
                }
                s
            }
            _ => read_row(p, f, &p.columns[i], k + 1, row, confirmed, &mut table),
        };
        slot.rows.push(row_slot);
    }
    if table.is_empty() {
        Read::Empty
    } else {
        Read::Ok(Answer::Table(table))
    }
}

/// One table row (`number` counts from 1, empty rows included), read with
/// its table's columns (`Prepared::columns`) into `table` (unless empty).
fn read_row(
    p: &Prepared,
    f: &Field,
    columns: &Columns,
    number: usize,
    raw: &Value,
    confirmed: &[String],
    table: &mut Rows,
) -> RowSlot {
    let Some(cells) = raw.as_object().filter(|o| !o.values().all(answers::is_blank)) else {
        return RowSlot::default();
    };
    let mut problems = Vec::new();
    // Rows usually list their cells in column order: each is looked for
    // at its column's place first (keys are unique), by key otherwise.
    let mut in_order = cells.iter();
    for (k, c) in f.columns.iter().enumerate() {
        let v = match in_order.next() {
            Some((key, v)) if *key == c.id => v,
            _ => cells.get(&c.id).unwrap_or(&Value::Null),
        };
        if let Some(text) = answers::read_plain_text(c, v) {
            table.push_text(Arc::clone(&columns.ids[k]), text);
            continue;
        }
        let (read, issues) = answers::read(c, v, &p.bundle.lists);
        let where_ = || format!("「{}」第{number}行「{}」", f.label, c.label);
        for i in issues {
            let message = format!("{}：{}", where_(), i.message);
            let found = problem(f, Some(number), Some(&c.id), severity(&i), Kind::Format, message);
            problems.push(format_issue(found, i, &format!("{}.{}", f.id, c.id), confirmed));
        }
        let answer = match read {
            Read::Ok(a) => a,
            Read::Invalid { reason, raw } => {
                let message = format!("{}：{reason}", where_());
                problems.push(problem(f, Some(number), Some(&c.id), Severity::Error, Kind::Format, message));
                Answer::Raw(raw)
            }
            Read::Empty => {
                if c.required {
                    let message = format!("请填写「{}」第{number}行的「{}」", f.label, c.label);
                    problems.push(problem(f, Some(number), Some(&c.id), Severity::Error, Kind::Required, message));
                }
                continue;
            }
        };
        table.push_cell(Arc::clone(&columns.ids[k]), answer);
    }
    table.end_row(number);
    RowSlot { filled: true, problems }
}

/// A rule's problem while it fails (its condition holding).
fn rule_problem(p: &Prepared, k: usize, scope: &FormScope, confirmed: &[String]) -> Option<Problem> {
    let code = &p.rules[k];
    if let Some(w) = &code.when {
        if !matches!(eval::eval(w, scope), Ok(V::Bool(true))) {
            return None;
        }
    }
    let Ok(V::Bool(false)) = eval::eval(&code.check, scope) else { return None };
    let rule = &p.bundle.form.rules[k];
    Some(Problem {
        field: code.fields.first().cloned().unwrap_or_default(),
        fields: code.fields.clone(),
        row: None,
        column: None,
        severity: rule.severity,
        kind: Kind::Rule,
        message: rule.message.clone(),
        rule: Some(rule.id.clone()),
        confirmed: rule.severity == Severity::Warning && confirmed.contains(&rule.id),
    })
}

/// The unit of the option chosen in the field named by `unit_from`.
fn unit_of(f: &Field, scope: &FormScope) -> Option<String> {
    let source = scope.index.pos(f.unit_from.as_deref()?)?;
    let chosen = match &scope.reads[source] {
        Read::Ok(Answer::Choice { value, .. }) => value,
        _ => return None,
    };
    scope.fields[source].options.iter().find(|o| &o.value == chosen)?.unit.clone()
}

fn metric(p: &Prepared, i: usize, f: &Field, scope: &FormScope) -> Metric {
    let places = f.decimal_places();
    let (value, error) = match scope.computed(i) {
        Ok(d) => (Some(format_number(d, places)), None),
        Err(Unavailable(reason)) => (None, Some(format!("无法计算：{reason}"))),
    };
    let inputs = p.formulas[i]
        .as_ref()
        .map(|e| {
            e.references()
                .into_iter()
                .map(|id| {
                    let (label, value) = match scope.index.pos(id) {
                        Some(k) => (scope.fields[k].label.clone(), scope.display(k)),
                        None => (id.to_string(), String::new()),
                    };
                    MetricInput { id: id.to_string(), label, value }
                })
                .collect()
        })
        .unwrap_or_default();
    Metric {
        id: f.id.clone(),
        label: f.label.clone(),
        value,
        unit: unit_of(f, scope).or_else(|| f.unit_text().map(str::to_string)),
        formula: f.formula_text.clone().or_else(|| f.formula.clone()).unwrap_or_default(),
        inputs,
        error,
    }
}

/// The answers as expressions see them, computing formulas on demand.
struct FormScope<'a> {
    fields: &'a [&'a Field],
    index: &'a FieldIndex,
    reads: &'a [Read],
    formulas: &'a [Option<Expr>],
    computed: &'a RefCell<Vec<Computed>>,
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

    /// How field `i`, an input of a metric, is shown in its working.
    fn display(&self, i: usize) -> String {
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
            // As exported: the value reading it made.
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
