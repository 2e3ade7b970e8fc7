//! Agent files: an agent exported as one JSON document, and imported back.

use crate::ids::ProjectId;
use serde::Serialize;

/// An agent serialised by `GET /v1/agents/{agent_id}/export` (an `AgentSchema` document: memory,
/// messages, tools and settings). The exact bytes are kept so the agent can be imported back
/// unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentExport {
    json: String,
}

impl AgentExport {
    /// Wraps an export read from elsewhere (a file); fails when it is not a JSON object.
    pub fn from_json(json: impl Into<String>) -> Result<Self, crate::LettaError> {
        let json = json.into();
        match serde_json::from_str::<serde_json::Value>(&json) {
            Ok(serde_json::Value::Object(_)) => Ok(Self { json }),
            Ok(_) => Err(crate::LettaError::InvalidInput(
                "an agent export is a JSON object; pass the text export() returned".into(),
            )),
            Err(e) => Err(crate::LettaError::InvalidInput(format!(
                "an agent export must be JSON ({e}); pass the text export() returned"
            ))),
        }
    }

    /// The document as the server sent it.
    pub fn as_json(&self) -> &str {
        &self.json
    }

    /// The document, parsed.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(&self.json).unwrap_or(serde_json::Value::Null)
    }

    /// The exported agent's name.
    pub fn name(&self) -> Option<String> {
        self.to_value()
            .get("name")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    }

    /// Number of exported messages.
    pub fn message_count(&self) -> usize {
        self.to_value()
            .get("messages")
            .and_then(serde_json::Value::as_array)
            .map_or(0, Vec::len)
    }
}

/// Options of `POST /v1/agents/import`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(ProjectId, into))]
#[non_exhaustive]
pub struct ImportAgentParams {
    /// Append `_copy` to the agent's name (server default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub append_copy_suffix: Option<bool>,
    /// Let the upload overwrite the source code of existing tools of the same name (server
    /// default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_existing_tools: Option<bool>,
    /// The project to associate the agent with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// Import without the agent's messages (server default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strip_messages: Option<bool>,
}
