//! Calendar dates as the forms use them: full dates and year-months.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

pub fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

impl Date {
    /// A date that exists in the calendar (no 2月30日), or `None`.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let days = days_in_month(year, month)?;
        ((1..=days).contains(&day) && (1000..=9999).contains(&year)).then_some(Date { year, month, day })
    }

    /// Strictly `YYYY-MM-DD`, the form used in data files and exports.
    pub fn parse_iso(s: &str) -> Option<Date> {
        match iso_parts(s)? {
            (year, month, Some(day)) => Date::new(year, month, day),
            (_, _, None) => None,
        }
    }
}

/// The year, month and day (`None` for `YYYY-MM`) of a date or month
/// written strictly as stored, `YYYY-MM-DD` or `YYYY-MM`; not yet checked
/// against the calendar.
pub(crate) fn iso_parts(s: &str) -> Option<(u32, u32, Option<u32>)> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let d = b.get(r)?;
        d.iter().all(u8::is_ascii_digit).then(|| d.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
    };
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let (year, month) = (num(0..4)?, num(5..7)?);
    match b.len() {
        7 => Some((year, month, None)),
        10 if b[7] == b'-' => Some((year, month, Some(num(8..10)?))),
        _ => None,
    }
}

impl Date {
    /// `YYYY-MM-DD` on the stack, as `Display` writes it; `None` when a
    /// number is wider. A date is written for every answer and compared
    /// with its bounds as this text, and general formatting is the slow part.
    pub fn iso(&self) -> Option<[u8; 10]> {
        let mut buf = [b'-'; 10];
        (zero_padded(&mut buf[..4], self.year)
            && zero_padded(&mut buf[5..7], self.month)
            && zero_padded(&mut buf[8..], self.day))
        .then_some(buf)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.iso() {
            Some(buf) => f.write_str(std::str::from_utf8(&buf).map_err(|_| fmt::Error)?),
            None => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// `n` written into `out` with leading zeros, as `{:0width$}` writes it;
/// false (and `out` unfinished) when it has more digits than `out` holds.
pub(crate) fn zero_padded(out: &mut [u8], mut n: u32) -> bool {
    for b in out.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
    n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_days_that_do_not_exist() {
        assert!(Date::parse_iso("2025-02-30").is_none());
        assert!(Date::parse_iso("2025-13-01").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2025-02-29").is_none());
        assert!(Date::parse_iso("2025-1-01").is_none());
        assert_eq!(Date::parse_iso("2025-11-24").map(|d| d.to_string()).as_deref(), Some("2025-11-24"));
        // Written as `{:04}-{:02}-{:02}` would, whatever the numbers.
        assert_eq!(Date { year: 12345, month: 7, day: 123 }.to_string(), "12345-07-123");
        assert_eq!(Date { year: 5, month: 7, day: 9 }.to_string(), "0005-07-09");
    }
}
