//! Arbitrary text through the expression parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(e) = form_wasm::expr::parse(s) {
        let _ = e.references();
    }
});
