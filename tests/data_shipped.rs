//! Checks on the data that actually ships (embedded in the binary and under
//! `data/`), against the ledger of values that must never ship
//! (`data/rejected.ron`); `tests/research.rs` checks that ledger and the
//! shipped numbers against the research notes, where they are.
//!
//! A wrong phone number in a medical directory can hurt someone, so these
//! tests pin down:
//! 1. the shipped data loads with no diagnostics at all;
//! 2. every seed place is present, in the right city, with its key facts;
//! 3. the Oasis 24-hour emergency number is there, official and dialable;
//! 4. no number, address, name or other value the ledger withholds appears
//!    in any string of any data file (the ledger itself aside), and no
//!    such number, address or website in the loaded directory;
//! 5. every contact, address and facility is sourced and dated, and every
//!    badge agrees with the kinds and publishers of its sources.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use careguide::data::rejected::TextKind;
use careguide::data::{self, DataSource, Loaded};
use careguide::model::{Confidence, Kind, Source, SourceKind};
use support::numbers::{
    all_forbidden, files_under, forbidden_in_text, forbidden_texts, normalise, shipped_numbers,
    subscriber,
};

/// Facility ids that must ship, with the city each belongs to.
const SEED_PLACES: &[(&str, &str)] = &[
    ("hohhot-first-hospital", "hohhot"),
    ("hospital-356", "hohhot"),
    ("hospital-253", "hohhot"),
    ("imph", "hohhot"),
    ("immu-affiliated", "hohhot"),
    ("im-mongolian-medicine", "hohhot"),
    ("qingshuihe-county-hospital", "hohhot"),
    ("oasis-international", "beijing"),
    ("beijing-united-family", "beijing"),
    ("pumch", "beijing"),
    ("zhangjiakou-first-hospital", "zhangjiakou"),
    ("hebei-north-first-affiliated", "zhangjiakou"),
    ("huashan", "shanghai"),
    ("shanghai-childrens", "shanghai"),
    ("ningbo-cloud-hospital", "ningbo"),
    ("ping-an-good-doctor", "nationwide"),
    ("chunyu-yisheng", "nationwide"),
    ("haodf", "nationwide"),
    ("dxy", "nationwide"),
    ("wechat-booking", "nationwide"),
];

const ONLINE_SERVICES: &[&str] = &[
    "ping-an-good-doctor",
    "chunyu-yisheng",
    "haodf",
    "dxy",
    "wechat-booking",
];

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn data_dir() -> PathBuf {
    manifest_dir().join("data")
}

fn load_embedded() -> Loaded {
    data::load(&DataSource::Embedded).expect("the embedded data must load")
}

fn load_dir() -> Loaded {
    let dir = data_dir();
    data::load(&DataSource::Dir(dir.clone()))
        .unwrap_or_else(|e| panic!("loading {} failed: {e}", dir.display()))
}

