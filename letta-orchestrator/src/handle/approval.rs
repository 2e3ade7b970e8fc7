//! Tool calls that wait for the caller (Letta 0.16): a tool that requires approval stops the
//! agent's turn until the caller approves or denies its call.
//!
//! A turn that stopped so ends with an approval request; [`Turn::pending_approval`] reads it
//! (tool, arguments, call id), and [`AgentHandle::approve`] / [`AgentHandle::deny`] continue
//! the turn and return the rest of it. The answer is a send like any other: reconciled, never
//! blindly repeated ([`ReconcilingSender::send_answer`]).
//!
//! ```no_run
//! use letta_orchestrator::{AgentHandle, Replies};
//!
//! # async fn run(agent: AgentHandle) -> Result<(), Box<dyn std::error::Error>> {
//! let turn = agent.send("Delete the old records.").await?;
//! if let Some(pending) = turn.pending_approval() {
//!     let call = &pending.calls[0];
//!     println!("{} wants to run {} with {}", agent.id(), call.tool, call.arguments);
//!     let rest = if call.tool == "delete_records" {
//!         agent.deny(&pending, "not today").await?
//!     } else {
//!         agent.approve(&pending).await?
//!     };
//!     println!("{:?}", rest.last_reply());
//! }
//! # Ok(()) }
//! ```
//!
//! Letta 0.7 has no approvals: approving or denying there is [`SendError::InvalidInput`] before
//! anything is sent, and no 0.7 turn is ever pending.
//!
//! [`ReconcilingSender::send_answer`]: crate::reconcile::ReconcilingSender::send_answer

use letta_core::types::{ApprovalCreate, LettaMessage, LettaRequest, ToolCallOutcome, ToolCallsOrDelta};
use letta_core::{ApiLevel, LettaError};
use serde_json::Value;

use super::AgentHandle;
use crate::reconcile::SendError;
use crate::turn::Turn;

/// The tool calls a turn stopped on, waiting for the caller's answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PendingApproval {
    /// The calls, in the order the agent made them; an answer covers every one.
    pub calls: Vec<PendingCall>,
}

/// One tool call waiting for the caller.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PendingCall {
    /// The call's ID, which its answer names.
    pub tool_call_id: String,
    /// The tool called.
    pub tool: String,
    /// The arguments: the JSON the model wrote, or the text as a JSON string when it is not
    /// JSON.
    pub arguments: Value,
}

impl PendingApproval {
    /// The calls of an approval request message; `None` when it names none.
    pub fn from_message(message: &LettaMessage) -> Option<Self> {
        let LettaMessage::ApprovalRequest(request) = message else {
            return None;
        };
        let calls = match &request.tool_calls {
            Some(ToolCallsOrDelta::Calls(calls)) if !calls.is_empty() => calls.iter().collect(),
            Some(ToolCallsOrDelta::Delta(call)) => vec![call],
            _ => request.tool_call.iter().collect::<Vec<_>>(),
        };
        let calls: Vec<PendingCall> = calls
            .into_iter()
            .filter_map(|call| {
                let text = call.arguments.clone().unwrap_or_default();
                Some(PendingCall {
                    tool_call_id: call.tool_call_id.clone()?,
                    tool: call.name.clone()?,
                    arguments: serde_json::from_str(&text).unwrap_or(Value::String(text)),
                })
            })
            .collect();
        (!calls.is_empty()).then_some(Self { calls })
    }

    /// An answer approving every call.
    pub fn approve_all(&self) -> ApprovalCreate {
        ApprovalCreate::new(
            self.calls
                .iter()
                .map(|call| ToolCallOutcome::approve(&call.tool_call_id)),
        )
    }

    /// An answer denying every call, telling the agent `reason`.
    pub fn deny_all(&self, reason: &str) -> ApprovalCreate {
        ApprovalCreate::new(
            self.calls
                .iter()
                .map(|call| ToolCallOutcome::deny(&call.tool_call_id, reason)),
        )
    }
}

impl Turn {
    /// The tool calls the turn stopped on, when it ended waiting for the caller (its last
    /// message is an approval request); `None` for a finished turn.
    pub fn pending_approval(&self) -> Option<PendingApproval> {
        self.messages.last().and_then(PendingApproval::from_message)
    }
}

