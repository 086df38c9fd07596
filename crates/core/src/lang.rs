use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// An ISO 639 language code in lowercase (`en`, `de`, `zh`), or [`Lang::UNKNOWN`] (`und`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 3]);

impl Lang {
    /// The undetermined language, `und` (ISO 639-2).
    pub const UNKNOWN: Lang = Lang(*b"und");
    /// English.
    pub const EN: Lang = Lang(*b"en\0");

    /// The code as a string: two letters for ISO 639-1 codes, three otherwise.
    pub fn as_str(&self) -> &str {
        let n = if self.0[2] == 0 { 2 } else { 3 };
        // Invariant: the bytes are ASCII lowercase letters, set only by `from_str`.
        std::str::from_utf8(&self.0[..n]).unwrap_or("und")
    }

    /// Whether this is [`Lang::UNKNOWN`].
    pub fn is_unknown(&self) -> bool {
        *self == Lang::UNKNOWN
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::UNKNOWN
    }
}

impl FromStr for Lang {
    type Err = Error;

    /// Parses `en`, `EN`, `en-US`, `en_GB` and three-letter codes; the region is dropped.
    fn from_str(s: &str) -> Result<Lang, Error> {
        let code = s.trim().split(['-', '_']).next().unwrap_or("");
        let bad = || Error::InvalidLang { input: s.to_string() };
        if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(bad());
        }
        let mut out = [0u8; 3];
        for (o, b) in out.iter_mut().zip(code.bytes()) {
            *o = b.to_ascii_lowercase();
        }
        Ok(Lang(out))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Lang {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Lang".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_regions() {
        assert_eq!("en".parse::<Lang>().unwrap().as_str(), "en");
        assert_eq!("en-US".parse::<Lang>().unwrap().as_str(), "en");
        assert_eq!("DE_at".parse::<Lang>().unwrap().as_str(), "de");
        assert_eq!("und".parse::<Lang>().unwrap(), Lang::UNKNOWN);
        assert!("e".parse::<Lang>().is_err());
        assert!("english".parse::<Lang>().is_err());
        assert!("e1".parse::<Lang>().is_err());
    }

    #[test]
    fn serde_round_trip() {
        let l: Lang = "fr".parse().unwrap();
        let j = serde_json::to_string(&l).unwrap();
        assert_eq!(j, "\"fr\"");
        assert_eq!(serde_json::from_str::<Lang>(&j).unwrap(), l);
    }
}
