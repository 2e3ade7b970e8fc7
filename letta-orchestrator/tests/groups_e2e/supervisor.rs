//! Supervisor groups one after another on one server: 0.7.29 gives the manager its group tool
//! only for the organisation's first supervisor group; the run attaches it to every later one,
//! and a manager whose tool call fails makes the send an error instead of an empty success.

use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::{LettaMessage, ListToolsParams, MessageCreate};
use letta_orchestrator::Replies;
use letta_orchestrator::group::{GroupError, GroupRun, GroupSpec, Member, Role, SUPERVISOR_TOOL};
use std::io::Write as _;

use crate::{LLM, SUPERVISOR, agent_request, assert_group_gone, client, on_0_16, own_history, said};

const WORKERS: usize = 3;

/// The worker's own history holds the manager's message exactly once, as a system message
/// naming the manager, and right after it the worker's one reply, `reply`. The scripted model
/// answers the last *user* message it sees: 0.7.29's login event ("You said: ..."), or none at
/// all on 0.16.8 ("Hello.").
pub(crate) async fn assert_reached_once(
    client: &LettaClient,
    worker: &AgentId,
    manager: &AgentId,
    text: &str,
    reply: &str,
) {
    let history = own_history(client, worker).await;
    let at: Vec<usize> = history
        .iter()
        .enumerate()
        .filter(|(_, m)| matches!(m, LettaMessage::System(s) if s.content.contains(text) && s.content.contains(manager.as_str())))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 1, "{history:?}");
    assert_eq!(said(&history[at[0]..]), vec![reply.to_owned()], "{history:?}");
    let expected = if on_0_16() { "Hello." } else { "You said: " };
    assert!(reply.starts_with(expected), "{reply}");
}

fn broadcast(text: &str) -> MessageCreate {
    MessageCreate::user(format!(r#"#call {SUPERVISOR_TOOL} {{"message": "{text}"}}"#))
}

fn spec(round: usize) -> GroupSpec {
    let workers = (0..WORKERS).map(|i| Member::create(agent_request(&format!("sup{round}-w{i}"))));
    GroupSpec::supervisor(
        Member::create(agent_request(&format!("sup{round}-manager"))),
        workers,
    )
}

/// Runs one supervisor group to the end; the number of workers that replied.
async fn one_group(client: &LettaClient, round: usize) -> usize {
    let run = GroupRun::start(client.clone(), spec(round)).await.unwrap();
    let manager = run.with_role(Role::Manager)[0].clone();
    let tools = client.agents().tools(&manager.id).list().await.unwrap();
    let text = format!("round {round}: status?");
    let reply = run
        .send(broadcast(&text))
        .await
        .unwrap_or_else(|e| panic!("round {round}: {e}"));
    assert!(reply.unread.is_empty(), "{:?}", reply.unread);
    // Before the first supervisor send of the organisation the tool may not exist yet (the
    // server then makes it and attaches it itself); after it, the run attached it at setup.
    let attached_at_setup = tools.iter().any(|t| t.name.as_deref() == Some(SUPERVISOR_TOOL));
    let said = reply
        .transcript
        .turn(&manager.id)
        .map(Replies::assistant_texts)
        .unwrap_or_default();
    assert_eq!(
        said.len(),
        1,
        "round {round} (tool at setup: {attached_at_setup}): {said:?}"
    );
    assert!(said[0].starts_with("Tool returned: "), "{said:?}");
    let mut replied = 0;
    for worker in run.with_role(Role::Worker) {
        assert!(said[0].contains(&format!("{} said:", worker.id)), "{said:?}");
        let own = reply.transcript.turn(&worker.id).expect("the worker's messages");
        let texts = own.assistant_texts();
        assert_eq!(texts.len(), 1, "{texts:?}");
        // The tool's result holds the reply (0.7.29 quotes it as Python does: its first line).
        let first_line = texts[0].lines().next().unwrap_or_default();
        assert!(said[0].contains(first_line), "{said:?}");
        assert_reached_once(client, &worker.id, &manager.id, &text, &texts[0]).await;
        replied += 1;
    }
    let group_id = run.id().clone();
    run.teardown().await.unwrap();
    assert_group_gone(client, &group_id).await;
    replied
}

#[tokio::test]
async fn supervisor_groups_one_after_another_reach_their_workers_each_time() {
    let _llm = LLM.read().await;
    let _supervisor = SUPERVISOR.lock().await;
    let client = client();
    let first = one_group(&client, 1).await;
    let second = one_group(&client, 2).await;
    assert_eq!((first, second), (WORKERS, WORKERS));

    let run = GroupRun::start(client.clone(), spec(3)).await.unwrap();
    let manager: AgentId = run.with_role(Role::Manager)[0].id.clone();
    let message = if on_0_16() {
        // The orchestrator offers the tool with each send: a manager that answers without
        // calling it did not reach its workers.
        MessageCreate::user("anyone there?")
    } else {
        // The tool exists for the organisation now. A manager without it (detached after
        // setup, as every later group's manager was before the fix) makes the send an error
        // naming the tool and the failure, with the reply kept.
        let tool = client
            .tools()
            .list(&ListToolsParams::builder().name(SUPERVISOR_TOOL).build())
            .await
            .unwrap()
            .pop()
            .expect("the server made the supervisor tool");
        let attached = client.agents().tools(&manager).list().await.unwrap();
        assert!(attached.iter().any(|t| t.id == tool.id), "attached at setup");
        client.agents().tools(&manager).detach(&tool.id).await.unwrap();
        broadcast("anyone there?")
    };
    let error = run.send(message).await.unwrap_err();
    let GroupError::ManagerTool {
        group_id,
        manager: failed_manager,
        tool: failed_tool,
        failure,
        reply,
    } = &error
    else {
        panic!("expected a manager tool failure, got {error:?}");
    };
    assert_eq!(group_id, run.id());
    assert_eq!(failed_manager, &manager);
    assert_eq!(failed_tool, SUPERVISOR_TOOL);
    if on_0_16() {
        assert_eq!(
            failure,
            "the manager did not call it; it said: You said: anyone there?"
        );
    } else {
        // 0.7.29's tool rules then offer the model no tool at all (the scripted model says so
        // in words; a real one may call the tool anyway and get "No function named ...").
        assert!(
            failure.starts_with("the manager did not call it; it said: ")
                && failure.contains(SUPERVISOR_TOOL),
            "{failure}"
        );
    }
    assert!(
        error.to_string().starts_with(&format!(
            "group {group_id}: manager {manager} did not reach its workers through {SUPERVISOR_TOOL}: "
        )),
        "{error}"
    );
    for worker in run.with_role(Role::Worker) {
        assert!(
            reply
                .transcript
                .turn(&worker.id)
                .is_none_or(|t| t.assistant_texts().is_empty()),
            "the workers got nothing"
        );
    }
    run.teardown().await.unwrap();
    let _ = writeln!(
        std::io::stderr(),
        "supervisor groups: 2 in a row, workers replied both times ({first} + {second} replies); \
         a manager without its tool: {failure}"
    );
}
