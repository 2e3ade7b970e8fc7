//! A supervisor conversation run by the orchestrator (see [`super`]): the manager gets
//! [`SUPERVISOR_TOOL`] as a client-side tool (0.16+), so its call stops its turn with an
//! approval request; the orchestrator sends the message to every worker (reconciled sends, at
//! once), and answers the call with the workers' replies, worded as 0.7.29's tool returns them
//! (`<agent> said: '<reply>'`). The manager's turn then goes on, and may call the tool again.

use futures_util::future::join_all;
use letta_core::ids::AgentId;
use letta_core::types::{
    ApprovalCreate, ClientTool, LettaRequest, MessageCreate, MessageRole, Replies, ToolCallOutcome,
    ToolReturnStatus,
};
use serde_json::json;

use super::{Driver, Progress, Stop};
use crate::group::SUPERVISOR_TOOL;
use crate::group::supervisor::not_called;
use crate::group::transcript::{Participant, Role};
use crate::reconcile::{SendError, new_otid};

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
        let Some(pending) = turn.pending_approval() else {
            break;
        };
        let mut outcomes = Vec::with_capacity(pending.calls.len());
        for call in pending.calls {
            if call.tool != SUPERVISOR_TOOL {
                outcomes.push(ToolCallOutcome::deny(
                    call.tool_call_id,
                    format!("only {SUPERVISOR_TOOL} can run in this group"),
                ));
                continue;
            }
            if broadcasts >= MAX_BROADCASTS {
                outcomes.push(ToolCallOutcome::deny(
                    call.tool_call_id,
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
            outcomes.push(ToolCallOutcome::tool_result(call.tool_call_id, result, status));
        }
        let approval = ApprovalCreate::builder()
            .approvals(outcomes)
            .otid(new_otid())
            .group_id(session.id().clone())
            .build();
        let mut answer = LettaRequest::answer(approval);
        answer.options.client_tools = Some(tools.clone());
        // Reconciled like any send: a lost answer is found again by the calls it answers.
        turn = driver
            .sender
            .send_answer(&manager.id, answer)
            .await
            .map_err(|error| Stop::Turn(manager.id.clone(), error))?;
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

/// The `message` the manager wants sent, from the call's arguments.
fn message_argument(arguments: &serde_json::Value) -> Option<String> {
    arguments.get("message")?.as_str().map(str::to_owned)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_is_read_from_the_calls_arguments() {
        assert_eq!(message_argument(&json!({"message": "hi"})).as_deref(), Some("hi"));
        assert_eq!(message_argument(&json!({"message": 3})), None);
        assert_eq!(message_argument(&json!("not json")), None);
    }
}
