//! Each submitted file summarised for the people who receive many: who it
//! is from (the forms' own `identity` keys), complete or not, its problems,
//! its metrics and 数据校验码; applications paired with creation plans,
//! duplicates flagged. `site-gen report` (the province) and the 推荐单位
//! page use the same summaries; whether a unit is over its quota comes from
//! the 2.1's own quota rules (the notice's words), so no rule is written twice.

use std::collections::BTreeMap;

use form_wasm::api::Engine;
use form_wasm::checksum::data_checksum;
use form_wasm::evaluate::{Evaluation, Kind};
use form_wasm::model::{FormDef, Severity};
use serde::Serialize;
use serde_json::Value;

use crate::claims::Note;
use crate::submission::Submission;

/// One file, summarised.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filed {
    pub file: String,
    /// `附件2.2`.
    pub attachment: String,
    pub complete: bool,
    pub errors: usize,
    pub warnings: usize,
    pub checksum: String,
    pub version: String,
    pub exported_at: String,
}

/// An applicant: its application (2.2/2.3) and creation plan (2.4), paired.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Applicant {
    pub unit: String,
    /// 平台 or 基地.
    pub object_type: String,
    pub object_name: String,
    pub operator_name: String,
    pub credit_code: String,
    pub application: Option<Filed>,
    pub plan: Option<Filed>,
    /// Label → value (or why it cannot be computed), from the application.
    pub metrics: BTreeMap<String, String>,
    /// What is missing or doubtful about the pair, in words.
    pub notes: Vec<String>,
}

/// A recommending unit's 2.1.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Unit {
    pub name: String,
    pub kind: String,
    pub recommended: usize,
    /// The notice's words when over quota (the 2.1's own refusing rule).
    pub quota: String,
    pub filed: Filed,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemRow {
    pub file: String,
    pub item: String,
    pub severity: &'static str,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub applicants: Vec<Applicant>,
    pub units: Vec<Unit>,
    pub problems: Vec<ProblemRow>,
    /// File and why it could not be used.
    pub unreadable: Vec<(String, String)>,
    /// The metric columns, in the forms' order.
    pub metric_labels: Vec<String>,
}

/// What one file gave.
pub enum Summary {
    Unit(Unit, Vec<ProblemRow>, Vec<Recommended>),
    Application(Applicant, Vec<ProblemRow>),
    Plan(Applicant, Vec<ProblemRow>),
    Unreadable(String, String),
}

/// An object a 2.1 recommends.
pub struct Recommended {
    pub unit: String,
    pub object_name: String,
    pub operator_name: String,
}

/// Pairs applications with plans and applicants with the units whose 2.1s
/// recommend them, and flags what is missing or doubtful; with `by_units`
/// (the province's view), an applicant no 2.1 names.
pub fn gather(summaries: impl IntoIterator<Item = Summary>, engines: &[Engine], by_units: bool) -> Report {
    let mut report = Report { metric_labels: metric_labels(engines), ..Report::default() };
    let mut plans = Vec::new();
    let mut recommended = Vec::new();
    for s in summaries {
        match s {
            Summary::Unit(u, p, r) => {
                report.units.push(u);
                report.problems.extend(p);
                recommended.extend(r);
            }
            Summary::Application(a, p) => {
                report.applicants.push(a);
                report.problems.extend(p);
            }
            Summary::Plan(a, p) => {
                plans.push(a);
                report.problems.extend(p);
            }
            Summary::Unreadable(f, why) => report.unreadable.push((f, why)),
        }
    }
    pair_plans(&mut report.applicants, plans);
    flag_duplicates(&mut report.applicants);
    for a in &mut report.applicants {
        let from = recommended
            .iter()
            .find(|r| same(&r.operator_name, &a.operator_name) || same(&r.object_name, &a.object_name));
        match from {
            Some(r) => a.unit = r.unit.clone(),
            None if a.unit.is_empty() && by_units => a.notes.push("未见于任何汇总表（附件2.1）".into()),
            None => {}
        }
    }
    report
}

fn same(a: &str, b: &str) -> bool {
    !a.trim().is_empty() && a.trim() == b.trim()
}

/// A 2.4 goes with the application of the same operator (the plan carries no
/// credit code); one without is a row of its own, flagged.
pub fn pair_plans(applicants: &mut Vec<Applicant>, plans: Vec<Applicant>) {
    for plan in plans {
        match applicants.iter_mut().find(|a| a.plan.is_none() && same(&a.operator_name, &plan.operator_name)) {
            Some(a) => {
                if a.unit.is_empty() {
                    a.unit = plan.unit.clone();
                }
                a.plan = plan.plan;
            }
            None => {
                let mut lone = plan;
                lone.notes.push("有创建方案（附件2.4），缺少创建申请表（附件2.2或2.3）".into());
                applicants.push(lone);
            }
        }
    }
    for a in applicants.iter_mut().filter(|a| a.plan.is_none()) {
        a.notes.push("有创建申请表，缺少创建方案（附件2.4）".into());
    }
}

