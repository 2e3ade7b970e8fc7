//! A member whose turn fails mid-conversation (it was deleted after setup). On 0.16.8, where
//! the orchestrator runs the group, the conversation stops at that turn with
//! `GroupError::Turn` (which says whether the turn ran and keeps the turns before it), and a
//! supervisor's manager still gets its tool's answer, so it is not left waiting on an
//! approval.

use letta_core::types::{LettaMessage, MessageCreate};
use letta_orchestrator::Replies;
use letta_orchestrator::group::{GroupError, GroupRun, GroupSpec, Member, Role, SUPERVISOR_TOOL};
use letta_orchestrator::reconcile::SendError;

use crate::{LLM, SUPERVISOR, agent_request, client, on_0_16, own_history, user_messages_with};

#[tokio::test]
async fn a_round_robin_member_that_is_gone_stops_the_conversation_at_its_turn() {
    if !on_0_16() {
        // 0.7.29 runs the group itself, and a send to a round-robin group with a deleted
        // member does not answer (seen: the client's 300 s timeout): nothing to test quickly.
        return;
    }
    let _llm = LLM.read().await;
    let client = client();
    let spec = GroupSpec::round_robin([
        Member::create(agent_request("gone-rr-a")),
        Member::create(agent_request("gone-rr-b")),
        Member::create(agent_request("gone-rr-c")),
    ]);
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    let members: Vec<_> = run.with_role(Role::Worker).into_iter().cloned().collect();
    client.agents().delete(&members[1].id).await.unwrap();

    let sent = run.send(MessageCreate::user("who is there?")).await;
    {
        let Err(GroupError::Turn {
            agent_id,
            message,
            source,
            reply,
            ..
        }) = sent
        else {
            panic!("expected the gone member's turn to fail, got {sent:?}");
        };
        assert_eq!(agent_id, members[1].id);
        assert_eq!(message.content.text(), "who is there?");
        assert!(matches!(*source, SendError::Refused { .. }), "{source}");
        assert_eq!(source.letta_error().status().map(|s| s.as_u16()), Some(404));
        // The turn before it happened; the one after it did not.
        assert_eq!(reply.transcript.speakers(), vec![&members[0].id]);
        assert_eq!(
            reply.transcript.turn(&members[0].id).unwrap().assistant_texts(),
            vec!["You said: who is there?"]
        );
        let last = own_history(&client, &members[2].id).await;
        assert_eq!(user_messages_with(&last, "who is there?"), 0);
    }
    run.teardown().await.unwrap();
}

#[tokio::test]
async fn a_supervisor_worker_that_is_gone_fails_the_send_and_the_manager_is_answered() {
    let _llm = LLM.read().await;
    let _supervisor = SUPERVISOR.lock().await;
    let client = client();
    let spec = GroupSpec::supervisor(
        Member::create(agent_request("gone-sup-manager")),
        [
            Member::create(agent_request("gone-sup-w1")),
            Member::create(agent_request("gone-sup-w2")),
        ],
    );
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    let manager = run.with_role(Role::Manager)[0].clone();
    let workers: Vec<_> = run.with_role(Role::Worker).into_iter().cloned().collect();
    client.agents().delete(&workers[1].id).await.unwrap();

    let call = MessageCreate::user(format!(r#"#call {SUPERVISOR_TOOL} {{"message": "roll call"}}"#));
    let sent = run.send(call).await;
    if on_0_16() {
        let Err(GroupError::Turn {
            agent_id,
            source,
            reply,
            ..
        }) = sent
        else {
            panic!("expected the gone worker's turn to fail, got {sent:?}");
        };
        assert_eq!(agent_id, workers[1].id);
        assert!(matches!(*source, SendError::Refused { .. }), "{source}");
        // The other worker answered, and the manager got both outcomes and finished its turn.
        assert_eq!(
            reply
                .transcript
                .turn(&workers[0].id)
                .unwrap()
                .assistant_texts()
                .len(),
            1
        );
        let said = reply.transcript.turn(&manager.id).unwrap().assistant_texts();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("Tool returned: "), "{said:?}");
        assert!(said[0].contains(&format!("{} said:", workers[0].id)), "{said:?}");
        assert!(
            said[0].contains(&format!("(Error for agent {}", workers[1].id)),
            "{said:?}"
        );
        // Not left waiting on an approval: the manager takes the next message.
        let again = run.send(MessageCreate::user("still there?")).await.unwrap_err();
        assert!(matches!(again, GroupError::ManagerTool { .. }), "{again}");
        let history = own_history(&client, &manager.id).await;
        assert_eq!(user_messages_with(&history, "still there?"), 1);
        assert!(
            history.iter().any(
                |m| matches!(m, LettaMessage::Assistant(a) if a.content.text() == "You said: still there?")
            ),
            "{history:?}"
        );
    } else {
        // Before the send, the run reads each worker's newest message (to read its part from
        // its history afterwards): the gone worker fails that, and nothing is sent.
        let Err(GroupError::Send { source, .. }) = sent else {
            panic!("expected the send to be refused, got {sent:?}");
        };
        assert_eq!(source.status().map(|s| s.as_u16()), Some(404), "{source}");
        let history = own_history(&client, &manager.id).await;
        assert_eq!(user_messages_with(&history, "roll call"), 0);
    }
    run.teardown().await.unwrap();
}
