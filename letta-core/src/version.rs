//! Which Letta server the client talks to: its version, and the API level that decides which
//! operations it serves and in which shape.
//!
//! Two APIs matter. Letta 0.7.x (0.7.29 in this project's tests) and Letta 0.16.8, the last
//! self-hostable release, whose API is the one Letta Cloud and the official SDKs 1.x speak. Between
//! them (0.8 to 0.15) operations came and went release by release; this client was not checked
//! against those, so it sends every operation to them, in 0.16.8's shape, and lets the server
//! answer.

use std::fmt;
use std::str::FromStr;

use crate::error::LettaError;

/// A Letta server's version, as its health endpoint reports it (`"0.16.8"`).
///
/// ```
/// use letta_core::{ApiLevel, ServerVersion};
/// let version: ServerVersion = "0.16.8".parse()?;
/// assert_eq!(version, ServerVersion::V0_16_8);
/// assert_eq!(version.api_level(), ApiLevel::V0_16);
/// assert_eq!(ServerVersion::new(0, 7, 29).api_level(), ApiLevel::V0_7);
/// # Ok::<(), letta_core::LettaError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServerVersion {
    /// The major version.
    pub major: u32,
    /// The minor version.
    pub minor: u32,
    /// The patch version.
    pub patch: u32,
}

impl ServerVersion {
    /// Letta 0.7.29, the last 0.7.x release: the API this project was first built on.
    pub const V0_7_29: ServerVersion = ServerVersion::new(0, 7, 29);
    /// Letta 0.16.8, the last self-hostable release: the shape of Letta Cloud's API.
    pub const V0_16_8: ServerVersion = ServerVersion::new(0, 16, 8);

    /// The version `major.minor.patch`.
    pub const fn new(major: u32, minor: u32, patch: u32) -> ServerVersion {
        ServerVersion { major, minor, patch }
    }

    /// The API a server of this version speaks.
    pub const fn api_level(&self) -> ApiLevel {
        match (self.major, self.minor) {
            (0, 7) => ApiLevel::V0_7,
            (0, 0..=6 | 8..=15) => ApiLevel::Unknown,
            _ => ApiLevel::V0_16,
        }
    }

    /// The leading `major.minor.patch` of a version string (`"0.16.8"`, `"0.16.8.dev3"`,
    /// `"v1.2"`: a missing part is 0), or `None` when it does not start with a number.
    pub fn parse_lenient(text: &str) -> Option<ServerVersion> {
        let text = text.trim().trim_start_matches('v');
        let mut parts = text.split('.').map(|part| {
            let digits = part.find(|c: char| !c.is_ascii_digit()).unwrap_or(part.len());
            part[..digits].parse::<u32>().ok()
        });
        let major = parts.next()??;
        let minor = parts.next().flatten().unwrap_or(0);
        let patch = parts.next().flatten().unwrap_or(0);
        Some(ServerVersion::new(major, minor, patch))
    }
}

impl FromStr for ServerVersion {
    type Err = LettaError;

    fn from_str(text: &str) -> Result<ServerVersion, LettaError> {
        ServerVersion::parse_lenient(text).ok_or_else(|| {
            LettaError::InvalidInput(format!(
                "{text:?} is not a server version; write it as major.minor.patch, like \"0.16.8\""
            ))
        })
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The API a server speaks, which decides which operations it serves and how some are shaped
/// (the `reset-messages` flag in the query or in a JSON body, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiLevel {
    /// Letta 0.7.x, checked against 0.7.29's OpenAPI document.
    V0_7,
    /// Letta 0.16 and later, and Letta Cloud, checked against 0.16.8's OpenAPI document.
    V0_16,
    /// A server this client was not checked against (before 0.7, 0.8 to 0.15, or one whose health endpoint
    /// gave no readable version): every operation is sent, in 0.16.8's shape.
    Unknown,
}

impl ApiLevel {
    /// Whether operations should take 0.16.8's shape where the two APIs differ (they do for
    /// every level but 0.7).
    pub const fn is_v0_16_shape(self) -> bool {
        !matches!(self, ApiLevel::V0_7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_versions_servers_report() {
        assert_eq!("0.7.29".parse::<ServerVersion>().unwrap(), ServerVersion::V0_7_29);
        assert_eq!(
            " v0.16.8.dev3 ".parse::<ServerVersion>().unwrap(),
            ServerVersion::V0_16_8
        );
        assert_eq!(
            "1.2".parse::<ServerVersion>().unwrap(),
            ServerVersion::new(1, 2, 0)
        );
        assert_eq!(ServerVersion::V0_16_8.to_string(), "0.16.8");
        let bad = "latest".parse::<ServerVersion>().unwrap_err();
        assert!(
            bad.to_string().contains("\"latest\" is not a server version"),
            "{bad}"
        );
        assert!(ServerVersion::parse_lenient("").is_none());
    }

    #[test]
    fn versions_map_to_the_api_they_speak() {
        assert_eq!(ServerVersion::new(0, 7, 0).api_level(), ApiLevel::V0_7);
        assert_eq!(ServerVersion::new(0, 6, 9).api_level(), ApiLevel::Unknown);
        assert_eq!(ServerVersion::new(0, 8, 0).api_level(), ApiLevel::Unknown);
        assert_eq!(ServerVersion::new(0, 15, 4).api_level(), ApiLevel::Unknown);
        assert_eq!(ServerVersion::new(0, 16, 0).api_level(), ApiLevel::V0_16);
        assert_eq!(ServerVersion::new(1, 0, 0).api_level(), ApiLevel::V0_16);
        assert!(ApiLevel::Unknown.is_v0_16_shape());
        assert!(!ApiLevel::V0_7.is_v0_16_shape());
    }
}
