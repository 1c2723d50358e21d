//! 统一社会信用代码 (GB 32100-2015): 18 characters from `0-9` and
//! `ABCDEFGHJKLMNPQRTUWXY`, the last a check character over the first 17.

const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

fn value(c: char) -> Option<u32> {
    CHARSET.find(c).map(|i| i as u32)
}

/// The check character for the first 17 characters.
pub fn check_char(first17: &str) -> Option<char> {
    let mut sum = 0;
    let mut n = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
        n += 1;
    }
    if n != 17 {
        return None;
    }
    CHARSET.chars().nth(((31 - sum % 31) % 31) as usize)
}

/// Upper-cased, spaces dropped, and checked.
pub fn normalise(raw: &str) -> Result<String, String> {
    let s: String =
        crate::normalise::fold_width(raw).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if s.chars().count() != 18 {
        return Err(format!("统一社会信用代码应为18位，现为{}位", s.chars().count()));
    }
    if let Some(bad) = s.chars().find(|c| value(*c).is_none()) {
        return Err(format!("统一社会信用代码不含字符“{bad}”（不使用 I、O、Z、S、V），请检查"));
    }
    match check_char(&s[..17]) {
        Some(c) if s.ends_with(c) => Ok(s),
        _ => Err("统一社会信用代码校验位不符，请核对营业执照或法人证书".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_example_is_valid() {
        assert_eq!(normalise("91350100M000100Y43").unwrap(), "91350100M000100Y43");
        assert_eq!(normalise(" 91350100m000100y43 ").unwrap(), "91350100M000100Y43");
    }

    #[test]
    fn wrong_check_character_length_or_letters_are_refused() {
        assert_eq!(
            normalise("91350100M000100Y44").unwrap_err(),
            "统一社会信用代码校验位不符，请核对营业执照或法人证书"
        );
        assert_eq!(normalise("91350100M000100Y4").unwrap_err(), "统一社会信用代码应为18位，现为17位");
        assert!(normalise("91350100I000100Y43").unwrap_err().contains("“I”"));
    }
}
