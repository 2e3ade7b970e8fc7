//! The message kinds Letta 0.16 added to conversations and streams: tool approvals, compaction
//! summaries and events. Each is a [`super::LettaMessage`] variant.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{JsonMap, MessageMeta, ToolCall, ToolReturnStatus};

/// The agent asks the caller to approve tool calls before they run
/// (`ApprovalRequestMessage`); the run stops with `requires_approval` until the caller answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalRequestMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The first call waiting (deprecated by the server in favour of `tool_calls`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call: Option<ToolCall>,
    /// Every call waiting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<ToolCallsOrDelta>,
}

/// The calls of an approval request: a list, or (when streaming tokens) one fragment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ToolCallsOrDelta {
    /// Whole calls.
    Calls(Vec<ToolCall>),
    /// A fragment of a call.
    Delta(ToolCall),
}

/// The caller's answer to an approval request (`ApprovalResponseMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalResponseMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// One answer per call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approvals: Option<Vec<ToolCallOutcome>>,
    /// Deprecated single-call answer: approved or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approve: Option<bool>,
    /// Deprecated single-call answer: the request it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_request_id: Option<String>,
    /// Deprecated single-call answer: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The answer to one tool call: an approval decision (`ApprovalReturn`, `type: approval`), or
/// a tool's result (`ToolReturn`, `type: tool`: of a call the caller ran itself, or in a
/// [`super::ToolReturnMessage`]'s `tool_returns`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCallOutcome {
    /// `approval` or `tool`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The call answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
    /// Approved (`approval`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approve: Option<bool>,
    /// Why (`approval`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What the tool returned (`tool`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_return: Option<Value>,
    /// Whether it worked (`tool`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ToolReturnStatus>,
    /// What it printed (`tool`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<Vec<String>>,
    /// What it printed to stderr (`tool`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<Vec<String>>,
}

/// A summary that replaced compacted messages (`SummaryMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The summary.
    pub summary: String,
    /// Counts of the compaction (`CompactionStats`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compaction_stats: Option<JsonMap>,
}

/// Something that happened to the conversation (`EventMessage`); 0.16.8 sends `compaction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// What happened (`compaction`).
    pub event_type: String,
    /// Its details.
    #[serde(default)]
    pub event_data: JsonMap,
}

impl ToolCallOutcome {
    /// Approves the call `tool_call_id` of an approval request: the agent runs it.
    pub fn approve(tool_call_id: impl Into<String>) -> Self {
        Self::approval(tool_call_id, true, None)
    }

    /// Denies the call `tool_call_id`, telling the agent why.
    pub fn deny(tool_call_id: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::approval(tool_call_id, false, Some(reason.into()))
    }

    /// The result of the call `tool_call_id`, run by the caller itself (a client-side tool).
    pub fn tool_result(
        tool_call_id: impl Into<String>,
        result: impl Into<String>,
        status: ToolReturnStatus,
    ) -> Self {
        Self {
            kind: Some("tool".into()),
            tool_call_id: Some(tool_call_id.into()),
            approve: None,
            reason: None,
            tool_return: Some(Value::String(result.into())),
            status: Some(status),
            stdout: None,
            stderr: None,
        }
    }

    fn approval(tool_call_id: impl Into<String>, approve: bool, reason: Option<String>) -> Self {
        Self {
            kind: Some("approval".into()),
            tool_call_id: Some(tool_call_id.into()),
            approve: Some(approve),
            reason,
            tool_return: None,
            status: None,
            stdout: None,
            stderr: None,
        }
    }
}

/// The `type` of an [`ApprovalCreate`]: always `approval`; it tells the item from a message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
enum ApprovalTag {
    #[default]
    #[serde(rename = "approval")]
    Approval,
}

/// The caller's answer to an approval request, sent in a [`super::LettaRequest`]'s
/// `approvals` (`ApprovalCreate`, 0.16+): one [`ToolCallOutcome`] per waiting call.
///
/// ```
/// use letta_core::types::{ApprovalCreate, LettaRequest, ToolCallOutcome};
/// let answer = ApprovalCreate::new([ToolCallOutcome::approve("call-1"), ToolCallOutcome::deny("call-2", "not now")]);
/// let request = LettaRequest::answer(answer);
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["messages"][0]["type"], "approval");
/// assert_eq!(json["messages"][0]["approvals"][1]["reason"], "not now");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ApprovalCreate {
    #[serde(rename = "type")]
    #[builder(skip)]
    tag: ApprovalTag,
    /// The answers, one per call of the request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = ToolCallOutcome>| items.into_iter().collect())]
    pub approvals: Vec<ToolCallOutcome>,
    /// Client-chosen ID of this answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otid: Option<String>,
    /// The group it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub group_id: Option<crate::ids::GroupId>,
    /// Deprecated by the server (use `approvals`): approve the single request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approve: Option<bool>,
    /// Deprecated by the server (use `approvals`): the single request answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_request_id: Option<String>,
    /// Deprecated by the server (use `approvals`): why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl ApprovalCreate {
    /// An answer with these outcomes.
    pub fn new(approvals: impl IntoIterator<Item = ToolCallOutcome>) -> Self {
        Self::builder().approvals(approvals).build()
    }
}
