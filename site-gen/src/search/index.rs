//! The index as files of the site: classic scripts in `search/`, which
//! `static/search.js` adds to the results page one by one as a query needs
//! them, so the site works from a folder on disk (no `fetch`, no modules)
//! and a large site never loads the whole index at once.
//!
//! - `search/index.js`: how many term shards there are and which pages
//!   each page shard holds; the only file every query loads.
//! - `search/terms-N.js`: the postings of the terms whose hash
//!   ([`tokens::shard_of`]) is N: for each term, the pages that hold it
//!   and how strongly (title above headings above body).
//! - `search/pages-N.js`: a run of pages' paths, titles and text by
//!   heading, for the results shown (heading links and snippets).
//!
//! Postings are strings of base-32 digits (see [`encode`]): page numbers
//! as gaps from the one before, each followed by its score.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use super::extract::Document;
use super::tokens;
use crate::output::OutputFile;

pub const DIR: &str = "search";
/// Bumped when the files change shape; `search.js` checks it.
pub const VERSION: u32 = 1;

/// Score of one occurrence: in the title, in a heading, in the body.
const TITLE_WEIGHT: u32 = 8;
const HEADING_WEIGHT: u32 = 4;
const BODY_WEIGHT: u32 = 1;
/// Scores are capped so each is one digit: past a few dozen
/// occurrences, more says little about a page.
const MAX_SCORE: u32 = 31;
/// About how large a term shard grows before the terms are spread over
/// more of them (a power of two, so a query loads a few small files).
const TERM_SHARD_BYTES: usize = 48 * 1024;
const MAX_TERM_SHARDS: usize = 4096;
/// About how much page text one page shard holds.
const PAGE_SHARD_BYTES: usize = 24 * 1024;

/// Sizes of what was written, for the benchmark and the build's report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub terms: usize,
    pub term_shards: usize,
    pub page_shards: usize,
    pub meta_bytes: usize,
    pub term_bytes: usize,
    pub largest_term_shard: usize,
    pub page_bytes: usize,
    pub largest_page_shard: usize,
}

impl Stats {
    pub fn total_bytes(&self) -> usize {
        self.meta_bytes + self.term_bytes + self.page_bytes
    }
}

pub struct Built {
    pub files: Vec<OutputFile>,
    pub stats: Stats,
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    #[serde(rename = "termShards")]
    term_shards: usize,
    pages: usize,
    /// The first page number of each page shard.
    #[serde(rename = "pageShards")]
    page_shards: &'a [usize],
}

/// Pages scored at once before their terms join the index.
const BATCH: usize = 256;

/// A term's postings as they are encoded: page numbers as gaps from the
/// one before, each followed by its score.
#[derive(Default)]
struct Postings {
    last: Option<u32>,
    encoded: String,
}

impl Postings {
    fn push(&mut self, page: u32, score: u32) {
        encode(self.last.map_or(page, |last| page - last), &mut self.encoded);
        encode(score, &mut self.encoded);
        self.last = Some(page);
    }
}

/// A term as a key: one or two characters packed into a number (every
/// Chinese term, and short words), so counting millions of them allocates
/// nothing; longer words as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Short(u64),
    Long(String),
}

