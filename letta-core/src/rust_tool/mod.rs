//! Rust functions as Letta tools: the contract between `#[letta_tool]` (which implements
//! [`LettaTool`] for a function), the tool host that runs them (`letta-orchestrator`), and the
//! Python stub the Letta server executes.
//!
//! A Rust tool reaches an agent by one of two routes. On Letta 0.16, as a *client-side tool*:
//! a send offers its name, description and schema ([`ToolDefinition::letta_json_schema`]), a
//! call comes back to the caller, which runs the function and answers with its result (the
//! loop is `letta-orchestrator`'s). On Letta 0.7 and 0.16, as a *server tool*: Letta runs tools
//! as Python in its sandbox (0.7 derives a tool's JSON schema from the Python source,
//! annotations and a Google-style `Args:` docstring; 0.16 is given it), so a Rust tool is
//! registered as a small Python *stub* with the same signature, whose body calls back over HTTP
//! to the process that owns the Rust function:
//!
//! - the stub reads `LETTA_RS_TOOL_HOST` (base URL of the host, e.g. `http://127.0.0.1:41234`),
//!   `LETTA_RS_TOOL_SECRET` and optionally `LETTA_RS_TOOL_TIMEOUT` (seconds, default 60) from
//!   its environment (the agent's tool environment variables);
//! - it sends `POST {host}/tools/{name}` with header `x-letta-rs-tool-secret: {secret}`, content
//!   type `application/json`, and its arguments as a JSON object (parameter name -> value;
//!   parameters left at `None` are omitted);
//! - the host answers `200` with `{"ok": <value>}` (the function's return value as JSON) or
//!   `{"error": "<message>"}` (the function returned `Err`, panicked, timed out, or the
//!   arguments did not decode); any other status is an error too;
//! - the stub returns a string value as it is and any other value as JSON text
//!   (`json.dumps`), and raises `RuntimeError(message)` on an error, which the agent sees as an
//!   error tool return.

mod definition;
mod schema;
mod shape;
mod stub;

pub use definition::ToolDefinition;
pub use shape::StubError;

use std::future::Future;
use std::pin::Pin;

use serde_json::Value;

/// The environment variable holding the tool host's base URL, read by the stub.
pub const HOST_ENV: &str = "LETTA_RS_TOOL_HOST";
/// The environment variable holding the shared secret, read by the stub.
pub const SECRET_ENV: &str = "LETTA_RS_TOOL_SECRET";
/// The environment variable holding the stub's call timeout in seconds (default 60).
pub const TIMEOUT_ENV: &str = "LETTA_RS_TOOL_TIMEOUT";
/// The header carrying the shared secret on a call from the stub to the host.
pub const SECRET_HEADER: &str = "x-letta-rs-tool-secret";

/// The future a tool call returns.
pub type ToolFuture = Pin<Box<dyn Future<Output = Result<Value, ToolError>> + Send + 'static>>;

/// A Rust function that Letta agents can call. `#[letta_tool]` implements it; the trait is
/// object safe, so a registry holds `Arc<dyn LettaTool>`.
pub trait LettaTool: Send + Sync + 'static {
    /// Name, description, parameters and options of the tool.
    fn definition(&self) -> ToolDefinition;

    /// Runs the function on the JSON arguments of a tool call (an object: parameter name ->
    /// value). Returns the function's return value as JSON.
    fn call(&self, arguments: Value) -> ToolFuture;
}

/// Why a tool call gave no value. The message is what the agent sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ToolError {
    /// The arguments are not what the function takes.
    #[error("invalid arguments for tool `{tool}`: {message}")]
    InvalidArguments {
        /// The tool.
        tool: String,
        /// What did not decode.
        message: String,
    },
    /// The function returned `Err`; this is its `Display`.
    #[error("{0}")]
    Failed(String),
    /// The function panicked.
    #[error("tool `{tool}` panicked: {message}")]
    Panicked {
        /// The tool.
        tool: String,
        /// The panic message.
        message: String,
    },
    /// The function did not finish in time.
    #[error("tool `{tool}` did not finish within {after:?}")]
    TimedOut {
        /// The tool.
        tool: String,
        /// The limit.
        after: std::time::Duration,
    },
    /// The return value could not be turned into JSON.
    #[error("tool `{tool}` returned a value that is not JSON: {message}")]
    InvalidReturn {
        /// The tool.
        tool: String,
        /// Why.
        message: String,
    },
}

/// What `#[letta_tool]`'s expansion refers to; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use schemars;
    pub use serde;
    pub use serde_json;

    /// The schema of a tool's arguments struct, as [`ToolDefinition::parameters`] holds it
    /// (draft 07, subschemas inlined: Letta 0.7 resolves no `$ref`).
    ///
    /// [`ToolDefinition::parameters`]: super::ToolDefinition::parameters
    pub fn args_schema<T: schemars::JsonSchema>() -> schemars::Schema {
        schemars::generate::SchemaSettings::draft07()
            .with(|settings| {
                settings.inline_subschemas = true;
                settings.meta_schema = None;
            })
            .into_generator()
            .into_root_schema_for::<T>()
    }
}