/// Both loads, named for messages.
fn both_loads() -> [(&'static str, Loaded); 2] {
    [
        ("embedded data", load_embedded()),
        ("data/ on disk", load_dir()),
    ]
}

fn render(loaded: &Loaded) -> String {
    format!("{}\n{}", loaded.summary(), loaded.render_diagnostics())
}

// ---------------------------------------------------------------------------
// 1. The data loads cleanly.
// ---------------------------------------------------------------------------

#[test]
fn shipped_data_loads_with_no_errors_and_no_warnings() {
    for (name, loaded) in both_loads() {
        assert_eq!(
            loaded.error_count(),
            0,
            "{name}: errors in the shipped data:\n{}",
            render(&loaded)
        );
        assert_eq!(
            loaded.warning_count(),
            0,
            "{name}: warnings in the shipped data:\n{}",
            render(&loaded)
        );
        assert!(
            loaded.diagnostics.is_empty(),
            "{name}: diagnostics in the shipped data:\n{}",
            render(&loaded)
        );
        assert!(
            !loaded.directory.facilities.is_empty(),
            "{name}: no facilities loaded: {}",
            loaded.summary()
        );
    }
}

#[test]
fn embedded_data_is_the_data_on_disk() {
    let embedded = load_embedded();
    let disk = load_dir();
    let ids = |l: &Loaded| -> Vec<String> {
        l.directory
            .facilities
            .iter()
            .map(|f| f.id.to_string())
            .collect()
    };
    assert_eq!(
        ids(&embedded),
        ids(&disk),
        "the embedded facilities differ from data/ (rebuild needed?)"
    );
    assert_eq!(
        shipped_numbers(&embedded.directory)
            .into_iter()
            .map(|(_, d, _)| d)
            .collect::<Vec<_>>(),
        shipped_numbers(&disk.directory)
            .into_iter()
            .map(|(_, d, _)| d)
            .collect::<Vec<_>>(),
        "the embedded phone numbers differ from data/ (rebuild needed?)"
    );
}

// ---------------------------------------------------------------------------
// 2. The seed places.
// ---------------------------------------------------------------------------

#[test]
fn every_seed_place_is_present_in_its_city() {
    for (name, loaded) in both_loads() {
        let d = &loaded.directory;
        let mut problems = Vec::new();
        for (id, city) in SEED_PLACES {
            let Some(index) = d.facilities.iter().position(|f| f.id.as_str() == *id) else {
                problems.push(format!("facility {id} is missing"));
                continue;
            };
            let f = &d.facilities[index];
            let home = d.city_of(f);
            if home.id.as_str() != *city {
                problems.push(format!(
                    "facility {id} is linked to city {}, expected {city}",
                    home.id
                ));
            }
            match d.city(city) {
                None => problems.push(format!("city {city} (of facility {id}) is missing")),
                Some(c) if !c.facilities.contains(&index) => {
                    problems.push(format!("city {city} does not list facility {id}"))
                }
                Some(_) => {}
            }
        }
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

#[test]
fn seed_places_have_their_key_facts() {
    let links = [
        ("hospital-356", "urology"),
        ("hospital-253", "plastic-surgery"),
    ];
    let mut kinds = vec![("qingshuihe-county-hospital", Kind::CountyHospital)];
    kinds.extend(ONLINE_SERVICES.iter().map(|id| (*id, Kind::Online)));
    for (name, loaded) in both_loads() {
        let d = &loaded.directory;
        let mut problems = Vec::new();
        for (id, specialty) in links {
            let Some(f) = d.facility(id) else {
                problems.push(format!("facility {id} is missing"));
                continue;
            };
            if d.specialty(specialty).is_none() {
                problems.push(format!("specialty {specialty} is not defined"));
            }
            let linked: Vec<&str> = f
                .specialties
                .iter()
                .filter_map(|s| d.specialties.get(s.index))
                .map(|s| s.id.as_str())
                .collect();
            if linked.len() != f.specialties.len() {
                problems.push(format!(
                    "facility {id} links to a specialty that is not defined"
                ));
            }
            if !linked.contains(&specialty) {
                problems.push(format!(
                    "facility {id} is not linked to specialty {specialty}; it has {linked:?}"
                ));
            }
        }
        for (id, kind) in &kinds {
            match d.facility(id) {
                None => problems.push(format!("facility {id} is missing")),
                Some(f) if f.kind != *kind => problems.push(format!(
                    "facility {id} has kind {:?}, expected {kind:?}",
                    f.kind
                )),
                Some(_) => {}
            }
        }
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

// ---------------------------------------------------------------------------
// 3. The Oasis 24-hour emergency number.
// ---------------------------------------------------------------------------

#[test]
fn oasis_emergency_number_is_official_and_dialable() {
    for (name, loaded) in both_loads() {
        let oasis = loaded
            .directory
            .facility("oasis-international")
            .unwrap_or_else(|| panic!("{name}: facility oasis-international is missing"));
        let contact = oasis
            .contacts
            .iter()
            .find(|c| c.phone.display == "+86 10 5985 0333")
            .unwrap_or_else(|| {
                panic!(
                    "{name}: oasis-international has no contact +86 10 5985 0333; it has {:?}",
                    oasis
                        .contacts
                        .iter()
                        .map(|c| c.phone.display.as_str())
                        .collect::<Vec<_>>()
                )
            });
        assert_eq!(
            contact.confidence,
            Confidence::Official,
            "{name}: Oasis +86 10 5985 0333 has confidence {:?}, expected Official",
            contact.confidence
        );
        assert_eq!(
            contact.phone.tel_uri(),
            "tel:+861059850333",
            "{name}: Oasis +86 10 5985 0333 dials the wrong URI"
        );
        assert!(
            contact.role.to_lowercase().contains("emergency"),
            "{name}: Oasis +86 10 5985 0333 has role {:?}, which does not say emergency",
            contact.role
        );
    }
}

// ---------------------------------------------------------------------------
// 4. Values that must never ship.
// ---------------------------------------------------------------------------

#[test]
fn no_rejected_value_in_any_data_file() {
    let root = manifest_dir();
    let files = files_under(&data_dir());
    assert!(!files.is_empty(), "no files under data/");
    let mut found = Vec::new();
    let ledger = data_dir().join("rejected.ron");
    for file in files.iter().filter(|f| **f != ledger) {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        let bytes = fs::read(file).unwrap_or_else(|e| panic!("cannot read {shown}: {e}"));
        found.extend(forbidden_in_text(
            &shown,
            &shown,
            &String::from_utf8_lossy(&bytes),
        ));
    }
    // The embedded copy too (it may be stale, or built from other files).
    // `Loaded::texts` holds only files with diagnostics: read the bytes.
    for (path, bytes) in data::load::embedded_files() {
        if path == "rejected.ron" {
            continue;
        }
        let path = format!("data/{path}");
        found.extend(forbidden_in_text(
            &format!("{path} (embedded)"),
            &path,
            &String::from_utf8_lossy(bytes),
        ));
    }
    assert!(
        found.is_empty(),
        "forbidden values in the shipped data:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_rejected_number_in_the_loaded_directory() {
    for (name, loaded) in both_loads() {
        let mut found = Vec::new();
        for (place, display, e164) in shipped_numbers(&loaded.directory) {
            let shipped = normalise(&e164);
            for (written, label, list) in all_forbidden() {
                let national = normalise(&written);
                let hit = if national.len() < 7 || shipped.len() < 7 {
                    shipped == national
                } else {
                    shipped.contains(&national)
                        || subscriber(&national).is_some_and(|s| shipped.ends_with(s))
                };
                if hit {
                    found.push(format!(
                        "{place}: {display} is {written} {label} ({list} list)"
                    ));
                }
            }
        }
        assert!(
            found.is_empty(),
            "{name}: forbidden numbers shipped:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn the_string_scanner_finds_numbers_in_every_written_form() {
    // The scan above must not pass only because it cannot see anything.
    let text = r##"// 0471-5281777 in a comment is fine
        ( a: "+86-471-528-1777", b: "Tel 471 528 1777 (old)", c: r#"0471 5281777"#, d: "６４３３ ３９６０", e: "12308" )"##;
    let found = forbidden_in_text("sample.ron", "sample.ron", text);
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(
        found[0].starts_with("sample.ron:2: 0471-5281777"),
        "{found:#?}"
    );
    assert!(
        forbidden_in_text(
            "ok.ron",
            "ok.ron",
            r#"( a: "+86 10 5985 0333", b: "123080" )"#
        )
        .is_empty()
    );
    // Names and other fragments the ledger holds, in any string.
    let found = forbidden_in_text(
        "sample.ron",
        "sample.ron",
        r#"( name_zh: "北京明德医院", note: "prepay approximately RMB300" )"#,
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    for form in [
        "0471-5281777",
        "+86-471-528-1777",
        "471 528 1777",
        "0086 471 5281777",
    ] {
        assert_eq!(normalise(form), "4715281777", "{form}");
    }
}

#[test]
fn no_rejected_address_or_website_is_shipped() {
    let addresses = forbidden_texts(TextKind::Address);
    let websites = forbidden_texts(TextKind::Website);
    assert!(!addresses.is_empty() && !websites.is_empty());
    for (name, loaded) in both_loads() {
        let mut found = Vec::new();
        for f in &loaded.directory.facilities {
            if let Some(a) = f.address.as_ref() {
                for text in [a.en.as_deref(), a.zh.as_deref()].into_iter().flatten() {
                    for bad in &addresses {
                        if text.contains(bad) {
                            found.push(format!(
                                "facility {} ({}): address {text:?} contains unverified {bad:?}",
                                f.id, &*f.origin.file
                            ));
                        }
                    }
                }
            }
            if let Some(site) = f.website.as_deref() {
                for bad in &websites {
                    if site.to_lowercase().contains(bad) {
                        found.push(format!(
                            "facility {} ({}): website {site:?} is unverified or not official ({bad})",
                            f.id, &*f.origin.file
                        ));
                    }
                }
            }
        }
        assert!(found.is_empty(), "{name}:\n{}", found.join("\n"));
    }
}

// ---------------------------------------------------------------------------
// 5. Sources and verified dates.
// ---------------------------------------------------------------------------

/// Today as a date, from the system clock (chrono's clock feature is off).
fn today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs();
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")
        + chrono::Days::new(secs / 86_400)
}

/// The badge of a phone number or an address against the sources it cites,
/// judged here independently of `check`: `Official` needs the institution's
/// own site (a source of kind official), `Corroborated` two publishers (two
/// pages of one publisher are not independent), and nothing rests on app
/// code alone.
fn check_sources(
    what: &str,
    confidence: Confidence,
    sources: &[std::sync::Arc<Source>],
    problems: &mut Vec<String>,
) {
    if sources.is_empty() {
        problems.push(format!("{what} has no source"));
    }
    let cited = || {
        sources
            .iter()
            .map(|s| format!("{} ({:?}, {})", s.id, s.kind, s.publisher))
            .collect::<Vec<_>>()
    };
    let publishers: BTreeSet<&str> = sources.iter().map(|s| s.publisher.as_str()).collect();
    if confidence == Confidence::Corroborated && publishers.len() < 2 {
        problems.push(format!(
            "{what} is Corroborated but its sources have {} publisher(s): {:?}",
            publishers.len(),
            cited()
        ));
    }
    if confidence == Confidence::Official && !sources.iter().any(|s| s.kind == SourceKind::Official)
    {
        problems.push(format!(
            "{what} is Official but no source is the institution's own: {:?}",
            cited()
        ));
    }
    if sources.iter().all(|s| s.kind == SourceKind::AppCode) {
        problems.push(format!("{what} rests on app code alone: {:?}", cited()));
    }
}

#[test]
fn every_fact_is_sourced_its_badge_agrees_with_its_sources_and_every_facility_verified() {
    // One day of slack for time zones.
    let latest = today() + chrono::Days::new(1);
    for (name, loaded) in both_loads() {
        let d = &loaded.directory;
        let mut problems = Vec::new();
        for f in &d.facilities {
            let at = format!("facility {} ({}:{})", f.id, &*f.origin.file, f.origin.line);
            if f.sources.is_empty() {
                problems.push(format!("{at} has no source"));
            }
            match chrono::NaiveDate::parse_from_str(&f.verified, "%Y-%m-%d") {
                Ok(date) if f.verified.len() == 10 && date <= latest => {}
                Ok(date) if date > latest => problems.push(format!(
                    "{at} has a verified date in the future: {:?}",
                    f.verified
                )),
                _ => problems.push(format!(
                    "{at} has no valid verified date (YYYY-MM-DD): {:?}",
                    f.verified
                )),
            }
            for c in &f.contacts {
                check_sources(
                    &format!(
                        "{at} contact {} ({}:{})",
                        c.phone.display, &*c.origin.file, c.origin.line
                    ),
                    c.confidence,
                    &c.sources,
                    &mut problems,
                );
            }
            if let Some(a) = f.address.as_ref() {
                check_sources(
                    &format!("{at} address {:?}", a.preferred().unwrap_or("")),
                    a.confidence,
                    &a.sources,
                    &mut problems,
                );
            }
        }
        for p in &d.phrases {
            let what = format!("phrase {} ({})", p.zh, p.en);
            check_sources(&what, p.confidence, &p.sources, &mut problems);
        }
        for n in &d.tell_120 {
            if n.sources.is_empty() {
                problems.push(format!("what to tell 120 {:?} has no source", n.text));
            }
        }
        if d.phrases.is_empty() || d.tell_120.is_empty() {
            problems.push("the phrase card or what to tell 120 is empty".to_string());
        }
        let cities = d.cities.iter().flat_map(|c| c.emergency.iter());
        for e in d.emergency.iter().chain(cities) {
            // Emergency numbers carry no badge: judged as single-source.
            let what = format!("emergency number {}", e.number.display);
            check_sources(&what, Confidence::SingleSource, &e.sources, &mut problems);
        }
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

/// A number's note never takes back what its badge says: no "not
/// confirmed" beside `[official]` or `[corroborated]` (a caveat on a detail,
/// "ext. 2531 … (per one source)", is not that).
#[test]
fn no_note_contradicts_its_badge() {
    const DOUBT: &[&str] = &[
        "not confirmed",
        "unconfirmed",
        "could not be confirmed",
        "unverified",
        "not verified",
    ];
    for (name, loaded) in both_loads() {
        let mut problems = Vec::new();
        for f in &loaded.directory.facilities {
            for c in &f.contacts {
                let Some(note) = c.note.as_deref() else {
                    continue;
                };
                let lower = note.to_lowercase();
                if c.confidence != Confidence::SingleSource
                    && let Some(doubt) = DOUBT.iter().find(|d| lower.contains(*d))
                {
                    problems.push(format!(
                        "{} {} is {:?} but its note says {doubt:?}: {note}",
                        f.id, c.phone.display, c.confidence
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

/// The dialling form the card shows beside every number (derived from the
/// canonical form by a rule, to keep libphonenumber off the start-up path)
/// is libphonenumber's own national form, for every shipped number.
#[test]
fn every_shipped_number_is_dialled_in_china_as_libphonenumber_formats_it() {
    use rlibphonenumber::{PhoneNumberFormat, PhoneNumberUtil, Region};
    let loaded = data::load(&DataSource::Embedded).expect("loads");
    let dir = &loaded.directory;
    let util = PhoneNumberUtil::new().expect("metadata");
    let phones = (dir.facilities.iter())
        .flat_map(|f| f.contacts.iter().map(|c| &c.phone))
        .chain(dir.emergency.iter().map(|n| &n.number))
        .chain(
            dir.cities
                .iter()
                .flat_map(|c| c.emergency.iter().map(|n| &n.number)),
        );
    let mut checked = 0;
    for phone in phones {
        let ours = careguide::card::dialled_in_china(phone);
        if !phone.display.starts_with('+') {
            assert_eq!(
                ours.as_deref(),
                Some(phone.display.as_str()),
                "a short number"
            );
            continue;
        }
        let number = util
            .parse(&phone.display, Some(Region::CN))
            .expect("parses");
        let national = util.format(&number, PhoneNumberFormat::National);
        assert_eq!(
            ours.as_deref(),
            Some(national.as_ref()),
            "{}",
            phone.display
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked} numbers");
    // Kinds the shipped data has none of yet: a mobile, 800, 400 with 7 digits.
    for display in ["+86 138 0471 0000", "+86 800 810 8888", "+86 10 8888 8888"] {
        let number = util.parse(display, Some(Region::CN)).expect("parses");
        let phone = careguide::model::Phone {
            display: display.to_string(),
            e164: util.format(&number, PhoneNumberFormat::E164).into_owned(),
        };
        let national = util.format(&number, PhoneNumberFormat::National);
        let ours = careguide::card::dialled_in_china(&phone);
        assert_eq!(ours.as_deref(), Some(national.as_ref()), "{display}");
    }
}
