//! The evidence index (佐证材料目录): from the forms' own evidence notes
//! (`evidence:` on fields and sections, the seed's words) and the answers,
//! the materials this applicant has to provide, numbered in form order.
//!
//! Only what applies: a 是 answer that calls for 制度文件 (not a 否), a count
//! above zero that calls for 企业名单, a table with rows, a section with
//! answers. A blank form lists every note, for filling by hand.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::evaluate::Evaluation;
use crate::model::{Field, FieldType, FormDef, Section};

/// What the notice says of every piece of evidence: 相关佐证材料（中小企业公共
/// 服务平台（基地）运营主体加盖公章）.
pub const STAMP_NOTE: &str = "佐证材料须加盖运营主体公章";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceItem {
    /// From 1, in form order.
    pub number: usize,
    /// The form item it supports: `一、平台基本情况 · 单位性质`.
    pub item: String,
    /// The seed's own words of what to provide.
    pub provide: String,
}

/// The applicable evidence for these answers (every note for a blank form).
pub fn index(def: &FormDef, ev: &Evaluation) -> Vec<EvidenceItem> {
    let blank = ev.data.is_empty();
    let mut found: Vec<(String, String)> = Vec::new();
    for s in &def.sections {
        walk(s, &[], ev, blank, &mut found);
    }
    found.into_iter().enumerate().map(|(i, (item, provide))| EvidenceItem { number: i + 1, item, provide }).collect()
}

fn walk(s: &Section, path: &[&str], ev: &Evaluation, blank: bool, out: &mut Vec<(String, String)>) {
    if ev.hidden_sections.contains(&s.id) {
        return;
    }
    let mut here: Vec<&str> = path.to_vec();
    here.push(&s.title);
    if let Some(provide) = &s.evidence {
        if blank || answered_within(s, ev) {
            out.push((here.join(" · "), provide.clone()));
        }
    }
    for f in s.fields.iter().filter(|f| !f.aid) {
        if let Some(provide) = &f.evidence {
            if blank || applies(f, ev.data.get(&f.id)) {
                let mut item = here.clone();
                item.push(&f.label);
                out.push((item.join(" · "), provide.clone()));
            }
        }
    }
    for sub in &s.sections {
        walk(sub, &here, ev, blank, out);
    }
}

/// Any answer to a field of the section or below it.
fn answered_within(s: &Section, ev: &Evaluation) -> bool {
    s.fields.iter().any(|f| !f.aid && ev.data.contains_key(&f.id)) || s.sections.iter().any(|x| answered_within(x, ev))
}

/// Whether the field's answer calls for its evidence.
fn applies(f: &Field, answer: Option<&Value>) -> bool {
    let Some(v) = answer else { return false };
    match (f.kind, v) {
        (FieldType::YesNo, Value::Bool(yes)) => *yes,
        (FieldType::Table, Value::Array(rows)) => !rows.is_empty(),
        (FieldType::Integer | FieldType::Decimal, Value::String(n)) => {
            n.parse::<Decimal>().map_or(true, |d| !d.is_zero())
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Engine;
    use crate::bundle::Bundle;
    use serde_json::json;

    fn engine() -> Engine {
        let def: FormDef = serde_json::from_value(json!({
            "id": "t", "version": "1", "attachment": "9", "title": "T",
            "sections": [
                {"id": "a", "title": "一、甲", "evidence": "请提供审计报告", "fields": [
                    {"id": "revenue", "label": "营业收入", "type": "money"},
                    {"id": "plan", "label": "是否制定规划", "type": "yes_no", "evidence": "请提供具体制度文件"},
                    {"id": "firms", "label": "企业数量", "type": "integer", "evidence": "请提供企业名单"},
                    {"id": "basis", "label": "口径", "type": "text", "aid": true, "required": false, "evidence": "不应出现"}
                ]}
            ]
        }))
        .expect("a valid definition");
        Engine::new(Bundle::new(def, Default::default())).expect("engine")
    }

    fn items(data: Value) -> Vec<String> {
        let e = engine();
        let ev = e.evaluate(data.as_object().expect("object"), &[]);
        index(e.definition(), &ev).into_iter().map(|i| format!("{} {}：{}", i.number, i.item, i.provide)).collect()
    }

    #[test]
    fn only_what_the_answers_call_for_numbered_in_form_order() {
        assert_eq!(
            items(json!({"revenue": "10", "plan": true, "firms": "3"})),
            [
                "1 一、甲：请提供审计报告",
                "2 一、甲 · 是否制定规划：请提供具体制度文件",
                "3 一、甲 · 企业数量：请提供企业名单"
            ]
        );
        assert_eq!(items(json!({"revenue": "10", "plan": false, "firms": "0"})), ["1 一、甲：请提供审计报告"]);
    }

    #[test]
    fn a_blank_form_lists_every_note_but_never_an_aids() {
        let all = items(json!({}));
        assert_eq!(all.len(), 3);
        assert!(!all.iter().any(|i| i.contains("不应出现")));
    }
}
