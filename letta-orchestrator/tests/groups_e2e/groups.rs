//! Round-robin, supervisor and dynamic group runs: per-agent transcripts and teardown.

use letta_core::ids::AgentId;
use letta_core::types::{LettaMessage, ManagerType, MessageCreate};
use letta_orchestrator::Replies;
use letta_orchestrator::group::{GroupError, GroupRun, GroupSpec, Member, Resource, Role};

use crate::{
    LLM, SUPERVISOR, agent_request, assert_agent_exists, assert_agent_gone, assert_group_gone, client,
    handle, on_0_16, own_history, said, user_messages_with,
};

#[tokio::test]
async fn a_round_robin_run_answers_in_turn_and_tears_down_what_it_made() {
    let _llm = LLM.read().await;
    let client = client();
    let (a, a_name) = handle(&client, agent_request("rr-a")).await;
    let (b, _) = handle(&client, agent_request("rr-b")).await;
    // The created member comes from an `AgentSpec`, the others are the caller's.
    let made_spec = letta_orchestrator::AgentSpec::from(agent_request("rr-made"));
    let spec = GroupSpec::round_robin([&a, &b]).worker(Member::create(&made_spec));

    let scope_client = client.clone();
    let (group_id, made, replies, streamed, histories) =
        GroupRun::scope(client.clone(), spec, |run| async move {
            assert_eq!(run.is_orchestrated(), on_0_16());
            let made = run.with_role(Role::Worker)[2].clone();
            let reply = run.send(MessageCreate::user("hello team")).await?;
            let streamed = run.stream_collect(MessageCreate::user("stream to us")).await?;
            let mut histories = Vec::new();
            for member in run.participants() {
                histories.push(own_history(&scope_client, &member.id).await);
            }
            Ok::<_, GroupError>((run.id().clone(), made, reply, streamed, histories))
        })
        .await
        .unwrap();

    assert!(made.owned);
    assert_eq!(made.name, made_spec.name());
    let order = vec![a.id(), b.id(), &made.id];
    assert_eq!(replies.transcript.speakers(), order);
    assert_eq!(streamed.transcript.speakers(), order);
    for id in [a.id(), b.id(), &made.id] {
        assert_eq!(
            replies
                .transcript
                .turn(id)
                .map(Replies::assistant_texts)
                .unwrap_or_default(),
            vec!["You said: hello team"]
        );
        assert_eq!(
            streamed
                .transcript
                .turn(id)
                .map(Replies::assistant_texts)
                .unwrap_or_default(),
            vec!["You said: stream to us"]
        );
    }
    assert_eq!(
        replies.transcript.agent(a.id()).unwrap().name.as_deref(),
        Some(a_name.as_str())
    );
    assert_eq!(replies.usage.as_ref().unwrap().step_count, 3);
    // Each member's own history holds each message and its own reply to it exactly once.
    for history in &histories {
        for text in ["hello team", "stream to us"] {
            assert_eq!(user_messages_with(history, text), 1, "{text}: {history:?}");
            let replies = said(history);
            let own = replies
                .iter()
                .filter(|r| **r == format!("You said: {text}"))
                .count();
            assert_eq!(own, 1, "{text}: {replies:?}");
        }
    }

    assert_group_gone(&client, &group_id).await;
    assert_agent_gone(&client, &made.id).await;
    assert_agent_exists(&client, a.id()).await;
    assert_agent_exists(&client, b.id()).await;
}

