//! The rules for records: a city (its id matches its file name) and its
//! facilities — names, specialty links, contacts with phone, sources and
//! confidence, address, website, grade and the verified date.

use arcstr::ArcStr;
use std::borrow::Cow;

use super::{FileCtx, MAX_LINE, MAX_NAME, MAX_NOTE, Validator, across, join, small};
use crate::data::locate::Seg;
use crate::data::raw::*;
use crate::model::*;
use crate::text::{escaped, sanitize};

impl Validator {
    pub(super) fn city(
        &mut self,
        f: &FileCtx,
        stem: &str,
        raw: &RawCity,
        specialties: &[Specialty],
        dir: &mut Directory,
    ) {
        let id = self.id(f, &[Seg::Key("id")], &raw.id);
        if *id != *stem {
            self.error(
                f,
                &[Seg::Key("id")],
                format!(
                    "city id {} differs from its file name {}; rename one so they match",
                    escaped(&id),
                    escaped(&format!("{stem}.ron"))
                ),
            );
        }
        let city_index = dir.cities.len();
        let city_id = CityId(id);
        let mut facilities = Vec::with_capacity(raw.facilities.len());
        dir.facilities.reserve_exact(raw.facilities.len());
        for (i, raw_facility) in raw.facilities.iter().enumerate() {
            let at = [Seg::Key("facilities"), Seg::Index(i)];
            let facility = self.facility(f, &at, raw_facility, city_index, specialties);
            facilities.push(dir.facilities.len());
            dir.facilities.push(Box::new(facility));
        }
        let city = City {
            name: self.required(f, &[Seg::Key("name")], "name", &raw.name, MAX_NAME),
            name_zh: self.optional(f, &[Seg::Key("name_zh")], "name_zh", &raw.name_zh, MAX_NAME),
            pinyin: self.pinyin(f, &[], &raw.pinyin),
            aliases: self.aliases(f, &[], &raw.aliases),
            province: self.optional(
                f,
                &[Seg::Key("province")],
                "province",
                &raw.province,
                MAX_NAME,
            ),
            province_zh: self.optional(
                f,
                &[Seg::Key("province_zh")],
                "province_zh",
                &raw.province_zh,
                MAX_NAME,
            ),
            emergency: self.emergency_numbers(f, &[], "emergency", &raw.emergency),
            notes: self.notes(f, &[], &raw.notes),
            personal: false,
            facilities,
            origin: self.origin(f, &[Seg::Key("id")], &raw.id),
            id: city_id,
        };
        dir.cities.push(city);
    }

    pub(in crate::data) fn pinyin(
        &mut self,
        f: &FileCtx,
        base: &[Seg],
        raw: &Option<Cow<str>>,
    ) -> Option<String> {
        let at = join(base, &[Seg::Key("pinyin")]);
        let value = self.optional(f, &at, "pinyin", raw, MAX_NAME)?;
        if !value.chars().all(|c| c.is_ascii_lowercase() || c == ' ') {
            self.error(
                f,
                &at,
                format!(
                    "pinyin {} must be toneless lower-case syllables separated by spaces, e.g. \"chong qing\"",
                    escaped(&value)
                ),
            );
        }
        Some(value)
    }

    pub(in crate::data) fn facility(
        &mut self,
        f: &FileCtx,
        at: &[Seg],
        raw: &RawFacility,
        city_index: usize,
        specialties: &[Specialty],
    ) -> Facility {
        let key = |k| join(at, &[Seg::Key(k)]);
        let id = self.id(f, &key("id"), &raw.id);
        let sources = self.sources(f, at, "facility", &raw.sources);
        let grade = raw.grade.as_ref().map(|g| Grade {
            level: g.level,
            sources: self.sources(f, &key("grade"), "grade", &g.sources),
        });
        let specialties = self.facility_specialties(f, at, &raw.specialties, specialties);
        let contacts = self.contacts(f, at, &id, &raw.contacts);
        let address = raw
            .address
            .as_ref()
            .and_then(|a| self.address(f, &key("address"), a));
        let website = self.website(f, &key("website"), &raw.website);
        let verified = raw.verified.clone();
        // Records are verified on a few dates: the last good one is known.
        let known = self.last_date.as_deref() == Some(&*verified);
        let valid = known
            || (verified.len() == 10
                && chrono::NaiveDate::parse_from_str(&verified, "%Y-%m-%d").is_ok());
        if !valid {
            self.error(
                f,
                &key("verified"),
                format!(
                    "verified date {} must be a real date written YYYY-MM-DD",
                    escaped(&verified)
                ),
            );
        }
        let name = self.required(f, &key("name"), "name", &raw.name, MAX_NAME);
        let name_zh = self.optional(f, &key("name_zh"), "name_zh", &raw.name_zh, MAX_NAME);
        let pinyin = self.pinyin(f, at, &raw.pinyin);
        let aliases = self.aliases(f, at, &raw.aliases);
        let (address, address_facts) = match address {
            Some((text, facts)) => (text, Some(facts)),
            None => ([None, None], None),
        };
        Facility {
            texts: FacilityTexts::new(
                &name,
                name_zh.as_deref(),
                pinyin.as_deref(),
                website.as_deref(),
                [address[0].as_deref(), address[1].as_deref()],
                aliases.iter().map(String::as_str),
            ),
            kind: raw.kind,
            ownership: raw.ownership,
            grade,
            specialties: specialties.into(),
            contacts: contacts.into(),
            address_confidence: address_facts.as_ref().map(|a| a.confidence),
            address_sources: address_facts.map(|a| a.sources).unwrap_or_default(),
            notes: self.notes(f, at, &raw.notes).into(),
            sources,
            verified: {
                let shared = self.share(&sanitize(&verified));
                // Remembered as written: a date chrono reads past a space
                // is not the same text as the one cleaned of it.
                if valid && *shared == *verified {
                    self.last_date = Some(shared.clone());
                }
                shared
            },
            personal: f.personal,
            city_index: small(city_index),
            origin: self.origin(f, &key("id"), &raw.id),
            id: FacilityId(id),
        }
    }

