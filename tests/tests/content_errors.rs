//! Every way content or a theme can be wrong gives a message naming the file
//! and, where there is one, the line and column; and nothing is written.

use tests::SiteTest;

#[test]
fn yaml_syntax_error_in_front_matter_points_at_the_file_line() {
    SiteTest::new()
        .file("notice.md", "---\ntitle: 通知\ndescription: 说明: 冒号\n---\n正文\n")
        .expect_error("<site>/content/notice.md:3:16: mapping values are not allowed in this context");
}

#[test]
fn wrong_type_in_front_matter_names_the_key() {
    SiteTest::new()
        .file("notice.md", "---\ntitle: 通知\norder: 第一\n---\n正文\n")
        .expect_error("<site>/content/notice.md:3:8: order: invalid type: string \"第一\", expected i64");
}

#[test]
fn unknown_front_matter_key_is_an_error() {
    SiteTest::new().file("notice.md", "---\ntitle: 通知\ntitel: 错字\n---\n正文\n").expect_error(
        "<site>/content/notice.md:3:1: unknown field `titel`, expected one of `title`, `description`, `order`, `template`, `toc`",
    );
}

#[test]
fn missing_front_matter_is_an_error() {
    SiteTest::new().file("notice.md", "# 通知\n").expect_error(
        "<site>/content/notice.md:1:1: missing front matter: a page starts with a line `---`, then YAML such as `title: 页面标题`, then a line `---`",
    );
}

#[test]
fn missing_title_is_an_error() {
    SiteTest::new()
        .file("notice.md", "---\norder: 1\n---\n正文\n")
        .expect_error("<site>/content/notice.md:2:1: missing field `title`");
}

#[test]
fn link_to_a_missing_page_names_file_line_and_column() {
    SiteTest::new()
        .file("notice.md", "---\ntitle: 通知\n---\n\n第一段。\n\n见[附件](attachments/2-9.md)。\n")
        .expect_error(
            "<site>/content/notice.md:7:2: link `attachments/2-9.md` points at `attachments/2-9.md`, which is not in the content folder",
        );
}

#[test]
fn link_to_a_missing_anchor_is_an_error() {
    SiteTest::new()
        .file("notice.md", "---\ntitle: 通知\n---\n\n## 报送要求 {#submission}\n")
        .file("guide.md", "---\ntitle: 指南\n---\n\n见[通知](notice.md#deadline)与[要求](notice.md#submission)。\n")
        .expect_error("<site>/content/guide.md:5:2: link `notice.md#deadline`: `notice.html` has no heading or element with id `deadline`");
}

