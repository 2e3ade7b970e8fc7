//! Reconciled answers to pending tool calls (Letta 0.16): approvals, denials, and results of
//! client-side tools continue a turn, and are sent exactly once like any other send.
//!
//! The server keeps no `otid` of an answer, so an answer whose outcome is unknown is looked up
//! by the call IDs it answers: the agent's history holds an approval response naming them once
//! the answer has landed. (0.16.8 also takes a repeated answer without running the tools again,
//! but answers it with an extra agent step: `_prepare_in_context_messages_no_persist_async` in
//! `letta/agents/helpers.py`. So an answer is still never repeated blindly.)

use std::collections::HashSet;

use letta_core::ids::AgentId;
use letta_core::types::{ApprovalResponseMessage, LettaMessage, LettaRequest, Replies, ReplyTool};

use super::history::{Found, shape_of};
use super::{Lookup, ReconcilingSender, SendError};
use crate::handle::waits_for_caller;
use crate::turn::Turn;

impl ReconcilingSender {
    /// Sends a request answering the agent's pending tool calls (its `approvals`, with any
    /// follow-up messages) and returns the rest of the turn, exactly once: the turn's messages
    /// after the answer, up to the reply or the next calls waiting for the caller.
    ///
    /// Failures are classified as for [`send_request`](Self::send_request); an answer that
    /// may have run is looked up in the agent's history by the call IDs it answers. When the
    /// outcome stays [`SendError::Unknown`], read the agent's history (or send the next
    /// message): an answer that did not land leaves the calls pending, and the server refuses
    /// any other message while they are.
    pub async fn send_answer(
        &self,
        agent: impl Into<AgentId>,
        mut request: LettaRequest,
    ) -> Result<Turn, SendError> {
        let agent_id = &agent.into();
        let call_ids: HashSet<String> = request
            .approvals
            .iter()
            .flat_map(|answer| answer.approvals.iter())
            .filter_map(|outcome| outcome.tool_call_id.clone())
            .collect();
        let Some(first) = request.approvals.first_mut().filter(|_| !call_ids.is_empty()) else {
            return Err(SendError::InvalidInput {
                agent_id: agent_id.clone(),
                error: letta_core::LettaError::InvalidInput(
                    "an answer needs at least one call outcome naming its tool_call_id; nothing was sent"
                        .into(),
                ),
            });
        };
        let otid = first.otid.get_or_insert_with(super::new_otid).clone();
        self.send_until_settled(agent_id, &otid, request, Lookup::Answer(&call_ids), &mut |_| {})
            .await
    }

    /// Reads the history once for the answer to `call_ids`.
    pub(super) async fn look_for_answer(
        &self,
        agent_id: &AgentId,
        call_ids: &HashSet<String>,
        request: &LettaRequest,
    ) -> Result<Found, letta_core::LettaError> {
        let params = shape_of(request, self.config.lookback);
        let history = self.client.agents().messages(agent_id).list(&params).await?;
        Ok(find_answer(&history, call_ids, request))
    }
}

/// Whether `response` answers one of `call_ids`.
fn answers(response: &ApprovalResponseMessage, call_ids: &HashSet<String>) -> bool {
    let named = response
        .approvals
        .iter()
        .flatten()
        .filter_map(|outcome| outcome.tool_call_id.as_ref());
    named
        .chain(&response.approval_request_id)
        .any(|id| call_ids.contains(id))
}

/// What the history (oldest first) holds after the answer to `call_ids`: the rest of the turn.
fn find_answer(history: &[LettaMessage], call_ids: &HashSet<String>, request: &LettaRequest) -> Found {
    let Some(answer) = history
        .iter()
        .rposition(|m| matches!(m, LettaMessage::ApprovalResponse(r) if answers(r, call_ids)))
    else {
        return Found::Nothing;
    };
    let after = &history[answer + 1..];
    let end = after
        .iter()
        .position(|m| matches!(m, LettaMessage::User(_)))
        .unwrap_or(after.len());
    let rest = after[..end].to_vec();
    let reply_tool = ReplyTool::named(
        request.assistant_message_tool_name.as_deref(),
        request.assistant_message_tool_kwarg.as_deref(),
    );
    if rest.replied(&reply_tool) || waits_for_caller(&rest) {
        Found::Turn(rest)
    } else {
        Found::WithoutReply(rest)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn message(value: serde_json::Value) -> LettaMessage {
        let mut value = value;
        value["id"] = json!(format!("message-{}", value["message_type"]));
        value["date"] = json!("2026-12-07T12:00:00Z");
        serde_json::from_value(value).unwrap()
    }

    fn request_for(call: &str) -> (HashSet<String>, LettaRequest) {
        (HashSet::from([call.to_owned()]), LettaRequest::new([]))
    }

    fn history(call: &str, after: Vec<LettaMessage>) -> Vec<LettaMessage> {
        let mut history = vec![
            message(json!({"message_type": "user_message", "content": "#call t {}"})),
            message(json!({"message_type": "approval_request_message",
                "tool_calls": [{"name": "t", "arguments": "{}", "tool_call_id": call}]})),
            message(json!({"message_type": "approval_response_message",
                "approvals": [{"type": "tool", "tool_call_id": call, "tool_return": "1", "status": "success"}]})),
        ];
        history.extend(after);
        history
    }

    #[test]
    fn an_answer_not_in_the_history_is_nothing() {
        let (ids, request) = request_for("call-2");
        let found = find_answer(&history("call-1", vec![]), &ids, &request);
        assert_eq!(found, Found::Nothing);
    }

    #[test]
    fn the_rest_of_the_turn_follows_the_answer() {
        let (ids, request) = request_for("call-1");
        let reply = message(json!({"message_type": "assistant_message", "content": "done"}));
        let tool_return = message(json!({"message_type": "tool_return_message", "tool_return": "1",
            "status": "success", "tool_call_id": "call-1"}));
        let found = find_answer(
            &history("call-1", vec![tool_return.clone(), reply.clone()]),
            &ids,
            &request,
        );
        assert_eq!(found, Found::Turn(vec![tool_return.clone(), reply]));
        // Without a reply yet, the turn is not over.
        let found = find_answer(&history("call-1", vec![tool_return.clone()]), &ids, &request);
        assert_eq!(found, Found::WithoutReply(vec![tool_return.clone()]));
        // Stopped on new calls waiting for the caller, it is over for now.
        let waiting = message(json!({"message_type": "approval_request_message",
            "tool_calls": [{"name": "t", "arguments": "{}", "tool_call_id": "call-9"}]}));
        let found = find_answer(
            &history("call-1", vec![tool_return.clone(), waiting.clone()]),
            &ids,
            &request,
        );
        assert_eq!(found, Found::Turn(vec![tool_return, waiting]));
    }
}
