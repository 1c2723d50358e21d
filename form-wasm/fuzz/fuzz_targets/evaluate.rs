//! Arbitrary bytes as answers (when they are JSON) and as import files, on
//! the real base form (2.3): evaluation, export and import stay total.
#![no_main]

use std::sync::OnceLock;

use form_wasm::api::Engine;
use form_wasm::bundle::Bundle;
use form_wasm::export::Answers;
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
        let form = serde_yaml::from_str(&std::fs::read_to_string(format!("{root}/forms/base-application.yaml")).unwrap()).unwrap();
        let list = serde_yaml::from_str(&std::fs::read_to_string(format!("{root}/data/gbt4754-2017-groups.yaml")).unwrap()).unwrap();
        let lists = [("gbt4754-2017-groups.yaml".to_string(), list)].into_iter().collect();
        Engine::new(Bundle::new(form, lists)).unwrap()
    })
}

fuzz_target!(|s: &str| {
    let e = engine();
    let answers = Answers::from_value(serde_json::from_str(s).unwrap_or(serde_json::Value::Null));
    let ev = e.evaluate(&answers.data, &answers.confirmed_warnings);
    let export = e.export(&ev, &answers.confirmed_warnings, "2026-11-26").to_json();
    assert!(e.import(&export).is_ok(), "an export imports back");
    let _ = e.import(s);
});