#[tokio::test]
async fn a_supervisor_run_collects_each_workers_answer() {
    let _llm = LLM.read().await;
    let _supervisor = SUPERVISOR.lock().await;
    let client = client();
    let (w1, _) = handle(&client, agent_request("sup-w1")).await;
    let (w2, _) = handle(&client, agent_request("sup-w2")).await;
    let spec = GroupSpec::supervisor(Member::create(agent_request("sup-manager")), [&w1, &w2])
        .description("supervised");
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    assert_eq!(run.group().manager_type, ManagerType::Supervisor);
    assert_eq!(run.group().description, "supervised");
    let manager = run.with_role(Role::Manager)[0].clone();
    assert!(manager.owned);
    assert_eq!(
        run.owned(),
        vec![
            Resource::Group(run.id().clone()),
            Resource::Agent(manager.id.clone())
        ]
    );

    let reply = run
        .send(MessageCreate::user(
            r#"#call send_message_to_all_agents_in_group {"message": "status report?"}"#,
        ))
        .await
        .unwrap();
    assert!(reply.unread.is_empty(), "{:?}", reply.unread);
    let said = reply
        .transcript
        .turn(&manager.id)
        .map(Replies::assistant_texts)
        .unwrap_or_default();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("Tool returned: "), "{said:?}");
    // The manager's own history holds the message once.
    let manager_history = own_history(&client, &manager.id).await;
    assert_eq!(user_messages_with(&manager_history, "status report?"), 1);
    for worker in [&w1, &w2] {
        assert!(said[0].contains(&format!("{} said:", worker.id())), "{said:?}");
        let texts = reply
            .transcript
            .turn(worker.id())
            .expect("the worker's messages")
            .assistant_texts();
        assert_eq!(texts.len(), 1, "{texts:?}");
        // The tool's result holds the reply (0.7.29 quotes it as Python does: its first line).
        let first_line = texts[0].lines().next().unwrap_or_default();
        assert!(said[0].contains(first_line), "{said:?}");
        crate::supervisor::assert_reached_once(
            &client,
            worker.id(),
            &manager.id,
            "status report?",
            &texts[0],
        )
        .await;
    }

    let group_id = run.id().clone();
    run.teardown().await.unwrap();
    assert_group_gone(&client, &group_id).await;
    assert_agent_gone(&client, &manager.id).await;
    assert_agent_exists(&client, w1.id()).await;
    assert_agent_exists(&client, w2.id()).await;
}

#[tokio::test]
async fn a_dynamic_run_lets_the_manager_pick_the_speaker() {
    let _llm = LLM.read().await;
    let client = client();
    let (manager, _) = handle(&client, agent_request("dyn-manager")).await;
    let (first, first_name) = handle(&client, agent_request("dyn-first")).await;
    let spec = GroupSpec::dynamic(&manager, [&first])
        .worker(Member::create(agent_request("dyn-second")))
        .termination_token("STOP!")
        .max_turns(1);
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    assert_eq!(run.group().termination_token.as_deref(), Some("STOP!"));
    assert_eq!(run.group().max_turns, Some(1));
    let second: AgentId = run.with_role(Role::Worker)[1].id.clone();

    // The scripted manager echoes the chat, so the participant named in it is chosen.
    let text = format!("hello {first_name}");
    let reply = run.send(MessageCreate::user(text.clone())).await.unwrap();
    assert_eq!(reply.transcript.speakers(), vec![manager.id(), first.id()]);
    let picked = reply
        .transcript
        .turn(manager.id())
        .map(Replies::assistant_texts)
        .unwrap_or_default();
    assert_eq!(picked.len(), 1);
    assert!(
        picked[0].starts_with("You said: Choose the most suitable agent"),
        "{picked:?}"
    );
    assert_eq!(
        reply
            .transcript
            .turn(first.id())
            .map(Replies::assistant_texts)
            .unwrap_or_default(),
        vec![format!("You said: {text}")]
    );
    assert!(reply.transcript.agent(&second).is_none());

    let group_id = run.id().clone();
    run.teardown().await.unwrap();
    assert_group_gone(&client, &group_id).await;
    assert_agent_gone(&client, &second).await;
    assert_agent_exists(&client, manager.id()).await;
    assert_agent_exists(&client, first.id()).await;
}

#[tokio::test]
async fn a_round_robin_run_of_two_laps_gives_each_member_every_reply_once() {
    let _llm = LLM.read().await;
    let client = client();
    let spec = GroupSpec::round_robin([
        Member::create(agent_request("lap-a")),
        Member::create(agent_request("lap-b")),
    ])
    .max_turns(4);
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    let members = run.with_role(Role::Worker);
    let (a, b) = (members[0].clone(), members[1].clone());

    let reply = run.send(MessageCreate::user("lap one")).await.unwrap();
    assert_eq!(reply.transcript.speakers(), vec![&a.id, &b.id]);
    for member in [&a, &b] {
        assert_eq!(
            reply.transcript.turn(&member.id).unwrap().assistant_texts(),
            vec!["You said: lap one"; 2]
        );
    }
    assert_eq!(reply.usage.as_ref().unwrap().step_count, 4);
    run.send(MessageCreate::user("lap two")).await.unwrap();

    // Each member's history holds each message once, its own two replies to each, and the
    // other's two replies of the first send, each once: b's last one reaches a at the end of
    // the send on 0.7.29 (written into its history) and with its next turn on 0.16.8.
    for (member, other) in [(&a, &b), (&b, &a)] {
        let history = own_history(&client, &member.id).await;
        let replies = said(&history);
        for text in ["lap one", "lap two"] {
            assert_eq!(user_messages_with(&history, text), 1, "{history:?}");
            let own = replies
                .iter()
                .filter(|r| **r == format!("You said: {text}"))
                .count();
            assert_eq!(own, 2, "{replies:?}");
        }
        let forwarded = history
            .iter()
            .filter(|m| matches!(m, LettaMessage::System(s) if s.content.contains("You said: lap one")))
            .count();
        assert_eq!(
            forwarded, 2,
            "{}'s replies in {}'s history: {history:?}",
            other.name, member.name
        );
    }
    run.teardown().await.unwrap();
}

