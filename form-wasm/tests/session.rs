//! A session kept current through any edits evaluates exactly as a fresh
//! whole-form evaluation of the same answers: the page's incremental
//! updates can never show what `site-gen validate` would not.

#![allow(clippy::unwrap_used)]

mod common;

use form_wasm::api::Engine;
use form_wasm::model::FieldType;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// One edit an applicant (or the page) makes.
#[derive(Debug, Clone)]
enum Edit {
    /// A whole answer set to a value from the pool (any field, any kind).
    Set(usize, usize),
    /// One cell of a table row typed (`set_row`).
    Cell {
        table: usize,
        row: usize,
        column: usize,
        value: usize,
    },
    AddRow(usize),
    RemoveRow(usize, usize),
    Clear(usize),
    /// A warning shown now confirmed.
    Confirm(usize),
    /// Everything replaced (an import): the fixture, or nothing.
    Replace(bool),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), any::<usize>()).prop_map(|(f, v)| Edit::Set(f, v)),
        6 => (any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(table, row, column, value)| Edit::Cell { table, row, column, value }),
        1 => any::<usize>().prop_map(Edit::AddRow),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(t, r)| Edit::RemoveRow(t, r)),
        2 => any::<usize>().prop_map(Edit::Clear),
        1 => any::<usize>().prop_map(Edit::Confirm),
        1 => any::<bool>().prop_map(Edit::Replace),
    ]
}

/// Values typed anywhere in the fixtures, and some no field accepts.
fn pool(start: &Map<String, Value>) -> Vec<Value> {
    let mut out = vec![
        json!(""),
        json!("  "),
        json!("abc"),
        json!("-5"),
        json!("1e400"),
        json!("12.345"),
        json!("0"),
        json!("2025-02-30"),
        json!("至今"),
        json!(true),
        json!({"value": "nope"}),
        json!([1, 2]),
        json!({}),
        json!("020-8313472"),
    ];
    fn walk(v: &Value, out: &mut Vec<Value>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    start.values().for_each(|v| walk(v, &mut out));
    out
}

fn run(engine: &Engine, start: Map<String, Value>, edits: &[Edit]) {
    let p = engine.prepared();
    let fields: Vec<_> = engine.definition().fields().into_iter().map(|(_, f)| f.clone()).collect();
    let tables: Vec<_> = fields.iter().filter(|f| f.kind == FieldType::Table).collect();
    let values = pool(&start);
    let mut session = engine.begin(start.clone(), Vec::new());
    for e in edits {
        let answer = |id: &str| session.answers().get(id).cloned().unwrap_or(Value::Null);
        match *e {
            Edit::Set(f, v) => {
                let f = &fields[f % fields.len()];
                session.set(p, &f.id, values[v % values.len()].clone());
            }
            Edit::Cell { table, row, column, value } if !tables.is_empty() => {
                let t = tables[table % tables.len()];
                let mut rows = answer(&t.id).as_array().cloned().unwrap_or_default();
                if rows.is_empty() {
                    rows.push(json!({}));
                }
                let column = &t.columns[column % t.columns.len()];
                let at = row % rows.len();
                if let Some(cells) = rows[at].as_object_mut() {
                    cells.insert(column.id.clone(), values[value % values.len()].clone());
                }
                // As the page types: the one row, or the whole table when
                // the session holds no such row.
                if !session.set_row(p, &t.id, at, rows[at].clone()) {
                    session.set(p, &t.id, Value::Array(rows));
                }
            }
            Edit::AddRow(table) if !tables.is_empty() => {
                let t = tables[table % tables.len()];
                let mut rows = answer(&t.id).as_array().cloned().unwrap_or_default();
                rows.push(json!({}));
                session.set(p, &t.id, Value::Array(rows));
            }
            Edit::RemoveRow(table, row) if !tables.is_empty() => {
                let t = tables[table % tables.len()];
                let mut rows = answer(&t.id).as_array().cloned().unwrap_or_default();
                if !rows.is_empty() {
                    let n = rows.len();
                    rows.remove(row % n);
                }
                session.set(p, &t.id, Value::Array(rows));
            }
            Edit::Clear(f) => session.set(p, &fields[f % fields.len()].id, Value::Null),
            Edit::Confirm(k) => {
                let ev = session.evaluation(p);
                let ids: Vec<String> = ev
                    .problems
                    .iter()
                    .filter(|pr| !pr.confirmed)
                    .filter_map(|pr| pr.rule.clone().filter(|_| pr.severity == form_wasm::model::Severity::Warning))
                    .collect();
                if !ids.is_empty() {
                    let mut confirmed = session.confirmed().to_vec();
                    confirmed.push(ids[k % ids.len()].clone());
                    session.set_confirmed(p, confirmed);
                }
            }
            Edit::Replace(full) => session.replace(p, if full { start.clone() } else { Map::new() }),
            _ => {}
        }
        let fresh = engine.evaluate(session.answers(), session.confirmed());
        assert_eq!(session.evaluation(p), fresh, "after {e:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_platform_form_edited_evaluates_as_a_fresh_one(edits in proptest::collection::vec(edit(), 1..14)) {
        run(&common::engine("platform-application"), common::fixture("platform-complete.json"), &edits);
    }

    #[test]
    fn the_base_form_edited_evaluates_as_a_fresh_one(edits in proptest::collection::vec(edit(), 1..14)) {
        run(&common::engine("base-application"), common::fixture("base-complete.json"), &edits);
    }

    #[test]
    fn the_plan_and_the_summary_table_edited_from_nothing_evaluate_as_fresh_ones(
        edits in proptest::collection::vec(edit(), 1..14),
    ) {
        for form in ["creation-plan", "summary-table"] {
            let engine = common::engine(form);
            // Start from answers typed into other forms: many do not fit, some do.
            run(&engine, common::fixture("platform-complete.json"), &edits);
        }
    }
}
