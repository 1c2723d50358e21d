//! Checking a form definition before anything uses it: ids, types,
//! formulas, rules and cycles. The generator runs this at build time, so a
//! broken definition never reaches an applicant.

use std::collections::{BTreeMap, BTreeSet};

use crate::date::{iso_parts, Date};
use crate::expr::{self, BinOp, Expr, Func};
use crate::model::{Field, FieldType, FormDef, Section};

/// One problem in a definition: where (a path of ids, e.g.
/// `sections.finance.fields.revenue_2024.formula`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError {
    pub path: String,
    /// The id of the innermost thing named in `path`, to find its line.
    pub id: String,
    /// Which declaration of `id` is meant: 0 for the first, 1 for a duplicate.
    pub occurrence: usize,
    pub message: String,
}

/// What an expression may compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Number,
    Text,
    Bool,
    /// A multiple choice: only `filled` and `has` take it.
    Set,
    Table,
}

impl Ty {
    fn name(self) -> &'static str {
        match self {
            Ty::Number => "a number",
            Ty::Text => "text",
            Ty::Bool => "true/false",
            Ty::Set => "a multiple choice",
            Ty::Table => "a table",
        }
    }
}

pub fn type_of_field(f: &Field) -> Ty {
    match f.kind {
        _ if f.is_numeric() => Ty::Number,
        FieldType::YesNo => Ty::Bool,
        FieldType::MultiChoice => Ty::Set,
        FieldType::Table => Ty::Table,
        _ => Ty::Text,
    }
}

pub fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

fn is_form_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-'))
}

struct Checker<'a> {
    fields: BTreeMap<&'a str, &'a Field>,
    errors: Vec<DefinitionError>,
}

impl<'a> Checker<'a> {
    fn err(&mut self, path: String, id: &str, message: impl Into<String>) {
        self.errors.push(DefinitionError { path, id: id.to_string(), occurrence: 0, message: message.into() });
    }
}

pub fn check(def: &FormDef) -> Vec<DefinitionError> {
    let mut c = Checker { fields: BTreeMap::new(), errors: Vec::new() };
    if !is_form_id(&def.id) {
        c.err("id".into(), &def.id, format!("form id `{}` must be lowercase ASCII letters, digits and `-`", def.id));
    }
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    let mut sections_seen = BTreeSet::new();
    for s in &def.sections {
        collect(&mut c, s, "sections", &mut seen, &mut sections_seen);
    }
    let footnotes: BTreeSet<u32> = def.footnotes.iter().map(|f| f.number).collect();
    if footnotes.len() != def.footnotes.len() {
        c.err("footnotes".into(), "footnotes", "two footnotes have the same number");
    }
    for s in &def.sections {
        check_section(&mut c, s, "sections", &footnotes);
    }
    let mut rule_ids = BTreeSet::new();
    for r in &def.rules {
        let path = format!("rules.{}", r.id);
        if !is_id(&r.id) || !rule_ids.insert(r.id.as_str()) || c.fields.contains_key(r.id.as_str()) {
            c.err(path.clone(), &r.id, format!("rule id `{}` must be a unique ASCII id ([a-z][a-z0-9_]*)", r.id));
        }
        if r.message.trim().is_empty() {
            c.err(path.clone(), &r.id, "rule has an empty message");
        }
        if r.severity == crate::model::Severity::Error && r.basis.is_none() {
            c.err(
                path.clone(),
                &r.id,
                "a rule that refuses an answer needs `basis:` (the seed's words that state it); what the site infers may only warn (`severity: warning`)",
            );
        }
        check_condition(&mut c, &r.check, &format!("{path}.check"), &r.id);
        if let Some(w) = &r.when {
            check_condition(&mut c, w, &format!("{path}.when"), &r.id);
        }
        for f in &r.fields {
            if !c.fields.contains_key(f.as_str()) {
                c.err(format!("{path}.fields"), &r.id, format!("unknown field `{f}`"));
            }
        }
    }
    let id = &def.identity;
    // The object keys name columns of the recommended table when there is one.
    let table = id.recommended.as_deref().and_then(|t| c.fields.get(t).copied());
    let known = |f: &str| match table {
        Some(t) => t.columns.iter().any(|col| col.id == f),
        None => c.fields.contains_key(f),
    };
    let object_keys = [
        ("object_name", &id.object_name),
        ("operator_name", &id.operator_name),
        ("credit_code", &id.credit_code),
        ("object_type_field", &id.object_type_field),
    ];
    let mut unknown: Vec<(String, String)> = Vec::new();
    for (key, field) in object_keys {
        if let Some(f) = field.as_deref().filter(|f| !known(f)) {
            unknown.push((key.to_string(), f.to_string()));
        }
    }
    for (key, field) in [
        ("recommender", &id.recommender),
        ("recommender_kind", &id.recommender_kind),
        ("recommended", &id.recommended),
        ("recommended_on", &id.recommended_on),
    ] {
        if let Some(f) = field.as_deref().filter(|f| !c.fields.contains_key(f)) {
            unknown.push((key.to_string(), f.to_string()));
        }
    }
    for (key, f) in unknown {
        c.err(format!("identity.{key}"), &f, format!("`identity.{key}` names unknown field `{f}`"));
    }
    if let Some(t) = id.object_type.as_deref().filter(|t| !matches!(*t, "platform" | "base")) {
        c.err("identity.object_type".into(), t, format!("`identity.object_type` is `platform` or `base`, not `{t}`"));
    }
    if let Some(n) = &def.name_field {
        if !c.fields.contains_key(n.as_str()) {
            c.err("name_field".into(), n, format!("`name_field` names unknown field `{n}`"));
        }
    }
    check_cycles(&mut c);
    c.errors
}

