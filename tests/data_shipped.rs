//! Checks on the data that actually ships (embedded in the binary and under
//! `data/`), against the research file `../shared/research/hospital-facts.md`.
//!
//! A wrong phone number in a medical directory can hurt someone, so these
//! tests pin down:
//! 1. the shipped data loads with no diagnostics at all;
//! 2. every seed place is present, in the right city, with its key facts;
//! 3. the Oasis 24-hour emergency number is there, official and dialable;
//! 4. no number the research labels unsafe ([UNVERIFIED-CODE], [DATED],
//!    "not confirmed", "Do not use", mock data, conflicting) appears in any
//!    string of any data file, and every shipped number appears in the
//!    research (nothing invented);
//! 5. every contact, address and facility is sourced and dated.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use careguide::data::{self, DataSource, Loaded};
use careguide::model::{Confidence, Directory, Kind, Source};

// ---------------------------------------------------------------------------
// The numbers that must never ship.
// ---------------------------------------------------------------------------

/// Every number in sections 1-7 of the research file labelled
/// [UNVERIFIED-CODE] or [DATED], or marked "not confirmed", "Do not use" or
/// mock data: `(number exactly as written in the research file, label)`.
/// The facility each belongs to is in the comment above it.
const FORBIDDEN: &[(&str, &str)] = &[
    // 1.1 Hohhot First Hospital (app sample code)
    ("0471-5281777", "[UNVERIFIED-CODE]"),
    // 1.2 IMPH: conflicting number, uni-app mock data only, "Do not use."
    ("0471-3283999", "mock data, Do not use"),
    // 1.3 Affiliated Hospital of Inner Mongolia Medical University (app seed list)
    ("0471-3451021", "[UNVERIFIED-CODE]"),
    // 1.3 Affiliated Hospital of Inner Mongolia Medical University (mock data)
    ("0471-3451120", "[UNVERIFIED-CODE] mock data"),
    // 1.9 Hospital of Inner Mongolia First Machinery Group, Baotou
    ("+86-472-3118-163", "[SINGLE][DATED 2015]"),
    // 2.1 Oasis International Hospital: office
    ("+86 10 5985 0361", "not confirmed"),
    // 2.1 Oasis International Hospital: mobile
    ("+86 138 10700199", "not confirmed"),
    // 2.2 Beijing United Family Hospital: old main line
    ("+86-10-6433 3960", "[DATED]"),
    // 2.2 Beijing United Family Hospital: old emergency hotline
    ("+86-10-6433 2345", "[DATED]"),
    // 2.2 Beijing United Family Hospital: group hotline, confirmed only for
    // UFH Tianjin ("Beijing use is not confirmed")
    ("4008-919191", "not confirmed (Beijing)"),
    // 2.3 PUMCH: old number on a page using the old pumch.ac.cn domain
    ("6529 6114", "[DATED]"),
    // 2.4 China-Japan Friendship Hospital
    ("6422 2952", "[SINGLE][DATED]"),
    // 2.4 International SOS / Raffles Medical: 24-hour Assistance/Alarm Centre
    ("(86)(10) 6462-9100", "[AGREE-2][DATED]"),
    // 2.4 Bayley & Jackson Beijing Medical Center
    ("(86)(10) 8562-9998", "[SINGLE][DATED]"),
    // 3.4 Zhangjiakou Foreign Affairs Office (not a medical line)
    ("0313-2015646", "[DATED]"),
    // 5.2 Ningbo Women and Children's Hospital: switchboard
    ("0574-87083300", "[SINGLE][DATED 2018]"),
    // 5.2 Ningbo First Hospital (app seed list)
    ("0574-87085555", "[UNVERIFIED-CODE]"),
];

/// Numbers left out because the sources conflict, with their own label.
const LEFT_OUT_FOR_CONFLICT: &[(&str, &str)] = &[
    // 1.3 Affiliated Hospital of Inner Mongolia Medical University: enquiries
    // (咨询); conflicts with 0471-3451021 and 0471-3451120, none verified
    ("0471-6636126", "[SINGLE]"),
    // 2.2 Beijing United Family Hospital: main line; "BJU main-line conflict:
    // 5927-7000 vs the older 6433 numbers" (Confidence and gaps)
    ("+86-10 5927-7000", "[SINGLE]"),
];

