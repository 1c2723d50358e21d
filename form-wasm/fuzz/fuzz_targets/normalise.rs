//! Arbitrary text through every normaliser: it may be refused, never panic.
#![no_main]

use form_wasm::model::FieldType;
use form_wasm::normalise::{self, NumberSpec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let units = ["万元", "万", "%", "平方米"];
    for integer in [false, true] {
        if let Ok(d) = normalise::number(s, &NumberSpec { integer, negative: true, units: &units }) {
            normalise::format_number(d, 2);
            normalise::format_input(d, 2);
        }
    }
    let _ = normalise::date(s);
    let _ = normalise::year_month(s);
    let _ = normalise::char_count(s);
    let _ = form_wasm::period::period(s);
    let _ = form_wasm::period::split_month_range(s);
    for kind in [FieldType::Mobile, FieldType::Landline, FieldType::Phone] {
        let _ = form_wasm::phone::read(kind, s);
    }
    let _ = normalise::postcode(s);
    let _ = normalise::email(s);
    let _ = normalise::url(s);
    let _ = form_wasm::credit_code::normalise(s);
});
