//! Lenient parsing of the metadata values containers carry: URLs. Dates are read by
//! [`crosscheck_text::dates::read_date_value`], the one date reader of the workspace.

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
        fn never_panic(s in "\\PC{0,40}") {
            let _ = host_of(&s);
        }
    }
}
