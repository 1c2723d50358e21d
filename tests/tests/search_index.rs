//! The search page and its index as the build writes them: what each page
//! contributes (its `<main>`, cut at its headings), a theme that has no
//! search, and a page that would take the search page's place.

use tests::SiteTest;

#[test]
fn each_page_contributes_its_main_text_cut_at_its_headings() {
    let site = SiteTest::new().file(
        "guide/_index.md",
        "---\ntitle: 指南\ndescription: 怎样报送\n---\n\n## 联系方式 {#contact}\n\n电话020-83134726。\n\n### 传真\n\n无。\n",
    );
    let out = site.build();
    assert!(out.join("search.html").is_file(), "the results page");
    assert_eq!(
        site.read("search/index.js"),
        "siteSearch.meta({\"version\":1,\"termShards\":1,\"pages\":2,\"pageShards\":[0]});\n",
        "two pages (the results page is not one of them), every term in one shard, every page in one page shard"
    );
    assert_eq!(
        site.read("search/pages-0.js"),
        concat!(
            "siteSearch.pages(0,[",
            "[\"guide/index.html\",\"指南\",[[\"\",\"指南\",1,\"怎样报送\"],[\"contact\",\"联系方式\",2,\"电话020-83134726。\"],[\"传真\",\"传真\",3,\"无。\"]]],",
            // The home page's template puts the deadline in its <main>.
            "[\"index.html\",\"首页\",[[\"\",\"首页\",1,\"报送截止：2025年11月24日前 通知原文为“2025年11月24日前”，",
            "本站按2025年11月24日当天仍可报送理解，请以推荐单位和测试厅的要求为准。这是推荐单位报送测试厅的时间；",
            "运营主体向推荐单位申报的时间由各推荐单位确定，通常更早。\"],[\"概述\",\"概述\",2,\"正文。\"]]]",
            "]);\n"
        )
    );
    let terms = site.read("search/terms-0.js");
    // Page 0 (guide) only: gap 0, then its score (body text weighs 1).
    assert!(terms.contains("\"83134726\":\"AB\""), "{terms}");
    // The header, navigation and footer every page shares are not indexed.
    for shared in ["站点", "收集"] {
        assert!(!terms.contains(&format!("\"{shared}\"")), "{shared} is in the header or footer only");
    }
}

#[test]
fn a_theme_without_a_search_template_gets_no_search_page_and_no_index() {
    let site = SiteTest::new().without_template("search.html").template("partials/search-box.html", "");
    let out = site.build();
    assert!(!out.join("search.html").exists());
    assert!(!out.join("search").exists());
}

#[test]
fn a_page_that_would_be_written_to_search_html_is_refused() {
    SiteTest::new().file("search.md", "---\ntitle: 搜索\n---\n\n正文。\n").expect_error(
        "<site>/content/search.md: writes `search.html`, which is the site's search page: rename this file",
    );
}
