//! Which facility each contact belongs to, in 8 bytes a facility with
//! contacts and a bit a contact: contacts are numbered in directory
//! order, so a facility's contacts are a run, and a bit marks the first of
//! each run. Contact `c`'s run is the number of marks up to `c` (a rank,
//! counted per 64 contacts and then by `count_ones`); the `r`th run is the
//! `r`th facility with contacts, whose names are the `r`th group made for
//! contacts (`build.rs`). At 100k facilities this is 0.9 MB, where a
//! facility per contact and a first contact and a group per facility took
//! 2 MB.

/// The runs of contacts, facility by facility.
#[derive(Default)]
pub(in crate::search) struct Owners {
    /// Bit `c % 64` of word `c / 64` is set when contact `c` is its
    /// facility's first.
    firsts: Vec<u64>,
    /// How many bits are set in the words before each word.
    before: Vec<u32>,
    /// Each run's facility, ascending.
    facility: Vec<u32>,
    /// Each run's first contact.
    first: Vec<u32>,
    /// How many contacts there are.
    contacts: u32,
}

impl Owners {
    /// Room for `facilities` runs of `contacts` contacts in all.
    pub(in crate::search) fn with_capacity(facilities: usize, contacts: usize) -> Owners {
        Owners {
            firsts: Vec::with_capacity(contacts.div_ceil(64)),
            before: Vec::with_capacity(contacts.div_ceil(64)),
            facility: Vec::with_capacity(facilities),
            first: Vec::with_capacity(facilities),
            contacts: 0,
        }
    }

    /// Adds facility `f`'s `n` contacts (none adds nothing), after those of
    /// the facilities before it.
    pub(in crate::search) fn push(&mut self, f: u32, n: usize) {
        let Ok(n) = u32::try_from(n) else { return };
        if n == 0 {
            return;
        }
        let c = self.contacts;
        let Some(end) = c.checked_add(n) else { return };
        let word = (c / 64) as usize;
        self.grow(word + 1);
        self.firsts[word] |= 1 << (c % 64);
        self.facility.push(f);
        self.first.push(c);
        self.contacts = end;
        self.grow(self.contacts.div_ceil(64) as usize);
    }

    /// Adds words up to `words`, each after every mark set so far.
    fn grow(&mut self, words: usize) {
        while self.firsts.len() < words {
            self.before.push(self.facility.len() as u32);
            self.firsts.push(0);
        }
    }

    /// The run contact `c` is in (`None` past the last contact).
    #[inline]
    pub(in crate::search) fn run(&self, c: u32) -> Option<u32> {
        if c >= self.contacts {
            return None;
        }
        let word = (c / 64) as usize;
        let upto = self.firsts[word] & (u64::MAX >> (63 - c % 64));
        (self.before[word] + upto.count_ones()).checked_sub(1)
    }

    /// Contact `c`'s facility, and its place among the facility's contacts.
    pub(in crate::search) fn contact(&self, c: u32) -> Option<(u32, u32)> {
        let r = self.run(c)? as usize;
        Some((self.facility[r], c - self.first[r]))
    }

    /// Facility `f`'s first contact, if it has any.
    pub(in crate::search) fn first_of(&self, f: u32) -> Option<u32> {
        let r = self.facility.binary_search(&f).ok()?;
        Some(self.first[r])
    }

    /// Drops the room reserved and not used.
    pub(in crate::search) fn shrink_to_fit(&mut self) {
        self.firsts.shrink_to_fit();
        self.before.shrink_to_fit();
        self.facility.shrink_to_fit();
        self.first.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_contact_finds_its_facility_and_place() {
        // Facilities 0..200 with 0, 1, 2, … contacts (0 for every fifth),
        // so runs start and end inside and across words.
        let counts: Vec<usize> = (0..200)
            .map(|f| if f % 5 == 0 { 0 } else { f % 7 + 1 })
            .collect();
        let total: usize = counts.iter().sum();
        let mut owners = Owners::with_capacity(counts.len(), total);
        for (f, &n) in counts.iter().enumerate() {
            owners.push(f as u32, n);
        }
        assert_eq!(owners.contacts as usize, total);
        let mut c = 0u32;
        for (f, &n) in counts.iter().enumerate() {
            let f = f as u32;
            assert_eq!(owners.first_of(f), (n > 0).then_some(c), "facility {f}");
            for k in 0..n as u32 {
                assert_eq!(owners.contact(c), Some((f, k)), "contact {c}");
                c += 1;
            }
        }
        assert_eq!(owners.run(c), None, "past the last contact");
        assert_eq!(owners.first_of(1000), None);
        let runs = counts.iter().filter(|&&n| n > 0).count() as u32;
        assert_eq!(
            owners.run(c - 1),
            Some(runs - 1),
            "runs count facilities with contacts"
        );
    }
}
