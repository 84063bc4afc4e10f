//! The deterministic synthetic directory: `generate(out, options)` writes
//! `sources.ron` (one synthetic source, which every record cites),
//! `specialties.ron` and `emergency.ron` (copies of the embedded ones, the
//! latter citing the synthetic source) and one RON file per synthetic city
//! under `cities/`, each under the loader's 4 MiB cap. Same options, same bytes. Every record, number and address is
//! made up and says so; numbers are +86 landlines of real area codes with
//! 8-digit local numbers starting 5–8, unique across the whole output.
//! Shared by `examples/gen`, `tests/generator.rs` and the benchmarks.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::tables::{self, CITIES, DISTRICTS, NamePattern, PATTERNS, STREETS, SURNAMES};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub facilities: usize,
    pub seed: u64,
    /// One line per facility instead of one per field, as an importer
    /// might write; the loader finds line numbers faster in short files.
    pub compact: bool,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub cities: usize,
    pub facilities: usize,
    pub contacts: usize,
    pub bytes: u64,
    pub largest_file: u64,
}

/// Facilities per city file (about 0.6 MB), like a district's share.
const PER_CITY: usize = 400;
/// The loader refuses larger files.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Date written into `verified`.
const VERIFIED: &str = "2026-11-22";
/// The id of the one source every synthetic record cites.
const SOURCE: &str = "synthetic-source";
/// The bibliography of a synthetic directory: that one source.
const SOURCES_FILE: &str = r#"// Written by careguide's generator (examples/gen): every record of this
// directory cites the one source below.
(
    sources: [
        (
            id: "synthetic-source",
            title: "Synthetic records written by careguide's generator: not a real source (the emergency numbers are copied from careguide's shipped data)",
            publisher: "careguide gen",
            kind: Dataset,
            reference: "examples/gen",
        ),
    ],
)
"#;
const SYNTHETIC_NOTE: &str =
    "SYNTHETIC benchmark record: this facility, its address and its numbers are made up.";
const NUMBER_NOTE: &str = "Synthetic number for benchmarks; do not call.";

/// SplitMix64: tiny, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// How many synthetic cities (district × real city) hold `facilities`.
pub fn city_count(facilities: usize) -> usize {
    let most = CITIES.len() * DISTRICTS.len();
    facilities
        .div_ceil(PER_CITY)
        .max(facilities.min(24))
        .clamp(1, most)
}

/// The synthetic city `k`: real city `k % CITIES`, district `k / CITIES`.
struct CitySpec {
    base: usize,
    district: usize,
}

impl CitySpec {
    fn new(k: usize) -> CitySpec {
        CitySpec {
            base: k % CITIES.len(),
            district: k / CITIES.len(),
        }
    }

    fn id(&self) -> String {
        format!(
            "{}-{}",
            CITIES[self.base].0,
            DISTRICTS[self.district].0.to_lowercase()
        )
    }
}

/// Writes the whole directory under `out`.
pub fn generate(out: &Path, options: &Options) -> io::Result<Summary> {
    refuse_repo_data(out)?;
    fs::create_dir_all(out.join("cities"))?;
    let mut summary = Summary::default();
    fs::write(out.join("sources.ron"), SOURCES_FILE)?;
    summary.bytes += SOURCES_FILE.len() as u64;
    for (name, bytes) in careguide::data::load::embedded_files() {
        let bytes = match name {
            "specialties.ron" => bytes.to_vec(),
            "emergency.ron" => cite_synthetic(&String::from_utf8_lossy(bytes)).into_bytes(),
            _ => continue,
        };
        fs::write(out.join(name), &bytes)?;
        summary.bytes += bytes.len() as u64;
    }
    let specialty_ids = specialty_ids();
    let cities = city_count(options.facilities);
    let formats: Vec<PhoneFormat> = CITIES[..cities.min(CITIES.len())]
        .iter()
        .map(|c| PhoneFormat::new(c.6))
        .collect();
    let most = cities * PER_CITY * 5;
    if options.facilities > most {
        return Err(io::Error::other(format!(
            "at most {most} facilities fit in {cities} synthetic cities"
        )));
    }
    for k in 0..cities {
        let count = options.facilities / cities + usize::from(k < options.facilities % cities);
        let spec = CitySpec::new(k);
        let mut rng = Rng::new(options.seed ^ (k as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let (text, contacts) = city_file(&spec, count, options, &specialty_ids, &formats, &mut rng);
        let len = text.len() as u64;
        if len > MAX_FILE_BYTES {
            return Err(io::Error::other(format!(
                "city file {} would be {len} bytes, over the loader's 4 MiB cap",
                spec.id()
            )));
        }
        fs::write(out.join("cities").join(format!("{}.ron", spec.id())), &text)?;
        summary.cities += 1;
        summary.facilities += count;
        summary.contacts += contacts;
        summary.bytes += len;
        summary.largest_file = summary.largest_file.max(len);
    }
    Ok(summary)
}

/// Generated numbers must never land in the shipped data.
fn refuse_repo_data(out: &Path) -> io::Result<()> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let resolved = |p: &Path| {
        fs::canonicalize(p).unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        })
    };
    let (out, data) = (resolved(out), resolved(&data));
    if out.starts_with(&data) || data.starts_with(&out) {
        return Err(io::Error::other(format!(
            "refusing to write synthetic data into or over {}; use target/ or a temp dir",
            data.display()
        )));
    }
    Ok(())
}

