//! A column name in an item's history, shared rather than copied: a board's history names
//! the same few columns hundreds of thousands of times, and each copy would be an allocation.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

/// Reads and compares as the text it holds.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ColumnName(Arc<str>);

thread_local! {
    /// The names read so far on this thread: a parse hands out one copy per distinct name.
    static SEEN: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
}

/// More distinct names than any board has columns: past this the table starts again, so
/// adversarial files cannot grow it without bound.
const MAX_SEEN: usize = 4096;

impl ColumnName {
    pub fn new(text: &str) -> ColumnName {
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            if let Some(name) = seen.get(text) {
                return ColumnName(name.clone());
            }
            if seen.len() >= MAX_SEEN {
                seen.clear();
            }
            let name: Arc<str> = text.into();
            seen.insert(name.clone());
            ColumnName(name)
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for ColumnName {
    fn default() -> ColumnName {
        ColumnName::new("")
    }
}

impl std::ops::Deref for ColumnName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ColumnName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ColumnName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ColumnName {
    fn from(text: &str) -> ColumnName {
        ColumnName::new(text)
    }
}

impl From<String> for ColumnName {
    fn from(text: String) -> ColumnName {
        ColumnName::new(&text)
    }
}

impl From<&String> for ColumnName {
    fn from(text: &String) -> ColumnName {
        ColumnName::new(text)
    }
}

impl PartialEq<str> for ColumnName {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for ColumnName {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for ColumnName {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for ColumnName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ColumnName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl serde::Serialize for ColumnName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ColumnName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ColumnName, D::Error> {
        deserializer.deserialize_str(NameVisitor)
    }
}

struct NameVisitor;

impl serde::de::Visitor<'_> for NameVisitor {
    type Value = ColumnName;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a column name in double quotes")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ColumnName, E> {
        Ok(ColumnName::new(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_share_one_copy_and_compare_as_text() {
        let a = ColumnName::new("Doing");
        let b = ColumnName::from(String::from("Doing"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "Doing");
        assert_eq!(a, String::from("Doing"));
        assert_ne!(a, ColumnName::new("Done"));
        assert_eq!(a.to_string(), "Doing");
        assert_eq!(format!("{a:?}"), "\"Doing\"");
    }

    #[test]
    fn many_distinct_names_do_not_grow_the_table_without_bound() {
        for n in 0..(MAX_SEEN * 3) {
            assert_eq!(ColumnName::new(&format!("c{n}")), format!("c{n}"));
        }
        SEEN.with(|seen| assert!(seen.borrow().len() <= MAX_SEEN));
    }
}
