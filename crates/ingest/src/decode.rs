//! Charset decoding of text and HTML bytes to UTF-8.
//!
//! ## What it does
//!
//! Picks the encoding of a document, in this order: a byte order mark; valid UTF-8; for HTML,
//! the charset declared by the HTTP `Content-Type` header and then by a `<meta charset>` or
//! `<meta http-equiv="Content-Type">` tag in the first 8 KiB; finally a statistical guess by
//! `chardetng` (the detector Firefox uses), told the top-level domain when the URL is known.
//!
//! ## Why
//!
//! News archives mix legacy charsets (Latin-1, Windows-1252, `Shift_JIS`, GBK) with UTF-8. Bytes
//! that are valid UTF-8 and hold non-ASCII characters are UTF-8 with near certainty, whatever the
//! page declares (misdeclared pages are common); all-ASCII bytes decode the same under every
//! ASCII-compatible charset. So valid UTF-8 is checked before any declaration, which also
//! keeps the common case free of copies.
//!
//! ## Example
//!
//! `<meta charset="iso-8859-1">` followed by the byte `0xE9` decodes to `é` (as Windows-1252,
//! which the WHATWG Encoding Standard maps the Latin-1 labels to), and the original bytes are
//! kept.
//!
//! ## Limitations
//!
//! A 7-bit ISO-2022-JP page is valid UTF-8 and is only read as ISO-2022-JP when it declares so.
//! UTF-16 without a byte order mark is not detected.
//!
//! ## References
//!
//! The WHATWG HTML "determining the character encoding" algorithm and the Encoding Standard.

use std::borrow::Cow;

use encoding_rs::{Encoding, ISO_2022_JP, UTF_8, WINDOWS_1252};

/// How far into an HTML document `<meta>` charset declarations are looked for.
const META_SCAN: usize = 8 * 1024;

/// A document decoded to UTF-8.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text.
    pub(crate) text: String,
    /// Whether decoding changed the bytes beyond dropping a UTF-8 byte order mark (a legacy
    /// charset, UTF-16, or malformed sequences replaced by U+FFFD): then the caller keeps the
    /// original bytes.
    pub(crate) changed: bool,
}

/// Decodes plain text: byte order mark, else UTF-8, else a guess.
pub(crate) fn decode_text(bytes: &[u8], tld: Option<&str>) -> Decoded {
    decode(bytes, None, tld)
}

/// Decodes HTML: byte order mark, else UTF-8, else the charset declared by `http_charset` (from
/// a `Content-Type` header) or a `<meta>` tag, else a guess.
pub(crate) fn decode_html(bytes: &[u8], http_charset: Option<&str>, tld: Option<&str>) -> Decoded {
    let declared = http_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(bytes))
        .map(html_override);
    decode(bytes, declared, tld)
}

fn decode(bytes: &[u8], declared: Option<&'static Encoding>, tld: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return run(enc, &bytes[bom_len..]);
    }
    if declared != Some(ISO_2022_JP)
        && let Ok(s) = std::str::from_utf8(bytes)
    {
        return Decoded { text: s.to_owned(), changed: false };
    }
    let enc = declared.unwrap_or_else(|| guess(bytes, tld));
    run(enc, bytes)
}

fn run(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let changed = had_errors || matches!(text, Cow::Owned(_));
    Decoded { text: text.into_owned(), changed }
}

/// The HTML rules on declared encodings: a page that reached us as bytes cannot be UTF-16 if
/// it declared so in ASCII, and `x-user-defined` means Windows-1252.
fn html_override(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    }
}

fn guess(bytes: &[u8], tld: Option<&str>) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    // chardetng panics on a TLD with non-ASCII, dots or upper case: pass only clean labels.
    let tld = tld.filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_lowercase()));
    det.guess(tld.map(str::as_bytes), chardetng::Utf8Detection::Deny)
}

/// The top-level domain of a host, for the charset guess (`example.co.uk` gives `uk`).
pub(crate) fn tld_of(host: &str) -> Option<String> {
    let last = host.rsplit('.').next()?.to_ascii_lowercase();
    last.bytes().all(|b| b.is_ascii_lowercase()).then_some(last).filter(|t| !t.is_empty())
}

