//! What applicants read: plain Chinese without keys or English jargon,
//! no stray spaces, names that agree from menu to page, notes only where
//! they apply, and facts from outside the seed attributed to their source.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use tests::{build_real_site, repo_root, SiteTest};

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

fn html_pages(root: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "html") {
                out.insert(p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(root, root, &mut out);
    out
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The body's text as a reader meets it: tags dropped, scripts and styles
/// left out. Whitespace inside a run of text, or beside an inline tag on
/// the same line, is a space the reader sees (a Markdown soft break inside
/// a paragraph is one); a whitespace run holding a line break next to a tag
/// is markup layout between blocks, kept as `\n`, which no check looks at.
fn reading_text(html: &str) -> String {
    let body = &html[html.find("<body").unwrap_or(0)..];
    let mut out = String::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &decode(&rest[..lt]));
        let tag = &rest[lt..];
        let skip_to = ["script", "style"].iter().find_map(|name| {
            tag.strip_prefix('<')
                .filter(|t| t.starts_with(name))
                .and_then(|_| tag.find(&format!("</{name}>")).map(|end| end + name.len() + 3))
        });
        let end = skip_to.unwrap_or_else(|| tag.find('>').map_or(tag.len(), |g| g + 1));
        rest = &tag[end..];
    }
    push_text(&mut out, &decode(rest));
    out
}

fn push_text(out: &mut String, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_space(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_space(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        let touches_tag = start == 0 || i == chars.len();
        out.push(if touches_tag && run.contains(&'\n') { '\n' } else { ' ' });
    }
}

/// Spaces a reader sees. The ideographic space (U+3000) is left out: the
/// official forms use it on purpose between checkbox options.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{a0}')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn is_full_width_punctuation(c: char) -> bool {
    matches!(c, '\u{3001}'..='\u{303f}' | '“' | '”' | '‘' | '’' | '…' | '—')
        || (matches!(c, '\u{ff01}'..='\u{ff60}') && !c.is_alphanumeric())
}

/// Every space after full-width punctuation or between two Han characters,
/// with some text either side. Chinese text has no spaces between words:
/// these are left over from YAML folding or Markdown line breaks.
fn stray_spaces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_space(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_space(chars[i]) {
            i += 1;
        }
        if chars[start..i].contains(&'\n') || start == 0 || i == chars.len() {
            continue;
        }
        let (before, after) = (chars[start - 1], chars[i]);
        if is_full_width_punctuation(before) || (is_han(before) && is_han(after)) {
            let from = start.saturating_sub(12);
            let to = (i + 12).min(chars.len());
            found.push(chars[from..to].iter().collect::<String>().replace('\n', "⏎"));
        }
    }
    found
}

fn stray_spaces_in(out: &Path, pages: impl Iterator<Item = String>) -> Vec<String> {
    pages
        .flat_map(|page| {
            stray_spaces(&reading_text(&read(out, &page))).into_iter().map(move |s| format!("{page}: “{s}”"))
        })
        .collect()
}

#[test]
fn the_space_check_sees_folded_lines_and_soft_breaks_but_not_layout() {
    assert_eq!(stray_spaces(&reading_text("<body><p>一并， 经推荐</p></body>")), ["一并， 经推荐"]);
    assert_eq!(stray_spaces(&reading_text("<body><p>一并，\n经推荐</p></body>")), ["一并， 经推荐"]);
    assert_eq!(stray_spaces(&reading_text("<body><p>带<span>星号</span> 的为</p></body>")), ["带星号 的为"]);
    assert!(stray_spaces(&reading_text("<body><li>甲。</li>\n  <li>乙</li><p>依据 JSON 格式</p></body>")).is_empty());
    assert!(stray_spaces(&reading_text("<body><p>□平台\u{3000}□基地</p><script>var a = '甲 乙';</script></body>"))
        .is_empty());
}

#[test]
fn content_pages_have_no_stray_spaces_in_chinese_text() {
    let (_dir, out) = build_real_site();
    let pages = html_pages(&out).into_iter().filter(|p| !p.starts_with("forms/"));
    let found = stray_spaces_in(&out, pages);
    assert!(found.is_empty(), "spaces inside Chinese text:\n{}", found.join("\n"));
}

/// The form pages print the form definitions' text (`content/forms/*.yaml`),
/// where a folded YAML line leaves a space after its line's last character.
#[test]
fn form_pages_have_no_stray_spaces_in_chinese_text() {
    let (_dir, out) = build_real_site();
    let pages = html_pages(&out).into_iter().filter(|p| p.starts_with("forms/"));
    let found = stray_spaces_in(&out, pages);
    assert!(found.is_empty(), "spaces inside Chinese text:\n{}", found.join("\n"));
}

