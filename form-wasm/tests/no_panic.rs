//! The engine never panics, whatever it is given: arbitrary text for the
//! normaliser and the expression parser, and random answers (of every JSON
//! shape, right or wrong) for whole-form evaluation, export and import of
//! all four real forms. Each property runs `CASES` cases.

#![allow(clippy::unwrap_used)]

mod common;

use form_wasm::api::Engine;
use form_wasm::export::Answers;
use form_wasm::model::FieldType;
use form_wasm::normalise::{self, NumberSpec};
use form_wasm::{credit_code, expr, period, phone};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const CASES: u32 = 3000;

fn engines() -> Vec<Engine> {
    common::FORMS.iter().map(|name| common::engine(name)).collect()
}

/// Text of the kinds applicants type: digits full- and half-width, units,
/// separators, Chinese, and any other character.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9０-９.,，．%％ 万元平方米人家年月日\\-/]{0,24}",
        "[-+]?[0-9]{0,30}(\\.[0-9]{0,30})?",
        "\\PC{0,40}",
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<f64>().prop_map(|f| json!(f)),
        typed_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}|value|values|detail|details|from|to", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn normalisers_never_panic(s in typed_text()) {
        let units = ["万元", "万", "%", "平方米"];
        for integer in [false, true] {
            for negative in [false, true] {
                if let Ok(d) = normalise::number(&s, &NumberSpec { integer, negative, units: &units }) {
                    normalise::format_number(d, 2);
                    normalise::format_input(d, 2);
                }
            }
        }
        let _ = normalise::date(&s);
        let _ = normalise::year_month(&s);
        let _ = normalise::char_count(&s);
        let _ = period::period(&s);
        let _ = period::range_end(&s);
        let _ = period::split_month_range(&s);
        for kind in [FieldType::Mobile, FieldType::Landline, FieldType::Phone] {
            let _ = phone::read(kind, &s);
        }
        let _ = normalise::postcode(&s);
        let _ = normalise::email(&s);
        let _ = normalise::url(&s);
        let _ = credit_code::normalise(&s);
        let _ = normalise::fold_width(&s);
    }

    #[test]
    fn the_expression_parser_never_panics(s in prop_oneof![
        "[a-z_0-9 .()+\\-*/<>=!,\"]{0,60}",
        "(\\(|not |-|[a-z]{1,8}|[0-9]{1,4}|[+*/<>=]{1,2}|\\)|sum\\(|count\\(|if\\(|,| and | or ){0,40}",
        any::<String>(),
    ]) {
        if let Ok(e) = expr::parse(&s) {
            let _ = e.references();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES / 3))]

    #[test]
    fn whole_form_evaluation_export_and_import_never_panic(
        answers in prop::collection::vec((0usize..200, json_value()), 0..40),
        junk in any::<String>(),
    ) {
        thread_local! { static ENGINES: Vec<Engine> = engines(); }
        ENGINES.with(|engines| {
            for e in engines {
                let ids: Vec<String> = e.definition().fields().iter().map(|(_, f)| f.id.clone()).collect();
                let mut data = Map::new();
                for (i, v) in &answers {
                    let key = ids.get(*i).cloned().unwrap_or_else(|| format!("unknown_{i}"));
                    data.insert(key, v.clone());
                }
                let ev = e.evaluate(&data, &["x".to_string()]);
                // Whatever came in, the result is consistent with itself.
                assert_eq!(ev.errors + ev.warnings, ev.problems.len());
                assert_eq!(ev.complete, ev.errors == 0);
                let export = e.export(&ev, &[], "2026-11-26T00:00:00Z").to_json();
                assert!(e.import(&export).is_ok(), "an export imports back");
                let _ = e.import(&junk);
                let junk_answers = Answers::from_value(serde_json::from_str(&junk).unwrap_or(Value::Null));
                let _ = e.evaluate(&junk_answers.data, &junk_answers.confirmed_warnings);
            }
        });
    }
}
