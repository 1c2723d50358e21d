//! Whole-form evaluation speed (run: `cargo bench -p form-wasm`).
//!
//! The base form (2.3) and the platform form (2.2) filled to realistic size
//! (30 enterprises, 15 activities, 12 agreements), evaluated as the page does
//! on each keystroke: `evaluate` on parsed answers, and the same including
//! reading the answers from JSON and writing the evaluation as JSON.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use form_wasm::api::Engine;
use form_wasm::bundle::Bundle;
use form_wasm::export::Answers;
use form_wasm::model::{FormDef, IndustryList};
use serde_json::{Map, Value};

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
        println!(
            "{form:>22}: {} answers, {rows} table rows — evaluate median {:.1} µs; parse + evaluate + write JSON median {:.1} µs",
            data.len(),
            eval.as_secs_f64() * 1e6,
            json.as_secs_f64() * 1e6
        );
    }
}
