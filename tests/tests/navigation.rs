//! The site navigation and a section's list are rendered once for all the
//! pages of a folder and put into each page, with that page's own link
//! marked `aria-current="page"`: a reader sees where they are, whichever
//! page they open.

#![allow(clippy::unwrap_used)]

use tests::SiteTest;

const SITE_YAML: &str = "title: 测试站点\nlanguage: zh-CN\nissuer: 测试厅\ndocument_number: 测试〔2025〕1号\ndates:\n  issued: 2025-11-13\n  deadline: 2025-11-24\nnav:\n  - { path: index.md, title: 首页 }\n  - notice.md\n  - guide\n";

fn site() -> SiteTest {
    SiteTest::new()
        .file("site.yaml", SITE_YAML)
        .file("notice.md", "---\ntitle: 通知\n---\n\n正文。\n")
        .file("guide/_index.md", "---\ntitle: 指南\n---\n\n栏目说明。\n")
        .file("guide/a.md", "---\ntitle: 第一步\norder: 1\n---\n\n正文。\n")
        .file("guide/b.md", "---\ntitle: 第二步\norder: 2\n---\n\n正文。\n")
        .file("guide/c.md", "---\ntitle: 第三步\norder: 3\n---\n\n正文。\n")
}

/// The `<nav class="…">` element of `html`.
fn nav<'a>(html: &'a str, class: &str) -> &'a str {
    let start = html.find(&format!("<nav class=\"{class}\"")).unwrap_or_else(|| panic!("no {class} in {html}"));
    let end = html[start..].find("</nav>").unwrap() + start;
    &html[start..end]
}

/// The links of a list that carry `aria-current="page"`.
fn marked(list: &str) -> Vec<&str> {
    list.split("<a href=\"")
        .skip(1)
        .filter(|a| a.split('>').next().unwrap().contains("aria-current=\"page\""))
        .map(|a| a.split('"').next().unwrap())
        .collect()
}

#[test]
fn each_page_of_a_section_marks_itself_in_the_section_list_and_its_section_in_the_menu() {
    let site = site();
    site.build();
    for (page, own) in [("a", "a.html"), ("b", "b.html"), ("c", "c.html")] {
        let html = site.read(&format!("guide/{page}.html"));
        assert_eq!(marked(nav(&html, "section-nav")), [own], "guide/{page}.html, section list");
        assert_eq!(marked(nav(&html, "site-nav")), ["index.html"], "guide/{page}.html: 指南 in the menu");
        assert!(nav(&html, "site-nav").contains("<a href=\"index.html\" aria-current=\"page\">指南</a>"));
        // The same list, relative to the same folder, on every page.
        assert_eq!(
            nav(&html, "section-nav").replace(" aria-current=\"page\"", ""),
            nav(&site.read("guide/a.html"), "section-nav").replace(" aria-current=\"page\"", "")
        );
    }
}

#[test]
fn a_top_level_page_marks_only_its_own_menu_entry() {
    let site = site();
    site.build();
    let notice = site.read("notice.html");
    assert_eq!(marked(nav(&notice, "site-nav")), ["notice.html"]);
    let home = site.read("index.html");
    assert_eq!(marked(nav(&home, "site-nav")), ["index.html"]);
    assert!(!home.contains("section-nav"), "the home page has no section list");
}

#[test]
fn a_section_page_lists_its_pages_with_none_marked() {
    let site = site();
    site.build();
    let html = site.read("guide/index.html");
    let list = nav(&html, "section-list");
    assert!(list.contains("<a href=\"a.html\">第一步</a>") && list.contains("<a href=\"c.html\">第三步</a>"), "{list}");
    assert!(marked(list).is_empty(), "{list}");
    assert_eq!(marked(nav(&html, "site-nav")), ["index.html"], "its own menu entry");
}

#[test]
fn a_broken_link_in_a_list_is_reported_once_naming_the_partial() {
    let errors = site()
        .template(
            "partials/section-nav.html",
            "{% if links %}<nav class=\"section-nav\"><a href=\"{{ root }}static/missing.css\">x</a>{% for item in links %}<a href=\"{{ item.url }}\">{{ item.title }}</a>{% endfor %}</nav>{% endif %}",
        )
        .errors();
    assert_eq!(
        errors,
        "<site>/theme/templates/partials/section-nav.html: as printed in the pages of `guide/`: reference `../static/missing.css` points at `static/missing.css`, which the site does not have\n\
         <site>/theme/templates/partials/section-nav.html: as printed in the pages of the top folder: reference `static/missing.css` points at `static/missing.css`, which the site does not have"
    );
}

#[test]
fn a_list_whose_links_cannot_be_found_says_how_to_print_them() {
    site()
        .template(
            "partials/section-nav.html",
            "{% if links %}<nav class=\"section-nav\">{% for item in links %}<a href='{{ item.url }}'>{{ item.title }}</a>{% endfor %}</nav>{% endif %}",
        )
        .expect_error(
            "<site>/theme/templates/partials/section-nav.html: the current page cannot be marked in the list for the pages in `guide/`: it has no `href=\"a.html\"` after the links before it: print each link of `links`, in order, as `<a href=\"{{ item.url }}\"…>`\n\
             <site>/theme/templates/partials/section-nav.html: the current page cannot be marked in the list for the pages in `guide/`: it has no `href=\"b.html\"` after the links before it: print each link of `links`, in order, as `<a href=\"{{ item.url }}\"…>`\n\
             <site>/theme/templates/partials/section-nav.html: the current page cannot be marked in the list for the pages in `guide/`: it has no `href=\"c.html\"` after the links before it: print each link of `links`, in order, as `<a href=\"{{ item.url }}\"…>`\n\
             <site>/theme/templates/partials/section-nav.html: the current page cannot be marked in the list for the pages in the top folder: it has no `href=\"notice.html\"` after the links before it: print each link of `links`, in order, as `<a href=\"{{ item.url }}\"…>`",
        );
}

#[test]
fn a_list_no_page_prints_is_not_checked() {
    // No folder has a section page, so no page prints the section list.
    SiteTest::new()
        .file("notice.md", "---\ntitle: 通知\n---\n\n正文。\n")
        .template("partials/section-list.html", "<a href=\"{{ root }}missing.html\">x</a>")
        .build();
}