#[tokio::test]
async fn a_dynamic_manager_that_names_nobody_stops_the_send() {
    let _llm = LLM.read().await;
    let client = client();
    let (manager, _) = handle(&client, agent_request("dyn-nobody-manager")).await;
    let spec = GroupSpec::dynamic(&manager, [Member::create(agent_request("dyn-nobody-worker"))]);
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    let worker = run.with_role(Role::Worker)[0].id.clone();

    // The scripted manager echoes its question, which names the workers by ID only.
    let error = run.send(MessageCreate::user("hello, anyone?")).await.unwrap_err();
    match error {
        GroupError::NoSpeaker {
            manager: named,
            said,
            reply,
            ..
        } if on_0_16() => {
            assert_eq!(&named, manager.id());
            assert!(
                said.starts_with("You said: Choose the most suitable agent"),
                "{said}"
            );
            assert_eq!(reply.transcript.speakers(), vec![manager.id()]);
        }
        GroupError::Send { source, .. } if !on_0_16() => {
            assert!(source.status().is_some_and(|s| s.is_server_error()), "{source}");
        }
        other => panic!("expected the send to stop, got {other}"),
    }
    let worker_history = own_history(&client, &worker).await;
    assert_eq!(user_messages_with(&worker_history, "hello, anyone?"), 0);
    run.teardown().await.unwrap();
    assert_agent_exists(&client, manager.id()).await;
}

#[tokio::test]
async fn an_orchestrated_dynamic_run_ends_at_its_termination_token() {
    if !on_0_16() {
        // 0.7.29 never matches the token (see `ManagerConfig::Dynamic`): nothing to test.
        return;
    }
    let _llm = LLM.read().await;
    let client = client();
    let (manager, _) = handle(&client, agent_request("dyn-end-manager")).await;
    let (first, first_name) = handle(&client, agent_request("dyn-end-first")).await;
    let (second, second_name) = handle(&client, agent_request("dyn-end-second")).await;
    let spec = GroupSpec::dynamic(&manager, [&first, &second])
        .termination_token("OVER!")
        .max_turns(3);
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    // The manager's echo names `first`; `first` replies the token; nobody speaks after it.
    let text = format!("#reply {first_name} is done, OVER!");
    let reply = run.send(MessageCreate::user(text)).await.unwrap();
    assert_eq!(reply.transcript.speakers(), vec![manager.id(), first.id()]);
    assert_eq!(
        reply.transcript.turn(first.id()).unwrap().assistant_texts(),
        vec![format!("{first_name} is done, OVER!")]
    );
    assert_eq!(
        reply
            .transcript
            .turn(manager.id())
            .unwrap()
            .assistant_texts()
            .len(),
        1
    );
    assert!(
        reply.transcript.agent(second.id()).is_none(),
        "{second_name} did not speak"
    );
    run.teardown().await.unwrap();
}

#[tokio::test]
async fn a_shared_block_is_in_every_members_memory() {
    let client = client();
    let block = client
        .blocks()
        .create(&letta_core::types::BlockCreate::new(
            crate::unique("team-notes"),
            "shared by the team",
        ))
        .await
        .unwrap();
    let (kept, _) = handle(&client, agent_request("shared-kept")).await;
    let spec = GroupSpec::round_robin([Member::from(&kept), Member::create(agent_request("shared-made"))])
        .shared_block(block.id.clone());
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    for member in run.participants() {
        let blocks = client
            .agents()
            .core_memory(&member.id)
            .list_blocks()
            .await
            .unwrap();
        let shared: Vec<_> = blocks.iter().filter(|b| b.id == block.id).collect();
        assert_eq!(shared.len(), 1, "{}: {blocks:?}", member.name);
        assert_eq!(shared[0].value, "shared by the team");
    }
    run.teardown().await.unwrap();
    // The block is the caller's: the run leaves it.
    assert_eq!(client.blocks().retrieve(&block.id).await.unwrap().id, block.id);
    client.agents().delete(kept.id()).await.unwrap();
    client.blocks().delete(&block.id).await.unwrap();
}
