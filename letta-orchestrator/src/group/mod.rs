//! Group runs: a Letta multi-agent group set up from agent handles (and agents the run
//! creates), messaged, read per agent, and torn down.
//!
//! Every manager pattern of Letta 0.7.29 is covered by [`GroupSpec`]: round robin,
//! supervisor, dynamic, sleep-time and voice sleep-time, on 0.7.x and (all but voice) on 0.16,
//! with the same code. A run owns the group it creates and the agents it creates from a
//! [`letta_core::types::AgentCreate`], and deletes them at teardown, also when something
//! failed; it never deletes an agent the caller passed in.
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
//! # Who runs the conversation
//!
//! Letta 0.7.x runs group conversations on the server (`send_group_message`). Letta 0.16
//! keeps group CRUD (create, retrieve, delete, shared blocks) but no longer runs them, so there
//! the orchestrator does, with the same API ([`GroupSession::is_orchestrated`] tells which):
//! the group is still created on the server (so [`GroupSession::id`], [`GroupSession::group`],
//! shared blocks and teardown are the same), and each agent's turn is a reconciled agent send
//! ([`crate::reconcile`]): never sent again blindly, and a turn whose outcome is unknown stops
//! the conversation with [`GroupError::Turn`], which says whether it ran and keeps the turns
//! before it. The patterns follow 0.7.29's server code:
//! - round robin: each member in order gets what it has not seen yet (the caller's message,
//!   then the replies of the members who spoke since its last turn, as system messages under
//!   their names), `max_turns` turns (default one per member);
//! - supervisor: the manager is offered [`SUPERVISOR_TOOL`] as a client-side tool; its call
//!   stops its turn with an approval request, the orchestrator sends the message to every
//!   worker at once and answers the call with their replies (`<agent> said: '<reply>'`, as
//!   0.7.29's tool returns them); a manager that never calls it is [`GroupError::ManagerTool`];
//! - dynamic: each turn the manager is asked (in 0.7.29's words) to pick the next speaker by
//!   name; the conversation ends after `max_turns` turns or at the termination token;
//! - sleep-time: the main agent is messaged directly; the server then starts its sleep-time
//!   agent in the background, as 0.7.29 does for a group send.
//!
//! # What differs between servers
//!
//! | | 0.7.x (the server runs it) | 0.16 (the orchestrator runs it) |
//! | --- | --- | --- |
//! | a failed send | [`GroupError::Send`] (not retried: agents may have run) | [`GroupError::Turn`] naming the agent, with the turns before it |
//! | [`GroupSession::stream`] | streams the group's steps | refused ([`letta_core::LettaError::NotServed`] in [`GroupError::Send`]): 0.16 does not stream groups; [`GroupSession::stream_collect`] runs the send |
//! | supervisor tool | a server tool, attached by the run (0.7.29 attaches it only to the first supervisor of an organisation) | a client-side tool offered with each send; nothing attached |
//! | workers' messages in a supervisor reply | read from their histories (with the manager's message) | their turns as answered (their input is in their histories) |
//! | replies of later speakers | written into earlier speakers' histories at the end of a send | given to them at the start of their next turn in this session (a client cannot add history without running a turn) |
//! | group-chat persona texts | added to the agents' personas for the send | not added |
//! | dynamic termination token | never matches (see [`letta_core::types::ManagerConfig::Dynamic`]) | ends the conversation when a reply holds it |
//! | dynamic manager naming nobody | the send fails on the server (the last speaker is asked again after the first turn) | [`GroupError::NoSpeaker`] |
//! | a supervisor worker's failed turn | reported inside the manager's tool result; the send succeeds | reported to the manager the same way (so it is not left waiting), then [`GroupError::Turn`] |
//! | [`GroupReply::usage`] | the server's total | the sum of the turns' (`None` if a turn's answer was lost and read back from history) |
//! | sends to one session at once | run side by side on the server | run one after another |
//! | voice sleep-time | runs through the voice endpoint | refused at setup ([`GroupError::Invalid`]): 0.16 retired the voice endpoint (410) |
//!
//! What 0.7.29 allows, which the API follows:
//! - a sleep-time group can only be messaged if the server made it for a main agent created
//!   with `enable_sleeptime` (a group assembled from plain agents never answers), so
//!   [`GroupSpec::sleeptime`] creates such an agent or adopts an existing one's group (0.16
//!   likewise runs a sleep-time agent only for such a main agent; it also gives that agent the
//!   `send_message` tool and lists its calls as tool calls, so its reply is the `message`
//!   argument of a `send_message` call: read it with
//!   [`Replies::last_reply_json`](letta_core::types::Replies::last_reply_json));
//! - a voice sleep-time group cannot be messaged through the group endpoints; the run talks to
//!   its voice agent through the voice endpoint instead, and does not stream;
//! - a supervisor group's reply holds the workers' answers only in the manager's tool result,
//!   so their messages are read from their own histories;
//! - a supervisor's manager gets its group tool ([`SUPERVISOR_TOOL`]) from the server only
//!   for the organisation's first supervisor group, so the run attaches it; a send whose
//!   manager's tool call failed is [`GroupError::ManagerTool`];
//! - a dynamic group's termination token never matches; bound it with `max_turns`.

mod error;
mod orchestrated;
mod run;
mod session;
mod spec;
mod supervisor;
mod transcript;

pub use error::{GroupError, Resource, ScopeError, TeardownError};
pub use run::GroupRun;
pub use session::{GroupReply, GroupSession};
pub use spec::{GroupSpec, Member};
pub use supervisor::SUPERVISOR_TOOL;
pub use transcript::{AgentTranscript, Participant, Role, Transcript};