impl Key {
    fn of(term: &str) -> Key {
        let mut chars = term.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(a), b, None) => Key::short(a, b),
            _ => Key::Long(term.to_string()),
        }
    }

    fn short(a: char, b: Option<char>) -> Key {
        Key::Short((u64::from(a) << 21) | b.map_or(0, |b| u64::from(b) + 1))
    }

    fn text(&self) -> String {
        match self {
            Key::Short(k) => {
                let first = char::from_u32((k >> 21) as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
                let second = (k & 0x1f_ffff) as u32;
                let mut out = first.to_string();
                if second > 0 {
                    out.push(char::from_u32(second - 1).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                out
            }
            Key::Long(s) => s.clone(),
        }
    }
}

impl From<tokens::Term<'_>> for Key {
    fn from(t: tokens::Term<'_>) -> Key {
        match t {
            tokens::Term::Chars(a, b) => Key::short(a, b),
            tokens::Term::Word(w) => Key::of(w),
        }
    }
}

/// The index of `docs`, numbered in the order given.
pub fn build(docs: &[Document]) -> Built {
    // Pages are scored a batch at a time, in parallel, and each term's
    // postings are encoded as they come: memory holds the encoded index,
    // not every occurrence of every page.
    let mut postings: HashMap<Key, Postings> = HashMap::new();
    for (b, batch) in docs.chunks(BATCH).enumerate() {
        let scored: Vec<Vec<(Key, u32)>> = batch.par_iter().map(scores).collect();
        for (i, terms) in scored.into_iter().enumerate() {
            let page = u32::try_from(b * BATCH + i).expect("fewer than 4 billion pages");
            for (key, score) in terms {
                postings.entry(key).or_default().push(page, score);
            }
        }
    }
    let encoded: Vec<(String, String)> = postings.into_iter().map(|(key, p)| (key.text(), p.encoded)).collect();
    let estimate: usize = encoded.iter().map(|(t, e)| t.len() + e.len() + 6).sum();
    let shards = estimate.div_ceil(TERM_SHARD_BYTES).next_power_of_two().clamp(1, MAX_TERM_SHARDS);
    let shard_count = u32::try_from(shards).expect("at most MAX_TERM_SHARDS");
    let mut by_shard: Vec<BTreeMap<&str, &str>> = vec![BTreeMap::new(); shards];
    for (term, list) in &encoded {
        by_shard[tokens::shard_of(term, shard_count) as usize].insert(term, list);
    }

    let mut stats = Stats { pages: docs.len(), terms: encoded.len(), term_shards: shards, ..Stats::default() };
    let mut files: Vec<OutputFile> = by_shard
        .par_iter()
        .enumerate()
        .map(|(n, terms)| {
            let body = serde_json::to_string(terms).expect("strings always serialise");
            OutputFile::Bytes {
                path: format!("{DIR}/terms-{n}.js"),
                bytes: format!("siteSearch.terms({n},{body});\n").into_bytes(),
            }
        })
        .collect();
    for f in &files {
        if let OutputFile::Bytes { bytes, .. } = f {
            stats.term_bytes += bytes.len();
            stats.largest_term_shard = stats.largest_term_shard.max(bytes.len());
        }
    }

    // Pages in runs of about PAGE_SHARD_BYTES of JSON.
    let json: Vec<String> = docs.par_iter().map(page_json).collect();
    let mut starts = Vec::new();
    let mut shard_bytes = 0;
    for (n, page) in json.iter().enumerate() {
        if shard_bytes == 0 {
            starts.push(n);
        }
        shard_bytes += page.len();
        if shard_bytes >= PAGE_SHARD_BYTES {
            shard_bytes = 0;
        }
    }
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(json.len());
        let js = format!("siteSearch.pages({n},[{}]);\n", json[start..end].join(","));
        stats.page_bytes += js.len();
        stats.largest_page_shard = stats.largest_page_shard.max(js.len());
        files.push(OutputFile::Bytes { path: format!("{DIR}/pages-{n}.js"), bytes: js.into_bytes() });
    }
    stats.page_shards = starts.len();

    let meta = Meta { version: VERSION, term_shards: shards, pages: docs.len(), page_shards: &starts };
    let js = format!("siteSearch.meta({});\n", serde_json::to_string(&meta).expect("plain data serialises"));
    stats.meta_bytes = js.len();
    files.push(OutputFile::Bytes { path: format!("{DIR}/index.js"), bytes: js.into_bytes() });
    Built { files, stats }
}

/// `[path, title, [[anchor, heading, level, text], …]]`.
fn page_json(doc: &Document) -> String {
    let sections: Vec<(&str, &str, u8, &str)> =
        doc.sections.iter().map(|s| (s.anchor.as_str(), s.heading.as_str(), s.level, s.text.as_str())).collect();
    serde_json::to_string(&(&doc.path, &doc.title, sections)).expect("strings always serialise")
}

/// Each term of a page with its score.
fn scores(doc: &Document) -> Vec<(Key, u32)> {
    let mut scores: HashMap<Key, u32> = HashMap::new();
    let mut add = |text: &str, weight: u32| {
        tokens::index_terms(text, |t| {
            let s = scores.entry(Key::from(t)).or_insert(0);
            *s = (*s + weight).min(MAX_SCORE);
        })
    };
    add(&doc.title, TITLE_WEIGHT);
    for (i, s) in doc.sections.iter().enumerate() {
        if i > 0 {
            add(&s.heading, HEADING_WEIGHT);
        }
        add(&s.text, BODY_WEIGHT);
    }
    scores.into_iter().collect()
}

