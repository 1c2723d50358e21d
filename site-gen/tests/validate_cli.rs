//! `site-gen validate` as the people who receive submissions use it.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn validate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_site-gen")).current_dir(root()).arg("validate").args(args).output().unwrap()
}

/// The real form `id` as the engine's bundle.
fn bundle_of(id: &str) -> form_wasm::bundle::Bundle {
    let content = root().join("content");
    let loaded = site_gen::content::load(&content).unwrap_or_else(|_| panic!("content loads"));
    let forms = site_gen::forms::load(&content, &loaded.forms).unwrap_or_else(|_| panic!("forms load"));
    forms.iter().find(|f| f.def.id == id).unwrap().bundle()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn complete_files_exit_zero_and_show_their_metrics() {
    let o = validate(&["tests/fixtures/base-complete.json", "tests/fixtures/platform-complete.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("tests/fixtures/base-complete.json: base-application 2025.1 — complete (0 errors, 0 warnings)")
    );
    assert!(out.contains("  = 近两年基地入驻企业总营业收入增速: 12.00 %"), "{out}");
    assert!(out.contains("  = 企业平均满意度: 94.5 分"), "{out}");
    // The same 数据校验码 as the engine's export of those answers.
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/base-complete.json")).unwrap())
            .unwrap();
    let e = form_wasm::api::Engine::new(bundle_of("base-application")).unwrap();
    let ev = e.evaluate(v["data"].as_object().unwrap(), &[]);
    let export: serde_json::Value = serde_json::from_str(&e.export(&ev, &[], "2026-11-27").to_json()).unwrap();
    let checksum = export["data_checksum"].as_str().unwrap();
    assert!(out.contains(&format!("  数据校验码 {checksum}\n")), "{out}");
}

#[test]
fn a_file_with_problems_exits_one_and_names_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/base-complete.json")).unwrap())
            .unwrap();
    v["data"]["resident_revenue_2023"] = "0".into();
    v["data"]["credit_code"] = "91350100M000100Y44".into();
    v["data"]["service_income_2024"] = "９０００".into();
    let file = write(dir.path(), "bad.json", &v.to_string());
    let o = validate(&[&file]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    // 服务收入 above 营业收入 is the site's inference, not the seed's: a warning.
    assert!(out.contains("INCOMPLETE (1 errors, 1 warnings)"), "{out}");
    assert!(
        out.contains("  = 近两年基地入驻企业总营业收入增速: 无法计算：「2023年度入驻企业总营业收入」为0，不能作除数"),
        "{out}"
    );
    assert!(out.contains("  error credit_code: 「统一社会信用代码」：统一社会信用代码校验位不符"), "{out}");
    assert!(out.contains("  warning service_income_2024: "), "{out}");
}

#[test]
fn an_unreadable_file_or_unknown_form_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.json", "{ not json");
    let other = write(dir.path(), "other.json", r#"{"form": "no-such-form", "data": {}}"#);
    let bare = write(dir.path(), "bare.json", r#"{"whatever": 1}"#);
    for (file, expect) in [
        (bad.as_str(), "is not valid JSON"),
        (other.as_str(), "names form `no-such-form`, which this site does not have"),
        (bare.as_str(), "names no known form"),
        ("/nonexistent/x.json", "cannot read"),
    ] {
        let o = validate(&[file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(stdout(&o).contains(expect), "{file}: {}", stdout(&o));
    }
}

#[test]
fn a_bare_object_of_answers_is_matched_to_its_form() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bare.json", r#"{"base_name": "甲基地", "resident_smes": "３００"}"#);
    let o = validate(&[&file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(": base-application 2025.1 — INCOMPLETE"), "{}", stdout(&o));
}

#[test]
fn json_output_for_machines() {
    let o = validate(&["--json", "tests/fixtures/base-complete.json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["form"], "base-application");
    assert_eq!(v[0]["evaluation"]["complete"], true);
    let growth =
        v[0]["evaluation"]["metrics"].as_array().unwrap().iter().find(|m| m["id"] == "revenue_growth").unwrap();
    assert_eq!(growth["value"], "12.00");
}

#[test]
fn json_numbers_in_a_file_are_read_exactly() {
    // Numbers as JSON numbers, as a file made elsewhere may carry them: no
    // figure may pass through binary floating point on the way in.
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/base-complete.json")).unwrap())
            .unwrap();
    v["data"]["revenue_2024"] = "@revenue".into();
    v["data"]["assets_2024"] = "@assets".into();
    let text =
        v.to_string().replace(r#""@revenue""#, "123456789012345.67").replace(r#""@assets""#, "1234567890123.4567");
    let file = write(dir.path(), "numbers.json", &text);
    let o = validate(&["--json", &file]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let data = &report[0]["evaluation"]["data"];
    assert_eq!(data["revenue_2024"], "123456789012345.67", "{}", stdout(&o));
    assert_eq!(data["assets_2024"], "1234567890123.4567", "{}", stdout(&o));
}
