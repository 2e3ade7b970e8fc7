//! Timestamps.
//!
//! Letta sends `created_at` with a UTC offset on PostgreSQL (`...T11:08:53.364370Z`) and without
//! one on SQLite (`2026-11-23T15:12:17`); both mean UTC, and both decode to [`Timestamp`].

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// A point in time, in UTC.
pub type Timestamp = DateTime<Utc>;

/// Parses an ISO-8601 timestamp with or without an offset (no offset means UTC).
pub fn parse(text: &str) -> Option<Timestamp> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()
        .map(|naive| naive.and_utc())
}

/// Serde adapter for a required timestamp.
pub mod required {
    use super::*;

    /// Writes RFC 3339.
    pub fn serialize<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_rfc3339())
    }

    /// Reads with or without an offset.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a timestamp: {text:?}")))
    }
}

/// Serde adapter for an optional timestamp (`null` or absent is `None`).
pub mod optional {
    use super::*;

    /// Writes RFC 3339 or `null`.
    pub fn serialize<S: Serializer>(value: &Option<Timestamp>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.serialize_str(&v.to_rfc3339()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads with or without an offset.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        match text {
            None => Ok(None),
            Some(text) => parse(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not a timestamp: {text:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_and_without_offset_are_utc() {
        let a = parse("2026-11-23T15:12:17").unwrap();
        let b = parse("2026-11-23T15:12:17+00:00").unwrap();
        let c = parse("2026-11-23T16:12:17+01:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(b, c);
        assert_eq!(
            parse("2026-11-25T11:08:53.364370Z")
                .unwrap()
                .timestamp_subsec_micros(),
            364370
        );
        assert!(parse("yesterday").is_none());
    }
}