/// The ids of every field and table column of the real forms.
fn real_form_keys() -> BTreeSet<String> {
    let content = repo_root().join("content");
    let loaded = site_gen::content::load(&content).unwrap_or_else(|_| panic!("the real content loads"));
    let forms = site_gen::forms::load(&content, &loaded.forms).unwrap_or_else(|_| panic!("the real forms load"));
    let mut keys = BTreeSet::new();
    for form in &forms {
        keys.insert(form.def.id.clone());
        for (_, f) in form.def.fields() {
            keys.insert(f.id.clone());
            keys.extend(f.columns.iter().map(|c| c.id.clone()));
        }
    }
    keys
}

#[test]
fn form_pages_speak_to_applicants_without_keys_or_english_jargon() {
    let (_dir, out) = build_real_site();
    let keys = real_form_keys();
    for page in html_pages(&out).into_iter().filter(|p| p.starts_with("forms/") && !p.ends_with(".format.html")) {
        // 导出 Word 文档 names the file applicants get, as WPS and Word call it.
        let text = reading_text(&read(&out, &page)).replace("导出 Word 文档", "");
        for word in ["JSON", "Schema", "JavaScript", "答案", "导出 ", "下载 "] {
            assert!(!text.contains(word), "{page} says “{word}” to applicants");
        }
        // A key shows as an ASCII word of its own: `platform_name`, `(summary-table)`.
        let words: BTreeSet<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let shown: Vec<&&str> = words.iter().filter(|w| keys.contains(**w)).collect();
        assert!(shown.is_empty(), "{page} shows keys to applicants: {shown:?}");
        if page == "forms/recommend.html" {
            continue; // the 推荐单位 page is no form: its tools are its own
        }
        assert!(
            text.contains("核对全部填写内容") && text.contains("保存数据文件（.json）"),
            "{page}: the tools' names"
        );
        assert!(text.contains("不需要报送"), "{page} says the data file is the applicant's own copy");
    }
}

/// Only the data-format pages, written for whoever receives the files, may
/// say JSON; everywhere else the file is a 数据文件（.json）.
#[test]
fn only_the_data_format_pages_say_json() {
    let (_dir, out) = build_real_site();
    let (technical, applicants): (Vec<String>, Vec<String>) =
        html_pages(&out).into_iter().partition(|p| p.ends_with(".format.html"));
    // The description is what a search result or a link preview shows.
    let description = |html: &str| {
        html.split("<meta name=\"description\" content=\"").nth(1).and_then(|s| s.split('"').next()).map(decode)
    };
    let saying: Vec<&String> = applicants
        .iter()
        .filter(|p| {
            let html = read(&out, p);
            reading_text(&html).contains("JSON") || description(&html).is_some_and(|d| d.contains("JSON"))
        })
        .collect();
    assert!(saying.is_empty(), "pages that say JSON to applicants: {saying:?}");
    assert_eq!(technical.len(), 4, "one data-format page per form");
    for page in &technical {
        let text = reading_text(&read(&out, page));
        assert!(
            text.contains("机器可读的格式说明（JSON Schema，供技术人员）"),
            "{page}: the schema link, labelled in Chinese"
        );
        assert!(text.contains("供接收数据文件的技术人员使用"), "{page} says whom it is for");
    }
}

/// The buttons the page code's messages tell applicants to press
/// (`点击“保存数据文件（.json）”`) are the buttons the form page has.
#[test]
fn buttons_named_in_the_page_codes_messages_are_on_the_form_page() {
    let (_dir, out) = build_real_site();
    let html = read(&out, "forms/base-application.html");
    let buttons: BTreeSet<String> = html
        .split("<button")
        .skip(1)
        .chain(html.split("<label class=\"button").skip(1))
        .filter_map(|s| s.split_once('>').and_then(|(_, rest)| rest.split_once('<')).map(|(text, _)| decode(text)))
        .collect();
    let dir = repo_root().join("form-wasm/src/page");
    let mut named = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let source = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for (at, _) in source.match_indices("点“").chain(source.match_indices("点击“")) {
            let quoted = &source[at..];
            let start = quoted.find('“').unwrap() + '“'.len_utf8();
            named.push(quoted[start..start + quoted[start..].find('”').unwrap()].to_string());
        }
    }
    assert!(!named.is_empty(), "the page code names buttons in its messages");
    for name in named {
        assert!(buttons.contains(&name), "the page code names “{name}”, but the form page's buttons are {buttons:?}");
    }
}

fn form_with(fields: &str) -> String {
    format!("id: demo\nversion: \"1\"\nattachment: \"9.9\"\ntitle: 测试表\nsections:\n  - id: s\n    title: 一、情况\n    fields:\n{fields}")
}

#[test]
fn money_unit_note_only_on_forms_with_money() {
    const NOTE: &str = "金额单位为万元";
    let no_money =
        form_with("      - { id: name, label: 名称, type: text }\n      - { id: staff, label: 人数, type: integer }\n");
    let site = SiteTest::new().file("forms/demo.yaml", &no_money);
    site.build();
    assert!(!site.read("forms/demo.html").contains(NOTE), "a form without amounts");

    // Money only inside a table still counts.
    let money_column = form_with(
        "      - id: funds\n        label: 经费\n        type: table\n        columns:\n          - { id: item, label: 项目, type: text }\n          - { id: amount, label: 金额, type: money }\n",
    );
    let site = SiteTest::new().file("forms/demo.yaml", &money_column);
    site.build();
    assert!(site.read("forms/demo.html").contains(NOTE), "a form with a money column");

    let (_dir, out) = build_real_site();
    for (form, has) in
        [("summary-table", false), ("platform-application", true), ("base-application", true), ("creation-plan", false)]
    {
        assert_eq!(read(&out, &format!("forms/{form}.html")).contains(NOTE), has, "{form}");
    }
}

