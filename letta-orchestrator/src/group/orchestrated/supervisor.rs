//! A supervisor conversation run by the orchestrator (see [`super`]): the manager gets
//! [`SUPERVISOR_TOOL`] as a client-side tool (0.16+), so its call stops its turn with an
//! approval request; the orchestrator sends the message to every worker (reconciled sends, at
//! once), and answers the call with the workers' replies, worded as 0.7.29's tool returns them
//! (`<agent> said: '<reply>'`). The manager's turn then goes on, and may call the tool again.

use futures_util::future::join_all;
use letta_core::FailureClass;
use letta_core::ids::AgentId;
use letta_core::types::{
    ApprovalCreate, ClientTool, LettaMessage, LettaRequest, MessageCreate, MessageRole, Replies,
    ToolCallOutcome, ToolCallsOrDelta, ToolReturnStatus,
};
use serde_json::json;

use super::{Driver, Progress, Stop};
use crate::group::SUPERVISOR_TOOL;
use crate::group::supervisor::not_called;
use crate::group::transcript::{Participant, Role};
use crate::reconcile::{SendError, new_otid};
use crate::turn::Turn;

/// Most calls of the group tool answered in one send; later ones are denied, so a manager
/// that keeps calling cannot run forever.
const MAX_BROADCASTS: usize = 8;

/// The group tool as the manager is offered it.
fn group_tool() -> ClientTool {
    let parameters = json!({
        "type": "object",
        "properties": {
            "message": {
                "type": "string",
                "description": "The content of the message to be sent to each agent."
            }
        },
        "required": ["message"]
    });
    ClientTool::builder(SUPERVISOR_TOOL)
        .description(
            "Sends a message to all agents within the same multi-agent group, and returns their replies.",
        )
        .parameters(parameters.as_object().cloned().unwrap_or_default())
        .build()
}

/// One call the manager waits on.
struct Call {
    id: String,
    name: String,
    arguments: String,
}

pub(super) async fn supervise(driver: &Driver, progress: &mut Progress<'_>) -> Result<(), Stop> {
    let session = progress.session;
    let manager = session.with_role(Role::Manager)[0].clone();
    let workers = session.with_role(Role::Worker);
    let tools = vec![group_tool()];
    let mut request = LettaRequest::new([progress.opening()]);
    request.options.client_tools = Some(tools.clone());
    let mut turn = driver.turn(&manager.id, request).await?;
    let mut broadcasts = 0;
    let mut failed: Option<(AgentId, SendError)> = None;
    loop {
        progress.record(&manager, &turn);
        let calls = waiting_calls(&turn.messages);
        if calls.is_empty() {
            break;
        }
        let mut outcomes = Vec::with_capacity(calls.len());
        for call in calls {
            if call.name != SUPERVISOR_TOOL {
                outcomes.push(ToolCallOutcome::deny(
                    call.id,
                    format!("only {SUPERVISOR_TOOL} can run in this group"),
                ));
                continue;
            }
            if broadcasts >= MAX_BROADCASTS {
                outcomes.push(ToolCallOutcome::deny(
                    call.id,
                    format!("{SUPERVISOR_TOOL} was already called {MAX_BROADCASTS} times for this message"),
                ));
                continue;
            }
            broadcasts += 1;
            let (result, status) = match message_argument(&call.arguments) {
                Some(text) => broadcast(driver, progress, &manager, &workers, &text, &mut failed).await,
                None => (
                    format!("{SUPERVISOR_TOOL} takes a JSON object with a `message` string"),
                    ToolReturnStatus::Error,
                ),
            };
            outcomes.push(ToolCallOutcome::tool_result(call.id, result, status));
        }
        let approval = ApprovalCreate::builder()
            .approvals(outcomes)
            .otid(new_otid())
            .group_id(session.id().clone())
            .build();
        let mut answer = LettaRequest::answer(approval);
        answer.options.client_tools = Some(tools.clone());
        turn = answer_once(driver, &manager.id, answer).await?;
    }
    if let Some((agent, error)) = failed {
        return Err(Stop::Turn(agent, error));
    }
    if broadcasts == 0 {
        let failure = not_called(progress.messages_of(&manager.id));
        return Err(Stop::ManagerTool(
            manager.id.clone(),
            SUPERVISOR_TOOL.to_owned(),
            failure,
        ));
    }
    Ok(())
}

/// The calls of the turn's approval requests.
fn waiting_calls(messages: &[LettaMessage]) -> Vec<Call> {
    messages
        .iter()
        .filter_map(|m| match m {
            LettaMessage::ApprovalRequest(request) => Some(request),
            _ => None,
        })
        .flat_map(|request| match (&request.tool_calls, &request.tool_call) {
            (Some(ToolCallsOrDelta::Calls(calls)), _) => calls.clone(),
            (Some(ToolCallsOrDelta::Delta(call)), _) | (None, Some(call)) => vec![call.clone()],
            (None, None) => Vec::new(),
        })
        .filter_map(|call| {
            Some(Call {
                id: call.tool_call_id?,
                name: call.name.unwrap_or_default(),
                arguments: call.arguments.unwrap_or_default(),
            })
        })
        .collect()
}

