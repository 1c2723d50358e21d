//! Arbitrary text through every normaliser: it may be refused, never panic.
#![no_main]

use form_wasm::normalise::{self, NumberSpec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let units = ["万元", "万", "%", "平方米"];
    for places in [0, 2] {
        if let Ok(d) = normalise::number(s, &NumberSpec { places, negative: true, units: &units }) {
            normalise::format_number(d, places);
        }
    }
    let _ = normalise::date(s);
    let _ = normalise::year_month(s);
    let _ = normalise::mobile(s);
    let _ = normalise::landline(s);
    let _ = normalise::postcode(s);
    let _ = normalise::email(s);
    let _ = normalise::url(s);
    let _ = form_wasm::credit_code::normalise(s);
});