/// `<a href="…">label</a>` links of the top navigation of `page`.
fn nav_links(html: &str) -> Vec<(String, String)> {
    let nav = html.split("class=\"site-nav\"").nth(1).unwrap().split("</nav>").next().unwrap();
    nav.split("<a href=\"")
        .skip(1)
        .map(|s| {
            let (href, rest) = s.split_once('"').unwrap();
            let label = rest.split_once('>').unwrap().1.split_once('<').unwrap().0;
            (href.to_string(), label.to_string())
        })
        .collect()
}

fn h1_text(html: &str) -> String {
    let h1 = html.split("<h1").nth(1).unwrap().split_once('>').unwrap().1.split("</h1>").next().unwrap();
    reading_text(&format!("<body>{h1}")).trim().to_string()
}

#[test]
fn navigation_labels_are_the_titles_of_the_pages_they_open() {
    let (_dir, out) = build_real_site();
    let links = nav_links(&read(&out, "index.html"));
    assert!(links.len() >= 4, "{links:?}");
    // The home page's title is the whole call's name; its menu label is 首页.
    for (href, label) in links.iter().filter(|(href, _)| href != "index.html") {
        assert_eq!(&h1_text(&read(&out, href)), label, "the menu item {label} opens {href}");
    }
    let labels: Vec<&str> = links.iter().map(|(_, l)| l.as_str()).collect();
    assert!(labels.contains(&"通知全文") && labels.contains(&"管理办法（摘要）"), "{labels:?}");
}

#[test]
fn footer_cites_the_notice_by_its_own_title_as_the_seed_prints_it() {
    let content = repo_root().join("content");
    let config = site_gen::config::load(&content).unwrap_or_else(|_| panic!("site.yaml loads"));
    let title = config.notice_title.as_deref().expect("site.yaml names the notice's title");
    let seed: String = std::fs::read_to_string(repo_root().join("tests/fixtures/seed-notice.txt"))
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(seed.contains(title), "the notice's title is printed in the seed: {title}");
    let (_dir, out) = build_real_site();
    for page in html_pages(&out) {
        let html = read(&out, &page);
        let footer = html.split("<footer").nth(1).unwrap_or_else(|| panic!("{page}: no footer"));
        assert!(footer.contains(&format!("《{title}》")), "{page}: the footer cites the notice");
        assert!(!html.contains(&format!("《{}》", config.title)), "{page}: the site's title is no document's");
    }
}

/// “2025年11月24日前” is read as “up to and including the 24th”: every page
/// showing the deadline says so, as do the home page and the guide in their
/// own words, matching what `static/site.js` counts (tests/browser/site.rs).
#[test]
fn the_reading_of_the_deadline_is_stated_wherever_the_deadline_is() {
    let (_dir, out) = build_real_site();
    for page in html_pages(&out) {
        let html = read(&out, &page);
        if html.contains("data-deadline=") {
            let text = reading_text(&html);
            assert!(
                text.contains("通知原文为“2025年11月24日前”，本站按2025年11月24日当天仍可报送理解"),
                "{page} shows the deadline without its reading"
            );
        }
    }
    for page in ["index.html", "guide/how-to-apply.html"] {
        let main = read(&out, page);
        let content = main.split("<div class=\"content\">").nth(1).unwrap();
        assert!(reading_text(content).contains("本站按11月24日当天仍可报送理解"), "{page}: in the page's own words");
    }
}

/// The measures are not in the seed: what the page says of them beyond
/// their title and number comes from the ministry's published documents,
/// and each such statement says so where it is made.
#[test]
fn facts_about_the_measures_from_outside_the_seed_name_their_source() {
    let (_dir, out) = build_real_site();
    let html = read(&out, "measures/index.html");
    // Paragraphs, table rows and list items: where a statement and its source sit together.
    let marked = html.replace("</tr>", "</p>").replace("</li>", "</p>");
    let blocks: Vec<&str> = marked.split("</p>").collect();
    for fact in ["2025年10月21日", "中小企业促进法", "国有企事业单位", "〔2017〕156号", "〔2016〕194号"]
    {
        let with: Vec<&&str> = blocks.iter().filter(|b| b.contains(fact)).collect();
        assert!(!with.is_empty(), "the summary states {fact}");
        for b in with {
            assert!(b.contains("据工业和信息化部"), "“{fact}” without its source: {}", reading_text(b).trim());
        }
    }
    assert!(!reading_text(&html).contains("取代"), "replacement is stated once, attributed, as 替代");
}
