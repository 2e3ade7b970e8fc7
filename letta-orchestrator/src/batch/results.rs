//! What a finished batch did for each agent.

use letta_core::ids::{AgentId, JobId};
use letta_core::types::{BatchJob, JobStatus, LettaBatchRequest, Message, MessageRole, Replies, ReplyTool};

use crate::turn::{Turn, TurnSource};

/// How one agent's item of a batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AgentOutcome {
    /// The agent's step ran and it replied (read it from [`AgentBatchResult::turn`]).
    Replied,
    /// The step ran but the agent sent no reply (for instance, its model called another tool).
    NoReply,
    /// No step ran for the agent: the batch was cancelled or failed first, or the provider
    /// answered its item with an error or let it expire. Only the agent's input is stored.
    NotRun,
}

/// One agent's part of a finished batch.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentBatchResult {
    /// The agent.
    pub agent_id: AgentId,
    /// What the caller asked of it.
    pub request: LettaBatchRequest,
    /// The messages the batch stored for it, oldest first, as stored: its input, the model's
    /// answer and the tool results.
    pub messages: Vec<Message>,
    /// The agent's turn: the same messages as a conversation lists them, source
    /// [`TurnSource::Batch`]. A call of the reply tool (`send_message`, or the tool the
    /// request names) is an assistant message: the reply is read from the model's call rather
    /// than the tool's result because 0.7.29 and 0.16.8 fail to execute any tool of a batch step.
    pub turn: Turn,
    /// How its item ended.
    pub outcome: AgentOutcome,
}

impl AgentBatchResult {
    pub(crate) fn new(batch_id: &JobId, request: LettaBatchRequest, messages: Vec<Message>) -> Self {
        let reply_tool = ReplyTool::named(
            request.assistant_message_tool_name.as_deref(),
            request.assistant_message_tool_kwarg.as_deref(),
        );
        let turn = Turn::new(
            messages
                .iter()
                .flat_map(|m| m.to_letta_messages(&reply_tool))
                .collect(),
            TurnSource::Batch(batch_id.clone()),
        );
        let outcome = if turn.last_reply().is_some() {
            AgentOutcome::Replied
        } else if messages.iter().any(|m| m.role == MessageRole::Assistant) {
            AgentOutcome::NoReply
        } else {
            AgentOutcome::NotRun
        };
        Self {
            agent_id: request.agent_id.clone(),
            request,
            messages,
            turn,
            outcome,
        }
    }

    /// Whether the agent replied.
    pub fn replied(&self) -> bool {
        self.outcome == AgentOutcome::Replied
    }
}

/// Every agent's result of one batch, in the order the requests were given.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResults {
    /// The batch as it ended.
    pub batch: BatchJob,
    /// One result per request.
    pub agents: Vec<AgentBatchResult>,
}

impl BatchResults {
    /// How the batch as a whole ended (completed, cancelled, failed, expired).
    pub fn status(&self) -> &JobStatus {
        &self.batch.status
    }

    /// The result for one agent.
    pub fn agent(&self, agent: impl Into<AgentId>) -> Option<&AgentBatchResult> {
        let agent = agent.into();
        self.agents.iter().find(|r| r.agent_id == agent)
    }

    /// The agents that did not reply, with their requests.
    pub fn failed(&self) -> impl Iterator<Item = &AgentBatchResult> {
        self.agents.iter().filter(|r| !r.replied())
    }

    /// Whether every agent replied.
    pub fn all_replied(&self) -> bool {
        self.agents.iter().all(AgentBatchResult::replied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use letta_core::types::MessageCreate;
    use serde_json::json;

    fn message(role: &str, tool: Option<(&str, serde_json::Value)>) -> Message {
        let calls = tool.map(|(name, args)| {
            json!([{"id": "call_1", "type": "function",
                    "function": {"name": name, "arguments": args.to_string()}}])
        });
        serde_json::from_value(json!({
            "id": "message-1", "role": role, "agent_id": "agent-1",
            "content": [{"type": "text", "text": "x"}], "tool_calls": calls,
        }))
        .unwrap()
    }

    fn batch() -> JobId {
        JobId::new("batch_job-1")
    }

    #[test]
    fn the_reply_is_the_reply_tools_argument() {
        let request = LettaBatchRequest::new("agent-1", MessageCreate::user("hi"));
        let replied = AgentBatchResult::new(
            &batch(),
            request.clone(),
            vec![
                message("user", None),
                message("assistant", Some(("send_message", json!({"message": "hello"})))),
                message("tool", None),
            ],
        );
        assert_eq!(replied.outcome, AgentOutcome::Replied);
        assert_eq!(replied.turn.assistant_texts(), vec!["hello"]);

        let other_tool = AgentBatchResult::new(
            &batch(),
            request.clone(),
            vec![
                message("user", None),
                message(
                    "assistant",
                    Some(("archival_memory_insert", json!({"content": "a"}))),
                ),
            ],
        );
        assert_eq!(other_tool.outcome, AgentOutcome::NoReply);
        assert!(other_tool.turn.assistant_texts().is_empty());

        let not_run = AgentBatchResult::new(&batch(), request, vec![message("user", None)]);
        assert_eq!(not_run.outcome, AgentOutcome::NotRun);
    }

    #[test]
    fn a_request_can_name_another_reply_tool() {
        let mut request = LettaBatchRequest::new("agent-1", MessageCreate::user("hi"));
        request.assistant_message_tool_name = Some("say".into());
        request.assistant_message_tool_kwarg = Some("text".into());
        let result = AgentBatchResult::new(
            &batch(),
            request,
            vec![
                message(
                    "assistant",
                    Some(("send_message", json!({"message": "not this"}))),
                ),
                message("assistant", Some(("say", json!({"text": "this"})))),
                message("assistant", Some(("say", json!("not an object")))),
            ],
        );
        assert_eq!(result.turn.assistant_texts(), vec!["this"]);
        assert!(result.replied());
    }
}
