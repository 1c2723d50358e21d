//! The recommending unit's desk: the applicants' files it collected, seen
//! at once (`overview`), and what it produces once it has chosen whom to
//! recommend (`produce`): the 2.1 filled from the chosen applicants, each
//! one's 2.4 cover with 推荐单位 and 推荐时间, and a manifest of every file.
//! The quota is the 2.1's own rules (the notice's words), checked on the 2.1
//! the choice makes, before anything is produced.

use std::collections::BTreeMap;

use form_wasm::api::Engine;
use form_wasm::checksum::data_checksum;
use form_wasm::document::{self, html, types::Block, Document};
use form_wasm::evaluate::Kind;
use form_wasm::model::Severity;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::submission::parse;
use crate::summary::{self, Applicant, Filed, Summary};

/// The unit's work as the page keeps it (in the browser's storage).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Work {
    pub files: Vec<FileIn>,
    /// `Row::key`s of the applicants chosen.
    pub chosen: Vec<String>,
    pub unit_name: String,
    /// An option value of the 2.1's unit kind (`city`, `provincial`…).
    pub unit_kind: String,
    /// 推荐时间, `2025-11-20`.
    pub recommended_on: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FileIn {
    pub name: String,
    pub text: String,
}

/// One applicant, as the overview shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Unique on the desk: the credit code, else the operator's name.
    pub key: String,
    #[serde(flatten)]
    pub applicant: Applicant,
    /// Both files present, and paired by the operator's name (a 2.4 has no credit code).
    pub paired_by_name: bool,
    pub complete: bool,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct Overview {
    pub rows: Vec<Row>,
    /// File name and why it cannot be used, in Chinese.
    pub unreadable: Vec<(String, String)>,
    /// 2.1 files among those given: not an applicant's.
    pub summaries: Vec<String>,
    pub metric_labels: Vec<String>,
    /// The 2.1's unit kinds: value and label.
    pub unit_kinds: Vec<(String, String)>,
}

pub struct Desk {
    engines: Vec<Engine>,
}

/// Field ids of the forms the desk writes into, from their `identity`.
struct Ids<'a> {
    summary: &'a Engine,
    plan: &'a Engine,
}

impl Desk {
    pub fn new(engines: Vec<Engine>) -> Desk {
        Desk { engines }
    }

    fn engine_where(&self, test: impl Fn(&Engine) -> bool) -> Option<&Engine> {
        self.engines.iter().find(|e| test(e))
    }

