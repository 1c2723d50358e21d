//! Word files (run: `cargo bench -p site-gen --bench docx`): the time to
//! write each complete fixture's official document as .docx (what
//! `site-gen docx` and the page's 导出 Word 文档 do after the evaluation),
//! and the file's size.

use std::path::Path;
use std::time::{Duration, Instant};

use form_wasm::document;
use site_gen::validate::{engines, read_submission};

fn main() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let engines = engines(&root.join("content")).expect("the forms of content/");
    for file in ["base-complete.json", "platform-complete.json"] {
        let s = read_submission(&engines, &root.join("tests/fixtures").join(file)).expect("fixture");
        let ev = s.engine.evaluate(&s.answers.data, &s.answers.confirmed_warnings);
        let doc = document::official(s.engine.definition(), &ev);
        let mut times: Vec<Duration> = (0..50)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(form_docx::docx(&doc));
                t.elapsed()
            })
            .collect();
        times.sort();
        let size = form_docx::docx(&doc).len();
        println!(
            "{:<24} docx {:>8.2} ms (median of 50), {:>7} bytes",
            s.engine.form_id(),
            times[25].as_secs_f64() * 1000.0,
            size
        );
    }
}
