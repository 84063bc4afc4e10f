//! The binary allocates with jemalloc, set to give memory that stayed
//! unused for 0.3 s back to the system, from a background thread
//! (`src/main.rs`,
//! `.cargo/config.toml`; BENCHMARKS.md, note 6). Asked through its
//! environment variable, jemalloc prints its options when the process ends.

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
