//! The synthetic generator and the optimised search, checked together
//! (untimed; speed lives in benches/ and BENCHMARKS.md): 10 000 generated
//! facilities load without a single diagnostic, the output is the same for
//! the same seed, and global search (with and without a preferred city),
//! facility filters and the background `Searcher` return exactly what the
//! brute-force scorer returns — also while a word or a number is typed one
//! character at a time (incremental narrowing).

#[path = "generator/brute.rs"]
mod brute;
#[path = "../examples/gen/synth.rs"]
mod synth;
#[path = "../examples/gen/tables.rs"]
mod tables;

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use careguide::data::{self, DataSource};
use careguide::model::Directory;
use careguide::search::{Hit, Index, Request, Scope, Searcher};

struct Fixture {
    _dir: tempfile::TempDir,
    directory: Arc<Directory>,
}

/// 10 000 facilities, generated and loaded once for every test here.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = synth::Options {
            facilities: 10_000,
            seed: 1,
            compact: false,
        };
        let summary = synth::generate(dir.path(), &options).expect("generate");
        assert_eq!(summary.facilities, 10_000);
        assert!(summary.cities >= 20, "spread over many cities");
        let loaded = data::load(&DataSource::Dir(dir.path().to_path_buf())).expect("load");
        assert!(
            loaded.diagnostics.is_empty(),
            "generated data must pass check cleanly:\n{}",
            loaded.render_diagnostics()
        );
        assert_eq!(loaded.directory.facilities.len(), 10_000);
        Fixture {
            _dir: dir,
            directory: Arc::new(loaded.directory),
        }
    })
}

#[test]
fn generated_data_passes_check_and_is_realistic() {
    let dir = &fixture().directory;
    let contacts: usize = dir.facilities.iter().map(|f| f.contacts.len()).sum();
    assert!(
        contacts >= 20_000,
        "several contacts per facility: {contacts}"
    );
    assert!(
        dir.facilities
            .iter()
            .all(|f| f.name_zh.as_deref().is_some())
    );
    assert!(dir.facilities.iter().any(|f| !f.aliases.is_empty()));
    assert!(dir.facilities.iter().all(|f| !f.specialties.is_empty()));
    assert!(
        dir.facilities
            .iter()
            .all(|f| f.notes.iter().any(|n| n.text.contains("SYNTHETIC"))),
        "every record says it is synthetic"
    );
    for needle in ["第", "人民医院", "中医医院", "妇幼保健院", "口腔医院"] {
        assert!(
            dir.facilities
                .iter()
                .any(|f| f.name_zh.as_deref().is_some_and(|n| n.contains(needle))),
            "{needle}"
        );
    }
}

#[test]
fn same_seed_same_bytes_and_never_into_data() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let options = synth::Options {
        facilities: 300,
        seed: 7,
        compact: false,
    };
    synth::generate(a.path(), &options).unwrap();
    synth::generate(b.path(), &options).unwrap();
    let file = "cities/beijing-xincheng.ron";
    let text = std::fs::read_to_string(a.path().join(file)).unwrap();
    assert_eq!(text, std::fs::read_to_string(b.path().join(file)).unwrap());
    assert!(
        text.starts_with("// SYNTHETIC DATA"),
        "header says synthetic"
    );
    let repo_data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    assert!(synth::generate(&repo_data.join("cities"), &options).is_err());
}

#[test]
fn every_area_code_and_district_gets_valid_unique_numbers() {
    use careguide::data::phone::PhoneRule;
    let mut seen = std::collections::HashSet::new();
    let rule = PhoneRule::new();
    for city in tables::CITIES {
        let format = synth::PhoneFormat::new(city.6);
        for district in 0..tables::DISTRICTS.len() {
            for n in [0, 1, 1_599] {
                let number = format.phone(district, n);
                let phone = rule.check(&number).unwrap_or_else(|e| panic!("{e}"));
                assert!(seen.insert(phone.e164), "{number} repeats");
            }
        }
    }
}

/// Hits must agree exactly: targets, scores, highlights and "via", in order.
fn assert_same(query: &str, scope: &Scope, fast: &[Hit], slow: &[Hit]) {
    assert_eq!(fast.len(), slow.len(), "{query:?} in {scope:?}: hit counts");
    for (rank, (f, s)) in fast.iter().zip(slow).enumerate().take(200) {
        assert_eq!(f, s, "{query:?} in {scope:?}: rank {rank}");
    }
    let (f, s): (Vec<_>, Vec<_>) = fast
        .iter()
        .zip(slow)
        .map(|(f, s)| (f.target, s.target))
        .unzip();
    assert_eq!(f, s, "{query:?} in {scope:?}: order");
}