    fn ids(&self) -> Result<Ids<'_>, String> {
        let summary = self.engine_where(|e| e.definition().identity.recommended.is_some());
        let plan = self.engine_where(|e| {
            let id = &e.definition().identity;
            id.recommended.is_none() && id.object_type.is_none() && id.recommender.is_some()
        });
        match (summary, plan) {
            (Some(summary), Some(plan)) => Ok(Ids { summary, plan }),
            _ => Err("本站缺少汇总表（附件2.1）或创建方案（附件2.4）".into()),
        }
    }

    fn summaries(&self, work: &Work) -> Vec<Summary> {
        work.files
            .iter()
            .map(|f| summary::summarise(&f.name, parse(&self.engines, &f.text).map_err(|e| e.in_chinese())))
            .collect()
    }

    /// Every applicant of the files, paired and flagged.
    pub fn overview(&self, work: &Work) -> Overview {
        let mut summaries_2_1 = Vec::new();
        let summaries: Vec<Summary> = self
            .summaries(work)
            .into_iter()
            .filter(|s| match s {
                Summary::Unit(u, ..) => {
                    summaries_2_1.push(u.filed.file.clone());
                    false
                }
                _ => true,
            })
            .collect();
        let report = summary::gather(summaries, &self.engines, false);
        let mut keys: BTreeMap<String, usize> = BTreeMap::new();
        let rows = report
            .applicants
            .into_iter()
            .map(|mut a| {
                let base = if a.credit_code.trim().is_empty() { a.operator_name.trim() } else { a.credit_code.trim() };
                let n = keys.entry(base.to_string()).and_modify(|n| *n += 1).or_insert(1);
                let key = if *n == 1 { base.to_string() } else { format!("{base}#{n}") };
                for f in a.application.iter().chain(a.plan.iter()) {
                    if let Some(note) = self.version_note(f) {
                        a.notes.push(note);
                    }
                }
                let files: Vec<&Filed> = a.application.iter().chain(a.plan.iter()).collect();
                Row {
                    key,
                    paired_by_name: a.application.is_some() && a.plan.is_some(),
                    complete: files.len() == 2 && files.iter().all(|f| f.complete),
                    errors: files.iter().map(|f| f.errors).sum(),
                    warnings: files.iter().map(|f| f.warnings).sum(),
                    applicant: a,
                }
            })
            .collect();
        Overview {
            rows,
            unreadable: report.unreadable,
            summaries: summaries_2_1,
            metric_labels: report.metric_labels,
            unit_kinds: self.unit_kinds(),
        }
    }

    fn unit_kinds(&self) -> Vec<(String, String)> {
        let Ok(ids) = self.ids() else { return Vec::new() };
        let def = ids.summary.definition();
        def.identity
            .recommender_kind
            .as_deref()
            .and_then(|f| def.field(f))
            .map(|f| f.options.iter().map(|o| (o.value.clone(), o.label.clone())).collect())
            .unwrap_or_default()
    }

    /// A file made with another version of its form than this site's.
    fn version_note(&self, f: &Filed) -> Option<String> {
        let def = self.engine_where(|e| format!("附件{}", e.definition().attachment) == f.attachment)?.definition();
        (!f.version.is_empty() && f.version != def.version).then(|| {
            format!("{}（{}）来自表单 {} 版，已按本站 {} 版的规则检查", f.attachment, f.file, f.version, def.version)
        })
    }

    /// One file's official document, as it would print, and its problems.
    pub fn document(&self, work: &Work, name: &str) -> Option<(String, Vec<String>)> {
        let f = work.files.iter().find(|f| f.name == name)?;
        let s = parse(&self.engines, &f.text).ok()?;
        let ev = s.engine.evaluate(&s.answers.data, &s.answers.confirmed_warnings);
        let def = s.engine.definition();
        let problems = ev
            .problems
            .iter()
            .filter(|p| !p.confirmed)
            .map(|p| {
                let label = def.field(&p.field).map_or(p.field.as_str(), |f| f.label.as_str());
                let row = p.row.map(|r| format!("第{r}行")).unwrap_or_default();
                let sev = if p.severity == Severity::Error { "错误" } else { "提示" };
                format!("{sev}：{label}{row}：{}", p.message)
            })
            .collect();
        Some((page(&document::official(def, &ev)), problems))
    }

    /// What the choice gives: refused (the quota, in the notice's words, or
    /// what is missing) before anything is made.
    pub fn produce(&self, work: &Work, now: &str) -> Result<Produced, Vec<String>> {
        let ids = self.ids().map_err(|e| vec![e])?;
        let overview = self.overview(work);
        let chosen: Vec<&Row> = overview.rows.iter().filter(|r| work.chosen.contains(&r.key)).collect();
        let mut missing = Vec::new();
        if work.unit_name.trim().is_empty() {
            missing.push("请填写推荐单位名称。".to_string());
        }
        if work.unit_kind.is_empty() {
            missing.push("请选择推荐单位类型（用于核对推荐数量）。".to_string());
        }
        if chosen.is_empty() {
            missing.push("请勾选拟推荐的创建对象。没有符合条件的可不推荐，此时无需填写汇总表。".to_string());
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        let def = ids.summary.definition();
        let id = &def.identity;
        let mut data = Map::new();
        let mut put = |field: &Option<String>, v: Value| {
            if let Some(f) = field {
                data.insert(f.clone(), v);
            }
        };
        put(&id.recommender, json!(work.unit_name.trim()));
        put(&id.recommender_kind, json!({ "value": work.unit_kind }));
        let objects: Vec<Value> = chosen
            .iter()
            .map(|r| {
                let a = &r.applicant;
                let mut row = Map::new();
                let mut cell = |col: &Option<String>, v: Value| {
                    if let Some(c) = col {
                        row.insert(c.clone(), v);
                    }
                };
                cell(&id.object_name, json!(a.object_name));
                cell(&id.operator_name, json!(a.operator_name));
                let kind = match a.object_type.as_str() {
                    "平台" => "platform",
                    "基地" => "base",
                    _ => "",
                };
                if !kind.is_empty() {
                    cell(&id.object_type_field, json!({ "value": kind }));
                }
                Value::Object(row)
            })
            .collect();
        put(&id.recommended, Value::Array(objects));
        let ev = ids.summary.evaluate(&data, &[]);
        let quota: Vec<String> = ev
            .problems
            .iter()
            .filter(|p| p.kind == Kind::Rule && p.severity == Severity::Error)
            .map(|p| p.message.clone())
            .collect();
        if !quota.is_empty() {
            return Err(quota);
        }
        let summary_doc = document::official(def, &ev);
        let export = ids.summary.export(&ev, &[], now).to_json();
        let day = now.get(..10).unwrap_or_default().replace('-', "");
        let summary_name = form_wasm::view::export_file_name(def, Some(work.unit_name.trim()), &day, ev.complete);
        let covers: Vec<Document> = chosen.iter().map(|r| self.cover(&ids, work, r)).collect();
        let mut cautions = Vec::new();
        for r in &chosen {
            let name = &r.applicant.object_name;
            if r.applicant.application.is_none() {
                cautions.push(format!("{name}：缺少创建申请表（附件2.2或2.3）。"));
            }
            if r.applicant.plan.is_none() {
                cautions.push(format!("{name}：缺少创建方案（附件2.4）；封面按申请表的名称填写。"));
            }
            if !r.complete {
                cautions.push(format!("{name}：材料尚未填写完整或有错误，共{}处错误。", r.errors));
            }
        }
        let manifest = manifest(work, &overview, &chosen, &summary_name, &ev.data, now);
        Ok(Produced {
            summary_name,
            summary_json: export,
            summary_html: page(&summary_doc),
            summary_css: html::page_css(&summary_doc),
            covers_html: covers.iter().map(page).collect::<Vec<_>>().join(""),
            manifest_name: format!("推荐材料清单-{}-{day}.json", clean(work.unit_name.trim())),
            manifest_json: serde_json::to_string_pretty(&manifest).expect("a JSON value serialises"),
            cautions,
        })
    }

    /// The applicant's 2.4 cover, 推荐单位 and 推荐时间 filled: from its
    /// plan, or with the names of its application when it sent none.
    fn cover(&self, ids: &Ids<'_>, work: &Work, r: &Row) -> Document {
        let plan = ids.plan;
        let def = plan.definition();
        let id = &def.identity;
        let mut data = r
            .applicant
            .plan
            .as_ref()
            .and_then(|f| work.files.iter().find(|x| x.name == f.file))
            .and_then(|f| parse(&self.engines, &f.text).ok())
            .map(|s| s.answers.data)
            .unwrap_or_default();
        let mut put = |field: &Option<String>, v: &str| {
            if let Some(f) = field {
                let absent = data.get(f).and_then(Value::as_str).is_none_or(|s| s.trim().is_empty());
                if absent || Some(f) == id.recommender.as_ref() || Some(f) == id.recommended_on.as_ref() {
                    data.insert(f.clone(), json!(v));
                }
            }
        };
        put(&id.object_name, &r.applicant.object_name);
        put(&id.operator_name, &r.applicant.operator_name);
        put(&id.recommender, work.unit_name.trim());
        put(&id.recommended_on, &written_date(&work.recommended_on));
        let ev = plan.evaluate(&data, &[]);
        let full = document::official(def, &ev);
        Document { blocks: full.blocks.into_iter().filter(|b| matches!(b, Block::Cover(_))).collect(), ..full }
    }
}

