//! Build-time benchmark on a generated corpus (run: `cargo bench -p site-gen`).
//!
//! Pages carry Chinese paragraphs of ~400 characters, a 6×10 table, lists
//! and links to other pages with anchors. Two layouts:
//! - `sectioned`: pages in folders of 50, each page listing its section;
//! - `flat`: every page in one folder, so each page lists all pages, the
//!   layout the peers were measured with (output grows with the square).
//!
//! Prints the median of several full builds (check + write) and the peak
//! resident memory of this process.

mod corpus;

use std::path::Path;
use std::time::{Duration, Instant};

use corpus::generate;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn peak_rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or("n/a".to_string(), |kb| format!("{} MiB", kb / 1024))
}

fn bench(label: &str, pages: usize, per_section: usize, runs: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    generate(&content, pages, per_section);
    let opts = site_gen::Options {
        content_dir: content,
        theme_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("../themes/default"),
        output_dir: dir.path().join("public"),
    };
    let mut times = Vec::new();
    let mut summary = None;
    for _ in 0..runs {
        let start = Instant::now();
        summary = Some(site_gen::build(&opts).unwrap_or_else(|p| panic!("benchmark corpus must build:\n{p}")));
        times.push(start.elapsed());
    }
    let m = median(times.clone());
    let min = times.iter().min().copied().unwrap_or_default();
    let s = summary.expect("at least one run");
    println!(
        "{label:>9} {pages:>5} pages: median {:>7.1} ms (min {:>7.1} ms, {runs} runs; {} files); peak RSS so far {}",
        m.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
        s.files,
        peak_rss_mib()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let cases: &[(&str, usize, usize, usize)] =
        &[("sectioned", 1000, 50, 7), ("sectioned", 5000, 50, 5), ("flat", 1000, 1000, 5), ("flat", 5000, 5000, 3)];
    for &(label, pages, per_section, runs) in cases {
        let name = format!("{label}-{pages}");
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        bench(label, pages, per_section, runs);
    }
}
