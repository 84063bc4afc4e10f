//! The binary allocates with jemalloc, set to give memory that stayed
//! unused for 0.3 s back to the system, from a background thread
//! (`src/main.rs`,
//! `.cargo/config.toml`; BENCHMARKS.md, note 6). Asked through its
//! environment variable, jemalloc prints its options when the process ends.
//! After a load, `memory::release_freed` hands what was freed back at once.

#[test]
#[cfg(all(target_os = "linux", feature = "jemalloc"))]
fn the_binary_allocates_with_jemalloc_giving_memory_back_after_300_ms() {
    let output = assert_cmd::Command::cargo_bin("careguide")
        .expect("the binary is built")
        .env("_RJEM_MALLOC_CONF", "stats_print:true")
        .arg("--version")
        .output()
        .expect("careguide runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Begin jemalloc statistics"),
        "not jemalloc: {stderr}"
    );
    for setting in ["opt.dirty_decay_ms: 300 ", "opt.background_thread: true "] {
        assert!(
            stderr.contains(setting),
            "jemalloc without {setting:?}: {stderr}"
        );
    }
}

#[cfg(all(target_os = "linux", feature = "jemalloc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Resident memory of this process, in bytes.
#[cfg(all(target_os = "linux", feature = "jemalloc"))]
fn resident() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("statm");
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("resident pages");
    pages * 4096
}

/// jemalloc keeps what was freed for 0.3 s, purging it gradually; after
/// `release_freed`, or while `release_freed_while` runs, it is gone at once.
#[test]
#[cfg(all(target_os = "linux", feature = "jemalloc"))]
fn freed_memory_goes_back_at_once() {
    const MIB: usize = 1 << 20;
    let before = resident();
    // 1 MiB blocks: below jemalloc's 8 MiB threshold for eager purging.
    let blocks: Vec<Vec<u8>> = (0..64).map(|i| vec![i as u8 | 1; MIB]).collect();
    assert!(blocks.iter().all(|b| b[MIB - 1] != 0));
    assert!(resident() >= before + 60 * MIB, "the blocks are resident");
    drop(blocks);
    let kept = resident();
    careguide::memory::release_freed();
    let after = resident();
    assert!(
        after < before + 16 * MIB,
        "{} MiB before, {} MiB freed and kept, {} MiB after the release",
        before / MIB,
        kept / MIB,
        after / MIB
    );

    // While `release_freed_while` runs its work, what the work frees goes
    // back at once; afterwards the decay time is as it was. (In this test,
    // not another: resident memory is the whole process's.)
    let blocks = || -> Vec<Vec<u8>> { (0..64).map(|i| vec![i as u8 | 1; MIB]).collect() };
    // A call that starts and ends inside another (a load's release while
    // an index is built) leaves the decay time at 0 until the outer ends.
    let during = careguide::memory::release_freed_while(|| {
        careguide::memory::release_freed();
        drop(blocks());
        resident()
    });
    assert!(
        during < before + 16 * MIB,
        "{} MiB before, {} MiB after freeing 64 MiB",
        before / MIB,
        during / MIB
    );
    drop(blocks());
    let kept = resident();
    careguide::memory::release_freed();
    assert!(
        kept >= before + 40 * MIB,
        "the decay time is back: {} MiB before, {} MiB kept",
        before / MIB,
        kept / MIB
    );
}
