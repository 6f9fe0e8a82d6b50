//! Times on the wire are RFC 3339 (`2026-11-22T08:30:00Z`), and are read with chrono's strict
//! RFC 3339 parser.
//!
//! chrono's own `Deserialize` for `DateTime<Utc>` goes through `FromStr`, whose relaxed parser
//! is chrono's general format-string engine plus an RFC 2822 parser: about 13 KB of the app's
//! first module, for spellings (`Tue, 1 Jul 2003 10:52:37 +0200`) that neither side ever writes.
//! Writing is unchanged (chrono's `Serialize`), so the server's answers are the same bytes.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, Visitor};

/// An RFC 3339 time (any offset) as UTC; what every time field is read with. The app also
/// sends the slot a resident picked (`BookableSlot::start`, kept as text in the draft) through it.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

/// `#[serde(deserialize_with = "crate::time::rfc3339")]`
pub fn rfc3339<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(Rfc3339)
}

/// `#[serde(default, deserialize_with = "crate::time::rfc3339_option")]`: null (or absent) is None.
pub fn rfc3339_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    deserializer.deserialize_option(Optional)
}

/// The OpenAPI schema of an optional time: an RFC 3339 date-time or null, stated as a choice
/// of the two (not `type: [string, null]`) so that generators keep the format.
#[cfg(feature = "openapi")]
pub(crate) fn optional_schema(description: &str) -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
    OneOfBuilder::new()
        .description(Some(description))
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))),
        )
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .build()
        .into()
}

struct Rfc3339;

impl Visitor<'_> for Rfc3339 {
    type Value = DateTime<Utc>;

    // "string" in the wording: the server tells a mistyped field "this should be text" by it.
    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an RFC 3339 date and time string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        parse(value).ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &self))
    }
}

struct Optional;

impl<'de> Visitor<'de> for Optional {
    type Value = Option<DateTime<Utc>>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an RFC 3339 date and time string or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        rfc3339(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Times {
        #[serde(deserialize_with = "rfc3339")]
        at: DateTime<Utc>,
        #[serde(default, deserialize_with = "rfc3339_option")]
        until: Option<DateTime<Utc>>,
    }

    fn read(json: &str) -> Result<Times, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn reads_what_chrono_writes_and_offsets() {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 8, 30, 0).unwrap();
        let written = serde_json::to_string(&at).unwrap();
        let times = read(&format!(
            r#"{{"at":{written},"until":"2026-11-22T16:30:00+08:00"}}"#
        ))
        .unwrap();
        assert_eq!(times.at, at);
        assert_eq!(times.until, Some(at));
        let precise = read(r#"{"at":"2026-11-22T08:30:00.123456Z"}"#).unwrap();
        assert_eq!(precise.at.timestamp_subsec_micros(), 123_456);
    }

    #[test]
    fn null_and_absent_are_none() {
        assert_eq!(
            read(r#"{"at":"2026-11-22T08:30:00Z","until":null}"#)
                .unwrap()
                .until,
            None
        );
        assert_eq!(
            read(r#"{"at":"2026-11-22T08:30:00Z"}"#).unwrap().until,
            None
        );
    }

    #[test]
    fn refusals_say_what_was_wanted() {
        let wrong_type = read(r#"{"at":5}"#).unwrap_err();
        assert!(
            wrong_type.starts_with(
                "invalid type: integer `5`, expected an RFC 3339 date and time string"
            ),
            "{wrong_type}"
        );
        let not_a_time = read(r#"{"at":"Tue, 1 Jul 2003 10:52:37 +0200"}"#).unwrap_err();
        assert!(
            not_a_time.starts_with("invalid value: string"),
            "{not_a_time}"
        );
        assert!(read(r#"{"at":null}"#)
            .unwrap_err()
            .starts_with("invalid type: null"));
    }
}
