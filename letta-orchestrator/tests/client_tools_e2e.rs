//! `#[letta_tool]` functions by the route the server supports best (`ToolRegistry::equip`):
//! client-side tools on 0.16.8 (the Rust body runs in this process during the send; nothing is
//! stored on the server), the tool host on 0.7.29; and tool approvals on 0.16.8.

use std::sync::Mutex;

use letta_core::rust_tool::{HOST_ENV, SECRET_ENV};
use letta_core::types::{
    AgentType, BlockCreate, LettaMessage, ListToolsParams, ToolReturnMessage, ToolReturnStatus,
};
use letta_core::{LettaClient, LettaError};
use letta_orchestrator::reconcile::SendError;
use letta_orchestrator::tools::{EquipError, ToolRegistry, ToolRoute, ToolSendError};
use letta_orchestrator::{AgentHandle, AgentSpec, Replies, Turn, TurnSource, letta_tool};
use letta_testkit::LettaRelease;

/// The fruit `tally_fruit` was asked about, in order.
static TALLIES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Counts the fruit of a kind in the basket.
#[letta_tool]
fn tally_fruit(
    /// The kind of fruit.
    fruit: String,
) -> u32 {
    TALLIES.lock().unwrap().push(fruit.clone());
    fruit.len() as u32 * 3
}

/// How many times the Rust body counted `fruit`. Tests run at once and share the basket, so each
/// counts its own fruit.
fn tallies_of(fruit: &str) -> usize {
    TALLIES.lock().unwrap().iter().filter(|f| *f == fruit).count()
}

/// Fails as told.
#[letta_tool]
fn fragile(
    /// `err` or `panic`.
    mode: String,
) -> Result<String, String> {
    match mode.as_str() {
        "panic" => panic!("fragile gave way"),
        "err" => Err(format!("fragile refused mode {mode}")),
        _ => Ok(format!("fragile held in mode {mode}")),
    }
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
        .memory_blocks([
            BlockCreate::new("human", "Name: Ada"),
            BlockCreate::new("persona", "I use my tools."),
        ])
        .build();
    AgentSpec::from(request).create(&client()).await.unwrap()
}

/// 0.7.29's sandbox swaps each run's variables into the server's environment, so tool runs of
/// agents with different hosts take turns.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn only_return(turn: &Turn) -> &ToolReturnMessage {
    let returns = turn.tool_returns();
    assert_eq!(returns.len(), 1, "{:#?}", turn.messages);
    returns[0]
}

#[tokio::test]
async fn equip_runs_the_rust_function_client_side_on_0_16_and_through_the_host_on_0_7() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let handle = agent("client-tools").await;
    let agent = ToolRegistry::new()
        .with(TallyFruitTool)
        .equip(&handle)
        .await
        .unwrap();
    let turn = agent
        .send(r#"#call tally_fruit {"fruit": "kiwi"}"#)
        .await
        .unwrap();

    // The Rust body ran here, once, with the model's arguments.
    assert_eq!(tallies_of("kiwi"), 1);
    let returned = only_return(&turn);
    assert_eq!(returned.status, ToolReturnStatus::Success);
    assert!(returned.tool_return.contains("12"), "{returned:?}");
    assert_eq!(turn.last_reply().as_deref(), Some("Tool returned: 12"));
    assert_eq!(turn.pending_approval(), None);

    let state = handle.state().await.unwrap();
    let has_tool = state
        .tools
        .iter()
        .any(|t| t.name.as_deref() == Some("tally_fruit"));
    let variables: Vec<&str> = state
        .tool_exec_environment_variables
        .iter()
        .map(|v| v.key.as_str())
        .collect();
    if on_0_16() {
        // Client-side: no host, no stub, no secret on the server.
        assert!(agent.is_client_side());
        assert!(agent.host().is_none());
        assert!(!has_tool);
        assert!(
            !variables.contains(&SECRET_ENV) && !variables.contains(&HOST_ENV),
            "{variables:?}"
        );
        let named = ListToolsParams::builder().name("tally_fruit").build();
        assert_eq!(handle.client().tools().list(&named).await.unwrap(), []);
        // The call came back as an approval request, answered with the function's value.
        let kinds: Vec<&str> = turn.messages.iter().map(LettaMessage::message_type).collect();
        assert_eq!(
            kinds,
            [
                "approval_request_message",
                "tool_return_message",
                "assistant_message"
            ]
        );
        // Two sends made the turn: no one usage count covers it.
        assert_eq!(turn.source, TurnSource::Answered);
        assert_eq!(turn.usage, None);
    } else {
        // The host route: a stub attached to the agent calls this process's host.
        assert!(!agent.is_client_side());
        assert_eq!(agent.host().unwrap().stats().calls, 1);
        assert!(has_tool);
        assert!(variables.contains(&SECRET_ENV), "{variables:?}");
        assert_eq!(turn.usage.as_ref().map(|u| u.step_count), Some(2));
    }
    handle.delete().await.unwrap();
}