#[test]
fn link_to_a_chinese_heading_anchor_resolves() {
    let site = SiteTest::new()
        .file("notice.md", "---\ntitle: 通知\n---\n\n## 三、报送要求\n")
        .file("guide.md", "---\ntitle: 指南\n---\n\n见[通知](notice.md#三报送要求)。\n");
    site.build();
    // pulldown-cmark percent-encodes the fragment; browsers match it to the id.
    assert!(site.read("guide.html").contains(r#"href="notice.html#%E4%B8%89%E6%8A%A5%E9%80%81%E8%A6%81%E6%B1%82""#));
    assert!(site.read("notice.html").contains(r#"<h2 id="三报送要求">"#));
}

#[test]
fn absolute_links_are_rejected_because_they_break_under_a_sub_path() {
    SiteTest::new().file("notice.md", "---\ntitle: 通知\n---\n[首页](/index.md)\n").expect_error(
        "<site>/content/notice.md:4:1: link `/index.md` starts with `/`, which breaks under a sub-path and from a folder on disk: write the path relative to this file",
    );
}

#[test]
fn link_to_html_output_suggests_the_md_source() {
    SiteTest::new().file("notice.md", "---\ntitle: 通知\n---\n[首页](index.html)\n").expect_error(
        "<site>/content/notice.md:4:1: link `index.html` points at `index.html`, which is not in the content folder (link to the page's .md file, not its .html)",
    );
}

#[test]
fn missing_image_is_an_error() {
    SiteTest::new().file("notice.md", "---\ntitle: 通知\n---\n![印章](images/seal.png)\n").expect_error(
        "<site>/content/notice.md:4:1: link `images/seal.png` points at `images/seal.png`, which is not in the content folder",
    );
}

#[test]
fn all_problems_of_a_stage_are_reported_together() {
    let errors = SiteTest::new()
        .file("a.md", "---\ntitle: A\nbogus: 1\n---\n")
        .file("b.md", "---\ntitle: B\n---\n[x](nowhere.md)\n")
        .errors();
    assert_eq!(errors.lines().count(), 1, "front matter is one stage: {errors}");
    assert!(errors.contains("a.md:3:1: unknown field `bogus`"), "{errors}");
    let errors = SiteTest::new()
        .file("b.md", "---\ntitle: B\n---\n[x](nowhere.md)\n")
        .file("c.md", "---\ntitle: C\n---\n\n\n[y](gone.md)\n")
        .errors();
    assert_eq!(errors.lines().count(), 2, "{errors}");
}

#[test]
fn template_syntax_error_names_the_template_and_the_cause() {
    let errors = SiteTest::new()
        .template("page.html", "{% extends \"base.html\" %}\n{% block main %}{{ page.title }{% endblock main %}\n")
        .errors();
    assert!(errors.starts_with("<site>/theme/templates: template error: Failed to parse"), "{errors}");
    assert!(errors.contains("page.html"), "names the template: {errors}");
    assert!(errors.contains("2:"), "names the line: {errors}");
}

#[test]
fn template_render_error_names_template_page_and_cause() {
    SiteTest::new()
        .file("notice.md", "---\ntitle: 通知\n---\n正文\n")
        .template("page.html", "{% extends \"base.html\" %}\n{% block main %}{{ page.titel }}{% endblock main %}\n")
        .expect_error(
            "<site>/theme/templates/page.html: cannot render notice.md: Failed to render 'page.html'\n  caused by: Variable `page.titel` not found in context while rendering 'page.html'",
        );
}

#[test]
fn unknown_template_in_front_matter_is_an_error() {
    let errors = SiteTest::new().file("notice.md", "---\ntitle: 通知\ntemplate: wide.html\n---\n").errors();
    assert!(
        errors.ends_with("themes/default/templates/wide.html: cannot render notice.md: Template 'wide.html' not found"),
        "{errors}"
    );
}

#[test]
fn broken_link_in_a_template_is_an_error() {
    SiteTest::new()
        .template("partials/toc.html", "<a href=\"{{ page.root }}static/missing.css\">x</a>")
        .expect_error("<site>/theme/templates: index.html (from index.md): reference `static/missing.css` points at `static/missing.css`, which the site does not have");
}

#[test]
fn template_references_are_checked_however_they_are_quoted() {
    for reference in
        ["<a href='{{ page.root }}static/missing.css'>x</a>", "<a href={{ page.root }}static/missing.css>x</a>"]
    {
        SiteTest::new()
            .template("partials/toc.html", reference)
            .expect_error("<site>/theme/templates: index.html (from index.md): reference `static/missing.css` points at `static/missing.css`, which the site does not have");
    }
}

#[test]
fn nav_entry_that_does_not_exist_is_an_error() {
    SiteTest::new()
        .file("site.yaml", "title: T\nlanguage: zh-CN\nissuer: I\ndocument_number: N\ndates:\n  issued: 2025-11-13\n  deadline: 2025-11-24\nnav:\n  - guide\n")
        .expect_error("<site>/content/site.yaml: `nav` names `guide`, which is neither a page (`notice.md`) nor a folder with an `_index.md`");
}

#[test]
fn impossible_deadline_is_an_error() {
    SiteTest::new()
        .file("site.yaml", "title: T\nlanguage: zh-CN\nissuer: I\ndocument_number: N\ndates:\n  issued: 2025-11-13\n  deadline: 2025-02-30\n")
        .expect_error("<site>/content/site.yaml: `dates.deadline` must be a date written YYYY-MM-DD, found `2025-02-30`");
}

#[test]
fn unknown_site_setting_is_an_error() {
    let errors = SiteTest::new()
        .file("site.yaml", "title: T\nlanguage: zh-CN\nissuer: I\ndocument_number: N\ndates:\n  issued: 2025-11-13\n  deadline: 2025-11-24\nbase_url: /x/\n")
        .errors();
    assert!(errors.starts_with("<site>/content/site.yaml:8:1: unknown field `base_url`"), "{errors}");
}

#[test]
fn two_sources_for_one_output_is_an_error() {
    SiteTest::new()
        .file("_index.md", "---\ntitle: 另一个首页\n---\n")
        .expect_error("<site>/content/index.md: writes `index.html`, which `_index.md` writes too: rename one of them");
}

#[test]
fn output_folder_not_made_by_site_gen_is_left_alone() {
    let site = SiteTest::new();
    std::fs::create_dir_all(site.output_dir()).unwrap();
    std::fs::write(site.output_dir().join("precious.txt"), "keep").unwrap();
    let errors = site.errors();
    assert!(errors.contains("the output folder is not empty and was not made by site-gen"), "{errors}");
    assert_eq!(std::fs::read_to_string(site.output_dir().join("precious.txt")).unwrap(), "keep");
}

// ---------------------------------------------------------------------------
// Nothing in content may run: raw HTML, code-running links and heading
// attributes are refused where they stand.
// ---------------------------------------------------------------------------

fn page(body: &str) -> SiteTest {
    SiteTest::new().file("notice.md", &format!("---\ntitle: 通知\n---\n\n{body}\n"))
}

#[test]
fn raw_html_in_content_is_refused_where_it_stands() {
    page("第一段。\n\n<script>alert(1)</script>").expect_error(
        "<site>/content/notice.md:7:1: raw HTML `<script>` is not allowed in content: write Markdown (a site may allow plain tags with `allow_html` in site.yaml)",
    );
    page("图：<img src=x onerror=\"alert(2)\">").expect_error(
        "<site>/content/notice.md:5:3: raw HTML `<img src=x onerror=\"alert(2)\">` is not allowed in content: write Markdown (a site may allow plain tags with `allow_html` in site.yaml)",
    );
    page("<iframe src=\"https://example.org\"></iframe>").expect_error(
        "<site>/content/notice.md:5:1: raw HTML `<iframe src=\"https://example.org\">` is not allowed in content: write Markdown (a site may allow plain tags with `allow_html` in site.yaml)",
    );
}

#[test]
fn plain_tags_a_site_allows_pass_and_nothing_else_does() {
    let site = "title: 测试站点\nlanguage: zh-CN\nissuer: 测试厅\ndocument_number: 测试〔2025〕1号\ndates:\n  issued: 2025-11-13\n  deadline: 2025-11-24\nnav:\n  - index.md\nallow_html: [br, sup]\n";
    let t = page("第一行<br>第二行，面积m<sup>2</sup>。").file("site.yaml", site);
    t.build();
    assert!(t.read("notice.html").contains("第一行<br>第二行"));
    page("第一行<br onclick=x>").file("site.yaml", site).expect_error(
        "<site>/content/notice.md:5:4: raw HTML `<br onclick=x>` is not allowed in content: write Markdown (a site may allow plain tags with `allow_html` in site.yaml)",
    );
}

#[test]
fn code_running_links_are_refused() {
    page("[点此](javascript:alert(3))").expect_error(
        "<site>/content/notice.md:5:1: a `javascript:` link is not allowed in content: it would run or embed code",
    );
    page("![图](data:image/svg+xml,<svg/onload=alert(4)>)").expect_error(
        "<site>/content/notice.md:5:1: a `data:` link is not allowed in content: it would run or embed code",
    );
}

#[test]
fn heading_attributes_other_than_an_id_are_refused() {
    page("## 标题 {#a onfocus=alert(3) autofocus}").expect_error(
        "<site>/content/notice.md:5:1: heading attributes `onfocus`, `autofocus` are not allowed: write only `{#id}`",
    );
}
