//! Tools: functions an agent can call.

use serde::{Deserialize, Serialize};

use super::JsonMap;
use crate::ids::{OrganizationId, ToolId, UserId};

string_enum! {
    /// Where a tool comes from and how it runs (`ToolType`).
    ToolType {
        /// Written by a user, runs in the server's sandbox.
        Custom = "custom",
        /// Letta's core tools (`send_message`, ...).
        LettaCore = "letta_core",
        /// Letta's core-memory tools.
        LettaMemoryCore = "letta_memory_core",
        /// Letta's multi-agent tools.
        LettaMultiAgentCore = "letta_multi_agent_core",
        /// Sleep-time agent tools.
        LettaSleeptimeCore = "letta_sleeptime_core",
        /// Voice sleep-time agent tools.
        LettaVoiceSleeptimeCore = "letta_voice_sleeptime_core",
        /// Built-in tools.
        LettaBuiltin = "letta_builtin",
        /// Composio actions.
        ExternalComposio = "external_composio",
        /// LangChain tools.
        ExternalLangchain = "external_langchain",
        /// Tools of an MCP server.
        ExternalMcp = "external_mcp",
        /// Letta's file tools (0.16).
        LettaFilesCore = "letta_files_core",
    }
}

/// An npm package a TypeScript tool needs (`NpmRequirement`, 0.16).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NpmRequirement {
    /// The package.
    pub name: String,
    /// Its version; the latest when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// A tool as stored on the server (`Tool`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// Tool ID.
    pub id: ToolId,
    /// Function name.
    #[serde(default)]
    pub name: Option<String>,
    /// What the tool does.
    #[serde(default)]
    pub description: Option<String>,
    /// Kind of tool.
    #[serde(default = "default_tool_type")]
    pub tool_type: ToolType,
    /// Source language, e.g. `python`.
    #[serde(default)]
    pub source_type: Option<String>,
    /// Source code.
    #[serde(default)]
    pub source_code: Option<String>,
    /// The JSON schema the LLM sees (derived from the source by the server).
    #[serde(default)]
    pub json_schema: Option<JsonMap>,
    /// Schema of the arguments, when given explicitly.
    #[serde(default)]
    pub args_json_schema: Option<JsonMap>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Longest return value, in characters, kept in context.
    #[serde(default)]
    pub return_char_limit: Option<u32>,
    /// Free-form metadata (`metadata_` on the wire).
    #[serde(default, rename = "metadata_")]
    pub metadata: Option<JsonMap>,
    /// Owning organization.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// Creator.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// Last editor.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// Python packages the tool needs (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pip_requirements: Option<Vec<super::PipRequirement>>,
    /// npm packages a TypeScript tool needs (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npm_requirements: Option<Vec<NpmRequirement>>,
    /// Whether a call waits for a human's approval by default (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_requires_approval: Option<bool>,
    /// Whether calls may run in parallel (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_parallel_execution: Option<bool>,
    /// Project (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

fn default_tool_type() -> ToolType {
    ToolType::Custom
}

/// A new tool (`ToolCreate`).
///
/// `source_code` is Python with a `def`, type annotations and a Google-style `Args:` docstring;
/// the server derives the JSON schema from it (and adds a `request_heartbeat` parameter).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ToolCreate {
    /// The source code.
    pub source_code: String,
    /// What the tool does (default: from the docstring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// Source language (server default `python`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// Explicit JSON schema, instead of deriving it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<JsonMap>,
    /// Explicit argument schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args_json_schema: Option<JsonMap>,
    /// Longest return value kept in context (server default 6000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_char_limit: Option<u32>,
}

impl ToolCreate {
    /// A tool from Python source.
    pub fn python(source_code: impl Into<String>) -> Self {
        Self {
            source_code: source_code.into(),
            ..Self::default()
        }
    }
}

/// Changes to a tool (`ToolUpdate`); unset fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ToolUpdate {
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// New source code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_code: Option<String>,
    /// New source language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// New JSON schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<JsonMap>,
    /// New argument schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args_json_schema: Option<JsonMap>,
    /// New return limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_char_limit: Option<u32>,
}

/// Runs source code as a tool without saving it (`ToolRunFromSource`). `Debug` hides the
/// values of `env_vars`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ToolRunFromSource {
    /// The source code.
    pub source_code: String,
    /// Arguments, by parameter name.
    #[builder(default)]
    pub args: JsonMap,
    /// Environment variables for the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env_vars: Option<std::collections::BTreeMap<String, String>>,
    /// Function to call, when the source defines several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Source language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// Explicit JSON schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<JsonMap>,
    /// Explicit argument schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args_json_schema: Option<JsonMap>,
}

/// Filters for `GET /v1/tools/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListToolsParams {
    /// Only the tool with this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Cursor: tools after this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// What `GET /v1/tools/count` counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct CountToolsParams {
    /// `true` counts every tool (what [`Tools::list_all`](crate::api::Tools::list_all)
    /// returns). Unset or `false`, 0.7.29 counts only its built-in tools: its filter is the
    /// other way round from the parameter's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_base_tools: Option<bool>,
}

impl CountToolsParams {
    /// Count every tool, built-in or not.
    pub fn every_tool() -> Self {
        Self {
            include_base_tools: Some(true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_create_sends_only_source_when_minimal() {
        let v = serde_json::to_value(ToolCreate::python("def f(): pass")).unwrap();
        assert_eq!(v, serde_json::json!({"source_code": "def f(): pass"}));
    }

    #[test]
    fn tool_metadata_uses_wire_name() {
        let t: Tool = serde_json::from_str(
            r#"{"id":"tool-1","metadata_":{"a":1},"tool_type":"letta_core","new_field":true}"#,
        )
        .unwrap();
        assert_eq!(t.metadata.unwrap()["a"], 1);
        assert_eq!(t.tool_type, ToolType::LettaCore);
    }
}
