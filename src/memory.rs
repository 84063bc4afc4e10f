//! Gives the memory the program has just freed back to the system at once.
//! jemalloc (the binary's allocator, `src/main.rs`) keeps freed pages for
//! `dirty_decay_ms` (0.3 s, `.cargo/config.toml`) in case they are wanted
//! again; after a load, what it freed (file texts, parse trees, the checks
//! across files) would otherwise still count in the peak RSS of the index
//! build that follows (BENCHMARKS.md, note 6). Without the `jemalloc`
//! feature this does nothing.

/// Purges every arena's freed pages now, by setting its decay time to 0
/// and back. Best effort: an arena that refuses is left to its decay.
pub fn release_freed() {
    release_freed_while(|| ());
}

/// Runs `f` with freed pages given back as soon as they are freed (every
/// arena's decay time 0), then sets each arena's decay time back: for work
/// that frees as it goes (arrays that grow by moving, maps dropped when
/// done), whose freed pages would otherwise add to its peak RSS.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
pub fn release_freed_while<T>(f: impl FnOnce() -> T) -> T {
    use tikv_jemalloc_ctl::{Access, AsName, arenas};
    let count = arenas::narenas::read().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .map(|arena| format!("arena.{arena}.dirty_decay_ms\0"))
        .collect();
    let decays: Vec<Option<isize>> = keys
        .iter()
        .map(|key| {
            let key = key.as_bytes().name();
            let decay = Access::<isize>::read(key).ok()?;
            key.write(0_isize).ok().map(|()| decay)
        })
        .collect();
    let out = f();
    for (key, decay) in keys.iter().zip(decays) {
        if let Some(decay) = decay {
            // What is freed from now on decays as configured again.
            let _restored = key.as_bytes().name().write(decay);
        }
    }
    out
}

#[cfg(not(all(feature = "jemalloc", not(target_env = "msvc"))))]
pub fn release_freed_while<T>(f: impl FnOnce() -> T) -> T {
    f()
}