fn specialty_ids() -> Vec<String> {
    let loaded = careguide::data::load(&careguide::data::DataSource::Embedded)
        .expect("the embedded data loads");
    loaded
        .directory
        .specialties
        .iter()
        .map(|s| s.id.to_string())
        .collect()
}

/// Toneless pinyin syllables separated by spaces (`"xin cheng"`).
fn syllables(zh: &str) -> String {
    use pinyin::ToPinyin;
    let words: Vec<&str> = zh.to_pinyin().flatten().map(|p| p.plain()).collect();
    words.join(" ")
}

/// A RON string literal.
fn q(s: &str) -> String {
    format!("{s:?}")
}

/// `text` with every `sources: [...]` list citing the synthetic source
/// instead: the shipped bibliography is not copied (its other entries
/// would be cited by nothing).
fn cite_synthetic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("sources: [") {
        let open = at + "sources: [".len();
        out.push_str(&rest[..open]);
        out.push_str(&q(SOURCE));
        let close = rest[open..].find(']').map_or(rest.len(), |i| open + i);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Which local numbers an area code takes, and how libphonenumber groups
/// them (`[4, 4]` for `+86 10 5985 0333`, `[3, 4]` for `+86 471 662 0000`):
/// 8-digit numbers where the area code has them, else 7-digit ones; each
/// two-digit prefix 50–89 is tried once per area code with a few samples,
/// and only valid ones are used.
pub struct PhoneFormat {
    area: &'static str,
    /// Digits in a local number.
    len: usize,
    /// Valid prefixes and their grouping.
    prefixes: Vec<(u64, Vec<usize>)>,
}

impl PhoneFormat {
    pub fn new(area: &'static str) -> PhoneFormat {
        use rlibphonenumber::{PhoneNumberFormat, PhoneNumberUtil, Region};
        let util = PhoneNumberUtil::new().expect("libphonenumber's metadata");
        let grouping = |local: String| -> Option<Vec<usize>> {
            let number = util
                .parse(format!("+86{area}{local}"), Some(Region::CN))
                .ok()?;
            if !util.is_valid_number(&number) {
                return None;
            }
            let text = util.format(&number, PhoneNumberFormat::International);
            let local = text.strip_prefix(&format!("+86 {area} "))?;
            Some(local.split(' ').map(str::len).collect())
        };
        let prefixes = |len: usize| -> Vec<(u64, Vec<usize>)> {
            let rest = 10u64.pow(len as u32 - 2);
            (50..90)
                .filter_map(|p| {
                    let groups: Vec<Vec<usize>> =
                        [0, rest / 8, rest / 2 - 1, rest - 12_346, rest - 1]
                            .iter()
                            .map(|r| grouping(format!("{:0len$}", p * rest + r)))
                            .collect::<Option<_>>()?;
                    groups
                        .windows(2)
                        .all(|w| w[0] == w[1])
                        .then(|| (p, groups[0].clone()))
                })
                .collect()
        };
        let (len, prefixes) = [8, 7]
            .into_iter()
            .map(|len| (len, prefixes(len)))
            .find(|(_, p)| p.len() * 2 >= DISTRICTS.len())
            .unwrap_or_else(|| panic!("area code {area}: too few valid number prefixes"));
        PhoneFormat {
            area,
            len,
            prefixes,
        }
    }

    /// The canonical international form of the `n`-th number of district
    /// `district`: half a prefix per district, scrambled by a bijection, so
    /// numbers never repeat.
    pub fn phone(&self, district: usize, n: usize) -> String {
        let rest = 10u64.pow(self.len as u32 - 2);
        let half = rest / 2;
        let (prefix, groups) = &self.prefixes[district / 2];
        let scrambled = (n as u64 % half * 7919 + 104_729) % half;
        let local = prefix * rest + (district as u64 % 2) * half + scrambled;
        let digits = format!("{local:0len$}", len = self.len);
        let mut out = format!("+86 {}", self.area);
        let mut at = 0;
        for len in groups {
            out.push(' ');
            out.push_str(&digits[at..at + len]);
            at += len;
        }
        out
    }
}

fn fill(template: &str, words: &Words) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        let key = chars.next().unwrap_or('}');
        chars.next(); // the closing brace
        out.push_str(match key {
            'C' => words.city_en,
            'c' => words.city_zh,
            'D' => words.district_en,
            'd' => words.district_zh,
            'S' => words.street_en,
            's' => words.street_zh,
            'N' => &words.ordinal_en,
            'n' => words.ordinal_zh,
            'P' => words.surname_en,
            'p' => words.surname_zh,
            _ => "",
        });
    }
    out
}

