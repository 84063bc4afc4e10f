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
/// done), whose freed pages would otherwise add to its peak RSS. Calls may
/// overlap (an index built on one thread while a load ends on another):
/// the first to start keeps the decay times and the last to end restores
/// them, also when `f` panics.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
pub fn release_freed_while<T>(f: impl FnOnce() -> T) -> T {
    use std::sync::Mutex;
    use tikv_jemalloc_ctl::{Access, AsName, arenas};

    /// How many calls are running, and the decay times the first found.
    static RUNNING: Mutex<(usize, Vec<(String, isize)>)> = Mutex::new((0, Vec::new()));

    struct Running;

    impl Drop for Running {
        fn drop(&mut self) {
            let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
            running.0 -= 1;
            if running.0 == 0 {
                for (key, decay) in std::mem::take(&mut running.1) {
                    // What is freed from now on decays as configured again.
                    let _restored = key.as_bytes().name().write(decay);
                }
            }
        }
    }

    {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        if running.0 == 0 {
            let count = arenas::narenas::read().unwrap_or(0);
            running.1 = (0..count)
                .filter_map(|arena| {
                    let key = format!("arena.{arena}.dirty_decay_ms\0");
                    let name = key.as_bytes().name();
                    let decay = Access::<isize>::read(name).ok()?;
                    name.write(0_isize).ok().map(|()| (key, decay))
                })
                .collect();
        } else {
            // Already 0: setting it again purges what was freed since.
            for (key, _) in &running.1 {
                let _purged = key.as_bytes().name().write(0_isize);
            }
        }
        running.0 += 1;
    }
    let _running = Running;
    f()
}

#[cfg(not(all(feature = "jemalloc", not(target_env = "msvc"))))]
pub fn release_freed_while<T>(f: impl FnOnce() -> T) -> T {
    f()
}
