//! Tool approvals (human in the loop) on the real Letta 0.16.8 server: a tool that requires
//! approval stops the turn; the pending call is visible with its arguments; approving runs the
//! tool once and continues the turn, denying continues it without running the tool; in a
//! fan-out, an item waiting for approval does not hold up the others. (0.7.29 has no approvals:
//! asking for one is refused there, and `client_tools_e2e` checks that answering one is too, both
//! before anything is sent; the other tests return at once on it.)

use std::sync::Mutex;

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::types::{ApprovalCreate, BlockCreate, MessageCreate, ToolCallOutcome, ToolReturnStatus};
use letta_orchestrator::OutputError;
use letta_orchestrator::fanout::{Fanout, FanoutItem};
use letta_orchestrator::reconcile::SendError;
use letta_orchestrator::tools::{ToolAgent, ToolHostConfig, ToolRegistry, ToolRoute};
use letta_orchestrator::workflow::{Pipeline, WorkflowError};
use letta_orchestrator::{AgentHandle, AgentSpec, Replies, letta_tool};
use letta_testkit::LettaRelease;
use serde_json::json;

/// What `guarded_write` wrote, in order.
static WRITES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Writes a note to the ledger.
#[letta_tool]
fn guarded_write(
    /// The note.
    note: String,
) -> String {
    WRITES.lock().unwrap().push(note.clone());
    format!("wrote {note}")
}

fn writes_of(note: &str) -> usize {
    WRITES.lock().unwrap().iter().filter(|n| *n == note).count()
}

fn on_0_16() -> bool {
    letta_testkit::shared_selected().release() == LettaRelease::V0_16_8
}

fn client() -> LettaClient {
    LettaClient::builder()
        .base_url(letta_testkit::shared_selected().base_url())
        .build()
        .unwrap()
}

async fn agent(prefix: &str) -> AgentHandle {
    let request = letta_testkit::shared_selected()
        .llm()
        .agent_request(letta_testkit::unique_name(prefix))
        .memory_blocks([BlockCreate::new("persona", "I ask before writing.")])
        .build();
    AgentSpec::from(request).create(&client()).await.unwrap()
}

/// An agent whose `guarded_write` (a server tool, through the host) waits for approval.
async fn guarded_agent(prefix: &str) -> ToolAgent {
    let handle = agent(prefix).await;
    let agent = ToolRegistry::new()
        .with(GuardedWriteTool)
        .equip_via(&handle, ToolRoute::Host(ToolHostConfig::default()))
        .await
        .unwrap();
    handle
        .client()
        .agents()
        .modify_tool_approval(handle.id(), "guarded_write", true)
        .await
        .unwrap();
    agent
}

#[tokio::test]
async fn letta_0_7_has_no_approvals_to_ask_for() {
    if on_0_16() {
        return; // the tests below
    }
    let handle = agent("no-approvals").await;
    let refused = handle
        .client()
        .agents()
        .modify_tool_approval(handle.id(), "guarded_write", true)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, letta_core::LettaError::NotServed { .. }),
        "{refused:?}"
    );
    handle.delete().await.unwrap();
}

