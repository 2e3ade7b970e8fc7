//! Teardown whatever happens: a failing closure, a failing step, a failing setup, a run
//! dropped without teardown.

use std::sync::{Arc, Mutex};

use letta_core::ids::{AgentId, GroupId};
use letta_core::transport::{Transport, TransportRequest, full_body};
use letta_core::types::{ListAgentsParams, MessageCreate};
use letta_orchestrator::Replies;
use letta_orchestrator::batch::{BatchError, BatchRun, SubmittedBatch};
use letta_orchestrator::group::{GroupError, GroupRun, GroupSpec, Member, Resource, Role, ScopeError};
use letta_orchestrator::reconcile::{ReconcileConfig, SendError};
use tower::ServiceExt;

use crate::{
    LLM, agent_request, assert_agent_exists, assert_agent_gone, assert_group_gone, client, handle, on_0_16,
};

/// The group and the agents the run made, for checking after the scope.
fn made(run: &letta_orchestrator::group::GroupSession) -> (GroupId, Vec<AgentId>) {
    let owned = run
        .participants()
        .iter()
        .filter(|p| p.owned)
        .map(|p| p.id.clone())
        .collect();
    (run.id().clone(), owned)
}

#[tokio::test]
async fn a_failing_closure_still_tears_down() {
    let client = client();
    let (kept, _) = handle(&client, agent_request("kept")).await;
    let spec = GroupSpec::round_robin([Member::from(&kept), Member::create(agent_request("made"))]);
    let err = GroupRun::scope(
        client.clone(),
        spec,
        |run| async move { Err::<(), _>(made(&run)) },
    )
    .await
    .unwrap_err();
    let (group_id, owned) = match err {
        ScopeError::Body { error, teardown } => {
            assert!(teardown.is_none(), "{teardown:?}");
            error
        }
        other => panic!("expected the closure's error, got {other:?}"),
    };
    assert_eq!(owned.len(), 1);
    assert_group_gone(&client, &group_id).await;
    assert_agent_gone(&client, &owned[0]).await;
    assert_agent_exists(&client, kept.id()).await;
}

#[tokio::test]
async fn a_failing_step_still_tears_down() {
    // Holds the LLM alone: its failure knob is global.
    let _llm = LLM.write().await;
    let client = client();
    let (kept, _) = handle(&client, agent_request("kept-step")).await;
    // Where the orchestrator runs the group, a turn the history proves did not run is sent
    // again; none here, so the failure shows.
    let no_resends = ReconcileConfig {
        max_resends: 0,
        ..ReconcileConfig::default()
    };
    let spec =
        GroupSpec::supervisor(Member::create(agent_request("made-manager")), [&kept]).reconcile(no_resends);
    let llm = letta_testkit::shared_selected().llm().clone();
    let err = GroupRun::scope(client.clone(), spec, |run| async move {
        let ids = made(&run);
        // Enough failures for every attempt (0.16.8's model client tries again).
        llm.fail_next(if on_0_16() { 100 } else { 10 }, 500);
        let sent = run.send(MessageCreate::user("this step fails")).await;
        llm.fail_next(0, 500);
        match sent {
            Ok(reply) => Ok(reply),
            Err(e) => Err((ids, e)),
        }
    })
    .await
    .unwrap_err();
    let ((group_id, owned), error) = match err {
        ScopeError::Body {
            error,
            teardown: None,
        } => error,
        other => panic!("expected the step's error, got {other:?}"),
    };
    match error {
        GroupError::Send {
            group_id: g,
            message,
            source,
        } if !on_0_16() => {
            assert_eq!(g, group_id);
            assert_eq!(message.content.text(), "this step fails");
            assert!(source.status().is_some_and(|s| s.is_server_error()), "{source}");
        }
        // The orchestrator ran the manager's turn as a reconciled send: every attempt failed,
        // and its history shows it never ran.
        GroupError::Turn {
            group_id: g,
            agent_id,
            message,
            source,
            reply,
        } if on_0_16() => {
            assert_eq!(g, group_id);
            assert_eq!(agent_id, owned[0], "the manager's turn failed");
            assert_eq!(message.content.text(), "this step fails");
            assert!(matches!(*source, SendError::NotSent { .. }), "{source}");
            let status = source.letta_error().status();
            assert!(status.is_some_and(|s| s.is_server_error()), "{source}");
            assert!(reply.transcript.agents.is_empty(), "{reply:?}");
        }
        other => panic!("expected a failed send, got {other}"),
    }
    assert_eq!(owned.len(), 1);
    assert_group_gone(&client, &group_id).await;
    assert_agent_gone(&client, &owned[0]).await;
    assert_agent_exists(&client, kept.id()).await;
}

