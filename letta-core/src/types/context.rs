//! The context window of an agent: what the model sees, and how many tokens each part takes.

use serde::{Deserialize, Serialize};

use super::{JsonMap, Message};

/// A function the model may call (`FunctionDefinition`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionDefinition {
    /// Function name.
    pub name: String,
    /// What it does.
    #[serde(default)]
    pub description: Option<String>,
    /// JSON schema of the arguments.
    #[serde(default)]
    pub parameters: Option<JsonMap>,
    /// Whether the schema is enforced strictly.
    #[serde(default)]
    pub strict: Option<bool>,
}

/// A tool as offered to the model (`FunctionTool`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionTool {
    /// The function.
    pub function: FunctionDefinition,
    /// Always `function`.
    #[serde(rename = "type", default)]
    pub kind: String,
}

/// Overview of the context window, including the number of messages and tokens
/// (`ContextWindowOverview`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextWindowOverview {
    /// The maximum amount of tokens the context window can hold.
    #[serde(default)]
    pub context_window_size_max: u64,
    /// The current number of tokens in the context window.
    #[serde(default)]
    pub context_window_size_current: u64,
    /// The number of messages in the context window.
    #[serde(default)]
    pub num_messages: u64,
    /// The number of messages in the archival memory.
    #[serde(default)]
    pub num_archival_memory: u64,
    /// The number of messages in the recall memory.
    #[serde(default)]
    pub num_recall_memory: u64,
    /// The number of tokens in the external memory summary (archival + recall metadata).
    #[serde(default)]
    pub num_tokens_external_memory_summary: u64,
    /// The metadata summary of the external memory sources (archival + recall metadata).
    #[serde(default)]
    pub external_memory_summary: String,
    /// The number of tokens in the system prompt.
    #[serde(default)]
    pub num_tokens_system: u64,
    /// The content of the system prompt.
    #[serde(default)]
    pub system_prompt: String,
    /// The number of tokens in the core memory.
    #[serde(default)]
    pub num_tokens_core_memory: u64,
    /// The content of the core memory.
    #[serde(default)]
    pub core_memory: String,
    /// The number of tokens in the summary memory.
    #[serde(default)]
    pub num_tokens_summary_memory: u64,
    /// The content of the summary memory.
    #[serde(default)]
    pub summary_memory: Option<String>,
    /// The number of tokens in the functions definitions.
    #[serde(default)]
    pub num_tokens_functions_definitions: u64,
    /// The content of the functions definitions.
    #[serde(default)]
    pub functions_definitions: Option<Vec<FunctionTool>>,
    /// The number of tokens in the messages list.
    #[serde(default)]
    pub num_tokens_messages: u64,
    /// The messages in the context window.
    #[serde(default)]
    pub messages: Vec<Message>,
    /// Tokens of the directories section (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_tokens_directories: Option<u64>,
    /// The directories section (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directories: Option<String>,
    /// Tokens of the tool usage rules (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_tokens_tool_usage_rules: Option<u64>,
    /// The tool usage rules (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_usage_rules: Option<String>,
    /// Tokens of the memory filesystem section (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_tokens_memory_filesystem: Option<u64>,
    /// The memory filesystem section (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_filesystem: Option<String>,
}

impl ContextWindowOverview {
    /// Names of the functions the model is offered.
    pub fn function_names(&self) -> Vec<&str> {
        self.functions_definitions
            .iter()
            .flatten()
            .map(|f| f.function.name.as_str())
            .collect()
    }
}
