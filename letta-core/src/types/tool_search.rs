//! Tool search, schema generation and generated tools (Letta 0.16).

use serde::{Deserialize, Serialize};

use super::{JsonMap, Tool};

/// Source code to derive a tool's JSON schema from (`CodeInput`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ToolSchemaRequest {
    /// A Python function (with a docstring describing its arguments) or a TypeScript function.
    pub code: String,
    /// `python` (the server's default) or `typescript`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
}

impl ToolSchemaRequest {
    /// The schema of a Python function.
    pub fn python(code: impl Into<String>) -> Self {
        ToolSchemaRequest {
            code: code.into(),
            source_type: None,
        }
    }
}

/// A tool for the server's LLM to write (`GenerateToolInput`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ToolGenerate {
    /// The function's name.
    pub tool_name: String,
    /// What the function should do.
    pub prompt: String,
    /// The model (`provider/model`) to write it; the server picks one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Code to start from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starter_code: Option<String>,
    /// Errors of an earlier attempt for the model to fix (the server requires the list, empty
    /// or not).
    #[serde(default)]
    #[builder(default)]
    pub validation_errors: Vec<String>,
}

/// A tool the server's LLM wrote (`GenerateToolOutput`); not saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeneratedTool {
    /// The tool, with its source and schema.
    pub tool: Tool,
    /// Arguments to try it with.
    #[serde(default)]
    pub sample_args: JsonMap,
    /// What the model said.
    #[serde(default)]
    pub response: String,
}

string_enum! {
    /// How a search matches (`search_mode` of the 0.16 search requests).
    SearchMode {
        /// By embedding similarity.
        Vector = "vector",
        /// By full-text search.
        Fts = "fts",
        /// Both, ranks combined (the server's default).
        Hybrid = "hybrid",
    }
}

/// A tool search (`ToolSearchRequest`). Needs tool embeddings enabled on the server
/// (`embed_tools`); otherwise the server answers 400.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ToolSearch {
    /// The text to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// How to match (the server's default: hybrid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_mode: Option<SearchMode>,
    /// Only tools of these types (e.g. `custom`, `letta_core`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_types: Option<Vec<String>>,
    /// Only tools with any of these tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// At most this many results, 1 to 100 (the server's default: 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl ToolSearch {
    /// Tools matching `query`, in the server's default mode.
    pub fn query(query: impl Into<String>) -> Self {
        ToolSearch {
            query: Some(query.into()),
            ..Default::default()
        }
    }
}

/// One tool found, with its ranks (`ToolSearchResult`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolSearchResult {
    /// The tool.
    pub tool: Tool,
    /// The text whose embedding matched (the server leaves it empty).
    #[serde(default)]
    pub embedded_text: Option<String>,
    /// Its full-text rank.
    #[serde(default)]
    pub fts_rank: Option<u32>,
    /// Its vector rank.
    #[serde(default)]
    pub vector_rank: Option<u32>,
    /// Its combined relevance score (reciprocal rank fusion in hybrid mode).
    #[serde(default)]
    pub combined_score: f64,
}
