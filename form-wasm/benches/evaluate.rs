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
//!
//! Times drift with whatever else the machine runs. With
//! `BENCH_INSTRUCTIONS=1` each operation is instead counted in instructions
//! per run, which repeat to within about 0.01% for the same binary (only the
//! hash maps' random keys differ): valgrind's cachegrind runs the bench
//! itself, once with no runs and once with many, and the difference per run
//! is reported. Compare two versions of the engine this way.

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

/// One keystroke as the page makes it, ready to repeat: `change(i)` is the
/// i-th value typed into `id`; each run sets the next and takes the evaluation.
fn keystroke<'a>(
    e: &'a Engine,
    data: &Map<String, Value>,
    id: &'a str,
    change: impl Fn(usize) -> Value,
) -> Box<dyn FnMut() + 'a> {
    let p = e.prepared();
    let mut session = e.begin(data.clone(), Vec::new());
    let values: Vec<Value> = (0..20).map(change).collect();
    let mut i = 0;
    Box::new(move || {
        i += 1;
        session.set(p, id, values[i % values.len()].clone());
        std::hint::black_box(session.evaluation(p));
    })
}

/// A whole-form evaluation of `data`, ready to repeat.
fn whole_form<'a>(e: &'a Engine, data: &'a Map<String, Value>) -> Box<dyn FnMut() + 'a> {
    Box::new(move || {
        std::hint::black_box(e.evaluate(std::hint::black_box(data), &[]));
    })
}

/// What is measured on one form: (name, operation ready to repeat).
type Operations<'a> = Vec<(&'static str, Box<dyn FnMut() + 'a>)>;

/// The operations on a filled form: whole-form evaluation, the same from
/// and to JSON, and a keystroke in `number_field` and in a cell of the
/// longest table.
fn operations<'a>(e: &'a Engine, data: &'a Map<String, Value>, text: &'a str, number_field: &'a str) -> Operations<'a> {
    let mut ops: Operations<'a> = vec![
        ("evaluate", whole_form(e, data)),
        (
            "parse + evaluate + write JSON",
            Box::new(move || {
                let answers = Answers::from_value(serde_json::from_str(std::hint::black_box(text)).expect("json"));
                let ev = e.evaluate(&answers.data, &answers.confirmed_warnings);
                std::hint::black_box(serde_json::to_string(&ev).expect("an evaluation serialises"));
            }),
        ),
        ("keystroke in a number", keystroke(e, data, number_field, |i| json!((40 + i).to_string()))),
    ];
    let table = e
        .definition()
        .fields()
        .into_iter()
        .map(|(_, f)| f)
        .filter(|f| f.columns.len() > 1)
        .max_by_key(|f| data.get(&f.id).and_then(Value::as_array).map_or(0, Vec::len));
    if let Some(t) = table {
        let rows = data[&t.id].clone();
        let column = t.columns[0].id.clone();
        let cell = keystroke(e, data, &t.id, move |i| {
            let mut rows = rows.clone();
            let middle = rows.as_array().map_or(0, |r| r.len() / 2);
            rows[middle][&column] = json!(format!("第{i}次改写的名称"));
            rows
        });
        ops.push(("keystroke in a table cell", cell));
    }
    ops
}

/// The forms measured: name, its filled answers' fixture, a number field.
const FORMS: [(&str, &str, &str); 2] = [
    ("base-application", "base-complete.json", "service_staff"),
    ("platform-application", "platform-complete.json", "service_staff"),
];

/// Under cachegrind (`BENCH_CASE=form/operation`): the operation's setup,
/// then `BENCH_COUNT` runs of it.
fn run_case(case: &str, count: usize) {
    let (form, name) = case.split_once('/').expect("BENCH_CASE is form/operation");
    let repeat = |ops: Operations| {
        let (_, mut op) = ops.into_iter().find(|(n, _)| *n == name).expect("a known operation");
        (0..count).for_each(|_| op());
    };
    match FORMS.iter().find(|(f, ..)| *f == form) {
        Some((form, file, number)) => {
            let e = engine(form);
            let (data, text) = fixture(file);
            repeat(operations(&e, &data, &text, number));
        }
        None => {
            let (e, data) = wide();
            repeat(wide_operations(&e, &data));
        }
    }
}

/// Instructions per run of `case`: cachegrind's count with `count` runs
/// less its count with none, over `count`.
fn instructions(case: &str, count: usize) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let total = |n: usize| -> Result<u64, String> {
        let out = std::process::Command::new("valgrind")
            .args(["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"])
            .arg(&exe)
            .env("BENCH_CASE", case)
            .env("BENCH_COUNT", n.to_string())
            .output()
            .map_err(|e| format!("valgrind: {e} (Debian package valgrind)"))?;
        let err = String::from_utf8_lossy(&out.stderr);
        let refs = err.lines().find_map(|l| l.split_once("I   refs:")).map(|(_, n)| n.trim().replace(',', ""));
        refs.and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("no instruction count from valgrind for {case}:\n{err}"))
    };
    Ok((total(count)? - total(0)?) / count as u64)
}

/// The generated form of 10,000 fields, all answered.
fn wide() -> (Engine, Map<String, Value>) {
    let form = wide_form(100, 100);
    let data = wide_answers(&form);
    (Engine::new(Bundle::new(form, BTreeMap::new())).expect("engine"), data)
}

fn wide_operations<'a>(e: &'a Engine, data: &'a Map<String, Value>) -> Operations<'a> {
    vec![
        ("evaluate", whole_form(e, data)),
        ("keystroke in a number", keystroke(e, data, "s50_f7", |i| json!(i.to_string()))),
    ]
}

fn main() {
    let env = |k: &str| std::env::var(k).ok();
    if let Some(case) = env("BENCH_CASE") {
        return run_case(&case, env("BENCH_COUNT").and_then(|n| n.parse().ok()).unwrap_or(0));
    }
    let counting = env("BENCH_INSTRUCTIONS").is_some_and(|v| v == "1");
    let runs: usize = env("BENCH_RUNS").and_then(|r| r.parse().ok()).unwrap_or(3000);
    // Each figure: a median time, or instructions per run.
    let measure = |form: &str, name: &str, op: &mut Box<dyn FnMut() + '_>, runs: usize| -> String {
        if counting {
            match instructions(&format!("{form}/{name}"), (runs / 30).max(3)) {
                Ok(n) => format!("{name} {n} instructions"),
                Err(e) => panic!("{e}"),
            }
        } else {
            let t = median_of(runs, op);
            if t.as_secs_f64() < 1e-3 {
                format!("{name} median {:.1} µs", t.as_secs_f64() * 1e6)
            } else {
                format!("{name} median {:.2} ms", t.as_secs_f64() * 1e3)
            }
        }
    };
    for (form, file, number) in FORMS {
        let e = engine(form);
        let (data, text) = fixture(file);
        let rows: usize = data.values().filter_map(Value::as_array).map(Vec::len).sum();
        let figures: Vec<String> =
            operations(&e, &data, &text, number).iter_mut().map(|(name, op)| measure(form, name, op, runs)).collect();
        println!("{form:>22}: {} answers, {rows} table rows — {}", data.len(), figures.join("; "));
    }
    let (e, data) = wide();
    let figures: Vec<String> =
        wide_operations(&e, &data).iter_mut().map(|(name, op)| measure("wide", name, op, 90)).collect();
    println!("{:>22}: {} answers — {}", "10,000 fields", data.len(), figures.join("; "));
}
