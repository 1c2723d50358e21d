//! `site-gen report` as the provincial department uses it: a folder of what
//! several recommending units sent, read back from the spreadsheet as a
//! spreadsheet program would (calamine), and from the CSV.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook, Reader, Xlsx};
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn engines() -> Vec<form_wasm::api::Engine> {
    site_gen::validate::engines(&root().join("content")).unwrap_or_else(|_| panic!("the real forms load"))
}

fn fixture(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap()).unwrap()
}

/// The engine's own export of these answers, as an applicant's page makes it.
fn export(form: &str, data: &Value, exported_at: &str) -> String {
    let engines = engines();
    let e = engines.iter().find(|e| e.form_id() == form).unwrap();
    let ev = e.evaluate(data.as_object().unwrap(), &[]);
    e.export(&ev, &[], exported_at).to_json()
}

fn plan(operator: &str, object: &str) -> Value {
    json!({
        "platform_name": object,
        "applicant_name": operator,
        "basic_introduction": "基本情况。",
        "recent_results_text": "近三年成效。",
        "typical_practices": [{"description": "做法一"}, {"description": "做法二"}, {"description": "做法三"}],
        "principles": "原则。",
        "targets": "目标。",
        "creation_tasks": [{"name": "任务一", "content": "内容"}],
        "safeguard_measures": "保障。"
    })
}

fn summary(unit: &str, kind: &str, objects: &[(&str, &str, &str)]) -> Value {
    let rows: Vec<Value> = objects
        .iter()
        .map(|(name, op, t)| json!({"platform_name": name, "operator_name": op, "object_type": {"value": t}}))
        .collect();
    json!({"recommending_unit": unit, "unit_kind": {"value": kind}, "objects": rows})
}

/// The set: two units (one over quota), complete and incomplete applications,
/// a duplicate credit code, a plan without its application, an application
/// without its plan, an older form version, and an unreadable file.
fn fixture_set(dir: &Path) {
    let mut base = fixture("base-complete.json")["data"].clone();
    base["credit_code"] = json!("91440101MA59ABCD1D");
    let platform = fixture("platform-complete.json")["data"].clone();
    let base_op = base["operator_name"].as_str().unwrap().to_string();
    let base_name = base["base_name"].as_str().unwrap().to_string();
    let plat_op = platform["operator_name"].as_str().unwrap().to_string();
    let plat_name = platform["platform_name"].as_str().unwrap().to_string();
    let write = |name: &str, text: String| std::fs::write(dir.join(name), text).unwrap();
    std::fs::create_dir_all(dir.join("广州")).unwrap();
    write(
        "广州/2.1.json",
        export(
            "summary-table",
            &summary("广州市工业和信息化局", "city", &[(&base_name, &base_op, "base")]),
            "2025-11-20T09:00:00+08:00",
        ),
    );
    write("广州/基地申请表.json", export("base-application", &base, "2025-11-19T10:00:00+08:00"));
    write("广州/基地创建方案.json", export("creation-plan", &plan(&base_op, &base_name), "2025-11-19T10:05:00+08:00"));
    std::fs::create_dir_all(dir.join("省有关单位")).unwrap();
    write(
        "省有关单位/2.1.json",
        export(
            "summary-table",
            &summary("省某厅", "provincial", &[(&plat_name, &plat_op, "platform"), ("乙平台", "乙中心", "platform")]),
            "2025-11-21T09:00:00+08:00",
        ),
    );
    write("省有关单位/平台申请表.json", export("platform-application", &platform, "2025-11-18T10:00:00+08:00"));
    let mut newer = platform.clone();
    newer["tax_2024"] = json!("");
    write("省有关单位/平台申请表-修改.json", export("platform-application", &newer, "2025-11-20T16:00:00+08:00"));
    write(
        "省有关单位/乙创建方案.json",
        export("creation-plan", &plan("乙中心", "乙平台"), "2025-11-20T11:00:00+08:00"),
    );
    let mut older: Value =
        serde_json::from_str(&export("base-application", &base, "2025-11-01T10:00:00+08:00")).unwrap();
    older["version"] = json!("2025.0");
    older["data"]["operator_name"] = json!("丙运营公司");
    older["data"]["base_name"] = json!("丙基地");
    older["data"]["credit_code"] = json!("91440300MA5FGH2J35");
    write("旧版本.json", older.to_string());
    write("坏文件.json", "{ 不是 JSON".into());
}

