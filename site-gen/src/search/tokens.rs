//! How text is cut into search terms. The build indexes with
//! [`index_terms`]; the results page cuts the reader's query with the same
//! rules, ported to `themes/default/static/search.js` (`queryTerms`): change
//! both together.
//!
//! - Characters are folded first: full-width Latin letters, digits and
//!   signs become their ASCII forms (`２０２５` → `2025`), letters lower case.
//! - Chinese (and Japanese, Korean) text is cut into overlapping character
//!   pairs, so any two or more characters in a row are found wherever they
//!   stand, with no dictionary: `服务函` → `服务`, `务函`. The index also
//!   holds each character alone, for one-character queries.
//! - Latin letters and digits form words: `020-83134726` → `020`,
//!   `83134726`; `〔2025〕31号` → `2025`, `31`, `号`.
//! - Everything else (punctuation, spaces, symbols) only separates.

/// The longest word kept; a longer run (a hash, a long URL) is cut here,
/// in the index and in queries alike.
pub const MAX_WORD_CHARS: usize = 40;

/// Full-width ASCII variants (U+FF01–FF5E) as ASCII, the ideographic space as a space.
pub fn fold(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// Han ideographs (with 〇 and 々), kana and Hangul: scripts written
/// without spaces between words, so cut into character pairs.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007 | 0x3021..=0x3029
        | 0x3040..=0x30ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xac00..=0xd7af
        | 0xf900..=0xfaff
        | 0x1100..=0x11ff
        | 0x20000..=0x323af)
}

/// Letters and digits of the scripts that separate words.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Cjk,
}

/// Maximal runs of word characters or of CJK characters in `text`, folded
/// and lower-cased.
pub fn runs(text: &str) -> Vec<(Kind, String)> {
    let mut out: Vec<(Kind, String)> = Vec::new();
    let mut current: Option<(Kind, String)> = None;
    for c in text.chars().map(fold) {
        let kind = if is_cjk(c) {
            Some(Kind::Cjk)
        } else if is_word(c) {
            Some(Kind::Word)
        } else {
            None
        };
        match (&mut current, kind) {
            (Some((k, s)), Some(kind)) if *k == kind => s.push(c),
            (_, kind) => {
                out.extend(current.take());
                current = kind.map(|k| (k, c.to_string()));
            }
        }
    }
    out.extend(current);
    for (kind, s) in &mut out {
        if *kind == Kind::Word {
            *s = s.to_lowercase().chars().take(MAX_WORD_CHARS).collect();
        }
    }
    out
}

/// A term as the index meets it: one or two CJK characters, or a word
/// (folded and lower-cased).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    Chars(char, Option<char>),
    Word(&'a str),
}

impl std::fmt::Display for Term<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Term::Chars(a, None) => write!(f, "{a}"),
            Term::Chars(a, Some(b)) => write!(f, "{a}{b}"),
            Term::Word(w) => f.write_str(w),
        }
    }
}

/// Every term of `text` as the index holds it, in order, repeats included:
/// words, and in each CJK run every character and every pair. One pass,
/// allocating only for words: the build runs it over every page.
pub fn index_terms(text: &str, mut term: impl FnMut(Term<'_>)) {
    let mut word = String::new();
    let mut lower = String::new();
    let mut flush = |word: &mut String, term: &mut dyn FnMut(Term<'_>)| {
        if word.is_empty() {
            return;
        }
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.push_str(&word.to_lowercase());
        }
        if let Some((cut, _)) = lower.char_indices().nth(MAX_WORD_CHARS) {
            lower.truncate(cut);
        }
        term(Term::Word(&lower));
        word.clear();
    };
    let mut previous: Option<char> = None;
    for c in text.chars().map(fold) {
        if is_cjk(c) {
            flush(&mut word, &mut term);
            if let Some(p) = previous {
                term(Term::Chars(p, Some(c)));
            }
            term(Term::Chars(c, None));
            previous = Some(c);
        } else {
            previous = None;
            if is_word(c) {
                word.push(c);
            } else {
                flush(&mut word, &mut term);
            }
        }
    }
    flush(&mut word, &mut term);
}

/// The terms a query must all match, each once, in order: words, the pairs
/// of each CJK run, and a lone CJK character as itself.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    for (kind, run) in runs(query) {
        let chars: Vec<char> = run.chars().collect();
        if kind == Kind::Word || chars.len() == 1 {
            push(run);
        } else {
            for pair in chars.windows(2) {
                push(pair.iter().collect());
            }
        }
    }
    out
}