#[tokio::test]
async fn a_failing_setup_removes_what_it_made() {
    let client = client();
    let request = agent_request("made-before-failure");
    let name = request.name.clone().unwrap();
    let missing = AgentId::new("agent-00000000-0000-4000-8000-000000000000");
    let spec = GroupSpec::round_robin([Member::create(request), Member::from(&missing)]);
    let err = GroupRun::start(client.clone(), spec).await.unwrap_err();
    match err {
        GroupError::Setup {
            source,
            spec,
            cleanup,
        } => {
            assert!(source.is_not_found(), "{source}");
            assert!(cleanup.is_none(), "{cleanup:?}");
            assert_eq!(spec.workers().len(), 2);
            assert_eq!(spec.workers()[1], Member::Existing(missing));
        }
        other => panic!("expected a setup error, got {other}"),
    }
    let left = client
        .agents()
        .list(&ListAgentsParams::builder().name(name).build())
        .await
        .unwrap();
    assert!(left.is_empty(), "{left:?}");

    let err = GroupRun::start(client.clone(), GroupSpec::round_robin(Vec::<Member>::new()))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, GroupError::Invalid { reason, .. } if reason.contains("at least one worker")),
        "{err}"
    );
}

#[tokio::test]
async fn a_dropped_run_tears_down_in_the_background_and_teardown_tolerates_gone_agents() {
    let client = client();
    let run = GroupRun::start(
        client.clone(),
        GroupSpec::round_robin([Member::create(agent_request("dropped"))]),
    )
    .await
    .unwrap();
    let (group_id, owned) = made(&run);
    drop(run);
    // The teardown runs on this runtime: look until it has (bounded).
    let mut gone = false;
    for _ in 0..100 {
        let group = client.groups().retrieve(&group_id).await;
        let agent = client.agents().retrieve(&owned[0]).await;
        if group.is_err_and(|e| e.is_not_found()) && agent.is_err_and(|e| e.is_not_found()) {
            gone = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(gone, "the dropped run's group and agent are still there");

    // An owned agent someone else already deleted counts as removed.
    let run = GroupRun::start(
        client.clone(),
        GroupSpec::round_robin([Member::create(agent_request("early"))]),
    )
    .await
    .unwrap();
    let early = run.with_role(Role::Worker)[0].id.clone();
    let group_id = run.id().clone();
    client.agents().delete(&early).await.unwrap();
    run.teardown().await.unwrap();
    assert_group_gone(&client, &group_id).await;
}

#[tokio::test]
async fn a_failed_teardown_is_reported_with_the_closures_value() {
    let _llm = LLM.read().await;
    if on_0_16() {
        return a_failed_teardown_on_0_16().await;
    }
    let client = client();
    // 0.7.29 refuses to delete an agent of a stored batch: run one on the agent the run makes.
    let spec = GroupSpec::round_robin([Member::create(crate::anthropic_agent_request("undeletable"))]);
    let batch_client = client.clone();
    let err = GroupRun::scope(client.clone(), spec, |run| async move {
        let (group_id, owned) = made(&run);
        let results = BatchRun::new(batch_client)
            .message(&owned[0], MessageCreate::user("pin me"))
            .timeout(std::time::Duration::from_secs(120))
            .run()
            .await?;
        Ok::<_, BatchError>((group_id, owned[0].clone(), results))
    })
    .await
    .unwrap_err();
    let ((group_id, agent, results), error) = match err {
        ScopeError::Teardown { value, error } => (value, error),
        other => panic!("expected a failed teardown, got {other:?}"),
    };
    // The closure's value survived the failure.
    assert_eq!(
        results.agent(&agent).unwrap().turn.assistant_texts(),
        vec!["You said: pin me"]
    );
    assert_eq!(error.failures.len(), 1, "{error}");
    let (resource, source) = &error.failures[0];
    assert_eq!(resource, &Resource::Agent(agent.clone()));
    assert_eq!(source.status().map(|s| s.as_u16()), Some(400), "{source}");
    // The group went; the agent is still there until its batch is deleted.
    assert_group_gone(&client, &group_id).await;
    assert_agent_exists(&client, &agent).await;
    let requests = results.agents.iter().map(|r| r.request.clone()).collect();
    SubmittedBatch::resume(client.clone(), results.batch.id.clone(), requests)
        .delete()
        .await
        .unwrap();
    client.agents().delete(&agent).await.unwrap();
}

/// A client whose deletes of the agent in `pinned` are refused (409) before they reach the
/// server: 0.16.8 has no agent it refuses to delete, so the refusal is made client-side.
fn pinning_client(pinned: Arc<Mutex<Option<AgentId>>>) -> letta_core::LettaClient {
    let refuse = tower::layer::layer_fn(move |inner: Transport| {
        let pinned = pinned.clone();
        Transport::new(tower::service_fn(move |request: TransportRequest| {
            let refused = request.method() == http::Method::DELETE
                && pinned
                    .lock()
                    .unwrap()
                    .as_ref()
                    .is_some_and(|id| request.uri().path().trim_end_matches('/').ends_with(id.as_str()));
            let inner = inner.clone();
            async move {
                if refused {
                    let mut answer = http::Response::new(full_body(r#"{"detail":"pinned by the test"}"#));
                    *answer.status_mut() = http::StatusCode::CONFLICT;
                    return Ok(answer);
                }
                inner.oneshot(request).await
            }
        }))
    });
    letta_core::LettaClient::builder()
        .base_url(letta_testkit::shared_selected().base_url())
        .layer(refuse)
        .build()
        .expect("client")
}

async fn a_failed_teardown_on_0_16() {
    let pinned = Arc::new(Mutex::new(None));
    let client = pinning_client(pinned.clone());
    let spec = GroupSpec::round_robin([Member::create(agent_request("undeletable"))]);
    let err = GroupRun::scope(client.clone(), spec, |run| async move {
        let (group_id, owned) = made(&run);
        let reply = run.send(MessageCreate::user("pin me")).await?;
        *pinned.lock().unwrap() = Some(owned[0].clone());
        Ok::<_, GroupError>((group_id, owned[0].clone(), reply))
    })
    .await
    .unwrap_err();
    let ((group_id, agent, reply), error) = match err {
        ScopeError::Teardown { value, error } => (value, error),
        other => panic!("expected a failed teardown, got {other:?}"),
    };
    // The closure's value survived the failure.
    assert_eq!(
        reply.transcript.turn(&agent).unwrap().assistant_texts(),
        vec!["You said: pin me"]
    );
    assert_eq!(error.failures.len(), 1, "{error}");
    let (resource, source) = &error.failures[0];
    assert_eq!(resource, &Resource::Agent(agent.clone()));
    assert_eq!(source.status().map(|s| s.as_u16()), Some(409), "{source}");
    assert_group_gone(&client, &group_id).await;
    assert_agent_exists(&client, &agent).await;
    crate::client().agents().delete(&agent).await.unwrap();
    assert_agent_gone(&client, &agent).await;
}
