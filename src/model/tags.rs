//! BILOU tags: which tag may follow which, and how tags become spans.
//!
//! A model with labels `L` has `1 + 4·|L|` tags: `O`, then for each label its
//! `B`egin, `I`nside, `L`ast and `U`nit tags. Tag `0` is `O`; label `k`'s tags
//! are `1 + 4k + {0: B, 1: I, 2: L, 3: U}`.

/// The position part of a tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// Outside any entity.
    Outside,
    /// First token of an entity of two or more tokens.
    Begin,
    /// A middle token.
    Inside,
    /// Last token of an entity of two or more tokens.
    Last,
    /// An entity of one token.
    Unit,
}

/// A tag index in a tag set of `1 + 4·labels` tags.
pub type Tag = u8;

/// The tag `O`.
pub const OUTSIDE: Tag = 0;

/// The number of tags for `labels` labels.
pub fn tag_count(labels: usize) -> usize {
    1 + 4 * labels
}

/// The tag for `position` of label index `label`.
pub fn tag(position: Position, label: usize) -> Tag {
    let offset = match position {
        Position::Outside => return OUTSIDE,
        Position::Begin => 0,
        Position::Inside => 1,
        Position::Last => 2,
        Position::Unit => 3,
    };
    (1 + 4 * label + offset) as Tag
}

/// The position and label index of `tag` (the label is 0 for `O`).
pub fn split(tag: Tag) -> (Position, usize) {
    if tag == OUTSIDE {
        return (Position::Outside, 0);
    }
    let t = usize::from(tag) - 1;
    let position = match t % 4 {
        0 => Position::Begin,
        1 => Position::Inside,
        2 => Position::Last,
        _ => Position::Unit,
    };
    (position, t / 4)
}

/// Whether `next` may follow `previous` (`None` at the start of a sentence).
pub fn may_follow(previous: Option<Tag>, next: Tag) -> bool {
    let (next_pos, next_label) = split(next);
    let open = match previous.map(split) {
        Some((Position::Begin | Position::Inside, label)) => Some(label),
        _ => None,
    };
    match (open, next_pos) {
        (Some(label), Position::Inside | Position::Last) => label == next_label,
        (Some(_), _) => false,
        (None, Position::Inside | Position::Last) => false,
        (None, _) => true,
    }
}

/// Whether `tag` may end a sentence.
pub fn may_end(tag: Tag) -> bool {
    !matches!(split(tag).0, Position::Begin | Position::Inside)
}

/// Which tags may come next, as [`may_follow`] and [`may_end`] tell, as a
/// bit set: cheap to ask for every tag of every token, and to walk.
#[derive(Clone, Copy, Debug)]
pub struct Allowed {
    /// Bit `t` is set if tag `t` is allowed (tags are `u8`).
    bits: [u64; 4],
}

/// `O` (bit 0) and every label's `B` and `U` (bits `1 + 4k` and `4 + 4k`):
/// the two low bits of every group of four.
const OUTSIDE_BEGIN_UNIT: [u64; 4] = [u64::MAX / 15 * 3; 4];
/// `O` and every label's `U`: the low bit of every group of four.
const OUTSIDE_UNIT: [u64; 4] = [u64::MAX / 15; 4];

impl Allowed {
    /// The tags allowed after `previous` (`None` at the start of a
    /// sentence), and allowed to end the sentence if `last`.
    pub fn after(previous: Option<Tag>, last: bool) -> Self {
        match previous.map(split) {
            Some((Position::Begin | Position::Inside, label)) => {
                let mut allowed = Allowed { bits: [0; 4] };
                allowed.insert(tag(Position::Last, label));
                if !last {
                    allowed.insert(tag(Position::Inside, label));
                }
                allowed
            }
            _ if last => Allowed { bits: OUTSIDE_UNIT },
            _ => Allowed {
                bits: OUTSIDE_BEGIN_UNIT,
            },
        }
    }

    fn insert(&mut self, tag: Tag) {
        self.bits[usize::from(tag >> 6)] |= 1 << (tag & 63);
    }

    /// Whether `tag` is allowed.
    #[inline]
    pub fn contains(&self, tag: usize) -> bool {
        tag < 256 && (self.bits[tag >> 6] >> (tag & 63)) & 1 != 0
    }

    /// The allowed tags below `tag_count`, in increasing order.
    #[inline]
    pub fn tags(&self, tag_count: usize) -> impl Iterator<Item = usize> + '_ {
        self.bits
            .iter()
            .enumerate()
            .flat_map(move |(word, &bits)| {
                let mut rest = bits;
                std::iter::from_fn(move || {
                    let bit = (rest != 0).then(|| rest.trailing_zeros() as usize)?;
                    rest &= rest - 1;
                    Some(word * 64 + bit)
                })
            })
            .take_while(move |&t| t < tag_count)
    }
}

/// The allowed tags of every situation as lists, for loops that visit
/// only them (the beam decoder's inner loop).
pub struct AllowedLists {
    /// After `O`, `L`, `U` or at the start: `O`, every `B` and `U`.
    free: Vec<Tag>,
    /// The same on a sentence's last token: `O` and every `U`.
    free_last: Vec<Tag>,
}

impl AllowedLists {
    /// The lists for a tag set of `tag_count` tags.
    pub fn new(tag_count: usize) -> Self {
        let list = |last| {
            Allowed::after(None, last)
                .tags(tag_count)
                .map(|t| t as Tag)
                .collect()
        };
        AllowedLists {
            free: list(false),
            free_last: list(true),
        }
    }

