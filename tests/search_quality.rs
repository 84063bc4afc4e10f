//! Search quality, table-driven: queries a user would type (English, 汉字,
//! pinyin, initials, misspellings, numbers written every way a phone shows
//! them, fzf's syntax), with and without a selected city, and the hits that
//! must come first in global search (Ctrl-p and `careguide search`). A hit is
//! named `kind:id`, a contact by its number as shown. Every example of the
//! issue "search that ranks like a person thinks" is here.

use std::sync::Arc;

use careguide::data::{self, DataSource};
use careguide::model::Directory;
use careguide::search::{Column, Hit, Index, Scope, Target};

struct Case {
    query: &'static str,
    /// The city the user has selected (a city id), if any.
    city: Option<&'static str>,
    /// The first hits, in order.
    top: &'static [&'static str],
}

const fn case(query: &'static str, top: &'static [&'static str]) -> Case {
    Case {
        query,
        city: None,
        top,
    }
}

const fn near(city: &'static str, query: &'static str, top: &'static [&'static str]) -> Case {
    Case {
        query,
        city: Some(city),
        top,
    }
}

const OASIS_ER: &str = "contact:+86 10 5985 0333";
const IMPH_SWITCHBOARD: &str = "contact:+86 471 662 0000";

const CASES: &[Case] = &[
    // Names in English, and words for what is wrong.
    case("oasis", &["facility:oasis-international", OASIS_ER]),
    case("Oasis International", &["facility:oasis-international"]),
    case("peking union", &["facility:pumch"]),
    case("huashan", &["facility:huashan"]),
    case(
        "kidney",
        &[
            "specialty:urology",
            "specialty:nephrology",
            "facility:hospital-356",
        ],
    ),
    case(
        "kidney stones",
        &["specialty:urology", "facility:hospital-356"],
    ),
    case("ESWL", &["specialty:urology", "facility:hospital-356"]),
    case(
        "stitches",
        &["specialty:plastic-surgery", "facility:hospital-253"],
    ),
    case(
        "sutures",
        &["specialty:plastic-surgery", "facility:hospital-253"],
    ),
    case(
        "suture",
        &["specialty:plastic-surgery", "facility:hospital-253"],
    ),
    case("wound", &["specialty:emergency"]),
    case("laceration", &["specialty:emergency"]),
    case("cut", &["specialty:emergency"]),
    case("heart", &["specialty:cardiology"]),
    case("cardiology", &["specialty:cardiology"]),
    case("dentist", &["specialty:dentistry"]),
    case("IVF", &["specialty:ivf"]),
    case("dialysis", &["specialty:dialysis"]),
    case(
        "English-speaking",
        &["specialty:english-speaking", "facility:oasis-international"],
    ),
    case("english", &["specialty:english-speaking"]),
    case("emergency", &["specialty:emergency", OASIS_ER]),
    case("ER", &[OASIS_ER]),
    // Equally good hits keep the directory's order.
    case(
        "switchboard",
        &[IMPH_SWITCHBOARD, "contact:+86 10 6915 6114"],
    ),
    // Cities.
    case("hohhot", &["city:hohhot"]),
    case("Hohhot", &["city:hohhot"]),
    case("huhhot", &["city:hohhot"]),
    case("beijing", &["city:beijing"]),
    case("shanghai", &["city:shanghai"]),
    case("zhangjiakou", &["city:zhangjiakou"]),
    case("baotou", &["city:baotou"]),
    case("ningbo", &["city:ningbo"]),
    // 汉字.
    case("呼和浩特", &["city:hohhot"]),
    case("呼和", &["city:hohhot"]),
    case("呼市", &["city:hohhot"]),
    case("北京", &["city:beijing"]),
    case("协和", &["facility:pumch"]),
    case("华山医院", &["facility:huashan"]),
    case("武警医院", &["facility:hospital-356"]),
    case("和睦家", &["facility:beijing-united-family"]),
    case(
        "儿童",
        &[
            "facility:im-women-children",
            "facility:shanghai-childrens",
            "facility:ningbo-women-children",
            "specialty:paediatrics",
        ],
    ),
    case("肾结石", &["specialty:urology", "facility:hospital-356"]),
    case(
        "美容",
        &["specialty:plastic-surgery", "facility:hospital-253"],
    ),
    case("急诊", &["specialty:emergency"]),
    case("清创", &["specialty:emergency"]),
    case("外伤", &["specialty:emergency"]),
    // Pinyin and initials, of names and of specialties.
    case("huhehaote", &["city:hohhot"]),
    case("hushi", &["city:hohhot"]),
    case("xiehe", &["facility:pumch"]),
    case("beijing xiehe", &["facility:pumch"]),
    case(
        "shenjieshi",
        &["specialty:urology", "facility:hospital-356"],
    ),
    case(
        "meirong",
        &["specialty:plastic-surgery", "facility:hospital-253"],
    ),
    case("jizhen", &["specialty:emergency"]),
    case("hhht", &["city:hohhot"]),
    // A city's advice notes find the city, whose card shows them.
    case("IV antibiotics", &["city:hohhot"]),
    case("relationships", &["city:hohhot"]),
    case("bjxh", &["facility:pumch"]),
    case("sjs", &["specialty:urology"]),
    // Misspelt.
    case("huhehot", &["city:hohhot"]),
    case("cardiolgy", &["specialty:cardiology"]),
    case("pediatric", &["specialty:paediatrics"]),
    case("acupunture", &["specialty:acupuncture"]),
    case("dentisty", &["specialty:dentistry"]),
    // Numbers as people type them.
    case("59850333", &[OASIS_ER]),
    case("5985 0333", &[OASIS_ER]),
    case("010-59850333", &[OASIS_ER]),
    case("010 5985 0333", &[OASIS_ER]),
    case("01059850333", &[OASIS_ER]),
    case("+86 10 5985 0333", &[OASIS_ER]),
    case("+861059850333", &[OASIS_ER]),
    case("0086 10 5985 0333", &[OASIS_ER]),
    case("861059850333", &[OASIS_ER]),
    case("+86 (0)10 5985 0333", &[OASIS_ER]),
    case("04716620000", &[IMPH_SWITCHBOARD]),
    case("0471 662 0000", &[IMPH_SWITCHBOARD]),
    case("(0471) 662-0000", &[IMPH_SWITCHBOARD]),
    case("0471-6620000", &[IMPH_SWITCHBOARD]),
    case("0471.662.0000", &[IMPH_SWITCHBOARD]),
    case("+86 471 662 0000", &[IMPH_SWITCHBOARD]),
    case("6620000", &[IMPH_SWITCHBOARD]),
    case("662 0000", &[IMPH_SWITCHBOARD]),
    case("356", &["facility:hospital-356"]),
    // fzf's syntax.
    case("^oasis", &["facility:oasis-international"]),
    case("'united family", &["facility:beijing-united-family"]),
    case("hospital$ !beijing", &["facility:hohhot-first-hospital"]),
    // The city the user is in ranks first.
    near("hohhot", "emergency", &["facility:imph"]),
    near(
        "hohhot",
        "kidney",
        &["facility:hospital-356", "specialty:urology"],
    ),
    near("hohhot", "hospital", &["facility:hohhot-first-hospital"]),
    near("shanghai", "switchboard", &["contact:+86 21 6248 9999"]),
    near(
        "beijing",
        "emergency",
        &[OASIS_ER, "contact:+86 10 5927 7120"],
    ),
    near("hohhot", "oasis", &["facility:oasis-international"]),
    near("hohhot", "0471", &[IMPH_SWITCHBOARD]),
];