#[tokio::test]
async fn approving_runs_the_tool_once_and_continues_the_turn() {
    if !on_0_16() {
        return;
    }
    let guarded = guarded_agent("approve").await;
    let agent = guarded.handle();
    let turn = agent
        .send(r#"#call guarded_write {"note": "alpha"}"#)
        .await
        .unwrap();
    let pending = turn.pending_approval().expect("the turn waits for approval");
    assert_eq!(pending.calls.len(), 1);
    let call = &pending.calls[0];
    assert_eq!(call.tool, "guarded_write");
    assert_eq!(call.arguments, json!({"note": "alpha"}));
    assert!(!call.tool_call_id.is_empty());
    assert_eq!(turn.last_reply(), None);
    assert_eq!(writes_of("alpha"), 0);

    // While the call waits, the agent takes no other message.
    let refused = agent.send("are you there?").await.unwrap_err();
    assert!(matches!(refused, SendError::Refused { .. }), "{refused:?}");

    // An answer naming another call is refused; nothing runs and the call still waits.
    let wrong = ApprovalCreate::new([ToolCallOutcome::approve("call-that-is-not-pending")]);
    let refused = agent.answer_approval(wrong).await.unwrap_err();
    assert!(
        matches!(&refused, SendError::Refused { error, .. } if error.to_string().contains("Invalid tool call IDs")),
        "{refused:?}"
    );
    assert_eq!(writes_of("alpha"), 0);

    let rest = agent.approve(&pending).await.unwrap();
    assert_eq!(writes_of("alpha"), 1);
    assert_eq!(guarded.host().unwrap().stats().calls, 1);
    let returns = rest.tool_returns();
    assert_eq!(returns.len(), 1, "{:#?}", rest.messages);
    assert_eq!(returns[0].status, ToolReturnStatus::Success);
    assert_eq!(returns[0].tool_return, "wrote alpha");
    assert_eq!(rest.last_reply().as_deref(), Some("Tool returned: wrote alpha"));
    assert_eq!(rest.pending_approval(), None);

    // The agent goes on.
    let turn = agent.send("still there?").await.unwrap();
    assert_eq!(turn.last_reply().as_deref(), Some("You said: still there?"));
    agent.clone().delete().await.unwrap();
}

#[tokio::test]
async fn denying_continues_the_turn_without_running_the_tool() {
    if !on_0_16() {
        return;
    }
    let guarded = guarded_agent("deny").await;
    let agent = guarded.handle();
    let turn = agent
        .send(r#"#call guarded_write {"note": "beta"}"#)
        .await
        .unwrap();
    let pending = turn.pending_approval().expect("the turn waits for approval");
    assert_eq!(pending.calls[0].arguments, json!({"note": "beta"}));

    let rest = agent.deny(&pending, "the ledger is frozen").await.unwrap();
    assert_eq!(writes_of("beta"), 0);
    assert_eq!(guarded.host().unwrap().stats().calls, 0);
    assert_eq!(rest.pending_approval(), None);
    // The agent saw the reason.
    let reply = rest.last_reply().unwrap_or_default();
    assert!(reply.contains("the ledger is frozen"), "{:#?}", rest.messages);
    agent.clone().delete().await.unwrap();
}

#[tokio::test]
async fn a_fanout_item_waiting_for_approval_does_not_hold_up_the_others() {
    if !on_0_16() {
        return;
    }
    let guarded = guarded_agent("fan-guarded").await;
    let plain = [agent("fan-plain").await, agent("fan-plain").await];
    let mut items = vec![FanoutItem::keyed(
        "guarded",
        guarded.handle(),
        MessageCreate::user(r#"#call guarded_write {"note": "gamma"}"#),
    )];
    for (n, other) in plain.iter().enumerate() {
        let key = if n == 0 { "plain-0" } else { "plain-1" };
        items.push(FanoutItem::keyed(
            key,
            other,
            MessageCreate::user(format!("hello {n}")),
        ));
    }
    let sender = guarded.handle().sender().clone();
    let results: Vec<_> = Fanout::new(sender).concurrency(3).run(items).collect().await;
    assert_eq!(results.len(), 3);
    for result in &results {
        let turn = result.outcome.as_ref().unwrap();
        match result.key {
            // Finished as waiting: an `Ok` turn whose calls are pending.
            "guarded" => {
                let pending = turn.pending_approval().expect("waiting");
                assert_eq!(pending.calls[0].arguments, json!({"note": "gamma"}));
            }
            "plain-0" => assert_eq!(turn.last_reply().as_deref(), Some("You said: hello 0")),
            _ => assert_eq!(turn.last_reply().as_deref(), Some("You said: hello 1")),
        }
    }
    assert_eq!(writes_of("gamma"), 0);

    // Answered later, the waiting item's turn goes on.
    let pending = results
        .iter()
        .find(|r| r.key == "guarded")
        .and_then(|r| r.outcome.as_ref().ok())
        .and_then(|turn| turn.pending_approval())
        .unwrap();
    let rest = guarded.handle().approve(&pending).await.unwrap();
    assert_eq!(rest.last_reply().as_deref(), Some("Tool returned: wrote gamma"));
    assert_eq!(writes_of("gamma"), 1);
    guarded.handle().clone().delete().await.unwrap();
    for other in plain {
        other.delete().await.unwrap();
    }
}

#[tokio::test]
async fn a_pipeline_step_waiting_for_approval_fails_with_the_pending_calls() {
    if !on_0_16() {
        return;
    }
    let guarded = guarded_agent("pipeline").await;
    let writer = guarded.handle().typed::<String>().await.unwrap();
    let pipeline = Pipeline::new().step("write", writer, |note: &String| {
        format!(r#"#call guarded_write {{"note": "{note}"}}"#)
    });
    let failed = pipeline.run("delta".to_owned()).await.unwrap_err();
    let WorkflowError::Step { failure, trace } = failed else {
        panic!("{failed:?}");
    };
    assert!(trace.entries.is_empty());
    assert_eq!(failure.step, "write");
    let OutputError::WaitingForApproval { pending, .. } = &failure.error else {
        panic!("{:?}", failure.error);
    };
    assert_eq!(pending.calls[0].tool, "guarded_write");
    assert_eq!(pending.calls[0].arguments, json!({"note": "delta"}));
    assert_eq!(writes_of("delta"), 0);
    // Approved on the step's agent, the turn goes on and holds the step's reply.
    let rest = guarded.handle().approve(pending).await.unwrap();
    assert_eq!(writes_of("delta"), 1);
    assert_eq!(rest.tool_returns()[0].tool_return, "wrote delta");
    guarded.handle().clone().delete().await.unwrap();
}