fn message_argument(arguments: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(arguments).ok()?;
    value.get("message")?.as_str().map(str::to_owned)
}

/// Sends the manager's message to every worker at once; the tool's result (one line per
/// worker, as 0.7.29 words it) and status. The first worker whose turn failed is kept in
/// `failed`; its line says so and the result is an error.
async fn broadcast(
    driver: &Driver,
    progress: &mut Progress<'_>,
    manager: &Participant,
    workers: &[&Participant],
    text: &str,
    failed: &mut Option<(AgentId, SendError)>,
) -> (String, ToolReturnStatus) {
    // 0.16.8's own agent-to-agent tools word the message so.
    let incoming = format!(
        "[Incoming message from agent with ID '{}' - your response will be delivered to the sender] {text}",
        manager.id
    );
    let message = MessageCreate::builder(MessageRole::System, incoming)
        .name(manager.name.clone())
        .sender_id(manager.id.to_string())
        .build();
    let turns = join_all(
        workers
            .iter()
            .map(|w| driver.turn(&w.id, LettaRequest::new([message.clone()]))),
    )
    .await;
    let mut lines = Vec::with_capacity(workers.len());
    let mut status = ToolReturnStatus::Success;
    for (worker, turn) in workers.iter().zip(turns) {
        match turn {
            Ok(turn) => {
                progress.record(worker, &turn);
                let replies = turn.assistant_texts();
                lines.push(if replies.is_empty() {
                    format!("No response from {}", worker.id)
                } else {
                    format!("{} said: '{}'", worker.id, replies.join("\n"))
                });
            }
            Err(Stop::Turn(agent, error)) => {
                lines.push(format!("(Error for agent {agent}: {error})"));
                status = ToolReturnStatus::Error;
                failed.get_or_insert((agent, error));
            }
            Err(_) => status = ToolReturnStatus::Error,
        }
    }
    let result = serde_json::to_string(&lines).unwrap_or_default();
    (result, status)
}

/// Sends an approval answer once. It carries no user message to find it by in the history,
/// so it is not reconciled: a failure that may have reached the server is
/// [`SendError::Unknown`] (settle it by reading the manager's history before sending anything
/// to it again).
async fn answer_once(driver: &Driver, manager: &AgentId, request: LettaRequest) -> Result<Turn, Stop> {
    let otid = request
        .approvals
        .first()
        .and_then(|a| a.otid.clone())
        .unwrap_or_default();
    let sent = driver
        .sender
        .client()
        .agents()
        .messages(manager)
        .send(&request)
        .await;
    let error = match sent {
        Ok(response) => return Ok(Turn::answered(response)),
        Err(error) => error,
    };
    let agent_id = manager.clone();
    let failure = match error.failure_class() {
        FailureClass::NotSent => SendError::NotSent {
            agent_id,
            otid,
            error,
        },
        FailureClass::Refused if error.is_client_side() => SendError::InvalidInput { agent_id, error },
        FailureClass::Refused => SendError::Refused {
            agent_id,
            otid,
            error,
        },
        _ => SendError::Unknown {
            agent_id,
            otid,
            error,
            last_lookup_error: None,
        },
    };
    Err(Stop::Turn(manager.clone(), failure))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calls_of_an_approval_request_are_read_from_either_field() {
        let listed = LettaMessage::from_value(json!({"id": "message-1", "date": "2026-11-25T11:46:35Z",
            "message_type": "approval_request_message",
            "tool_call": {"name": "old", "arguments": "{}", "tool_call_id": "c0"},
            "tool_calls": [{"name": SUPERVISOR_TOOL, "arguments": "{\"message\": \"hi\"}", "tool_call_id": "c1"},
                           {"name": "other", "arguments": "{}", "tool_call_id": "c2"}]}))
        .unwrap();
        let single = LettaMessage::from_value(json!({"id": "message-2", "date": "2026-11-25T11:46:35Z",
            "message_type": "approval_request_message",
            "tool_call": {"name": SUPERVISOR_TOOL, "arguments": "{}", "tool_call_id": "c3"}}))
        .unwrap();
        let calls = waiting_calls(&[listed, single]);
        let ids: Vec<_> = calls.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c1", "c2", "c3"]);
        assert_eq!(message_argument(&calls[0].arguments).as_deref(), Some("hi"));
        assert_eq!(message_argument(&calls[2].arguments), None);
        assert_eq!(calls[1].name, "other");
    }
}