/// The encoding named by the first `<meta>` tag in the head of `html` that declares one.
fn meta_charset(html: &[u8]) -> Option<&'static Encoding> {
    let head = &html[..html.len().min(META_SCAN)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        if let Some(enc) = charset_in(&head[start..end], &lower[start..end]) {
            return Some(enc);
        }
        from = end;
    }
    None
}

/// The value after `charset=` in a tag's attributes (which covers both `charset="x"` and
/// `content="text/html; charset=x"`), as an encoding.
fn charset_in(tag: &[u8], lower: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + at + 7;
        from = i;
        while tag.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while tag.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            i += 1;
        }
        let rest = &tag[i.min(tag.len())..];
        let len = rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..len]) {
            return Some(enc);
        }
    }
    None
}

/// The `charset` parameter of a `Content-Type` header value.
pub(crate) fn content_type_charset(value: &str) -> Option<&str> {
    value.split(';').skip(1).find_map(|param| {
        let (name, val) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| val.trim().trim_matches(['"', '\'']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_without_change() {
        let d = decode_text("Zürich café".as_bytes(), None);
        assert_eq!(d.text, "Zürich café");
        assert!(!d.changed);
    }

    #[test]
    fn utf8_bom_is_dropped_without_counting_as_change() {
        let d = decode_text(b"\xEF\xBB\xBFhello", None);
        assert_eq!(d.text, "hello");
        assert!(!d.changed);
    }

    #[test]
    fn utf16_bom_decodes() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode_text(&bytes, None);
        assert_eq!(d.text, "hé");
        assert!(d.changed);
    }

    #[test]
    fn meta_charset_is_honoured() {
        let html = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xE9</body></html>";
        let d = decode_html(html, None, None);
        assert!(d.text.contains("café"), "{}", d.text);
        assert!(d.changed);
    }

    #[test]
    fn http_equiv_charset_is_honoured() {
        let html = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">\xcf\xf0\xe8\xe2\xe5\xf2";
        let d = decode_html(html, None, None);
        assert!(d.text.ends_with("Привет"), "{}", d.text);
    }

    #[test]
    fn http_charset_wins_over_meta() {
        let html = b"<meta charset=\"windows-1251\">\xE9";
        assert!(decode_html(html, Some("iso-8859-1"), None).text.ends_with('é'));
        assert!(decode_html(html, None, None).text.ends_with('й'));
    }

    #[test]
    fn valid_utf8_wins_over_a_wrong_declaration() {
        let html = "<meta charset=\"iso-8859-1\"><p>Zürich</p>".as_bytes();
        let d = decode_html(html, None, None);
        assert!(d.text.contains("Zürich"));
        assert!(!d.changed);
    }

    #[test]
    fn undeclared_legacy_text_is_guessed() {
        // German text in Latin-1, with no declaration.
        let bytes = b"Die Br\xFCcke \xFCber den Fluss wurde am Montag f\xFCr den Verkehr ge\xF6ffnet, sagte die Stadtverwaltung.";
        let d = decode_text(bytes, Some("de"));
        assert!(d.text.contains("Brücke über"), "{}", d.text);
        assert!(d.changed);
    }

    #[test]
    fn content_type_charset_is_parsed() {
        assert_eq!(content_type_charset("text/html; charset=\"Shift_JIS\""), Some("Shift_JIS"));
        assert_eq!(content_type_charset("text/html;Charset=utf-8"), Some("utf-8"));
        assert_eq!(content_type_charset("text/html"), None);
    }

    #[test]
    fn tld_of_hosts() {
        assert_eq!(tld_of("news.example.co.uk").as_deref(), Some("uk"));
        assert_eq!(tld_of("localhost").as_deref(), Some("localhost"));
        assert_eq!(tld_of("10.0.0.1"), None);
        assert_eq!(tld_of("example.com."), None);
    }

    proptest::proptest! {
        #[test]
        fn decoding_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512), tld in "[a-zA-Z.é]{0,4}") {
            let _ = decode_text(&bytes, Some(&tld));
            let _ = decode_html(&bytes, Some(&tld), Some(&tld));
        }
    }
}