/// What `produce` gives the page to save and print.
#[derive(Debug, Serialize)]
pub struct Produced {
    pub summary_name: String,
    pub summary_json: String,
    /// The 2.1 as it prints: its markup, and the `@page` rules of its footer.
    pub summary_html: String,
    pub summary_css: String,
    /// Each chosen applicant's 2.4 cover, one page each.
    pub covers_html: String,
    pub manifest_name: String,
    pub manifest_json: String,
    /// What the unit should know about its choice (not refusals).
    pub cautions: Vec<String>,
}

/// A document's markup, its running footer as a data attribute for the page.
fn page(d: &Document) -> String {
    format!("<section class=\"desk-document\" data-footer=\"{}\">{}</section>", html::escape(&d.footer), html::body(d))
}

/// `2025-11-24` (a date input's value) as the cover writes it, `2025年11月24日`.
fn written_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.trim().split('-').collect();
    match parts.as_slice() {
        [y, m, d] if [y, m, d].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) => {
            format!("{y}年{}月{}日", m.trim_start_matches('0'), d.trim_start_matches('0'))
        }
        _ => iso.trim().to_string(),
    }
}

fn clean(s: &str) -> String {
    s.chars().filter(|c| !"\\/:*?\"<>|\n\r\t".contains(*c) && !c.is_control()).take(40).collect()
}

/// Every file on the desk with its 数据校验码, whom the unit recommends, and
/// the 2.1 made: what goes with the paper.
fn manifest(
    work: &Work,
    overview: &Overview,
    chosen: &[&Row],
    summary_name: &str,
    summary_data: &Map<String, Value>,
    now: &str,
) -> Value {
    let chosen_files: Vec<&str> = chosen
        .iter()
        .flat_map(|r| r.applicant.application.iter().chain(r.applicant.plan.iter()))
        .map(|f| f.file.as_str())
        .collect();
    let files: Vec<Value> = overview
        .rows
        .iter()
        .flat_map(|r| r.applicant.application.iter().chain(r.applicant.plan.iter()))
        .map(|f| {
            json!({
                "file": f.file, "attachment": f.attachment, "version": f.version,
                "exported_at": f.exported_at, "complete": f.complete, "data_checksum": f.checksum,
                "recommended": chosen_files.contains(&f.file.as_str()),
            })
        })
        .collect();
    json!({
        "format": "recommendation-manifest/1",
        "produced_at": now,
        "unit": work.unit_name.trim(),
        "unit_kind": work.unit_kind,
        "recommended_on": work.recommended_on,
        "recommended": chosen.iter().map(|r| json!({
            "object_name": r.applicant.object_name,
            "operator_name": r.applicant.operator_name,
            "credit_code": r.applicant.credit_code,
            "object_type": r.applicant.object_type,
        })).collect::<Vec<_>>(),
        "summary_table": { "file": summary_name, "data_checksum": data_checksum(summary_data) },
        "files": files,
        "unreadable": overview.unreadable.iter().map(|(f, why)| json!({"file": f, "reason": why})).collect::<Vec<_>>(),
    })
}
