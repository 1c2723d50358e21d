//! The evidence index of the real platform form (2.2) for two contrasting
//! applicants: what each must bind, in form order, in the seed's words.

#![allow(clippy::unwrap_used)]

mod common;

use common::{engine, fixture};
use form_wasm::evidence::index;
use serde_json::json;

fn items(changes: &[(&str, serde_json::Value)]) -> Vec<String> {
    let e = engine("platform-application");
    let mut data = fixture("platform-complete.json");
    for (k, v) in changes {
        data.insert(k.to_string(), v.clone());
    }
    let ev = e.evaluate(&data, &[]);
    index(e.definition(), &ev).into_iter().map(|i| i.item).collect()
}

#[test]
fn a_complete_platform_lists_every_applicable_item_in_form_order() {
    let all = items(&[]);
    assert_eq!(all.first().map(String::as_str), Some("一、平台基本情况 · 运营主体基本情况 · 单位性质"));
    for needed in [
        "二、2024年度收支情况",
        "三、平台系统建设情况 · 平台登录方式、经费、人员、制度及资质情况 · 是否制定服务发展规划",
        "五、平台服务成效情况 · 线下服务拓展情况",
    ] {
        assert!(all.iter().any(|i| i == needed), "{needed} in {all:#?}");
    }
    let mut numbered = all.clone();
    numbered.dedup();
    assert_eq!(numbered.len(), all.len(), "each item once");
}

#[test]
fn a_no_answer_needs_no_rule_document_and_a_zero_count_no_list() {
    let fewer = items(&[
        ("has_development_plan", json!(false)),
        ("has_annual_plan", json!(false)),
        ("tech_service_columns", json!("0")),
    ]);
    let all = items(&[]);
    assert_eq!(all.len() - fewer.len(), 3, "{fewer:#?}");
    assert!(!fewer.iter().any(|i| i.ends_with("是否制定服务发展规划") || i.ends_with("是否制定年度服务计划")));
    assert!(fewer.iter().any(|i| i.ends_with("是否制定服务管理制度")));
}