/// The same credit code on several applications: a duplicate or two
/// versions. Each says so, and which is the newer by export time.
pub fn flag_duplicates(applicants: &mut [Applicant]) {
    let mut by_code: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in applicants.iter().enumerate().filter(|(_, a)| a.application.is_some() && !a.credit_code.is_empty()) {
        by_code.entry(a.credit_code.clone()).or_default().push(i);
    }
    for same in by_code.values().filter(|v| v.len() > 1) {
        let exported =
            |i: &usize| applicants[*i].application.as_ref().map(|f| f.exported_at.clone()).unwrap_or_default();
        let newest = same.iter().max_by_key(|i| exported(i)).copied();
        for &i in same {
            let which =
                if Some(i) == newest { "本份导出时间最新" } else { "另有导出时间更新的一份" };
            applicants[i]
                .notes
                .push(format!("统一社会信用代码与另外{}份申请表相同（重复或不同版本），{which}", same.len() - 1));
        }
    }
}

pub fn metric_labels(engines: &[Engine]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in engines {
        for (_, f) in e.definition().fields() {
            if f.kind == form_wasm::model::FieldType::Computed && !f.aid && !out.contains(&f.label) {
                out.push(f.label.clone());
            }
        }
    }
    out
}

/// One file, read (`submission::parse`, or a reader of files), summarised
/// under `name`; the file's text and evaluation are dropped after.
pub fn summarise(name: &str, read: Result<Submission<'_>, String>) -> Summary {
    let name = name.to_string();
    let s = match read {
        Ok(s) => s,
        Err(why) => return Summary::Unreadable(name, why),
    };
    let def = s.engine.definition();
    let ev = s.engine.evaluate(&s.answers.data, &s.answers.confirmed_warnings);
    let notes = s.claims.notes(s.engine, &ev);
    let refused = notes.iter().filter(|n| n.severity == Severity::Error).count();
    let filed = Filed {
        file: name.clone(),
        attachment: format!("附件{}", def.attachment),
        complete: ev.complete && refused == 0,
        errors: ev.errors + refused,
        warnings: ev.warnings + notes.len() - refused,
        checksum: data_checksum(&ev.data),
        version: s.version.unwrap_or_default(),
        exported_at: s.exported_at.unwrap_or_default(),
    };
    let problems = problem_rows(&name, def, &ev, &notes);
    let text = |id: &Option<String>| id.as_deref().and_then(|f| ev.data.get(f)).map(shown).unwrap_or_default();
    let id = &def.identity;
    if let Some(table) = &id.recommended {
        let unit_name = text(&id.recommender);
        let kind = id
            .recommender_kind
            .as_deref()
            .and_then(|f| ev.data.get(f))
            .map(|v| option_label(def, id.recommender_kind.as_deref(), v))
            .unwrap_or_default();
        let rows = ev.data.get(table).and_then(Value::as_array).cloned().unwrap_or_default();
        let cell =
            |row: &Value, col: &Option<String>| col.as_deref().and_then(|c| row.get(c)).map(shown).unwrap_or_default();
        let quota: Vec<&str> = ev
            .problems
            .iter()
            .filter(|p| p.kind == Kind::Rule && p.severity == Severity::Error && &p.field == table)
            .map(|p| p.message.as_str())
            .collect();
        let recommended = rows
            .iter()
            .map(|r| Recommended {
                unit: unit_name.clone(),
                object_name: cell(r, &id.object_name),
                operator_name: cell(r, &id.operator_name),
            })
            .collect();
        let unit = Unit {
            name: unit_name,
            kind,
            recommended: rows.len(),
            quota: if quota.is_empty() { "未超过名额".into() } else { quota.join("；") },
            filed,
        };
        return Summary::Unit(unit, problems, recommended);
    }
    let object_type = match id.object_type.as_deref() {
        Some("platform") => "平台",
        Some("base") => "基地",
        _ => "",
    };
    let mut a = Applicant {
        unit: text(&id.recommender),
        object_type: object_type.into(),
        object_name: text(&id.object_name),
        operator_name: text(&id.operator_name),
        credit_code: text(&id.credit_code),
        ..Applicant::default()
    };
    if id.object_type.is_some() {
        a.metrics = ev
            .metrics
            .iter()
            .map(|m| (m.label.clone(), m.value.clone().or_else(|| m.error.clone()).unwrap_or_default()))
            .collect();
        a.application = Some(filed);
        Summary::Application(a, problems)
    } else {
        a.plan = Some(filed);
        Summary::Plan(a, problems)
    }
}

/// An answer as text: strings as they are, choices by their value.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => o.get("value").map(shown).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn option_label(def: &FormDef, field: Option<&str>, v: &Value) -> String {
    let value = shown(v);
    field
        .and_then(|f| def.field(f))
        .and_then(|f| f.options.iter().find(|o| o.value == value))
        .map_or(value, |o| o.label.clone())
}

fn problem_rows(file: &str, def: &FormDef, ev: &Evaluation, notes: &[Note]) -> Vec<ProblemRow> {
    let mut out: Vec<ProblemRow> = ev
        .problems
        .iter()
        .filter(|p| !p.confirmed)
        .map(|p| {
            let label = def.field(&p.field).map_or(p.field.as_str(), |f| f.label.as_str());
            ProblemRow {
                file: file.to_string(),
                item: match p.row {
                    Some(r) => format!("{label} 第{r}行"),
                    None => label.to_string(),
                },
                severity: if p.severity == Severity::Error { "错误" } else { "提示" },
                message: p.message.clone(),
            }
        })
        .collect();
    // What is wrong with the file itself (its format, version, claims).
    out.extend(notes.iter().map(|n| ProblemRow {
        file: file.to_string(),
        item: n.item.clone(),
        severity: if n.severity == Severity::Error { "错误" } else { "提示" },
        message: n.message.clone(),
    }));
    out
}
