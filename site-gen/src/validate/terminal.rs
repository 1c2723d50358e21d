//! Text from a submitted file, made safe to show in a terminal. A control
//! character in an answer (ESC starts sequences that move the cursor,
//! rewrite lines or retitle the window) or a bidirectional override (which
//! reorders what is shown) would act on the reviewer's screen instead of
//! being read; each is written as a visible escape, `\x1b` or `\u{202e}`.

use std::borrow::Cow;

fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every control character and bidirectional override escaped, for text output.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !unsafe_char(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// JSON text with the characters serde_json leaves raw (DEL, the C1
/// controls, bidirectional overrides) written as `\uXXXX`; they occur only
/// inside strings, where that escape means the same character.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(unsafe_char) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        match c {
            // Raw newlines and tabs are serde_json's own layout.
            '\n' | '\t' => out.push(c),
            c if unsafe_char(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_overrides_are_shown_not_obeyed() {
        assert_eq!(escape("甲\u{1b}[2J乙\u{7}\r\n"), "甲\\x1b[2J乙\\x07\\x0d\\x0a");
        assert_eq!(escape("a\u{9b}b\u{202e}c"), "a\\u{9b}b\\u{202e}c");
        assert!(matches!(escape("平台名称 – 正常"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_its_meaning() {
        let text = serde_json::to_string_pretty(&serde_json::json!({"a": "x\u{1b}\u{9b}\u{202e}y"})).unwrap();
        let safe = json_safe(&text);
        assert!(safe.contains(r#""x\u001b\u009b\u202ey""#), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["a"], "x\u{1b}\u{9b}\u{202e}y");
    }
}
