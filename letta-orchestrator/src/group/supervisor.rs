//! What a supervisor group needs that 0.7.29 does not always give it: its manager's group tool,
//! and a send that reports the manager's failed tool calls.
//!
//! 0.7.29 (`letta/groups/supervisor_multi_agent.py`, `SupervisorMultiAgent.step`) creates
//! `send_message_to_all_agents_in_group` and attaches it to the manager only when the
//! organisation has no tool of that name yet, that is for the first supervisor group ever
//! messaged. Creating a group (`group_manager.create_group`) attaches nothing. Every later
//! manager calls a tool it does not have; the call fails with "No function named
//! send_message_to_all_agents_in_group" (`letta/agent.py`), or, since the tool rules the
//! supervisor sets (`InitToolRule` on that tool) then leave the model no tool to call, the model
//! answers in words only; either way the workers get nothing, and the send still answers 200.

use std::collections::HashMap;

use letta_core::ids::AgentId;
use letta_core::types::{LettaMessage, ListToolsParams, ToolReturnStatus};
use letta_core::{LettaClient, LettaError};

/// The tool a supervisor's manager reaches its workers with.
pub const SUPERVISOR_TOOL: &str = "send_message_to_all_agents_in_group";

/// Most characters of a tool's failure kept in an error.
const FAILURE_CHARS: usize = 500;

/// Attaches [`SUPERVISOR_TOOL`] to the manager unless it has it. Returns whether the manager
/// has it now: `false` when the organisation has no such tool yet, in which case the server
/// creates it and attaches it to this manager at its first send.
pub(super) async fn ensure_manager_tool(client: &LettaClient, manager: &AgentId) -> Result<bool, LettaError> {
    let attached = client.agents().tools(manager).list().await?;
    if attached
        .iter()
        .any(|t| t.name.as_deref() == Some(SUPERVISOR_TOOL))
    {
        return Ok(true);
    }
    let params = ListToolsParams::builder().name(SUPERVISOR_TOOL).build();
    let found = client.tools().list(&params).await?;
    let Some(tool) = found
        .into_iter()
        .find(|t| t.name.as_deref() == Some(SUPERVISOR_TOOL))
    else {
        return Ok(false);
    };
    tracing::debug!(%manager, tool = %tool.id, "attaching the supervisor tool the server did not attach");
    client.agents().tools(manager).attach(&tool.id).await?;
    Ok(true)
}

/// Why the manager's turn did not reach the workers, if it did not: the first of its tool calls
/// that failed and was not made good by a later successful call of the same tool (with the
/// failure the server recorded), or else no successful call of [`SUPERVISOR_TOOL`] at all
/// (with what the manager said instead). `manager_name` is the name on its messages.
pub(super) fn manager_failure(messages: &[LettaMessage], manager_name: &str) -> Option<(String, String)> {
    if let Some(failed) = failed_call(messages, manager_name) {
        return Some(failed);
    }
    if reached_workers(messages, manager_name) {
        return None;
    }
    Some((SUPERVISOR_TOOL.to_owned(), not_called(messages)))
}

/// Why a manager that never called [`SUPERVISOR_TOOL`] did not: what it said instead.
pub(super) fn not_called(messages: &[LettaMessage]) -> String {
    let said = messages.iter().rev().find_map(|m| match m {
        LettaMessage::Assistant(a) => Some(a.content.text()),
        LettaMessage::Reasoning(r) => Some(r.reasoning.clone()),
        _ => None,
    });
    match said {
        Some(said) => bounded(format!("the manager did not call it; it said: {said}")),
        None => "the manager did not call it".to_owned(),
    }
}

/// Whether the manager called [`SUPERVISOR_TOOL`] and it returned successfully.
fn reached_workers(messages: &[LettaMessage], manager_name: &str) -> bool {
    let calls = manager_calls(messages, manager_name);
    messages.iter().any(|m| {
        matches!(m, LettaMessage::ToolReturn(r) if r.status == ToolReturnStatus::Success
            && calls.get(r.tool_call_id.as_str()) == Some(&SUPERVISOR_TOOL))
    })
}

/// The manager's tool calls: call ID to tool name.
fn manager_calls<'m>(messages: &'m [LettaMessage], manager_name: &str) -> HashMap<&'m str, &'m str> {
    messages
        .iter()
        .filter_map(|m| match m {
            LettaMessage::ToolCall(call) if call.meta.name.as_deref().is_none_or(|n| n == manager_name) => {
                Some((
                    call.tool_call.tool_call_id.as_deref()?,
                    call.tool_call.name.as_deref()?,
                ))
            }
            _ => None,
        })
        .collect()
}

