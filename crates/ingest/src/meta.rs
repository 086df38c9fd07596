//! Lenient parsing of the metadata values containers carry: dates and URLs.

use crosscheck_core::Date;

/// A publication date from the forms feeds and scrapers write, or `None`.
///
/// Accepts `2025-11-19`, `2025-11-19 08:00:00`, ISO 8601 / RFC 3339 timestamps (the date as
/// written, without a time-zone shift), `2025/11/19`, RFC 2822 (`Wed, 19 Nov 2025 08:00:00 GMT`)
/// and Unix timestamps in seconds or milliseconds (as UTC).
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    if s.len() >= 10 && s.is_char_boundary(10) && s.as_bytes()[4] == b'/' && s.as_bytes()[7] == b'/'
    {
        let (head, rest) = s.split_at(10);
        if let Ok(d) = format!("{}{rest}", head.replace('/', "-")).parse::<Date>() {
            return Some(d);
        }
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_epoch(s.parse().ok()?);
    }
    jiff::fmt::rfc2822::parse(s).ok().map(|z| Date::from(z.date()))
}

/// A date from a Unix timestamp in seconds, or in milliseconds when it is too large for seconds
/// of a plausible year.
pub(crate) fn parse_epoch(n: i64) -> Option<Date> {
    // 1e11 seconds is the year 5138: anything larger is milliseconds.
    let secs = if n.unsigned_abs() >= 100_000_000_000 { n / 1000 } else { n };
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    Some(Date::from(ts.to_zoned(jiff::tz::TimeZone::UTC).date()))
}

/// The host of an absolute URL, without user info, port or a leading `www.`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let (_, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next()?
    } else {
        host_port.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! dates {
        ($($input:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(parse_date($input).map(|d| d.to_string()).as_deref(), $want, "{:?}", $input);
        )*};
    }

    #[test]
    fn lenient_dates() {
        dates! {
            "2025-11-19" => Some("2025-11-19"),
            " 2025-11-19 08:00:00 " => Some("2025-11-19"),
            "2025-11-19T23:30:00-05:00" => Some("2025-11-19"),
            "2025-11-19T08:00:00.123Z" => Some("2025-11-19"),
            "2025/11/19" => Some("2025-11-19"),
            "2025/11/19 10:00" => Some("2025-11-19"),
            "Wed, 19 Nov 2025 08:00:00 GMT" => Some("2025-11-19"),
            "1763539200" => Some("2025-11-19"),
            "1763539200000" => Some("2025-11-19"),
            "yesterday" => None,
            "2025-13-40" => None,
            "" => None,
            "2025/1é/19" => None,
            "99999999999999999999999" => None,
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://www.Example.com/a/b?c").as_deref(), Some("example.com"));
        assert_eq!(
            host_of("http://user:pw@news.example.org:8080/").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(host_of("http://[::1]:80/x").as_deref(), Some("[::1]"));
        assert_eq!(host_of("example.com/path"), None);
        assert_eq!(host_of("https:///nohost"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panic(s in "\\PC{0,40}", n in proptest::num::i64::ANY) {
            let _ = parse_date(&s);
            let _ = parse_epoch(n);
            let _ = host_of(&s);
        }
    }
}