struct Words<'a> {
    city_en: &'a str,
    city_zh: &'a str,
    district_en: &'a str,
    district_zh: &'a str,
    street_en: &'a str,
    street_zh: &'a str,
    ordinal_en: String,
    ordinal_zh: &'a str,
    surname_en: &'a str,
    surname_zh: &'a str,
}

fn pick_pattern(rng: &mut Rng) -> &'static NamePattern {
    let total: u32 = PATTERNS.iter().map(|p| p.weight).sum();
    let mut roll = (rng.next() % u64::from(total)) as u32;
    for pattern in PATTERNS {
        if roll < pattern.weight {
            return pattern;
        }
        roll -= pattern.weight;
    }
    &PATTERNS[0]
}

/// One city file and the number of contacts in it.
fn city_file(
    spec: &CitySpec,
    count: usize,
    options: &Options,
    specialty_ids: &[String],
    formats: &[PhoneFormat],
    rng: &mut Rng,
) -> (String, usize) {
    let seed = options.seed;
    let (base_id, city_en, city_zh, city_pinyin, province, province_zh, area) = CITIES[spec.base];
    let format = formats
        .iter()
        .find(|f| f.area == area)
        .expect("formats cover every area code");
    let (district_en, district_zh) = DISTRICTS[spec.district];
    let id = spec.id();
    let mut s = String::with_capacity(count * 1400 + 2048);
    let _ = writeln!(
        s,
        "// SYNTHETIC DATA generated by `cargo run --release --example gen` (seed {seed}) for\n\
         // careguide's benchmarks. Every facility, address and phone number in this file is\n\
         // made up: the numbers use real area codes but are NOT real; do not call them.\n\
         // Never copy this file into data/."
    );
    s.push_str("(\n");
    let _ = writeln!(s, "    id: {},", q(&id));
    let _ = writeln!(s, "    name: {},", q(&format!("{city_en} {district_en}")));
    let _ = writeln!(
        s,
        "    name_zh: {},",
        q(&format!("{city_zh}{district_zh}区"))
    );
    if let Some(pinyin) = city_pinyin {
        let district = syllables(district_zh);
        let _ = writeln!(s, "    pinyin: {},", q(&format!("{pinyin} {district} qu")));
    }
    let _ = writeln!(
        s,
        "    aliases: [{}, {}],",
        q(&format!("{city_zh}市{district_zh}区")),
        q(&format!("{district_en} District, {city_en}"))
    );
    let _ = writeln!(s, "    province: {},", q(province));
    let _ = writeln!(s, "    province_zh: {},", q(province_zh));
    let _ = writeln!(
        s,
        "    notes: [(text: {}, sources: [{}])],",
        q("SYNTHETIC benchmark city: every record in it is made up."),
        q(SOURCE)
    );
    s.push_str("    facilities: [\n");
    let mut contacts = 0;
    let mut numbers = 0;
    for n in 0..count {
        let start = s.len();
        let (street_en, street_zh) = STREETS[rng.below(STREETS.len())];
        let (surname_en, surname_zh) = SURNAMES[rng.below(SURNAMES.len())];
        let ordinal = rng.below(tables::NUMERALS.len());
        let words = Words {
            city_en,
            city_zh,
            district_en,
            district_zh,
            street_en,
            street_zh,
            ordinal_en: (ordinal + 1).to_string(),
            ordinal_zh: tables::NUMERALS[ordinal],
            surname_en,
            surname_zh,
        };
        let pattern = pick_pattern(rng);
        let mut name = fill(pattern.en, &words);
        let mut name_zh = fill(pattern.zh, &words);
        if pattern.city_wide {
            name.push_str(&format!(", {district_en} Branch"));
            name_zh.push_str(&format!("{district_zh}分院"));
        }
        s.push_str("        (\n");
        let _ = writeln!(s, "            id: {},", q(&format!("{id}-{n:04}")));
        let _ = writeln!(s, "            name: {},", q(&name));
        let _ = writeln!(s, "            name_zh: {},", q(&name_zh));
        if let Some(pinyin) = city_pinyin.filter(|_| pattern.zh.starts_with("{c}")) {
            // The converter misreads this city's name: write the pinyin out.
            let rest = syllables(&name_zh[city_zh.len()..]);
            let _ = writeln!(s, "            pinyin: {},", q(&format!("{pinyin} {rest}")));
        }
        let mut aliases = Vec::new();
        if rng.chance(35) {
            if !pattern.alias_zh.is_empty() {
                aliases.push(fill(pattern.alias_zh, &words));
            }
            if !pattern.alias_en.is_empty() {
                aliases.push(fill(pattern.alias_en, &words));
            }
        }
        if !aliases.is_empty() {
            let list: Vec<String> = aliases.iter().map(|a| q(a)).collect();
            let _ = writeln!(s, "            aliases: [{}],", list.join(", "));
        }
        let _ = writeln!(s, "            kind: {},", pattern.kind);
        let ownership = match rng.below(20) {
            0..=15 => "Public",
            16..=18 => "Private",
            _ => "Unknown",
        };
        let _ = writeln!(s, "            ownership: {ownership},");
        if pattern.kind == "Hospital" && rng.chance(60) {
            let grade = tables::GRADES[rng.below(tables::GRADES.len())];
            let _ = writeln!(
                s,
                "            grade: (level: {grade}, sources: [{}]),",
                q(SOURCE)
            );
        }
        write_specialties(&mut s, pattern, specialty_ids, rng);
        s.push_str("            contacts: [\n");
        let count = 2 + rng.below(3);
        let mut roles: Vec<&str> = vec!["Switchboard"];
        while roles.len() < count {
            let role = tables::ROLES[rng.below(tables::ROLES.len())];
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        for role in roles {
            let number = format.phone(spec.district, numbers);
            numbers += 1;
            let _ = writeln!(
                s,
                "                (role: {}, phone: {}, confidence: SingleSource, sources: [{}], note: {}),",
                q(role),
                q(&number),
                q(SOURCE),
                q(NUMBER_NOTE)
            );
            contacts += 1;
        }
        s.push_str("            ],\n");
        let house = 1 + rng.below(399);
        let _ = writeln!(
            s,
            "            address: (en: {}, zh: {}, confidence: SingleSource, sources: [{}]),",
            q(&format!(
                "No. {house} {street_en} Road, {district_en} District, {city_en}"
            )),
            q(&format!("{city_zh}市{district_zh}区{street_zh}路{house}号")),
            q(SOURCE)
        );
        if rng.chance(30) {
            let _ = writeln!(
                s,
                "            website: {},",
                q(&format!("https://{base_id}-{n}.example.org/"))
            );
        }
        let _ = writeln!(
            s,
            "            notes: [(text: {}, sources: [{}])],",
            q(SYNTHETIC_NOTE),
            q(SOURCE)
        );
        let _ = writeln!(s, "            sources: [{}],", q(SOURCE));
        let _ = writeln!(s, "            verified: {},", q(VERIFIED));
        s.push_str("        ),\n");
        if options.compact {
            let block = s.split_off(start);
            let lines: Vec<&str> = block.lines().map(str::trim).collect();
            s.push_str("        ");
            s.push_str(&lines.join(" "));
            s.push('\n');
        }
    }
    s.push_str("    ],\n)\n");
    (s, contacts)
}

fn write_specialties(s: &mut String, pattern: &NamePattern, ids: &[String], rng: &mut Rng) {
    let mut chosen: Vec<&str> = pattern.specialties.to_vec();
    let extra = rng.below(4);
    for _ in 0..extra {
        let id = ids[rng.below(ids.len())].as_str();
        if !chosen.contains(&id) {
            chosen.push(id);
        }
    }
    s.push_str("            specialties: [");
    for (i, id) in chosen.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        if rng.chance(10) {
            let _ = write!(
                s,
                "(id: {}, note: {}, sources: [{}])",
                q(id),
                q("Synthetic note: a made-up specialist clinic."),
                q(SOURCE)
            );
        } else {
            let _ = write!(s, "(id: {})", q(id));
        }
    }
    s.push_str("],\n");
}