/// Numbers the research deliberately left out of the directory.
const EXCLUDED_BY_RESEARCH: &[(&str, &str)] = &[
    // Section 7: 12308, China's consular line for Chinese citizens, "not
    // included" (not a local emergency service)
    (
        "12308",
        "not included (consular line, not an emergency service)",
    ),
];

/// Every forbidden number with the name of its list.
fn all_forbidden() -> Vec<(&'static str, &'static str, &'static str)> {
    let lists = [
        ("forbidden", FORBIDDEN),
        ("left out for conflict", LEFT_OUT_FOR_CONFLICT),
        ("excluded by the research", EXCLUDED_BY_RESEARCH),
    ];
    lists
        .iter()
        .flat_map(|(list, entries)| entries.iter().map(move |(n, label)| (*n, *label, *list)))
        .collect()
}

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

/// Addresses the research found only in app sample, seed or mock data
/// (fragments, matched inside the address text).
const UNVERIFIED_ADDRESSES: &[&str] = &[
    // 1.1 Hohhot First Hospital [UNVERIFIED-CODE]
    "南二环玉泉区150号",
    // 1.3 IMMU affiliated hospital, mock data only
    "通道北路1号",
    // 2.3 PUMCH, seed list only, not confirmed elsewhere
    "东单北大街53号",
    // 3.1 Zhangjiakou First Hospital, mock volunteer SQL [UNVERIFIED-CODE]
    "礼拜寺巷6号",
    // 3.2 Hebei North University First Affiliated Hospital [UNVERIFIED-CODE]
    "长青路12号",
    // 5.2 Ningbo First Hospital [UNVERIFIED-CODE]
    "柳汀街59号",
];

/// Websites the research found only in app code, or marked NOT official.
const UNVERIFIED_WEBSITES: &[&str] = &[
    // 1.1 registered to private individuals: NOT official
    "nmgpfbyy.com",
    "hhhtzxmr.com",
    // 1.2 IMPH [UNVERIFIED-CODE]
    "nmgyy.cn",
    // 1.3 IMMU affiliated hospital [UNVERIFIED-CODE]
    "nmgfy.com",
    // 3.3 PLA No. 251 Hospital [UNVERIFIED-CODE]
    "251yy.com.cn",
    // 3.4 other Zhangjiakou institutions [UNVERIFIED-CODE]
    "zjksfybjy.com",
    "deyy.zjknews.com",
    "eye123.com",
    // 5.2 Ningbo First Hospital [UNVERIFIED-CODE]
    "nbdyyy.com",
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

fn research_path() -> PathBuf {
    manifest_dir().join("../shared/research/hospital-facts.md")
}

fn research_text() -> String {
    let path = research_path();
    fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the research file {}: {e}", path.display()))
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

/// An ASCII or full-width digit as ASCII.
fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        Some(c)
    } else if ('０'..='９').contains(&c) {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32)
    } else {
        None
    }
}

fn digits(text: &str) -> String {
    text.chars().filter_map(ascii_digit).collect()
}

/// The national digits of a number: non-digits dropped, then an international
/// prefix `00`, the country code `86` and the trunk prefix `0` stripped, so
/// "0471-5281777", "+86-471-528-1777" and "471 528 1777" all give
/// "4715281777". Short and local numbers keep their digits.
fn normalise(number: &str) -> String {
    let all = digits(number);
    let mut rest = all.as_str();
    if let Some(r) = rest.strip_prefix("00") {
        rest = r;
    }
    if let Some(r) = rest.strip_prefix("86")
        && r.len() >= 9
    {
        rest = r;
    }
    rest.trim_start_matches('0').to_string()
}

/// The subscriber part of a geographic national number (area code dropped),
/// so a number written without its area code is caught too. `None` for
/// mobiles, 400/800 numbers and numbers that are already local.
fn subscriber(national: &str) -> Option<&str> {
    if national.len() < 9
        || national.starts_with("400")
        || national.starts_with("800")
        || (national.starts_with('1') && !national.starts_with("10"))
    {
        return None;
    }
    let area = if national.starts_with("10") || national.starts_with('2') {
        2
    } else {
        3
    };
    let rest = &national[area..];
    (rest.len() >= 7).then_some(rest)
}

