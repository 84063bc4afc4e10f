//! The closed sets of the model, each with the label the front ends show:
//! how far a fact can be trusted, what kind of source backs it, what kind
//! of facility it is, who owns it, its Chinese hospital grade, and when a
//! phrase of the phrase card is needed.

use serde::{Deserialize, Serialize};

/// How far a fact can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case"))]
pub enum Confidence {
    /// Read on the institution's own website.
    Official,
    /// Two or more independent sources agree.
    Corroborated,
    /// One secondary source only.
    SingleSource,
}

impl Confidence {
    /// A label readable without colour.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Official => "official",
            Confidence::Corroborated => "corroborated",
            Confidence::SingleSource => "single source",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case"))]
pub enum Kind {
    Hospital,
    Clinic,
    CountyHospital,
    CommunityHealthCentre,
    Online,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Hospital => "hospital",
            Kind::Clinic => "clinic",
            Kind::CountyHospital => "county hospital",
            Kind::CommunityHealthCentre => "community health centre",
            Kind::Online => "online service",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case"))]
pub enum Ownership {
    Public,
    Private,
    Military,
    Unknown,
}

impl Ownership {
    pub fn label(self) -> &'static str {
        match self {
            Ownership::Public => "public",
            Ownership::Private => "private",
            Ownership::Military => "military",
            Ownership::Unknown => "ownership unknown",
        }
    }
}

/// The Chinese hospital grade (level 3 = tertiary; class 甲/乙/丙 = A/B/C).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GradeLevel {
    #[serde(rename(serialize = "3A"))]
    ThirdA,
    #[serde(rename(serialize = "3B"))]
    ThirdB,
    #[serde(rename(serialize = "3C"))]
    ThirdC,
    #[serde(rename(serialize = "2A"))]
    SecondA,
    #[serde(rename(serialize = "2B"))]
    SecondB,
    #[serde(rename(serialize = "2C"))]
    SecondC,
    #[serde(rename(serialize = "1A"))]
    FirstA,
    #[serde(rename(serialize = "1B"))]
    FirstB,
    #[serde(rename(serialize = "1C"))]
    FirstC,
}

impl GradeLevel {
    pub fn label(self) -> &'static str {
        match self {
            GradeLevel::ThirdA => "3A / 三级甲等",
            GradeLevel::ThirdB => "3B / 三级乙等",
            GradeLevel::ThirdC => "3C / 三级丙等",
            GradeLevel::SecondA => "2A / 二级甲等",
            GradeLevel::SecondB => "2B / 二级乙等",
            GradeLevel::SecondC => "2C / 二级丙等",
            GradeLevel::FirstA => "1A / 一级甲等",
            GradeLevel::FirstB => "1B / 一级乙等",
            GradeLevel::FirstC => "1C / 一级丙等",
        }
    }
}

/// What a source is, which decides what it can back: only `Official` backs
/// the official badge, and `AppCode` alone never backs a number or address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case"))]
pub enum SourceKind {
    /// The institution's own site (or its own filing).
    Official,
    Government,
    News,
    Encyclopedia,
    /// Travel and expat pages, blogs, language-learning pages.
    Guide,
    Dataset,
    /// Sample, mock or seed data in an app's code.
    AppCode,
    /// The project's own source texts.
    Seed,
}

impl SourceKind {
    /// The word a reader sees before the publisher: `news · China Daily`.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Official => "official site",
            SourceKind::Government => "government",
            SourceKind::News => "news",
            SourceKind::Encyclopedia => "encyclopedia",
            SourceKind::Guide => "guide",
            SourceKind::Dataset => "dataset",
            SourceKind::AppCode => "app data",
            SourceKind::Seed => "project text",
        }
    }

    /// The plural for several sources of one family: datasets and app data
    /// are both secondary datasets to a reader.
    pub fn plural(self) -> &'static str {
        match self {
            SourceKind::Official => "official pages",
            SourceKind::Government => "government pages",
            SourceKind::News => "news reports",
            SourceKind::Encyclopedia => "encyclopedia entries",
            SourceKind::Guide => "guides",
            SourceKind::Dataset | SourceKind::AppCode => "secondary datasets",
            SourceKind::Seed => "project texts",
        }
    }
}

/// When a phrase of the phrase card is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case"))]
pub enum Situation {
    /// Calling for help and an ambulance.
    #[serde(rename(serialize = "call_120"))]
    Call120,
    /// Saying what is wrong.
    Describe,
    /// At the hospital: language, directions, registration, payment.
    Hospital,
    /// Single words.
    Words,
}
