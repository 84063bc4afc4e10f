//! Scoring one record against a parsed query: each positive atom takes the
//! best of the record's own fields and its shared groups (memoised per
//! query), hidden fields score 7/8, negative atoms exclude; with
//! decoration, the winning visible field's highlights or hidden field's
//! "via" label.

use nucleo_matcher::Matcher;
use nucleo_matcher::pattern::{Atom, CaseMatching, Normalization, Pattern};

use super::{Column, Field, Group, Hit, Index, mask, via_text};

/// A hidden field matching as well as a visible one loses to it, so rows
/// say "via" only when the visible text really does not match.
fn hidden_penalty(score: u16) -> u32 {
    u32::from(score) * 7 / 8
}

/// Memo slot values: not computed yet / no field matches.
const UNSET: u64 = u64::MAX;
const NONE: u64 = u64::MAX - 1;

/// One parsed query: its atoms with what each needs, and per-query memos.
pub(super) struct Query {
    pub(super) atoms: Vec<(Atom, u64)>,
    memo: Memo,
    /// Whether hits get their highlights and "via" (`rank` leaves them out).
    pub(super) decorate: bool,
}

struct Memo {
    /// `shared_groups × atoms`: a group's best (score, field) per atom.
    shared: Vec<u64>,
    /// The last per-contact group scored, and its results per atom.
    last_owner: u32,
    owner: Vec<u64>,
}

fn pack(score: u32, field: usize) -> u64 {
    (u64::from(score) << 32) | field as u64
}

impl Query {
    pub(super) fn new(query: &str, shared_groups: usize) -> Query {
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        let atoms: Vec<(Atom, u64)> = pattern
            .atoms
            .into_iter()
            .map(|a| {
                let need = mask::of_atom(&a);
                (a, need)
            })
            .collect();
        Query {
            memo: Memo {
                shared: vec![UNSET; shared_groups * atoms.len()],
                owner: vec![UNSET; atoms.len()],
                last_owner: u32::MAX,
            },
            atoms,
            decorate: true,
        }
    }
}

/// A group's result for one atom: for a positive atom the best hidden score
/// and the first field reaching it; for a negative one, whether any field
/// matches (`pack(1, 0)`) or none does.
fn group_result(group: &Group, atom: &Atom, need: u64, matcher: &mut Matcher) -> u64 {
    if group.mask & need != need {
        return NONE;
    }
    if atom.negative {
        let hit = group
            .fields
            .iter()
            .any(|f| f.mask & need == need && atom.score(f.text.slice(..), matcher).is_none());
        return if hit { pack(1, 0) } else { NONE };
    }
    let mut best: Option<(u32, usize)> = None;
    for (i, field) in group.fields.iter().enumerate() {
        if field.mask & need != need {
            continue;
        }
        if let Some(score) = atom.score(field.text.slice(..), matcher) {
            let score = hidden_penalty(score);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, i));
            }
        }
    }
    best.map_or(NONE, |(s, i)| pack(s, i))
}

impl Index {
    /// The result of group `g` for atom `a` (see `group_result`), memoised.
    fn group(
        &self,
        g: u32,
        a: usize,
        atoms: &[(Atom, u64)],
        memo: &mut Memo,
        matcher: &mut Matcher,
    ) -> u64 {
        let (atom, need) = &atoms[a];
        let slot = if (g as usize) < self.shared_groups {
            &mut memo.shared[g as usize * atoms.len() + a]
        } else {
            if memo.last_owner != g {
                memo.last_owner = g;
                memo.owner.fill(UNSET);
            }
            &mut memo.owner[a]
        };
        if *slot == UNSET {
            *slot = group_result(&self.groups[g as usize], atom, *need, matcher);
        }
        *slot
    }

    pub(super) fn score_entry(&self, id: u32, q: &mut Query, matcher: &mut Matcher) -> Option<Hit> {
        let entry = &self.entries[id as usize];
        let Query {
            atoms,
            memo,
            decorate,
        } = q;
        if atoms
            .iter()
            .any(|(atom, need)| !atom.negative && entry.mask & need != *need)
        {
            return None;
        }
        let mut total = 0u32;
        let mut via = None;
        let mut highlights: Vec<(Column, Vec<u32>)> = Vec::new();
        for (a, (atom, need)) in atoms.iter().enumerate() {
            let need = *need;
            if atom.negative {
                // A negative atom excludes the record if any field matches it.
                let own = entry.fields.iter().any(|f| {
                    f.mask & need == need && atom.score(f.text.slice(..), matcher).is_none()
                });
                if own
                    || entry
                        .shared
                        .iter()
                        .any(|&g| self.group(g, a, atoms, memo, matcher) != NONE)
                {
                    return None;
                }
                continue;
            }
            // The first field with the best score wins: own fields, then groups.
            let mut best: Option<(u32, &[Field], usize)> = None;
            for (i, field) in entry.fields.iter().enumerate() {
                if field.mask & need != need {
                    continue;
                }
                if let Some(score) = atom.score(field.text.slice(..), matcher) {
                    let score = match field.column {
                        Some(_) => u32::from(score),
                        None => hidden_penalty(score),
                    };
                    if best.is_none_or(|(b, _, _)| score > b) {
                        best = Some((score, &entry.fields, i));
                    }
                }
            }
            for &g in entry.shared.iter() {
                let result = self.group(g, a, atoms, memo, matcher);
                if result == NONE {
                    continue;
                }
                let score = (result >> 32) as u32;
                if best.is_none_or(|(b, _, _)| score > b) {
                    let fields = &self.groups[g as usize].fields;
                    best = Some((score, fields, (result & 0xFFFF_FFFF) as usize));
                }
            }
            let (score, fields, i) = best?;
            let field = &fields[i];
            total += score;
            if !*decorate {
                continue;
            }
            match field.column {
                Some(column) => {
                    let mut indices = Vec::with_capacity(atom.needle_text().len());
                    atom.indices(field.text.slice(..), matcher, &mut indices);
                    match highlights.iter_mut().find(|(c, _)| *c == column) {
                        Some((_, existing)) => existing.extend(indices),
                        None => highlights.push((column, indices)),
                    }
                }
                None => {
                    via.get_or_insert_with(|| via_text(fields, i));
                }
            }
        }
        for (_, indices) in &mut highlights {
            indices.sort_unstable();
            indices.dedup();
        }
        Some(Hit {
            target: entry.target,
            score: total,
            highlights,
            via,
        })
    }
}