/// The maximal runs of a text made of digits and the separators people put
/// inside phone numbers (space, `-`, `+`, `(`, `)`), as digit strings.
fn number_runs(text: &str) -> Vec<String> {
    text.split(|c: char| ascii_digit(c).is_none() && !" -+()".contains(c))
        .map(digits)
        .filter(|d| !d.is_empty())
        .collect()
}

/// One string literal of a data file.
struct Literal {
    line: usize,
    text: String,
}

/// The string literals of a RON text, escapes decoded; comments skipped.
fn string_literals(text: &str) -> Vec<Literal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == 'r'
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
            && matches!(chars.get(i + 1), Some('"' | '#'))
        {
            // Raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let start_line = line;
            let mut s = String::new();
            j += 1;
            while j < chars.len() && !at(j, &close) {
                if chars[j] == '\n' {
                    line += 1;
                }
                s.push(chars[j]);
                j += 1;
            }
            out.push(Literal {
                line: start_line,
                text: s,
            });
            i = j + close.chars().count();
        } else if c == '"' || c == '\'' {
            let quote = c;
            let start_line = line;
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != quote {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                    match chars[i] {
                        'n' => s.push('\n'),
                        't' => s.push('\t'),
                        'r' => s.push('\r'),
                        '0' => s.push('\0'),
                        'u' if chars.get(i + 1) == Some(&'{') => {
                            let end = (i + 2..chars.len())
                                .find(|&k| chars[k] == '}')
                                .unwrap_or(chars.len());
                            let hex: String = chars[i + 2..end].iter().collect();
                            if let Some(ch) =
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                            {
                                s.push(ch);
                            }
                            i = end;
                        }
                        'x' => {
                            let hex: String =
                                chars[i + 1..(i + 3).min(chars.len())].iter().collect();
                            if let Some(ch) =
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                            {
                                s.push(ch);
                            }
                            i += 2;
                        }
                        '\n' => line += 1,
                        other => s.push(other),
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    s.push(chars[i]);
                }
                i += 1;
            }
            i += 1;
            if quote == '"' {
                out.push(Literal {
                    line: start_line,
                    text: s,
                });
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Every file under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let entries = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read directory {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The text pieces of a data file to scan: string literals for RON files,
/// every line for anything else.
fn scannable(path: &str, text: &str) -> Vec<Literal> {
    if path.ends_with(".ron") {
        string_literals(text)
    } else {
        text.lines()
            .enumerate()
            .map(|(n, l)| Literal {
                line: n + 1,
                text: l.to_string(),
            })
            .collect()
    }
}

/// Whether `text` holds the forbidden number `national`: its digits (or, for
/// a geographic number, its subscriber digits) inside the digits of the text;
/// a short number must be a whole digit group.
fn holds(text: &str, national: &str) -> Option<&'static str> {
    if national.len() < 7 {
        let groups: Vec<String> = text
            .split(|c: char| ascii_digit(c).is_none())
            .map(digits)
            .collect();
        return groups
            .iter()
            .any(|g| normalise(g) == national)
            .then_some("as a whole number");
    }
    let all = digits(text);
    if all.contains(national) {
        Some("with its area code")
    } else if subscriber(national).is_some_and(|s| all.contains(s)) {
        Some("as its subscriber number (area code dropped)")
    } else {
        None
    }
}

/// Violations of the forbidden lists in one file's text.
/// `shown` names the file in messages; `path` decides how it is scanned.
fn forbidden_in_text(shown: &str, path: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for literal in scannable(path, text) {
        for (written, label, list) in all_forbidden() {
            let national = normalise(written);
            if let Some(how) = holds(&literal.text, &national) {
                found.push(format!(
                    "{shown}:{}: {written} {label} ({list} list, digits {national}) appears {how} in {:?}",
                    literal.line, literal.text
                ));
            }
        }
    }
    found
}

fn render(loaded: &Loaded) -> String {
    format!("{}\n{}", loaded.summary(), loaded.render_diagnostics())
}

/// A key under which two sources count as one: the domain of a URL (two
/// pages of one site are not independent), else the description itself.
fn source_key(source: &Source) -> String {
    source
        .domain()
        .unwrap_or_else(|| source.as_str().trim().to_lowercase())
}

fn is_url(source: &Source) -> bool {
    let s = source.as_str();
    (s.starts_with("http://") || s.starts_with("https://")) && source.domain().is_some()
}

/// Every phone number of a directory with where it is: `(place, display, e164)`.
fn shipped_numbers(directory: &Directory) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in &directory.facilities {
        for c in &f.contacts {
            out.push((
                format!(
                    "facility {} contact {:?} ({}:{})",
                    f.id, c.role, &*c.origin.file, c.origin.line
                ),
                c.phone.display.to_string(),
                c.phone.e164.to_string(),
            ));
        }
    }
    for e in &directory.emergency {
        out.push((
            format!("nationwide emergency number {:?}", e.label),
            e.number.display.to_string(),
            e.number.e164.to_string(),
        ));
    }
    for city in &directory.cities {
        for e in &city.emergency {
            out.push((
                format!("city {} emergency number {:?}", city.id, e.label),
                e.number.display.to_string(),
                e.number.e164.to_string(),
            ));
        }
    }
    out
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
// 4. Forbidden numbers, and nothing invented.
// ---------------------------------------------------------------------------

/// The research file, sections 1-7: `(line number, text)`.
fn research_sections_1_to_7(research: &str) -> Vec<(usize, &str)> {
    let lines: Vec<(usize, &str)> = research
        .lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l))
        .collect();
    let start = lines
        .iter()
        .position(|(_, l)| l.starts_with("## 1."))
        .expect("the research file has a section '## 1.'");
    let end = lines
        .iter()
        .position(|(_, l)| l.starts_with("## 8."))
        .expect("the research file has a section '## 8.'");
    lines[start..end].to_vec()
}

