//! The notice is the rule book: the forms never refuse what the seed allows,
//! leave to the applicant what the template leaves open, and add no figure
//! of their own to what counts. Each test is one case of issue 9.

#![allow(clippy::unwrap_used)]

mod common;

use common::{engine, eval_with, fixture, metric, value};
use form_wasm::evaluate::Kind;
use form_wasm::model::Severity;
use serde_json::{json, Map, Value};

fn base(changes: &[(&str, Value)]) -> form_wasm::evaluate::Evaluation {
    eval_with("base-application", "base-complete.json", changes)
}

fn platform(changes: &[(&str, Value)]) -> form_wasm::evaluate::Evaluation {
    eval_with("platform-application", "platform-complete.json", changes)
}

fn severity_of(ev: &form_wasm::evaluate::Evaluation, rule: &str) -> Option<Severity> {
    ev.problems.iter().find(|p| p.rule.as_deref() == Some(rule)).map(|p| p.severity)
}

#[test]
fn the_recommending_unit_fills_its_own_lines_on_the_cover() {
    let e = engine("creation-plan");
    let ev = e.evaluate(&Map::new(), &[]);
    let required: Vec<&str> =
        ev.problems.iter().filter(|p| p.kind == Kind::Required).map(|p| p.field.as_str()).collect();
    assert!(!required.contains(&"recommended_on") && !required.contains(&"recommending_unit"), "{required:?}");
    assert!(required.contains(&"platform_name") && required.contains(&"applicant_name"), "{required:?}");
    // When the unit does fill it, it writes it as it likes.
    let mut data = Map::new();
    data.insert("recommended_on".into(), json!("2025年11月"));
    let ev = e.evaluate(&data, &[]);
    assert!(!ev.problems.iter().any(|p| p.field == "recommended_on"), "{:?}", ev.problems);
}

#[test]
fn the_creation_plan_asks_for_its_headings_not_for_fixed_years_or_tables() {
    let ev = engine("creation-plan").evaluate(&Map::new(), &[]);
    let mut required: Vec<&str> =
        ev.problems.iter().filter(|p| p.kind == Kind::Required).map(|p| p.field.as_str()).collect();
    required.sort();
    assert_eq!(
        required,
        [
            "applicant_name",
            "basic_introduction",
            "creation_tasks",
            "platform_name",
            "principles",
            "recent_results_text",
            "safeguard_measures",
            "targets",
            "typical_practices"
        ]
    );
    // The yearly aid takes whichever years the applicant reports.
    let mut data = Map::new();
    data.insert("plan_type".into(), json!({"value": "platform"}));
    data.insert(
        "served_totals".into(),
        json!([{"year": "2022年", "total": "100"}, {"year": "2025年1—10月", "total": "90"}]),
    );
    let ev = engine("creation-plan").evaluate(&data, &[]);
    assert!(!ev.problems.iter().any(|p| p.field == "served_totals"), "{:?}", ev.problems);
}

#[test]
fn output_per_area_and_per_person_follow_the_basis_the_applicant_chooses() {
    // Default: land area (200000 m²) and the resident staff count (12000).
    let ev = base(&[]);
    assert_eq!(value(&ev, "output_per_area_2024"), "2.8000");
    assert_eq!(value(&ev, "output_per_person_2024"), "46.67");
    // 560000 / 350000 m² of buildings = 1.6; 560000 / 8000 people = 70.
    let ev = base(&[("output_area_basis", json!({"value": "building"})), ("output_staff_count", json!("8000"))]);
    assert_eq!(value(&ev, "output_per_area_2024"), "1.6000");
    assert_eq!(value(&ev, "output_per_person_2024"), "70.00");
    let inputs: Vec<&str> = metric(&ev, "output_per_area_2024").inputs.iter().map(|i| i.label.as_str()).collect();
    assert!(inputs.contains(&"地均产出所用面积"), "the working names the basis: {inputs:?}");
    // Per 亩 (2000/3 m²): 560000 × 2000 / (3 × 200000) = 1866.6667 万元/亩.
    let ev = base(&[("output_area_unit", json!({"value": "mu"}))]);
    assert_eq!(value(&ev, "output_per_area_2024"), "1866.6667");
    assert_eq!(metric(&ev, "output_per_area_2024").unit.as_deref(), Some("万元/亩"));
    let unit = metric(&ev, "output_per_area_2024").inputs.iter().find(|i| i.label == "地均产出的面积单位").unwrap();
    assert_eq!(unit.value, "亩", "the working shows the choice as chosen, not its key");
    assert_eq!(metric(&base(&[]), "output_per_area_2024").unit.as_deref(), Some("万元/平方米"));
}

#[test]
fn each_enterprise_counts_under_one_title_in_the_quality_share() {
    // As entered (may double-count): (1×20 + 5×10 + 30×2 + 50 + 60 + 40) / 300 = 93.33 %.
    assert_eq!(value(&base(&[]), "quality_enterprise_share"), "93.33");
    // De-duplicated: (1×20 + 4×10 + 20×2 + 100) / 300 = 66.67 %.
    let ev = base(&[
        ("unique_champions", json!("1")),
        ("unique_little_giants", json!("4")),
        ("unique_specialised", json!("20")),
        ("unique_other_titled", json!("100")),
    ]);
    assert_eq!(value(&ev, "quality_enterprise_share"), "66.67");
    // And the denominator, 基地企业数量, when the applicant gives it: 200 / 400 = 50 %.
    let ev = base(&[
        ("unique_champions", json!("0")),
        ("unique_little_giants", json!("0")),
        ("unique_specialised", json!("0")),
        ("unique_other_titled", json!("200")),
        ("base_enterprise_count", json!("400")),
    ]);
    assert_eq!(value(&ev, "quality_enterprise_share"), "50.00");
}