/// Noise: hits that must come after every hit of a better class.
const NOISE: &[(&str, &str)] = &[
    ("huhhot", "facility:huashan"),
    ("cut", "facility:qingshuihe-county-hospital"),
    ("heart", "facility:ping-an-good-doctor"),
    ("English-speaking", "facility:im-mongolian-medicine"),
];

fn shipped() -> Arc<Directory> {
    let loaded = data::load(&DataSource::Embedded).expect("embedded data loads");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    Arc::new(loaded.directory)
}

fn name(dir: &Directory, hit: &Hit) -> String {
    match hit.target {
        Target::City(c) => format!("city:{}", dir.cities[c].id),
        Target::Facility(f) => format!("facility:{}", dir.facilities[f].id),
        Target::Specialty(s) => format!("specialty:{}", dir.specialties[s].id),
        Target::Contact { facility, contact } => {
            let phone = &dir.facilities[facility].contacts[contact].phone;
            format!("contact:{}", phone.display)
        }
    }
}

fn city(dir: &Directory, id: &str) -> usize {
    let found = dir.cities.iter().position(|c| c.id.as_str() == id);
    found.unwrap_or_else(|| panic!("no city {id}"))
}

fn names(dir: &Directory, index: &Index, query: &str, prefer: Option<usize>) -> Vec<String> {
    let hits = index.query(query, &Scope::Global { prefer });
    hits.iter().map(|hit| name(dir, hit)).collect()
}

