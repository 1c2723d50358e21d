//! Formula size is bounded where the definition is read, so the deepest
//! tree any definition can hold is checked and evaluated on a small stack
//! (the page's WebAssembly engine has far less than a native thread).

#![allow(clippy::unwrap_used)]

use form_wasm::api::Engine;
use form_wasm::bundle::Bundle;
use form_wasm::expr::MAX_TOKENS;
use form_wasm::model::FormDef;
use serde_json::{json, Map};

/// A form of one money field `a` and one computed field summing `terms` of it.
fn form(terms: usize) -> FormDef {
    let formula = vec!["a"; terms].join(" + ");
    let yaml = format!(
        "id: demo\nversion: \"1\"\nattachment: \"9.9\"\ntitle: 测试表\nsections:\n  - id: s\n    title: 一\n    fields:\n      - {{ id: a, label: A, type: money }}\n      - {{ id: total, label: 合计, type: computed, formula: \"{formula}\" }}\n"
    );
    serde_yaml::from_str(&yaml).unwrap()
}

#[test]
fn the_longest_formula_allowed_is_checked_and_evaluated_on_a_small_stack() {
    let terms = MAX_TOKENS / 2; // `a + a + … + a`: one token more would be refused
                                // A quarter of the page engine's 1 MiB (the wasm32 default) in an
                                // optimised build, as the page runs (`cargo test --release`); unoptimised
                                // frames are about ten times larger, so a debug run only shows it works.
    let stack = if cfg!(debug_assertions) { 8 << 20 } else { 256 << 10 };
    let total = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let engine = Engine::new(Bundle::new(form(terms), Default::default())).unwrap();
            let mut data = Map::new();
            data.insert("a".into(), json!("1"));
            engine.evaluate(&data, &[]).metrics[0].value.clone()
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(total, Some(format!("{terms}.00")));
}

#[test]
fn a_formula_of_ten_thousand_terms_is_refused_not_a_crash() {
    let problems = form_wasm::definition::check(&form(10_000));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.starts_with("cannot read `a + a + a"), "{}", problems[0].message);
    assert!(problems[0].message.contains("expression is too long: 19999 tokens"), "{}", problems[0].message);
    assert!(problems[0].message.len() < 400, "the formula is not echoed whole: {}", problems[0].message);
}