/// Digit runs of 7+ digits in the research's Sources index: GitHub file ids
/// and URL parts, which are not phone numbers.
fn research_file_ids(research: &str) -> BTreeSet<String> {
    let index = research
        .find("## Sources index")
        .expect("the research file has a '## Sources index'");
    research[index..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() >= 7)
        .map(str::to_string)
        .collect()
}

const UNSAFE_MARKERS: &[&str] = &[
    "[unverified",
    "[dated",
    "not confirmed",
    "do not use",
    "do not show",
    "mock",
    "conflict",
    "not usable",
    "superseded",
    "outdated",
];

#[test]
fn forbidden_table_is_complete_and_matches_the_research() {
    let research = research_text();
    // Every entry is written exactly as in the research file.
    for (written, label, list) in all_forbidden() {
        assert!(
            research.contains(written),
            "{written} {label} ({list} list) is not written like that in {}",
            research_path().display()
        );
    }
    // Every 7+-digit number in sections 1-7 whose bullet, sub-bullets or
    // parent bullets carry an unsafe marker is in one of the lists.
    let lines = research_sections_1_to_7(&research);
    let ids = research_file_ids(&research);
    let listed: Vec<String> = all_forbidden()
        .iter()
        .map(|(w, _, _)| normalise(w))
        .collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut missing = Vec::new();
    for (i, (line_no, line)) in lines.iter().enumerate() {
        let tokens: Vec<String> = number_runs(line)
            .into_iter()
            .map(|d| normalise(&d))
            .filter(|d| d.len() >= 7 && !ids.contains(d))
            .collect();
        if tokens.is_empty() {
            continue;
        }
        let mut context = vec![*line];
        let own = indent(line);
        context.extend(
            lines[i + 1..]
                .iter()
                .take_while(|(_, l)| !l.trim().is_empty() && indent(l) > own)
                .map(|(_, l)| *l),
        );
        let mut level = own;
        for (_, l) in lines[..i].iter().rev() {
            if level == 0 || l.trim().is_empty() || l.trim_start().starts_with('#') {
                break;
            }
            if indent(l) < level {
                context.push(l);
                level = indent(l);
            }
        }
        let context = context.join("\n").to_lowercase();
        let Some(marker) = UNSAFE_MARKERS.iter().find(|m| context.contains(*m)) else {
            continue;
        };
        for token in tokens {
            if !listed
                .iter()
                .any(|n| token.contains(n.as_str()) || n.contains(token.as_str()))
            {
                missing.push(format!(
                    "hospital-facts.md:{line_no}: number {token} (marked {marker:?}) is in no forbidden list: {}",
                    line.trim()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to FORBIDDEN or LEFT_OUT_FOR_CONFLICT in tests/data_shipped.rs:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_forbidden_number_in_any_data_file() {
    let root = manifest_dir();
    let files = files_under(&data_dir());
    assert!(!files.is_empty(), "no files under data/");
    let mut found = Vec::new();
    for file in &files {
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
        let path = format!("data/{path}");
        found.extend(forbidden_in_text(
            &format!("{path} (embedded)"),
            &path,
            &String::from_utf8_lossy(bytes),
        ));
    }
    assert!(
        found.is_empty(),
        "forbidden numbers in the shipped data:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_forbidden_number_in_the_loaded_directory() {
    for (name, loaded) in both_loads() {
        let mut found = Vec::new();
        for (place, display, e164) in shipped_numbers(&loaded.directory) {
            let shipped = normalise(&e164);
            for (written, label, list) in all_forbidden() {
                let national = normalise(written);
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
fn every_shipped_number_appears_in_the_research() {
    let research = research_text();
    let runs = number_runs(&research);
    let tokens: BTreeSet<String> = runs
        .iter()
        .flat_map(|d| [d.clone(), normalise(d)])
        .collect();
    for (name, loaded) in both_loads() {
        let mut invented = Vec::new();
        for (place, display, e164) in shipped_numbers(&loaded.directory) {
            let shipped = normalise(&e164);
            let found = if shipped.len() < 7 {
                tokens.contains(&shipped)
            } else {
                tokens.iter().any(|t| t.contains(&shipped))
                    || subscriber(&shipped).is_some_and(|s| tokens.iter().any(|t| t.starts_with(s)))
            };
            if !found {
                invented.push(format!(
                    "{place}: {display} (digits {shipped}) is not in the research file"
                ));
            }
        }
        assert!(
            invented.is_empty(),
            "{name}: numbers not found in {}:\n{}",
            research_path().display(),
            invented.join("\n")
        );
    }
}

#[test]
fn no_unverified_address_or_website_is_shipped() {
    for (name, loaded) in both_loads() {
        let mut found = Vec::new();
        for f in &loaded.directory.facilities {
            if let Some(a) = f.address.as_ref() {
                for text in [a.en.as_deref(), a.zh.as_deref()].into_iter().flatten() {
                    for bad in UNVERIFIED_ADDRESSES {
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
                for bad in UNVERIFIED_WEBSITES {
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

fn check_sources(
    what: &str,
    confidence: Confidence,
    sources: &[Source],
    problems: &mut Vec<String>,
) {
    if sources.is_empty() {
        problems.push(format!("{what} has no source"));
    }
    for s in sources {
        if s.as_str().trim().is_empty() {
            problems.push(format!("{what} has a blank source"));
        }
    }
    let distinct: BTreeSet<String> = sources.iter().map(source_key).collect();
    if confidence == Confidence::Corroborated && distinct.len() < 2 {
        problems.push(format!(
            "{what} is Corroborated but has {} distinct source(s) (by domain): {:?}",
            distinct.len(),
            sources.iter().map(Source::as_str).collect::<Vec<_>>()
        ));
    }
    if confidence == Confidence::Official && !sources.iter().any(is_url) {
        problems.push(format!(
            "{what} is Official but has no web page as a source: {:?}",
            sources.iter().map(Source::as_str).collect::<Vec<_>>()
        ));
    }
}

#[test]
fn every_fact_is_sourced_and_every_facility_verified() {
    // One day of slack for time zones.
    let latest = today() + chrono::Days::new(1);
    for (name, loaded) in both_loads() {
        let d = &loaded.directory;
        let mut problems = Vec::new();
        for f in &d.facilities {
            let at = format!("facility {} ({}:{})", f.id, &*f.origin.file, f.origin.line);
            if f.sources.is_empty() || f.sources.iter().any(|s| s.as_str().trim().is_empty()) {
                problems.push(format!("{at} has no source (or a blank one)"));
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
        let cities = d.cities.iter().flat_map(|c| c.emergency.iter());
        for e in d.emergency.iter().chain(cities) {
            if e.sources.is_empty() {
                problems.push(format!(
                    "emergency number {} has no source",
                    e.number.display
                ));
            }
        }
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}
