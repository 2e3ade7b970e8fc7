//! Group runs: a Letta multi-agent group set up from agent handles (and agents the run
//! creates), messaged, read per agent, and torn down.
//!
//! Every manager pattern of Letta 0.7.29 is covered by [`GroupSpec`]: round robin,
//! supervisor, dynamic, sleep-time and voice sleep-time. A run owns the group it creates and
//! the agents it creates from a [`letta_core::types::AgentCreate`], and deletes them at
//! teardown; it never deletes an agent the caller passed in.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, a: letta_orchestrator::AgentHandle, b: letta_orchestrator::AgentHandle) -> Result<(), Box<dyn std::error::Error>> {
//! use letta_core::types::MessageCreate;
//! use letta_orchestrator::group::{GroupError, GroupRun, GroupSpec};
//! use letta_orchestrator::Replies;
//!
//! let texts = GroupRun::scope(client, GroupSpec::round_robin([&a, &b]), |group| async move {
//!     let reply = group.send(MessageCreate::user("Hello, team")).await?;
//!     Ok::<_, GroupError>(reply.transcript.turn(&a).map(|turn| turn.assistant_texts()))
//! })
//! .await?;
//! println!("{texts:?}");
//! # Ok(()) }
//! ```
//!
//! What 0.7.29 allows, which the API follows:
//! - a sleep-time group can only be messaged if the server made it for a main agent created
//!   with `enable_sleeptime` (a group assembled from plain agents never answers), so
//!   [`GroupSpec::sleeptime`] creates such an agent or adopts an existing one's group;
//! - a voice sleep-time group cannot be messaged through the group endpoints; the run talks to
//!   its voice agent through the voice endpoint instead, and does not stream;
//! - a supervisor group's reply holds the workers' answers only in the manager's tool result,
//!   so their messages are read from their own histories;
//! - a supervisor's manager gets its group tool ([`SUPERVISOR_TOOL`]) from the server only
//!   for the organisation's first supervisor group, so the run attaches it; a send whose
//!   manager's tool call failed is [`GroupError::ManagerTool`];
//! - a dynamic group's termination token never matches; bound it with `max_turns`.

mod chat;
mod driven;
mod error;
mod run;
mod session;
mod spec;
mod supervise;
mod supervisor;
mod transcript;

pub use error::{GroupError, Resource, ScopeError, TeardownError};
pub use run::GroupRun;
pub use session::{GroupReply, GroupSession};
pub use spec::{GroupSpec, Member};
pub use supervisor::SUPERVISOR_TOOL;
pub use transcript::{AgentTranscript, Participant, Role, Transcript};
