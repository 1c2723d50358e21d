//! `site-gen report` throughput (run: `cargo bench -p site-gen --bench report`).
//!
//! 10,000 submissions of realistic size (the complete 2.2 with 30 served
//! enterprises and 2.3 fixtures, names varied per file), read, checked,
//! summarised and written as the spreadsheet. Prints files per second and
//! the peak resident memory of this process, which must not grow with the
//! number of files beyond their summaries.

use std::path::Path;
use std::time::Instant;

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
        })
        .map_or("unknown".into(), |kb| format!("{} MiB", kb.parse::<u64>().map_or(0, |k| k / 1024)))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let n: usize = std::env::var("REPORT_FILES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let read = |name: &str| std::fs::read_to_string(root.join("tests/fixtures").join(name)).expect("fixture");
    let (base, platform) = (read("base-complete.json"), read("platform-complete.json"));
    for i in 0..n {
        let (text, op) = if i % 2 == 0 { (&base, "运营主体") } else { (&platform, "登记注册名称") };
        let text = text.replacen(op, &format!("{op}{i}"), 1);
        std::fs::write(dir.path().join(format!("{i:05}.json")), text).expect("write");
    }
    let engines = site_gen::validate::engines(&root.join("content")).unwrap_or_else(|p| panic!("{p}"));
    let files = site_gen::report::files_under(&[dir.path().to_path_buf()]);
    let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let start = Instant::now();
    let report = site_gen::report::collect(&engines, &files);
    let checked = start.elapsed();
    site_gen::report::sheets::write_xlsx(&report, &dir.path().join("report.xlsx")).expect("xlsx");
    let total = start.elapsed();
    println!(
        "report: {n} files ({} MiB): checked in {:.2} s ({:.0} files/s), with the spreadsheet {:.2} s; {} applicants; peak RSS {}",
        bytes / 1_048_576,
        checked.as_secs_f64(),
        n as f64 / checked.as_secs_f64(),
        total.as_secs_f64(),
        report.applicants.len(),
        peak_rss()
    );
}