fn collect<'a>(
    c: &mut Checker<'a>,
    s: &'a Section,
    parent: &str,
    seen: &mut BTreeMap<&'a str, String>,
    sections: &mut BTreeSet<&'a str>,
) {
    let path = format!("{parent}.{}", s.id);
    if !is_id(&s.id) || !sections.insert(&s.id) {
        c.err(path.clone(), &s.id, format!("section id `{}` must be a unique ASCII id ([a-z][a-z0-9_]*)", s.id));
    }
    for f in &s.fields {
        let fpath = format!("{path}.fields.{}", f.id);
        if !is_id(&f.id) {
            c.err(fpath.clone(), &f.id, format!("field id `{}` must be ASCII: [a-z][a-z0-9_]*", f.id));
        }
        // The first definition stands, so one duplicate gives one message.
        match seen.get(f.id.as_str()) {
            Some(first) => {
                let message = format!("duplicate field id `{}` (first at {first})", f.id);
                c.errors.push(DefinitionError { path: fpath, id: f.id.clone(), occurrence: 1, message });
            }
            None => {
                seen.insert(&f.id, fpath);
                c.fields.insert(&f.id, f);
            }
        }
    }
    for sub in &s.sections {
        collect(c, sub, &format!("{path}.sections"), seen, sections);
    }
}

fn check_section(c: &mut Checker, s: &Section, parent: &str, footnotes: &BTreeSet<u32>) {
    let path = format!("{parent}.{}", s.id);
    if let Some(w) = &s.when {
        check_condition(c, w, &format!("{path}.when"), &s.id);
    }
    for f in &s.fields {
        check_field(c, f, &format!("{path}.fields.{}", f.id), footnotes, false);
    }
    for sub in &s.sections {
        check_section(c, sub, &format!("{path}.sections"), footnotes);
    }
}