const QUERIES: &[&str] = &[
    "hoh",
    "呼和",
    "hhht",
    "kidney",
    "ESWL",
    "zzqqxxjj",
    "people hosp",
    "Central",
    "^bei",
    "'dental",
    "clinic$",
    "hosp !clinic",
    "5010",
    "+86 10",
    // Digits across a space of the number as shown: only its digits match.
    "'3115",
    "862950",
    "口腔",
    "kouqiang",
    "switchboard tcm",
    "urumqi",
    "wulumuqi",
    "xiamen",
    // Numbers as people type them: trunk 0, brackets, dashes, +86 and 0086.
    "010 50-1",
    "(010) 501-",
    "+86 10 5",
    "0086 10 5",
    "5054",
    // Misspelt, scattered within a word, across words, and across many.
    "cardiolgy",
    "hsptl",
    "dongchengbranch",
    "ahpdb",
    "东城医院",
    "beijing !cardio",
];

#[test]
fn global_search_matches_the_brute_force_scorer() {
    let dir = &fixture().directory;
    let index = Index::new(dir);
    let reference = brute::Reference::new(dir);
    let prefer = dir
        .cities
        .iter()
        .position(|c| c.id.as_str() == "beijing-xincheng");
    assert!(prefer.is_some());
    let mut classes = std::collections::BTreeSet::new();
    for (query, prefer) in QUERIES.iter().flat_map(|q| [(q, None), (q, prefer)]) {
        let scope = Scope::Global { prefer };
        let fast = index.query(query, &scope);
        assert_same(query, &scope, &fast, &reference.query(query, &scope));
        classes.extend(fast.iter().map(|h| h.score >> 30));
        if query.starts_with(['0', '(', '+']) {
            assert!(!fast.is_empty(), "{query:?} finds numbers");
        }
    }
    // Precise, in one word and scattered matches are all compared.
    assert_eq!(classes.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
}

#[test]
fn typing_a_word_narrows_to_the_same_results() {
    let dir = &fixture().directory;
    let index = Index::new(dir);
    let reference = brute::Reference::new(dir);
    let city = dir
        .cities
        .iter()
        .position(|c| c.id.as_str() == "beijing-xincheng");
    for scope in [
        Scope::Global { prefer: city },
        Scope::Facilities { city: None },
        Scope::Facilities { city },
    ] {
        for word in ["cardiolo", "huhehaote", "心血管", "hosp cent", "010 6"] {
            let mut typed = String::new();
            for c in word.chars() {
                typed.push(c);
                let fast = index.query(&typed, &scope);
                assert_same(&typed, &scope, &fast, &reference.query(&typed, &scope));
            }
            // Backspace and a different branch must not reuse stale matches.
            typed.pop();
            typed.push('x');
            assert_same(
                &typed,
                &scope,
                &index.query(&typed, &scope),
                &reference.query(&typed, &scope),
            );
        }
    }
}

#[test]
fn rank_and_hit_agree_with_query() {
    let dir = &fixture().directory;
    let index = Index::new(dir);
    for query in [
        "hoh",
        "cardiolo",
        "people hosp",
        "hosp !clinic",
        "口腔",
        "5010",
    ] {
        for scope in [
            Scope::Global { prefer: None },
            Scope::Facilities { city: None },
        ] {
            let hits = index.query(query, &scope);
            let ranked = index.rank(query, &scope);
            let expected: Vec<_> = hits.iter().map(|h| (h.target, h.score)).collect();
            assert_eq!(ranked, expected, "{query:?} in {scope:?}");
            for hit in hits.iter().take(50) {
                assert_eq!(
                    index.hit(query, hit.target).as_ref(),
                    Some(hit),
                    "{query:?}"
                );
            }
        }
    }
}

#[test]
fn the_background_searcher_returns_the_newest_query() {
    let dir = &fixture().directory;
    let index = Arc::new(Index::new(dir));
    let reference = brute::Reference::new(dir);
    let searcher = Searcher::with_inline_records(Arc::clone(&index), 0);
    let request = |query: &str| Request {
        query: query.to_string(),
        scope: Scope::Global { prefer: None },
    };
    for query in ["c", "ca", "car", "card"] {
        assert_eq!(
            searcher.ask(&request(query)),
            None,
            "{query} goes to the worker"
        );
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = None;
    while Instant::now() < deadline {
        match searcher.try_recv() {
            Some(answer) if answer.request.query == "card" => {
                last = Some(answer);
                break;
            }
            Some(_) => {}
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    let last = last.expect("the newest query is answered");
    assert!(!searcher.busy());
    let expected: Vec<_> = reference
        .query("card", &Scope::Global { prefer: None })
        .iter()
        .map(|h| h.target)
        .collect();
    assert_eq!(last.ranked, expected, "the ranking of \"card\"");
}
