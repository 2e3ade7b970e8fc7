//! What a supervisor group needs that 0.7.29 does not always give it: its manager's group tool,
//! and a send that reports the manager's failed tool calls.
//!
//! 0.7.29 (`letta/groups/supervisor_multi_agent.py`, `SupervisorMultiAgent.step`) creates
//! `send_message_to_all_agents_in_group` and attaches it to the manager only when the
//! organisation has no tool of that name yet, that is for the first supervisor group ever
//! messaged. Creating a group (`group_manager.create_group`) attaches nothing. Every later
//! manager calls a tool it does not have; the call fails with "No function named
//! send_message_to_all_agents_in_group" (`letta/agent.py`), the workers get nothing, and the
//! send still answers 200.

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
    let params = ListToolsParams {
        name: Some(SUPERVISOR_TOOL.to_owned()),
        ..Default::default()
    };
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

/// The first tool the manager (named `manager_name` on its messages) called in `messages`
/// whose call failed and was not followed by a successful call of the same tool, with the
/// failure the server recorded.
pub(super) fn failed_call(messages: &[LettaMessage], manager_name: &str) -> Option<(String, String)> {
    let mut calls: HashMap<&str, &str> = HashMap::new();
    let mut failed: Vec<(String, String)> = Vec::new();
    for message in messages {
        match message {
            LettaMessage::ToolCall(call) if call.meta.name.as_deref().is_none_or(|n| n == manager_name) => {
                if let (Some(id), Some(name)) = (&call.tool_call.tool_call_id, &call.tool_call.name) {
                    calls.insert(id.as_str(), name.as_str());
                }
            }
            LettaMessage::ToolReturn(returned) => {
                let Some(tool) = calls.get(returned.tool_call_id.as_str()) else {
                    continue;
                };
                if returned.status == ToolReturnStatus::Error {
                    failed.push(((*tool).to_owned(), failure_text(&returned.tool_return)));
                } else {
                    failed.retain(|(t, _)| t != tool);
                }
            }
            _ => {}
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
            failed_call(&messages, "boss"),
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
        assert_eq!(failed_call(&retried, "boss"), None);
        let someone_else = [
            call("c1", "lookup", "worker"),
            returned("c1", "lookup", "error", "boom"),
        ];
        assert_eq!(failed_call(&someone_else, "boss"), None);
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
}
