//! Test support: a builder for tiny sites, one per behaviour, and helpers to
//! build the real `content/` once.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use site_gen::Options;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The smallest valid site; each test adds or replaces the files it is about.
const MINIMAL: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: 测试站点\nlanguage: zh-CN\nissuer: 测试厅\ndocument_number: 测试〔2025〕1号\ndates:\n  issued: 2025-11-13\n  deadline: 2025-11-24\nnav:\n  - index.md\n",
    ),
    ("index.md", "---\ntitle: 首页\n---\n\n## 概述\n\n正文。\n"),
];

pub struct SiteTest {
    dir: tempfile::TempDir,
    theme: PathBuf,
}

impl Default for SiteTest {
    fn default() -> Self {
        Self::new()
    }
}

impl SiteTest {
    /// A minimal valid site using the repository's default theme.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let t = SiteTest { dir, theme: repo_root().join("themes/default") };
        MINIMAL.iter().fold(t, |t, (p, text)| t.file(p, text))
    }

    /// Writes `text` to `content/<path>`.
    pub fn file(self, path: &str, text: &str) -> Self {
        let full = self.content_dir().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
        self
    }

    /// Writes `text` to `<path>` beside `content/`, outside the content folder.
    pub fn outside(self, path: &str, text: &str) -> Self {
        std::fs::write(self.dir.path().join(path), text).unwrap();
        self
    }

    /// Makes `content/<path>` a symbolic link to `target` (relative to `content/<path>`'s folder, or absolute).
    #[cfg(unix)]
    pub fn symlink(self, path: &str, target: &str) -> Self {
        let full = self.content_dir().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, full).unwrap();
        self
    }

    /// The temporary folder holding `content/` and `public/`.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Switches to a copy of the default theme with `templates/<name>` replaced.
    pub fn template(mut self, name: &str, text: &str) -> Self {
        self.own_theme();
        let full = self.theme.join("templates").join(name);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
        self
    }

    /// Switches to a copy of the default theme without `templates/<name>`.
    pub fn without_template(mut self, name: &str) -> Self {
        self.own_theme();
        std::fs::remove_file(self.theme.join("templates").join(name)).unwrap();
        self
    }

    /// From here on, a copy of the theme that the test may change.
    fn own_theme(&mut self) {
        let theme = self.dir.path().join("theme");
        if self.theme != theme {
            copy_dir(&self.theme, &theme);
            self.theme = theme;
        }
    }

    pub fn content_dir(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn output_dir(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn options(&self) -> Options {
        Options { content_dir: self.content_dir(), theme_dir: self.theme.clone(), output_dir: self.output_dir() }
    }

    /// Builds and returns the output folder; panics with the problems if any.
    pub fn build(&self) -> PathBuf {
        if let Err(p) = site_gen::build(&self.options()) {
            panic!("expected a clean build, got:\n{p}");
        }
        self.output_dir()
    }

    /// Builds, expecting failure; returns the problems with the temporary
    /// folder replaced by `<site>` so messages can be compared exactly.
    pub fn errors(&self) -> String {
        match site_gen::build(&self.options()) {
            Ok(s) => panic!("expected problems, but the site built: {s}"),
            Err(p) => self.relative(&p),
        }
    }

    fn relative(&self, p: &dyn std::fmt::Display) -> String {
        p.to_string().replace(&self.dir.path().display().to_string(), "<site>")
    }

    /// Asserts the build fails, nothing is written, and the message is exactly `expected`.
    pub fn expect_error(&self, expected: &str) {
        let got = self.errors();
        assert_eq!(got, expected, "\n--- got ---\n{got}\n--- expected ---\n{expected}\n");
        assert!(!self.output_dir().exists(), "a failed build must write nothing");
    }

    pub fn read(&self, output_path: &str) -> String {
        std::fs::read_to_string(self.output_dir().join(output_path)).unwrap()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Builds the real `content/` with the default theme into a fresh folder.
pub fn build_real_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let root = repo_root();
    let opts =
        Options { content_dir: root.join("content"), theme_dir: root.join("themes/default"), output_dir: out.clone() };
    if let Err(p) = site_gen::build(&opts) {
        panic!("the real site does not build:\n{p}");
    }
    (dir, out)
}

/// Relative `href`s of an HTML page (external ones and fragments left out).
pub fn relative_hrefs(html: &str) -> Vec<String> {
    html.split(" href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| !h.starts_with('#') && !h.contains(':'))
        .map(|h| h.split('#').next().unwrap_or(h).to_string())
        .collect()
}

/// Text of the HTML with tags removed, whitespace collapsed, for content assertions.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join("")
}