#[test]
fn queries_people_type_rank_what_they_mean_first() {
    let dir = shipped();
    let index = Index::new(&dir);
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    let mut failures = Vec::new();
    for case in CASES {
        let prefer = case.city.map(|c| city(&dir, c));
        let got = names(&dir, &index, case.query, prefer);
        let top: Vec<&str> = got
            .iter()
            .take(case.top.len())
            .map(String::as_str)
            .collect();
        if top != case.top {
            let shown = got.iter().take(case.top.len() + 3).collect::<Vec<_>>();
            failures.push(format!("{:?} in {:?}: {shown:?}", case.query, case.city));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn noise_is_not_shown_above_real_matches() {
    let dir = shipped();
    let index = Index::new(&dir);
    for (query, noise) in NOISE {
        let hits = index.query(query, &Scope::Global { prefer: None });
        let got: Vec<String> = hits.iter().map(|hit| name(&dir, hit)).collect();
        let Some(at) = got.iter().position(|n| n == noise) else {
            continue;
        };
        // The class is the score's top two bits.
        let better = hits
            .iter()
            .take_while(|h| h.score >> 30 > hits[at].score >> 30);
        assert!(
            better.count() == at && at > 0,
            "{query:?}: {noise} at {at} of {got:?}"
        );
    }
}

#[test]
fn a_match_scattered_over_many_words_is_not_shown() {
    let dir = shipped();
    let index = Index::new(&dir);
    // s-u-t-u-r-e spread over "Third Hospital of Inner Mongolia Autonomous Region".
    let got = names(&dir, &index, "suture", None);
    assert!(
        !got.contains(&"facility:im-third-hospital".to_string()),
        "{got:?}"
    );
    // English service is not stated for this hospital: no alias may claim it.
    let got = names(&dir, &index, "English-speaking", None);
    assert!(
        !got.contains(&"facility:im-mongolian-medicine".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_number_typed_any_way_highlights_its_digits_as_shown() {
    let dir = shipped();
    let index = Index::new(&dir);
    for query in [
        "010-59850333",
        "+86 10 5985 0333",
        "59850333",
        "(010) 5985 0333",
    ] {
        let hits = index.query(query, &Scope::Global { prefer: None });
        assert_eq!(name(&dir, &hits[0]), OASIS_ER, "{query:?}");
        assert_eq!(hits[0].via, None, "{query:?}");
        let shown = hits[0].indices(Column::NameZh);
        assert!(
            shown.ends_with(&[7, 8, 9, 10, 12, 13, 14, 15]),
            "{query:?}: {shown:?}"
        );
    }
}

#[test]
fn a_facility_s_emergency_line_comes_before_its_other_numbers() {
    let dir = shipped();
    let index = Index::new(&dir);
    let got = names(&dir, &index, "oasis", None);
    let er = got.iter().position(|n| n == OASIS_ER);
    let hotline = got.iter().position(|n| n == "contact:+86 400 876 2747");
    assert!(er.is_some() && er < hotline, "{got:?}");
}