fn check_field(c: &mut Checker, f: &Field, path: &str, footnotes: &BTreeSet<u32>, in_table: bool) {
    let kind = f.kind;
    let misplaced = |c: &mut Checker, key: &str, allowed: &str| {
        c.err(path.to_string(), &f.id, format!("`{key}` is only for {allowed} fields"));
    };
    let is_choice = matches!(kind, FieldType::Choice | FieldType::MultiChoice);
    if is_choice {
        if f.options.is_empty() {
            c.err(path.into(), &f.id, "a choice needs `options`");
        }
        let mut values = BTreeSet::new();
        for o in &f.options {
            if !is_id(&o.value) || !values.insert(o.value.as_str()) {
                c.err(
                    format!("{path}.options"),
                    &f.id,
                    format!("option value `{}` must be a unique ASCII id ([a-z][a-z0-9_]*)", o.value),
                );
            }
        }
    } else if !f.options.is_empty() {
        misplaced(c, "options", "choice and multi_choice");
    }
    if kind == FieldType::Table {
        if in_table {
            c.err(path.into(), &f.id, "a table cannot be a column of another table");
        }
        if f.columns.is_empty() {
            c.err(path.into(), &f.id, "a table needs `columns`");
        }
        let mut ids = BTreeSet::new();
        for col in &f.columns {
            let cpath = format!("{path}.columns.{}", col.id);
            if !is_id(&col.id) || !ids.insert(col.id.as_str()) {
                c.err(cpath.clone(), &col.id, format!("column id `{}` must be a unique ASCII id", col.id));
            }
            if col.kind == FieldType::Computed {
                c.err(cpath.clone(), &col.id, "a computed field cannot be a table column");
            }
            check_field(c, col, &cpath, footnotes, true);
        }
    } else {
        if !f.columns.is_empty() {
            misplaced(c, "columns", "table");
        }
        if f.min_rows.is_some() {
            misplaced(c, "min_rows", "table");
        }
        if f.rows.is_some() {
            misplaced(c, "rows", "table");
        }
    }
    // Limits that refuse answers must be the seed's: a character limit and
    // more than one required row say so with `basis`.
    let strict = f.max_chars.is_some() || f.min_rows.is_some_and(|n| n > 1);
    if strict && f.basis.is_none() {
        c.err(
            path.into(),
            &f.id,
            "`max_chars` and `min_rows` above 1 refuse answers: give `basis:` with the seed's words that set them",
        );
    }
    if let Some(source) = &f.unit_from {
        match c.fields.get(source.as_str()) {
            _ if kind != FieldType::Computed => misplaced(c, "unit_from", "computed"),
            Some(s) if s.kind == FieldType::Choice && s.options.iter().all(|o| o.unit.is_some()) => {}
            _ => c.err(
                path.into(),
                &f.id,
                format!("`unit_from: {source}` must name a choice field whose every option has a `unit`"),
            ),
        }
    }
    if f.aid && f.required && kind != FieldType::Computed {
        c.err(path.into(), &f.id, "a site aid (`aid: true`) is not part of the official form: add `required: false`");
    }
    if kind == FieldType::Computed {
        match &f.formula {
            None => c.err(path.into(), &f.id, "a computed field needs a `formula`"),
            Some(src) => {
                if let Some(t) = check_expr(c, src, &format!("{path}.formula"), &f.id) {
                    if t != Ty::Number {
                        c.err(format!("{path}.formula"), &f.id, format!("formula gives {}, not a number", t.name()));
                    }
                }
            }
        }
    } else if f.formula.is_some() || f.formula_text.is_some() {
        misplaced(c, "formula", "computed");
    }
    if kind == FieldType::IndustryCode && f.list.is_none() {
        c.err(path.into(), &f.id, "an industry_code field needs `list`: the data file of codes in content/data/");
    } else if kind != FieldType::IndustryCode && f.list.is_some() {
        misplaced(c, "list", "industry_code");
    }
    if f.max_chars.is_some() && !matches!(kind, FieldType::Text | FieldType::Textarea) {
        misplaced(c, "max_chars", "text and textarea");
    }
    if f.negative && kind != FieldType::Money {
        misplaced(c, "negative", "money");
    }
    if let Some(n) = f.footnote {
        if !footnotes.contains(&n) {
            c.err(path.into(), &f.id, format!("footnote {n} is not among the form's footnotes"));
        }
    }
    for (key, bound) in [("min", &f.min), ("max", &f.max)] {
        let Some(b) = bound else { continue };
        let text = b.as_text();
        let ok = match kind {
            _ if f.is_numeric() && kind != FieldType::Computed => text.parse::<rust_decimal::Decimal>().is_ok(),
            // A period's ends lie within full days: its first and last.
            FieldType::Date | FieldType::Period => Date::parse_iso(&text).is_some(),
            FieldType::YearMonth | FieldType::YearMonthRange => {
                matches!(iso_parts(&text), Some((year, month, None)) if Date::new(year, month, 1).is_some())
            }
            _ => {
                misplaced(c, key, "number and date");
                continue;
            }
        };
        if !ok {
            c.err(path.into(), &f.id, format!("`{key}: {text}` is not a valid bound for a {:?} field", kind));
        }
    }
}

/// Parses and type-checks an expression that must give true/false.
fn check_condition(c: &mut Checker, src: &str, path: &str, id: &str) {
    if let Some(t) = check_expr(c, src, path, id) {
        if t != Ty::Bool {
            c.err(
                path.into(),
                id,
                format!("`{}` gives {}, but a condition must be true or false", quoted(src), t.name()),
            );
        }
    }
}

/// An expression as quoted in a message: whole when short, its start when
/// long, so a refused 10,000-term formula is not echoed back whole.
fn quoted(src: &str) -> String {
    const SHOWN: usize = 80;
    match src.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &src[..cut]),
        None => src.to_string(),
    }
}

fn check_expr(c: &mut Checker, src: &str, path: &str, id: &str) -> Option<Ty> {
    match expr::parse(src) {
        Err(e) => {
            c.err(path.into(), id, format!("cannot read `{}`: {e}", quoted(src)));
            None
        }
        Ok(e) => match type_check(&e, &c.fields) {
            Ok(t) => Some(t),
            Err(m) => {
                c.err(path.into(), id, format!("in `{}`: {m}", quoted(src)));
                None
            }
        },
    }
}

