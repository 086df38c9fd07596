//! Single-document files: plain text and HTML.

use std::sync::Arc;

use crosscheck_core::{Format, RawDoc};

use crate::decode::{Decoded, decode_html, decode_text};
use crate::input::{Input, Item, Kind, Origin, read_bounded, text_is_binary};
use crate::{IngestError, IngestErrorKind};

/// Reads the whole of `input` as one document of `kind` (text or HTML), id'd by the file stem.
pub(crate) fn read(mut input: Input, origin: &Origin, kind: Kind, limit: usize) -> Item {
    let err = |kind| Err(IngestError::new(&origin.source, kind));
    let bytes = match read_bounded(&mut input, limit) {
        Ok(Some(b)) => b,
        Ok(None) => return err(IngestErrorKind::TooLarge { limit }),
        Err(e) => return Err(IngestError::io(&origin.source, e)),
    };
    let (format, decoded) = if kind == Kind::Html {
        (Format::Html, decode_html(&bytes, None, None))
    } else {
        (Format::Text, decode_text(&bytes, None))
    };
    doc(origin.stem.clone(), origin.source.clone(), format, &bytes, decoded)
        .map_err(|kind| IngestError::new(&origin.source, kind))
}

/// A document from decoded bytes, or why it is not one: blank (`Empty`) or not text (`Binary`).
pub(crate) fn doc(
    id: String,
    source: String,
    format: Format,
    bytes: &[u8],
    decoded: Decoded,
) -> Result<RawDoc, IngestErrorKind> {
    if decoded.text.trim().is_empty() {
        return Err(IngestErrorKind::Empty);
    }
    if text_is_binary(&decoded.text) {
        return Err(IngestErrorKind::Binary);
    }
    let mut doc = RawDoc::new(id, source, format, decoded.text);
    if decoded.changed {
        doc.original = Some(Arc::from(bytes));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn run(bytes: &'static [u8], kind: Kind, limit: usize) -> Item {
        let origin = Origin { source: "dir/page.html".into(), stem: "page".into() };
        read(Box::new(Cursor::new(bytes)), &origin, kind, limit)
    }

    #[test]
    fn text_is_read_whole() {
        let d = run(b"Headline\n\nBody text.\n", Kind::Text, 100).unwrap();
        assert_eq!(d.id.as_str(), "page");
        assert_eq!(d.source, "dir/page.html");
        assert_eq!(d.format, Format::Text);
        assert_eq!(&*d.content, "Headline\n\nBody text.\n");
        assert!(d.original.is_none());
    }

    #[test]
    fn latin1_html_keeps_original() {
        let bytes = b"<html><head><meta charset=iso-8859-1></head><p>S\xE3o Paulo</p></html>";
        let d = run(bytes, Kind::Html, 1000).unwrap();
        assert_eq!(d.format, Format::Html);
        assert!(d.content.contains("São Paulo"));
        assert_eq!(d.original.as_deref(), Some(&bytes[..]));
    }

    #[test]
    fn limit_is_inclusive() {
        assert!(run(b"12345", Kind::Text, 5).is_ok());
        let e = run(b"123456", Kind::Text, 5).unwrap_err();
        assert!(matches!(e.kind, IngestErrorKind::TooLarge { limit: 5 }));
        assert_eq!(e.item, "dir/page.html");
    }

    #[test]
    fn blank_and_binary_are_errors() {
        assert!(matches!(
            run(b" \n\t\n", Kind::Text, 100).unwrap_err().kind,
            IngestErrorKind::Empty
        ));
        assert!(matches!(
            run(b"ab\0cd", Kind::Html, 100).unwrap_err().kind,
            IngestErrorKind::Binary
        ));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..1024), html: bool) {
            let origin = Origin { source: "p".into(), stem: "p".into() };
            let kind = if html { Kind::Html } else { Kind::Text };
            if let Ok(d) = read(Box::new(Cursor::new(bytes.clone())), &origin, kind, 4096) {
                // Nothing is lost: either the content is the input or the input is kept.
                let same = d.content.as_bytes() == &bytes[..] || bytes.starts_with(b"\xEF\xBB\xBF");
                proptest::prop_assert!(same || d.original.as_deref() == Some(&bytes[..]));
            }
        }
    }
}
