//! The patched `regex-cache`'s `release` (vendor/regex-cache/README.md):
//! `data::load` calls it once its numbers are checked, so that
//! libphonenumber's compiled patterns (about 7 MB at 100 000 facilities)
//! are not held for the life of the process. It must free the compiled
//! programs, and a pattern used after it must compile again and answer as
//! before. A counting allocator sees what is live; this test binary has
//! one test, so nothing else allocates meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::{Arc, Mutex};

use regex_cache::{CachedRegexBuilder, RegexCache};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

#[test]
fn release_frees_the_compiled_patterns_and_matching_compiles_them_again() {
    let cache = Arc::new(Mutex::new(RegexCache::new(100)));
    // Distinct patterns whose programs are large (Unicode classes).
    let regexes: Vec<_> = (0..8)
        .map(|i| {
            CachedRegexBuilder::new(cache.clone(), &format!(r"\w{{{}}}-(\d+)", 1 + i))
                .ignore_whitespace(true)
                .build()
                .expect("valid")
        })
        .collect();
    let text = |i: usize| format!("{}-{}", "é".repeat(1 + i), i);
    let answers = |regexes: &[regex_cache::CachedRegex]| -> Vec<Option<(usize, usize)>> {
        regexes
            .iter()
            .enumerate()
            .flat_map(|(i, re)| {
                let (text, other) = (text(i), text(i + 1));
                [
                    re.find_at_start(&text).map(|m| (m.start(), m.end())),
                    re.find(&other).map(|m| (m.start(), m.end())),
                    re.captures(&text)
                        .and_then(|c| c.get(1))
                        .map(|m| (m.start(), m.end())),
                ]
            })
            .collect()
    };
    let before = live();
    let first = answers(&regexes);
    let compiled = live() - before;
    assert!(
        compiled > 1 << 20,
        "the programs take room: {compiled} bytes"
    );
    assert!(first.iter().all(Option::is_some), "{first:?}");

    regex_cache::release();
    let left = live() - before;
    assert!(
        left < compiled / 10,
        "release left {left} of {compiled} bytes"
    );

    assert_eq!(answers(&regexes), first, "compiled again, the same answers");
    regex_cache::release();
}