#[tokio::test]
async fn an_err_or_a_panic_is_an_error_return_on_either_route() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let handle = agent("client-tools-errors").await;
    let agent = ToolRegistry::new()
        .with(FragileTool)
        .equip(&handle)
        .await
        .unwrap();
    let turn = agent.send(r#"#call fragile {"mode": "err"}"#).await.unwrap();
    let returned = only_return(&turn);
    assert_eq!(returned.status, ToolReturnStatus::Error, "{returned:?}");
    assert!(
        returned.tool_return.contains("fragile refused mode err"),
        "{returned:?}"
    );

    let turn = agent.send(r#"#call fragile {"mode": "panic"}"#).await.unwrap();
    let returned = only_return(&turn);
    assert_eq!(returned.status, ToolReturnStatus::Error, "{returned:?}");
    assert!(
        returned.tool_return.contains("panicked: fragile gave way"),
        "{returned:?}"
    );

    // The agent goes on, and so do the tools.
    let turn = agent.send(r#"#call fragile {"mode": "calm"}"#).await.unwrap();
    assert_eq!(only_return(&turn).status, ToolReturnStatus::Success);
    assert_eq!(
        turn.last_reply().as_deref(),
        Some("Tool returned: fragile held in mode calm")
    );
    handle.delete().await.unwrap();
}

#[tokio::test]
async fn client_side_tools_need_a_letta_v1_agent_of_0_16_and_equip_picks_the_host_otherwise() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let request = letta_testkit::shared_selected()
        .llm()
        .agent_request(letta_testkit::unique_name("client-tools-type"));
    let request = if on_0_16() {
        request.agent_type(AgentType::MemgptV2Agent).build()
    } else {
        request.build()
    };
    let handle = AgentSpec::from(request).create(&client()).await.unwrap();
    // Not `tally_fruit`, which the server must never hold on 0.16.8 (see above).
    let registry = ToolRegistry::new().with(FragileTool);
    let refused = registry.equip_via(&handle, ToolRoute::ClientSide).await;
    let expected = if on_0_16() {
        "only letta_v1_agent agents run them, and it is a memgpt_v2_agent"
    } else {
        "Letta 0.7.29 has none"
    };
    assert!(
        matches!(&refused, Err(EquipError::NoClientTools { why, .. }) if why.contains(expected)),
        "{refused:?}"
    );
    let agent = registry.equip(&handle).await.unwrap();
    assert!(agent.host().is_some());
    let turn = agent.send(r#"#call fragile {"mode": "lime"}"#).await.unwrap();
    assert_eq!(agent.host().unwrap().stats().calls, 1);
    assert_eq!(
        turn.last_reply().as_deref(),
        Some("Tool returned: fragile held in mode lime")
    );
    handle.delete().await.unwrap();
}

#[tokio::test]
async fn client_side_tools_are_refused_on_0_7_and_bounded_in_rounds_on_0_16() {
    let handle = agent("client-tools-rounds").await;
    let registry = ToolRegistry::new().with(TallyFruitTool);
    if !on_0_16() {
        let refused = registry.equip_via(&handle, ToolRoute::ClientSide).await;
        assert!(
            matches!(&refused, Err(EquipError::NoClientTools { why, .. }) if why.contains("Letta 0.7.29 has none")),
            "{refused:?}"
        );
        handle.delete().await.unwrap();
        return;
    }
    let agent = registry
        .equip_via(&handle, ToolRoute::ClientSide)
        .await
        .unwrap()
        .with_max_rounds(0);
    let stopped = agent
        .send(r#"#call tally_fruit {"fruit": "fig"}"#)
        .await
        .unwrap_err();
    let ToolSendError::TooManyRounds { rounds, turn, .. } = stopped else {
        panic!("{stopped:?}");
    };
    assert_eq!(rounds, 0);
    // Nothing ran; the call waits, visible with its arguments.
    assert_eq!(tallies_of("fig"), 0);
    let pending = turn.pending_approval().unwrap();
    assert_eq!(pending.calls.len(), 1);
    assert_eq!(pending.calls[0].tool, "tally_fruit");
    assert_eq!(pending.calls[0].arguments, serde_json::json!({"fruit": "fig"}));
    // Denying it ends the turn without running it.
    let rest = handle.deny(&pending, "no more fruit").await.unwrap();
    assert_eq!(tallies_of("fig"), 0);
    assert_eq!(rest.pending_approval(), None);
    assert!(
        rest.last_reply().unwrap_or_default().contains("no more fruit"),
        "{:#?}",
        rest.messages
    );
    handle.delete().await.unwrap();
}

#[tokio::test]
async fn approving_or_denying_on_0_7_is_refused_before_anything_is_sent() {
    if on_0_16() {
        return;
    }
    let handle = agent("approvals-0-7").await;
    let turn = handle.send("hello").await.unwrap();
    assert_eq!(turn.pending_approval(), None);
    let answer =
        letta_core::types::ApprovalCreate::new([letta_core::types::ToolCallOutcome::approve("call-1")]);
    let refused = handle.answer_approval(answer).await.unwrap_err();
    assert!(
        matches!(&refused, SendError::InvalidInput { error: LettaError::InvalidInput(text), .. } if text.contains("no tool approvals")),
        "{refused:?}"
    );
    // Nothing reached the agent.
    let history = handle
        .client()
        .agents()
        .messages(handle.id())
        .list(&Default::default())
        .await
        .unwrap();
    assert!(
        history
            .iter()
            .all(|m| !matches!(m, LettaMessage::ApprovalResponse(_)))
    );
    handle.delete().await.unwrap();
}

#[tokio::test]
async fn a_lost_answer_is_found_in_the_history_not_sent_again() {
    use letta_testkit::fault_proxy::{Fault, FaultProxy, FaultRule};
    if !on_0_16() {
        return; // no answers on 0.7.29
    }
    let server = letta_testkit::shared_selected();
    let proxy = FaultProxy::in_front_of(server).unwrap();
    // The answer carrying the tool's result reaches the server, runs, and its reply is lost.
    proxy.push_rule(
        FaultRule::new(Fault::ResetAfterForward)
            .method("POST")
            .path("/v1/agents/*/messages")
            .when(|request| String::from_utf8_lossy(&request.body).contains(r#""type":"approval""#))
            .times(1),
    );
    let created = agent("client-tools-lost").await;
    let proxied = LettaClient::new(proxy.base_url()).unwrap();
    let handle = AgentHandle::new(proxied, created.id().clone());
    let agent = ToolRegistry::new()
        .with(TallyFruitTool)
        .equip(&handle)
        .await
        .unwrap();
    let turn = agent
        .send(r#"#call tally_fruit {"fruit": "plum"}"#)
        .await
        .unwrap();
    assert_eq!(proxy.stats().reset_after, 1);
    assert!(turn.is_recovered());
    assert_eq!(tallies_of("plum"), 1);
    assert_eq!(turn.last_reply().as_deref(), Some("Tool returned: 12"));

    // The message's own reply is lost: the turn read back ends with the call waiting, which
    // is answered as if the reply had come.
    proxy.push_rule(
        FaultRule::new(Fault::ResetAfterForward)
            .method("POST")
            .path("/v1/agents/*/messages")
            .when(|request| String::from_utf8_lossy(&request.body).contains("pear"))
            .times(1),
    );
    let turn = agent
        .send(r#"#call tally_fruit {"fruit": "pear"}"#)
        .await
        .unwrap();
    assert_eq!(proxy.stats().reset_after, 2);
    assert!(turn.is_recovered());
    assert_eq!((tallies_of("plum"), tallies_of("pear")), (1, 1));
    assert_eq!(turn.last_reply().as_deref(), Some("Tool returned: 12"));

    // Per send: one answer, one tool return, one reply in the agent's history.
    let history = created
        .client()
        .agents()
        .messages(created.id())
        .list(&Default::default())
        .await
        .unwrap();
    let count = |kind: &str| history.iter().filter(|m| m.message_type() == kind).count();
    assert_eq!(count("user_message"), 2, "{history:#?}");
    assert_eq!(count("approval_response_message"), 2, "{history:#?}");
    assert_eq!(count("tool_return_message"), 2, "{history:#?}");
    assert_eq!(count("assistant_message"), 2, "{history:#?}");
    created.delete().await.unwrap();
}
