//! Scoring one record against a parsed query: each positive atom takes the
//! best of the record's own fields and its shared groups (memoised per
//! query), hidden fields score 7/8, negative atoms exclude; with
//! decoration, the winning visible field's highlights or hidden field's
//! "via" label.

use nucleo_matcher::Matcher;
use nucleo_matcher::pattern::{Atom, CaseMatching, Normalization, Pattern};

use super::store::Field;
use super::{Column, Group, Hit, Index, mask};

/// A hidden field matching as well as a visible one loses to it, so rows
/// say "via" only when the visible text really does not match.
fn hidden_penalty(score: u16) -> u32 {
    u32::from(score) * 7 / 8
}

/// Memo slot values: not computed yet / no field matches.
const UNSET: u64 = u64::MAX;
const NONE: u64 = u64::MAX - 1;
/// The same for a text's raw score.
const TEXT_UNSET: u32 = u32::MAX;
const TEXT_NONE: u32 = u32::MAX - 1;

/// One parsed query: its atoms with what each needs, and per-query memos.
pub(super) struct Query {
    pub(super) atoms: Vec<(Atom, u64)>,
    memo: Memo,
}

struct Memo {
    /// `shared_groups × atoms`: a group's best (score, field) per atom.
    shared: Vec<u64>,
    /// `repeated texts × atoms`: a text's raw score per atom.
    texts: Vec<u32>,
    /// The last per-contact group scored, and its results per atom.
    last_owner: u32,
    owner: Vec<u64>,
}

fn pack(score: u32, field: usize) -> u64 {
    (u64::from(score) << 32) | field as u64
}

impl Query {
    /// `query` parsed, with memos sized for `index`.
    pub(super) fn new(query: &str, index: &Index) -> Query {
        let mut q = Query::parse(query);
        let atoms = q.atoms.len();
        q.memo.shared = vec![UNSET; index.shared_groups * atoms];
        q.memo.texts = vec![TEXT_UNSET; index.store.repeated as usize * atoms];
        q
    }

    /// `query` parsed, without memos.
    pub(super) fn parse(query: &str) -> Query {
        let query: String = query.chars().take(super::MAX_QUERY_CHARS).collect();
        let pattern = Pattern::parse(&query, CaseMatching::Smart, Normalization::Smart);
        let atoms: Vec<(Atom, u64)> = pattern
            .atoms
            .into_iter()
            .take(super::MAX_QUERY_WORDS)
            .map(|a| {
                let need = mask::of_atom(&a);
                (a, need)
            })
            .collect();
        Query {
            memo: Memo {
                shared: Vec::new(),
                texts: Vec::new(),
                owner: vec![UNSET; atoms.len()],
                last_owner: u32::MAX,
            },
            atoms,
        }
    }
}

/// A needle and what it needs: `atoms[a]` of a query with `n` atoms.
struct Needle<'q> {
    atom: &'q Atom,
    need: u64,
    a: usize,
    n: usize,
}

impl Index {
    /// nucleo's score of the needle on what `field` matches (for a
    /// negative atom, `None` when it matches), memoised for texts several
    /// fields share.
    fn text_score(
        &self,
        field: Field,
        needle: &Needle,
        texts: &mut [u32],
        matcher: &mut Matcher,
    ) -> Option<u16> {
        let score = |matcher: &mut Matcher| {
            self.store
                .matched(field, |text| needle.atom.score(text, matcher))
        };
        let text = field.text;
        if text >= self.store.repeated || field.is_digits() {
            return score(matcher);
        }
        let slot = &mut texts[text as usize * needle.n + needle.a];
        if *slot == TEXT_UNSET {
            *slot = score(matcher).map_or(TEXT_NONE, u32::from);
        }
        (*slot != TEXT_NONE).then_some(*slot as u16)
    }