/// The shard a term's postings are kept in: 32-bit FNV-1a over the term's
/// code points, modulo the (power of two) number of shards. `search.js`
/// computes the same (`shardOf`).
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in term.chars() {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        index_terms(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn the_index_sees_the_runs_the_query_sees() {
        // The index's one pass agrees with `runs`, which queries use.
        let text = "粤工信服务函〔２０２５〕31号：ＧＢ/T 4754-2017 Ärger AbC 联系方式";
        let mut from_runs = Vec::new();
        for (kind, run) in runs(text) {
            let chars: Vec<char> = run.chars().collect();
            match kind {
                Kind::Word => from_runs.push(run),
                Kind::Cjk => {
                    for (i, c) in chars.iter().enumerate() {
                        if i > 0 {
                            from_runs.push(format!("{}{c}", chars[i - 1]));
                        }
                        from_runs.push(c.to_string());
                    }
                }
            }
        }
        assert_eq!(indexed(text), from_runs);
    }

    #[test]
    fn chinese_is_indexed_by_each_character_and_each_pair() {
        assert_eq!(indexed("服务函"), ["服", "服务", "务", "务函", "函"]);
    }

    #[test]
    fn a_chinese_query_is_its_pairs_and_a_single_character_is_itself() {
        assert_eq!(query_terms("服务函"), ["服务", "务函"]);
        assert_eq!(query_terms("号"), ["号"]);
        assert_eq!(query_terms("服务服务"), ["服务", "务服"], "each term once");
    }

    #[test]
    fn a_document_number_is_its_pairs_its_numbers_and_its_last_character() {
        assert_eq!(
            query_terms("粤工信服务函〔2025〕31号"),
            ["粤工", "工信", "信服", "服务", "务函", "2025", "31", "号"]
        );
        let index = indexed("粤工信服务函〔2025〕31号");
        for term in query_terms("粤工信服务函〔2025〕31号") {
            assert!(index.contains(&term), "{term} is indexed");
        }
    }

    #[test]
    fn brackets_and_full_width_digits_do_not_matter() {
        assert_eq!(query_terms("粤工信服务函[２０２５]31号"), query_terms("粤工信服务函〔2025〕31号"));
        assert_eq!(query_terms("粤工信服务函（2025）31 号"), query_terms("粤工信服务函〔2025〕31号"));
    }

    #[test]
    fn a_phone_number_is_its_groups_of_digits() {
        assert_eq!(query_terms("020-83134726"), ["020", "83134726"]);
        assert_eq!(
            indexed("联系方式：020-83134726）"),
            ["联", "联系", "系", "系方", "方", "方式", "式", "020", "83134726"]
        );
    }

    #[test]
    fn latin_words_are_lower_case_and_split_from_chinese() {
        assert_eq!(query_terms("JSON Schema"), ["json", "schema"]);
        assert_eq!(query_terms("ＷＯＲＤ文档"), ["word", "文档"]);
        assert_eq!(indexed("GB/T 4754-2017"), ["gb", "t", "4754", "2017"]);
    }

    #[test]
    fn punctuation_and_spaces_only_separate() {
        assert_eq!(query_terms("  ，。！？ "), Vec::<String>::new());
        assert_eq!(query_terms("一、基地"), ["一", "基地"]);
    }

    #[test]
    fn very_long_words_are_cut_the_same_way_everywhere() {
        let long = "a".repeat(100);
        assert_eq!(query_terms(&long), [&long[..MAX_WORD_CHARS]]);
        assert_eq!(indexed(&long), [&long[..MAX_WORD_CHARS]]);
    }

    #[test]
    fn shards_are_spread_and_stable() {
        // The same numbers search.js computes (tests/e2e/search.test.mjs).
        assert_eq!(shard_of("服务", 1 << 16), 11387);
        assert_eq!(shard_of("号", 1 << 16), 39094);
        assert_eq!(shard_of("83134726", 1 << 16), 58273);
        assert_eq!(shard_of("服务", 1), 0);
        assert_eq!(shard_of("服务", 64), shard_of("服务", 1024) % 64);
        let used: std::collections::BTreeSet<u32> =
            ["服务", "务函", "2025", "31", "号", "020", "83134726", "json"].iter().map(|t| shard_of(t, 8)).collect();
        assert!(used.len() >= 4, "{used:?}");
    }
}
