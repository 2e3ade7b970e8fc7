//! Newtype IDs, so an agent ID cannot be passed where a block ID is expected.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::LettaError;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an ID string as the server gave it.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The ID as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Unwraps the ID string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        // So a cursor (a `String` field of list parameters) takes an ID as it is.
        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl From<&$name> for String {
            fn from(id: &$name) -> Self {
                id.0.clone()
            }
        }

        // An ID reads as the string it is: `id.starts_with("agent-")`, `option.as_deref()`.
        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

pub(crate) fn segment<'a>(what: &str, value: &'a str) -> Result<std::borrow::Cow<'a, str>, LettaError> {
    if value.trim().is_empty() {
        return Err(LettaError::InvalidInput(format!("the {what} must not be empty")));
    }
    Ok(crate::client::seg(value))
}

id_type!(/// The ID of an agent (`agent-...`).
    AgentId);
id_type!(/// The ID of a memory block (`block-...`).
    BlockId);
id_type!(/// The ID of a tool (`tool-...`).
    ToolId);
id_type!(/// The ID of a message (`message-...`).
    MessageId);
id_type!(/// The ID of an archival-memory passage (`passage-...`).
    PassageId);
id_type!(/// The ID of a run, an asynchronous agent step (`run-...`).
    RunId);
id_type!(/// The ID of a data source (`source-...`).
    SourceId);
id_type!(/// The ID of a multi-agent group (`group-...`).
    GroupId);
id_type!(/// The ID of an identity (`identity-...`).
    IdentityId);
id_type!(/// The ID of a job (`job-...`).
    JobId);
id_type!(/// The ID of an agent step (`step-...`).
    StepId);
id_type!(/// The ID of a user (`user-...`).
    UserId);
id_type!(/// The ID of an organization (`org-...`).
    OrganizationId);
id_type!(/// The ID of a file uploaded to a source (`file-...`).
    FileId);
id_type!(/// The ID of a bring-your-own-key LLM provider (`provider-...`).
    ProviderId);
id_type!(/// The ID of a project (Letta Cloud).
    ProjectId);
id_type!(/// The ID of an agent template (Letta Cloud).
    TemplateId);
id_type!(/// The ID of an archive, a store of passages agents can share (`archive-...`; Letta 0.16).
    ArchiveId);
id_type!(/// The ID of a conversation, one thread of an agent's messages (`conv-...`; Letta 0.16).
    ConversationId);
id_type!(/// The ID of an MCP server registered with Letta (Letta 0.16's `/v1/mcp-servers/`).
    McpServerId);
/// The ID of a folder. Letta 0.16 renamed sources to folders; a folder's ID is a source's
/// (`source-...`), so both names are one type.
pub type FolderId = SourceId;
id_type!(/// The ID of a tool-sandbox configuration (`sandbox-...`).
    SandboxConfigId);
id_type!(/// The ID of a sandbox environment variable (`sandbox-env-...`).
    SandboxEnvVarId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_transparent_in_json() {
        let id: AgentId = serde_json::from_str("\"agent-1\"").unwrap();
        assert_eq!(id, "agent-1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"agent-1\"");
        assert_eq!(format!("{id:?}"), "AgentId(\"agent-1\")");
    }

    #[test]
    fn empty_ids_are_refused() {
        let err = segment("agent_id", " ").unwrap_err();
        assert_eq!(err.to_string(), "invalid input: the agent_id must not be empty");
        assert_eq!(segment("block_id", "a/b").unwrap(), "a%2Fb");
    }
}
