//! Orchestration on top of [`letta_core`]: typed agent handles, fan-out over many agents,
//! server batch jobs, group runs, client-side workflows, and middleware as `tower` layers. The
//! same code runs on Letta 0.7.x and 0.16; where a server lacks something (groups on 0.16,
//! approvals on 0.7), the module docs say what happens.
//!
//! | module | what it does |
//! | --- | --- |
//! | [`turn`] | [`Turn`]: what one agent turn produced and how it was obtained, whatever path ran it; read replies with [`Replies`] |
//! | [`handle`] | [`AgentHandle`]: send (reconciled), stream, background runs, memory by label, archival memory, tools, reset, tool approvals (0.16); [`TypedAgent`] for structured output; [`ConversationHandle`] (0.16); [`BackgroundTurn`] and [`TurnProgress`]: long turns another process resumes (0.16) |
//! | [`spec`] | [`AgentSpec`]: describe an agent once; `create`, or `ensure` (find or create, never twice from one process) |
//! | [`fanout`] | N messages over M agents: global limit, one send per agent, bounded memory, progress, cancel by drop |
//! | [`batch`] | server-side batch jobs (`/v1/messages/batches`): submit, wait, collect per agent, cancel |
//! | [`group`] | group runs for every manager type, with transcripts per agent and guaranteed teardown; run by the server on 0.7, by the orchestrator on 0.16 |
//! | [`workflow`] | typed pipelines and map-reduce with a trace of which agent produced what |
//! | [`reconcile`] | sends that never duplicate or lose a turn, even when the answer is lost |
//! | [`layers`] | retry, limit and trace layers, and the recommended stack |
//! | [`tools`] | Rust functions as agent tools: [`letta_tool`](macro@letta_tool) (feature `macros`, on by default), run client-side (0.16) or through a host (0.7 and 0.16) |
//!
//! ```no_run
//! use letta_orchestrator::layers::RecommendedLayers;
//! use letta_core::types::{AgentCreate, BlockCreate};
//! use letta_orchestrator::{AgentSpec, Replies};
//!
//! # #[derive(serde::Deserialize, schemars::JsonSchema)] struct Verdict { approve: bool, reason: String }
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = letta_core::LettaClient::builder().recommended_layers().build()?;
//! let reviewer = AgentSpec::from(
//!     AgentCreate::builder()
//!         .name("reviewer")
//!         .model("openai/gpt-4o-mini")
//!         .embedding("openai/text-embedding-3-small")
//!         .memory_blocks([BlockCreate::new("persona", "I review pull requests strictly.")])
//!         .build(),
//! )
//! .ensure(&client)
//! .await?
//! .handle;
//! let turn = reviewer.send("Hi!").await?;
//! println!("{}", turn.last_reply().unwrap_or_default());
//!
//! let verdicts = reviewer.typed::<Verdict>().await?;
//! let verdict = verdicts.send("Review: renamed `foo` to `bar` everywhere.").await?;
//! println!("approve: {} ({})", verdict.approve, verdict.reason);
//! # Ok(()) }
//! ```

pub use letta_core;

pub mod batch;
pub mod fanout;
pub mod group;
pub mod handle;
pub mod layers;
mod per_agent;
pub mod reconcile;
pub mod spec;
pub mod tools;
pub mod turn;
pub mod workflow;

pub use handle::{AgentHandle, BackgroundTurn, ConversationHandle, OutputError, TurnProgress, TypedAgent};
/// Reading replies out of a [`Turn`] (or any messages): `assistant_texts()`, `last_reply()`.
pub use letta_core::types::Replies;
pub use spec::AgentSpec;
pub use turn::{Turn, TurnSource};

/// Turns a function into a Letta tool whose body runs in this process when an agent calls it;
/// give it to an agent with [`tools::ToolRegistry::equip`].
///
/// This is [`letta_tools_macros::letta_tool`](macro@letta_tools_macros::letta_tool), whose
/// documentation lists the parameters, return values and options it takes, with an expansion
/// that reaches `letta_core` through this crate: depending on `letta-orchestrator` is enough.
/// Feature `macros`, on by default.
///
/// ```
/// use letta_orchestrator::letta_core::rust_tool::LettaTool;
/// use letta_orchestrator::letta_tool;
///
/// /// Converts a temperature from Celsius to Fahrenheit.
/// #[letta_tool(tags = ["units"])]
/// fn to_fahrenheit(
///     /// Degrees Celsius.
///     celsius: f64,
/// ) -> f64 {
///     celsius * 9.0 / 5.0 + 32.0
/// }
///
/// let definition = ToFahrenheitTool.definition();
/// assert_eq!(definition.name, "to_fahrenheit");
/// assert_eq!(definition.tags, ["units"]);
/// ```
#[cfg(feature = "macros")]
#[doc(inline)]
pub use letta_tools_macros::letta_tool_via_orchestrator as letta_tool;
