//! Gives the memory the program has just freed back to the system at once.
//! jemalloc (the binary's allocator, `src/main.rs`) keeps freed pages for
//! `dirty_decay_ms` (0.3 s, `.cargo/config.toml`) in case they are wanted
//! again; after a load, what it freed (file texts, parse trees, the checks
//! across files) would otherwise still count in the peak RSS of the index
//! build that follows (BENCHMARKS.md, note 6). Without the `jemalloc`
//! feature this does nothing.

/// Purges every arena's freed pages now, by setting its decay time to 0
/// and back. Best effort: an arena that refuses is left to its decay.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
pub fn release_freed() {
    use tikv_jemalloc_ctl::{Access, AsName, arenas};
    let Ok(count) = arenas::narenas::read() else {
        return;
    };
    for arena in 0..count {
        let key = format!("arena.{arena}.dirty_decay_ms\0");
        let key = key.as_bytes().name();
        if let Ok(decay) = Access::<isize>::read(key)
            && key.write(0_isize).is_ok()
        {
            // What is freed from now on decays as configured again.
            let _restored = key.write(decay);
        }
    }
}

#[cfg(not(all(feature = "jemalloc", not(target_env = "msvc"))))]
pub fn release_freed() {}