fn rows(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]))
}

#[test]
fn the_provinces_spreadsheet_has_every_applicant_unit_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("received");
    std::fs::create_dir_all(&set).unwrap();
    fixture_set(&set);
    let xlsx = dir.path().join("report.xlsx");
    let csv = dir.path().join("report.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .current_dir(root())
        .args(["report", set.to_str().unwrap(), "--xlsx", xlsx.to_str().unwrap(), "--csv", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "an unreadable file: {}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("坏文件.json"), "the unreadable file is named");

    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let applicants = rows(&mut book, "申报对象");
    let (unit, name, notes, plan_col) = (
        column(&applicants, "推荐单位"),
        column(&applicants, "运营主体名称"),
        column(&applicants, "说明"),
        column(&applicants, "创建方案"),
    );
    let row = |op: &str| applicants.iter().filter(|r| r[name] == op).collect::<Vec<_>>();
    let base = fixture("base-complete.json")["data"]["operator_name"].as_str().unwrap().to_string();
    let platform = fixture("platform-complete.json")["data"]["operator_name"].as_str().unwrap().to_string();
    // Paired: the base's application and plan, recommended by 广州.
    let b = row(&base);
    assert_eq!(b.len(), 1);
    assert_eq!(b[0][unit], "广州市工业和信息化局");
    assert_eq!(b[0][plan_col], "附件2.4");
    assert_eq!(b[0][column(&applicants, "2024年度人均产出")], "46.67");
    // The platform twice with one credit code: both flagged, the newer said.
    let p = row(&platform);
    assert_eq!(p.len(), 2);
    assert!(p.iter().all(|r| r[notes].contains("统一社会信用代码与另外1份申请表相同")), "{p:?}");
    assert!(p.iter().any(|r| r[notes].contains("本份导出时间最新")));
    // A plan without its application; an application no 2.1 lists.
    assert!(row("乙中心")[0][notes].contains("缺少创建申请表"));
    assert!(row("丙运营公司")[0][notes].contains("未见于任何汇总表"));

    let units = rows(&mut book, "推荐单位");
    let quota = column(&units, "名额情况");
    let provincial = units.iter().find(|r| r[0] == "省某厅").unwrap();
    assert_eq!(provincial[quota], "省有关单位推荐创建对象不超过1个，超过数量不予受理。请删减至1个。");
    assert_eq!(units.iter().find(|r| r[0] == "广州市工业和信息化局").unwrap()[quota], "未超过名额");

    let problems = rows(&mut book, "问题");
    assert!(problems.iter().any(|r| r[0].ends_with("坏文件.json") && r[2] == "无法读取"));
    assert!(problems.iter().any(|r| r[1] == "表单版本" && r[3].contains("2025.0")));
    assert!(problems.iter().any(|r| r[0].ends_with("平台申请表-修改.json") && r[1] == "上缴税金" && r[2] == "错误"));

    // The CSV holds the same applicants table.
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let csv_rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    assert_eq!(csv_rows, applicants[1..].to_vec());
}

#[test]
fn all_complete_and_within_quota_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let base = fixture("base-complete.json")["data"].clone();
    let op = base["operator_name"].as_str().unwrap().to_string();
    let name = base["base_name"].as_str().unwrap().to_string();
    std::fs::write(dir.path().join("a.json"), export("base-application", &base, "2025-11-19")).unwrap();
    std::fs::write(dir.path().join("b.json"), export("creation-plan", &plan(&op, &name), "2025-11-19")).unwrap();
    std::fs::write(
        dir.path().join("c.json"),
        export("summary-table", &summary("某市", "city", &[(&name, &op, "base")]), "2025-11-19"),
    )
    .unwrap();
    let xlsx = dir.path().join("r.xlsx");
    let o = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .current_dir(root())
        .args(["report", dir.path().to_str().unwrap(), "--xlsx", xlsx.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
