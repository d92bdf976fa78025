//! Converting UTF-8 byte offsets to the units other languages count in.
//!
//! JavaScript strings index UTF-16 code units, Python strings index code
//! points; the core works in UTF-8 bytes. Conversion walks the text once for
//! offsets that come in increasing order, as entities do.

use serde::Deserialize;
use std::fmt;
use std::str::FromStr;

/// The unit offsets are counted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-8 bytes (Rust, the command line's default).
    #[default]
    Utf8,
    /// UTF-16 code units (JavaScript's `String.prototype.slice`).
    Utf16,
    /// Unicode code points (Python's `str` indices).
    Codepoint,
}

impl OffsetUnit {
    /// The unit's name as options spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Utf8 => "utf8",
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Codepoint => "codepoint",
        }
    }
}

/// The error for a string that names no offset unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownOffsetUnit(pub String);

impl fmt::Display for UnknownOffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown offset unit {:?}: expected utf8, utf16 or codepoint",
            self.0
        )
    }
}

impl std::error::Error for UnknownOffsetUnit {}

impl FromStr for OffsetUnit {
    type Err = UnknownOffsetUnit;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "utf8" => Ok(OffsetUnit::Utf8),
            "utf16" => Ok(OffsetUnit::Utf16),
            "codepoint" => Ok(OffsetUnit::Codepoint),
            other => Err(UnknownOffsetUnit(other.to_string())),
        }
    }
}

/// Converts byte offsets of one text to another unit, remembering where the
/// last conversion ended so that increasing offsets cost one pass in all.
pub struct OffsetConverter<'t> {
    text: &'t str,
    unit: OffsetUnit,
    byte: usize,
    converted: usize,
}

impl<'t> OffsetConverter<'t> {
    /// A converter for offsets into `text`.
    pub fn new(text: &'t str, unit: OffsetUnit) -> Self {
        OffsetConverter {
            text,
            unit,
            byte: 0,
            converted: 0,
        }
    }

    /// The offset in this converter's unit of byte offset `byte`, which must
    /// lie on a character boundary of the text.
    ///
    /// # Panics
    /// If `byte` is past the end of the text or inside a character.
    pub fn convert(&mut self, byte: usize) -> usize {
        if self.unit == OffsetUnit::Utf8 {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.converted = 0;
        }
        let between = &self.text[self.byte..byte];
        self.converted += match self.unit {
            OffsetUnit::Utf16 => between.chars().map(char::len_utf16).sum::<usize>(),
            OffsetUnit::Codepoint => between.chars().count(),
            OffsetUnit::Utf8 => between.len(),
        };
        self.byte = byte;
        self.converted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_across_multibyte_characters() {
        let text = "a\u{e9}\u{1F600}b";
        // bytes: a=0, é=1..3, 😀=3..7, b=7..8
        let mut utf16 = OffsetConverter::new(text, OffsetUnit::Utf16);
        assert_eq!([0, 1, 3, 7, 8].map(|b| utf16.convert(b)), [0, 1, 2, 4, 5]);
        let mut points = OffsetConverter::new(text, OffsetUnit::Codepoint);
        assert_eq!([0, 1, 3, 7, 8].map(|b| points.convert(b)), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn going_backwards_restarts_from_the_beginning() {
        let text = "\u{e9}\u{e9}\u{e9}";
        let mut conv = OffsetConverter::new(text, OffsetUnit::Utf16);
        assert_eq!(conv.convert(6), 3);
        assert_eq!(conv.convert(2), 1);
    }

    #[test]
    fn units_parse_from_their_names() {
        for unit in [OffsetUnit::Utf8, OffsetUnit::Utf16, OffsetUnit::Codepoint] {
            assert_eq!(unit.as_str().parse(), Ok(unit));
        }
        assert!("bytes".parse::<OffsetUnit>().is_err());
    }
}
