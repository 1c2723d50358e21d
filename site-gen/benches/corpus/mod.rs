//! The generated corpus of the benchmarks (`build`, `search`): pages of
//! Chinese paragraphs of ~400 characters, a 6×10 table, lists and links to
//! other pages with anchors, in folders of `per_section` pages.

use std::fmt::Write as _;
use std::path::Path;

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

/// Writes a corpus of `pages` pages, `per_section` to a folder, into `dir`.
pub fn generate(dir: &Path, pages: usize, per_section: usize) {
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
