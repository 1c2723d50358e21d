//! site-gen: turns `content/` and a theme into a static site that works on
//! any static host, under any sub-path, and straight from a folder on disk.
//!
//! The pipeline has named stages, and nothing is written until every stage
//! has passed: settings → content → theme → pages → link check → write.
//! Each stage reports all of its problems at once.

pub mod check;
pub mod config;
pub mod content;
pub mod desk_page;
pub mod files;
pub mod form_pages;
pub mod form_view;
pub mod forms;
pub mod frontmatter;
pub mod html_policy;
pub mod links;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod print;
pub mod problem;
pub mod report;
pub mod theme;
pub mod validate;
pub mod views;

use std::path::PathBuf;
use std::time::Instant;

pub use problem::{Problem, Problems};

/// The form engine as one classic script (wasm-bindgen glue and the module's
/// bytes), built by `form-wasm/build-engine.sh` and kept in the repository, so
/// building the site needs no WebAssembly toolchain.
pub const ENGINE_JS: &str = include_str!("../../form-wasm/dist/form-engine.js");
const ENGINE_PATH: &str = "static/form-engine.js";
/// The Word writer (form-docx, built beside the engine), which a form page
/// loads only when 导出 Word 文档 is first clicked.
pub const WORD_WRITER_JS: &str = include_str!("../../form-wasm/dist/word-writer.js");
const WORD_WRITER_PATH: &str = "static/word-writer.js";
/// The 推荐单位 page's module (form-review, built beside the engine).
pub const UNIT_DESK_JS: &str = include_str!("../../form-wasm/dist/unit-desk.js");
const UNIT_DESK_PATH: &str = "static/unit-desk.js";
/// The stylesheet of the printed documents (`form_wasm::document`), linked
/// by the form pages; `site-gen print` puts the same one inline.
const DOCUMENT_CSS_PATH: &str = "static/document.css";

#[derive(Debug, Clone)]
pub struct Options {
    pub content_dir: PathBuf,
    pub theme_dir: PathBuf,
    pub output_dir: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Options { content_dir: "content".into(), theme_dir: "themes/default".into(), output_dir: "public".into() }
    }
}

/// The whole site in memory, checked and ready to write.
pub struct Site {
    pub files: Vec<output::OutputFile>,
    pub pages: usize,
    pub forms: usize,
}

impl Site {
    /// What was built, timed from `start`.
    pub fn summary(&self, start: Instant) -> Summary {
        Summary { pages: self.pages, forms: self.forms, files: self.files.len(), millis: start.elapsed().as_millis() }
    }
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub forms: usize,
    pub files: usize,
    pub millis: u128,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} pages, {} forms, {} files in {} ms", self.pages, self.forms, self.files, self.millis)
    }
}

fn stage<T>(result: Result<T, Vec<Problem>>) -> Result<T, Problems> {
    result.map_err(|p| Problems(p).into_sorted())
}

/// Loads, renders and checks everything, writing nothing.
pub fn check(opts: &Options) -> Result<Site, Problems> {
    let config = stage(config::load(&opts.content_dir))?;
    let content = stage(content::load(&opts.content_dir))?;
    let forms = stage(forms::load(&opts.content_dir, &content.forms))?;
    let theme = stage(theme::load(&opts.theme_dir))?;

    let mut pages = content.pages;
    let mut generated = std::collections::BTreeMap::new();
    let mut data_files = Vec::new();
    for form in &forms {
        let (form_pages, form_generated, files) = form_pages::pages(form);
        pages.extend(form_pages);
        generated.extend(form_generated);
        data_files.extend(files);
    }
    if let Some((page, desk)) = desk_page::page(&forms) {
        pages.push(page);
        generated.insert(desk.0, desk.1);
        data_files
            .push(output::OutputFile::Bytes { path: UNIT_DESK_PATH.into(), bytes: UNIT_DESK_JS.as_bytes().to_vec() });
    }

    if !forms.is_empty() {
        data_files.push(output::OutputFile::Bytes { path: ENGINE_PATH.into(), bytes: ENGINE_JS.as_bytes().to_vec() });
        data_files.push(output::OutputFile::Bytes {
            path: WORD_WRITER_PATH.into(),
            bytes: WORD_WRITER_JS.as_bytes().to_vec(),
        });
        data_files.push(output::OutputFile::Bytes {
            path: DOCUMENT_CSS_PATH.into(),
            bytes: form_wasm::document::html::CSS.as_bytes().to_vec(),
        });
    }

    let mut index = links::SiteIndex::default();
    for form in &forms {
        index.sources.insert(form.source.clone(), form.output.clone());
    }
    for file in &data_files {
        index.outputs.insert(file.path().to_string());
    }
    index.made.insert(desk_page::OUTPUT.to_string());
    for page in &pages {
        // A form's YAML leads to its form page (inserted above), not to the
        // other pages generated from it.
        index.sources.entry(page.source.clone()).or_insert_with(|| page.output.clone());
        index.outputs.insert(page.output.clone());
    }
    for asset in &content.assets {
        index.outputs.insert(asset.clone());
    }
    for asset in &theme.assets {
        index.outputs.insert(format!("static/{asset}"));
    }

    let rendered =
        stage(pages::render_all(&config, &pages, &generated, &theme, &index, &opts.content_dir, &opts.theme_dir))?;
    let problems = check::check_links(&rendered, &index.outputs, &opts.content_dir, &opts.theme_dir);
    if !problems.is_empty() {
        return Err(Problems(problems).into_sorted());
    }

    let page_count = rendered.len();
    let mut files: Vec<output::OutputFile> = rendered.into_iter().map(output::OutputFile::from).collect();
    files.extend(data_files);
    files.extend(content.assets.iter().map(|a| output::OutputFile::copy(a.clone(), opts.content_dir.join(a))));
    files.extend(
        theme
            .assets
            .iter()
            .map(|a| output::OutputFile::copy(format!("static/{a}"), opts.theme_dir.join("static").join(a))),
    );
    Ok(Site { files, pages: page_count, forms: forms.len() })
}

/// Checks everything, then writes the site to `opts.output_dir`.
pub fn build(opts: &Options) -> Result<Summary, Problems> {
    let start = Instant::now();
    let site = check(opts)?;
    write(opts, &site)?;
    Ok(site.summary(start))
}

/// Writes a checked site to `opts.output_dir`, replacing the previous one
/// only when every file is written; on failure the last problem says what
/// was left there.
pub fn write(opts: &Options, site: &Site) -> Result<(), Problems> {
    output::write(&opts.output_dir, &site.files).map_err(Problems)
}
