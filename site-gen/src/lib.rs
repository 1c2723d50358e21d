//! site-gen: turns `content/` and a theme into a static site that works on
//! any static host, under any sub-path, and straight from a folder on disk.
//!
//! The pipeline has named stages: settings → content → forms → theme
//! ([`load`]), then pages → link check → write ([`write`]). Each stage
//! reports all of its problems at once. Pages are written into a temporary
//! folder beside the output as they are made and their links checked as
//! they go, so the build never holds the whole site in memory; the folder
//! takes the output's place only when every stage has passed, so a failed
//! build leaves the previous site as it was.

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
pub mod lists;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod print;
pub mod problem;
pub mod report;
pub mod search;
pub mod serve;
pub mod theme;
pub mod validate;
pub mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

pub use problem::{Problem, Problems};

/// The form engine as one classic script (wasm-bindgen glue and the module's
/// bytes), built by `form-wasm/build-engine.sh` and kept in the repository, so
/// building the site needs no WebAssembly toolchain.
pub const ENGINE_JS: &str = include_str!("../../form-wasm/dist/form-engine.js");
const ENGINE_PATH: &str = "static/form-engine.js";
/// The form page's tools (form-wasm with its `tools` feature, built beside the
/// engine): the document a form page prints, its data files and tables from a
/// spreadsheet, loaded once the page is interactive.
pub const FORM_TOOLS_JS: &str = include_str!("../../form-wasm/dist/form-tools.js");
const FORM_TOOLS_PATH: &str = "static/form-tools.js";
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

/// Everything a build needs before a page is rendered, loaded and checked.
pub struct Site {
    config: config::SiteConfig,
    pages: Vec<content::Page>,
    generated: BTreeMap<String, pages::Generated>,
    /// Every file besides the pages: schemas, the engine, assets.
    files: Vec<output::OutputFile>,
    theme: theme::Theme,
    index: links::SiteIndex,
    forms: usize,
    /// The theme has a search page: the index is written with the pages.
    search: bool,
}