/// The type of `e`, or why it is wrong, against the form's fields.
pub fn type_check(e: &Expr, fields: &BTreeMap<&str, &Field>) -> Result<Ty, String> {
    let field = |id: &str| fields.get(id).copied().ok_or_else(|| format!("unknown field `{id}`"));
    match e {
        Expr::Number(_) => Ok(Ty::Number),
        Expr::Str(_) => Ok(Ty::Text),
        Expr::Field(id) => Ok(type_of_field(field(id)?)),
        Expr::Column(t, col) => {
            let _ = field(t)?;
            Err(format!("`{t}.{col}` can only be used inside sum(…) or count(…)"))
        }
        Expr::Neg(x) => expect(x, Ty::Number, "`-`", fields),
        Expr::Not(x) => expect(x, Ty::Bool, "`not`", fields),
        Expr::Binary(op, a, b) => match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                expect(a, Ty::Number, "arithmetic", fields)?;
                expect(b, Ty::Number, "arithmetic", fields)
            }
            BinOp::And | BinOp::Or => {
                expect(a, Ty::Bool, "`and`/`or`", fields)?;
                expect(b, Ty::Bool, "`and`/`or`", fields)
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                expect(a, Ty::Number, "`<`/`>` comparison", fields)?;
                expect(b, Ty::Number, "`<`/`>` comparison", fields)?;
                Ok(Ty::Bool)
            }
            BinOp::Eq | BinOp::Ne => {
                let (ta, tb) = (type_check(a, fields)?, type_check(b, fields)?);
                if ta != tb || matches!(ta, Ty::Set | Ty::Table) {
                    return Err(format!("cannot compare {} with {}", ta.name(), tb.name()));
                }
                check_option_literal(a, b, fields)?;
                check_option_literal(b, a, fields)?;
                Ok(Ty::Bool)
            }
        },
        Expr::Call(func, args) => check_call(*func, args, fields),
    }
}

/// `choice == "value"`: the value must be one of the choice's options.
fn check_option_literal(a: &Expr, b: &Expr, fields: &BTreeMap<&str, &Field>) -> Result<(), String> {
    if let (Expr::Field(id), Expr::Str(value)) = (a, b) {
        if let Some(f) = fields.get(id.as_str()) {
            if f.kind == FieldType::Choice && !f.options.iter().any(|o| &o.value == value) {
                return Err(format!("\"{value}\" is not an option of `{id}`"));
            }
        }
    }
    Ok(())
}

fn expect(e: &Expr, want: Ty, what: &str, fields: &BTreeMap<&str, &Field>) -> Result<Ty, String> {
    let got = type_check(e, fields)?;
    if got != want {
        let shown = match e {
            Expr::Field(id) => format!("`{id}` is {}", got.name()),
            _ => format!("an operand is {}", got.name()),
        };
        return Err(format!("{what} needs {}, but {shown}", want.name()));
    }
    Ok(want)
}

fn check_call(func: Func, args: &[Expr], fields: &BTreeMap<&str, &Field>) -> Result<Ty, String> {
    let field = |id: &str| fields.get(id).copied().ok_or_else(|| format!("unknown field `{id}`"));
    match (func, args) {
        (Func::Sum, [Expr::Column(t, col)]) => {
            let table = field(t)?;
            if table.kind != FieldType::Table {
                return Err(format!("`{t}` is not a table"));
            }
            let column = table
                .columns
                .iter()
                .find(|c| &c.id == col)
                .ok_or_else(|| format!("table `{t}` has no column `{col}`"))?;
            if type_of_field(column) != Ty::Number {
                return Err(format!("sum needs a numeric column, but `{t}.{col}` is {}", type_of_field(column).name()));
            }
            Ok(Ty::Number)
        }
        (Func::Sum, _) => Err("sum takes one `table.column`".into()),
        (Func::Count, [Expr::Field(t)]) => {
            if field(t)?.kind != FieldType::Table {
                return Err(format!("count needs a table, but `{t}` is not one"));
            }
            Ok(Ty::Number)
        }
        (Func::Count, [Expr::Column(t, col)]) => {
            let table = field(t)?;
            if !table.columns.iter().any(|c| &c.id == col) {
                return Err(format!("table `{t}` has no column `{col}`"));
            }
            Ok(Ty::Number)
        }
        (Func::Count, _) => Err("count takes one table or one `table.column`".into()),
        (Func::Filled, [Expr::Field(id)]) => field(id).map(|_| Ty::Bool),
        (Func::Filled, _) => Err("filled takes one field".into()),
        (Func::If, [cond, then, otherwise]) => {
            expect(cond, Ty::Bool, "the condition of if", fields)?;
            let t = type_check(then, fields)?;
            let e = type_check(otherwise, fields)?;
            if t != e {
                return Err(format!("if gives {} in one branch and {} in the other", t.name(), e.name()));
            }
            Ok(t)
        }
        (Func::If, _) => Err("if takes a condition and two values: if(condition, then, else)".into()),
        (Func::Has, [Expr::Field(id), Expr::Str(value)]) => {
            let f = field(id)?;
            if f.kind != FieldType::MultiChoice {
                return Err(format!("has needs a multi_choice field, but `{id}` is not one"));
            }
            if !f.options.iter().any(|o| &o.value == value) {
                return Err(format!("\"{value}\" is not an option of `{id}`"));
            }
            Ok(Ty::Bool)
        }
        (Func::Has, _) => Err("has takes a multi_choice field and an option value in quotes".into()),
    }
}