    fn facility_specialties(
        &mut self,
        f: &FileCtx,
        at: &[Seg],
        raw: &[RawFacilitySpecialty],
        known: &[Specialty],
    ) -> Vec<FacilitySpecialty> {
        let mut out: Vec<FacilitySpecialty> = Vec::with_capacity(raw.len());
        for (i, s) in raw.iter().enumerate() {
            let item = join(at, &[Seg::Key("specialties"), Seg::Index(i)]);
            let id_at = join(&item, &[Seg::Key("id")]);
            let note = self.optional(
                f,
                &join(&item, &[Seg::Key("note")]),
                "note",
                &s.note,
                MAX_NOTE,
            );
            let sources = if note.is_some() || !s.sources.is_empty() {
                self.sources(f, &item, "specialty note", &s.sources)
            } else {
                SourceList::default()
            };
            let Some(index) = known.iter().position(|d| d.id.as_str() == s.id) else {
                if self.vocabulary_missing {
                    continue;
                }
                self.error(
                    f,
                    &id_at,
                    format!(
                        "unknown specialty id {}; add it to specialties.ron or fix the spelling",
                        escaped(&s.id)
                    ),
                );
                continue;
            };
            let index = small(index);
            if out.iter().any(|o| o.index == index) {
                self.error(
                    f,
                    &id_at,
                    format!("specialty {} is listed twice", escaped(&s.id)),
                );
                continue;
            }
            let note = note.map(|note| self.share(&note));
            out.push(FacilitySpecialty::new(index, note, sources));
        }
        out
    }

    pub(in crate::data) fn contacts(
        &mut self,
        f: &FileCtx,
        at: &[Seg],
        facility: &ArcStr,
        raw: &[RawContact],
    ) -> Vec<Contact> {
        let mut out = Vec::with_capacity(raw.len());
        for (i, c) in raw.iter().enumerate() {
            let item = join(at, &[Seg::Key("contacts"), Seg::Index(i)]);
            let phone_at = join(&item, &[Seg::Key("phone")]);
            let role = self.required(
                f,
                &join(&item, &[Seg::Key("role")]),
                "role",
                &c.role,
                MAX_NAME,
            );
            let phone = self.phone(f, &phone_at, &c.phone);
            let sources = self.sources(f, &item, "phone number", &c.sources);
            let confidence = self.confidence(f, &item, c.confidence, &sources);
            let note = self.optional(
                f,
                &join(&item, &[Seg::Key("note")]),
                "note",
                &c.note,
                MAX_NOTE,
            );
            let Some(phone) = phone else { continue };
            let at = across::At::new(f, &phone_at, Some(&c.phone));
            let origin = Origin {
                file: f.file,
                line: small(at.line()),
            };
            self.check_phone(f.path, at, &phone, facility);
            let texts = self.share(&Contact::texts(&role, note.as_deref()));
            out.push(Contact::new(
                texts, phone, confidence, sources, f.personal, origin,
            ));
        }
        out
    }

    /// The address's forms, in English and in 汉字, and what else is known.
    fn address(
        &mut self,
        f: &FileCtx,
        at: &[Seg],
        raw: &RawAddress,
    ) -> Option<([Option<String>; 2], AddressFacts)> {
        let en = self.optional(
            f,
            &join(at, &[Seg::Key("en")]),
            "address",
            &raw.en,
            MAX_LINE,
        );
        let zh = self.optional(
            f,
            &join(at, &[Seg::Key("zh")]),
            "address",
            &raw.zh,
            MAX_LINE,
        );
        let sources = self.sources(f, at, "address", &raw.sources);
        let confidence = self.confidence(f, at, raw.confidence, &sources);
        if en.is_none() && zh.is_none() {
            self.error(
                f,
                at,
                "address has neither an `en` nor a `zh` form; remove it or fill one in".to_string(),
            );
            return None;
        }
        Some((
            [en, zh],
            AddressFacts {
                confidence,
                sources,
            },
        ))
    }

    fn website(&mut self, f: &FileCtx, at: &[Seg], raw: &Option<Cow<str>>) -> Option<String> {
        let value = self.optional(f, at, "website", raw, MAX_LINE)?;
        match url::Url::parse(&value) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
                Some(value)
            }
            _ => {
                self.error(
                    f,
                    at,
                    format!(
                        "website {} must be an http:// or https:// URL",
                        escaped(&value)
                    ),
                );
                None
            }
        }
    }
}