impl Site {
    /// What was built, timed from `start`.
    pub fn summary(&self, start: Instant) -> Summary {
        Summary {
            pages: self.pages.len(),
            forms: self.forms,
            files: self.pages.len() + self.files.len(),
            millis: start.elapsed().as_millis(),
        }
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

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// The content or the theme has problems; the output folder was not touched.
    Invalid(Problems),
    /// Writing failed; the last problem says what was left in the output folder.
    Write(Problems),
}

impl BuildError {
    pub fn problems(&self) -> &Problems {
        match self {
            BuildError::Invalid(p) | BuildError::Write(p) => p,
        }
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.problems().fmt(f)
    }
}

impl std::error::Error for BuildError {}

fn stage<T>(result: Result<T, Vec<Problem>>) -> Result<T, Problems> {
    result.map_err(|p| Problems(p).into_sorted())
}

/// Loads and checks everything that can be checked before a page is
/// rendered: settings, content, forms, theme.
pub fn load(opts: &Options) -> Result<Site, Problems> {
    let config = stage(config::load(&opts.content_dir))?;
    let content = stage(content::load(&opts.content_dir))?;
    let forms = stage(forms::load(&opts.content_dir, &content.forms))?;
    let theme = stage(theme::load(&opts.theme_dir))?;

    let mut pages = content.pages;
    let mut generated = BTreeMap::new();
    let mut files = Vec::new();
    for form in &forms {
        let (form_pages, form_generated, form_files) = form_pages::pages(form);
        pages.extend(form_pages);
        generated.extend(form_generated);
        files.extend(form_files);
    }
    if let Some((page, desk)) = desk_page::page(&forms) {
        pages.push(page);
        generated.insert(desk.0, desk.1);
        files.push(output::OutputFile::Bytes { path: UNIT_DESK_PATH.into(), bytes: UNIT_DESK_JS.as_bytes().to_vec() });
    }
    let search = stage(search::add_page(&theme, &mut pages, &mut generated, &opts.content_dir))?;

    if !forms.is_empty() {
        files.push(output::OutputFile::Bytes { path: ENGINE_PATH.into(), bytes: ENGINE_JS.as_bytes().to_vec() });
        files
            .push(output::OutputFile::Bytes { path: FORM_TOOLS_PATH.into(), bytes: FORM_TOOLS_JS.as_bytes().to_vec() });
        files.push(output::OutputFile::Bytes {
            path: WORD_WRITER_PATH.into(),
            bytes: WORD_WRITER_JS.as_bytes().to_vec(),
        });
        files.push(output::OutputFile::Bytes {
            path: DOCUMENT_CSS_PATH.into(),
            bytes: form_wasm::document::html::CSS.as_bytes().to_vec(),
        });
    }

    let mut index = links::SiteIndex::default();
    for form in &forms {
        index.sources.insert(form.source.clone(), form.output.clone());
    }
    for file in &files {
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

    files.extend(content.assets.iter().map(|a| output::OutputFile::copy(a.clone(), opts.content_dir.join(a))));
    files.extend(
        theme
            .assets
            .iter()
            .map(|a| output::OutputFile::copy(format!("static/{a}"), opts.theme_dir.join("static").join(a))),
    );
    Ok(Site { config, pages, generated, files, theme, index, forms: forms.len(), search })
}

/// Loads, renders and checks everything, writing nothing.
pub fn check(opts: &Options) -> Result<Summary, Problems> {
    let start = Instant::now();
    let site = load(opts)?;
    let made = make(opts, &site, None);
    if !made.invalid.is_empty() {
        return Err(Problems(made.invalid).into_sorted());
    }
    Ok(site.summary(start))
}

/// Checks everything, then writes the site to `opts.output_dir`.
pub fn build(opts: &Options) -> Result<Summary, BuildError> {
    let start = Instant::now();
    let site = load(opts).map_err(BuildError::Invalid)?;
    write(opts, &site)?;
    Ok(site.summary(start))
}

/// Renders the site into a temporary folder beside `opts.output_dir`,
/// checking as it goes, and puts it in place of the previous site only when
/// every page and link passed and every file is written. Otherwise the
/// temporary folder is removed and the previous site stays as it was: the
/// content's problems are [`BuildError::Invalid`], and a failure to write is
/// [`BuildError::Write`], whose last problem says what was left.
pub fn write(opts: &Options, site: &Site) -> Result<(), BuildError> {
    let staging = output::Staging::create(&opts.output_dir).map_err(|p| BuildError::Write(Problems(p)))?;
    let made = make(opts, site, Some(&staging));
    if !made.invalid.is_empty() {
        let problems = Problems(made.invalid).into_sorted();
        return Err(match staging.remove() {
            Ok(()) => BuildError::Invalid(problems),
            Err(left) => BuildError::Write(Problems(problems.0.into_iter().chain([left]).collect())),
        });
    }
    if !made.unwritten.is_empty() {
        let mut problems = made.unwritten;
        problems.push(staging.discard());
        return Err(BuildError::Write(Problems(problems)));
    }
    staging.swap().map_err(|p| BuildError::Write(Problems(p)))
}

/// What rendering and checking found.
struct Made {
    /// The content's or the theme's problems, of the first stage that had any.
    invalid: Vec<Problem>,
    /// Files that could not be written.
    unwritten: Vec<Problem>,
}

/// What a page that rendered left: what the link check keeps of it, its
/// references' problems, and whether it was written.
struct PageMade {
    kept: check::Kept,
    problems: Vec<Problem>,
    unwritten: Option<Problem>,
    /// Its text for the search index, when one is written.
    text: Option<search::extract::Document>,
}

/// Renders every page and checks every link. With `staging`, each page is
/// written there as soon as it is made, and the other files once every page
/// passed.
fn make(opts: &Options, site: &Site, staging: Option<&output::Staging>) -> Made {
    let invalid = |invalid| Made { invalid, unwritten: Vec::new() };
    let renderer = match pages::Renderer::new(
        &site.config,
        &site.pages,
        &site.generated,
        &site.theme,
        &site.index,
        &opts.content_dir,
        &opts.theme_dir,
    ) {
        Ok(r) => r,
        Err(problems) => return invalid(problems),
    };
    let links =
        check::LinkCheck { outputs: &site.index.outputs, content_dir: &opts.content_dir, theme_dir: &opts.theme_dir };
    let made: Vec<Result<PageMade, Vec<Problem>>> = site
        .pages
        .par_iter()
        .map(|page| {
            let rendered = renderer.render(page)?;
            let spliced = lists::splice(&rendered.html, &rendered.lists, &renderer.lists)?;
            let (kept, problems) =
                links.page(&page.output, &page.source, &rendered.html, &rendered.links, spliced.printed);
            let unwritten = staging.and_then(|s| s.write(&page.output, &spliced.pieces).err());
            let text =
                (site.search && staging.is_some()).then(|| search::text(&page.output, &spliced.pieces)).flatten();
            Ok(PageMade { kept, problems, unwritten, text })
        })
        .collect();

    let mut render_problems = Vec::new();
    let mut references = Vec::new();
    let mut kept = Vec::with_capacity(made.len());
    let mut unwritten = Vec::new();
    let mut texts = Vec::new();
    for m in made {
        match m {
            Err(mut p) => render_problems.append(&mut p),
            Ok(PageMade { kept: k, mut problems, unwritten: u, text }) => {
                kept.push(k);
                references.append(&mut problems);
                unwritten.extend(u);
                texts.extend(text);
            }
        }
    }
    if !render_problems.is_empty() {
        return invalid(render_problems);
    }
    let kept_lists: Vec<check::KeptList> = renderer.lists.par_iter().map(|l| links.list(l)).collect();
    let mut found = links.finish(&kept, &kept_lists);
    found.references.extend(references);
    let problems = found.into_problems();
    if !problems.is_empty() {
        return invalid(problems);
    }
    if let Some(staging) = staging {
        unwritten.extend(site.files.par_iter().filter_map(|f| staging.put(f).err()).collect::<Vec<_>>());
        if site.search {
            let index = search::index_files(texts);
            unwritten.extend(index.par_iter().filter_map(|f| staging.put(f).err()).collect::<Vec<_>>());
        }
    }
    Made { invalid: Vec::new(), unwritten }
}