/// The first tool call of the manager that failed and was not made good later, with why.
fn failed_call(messages: &[LettaMessage], manager_name: &str) -> Option<(String, String)> {
    let calls = manager_calls(messages, manager_name);
    let mut failed: Vec<(String, String)> = Vec::new();
    for message in messages {
        let LettaMessage::ToolReturn(returned) = message else {
            continue;
        };
        let Some(tool) = calls.get(returned.tool_call_id.as_str()) else {
            continue;
        };
        if returned.status == ToolReturnStatus::Error {
            failed.push(((*tool).to_owned(), failure_text(&returned.tool_return)));
        } else {
            failed.retain(|(t, _)| t != tool);
        }
    }
    failed.into_iter().next()
}

/// The `message` of a packaged tool return (`{"status": "Failed", "message": ...}`), or the
/// text as it is; bounded.
fn failure_text(tool_return: &str) -> String {
    let message = serde_json::from_str::<serde_json::Value>(tool_return)
        .ok()
        .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_owned))
        .unwrap_or_else(|| tool_return.to_owned());
    bounded(message)
}

/// At most [`FAILURE_CHARS`] characters (and an ellipsis when cut).
fn bounded(message: String) -> String {
    match message.char_indices().nth(FAILURE_CHARS) {
        Some((end, _)) => format!("{}…", &message[..end]),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn call(id: &str, name: &str, agent: &str) -> LettaMessage {
        LettaMessage::from_value(
            json!({"id": format!("message-{id}"), "date": "2026-11-25T11:46:35Z",
            "message_type": "tool_call_message", "name": agent,
            "tool_call": {"name": name, "arguments": "{}", "tool_call_id": id}}),
        )
        .unwrap()
    }

    fn returned(id: &str, name: &str, status: &str, text: &str) -> LettaMessage {
        LettaMessage::from_value(
            json!({"id": format!("message-r{id}"), "date": "2026-11-25T11:46:36Z",
            "message_type": "tool_return_message", "name": name, "tool_return": text,
            "status": status, "tool_call_id": id}),
        )
        .unwrap()
    }

    const NO_FUNCTION: &str = r#"{"status": "Failed", "message": "Error: No function named send_message_to_all_agents_in_group", "time": "2026-11-25 11:46:36 AM UTC+0000"}"#;

    #[test]
    fn a_failed_call_of_the_managers_tool_is_found_with_its_message() {
        let messages = [
            call("c1", SUPERVISOR_TOOL, "boss"),
            returned("c1", SUPERVISOR_TOOL, "error", NO_FUNCTION),
        ];
        assert_eq!(
            manager_failure(&messages, "boss"),
            Some((
                SUPERVISOR_TOOL.to_owned(),
                "Error: No function named send_message_to_all_agents_in_group".to_owned()
            ))
        );
    }

    #[test]
    fn a_later_success_of_the_same_tool_or_another_agents_failure_is_no_failure() {
        let retried = [
            call("c1", SUPERVISOR_TOOL, "boss"),
            returned("c1", SUPERVISOR_TOOL, "error", "boom"),
            call("c2", SUPERVISOR_TOOL, "boss"),
            returned("c2", SUPERVISOR_TOOL, "success", "[]"),
        ];
        assert_eq!(manager_failure(&retried, "boss"), None);
        let someone_else = [
            call("c1", "lookup", "worker"),
            returned("c1", "lookup", "error", "boom"),
            call("c2", SUPERVISOR_TOOL, "boss"),
            returned("c2", SUPERVISOR_TOOL, "success", "[]"),
        ];
        assert_eq!(manager_failure(&someone_else, "boss"), None);
        let long = "x".repeat(2000);
        let failed = failed_call(
            &[
                call("c1", "lookup", "boss"),
                returned("c1", "lookup", "error", &long),
            ],
            "boss",
        )
        .unwrap();
        assert_eq!(failed.0, "lookup");
        assert_eq!(failed.1.chars().count(), FAILURE_CHARS + 1);
    }

    #[test]
    fn a_manager_that_never_called_its_tool_did_not_reach_the_workers() {
        let words = LettaMessage::from_value(json!({"id": "message-1", "date": "2026-11-25T11:46:35Z",
            "message_type": "reasoning_message", "name": "boss",
            "reasoning": "Script error: the request offers no tools"}))
        .unwrap();
        assert_eq!(
            manager_failure(&[words], "boss"),
            Some((
                SUPERVISOR_TOOL.to_owned(),
                "the manager did not call it; it said: Script error: the request offers no tools".to_owned()
            ))
        );
        assert_eq!(
            manager_failure(&[], "boss").map(|f| f.1).as_deref(),
            Some("the manager did not call it")
        );
        // A call of the tool by someone else does not count.
        let elsewhere = [
            call("c1", SUPERVISOR_TOOL, "worker"),
            returned("c1", SUPERVISOR_TOOL, "success", "[]"),
        ];
        assert!(manager_failure(&elsewhere, "boss").is_some());
    }
}