    /// The best score among `fields` (whose ids run from `first`) for a
    /// positive needle, and the first field (by id) reaching it; hidden
    /// fields score 7/8. For a negative needle, `Some` if any field
    /// matches it.
    fn best_field(
        &self,
        fields: &[Field],
        first: u32,
        needle: &Needle,
        texts: &mut [u32],
        matcher: &mut Matcher,
    ) -> Option<(u32, u32)> {
        let mut best: Option<(u32, u32)> = None;
        for (id, field) in (first..).zip(fields) {
            if !self.store.admits(field.text, needle.need) {
                continue;
            }
            let score = self.text_score(*field, needle, texts, matcher);
            if needle.atom.negative {
                if score.is_none() {
                    return Some((1, id));
                }
                continue;
            }
            let Some(score) = score else { continue };
            let score = match field.column {
                Some(_) => u32::from(score),
                None => hidden_penalty(score),
            };
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, id));
            }
        }
        best
    }

    /// A group's result for one needle (see `best_field`; its fields are
    /// all hidden), packed.
    fn group_result(
        &self,
        group: &Group,
        needle: &Needle,
        texts: &mut [u32],
        matcher: &mut Matcher,
    ) -> u64 {
        if group.mask & needle.need != needle.need {
            return NONE;
        }
        let fields = &self.store.fields[group.fields as usize..(group.fields + group.len) as usize];
        self.best_field(fields, group.fields, needle, texts, matcher)
            .map_or(NONE, |(score, id)| pack(score, id as usize))
    }

    /// The result of group `g` for the needle, memoised.
    fn group(&self, g: u32, needle: &Needle, memo: &mut Memo, matcher: &mut Matcher) -> u64 {
        let slot = if (g as usize) < self.shared_groups {
            &mut memo.shared[g as usize * needle.n + needle.a]
        } else {
            if memo.last_owner != g {
                memo.last_owner = g;
                memo.owner.fill(UNSET);
            }
            &mut memo.owner[needle.a]
        };
        if *slot == UNSET {
            *slot = self.group_result(&self.groups[g as usize], needle, &mut memo.texts, matcher);
        }
        *slot
    }

    /// The record's score, or `None` if it does not match; `winner` sees
    /// each positive atom's winning field (by id).
    fn score_with(
        &self,
        id: u32,
        q: &mut Query,
        matcher: &mut Matcher,
        mut winner: impl FnMut(&Atom, u32, &mut Matcher),
    ) -> Option<u32> {
        let Query { atoms, memo } = q;
        let need = atoms
            .iter()
            .filter(|(atom, _)| !atom.negative)
            .fold(0, |all, (_, need)| all | need);
        if !self.admits(id, need) {
            return None;
        }
        // A contact's fields and group, made here (`store/contacts.rs`).
        let contact;
        let (own, first, shared): (&[Field], u32, &[u32]) = match self.contact(id) {
            Some(c) => {
                let (fields, from, first) = self.store.contact_fields(c);
                contact = (fields, self.owner(c));
                (&contact.0[from..], first, contact.1.as_slice())
            }
            None => {
                let entry = &self.entries[id as usize];
                let [fields_end, shared_end] = self
                    .entries
                    .get(id as usize + 1)
                    .map_or(self.ends, |next| [next.fields, next.shared]);
                let own = entry.fields as usize..fields_end as usize;
                let shared = entry.shared as usize..shared_end as usize;
                (&self.store.fields[own], entry.fields, &self.shared[shared])
            }
        };
        let mut total = 0u32;
        for (a, (atom, need)) in atoms.iter().enumerate() {
            let needle = Needle {
                atom,
                need: *need,
                a,
                n: atoms.len(),
            };
            let mine = self.best_field(own, first, &needle, &mut memo.texts, matcher);
            if atom.negative {
                // A negative atom excludes the record if any field matches it.
                if mine.is_some()
                    || shared
                        .iter()
                        .any(|&g| self.group(g, &needle, memo, matcher) != NONE)
                {
                    return None;
                }
                continue;
            }
            // The first field with the best score wins: own fields, then groups.
            let mut best = mine;
            for &g in shared {
                let result = self.group(g, &needle, memo, matcher);
                if result == NONE {
                    continue;
                }
                let score = (result >> 32) as u32;
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, result as u32));
                }
            }
            let (score, field) = best?;
            total += score;
            winner(atom, field, matcher);
        }
        Some(total)
    }

    /// The record's score alone (what ranking needs).
    pub(super) fn entry_score(&self, id: u32, q: &mut Query, matcher: &mut Matcher) -> Option<u32> {
        self.score_with(id, q, matcher, |_, _, _| {})
    }

    /// The record's hit, with highlights and "via".
    pub(super) fn score_entry(&self, id: u32, q: &mut Query, matcher: &mut Matcher) -> Option<Hit> {
        let mut via = None;
        let mut highlights: Vec<(Column, Vec<u32>)> = Vec::new();
        let score = self.score_with(id, q, matcher, |atom, field, matcher| {
            let f = self.store.field(field);
            match f.column {
                Some(column) => {
                    let mut indices = Vec::with_capacity(atom.needle_text().len());
                    atom.indices(self.store.text(f.text), matcher, &mut indices);
                    match highlights.iter_mut().find(|(c, _)| *c == column) {
                        Some((_, existing)) => existing.extend(indices),
                        None => highlights.push((column, indices)),
                    }
                }
                None => {
                    via.get_or_insert_with(|| self.store.via_text(field));
                }
            }
        })?;
        for (_, indices) in &mut highlights {
            indices.sort_unstable();
            indices.dedup();
        }
        Some(Hit {
            target: self.target(id),
            score,
            highlights,
            via,
        })
    }
}
