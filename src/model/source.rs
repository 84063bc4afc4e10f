//! Sources and the lists of them every fact cites. A list is shared by the
//! records citing the same sources, behind a thin pointer: every fact names
//! one (a facility, its grade and address, each contact, specialty link and
//! note), nearly a million at 100 000 facilities, so 8 bytes a name
//! instead of 16 is about 7 MB.

use arcstr::ArcStr;
use serde::Serialize;
use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use triomphe::ThinArc;

/// A source: a URL, or a description where the source has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Source(pub ArcStr);

impl Source {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host of a URL source without `www.`, or `None` for a description.
    pub fn domain(&self) -> Option<String> {
        let url = url::Url::parse(&self.0).ok()?;
        let host = url.host_str()?;
        Some(host.strip_prefix("www.").unwrap_or(host).to_string())
    }

    /// A short label for narrow places: the domain, or the description's start.
    pub fn short(&self) -> String {
        self.domain().unwrap_or_else(|| {
            let text = self.0.split(':').next().unwrap_or(&self.0);
            text.chars().take(40).collect()
        })
    }
}

/// A fact's sources, read as a slice; records citing the same ones share
/// the list. The empty list allocates nothing.
#[derive(Clone, Default)]
pub struct SourceList(Option<ThinArc<(), Source>>);

impl SourceList {
    /// No sources.
    pub const EMPTY: SourceList = SourceList(None);

    /// Whether `self` and `other` are one shared list.
    #[cfg(test)]
    pub fn ptr_eq(&self, other: &SourceList) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => a.ptr() == b.ptr(),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

impl From<&[Source]> for SourceList {
    fn from(sources: &[Source]) -> SourceList {
        SourceList(
            (!sources.is_empty())
                .then(|| ThinArc::from_header_and_iter((), sources.iter().cloned())),
        )
    }
}

impl Deref for SourceList {
    type Target = [Source];

    fn deref(&self) -> &[Source] {
        self.0.as_ref().map_or(&[], |list| &list.slice)
    }
}

/// For looking a list up by its sources in a set of shared lists.
impl Borrow<[Source]> for SourceList {
    fn borrow(&self) -> &[Source] {
        self
    }
}

/// Equal, and hashed, as the slice of sources (as `Borrow` requires).
impl PartialEq for SourceList {
    fn eq(&self, other: &SourceList) -> bool {
        **self == **other
    }
}

impl Eq for SourceList {}

impl Hash for SourceList {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl std::fmt::Debug for SourceList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// As the list of its sources.
impl Serialize for SourceList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn list(texts: &[&str]) -> SourceList {
        let sources: Vec<Source> = texts.iter().map(|t| Source((*t).into())).collect();
        SourceList::from(&sources[..])
    }

    #[test]
    fn a_list_reads_back_compares_and_is_found_as_its_sources() {
        let a = list(&["https://a.example/", "b"]);
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].as_str(), "b");
        assert_eq!(a, list(&["https://a.example/", "b"]));
        assert_ne!(a, list(&["https://a.example/"]));
        assert!(a.ptr_eq(&a.clone()));
        assert!(!a.ptr_eq(&list(&["https://a.example/", "b"])));
        assert!(list(&[]).is_empty() && list(&[]) == SourceList::default());
        let set: HashSet<SourceList> = [a.clone()].into();
        let sources: &[Source] = &a;
        assert!(set.get(sources).is_some_and(|found| found.ptr_eq(&a)));
        assert_eq!(
            serde_json::to_string(&a).expect("serialises"),
            r#"["https://a.example/","b"]"#
        );
        assert_eq!(std::mem::size_of::<SourceList>(), 8);
    }
}
