//! `#[letta_tool]`: turns a Rust function into a Letta tool that runs as Rust when an agent
//! calls it.
//!
//! The attribute keeps the function as written and adds a unit struct named after it
//! (`get_weather` -> `GetWeatherTool`) that implements `letta_core::rust_tool::LettaTool`:
//! its definition (name, description, JSON schema of the parameters, tags, return character
//! limit) and a `call` that decodes the agent's JSON arguments, runs the function and encodes
//! its return value as JSON. A tool host (in `letta-orchestrator`) serves such tools to the
//! Python stubs the Letta server runs.
//!
//! ```
//! use letta_core::rust_tool::LettaTool;
//! use letta_tools_macros::letta_tool;
//!
//! /// Gets the weather forecast for a city.
//! ///
//! /// # Arguments
//! ///
//! /// * `city` - The city, in English.
//! /// * `days` - How many days ahead (default 1).
//! #[letta_tool(tags = ["weather"], return_char_limit = 2000)]
//! async fn get_weather(city: &str, days: Option<u8>) -> Result<String, std::io::Error> {
//!     Ok(format!("{city}: sunny for {} day(s)", days.unwrap_or(1)))
//! }
//!
//! let definition = GetWeatherTool.definition();
//! assert_eq!(definition.name, "get_weather");
//! assert_eq!(definition.description, "Gets the weather forecast for a city.");
//! assert_eq!(definition.tags, ["weather"]);
//! ```
//!
//! Parameters can also be described by their own doc comments; `call` is what the tool host
//! runs when an agent calls the tool:
//!
//! ```
//! use letta_core::rust_tool::{LettaTool, ToolError};
//! use letta_tools_macros::letta_tool;
//! use serde_json::json;
//!
//! /// Divides one number by another.
//! #[letta_tool(name = "divide")]
//! fn div(
//!     /// The dividend.
//!     a: f64,
//!     /// The divisor, not zero.
//!     b: f64,
//! ) -> Result<f64, String> {
//!     if b == 0.0 { Err("division by zero".to_owned()) } else { Ok(a / b) }
//! }
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! assert_eq!(DivTool.call(json!({"a": 1.0, "b": 4.0})).await, Ok(json!(0.25)));
//! assert_eq!(
//!     DivTool.call(json!({"a": 1.0, "b": 0.0})).await,
//!     Err(ToolError::Failed("division by zero".to_owned())),
//! );
//! let error = DivTool.call(json!({"a": 1.0})).await.unwrap_err();
//! assert_eq!(error.to_string(), "invalid arguments for tool `divide`: missing field `b`");
//! # });
//! ```
//!
//! # What becomes what
//!
//! - **Name**: the function's name, or `name = ".."`.
//! - **Description**: the function's doc comment up to an `# Arguments` heading, or
//!   `description = ".."`. A tool without one does not compile: the agent needs it to decide
//!   when to call the tool.
//! - **Parameter descriptions**: a doc comment on the parameter (`/// The city.` right before
//!   `city: &str`), or its entry in the function's `# Arguments` section, written
//!   `` * `city` - The city.`` or `- city: The city.`; a parameter may have none. An entry naming
//!   no parameter is a compile error.
//! - **Parameters**: integers, `f32`/`f64`, `bool`, `String`, `&str`, `Option<T>` (not
//!   required), `Vec<T>`, `HashMap<String, T>`/`BTreeMap<String, T>`, and structs or enums
//!   without generics deriving `serde::Deserialize` and `schemars::JsonSchema` (an enum of unit
//!   variants becomes a string enum). References other than `&str`, slices and arrays, tuples,
//!   `impl Trait`, `dyn Trait`, raw pointers, maps with other keys, generic functions, methods
//!   and parameters that are patterns are compile errors that say what to take instead.
//! - **Return value**: any `T: Serialize` (no return type is `()`, JSON `null`), or
//!   `Result<T, E>` with `E: Display`, where `Err(e)` fails the call with `e.to_string()` as the
//!   message the agent sees.
//! - **Names**: Letta runs tools as Python, so the tool's name and its parameters' names must be
//!   Python identifiers that are not Python keywords (`from`, `in`, `lambda`, ..) nor
//!   `request_heartbeat`, which Letta adds to every tool; a raw identifier (`r#type`) counts
//!   without its `r#`.
//! - The function may be `async`; its future must be `Send`. A sync function runs inside the
//!   call's future, so a long computation should be `async` or use `spawn_blocking` itself.
//!
//! # Options
//!
//! `#[letta_tool(name = "..", description = "..", tags = ["a", "b"], return_char_limit = 4000,
//! crate = "path::to::letta_core")]`, all optional. `crate` is for code that reaches
//! `letta_core` under another path (e.g. through a re-export of your own); the default is
//! `::letta_core`, or `::letta_orchestrator::letta_core` for the attribute as
//! `letta-orchestrator` re-exports it (`letta_orchestrator::letta_tool`, its default `macros`
//! feature), so a crate that depends on `letta-orchestrator` alone needs no `crate` option.
//!
//! # What is generated
//!
//! Next to `fn get_weather`: `struct GetWeatherTool;` with the function's visibility, deriving
//! `Debug, Clone, Copy, Default`, with a `NAME` constant (the tool's name) and the
//! `LettaTool` implementation; and a hidden arguments struct deriving `Deserialize` and
//! `JsonSchema`, one field per parameter, whose schema is the tool's parameters (titled with the
//! tool's name). `#[cfg(..)]` attributes on the function apply to all of it.

mod docs;
mod errors;
mod expand;
mod options;
mod parse;
mod python;
mod types;

use proc_macro::TokenStream;
use quote::quote;

/// Turns a function into a Letta tool: see the [crate documentation](crate) for what it
/// accepts and what it generates.
#[proc_macro_attribute]
pub fn letta_tool(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::letta_tool(args.into(), item.into(), quote!(::letta_core)).into()
}

// `letta_tool` as `letta-orchestrator` re-exports it (`letta_orchestrator::letta_tool`, which
// carries the documentation): the same attribute, reaching `letta_core` through
// `::letta_orchestrator::letta_core`, so a crate that depends on `letta-orchestrator` alone can
// use it. A proc-macro cannot see which crate re-exported it, hence a second entry point rather
// than one that guesses from the caller's manifest.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn letta_tool_via_orchestrator(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::letta_tool(args.into(), item.into(), quote!(::letta_orchestrator::letta_core)).into()
}
