//! What can go wrong setting up, running and tearing down a group.

use std::fmt;

use letta_core::LettaError;
use letta_core::ids::{AgentId, GroupId};
use letta_core::types::MessageCreate;

use super::{GroupReply, GroupSpec};
use crate::reconcile::SendError;

/// A group run's failure. Each variant keeps what the caller handed over.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GroupError {
    /// The group could not be set up. Whatever the run had created so far was torn down;
    /// `cleanup` says if that failed too.
    #[error("the group could not be set up: {source}{}", cleanup_note(.cleanup))]
    Setup {
        /// Why.
        source: LettaError,
        /// The spec, to fix and retry.
        spec: Box<GroupSpec>,
        /// Leftovers that could not be removed.
        cleanup: Option<TeardownError>,
    },
    /// The spec is incomplete or asks for something the server cannot do (such as a voice
    /// sleep-time group on 0.16, which retired the voice endpoint); nothing was created.
    #[error("invalid group spec: {reason}")]
    Invalid {
        /// What and why.
        reason: String,
        /// The spec.
        spec: Box<GroupSpec>,
    },
    /// A send to the group failed. It is not retried: the group's agents may have run.
    #[error("sending to group {group_id}: {source}")]
    Send {
        /// The group.
        group_id: GroupId,
        /// The message that was sent.
        message: Box<MessageCreate>,
        /// Why.
        source: LettaError,
    },
    /// The send went through, but the supervisor's manager did not reach its workers: a tool
    /// call of it failed and was not made good later in the turn (such as
    /// [`super::SUPERVISOR_TOOL`] failing with "No function named ..."), or it never called
    /// that tool. Not retried: the manager's turn ran. The reply is kept.
    #[error("group {group_id}: manager {manager} did not reach its workers through {tool}: {failure}")]
    ManagerTool {
        /// The group.
        group_id: GroupId,
        /// The manager agent.
        manager: AgentId,
        /// The tool that failed.
        tool: String,
        /// What the server recorded as the failure (bounded).
        failure: String,
        /// What the send produced, the manager's failed call included.
        reply: Box<GroupReply>,
    },
    /// On a server that does not run groups (0.16+; the orchestrator runs the conversation over
    /// reconciled agent sends), one agent's turn failed and the conversation stopped there.
    /// `source` says whether that turn ran (see [`SendError`]): it was never sent again blindly.
    /// The turns that happened before it are in `reply`.
    #[error("group {group_id}: the turn of agent {agent_id} failed, the group stopped there: {source}")]
    Turn {
        /// The group.
        group_id: GroupId,
        /// The agent whose turn failed.
        agent_id: AgentId,
        /// The message that was sent to the group.
        message: Box<MessageCreate>,
        /// Why, and whether the turn ran (boxed: it is large).
        source: Box<SendError>,
        /// What the send produced before the failure.
        reply: Box<GroupReply>,
    },
    /// On a server that does not run groups (0.16+), a dynamic group's manager named none of
    /// the agents it could choose as the next speaker (the last speaker is not one), so the
    /// conversation stopped (0.7.x fails such a send on the server). Tell the manager the
    /// workers' names, in its persona or the message.
    #[error(
        "group {group_id}: manager {manager} named no agent it could choose as the next speaker; it said: {said}"
    )]
    NoSpeaker {
        /// The group.
        group_id: GroupId,
        /// The manager agent.
        manager: AgentId,
        /// What the manager answered (bounded).
        said: String,
        /// What the send produced, the manager's answer included.
        reply: Box<GroupReply>,
    },
    /// Reading the group or its agents failed.
    #[error("group {group_id}: {source}")]
    Api {
        /// The group.
        group_id: GroupId,
        /// Why.
        source: LettaError,
    },
}

fn cleanup_note(cleanup: &Option<TeardownError>) -> String {
    cleanup
        .as_ref()
        .map(|e| format!(" (and cleaning up: {e})"))
        .unwrap_or_default()
}

/// Something the run had created and should remove.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resource {
    /// A group.
    Group(GroupId),
    /// An agent.
    Agent(AgentId),
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resource::Group(id) => write!(f, "group {id}"),
            Resource::Agent(id) => write!(f, "agent {id}"),
        }
    }
}

/// Resources a teardown could not remove (each one was tried); they are still on the server.
#[derive(Debug, thiserror::Error)]
#[error("{} left behind: {}", .failures.len(), describe(.failures))]
pub struct TeardownError {
    /// What could not be removed, and why.
    pub failures: Vec<(Resource, LettaError)>,
}

fn describe(failures: &[(Resource, LettaError)]) -> String {
    failures
        .iter()
        .map(|(r, e)| format!("{r} ({e})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why [`super::GroupRun::scope`] did not return the closure's value. The group has been torn
/// down in every case (or the teardown's failure is reported).
#[derive(Debug)]
#[non_exhaustive]
pub enum ScopeError<T, E> {
    /// The group could not be set up; the closure did not run.
    Setup(GroupError),
    /// The closure failed.
    Body {
        /// The closure's error.
        error: E,
        /// Set if the teardown that followed failed too.
        teardown: Option<TeardownError>,
    },
    /// The closure succeeded but the teardown failed.
    Teardown {
        /// The closure's value.
        value: T,
        /// What was left behind.
        error: TeardownError,
    },
}

impl<T: fmt::Debug, E: fmt::Display> fmt::Display for ScopeError<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeError::Setup(e) => e.fmt(f),
            ScopeError::Body { error, teardown } => {
                write!(f, "{error}")?;
                match teardown {
                    Some(t) => write!(f, " (and tearing down: {t})"),
                    None => Ok(()),
                }
            }
            ScopeError::Teardown { error, .. } => write!(f, "tearing down the group: {error}"),
        }
    }
}

impl<T: fmt::Debug, E: std::error::Error + 'static> std::error::Error for ScopeError<T, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScopeError::Setup(e) => Some(e),
            ScopeError::Body { error, .. } => Some(error),
            ScopeError::Teardown { error, .. } => Some(error),
        }
    }
}