/// Computed fields may use other computed fields, but never in a circle.
fn check_cycles(c: &mut Checker) {
    let mut deps: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, f) in &c.fields {
        if let (FieldType::Computed, Some(src)) = (f.kind, &f.formula) {
            if let Ok(e) = expr::parse(src) {
                let refs: Vec<&str> =
                    e.references().into_iter().filter_map(|r| c.fields.get_key_value(r).map(|(k, _)| *k)).collect();
                deps.insert(id, refs);
            }
        }
    }
    let mut state: BTreeMap<&str, u8> = BTreeMap::new(); // 1 visiting, 2 done
    let mut reported = BTreeSet::new();
    for start in deps.keys().copied().collect::<Vec<_>>() {
        let mut stack: Vec<&str> = Vec::new();
        visit(start, &deps, &mut state, &mut stack, &mut |cycle: Vec<&str>| {
            let mut key = cycle.clone();
            key.sort();
            if reported.insert(key) {
                let first = cycle[0].to_string();
                c.errors.push(DefinitionError {
                    path: format!("fields.{first}.formula"),
                    id: first,
                    occurrence: 0,
                    message: format!("computed fields depend on each other in a circle: {}", cycle.join(" → ")),
                });
            }
        });
    }
}

fn visit<'a>(
    node: &'a str,
    deps: &BTreeMap<&'a str, Vec<&'a str>>,
    state: &mut BTreeMap<&'a str, u8>,
    stack: &mut Vec<&'a str>,
    report: &mut dyn FnMut(Vec<&'a str>),
) {
    match state.get(node) {
        Some(2) => return,
        Some(1) => {
            if let Some(i) = stack.iter().position(|n| *n == node) {
                let mut cycle = stack[i..].to_vec();
                cycle.push(node);
                report(cycle);
            }
            return;
        }
        _ => {}
    }
    state.insert(node, 1);
    stack.push(node);
    for next in deps.get(node).into_iter().flatten() {
        if deps.contains_key(next) {
            visit(next, deps, state, stack, report);
        }
    }
    stack.pop();
    state.insert(node, 2);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The problems of a form whose one field is of `kind` with `min: bound`.
    fn bound_problems(kind: &str, bound: &str) -> Vec<DefinitionError> {
        let yaml = format!(
            "id: demo\nversion: \"1\"\nattachment: \"9.9\"\ntitle: 测试表\nsections:\n  - id: s\n    title: 一\n    fields:\n      - {{ id: a, label: A, type: {kind}, min: \"{bound}\" }}\n"
        );
        check(&serde_yaml::from_str(&yaml).unwrap())
    }

    #[test]
    fn date_and_month_bounds_are_written_as_stored_and_exist() {
        for (kind, bound) in [("date", "2024-02-29"), ("year_month", "2025-03"), ("year_month", "1000-01")] {
            assert_eq!(bound_problems(kind, bound), Vec::new(), "{kind} {bound}");
        }
        for (kind, bound) in [
            ("date", "2025-02-29"),
            ("date", "2025-03"),
            ("year_month", "2025-13"),
            ("year_month", "2025-00"),
            ("year_month", "2025-3"),
            ("year_month", "2025-03-01"),
            ("year_month", "0999-01"),
            ("year_month", "2025年3月"),
        ] {
            let problems = bound_problems(kind, bound);
            assert_eq!(problems.len(), 1, "{kind} {bound}: {problems:?}");
            assert!(problems[0].message.contains("is not a valid bound"), "{}", problems[0].message);
        }
    }
}