#[test]
fn the_service_income_share_divides_by_total_income_when_given() {
    // 3000 / 8000 营业收入 = 37.50 %; with 总收入 12000: 25.00 %.
    assert_eq!(value(&base(&[]), "operator_service_income_share"), "37.50");
    let ev = base(&[("total_income_2024", json!("12000"))]);
    assert_eq!(value(&ev, "operator_service_income_share"), "25.00");
}

#[test]
fn parts_above_their_total_are_warnings_to_confirm_not_refusals() {
    // A 公益一类 unit funded by appropriations may book service income outside 营业收入.
    let ev = base(&[("service_income_2024", json!("9000"))]);
    assert_eq!(severity_of(&ev, "service_income_within_revenue"), Some(Severity::Warning));
    assert!(ev.complete, "a warning does not block: {:?}", ev.problems);
    let ev = platform(&[("gov_income_2024", json!("6000"))]);
    assert_eq!(severity_of(&ev, "gov_income_within_revenue"), Some(Severity::Warning));
    assert!(ev.complete, "{:?}", ev.problems);
    let ev = base(&[("platforms_total", json!("13"))]);
    assert_eq!(severity_of(&ev, "platforms_total_matches"), Some(Severity::Warning));
}

#[test]
fn a_blank_score_is_no_score_in_the_average() {
    let mut rows = fixture("platform-complete.json")["served_enterprises"].as_array().unwrap().clone();
    rows.truncate(30);
    for (i, r) in rows.iter_mut().enumerate() {
        let score = match i {
            0 => json!("95"),
            1 => json!("98.5"),
            _ => Value::Null,
        };
        r["satisfaction"] = score;
    }
    let ev = platform(&[("served_enterprises", Value::Array(rows))]);
    // (95 + 98.5) / 2 = 96.75 → 96.8, not (95 + 98.5 + 0 × 28) / 30.
    assert_eq!(value(&ev, "average_satisfaction"), "96.8");
}

#[test]
fn the_database_cell_is_one_free_text_as_in_the_template() {
    let e = engine("platform-application");
    assert!(e.has_field("databases"));
    for gone in ["sme_db_entries", "policy_db_overview", "case_db_entries"] {
        assert!(!e.has_field(gone), "{gone}");
    }
    let ev = platform(&[("databases", json!("中小企业库12万家；法律政策库5600条；另建有专家库。"))]);
    assert!(ev.complete, "{:?}", ev.problems);
}

#[test]
fn site_aids_are_never_required() {
    for form in common::FORMS {
        let e = engine(form);
        let ev = e.evaluate(&Map::new(), &[]);
        for (_, f) in e.definition().fields().into_iter().filter(|(_, f)| f.aid) {
            assert!(
                !ev.problems.iter().any(|p| p.field == f.id && p.kind == Kind::Required),
                "{form}: the aid {} is required",
                f.id
            );
        }
    }
}

#[test]
fn the_quota_is_two_for_every_unit_and_one_for_a_provincial_unit() {
    let e = engine("summary-table");
    let row = json!({"platform_name": "甲平台", "operator_name": "甲中心", "object_type": {"value": "platform"}});
    let with = |rows: usize, kind: Option<&str>| {
        let mut data = Map::new();
        data.insert("objects".into(), Value::Array(vec![row.clone(); rows]));
        if let Some(k) = kind {
            data.insert("unit_kind".into(), json!({"value": k}));
        }
        e.evaluate(&data, &[])
    };
    let quota_errors = |ev: &form_wasm::evaluate::Evaluation| {
        ev.problems.iter().filter(|p| p.kind == Kind::Rule && p.severity == Severity::Error).count()
    };
    assert_eq!(quota_errors(&with(2, None)), 0);
    assert_eq!(quota_errors(&with(3, None)), 1, "over 2 is refused even before the unit's kind is chosen");
    assert_eq!(quota_errors(&with(2, Some("provincial"))), 1);
    assert_eq!(quota_errors(&with(1, Some("provincial"))), 0);
}

#[test]
fn limits_the_seed_sets_refuse_limits_the_site_infers_only_warn() {
    let served = || fixture("platform-complete.json")["served_enterprises"].as_array().unwrap().clone();
    let format_problems = |ev: &form_wasm::evaluate::Evaluation, field: &str| -> Vec<Severity> {
        ev.problems.iter().filter(|p| p.field == field && p.kind == Kind::Format).map(|p| p.severity).collect()
    };
    // 满分100分: the seed's own limit.
    let mut rows = served();
    rows[0]["satisfaction"] = json!("120");
    let ev = platform(&[("served_enterprises", Value::Array(rows))]);
    assert_eq!(format_problems(&ev, "served_enterprises"), [Severity::Error]);
    // 2025年线下开展的活动: an activity of 2024 is refused.
    let mut rows = fixture("platform-complete.json")["offline_activities"].as_array().unwrap().clone();
    rows[0]["activity_date"] = json!("2024年12月");
    let ev = platform(&[("offline_activities", Value::Array(rows))]);
    assert_eq!(format_problems(&ev, "offline_activities"), [Severity::Error]);
    // A share over 100% is the site's inference (R&D spending may exceed revenue):
    // kept, with a warning the applicant can confirm.
    let ev = base(&[("rd_intensity_2024", json!("120"))]);
    assert_eq!(format_problems(&ev, "rd_intensity_2024"), [Severity::Warning]);
    assert_eq!(ev.data["rd_intensity_2024"], json!("120.00"));
    let warning = ev.problems.iter().find(|p| p.field == "rd_intensity_2024").unwrap();
    assert!(warning.rule.is_some(), "a warning the page can confirm");
    assert!(ev.complete);
}
