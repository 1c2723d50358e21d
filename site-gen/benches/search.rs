//! The search index on the real site and on the generated 5,000-page
//! corpus (run: `cargo bench -p site-gen --bench search`): its size, what a
//! query loads, and the time the build spends on it. Query times are taken
//! in the browser by `node tests/e2e/search-bench.mjs`, which runs this
//! first: both sites are left in `target/search-bench/`.

mod corpus;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use site_gen::search::{extract, index};

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// CPU time this process has used (user + system), where Linux tells it:
/// steadier than the clock on a shared machine. Clock ticks of 10 ms.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name in parentheses; utime and stime are the 14th and 15th.
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Every `.html` file under `dir` but the results page, as (path, text).
fn pages(dir: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).expect("read the site").map(|e| e.expect("an entry").path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "html") {
                let rel = p.strip_prefix(root).expect("inside").to_string_lossy().replace('\\', "/");
                if rel != site_gen::search::PAGE {
                    out.push((rel, std::fs::read_to_string(&p).expect("read a page")));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

fn bench(label: &str, content: &Path, output: &Path) {
    let opts = site_gen::Options {
        content_dir: content.to_path_buf(),
        theme_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("../themes/default"),
        output_dir: output.to_path_buf(),
    };
    let start = Instant::now();
    let summary = site_gen::build(&opts).unwrap_or_else(|p| panic!("{label} must build:\n{p}"));
    let build = start.elapsed();

    // The index alone, from the pages as written: text extraction, then postings and shards.
    let html = pages(output);
    let (mut extracting, mut indexing, mut indexing_cpu) = (Vec::new(), Vec::new(), Vec::new());
    let mut stats = None;
    for _ in 0..3 {
        let t = Instant::now();
        let docs: Vec<extract::Document> = html.iter().map(|(p, h)| extract::extract(p, h)).collect();
        extracting.push(t.elapsed());
        let (t, cpu) = (Instant::now(), cpu_time());
        stats = Some(index::build(&docs).stats);
        indexing.push(t.elapsed());
        if let (Some(before), Some(after)) = (cpu, cpu_time()) {
            indexing_cpu.push(after - before);
        }
    }
    let s = stats.expect("three runs");
    let first_query_at_most = s.meta_bytes + s.term_shards.min(8) * s.largest_term_shard;
    println!("{label}: {} pages; whole build {:.0} ms", summary.pages, build.as_secs_f64() * 1e3);
    println!(
        "  index: {} in {} files: index.js {}, {} term shards {} (largest {}), {} page shards {} (largest {}); {} terms",
        kib(s.total_bytes()),
        1 + s.term_shards + s.page_shards,
        kib(s.meta_bytes),
        s.term_shards,
        kib(s.term_bytes),
        kib(s.largest_term_shard),
        s.page_shards,
        kib(s.page_bytes),
        kib(s.largest_page_shard),
        s.terms
    );
    println!(
        "  a query of up to 8 terms loads at most {} of terms before its results' page shards; text from the pages {:.0} ms (one thread), index {:.0} ms{} (median of 3)",
        kib(first_query_at_most),
        median(extracting).as_secs_f64() * 1e3,
        median(indexing).as_secs_f64() * 1e3,
        if indexing_cpu.is_empty() {
            String::new()
        } else {
            format!(" ({:.0} ms of CPU)", median(indexing_cpu).as_secs_f64() * 1e3)
        }
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let keep = target.join("search-bench");
    bench("real site", &root.join("content"), &keep.join("real/public"));
    let corpus = keep.join("corpus-5000");
    let content = corpus.join("content");
    if content.exists() {
        std::fs::remove_dir_all(&content).expect("remove the last corpus");
    }
    corpus::generate(&content, 5000, 50);
    bench("corpus", &content, &corpus.join("public"));
}
