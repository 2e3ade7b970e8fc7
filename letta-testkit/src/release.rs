//! The Letta server releases the testkit can run, and what differs between them when starting
//! one: the install, the schema, and Redis.

use std::fmt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::server::{HarnessError, run};

/// A Letta server release the testkit installs and runs ([`crate::LettaServer::start_version`]).
///
/// - [`V0_7_29`](Self::V0_7_29): the API the seeds describe; agents reply through the
///   `send_message` tool. Its schema comes from the ORM (`server/create_schema.py`).
/// - [`V0_16_8`](Self::V0_16_8): the last self-hostable server; the default agent type is
///   `letta_v1_agent` (plain-text replies). Its schema comes from the Alembic migrations of its
///   source distribution, and its background streams need Redis, which the testkit starts too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LettaRelease {
    /// Letta 0.7.29.
    V0_7_29,
    /// Letta 0.16.8.
    V0_16_8,
}

impl LettaRelease {
    /// Every release the testkit can run, oldest first.
    pub const ALL: [LettaRelease; 2] = [LettaRelease::V0_7_29, LettaRelease::V0_16_8];

    /// The version string, as the install script takes it and the health check reports it
    /// (`"0.7.29"`, `"0.16.8"`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            LettaRelease::V0_7_29 => "0.7.29",
            LettaRelease::V0_16_8 => "0.16.8",
        }
    }

    /// The release `LETTA_SERVER_VERSION` names (`0.7.29`, `0.16.8`, or `0.7` / `0.16`), 0.7.29
    /// when it is unset or empty: how the orchestrator's end-to-end suites and the examples pick
    /// the server they start.
    ///
    /// # Errors
    /// When the variable names a release the testkit cannot run; the message lists those it can.
    pub fn from_env() -> Result<LettaRelease, String> {
        match std::env::var(SERVER_VERSION_VAR) {
            Ok(value) if !value.trim().is_empty() => value.trim().parse(),
            _ => Ok(LettaRelease::V0_7_29),
        }
    }

    /// Whether the server needs Redis (background streams of 0.16.8).
    pub(crate) const fn needs_redis(self) -> bool {
        matches!(self, LettaRelease::V0_16_8)
    }

    /// Creates the server's schema in the empty database at `pg_uri`.
    pub(crate) fn create_schema(self, venv: &Path, pg_uri: &str, run_dir: &Path) -> Result<(), HarnessError> {
        let mut schema = match self {
            LettaRelease::V0_7_29 => {
                let mut python = Command::new(venv.join("bin/python"));
                python.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("server/create_schema.py"));
                python
            }
            LettaRelease::V0_16_8 => {
                // The install script keeps the source distribution's `alembic.ini` and
                // `alembic/` here; `alembic.ini` names its scripts relative to this folder.
                let mut alembic = Command::new(venv.join("bin/alembic"));
                alembic
                    .args(["upgrade", "head"])
                    .current_dir(venv.join("migrations"));
                alembic
            }
        };
        schema
            .env("LETTA_PG_URI", pg_uri)
            .env("HOME", run_dir)
            .stdin(Stdio::null());
        run(schema, &format!("creating Letta {self}'s schema")).map(drop)
    }
}

/// The environment variable [`LettaRelease::from_env`] reads.
pub const SERVER_VERSION_VAR: &str = "LETTA_SERVER_VERSION";

impl std::str::FromStr for LettaRelease {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "0.7.29" | "0.7" => Ok(LettaRelease::V0_7_29),
            "0.16.8" | "0.16" => Ok(LettaRelease::V0_16_8),
            other => Err(format!(
                "letta-testkit cannot run Letta {other:?}: {SERVER_VERSION_VAR} takes one of {}",
                LettaRelease::ALL.map(LettaRelease::as_str).join(", ")
            )),
        }
    }
}

impl fmt::Display for LettaRelease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
