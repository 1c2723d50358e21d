//! Evaluation speed (run: `cargo bench -p form-wasm`).
//!
//! The base form (2.3) and the platform form (2.2) filled to realistic size
//! (30 enterprises, 15 activities, 12 agreements), and a generated form of
//! 10,000 fields:
//! - whole-form: `evaluate` on parsed answers, and the same including
//!   reading the answers from JSON and writing the evaluation as JSON (what
//!   `site-gen validate` does per file);
//! - per keystroke, as the page does: one answer changed in a session (a
//!   number, or one cell of the longest table) and the evaluation taken.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use form_wasm::api::Engine;
use form_wasm::bundle::Bundle;
use form_wasm::export::Answers;
use form_wasm::model::{FormDef, IndustryList};
use serde_json::{json, Map, Value};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn engine(name: &str) -> Engine {
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let form: FormDef = serde_yaml::from_str(&read(&root().join(format!("content/forms/{name}.yaml")))).expect("form");
    let mut lists = BTreeMap::new();
    for (_, f) in form.fields() {
        if let Some(l) = &f.list {
            let list: IndustryList = serde_yaml::from_str(&read(&root().join("content/data").join(l))).expect("list");
            lists.insert(l.clone(), list);
        }
    }
    Engine::new(Bundle::new(form, lists)).expect("engine")
}

fn fixture(name: &str) -> (Map<String, Value>, String) {
    let text = std::fs::read_to_string(root().join("tests/fixtures").join(name)).expect("fixture");
    let v: Value = serde_json::from_str(&text).expect("json");
    (v["data"].as_object().cloned().unwrap_or_default(), text)
}

fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    for _ in 0..runs / 10 {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A form of `sections` × `per` fields: in each section numbers, texts, a
/// required date and a computed sum of its numbers, with a rule on the sum.
fn wide_form(sections: usize, per: usize) -> FormDef {
    let section = |s: usize| {
        let mut fields: Vec<Value> = (0..per - 1)
            .map(|k| match k % 5 {
                0 => json!({"id": format!("s{s}_f{k}"), "label": format!("第{s}部分文字{k}"), "type": "text", "required": true}),
                1 => json!({"id": format!("s{s}_f{k}"), "label": format!("第{s}部分日期{k}"), "type": "date"}),
                _ => json!({"id": format!("s{s}_f{k}"), "label": format!("第{s}部分数量{k}"), "type": "integer", "required": true}),
            })
            .collect();
        let numbers: Vec<String> = (0..per - 1).filter(|k| k % 5 > 1).map(|k| format!("s{s}_f{k}")).collect();
        fields.push(json!({"id": format!("s{s}_sum"), "label": format!("第{s}部分合计"), "type": "computed", "formula": numbers.join(" + ")}));
        json!({"id": format!("s{s}"), "title": format!("第{s}部分"), "fields": fields})
    };
    let rules: Vec<Value> = (0..sections)
        .map(|s| json!({"id": format!("r{s}"), "check": format!("s{s}_sum >= 0"), "message": format!("第{s}部分合计不能为负数"), "severity": "warning"}))
        .collect();
    serde_json::from_value(json!({
        "id": "wide", "version": "1", "attachment": "X", "title": "一万项的表",
        "sections": (0..sections).map(section).collect::<Vec<_>>(),
        "rules": rules,
    }))
    .expect("a valid generated form")
}

/// Every field of the generated form answered.
fn wide_answers(form: &FormDef) -> Map<String, Value> {
    form.fields()
        .into_iter()
        .filter(|(_, f)| f.formula.is_none())
        .map(|(_, f)| {
            let v = match f.kind {
                form_wasm::model::FieldType::Text => json!("某某单位"),
                form_wasm::model::FieldType::Date => json!("2024-03-01"),
                _ => json!("12"),
            };
            (f.id.clone(), v)
        })
        .collect()
}

/// The median time of one keystroke: `change(i)` gives the i-th value typed.
fn keystroke(
    e: &Engine,
    data: &Map<String, Value>,
    id: &str,
    runs: usize,
    change: impl Fn(usize) -> Value,
) -> Duration {
    let p = e.prepared();
    let mut session = e.begin(data.clone(), Vec::new());
    let values: Vec<Value> = (0..20).map(change).collect();
    let mut i = 0;
    median_of(runs, || {
        i += 1;
        session.set(p, id, values[i % values.len()].clone());
        std::hint::black_box(session.evaluation(p));
    })
}

fn main() {
    for (form, file) in [("base-application", "base-complete.json"), ("platform-application", "platform-complete.json")]
    {
        let e = engine(form);
        let (data, text) = fixture(file);
        let rows: usize = data.values().filter_map(Value::as_array).map(Vec::len).sum();
        let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3000);
        let eval = median_of(runs, || {
            std::hint::black_box(e.evaluate(std::hint::black_box(&data), &[]));
        });
        let json = median_of(runs, || {
            let answers = Answers::from_value(serde_json::from_str(std::hint::black_box(&text)).expect("json"));
            let ev = e.evaluate(&answers.data, &answers.confirmed_warnings);
            std::hint::black_box(serde_json::to_string(&ev).expect("an evaluation serialises"));
        });
        let number = keystroke(&e, &data, "service_staff", runs, |i| json!((40 + i).to_string()));
        let table = e
            .definition()
            .fields()
            .into_iter()
            .map(|(_, f)| f)
            .filter(|f| f.columns.len() > 1)
            .max_by_key(|f| data.get(&f.id).and_then(Value::as_array).map_or(0, Vec::len));
        let cell = table.map(|t| {
            let rows = data[&t.id].clone();
            let column = t.columns[0].id.clone();
            keystroke(&e, &data, &t.id, runs, move |i| {
                let mut rows = rows.clone();
                let middle = rows.as_array().map_or(0, |r| r.len() / 2);
                rows[middle][&column] = json!(format!("第{i}次改写的名称"));
                rows
            })
        });
        println!(
            "{form:>22}: {} answers, {rows} table rows — evaluate median {:.1} µs; parse + evaluate + write JSON median {:.1} µs; \
             per keystroke: a number {:.1} µs, a table cell {:.1} µs",
            data.len(),
            eval.as_secs_f64() * 1e6,
            json.as_secs_f64() * 1e6,
            number.as_secs_f64() * 1e6,
            cell.unwrap_or_default().as_secs_f64() * 1e6,
        );
    }

    let form = wide_form(100, 100);
    let data = wide_answers(&form);
    let e = Engine::new(Bundle::new(form, BTreeMap::new())).expect("engine");
    let runs = 30;
    let eval = median_of(runs, || {
        std::hint::black_box(e.evaluate(std::hint::black_box(&data), &[]));
    });
    let number = keystroke(&e, &data, "s50_f7", runs * 3, |i| json!(i.to_string()));
    println!(
        "{:>22}: {} answers — evaluate median {:.2} ms; per keystroke: a number {:.2} ms",
        "10,000 fields",
        data.len(),
        eval.as_secs_f64() * 1e3,
        number.as_secs_f64() * 1e3,
    );
}
