//! What every extraction promises, whatever the text: shared by the property
//! tests, the Unicode fixtures, the fuzz regression tests and the fuzz targets.

use ner_highlight::{ExtractOptions, Extraction, Extractor, OffsetUnit};

/// The UTF-8 offset `byte` of `text` counted in `unit`.
pub fn convert(text: &str, byte: usize, unit: OffsetUnit) -> usize {
    let before = &text[..byte];
    match unit {
        OffsetUnit::Utf8 => byte,
        OffsetUnit::Utf16 => before.encode_utf16().count(),
        OffsetUnit::Codepoint => before.chars().count(),
    }
}

/// Panics unless the UTF-8 result `found` over `text` has its entities
/// sorted, non-empty, non-overlapping, on char boundaries, equal to their
/// slices, scored in 0..=1, each in a group that lists it.
pub fn assert_well_formed(text: &str, found: &Extraction) {
    let mut last_end = 0;
    for (i, e) in found.entities.iter().enumerate() {
        assert!(e.start < e.end, "empty or reversed span {e:?}");
        assert!(e.start >= last_end, "overlapping or unsorted {e:?}");
        assert!(
            text.is_char_boundary(e.start) && text.is_char_boundary(e.end),
            "{e:?}"
        );
        assert_eq!(&text[e.start..e.end], e.text);
        assert!((0.0..=1.0).contains(&e.score), "score of {e:?}");
        let group = e.group.expect("every entity has a group");
        assert!(found.groups[group].mentions.contains(&i), "{e:?}");
        last_end = e.end;
    }
}

/// Runs `extractor` over `text` in each offset unit and panics unless the
/// UTF-8 result is well formed and the UTF-16 and code-point results are
/// the same entities with their offsets converted. Returns the UTF-8 result.
pub fn assert_consistent(extractor: &Extractor, text: &str) -> Extraction {
    let utf8 = extractor.extract(text, &ExtractOptions::default());
    assert_well_formed(text, &utf8);
    for unit in [OffsetUnit::Utf16, OffsetUnit::Codepoint] {
        let options = ExtractOptions {
            offsets: unit,
            ..Default::default()
        };
        let other = extractor.extract(text, &options);
        assert_eq!(utf8.entities.len(), other.entities.len());
        assert_eq!(utf8.groups, other.groups);
        for (a, b) in utf8.entities.iter().zip(&other.entities) {
            assert_eq!(convert(text, a.start, unit), b.start, "{unit:?} {a:?}");
            assert_eq!(convert(text, a.end, unit), b.end, "{unit:?} {a:?}");
            assert_eq!((&a.text, a.label, a.group), (&b.text, b.label, b.group));
        }
    }
    utf8
}