/// The 64 characters of the encoding, none of which JSON escapes: the
/// first 32 end a number, the last 32 continue it.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `value` in base 32, most significant digit first.
pub fn encode(mut value: u32, out: &mut String) {
    let mut digits = [0u8; 7];
    let mut n = 0;
    loop {
        digits[n] = (value & 31) as u8;
        n += 1;
        value >>= 5;
        if value == 0 {
            break;
        }
    }
    for (i, d) in digits[..n].iter().enumerate().rev() {
        let continued = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[(d + continued) as usize] as char);
    }
}

/// The numbers of an encoded string (the inverse of [`encode`], as `search.js` reads it).
pub fn decode(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut acc: u32 = 0;
    for b in s.bytes() {
        let Some(d) = DIGITS.iter().position(|&x| x == b) else { continue };
        acc = (acc << 5) | (d as u32 & 31);
        if d < 32 {
            out.push(acc);
            acc = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::extract::Section;
    use super::*;

    #[test]
    fn numbers_round_trip_through_the_encoding() {
        let mut s = String::new();
        for v in [0, 1, 31, 32, 1023, 1024, 5000, u32::MAX] {
            encode(v, &mut s);
        }
        assert_eq!(decode(&s), [0, 1, 31, 32, 1023, 1024, 5000, u32::MAX]);
        let mut one = String::new();
        encode(5, &mut one);
        assert_eq!(one.len(), 1, "small numbers take one character");
    }

    fn doc(path: &str, title: &str, heading: &str, text: &str) -> Document {
        Document {
            path: path.into(),
            title: title.into(),
            sections: vec![
                Section { anchor: String::new(), heading: title.into(), level: 1, text: String::new() },
                Section { anchor: "h".into(), heading: heading.into(), level: 2, text: text.into() },
            ],
        }
    }

    #[test]
    fn headings_weigh_more_than_body_text_and_titles_more_than_headings() {
        let docs = [
            doc("a.html", "其他", "其他", "报送要求"),
            doc("b.html", "其他", "报送要求", "无"),
            doc("c.html", "报送", "无", "无"),
        ];
        let s: Vec<Vec<(Key, u32)>> = docs.iter().map(scores).collect();
        let of = |i: usize, t: &str| s[i].iter().find(|(key, _)| *key == Key::of(t)).map(|(_, s)| *s);
        assert_eq!(of(0, "报送"), Some(BODY_WEIGHT));
        assert_eq!(of(1, "报送"), Some(HEADING_WEIGHT));
        assert_eq!(of(2, "报送"), Some(TITLE_WEIGHT));
    }

    #[test]
    fn terms_round_trip_through_their_keys() {
        for t in ["号", "服务", "31", "a", "2025", "83134726", "𠀀𠀁", "\u{10ffff}\u{10ffff}"] {
            assert_eq!(Key::of(t).text(), t);
        }
        assert!(matches!(Key::of("号"), Key::Short(_)) && matches!(Key::of("2025"), Key::Long(_)));
        assert_eq!(Key::from(tokens::Term::Chars('服', Some('务'))), Key::of("服务"));
        assert_eq!(Key::from(tokens::Term::Word("31")), Key::of("31"));

        assert_ne!(Key::of("a"), Key::of("a\0"), "one character is not that character and U+0000");
    }

    #[test]
    fn every_term_is_in_the_shard_its_hash_names() {
        let docs = [doc("a.html", "通知", "联系", "020-83134726"), doc("b.html", "指南", "报送", "号")];
        let built = build(&docs);
        let meta = built.files.iter().find(|f| f.path() == "search/index.js").expect("index.js");
        let OutputFile::Bytes { bytes, .. } = meta else { panic!("bytes") };
        let meta = String::from_utf8_lossy(bytes);
        assert!(meta.contains("\"termShards\":1") && meta.contains("\"pages\":2"), "{meta}");
        let terms = built.files.iter().find(|f| f.path() == "search/terms-0.js").expect("one term shard");
        let OutputFile::Bytes { bytes, .. } = terms else { panic!("bytes") };
        let text = String::from_utf8_lossy(bytes);
        // 83134726 is on page 0 only, with body weight 1: "A" then "B".
        assert!(text.contains("\"83134726\":\"AB\""), "{text}");
        // 号 on page 1 only: gap 1, weight 1.
        assert!(text.contains("\"号\":\"BB\""), "{text}");
        assert_eq!(built.stats.pages, 2);
    }
}
