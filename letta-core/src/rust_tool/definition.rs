//! What a Rust tool is, as data: from it come the JSON schema Letta 0.7 accepts and the Python
//! stub the server runs.

use schemars::Schema;

/// A tool's name, description, parameters and options.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ToolDefinition {
    /// The tool's (and the Python function's) name.
    pub name: String,
    /// What the tool does (the function's doc comment, or the `description` option).
    pub description: String,
    /// Tags for the tool on the server.
    pub tags: Vec<String>,
    /// The longest return value the server keeps in the agent's context.
    pub return_char_limit: Option<u32>,
    /// The JSON schema (as `schemars` generates it) of an object whose properties are the
    /// parameters, in order, with their descriptions; optional parameters are not required.
    pub parameters: Schema,
}

impl ToolDefinition {
    /// A definition; `parameters` is the schema of the arguments object.
    pub fn new(name: impl Into<String>, description: impl Into<String>, parameters: Schema) -> Self {
        Self {
            name: name.into(),
            description: description.into(),
            tags: Vec::new(),
            return_char_limit: None,
            parameters,
        }
    }

    /// With tags.
    pub fn with_tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// With a return character limit.
    pub fn with_return_char_limit(mut self, limit: u32) -> Self {
        self.return_char_limit = Some(limit);
        self
    }
}
