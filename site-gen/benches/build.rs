//! Build-time benchmark on a generated corpus (run: `cargo bench -p site-gen`,
//! or `cargo bench -p site-gen --bench build -- flat` for some cases).
//!
//! Pages carry Chinese paragraphs of ~400 characters, a 6×10 table, lists
//! and links to other pages with anchors. Two layouts:
//! - `sectioned`: pages in folders of 50, each page listing its section;
//! - `flat`: every page in one folder, so each page lists all pages, the
//!   layout the peers were measured with (output grows with the square).
//!
//! Each build runs in a child process (this benchmark run again), so its
//! peak resident memory (`VmHWM`) is its own and not the largest case's so
//! far. Prints the median and fastest of several full builds (check + write
//! into the same output folder, as an editor rebuilds) and the highest peak
//! memory of those builds.

mod corpus;

use std::path::Path;
use std::time::{Duration, Instant};

use corpus::generate;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Set in the child: `content|theme|output` of the one build it runs.
const CHILD: &str = "SITE_GEN_BENCH_BUILD";

/// The peak resident memory of this process so far, in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The child: one build, then `<microseconds> <peak KiB or 0>` on stdout.
fn child(spec: &str) {
    let parts: Vec<&str> = spec.split('|').collect();
    let [content, theme, output] = parts[..] else { panic!("{CHILD} must be content|theme|output, got {spec}") };
    let opts = site_gen::Options { content_dir: content.into(), theme_dir: theme.into(), output_dir: output.into() };
    let start = Instant::now();
    if let Err(p) = site_gen::build(&opts) {
        panic!("benchmark corpus must build:\n{p}");
    }
    println!("{} {}", start.elapsed().as_micros(), peak_rss_kib().unwrap_or(0));
}

/// Runs one build in a child process: its time and peak memory (KiB).
fn run_child(content: &Path, output: &Path) -> (Duration, u64) {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../themes/default");
    let spec = format!("{}|{}|{}", content.display(), theme.display(), output.display());
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let out = std::process::Command::new(exe).env(CHILD, spec).output().expect("run the benchmark's build");
    assert!(out.status.success(), "the build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut words = stdout.split_whitespace().map(|w| w.parse::<u64>().expect("the child prints two numbers"));
    let (micros, kib) = (words.next().unwrap_or(0), words.next().unwrap_or(0));
    (Duration::from_micros(micros), kib)
}

fn bench(label: &str, pages: usize, per_section: usize, runs: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    generate(&content, pages, per_section);
    let output = dir.path().join("public");
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let (time, kib) = run_child(&content, &output);
        times.push(time);
        peak = peak.max(kib);
    }
    let m = median(times.clone());
    let min = times.iter().min().copied().unwrap_or_default();
    let peak = if peak == 0 { "n/a".to_string() } else { format!("{} MiB", peak / 1024) };
    println!(
        "{label:>9} {pages:>5} pages: median {:>8.1} ms (min {:>8.1} ms, {runs} runs); peak RSS {peak:>9}",
        m.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
    );
}

fn main() {
    if let Ok(spec) = std::env::var(CHILD) {
        child(&spec);
        return;
    }
    // `cargo bench` passes `--bench`; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let cases: &[(&str, usize, usize, usize)] = &[
        ("sectioned", 1000, 50, 7),
        ("sectioned", 5000, 50, 5),
        ("sectioned", 10000, 50, 3),
        ("flat", 1000, 1000, 5),
        ("flat", 5000, 5000, 3),
    ];
    for &(label, pages, per_section, runs) in cases {
        let name = format!("{label}-{pages}");
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        bench(label, pages, per_section, runs);
    }
}