/// Whether `messages` end waiting for the caller: a turn that is over for now.
pub(crate) fn waits_for_caller(messages: &[LettaMessage]) -> bool {
    matches!(messages.last(), Some(LettaMessage::ApprovalRequest(_)))
}

impl AgentHandle {
    /// Approves every call of `pending` (the agent runs them) and returns the rest of the turn,
    /// which may stop on another approval.
    pub async fn approve(&self, pending: &PendingApproval) -> Result<Turn, SendError> {
        self.answer_approval(pending.approve_all()).await
    }

    /// Denies every call of `pending` (none runs; the agent is told `reason`) and returns the
    /// rest of the turn.
    pub async fn deny(&self, pending: &PendingApproval, reason: &str) -> Result<Turn, SendError> {
        self.answer_approval(pending.deny_all(reason)).await
    }

    /// Sends an answer naming every pending call (approvals, denials, or results of calls the
    /// caller ran itself) and returns the rest of the turn. On Letta 0.7, which has no
    /// approvals, [`SendError::InvalidInput`] before anything is sent.
    pub async fn answer_approval(&self, answer: ApprovalCreate) -> Result<Turn, SendError> {
        self.send_answer(LettaRequest::answer(answer)).await
    }

    /// Sends a request whose approvals answer the pending calls (reconciled by their call IDs).
    pub(crate) async fn send_answer(&self, mut request: LettaRequest) -> Result<Turn, SendError> {
        let otid = answer_otid(&mut request);
        // The version is learned once per client; failing to learn it sent nothing.
        let level = self
            .client()
            .api_level()
            .await
            .map_err(|error| SendError::NotSent {
                agent_id: self.id().clone(),
                otid,
                error,
            })?;
        if level == ApiLevel::V0_7 {
            return Err(SendError::InvalidInput {
                agent_id: self.id().clone(),
                error: LettaError::InvalidInput(
                    "Letta 0.7 has no tool approvals, so no call waits for an answer; nothing was \
                     sent (approvals need Letta 0.16 or later)"
                        .into(),
                ),
            });
        }
        self.sender().send_answer(self.id(), request).await
    }
}

/// The `otid` of the request's answer, made when it has none: it names the send in errors (the
/// server keeps no answer's `otid`, so the answer is found again by its call IDs).
pub(crate) fn answer_otid(request: &mut LettaRequest) -> String {
    match request.approvals.first_mut() {
        Some(answer) => answer.otid.get_or_insert_with(crate::reconcile::new_otid).clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn request(tool_calls: serde_json::Value) -> LettaMessage {
        serde_json::from_value(json!({
            "message_type": "approval_request_message", "id": "message-1",
            "date": "2026-12-07T12:00:00Z", "tool_calls": tool_calls,
        }))
        .unwrap()
    }

    #[test]
    fn the_pending_calls_are_read_with_their_arguments() {
        let message = request(json!([
            {"name": "write", "arguments": "{\"note\": \"a\"}", "tool_call_id": "call-1"},
            {"name": "shout", "arguments": "not json", "tool_call_id": "call-2"},
        ]));
        let turn = Turn::new(vec![message], crate::TurnSource::Answered);
        let pending = turn.pending_approval().unwrap();
        assert_eq!(pending.calls.len(), 2);
        assert_eq!(pending.calls[0].tool, "write");
        assert_eq!(pending.calls[0].tool_call_id, "call-1");
        assert_eq!(pending.calls[0].arguments, json!({"note": "a"}));
        assert_eq!(pending.calls[1].arguments, json!("not json"));
        let denied = serde_json::to_value(pending.deny_all("no")).unwrap();
        assert_eq!(
            denied["approvals"][1],
            json!({"type": "approval", "tool_call_id": "call-2", "approve": false, "reason": "no"})
        );
    }

    #[test]
    fn a_turn_ending_otherwise_waits_for_nothing() {
        let waiting = request(json!([{"name": "write", "arguments": "{}", "tool_call_id": "call-1"}]));
        let reply: LettaMessage = serde_json::from_value(json!({
            "message_type": "assistant_message", "id": "message-2",
            "date": "2026-12-07T12:00:00Z", "content": "done",
        }))
        .unwrap();
        let turn = Turn::new(vec![waiting, reply], crate::TurnSource::Answered);
        assert_eq!(turn.pending_approval(), None);
        assert!(!waits_for_caller(&turn.messages));
    }
}
