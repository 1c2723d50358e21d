//! What the engine's integration tests share: the real forms of `content/`
//! as engines, and the fixtures of `tests/fixtures/`.

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use form_wasm::api::Engine;
use form_wasm::bundle::Bundle;
use form_wasm::evaluate::{Evaluation, Metric};
use form_wasm::model::{FormDef, IndustryList};
use serde_json::{Map, Value};

pub const FORMS: [&str; 4] = ["summary-table", "platform-application", "base-application", "creation-plan"];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The real form `name` with the code lists it names.
pub fn engine(name: &str) -> Engine {
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let form: FormDef = serde_yaml::from_str(&read(&root().join(format!("content/forms/{name}.yaml")))).unwrap();
    let mut lists = BTreeMap::new();
    for (_, f) in form.fields() {
        if let Some(l) = &f.list {
            lists.insert(
                l.clone(),
                serde_yaml::from_str::<IndustryList>(&read(&root().join("content/data").join(l))).unwrap(),
            );
        }
    }
    Engine::new(Bundle::new(form, lists)).unwrap()
}

/// The answers of a fixture export.
pub fn fixture(name: &str) -> Map<String, Value> {
    let text = std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["data"].as_object().unwrap().clone()
}

/// A fixture with some answers changed (`Value::Null` removes one), evaluated.
pub fn eval_with(form: &str, fixture_name: &str, changes: &[(&str, Value)]) -> Evaluation {
    let mut data = fixture(fixture_name);
    for (k, v) in changes {
        match v {
            Value::Null => {
                data.remove(*k);
            }
            v => {
                data.insert(k.to_string(), v.clone());
            }
        }
    }
    engine(form).evaluate(&data, &[])
}

pub fn metric<'a>(ev: &'a Evaluation, id: &str) -> &'a Metric {
    ev.metrics.iter().find(|m| m.id == id).unwrap_or_else(|| panic!("no metric {id}"))
}

pub fn value(ev: &Evaluation, id: &str) -> String {
    let m = metric(ev, id);
    m.value.clone().unwrap_or_else(|| panic!("{id} not computed: {:?}", m.error))
}
