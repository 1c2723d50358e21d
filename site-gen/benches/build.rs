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

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const CHARS: &str = "中小企业公共服务示范平台基地创建推荐申报材料运营主体单位性质营业收入服务能力数字化转型绿色发展知识产权人才培训市场拓展投融资政策咨询管理提升技术创新成果转化检验检测设备共享质量标准认证认可计量校准产业链供应链专精特新高质量发展";

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn paragraph(rng: &mut Rng, chars: &[char], len: usize) -> String {
    let mut s = String::with_capacity(len * 3);
    for i in 0..len {
        s.push(chars[(rng.next() % chars.len() as u64) as usize]);
        if i % 37 == 36 {
            s.push('，');
        }
    }
    s.push('。');
    s
}

fn page_path(i: usize, per_section: usize) -> String {
    format!("s{:03}/p{:05}.md", i / per_section, i)
}

fn generate(dir: &Path, pages: usize, per_section: usize) {
    let chars: Vec<char> = CHARS.chars().collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    std::fs::create_dir_all(dir).expect("create corpus folder");
    std::fs::write(
        dir.join("site.yaml"),
        "title: 基准站点\nlanguage: zh-CN\nissuer: 基准\ndocument_number: 基准〔2025〕1号\ndates:\n  issued: 2025-11-13\n  deadline: 2025-11-24\n",
    )
    .expect("write site.yaml");
    std::fs::write(dir.join("index.md"), "---\ntitle: 首页\n---\n\n基准首页。\n").expect("write index");
    for s in 0..pages.div_ceil(per_section) {
        let sec = dir.join(format!("s{s:03}"));
        std::fs::create_dir_all(&sec).expect("create section");
        std::fs::write(sec.join("_index.md"), format!("---\ntitle: 栏目{s}\norder: {s}\n---\n\n栏目说明。\n"))
            .expect("write section");
    }
    for i in 0..pages {
        let mut md = format!("---\ntitle: 页面{i}\ndescription: 第{i}个页面\norder: {i}\n---\n\n");
        for h in 0..3 {
            let _ = writeln!(md, "## 第{h}部分 {{#part-{h}}}\n");
            let _ = writeln!(md, "{}\n", paragraph(&mut rng, &chars, 400));
        }
        md.push_str("| 项目 | 2023年 | 2024年 | 增速 | 说明 | 备注 |\n|---|---|---|---|---|---|\n");
        for r in 0..10 {
            let _ = writeln!(
                md,
                "| 指标{r} | {} | {} | {}% | {} | 无 |",
                r * 17,
                r * 19,
                r,
                paragraph(&mut rng, &chars, 8)
            );
        }
        md.push('\n');
        for l in 0..5 {
            let _ = writeln!(md, "- 要点{l}：{}", paragraph(&mut rng, &chars, 30));
        }
        md.push('\n');
        let here = page_path(i, per_section);
        let here_dir = here.rsplit_once('/').map_or("", |(d, _)| d);
        for k in 1..=3 {
            let target = page_path((i + k * 7) % pages, per_section);
            let rel = match target.split_once('/') {
                Some((d, f)) if d == here_dir => f.to_string(),
                _ => format!("../{target}"),
            };
            let _ = writeln!(md, "参见[相关页面{k}]({rel}#part-{}).", k % 3);
        }
        let path = dir.join(here);
        std::fs::write(path, md).expect("write page");
    }
}

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
