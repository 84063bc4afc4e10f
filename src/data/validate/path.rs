//! Paths to the values the rules check (`facilities[3].contacts[1].phone`),
//! built on the stack: the rules build one for nearly every field, and only
//! a diagnostic or an origin ever reads it.

use std::ops::Deref;

use crate::data::locate::Seg;

/// Deeper than any path the rules build (`facilities[i].specialties[j]
/// .sources[k]` is 6).
const DEPTH: usize = 8;

/// A path of segments: inline up to `DEPTH`, on the heap beyond.
#[derive(Debug, Clone)]
pub(in crate::data) enum SegPath<'a> {
    Inline([Seg<'a>; DEPTH], usize),
    Heap(Vec<Seg<'a>>),
}

impl<'a> Deref for SegPath<'a> {
    type Target = [Seg<'a>];

    fn deref(&self) -> &[Seg<'a>] {
        match self {
            SegPath::Inline(segs, len) => &segs[..*len],
            SegPath::Heap(segs) => segs,
        }
    }
}

/// `base` followed by `more`.
pub(in crate::data) fn join<'a>(base: &[Seg<'a>], more: &[Seg<'a>]) -> SegPath<'a> {
    let len = base.len() + more.len();
    if len > DEPTH {
        return SegPath::Heap(base.iter().chain(more).copied().collect());
    }
    let mut segs = [Seg::Index(0); DEPTH];
    segs[..base.len()].copy_from_slice(base);
    segs[base.len()..len].copy_from_slice(more);
    SegPath::Inline(segs, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joined_path_is_both_parts_in_order_however_deep() {
        let base = [Seg::Key("facilities"), Seg::Index(3)];
        let more = [Seg::Key("contacts"), Seg::Index(1), Seg::Key("phone")];
        let path = join(&base, &more);
        assert!(matches!(path, SegPath::Inline(..)));
        assert_eq!(&*path, [&base[..], &more[..]].concat());
        let deep = join(&path, &path);
        assert!(matches!(deep, SegPath::Heap(..)));
        assert_eq!(&*deep, [&path[..], &path[..]].concat());
    }
}