    /// The tags allowed after `previous` (and allowed to end the sentence if
    /// `last`), in increasing order; `pair` holds them when an entity is open.
    pub fn after<'a>(
        &'a self,
        previous: Option<Tag>,
        last: bool,
        pair: &'a mut [Tag; 2],
    ) -> &'a [Tag] {
        match previous.map(split) {
            Some((Position::Begin | Position::Inside, label)) => {
                *pair = [tag(Position::Inside, label), tag(Position::Last, label)];
                if last {
                    &pair[1..]
                } else {
                    &pair[..]
                }
            }
            _ if last => &self.free_last,
            _ => &self.free,
        }
    }
}

/// Joins spans of one label that follow each other with no token between
/// them ("1987" "October" into "1987 October"): a greedily trained model
/// sometimes closes an entity one token early and opens another of the same
/// label right after, and two entities of one label side by side are rare in
/// the training data (about 0.5% of OntoNotes entities). `spans` as [`spans`]
/// returns them: sorted, non-overlapping.
pub fn join_adjacent(spans: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(spans.len());
    for (first, last, label) in spans {
        match out.last_mut() {
            Some(previous) if previous.2 == label && previous.1 + 1 == first => previous.1 = last,
            _ => out.push((first, last, label)),
        }
    }
    out
}

/// The entity spans of a tag sequence as `(first, last, label)` token indices.
/// Ill-formed sequences are read leniently: a span runs from `B`/`U` (or a
/// stray `I`/`L`) while the label stays the same.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (position, label) = split(t);
        match position {
            Position::Outside => {
                if let Some((start, l)) = open.take() {
                    out.push((start, i - 1, l));
                }
            }
            Position::Begin | Position::Unit => {
                if let Some((start, l)) = open.take() {
                    out.push((start, i - 1, l));
                }
                if position == Position::Unit {
                    out.push((i, i, label));
                } else {
                    open = Some((i, label));
                }
            }
            Position::Inside | Position::Last => {
                match open {
                    Some((_, l)) if l == label => {}
                    Some((start, l)) => {
                        out.push((start, i - 1, l));
                        open = Some((i, label));
                    }
                    None => open = Some((i, label)),
                }
                if position == Position::Last {
                    if let Some((start, l)) = open.take() {
                        out.push((start, i, l));
                    }
                }
            }
        }
    }
    if let Some((start, l)) = open {
        out.push((start, tags.len() - 1, l));
    }
    out
}

/// BILOU tags for entity spans `(first, last, label)` over `len` tokens.
pub fn from_spans(len: usize, spans: &[(usize, usize, usize)]) -> Vec<Tag> {
    let mut tags = vec![OUTSIDE; len];
    for &(first, last, label) in spans {
        if first == last {
            tags[first] = tag(Position::Unit, label);
            continue;
        }
        tags[first] = tag(Position::Begin, label);
        for t in &mut tags[first + 1..last] {
            *t = tag(Position::Inside, label);
        }
        tags[last] = tag(Position::Last, label);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::Label;

    #[test]
    fn adjacent_spans_of_one_label_are_joined() {
        let spans_in = vec![(0, 0, 1), (1, 2, 1), (3, 3, 2), (5, 5, 2), (6, 6, 1)];
        assert_eq!(
            join_adjacent(spans_in),
            vec![(0, 2, 1), (3, 3, 2), (5, 5, 2), (6, 6, 1)]
        );
    }

    #[test]
    fn tags_round_trip_through_spans() {
        let spans_in = vec![(0, 0, 2), (2, 4, 0), (5, 6, 1)];
        let tags = from_spans(8, &spans_in);
        assert_eq!(spans(&tags), spans_in);
        let mut previous = None;
        for &t in &tags {
            assert!(may_follow(previous, t));
            previous = Some(t);
        }
        assert!(may_end(*tags.last().unwrap()));
    }

    #[test]
    fn allowed_agrees_with_may_follow_and_may_end() {
        let count = tag_count(Label::ALL.len());
        let previous = std::iter::once(None).chain((0..count as Tag).map(Some));
        for previous in previous {
            for last in [false, true] {
                let allowed = Allowed::after(previous, last);
                let mut expected = Vec::new();
                for t in 0..count {
                    let allowed_here =
                        may_follow(previous, t as Tag) && (!last || may_end(t as Tag));
                    assert_eq!(allowed.contains(t), allowed_here, "{previous:?} {t} {last}");
                    if allowed_here {
                        expected.push(t);
                    }
                }
                assert_eq!(allowed.tags(count).collect::<Vec<_>>(), expected);
                let lists = AllowedLists::new(count);
                let listed: Vec<usize> = lists
                    .after(previous, last, &mut [0; 2])
                    .iter()
                    .map(|&t| usize::from(t))
                    .collect();
                assert_eq!(listed, expected);
            }
        }
    }

    #[test]
    fn only_the_same_label_continues_an_open_entity() {
        let b0 = tag(Position::Begin, 0);
        assert!(may_follow(Some(b0), tag(Position::Inside, 0)));
        assert!(!may_follow(Some(b0), tag(Position::Last, 1)));
        assert!(!may_follow(Some(b0), OUTSIDE));
        assert!(!may_follow(None, tag(Position::Last, 0)));
        assert!(may_follow(
            Some(tag(Position::Unit, 3)),
            tag(Position::Begin, 1)
        ));
    }
}
