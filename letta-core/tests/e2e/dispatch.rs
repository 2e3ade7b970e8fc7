//! A client built with no transport and no layers sends straight through `reqwest`; any other goes
//! through the `tower` stack (the rest of this suite uses a recording layer). Here a default
//! client makes every shape of request the client has against the real server — path
//! parameters, a query, JSON bodies, a multipart upload, an extra header, a stream, error
//! answers — and gets the same answers a layered client gets. (A refused connection on a default
//! client: `errors.rs`.)

use futures_util::StreamExt;
use letta_core::types::Replies;
use letta_core::types::{
    AgentUpdate, ImportAgentParams, LettaMessage, LettaStreamingRequest, ListAgentsParams,
    ListMessagesParams, MessageCreate, ProviderType,
};
use letta_core::{LettaClient, LettaError, StreamEvent};

use crate::{agent_request, client, server, unique};

/// What one client saw, in a form two runs can be compared by.
#[derive(Debug, PartialEq)]
struct Seen {
    retrieved_blocks: Vec<(String, String)>,
    modified_description: Option<String>,
    listed_by_name: usize,
    reply: Vec<String>,
    history_texts: Vec<String>,
    streamed: Vec<String>,
    imported_human: String,
    provider_check: String,
    not_found: (u16, String, bool),
    invalid: u16,
    deleted_is_not_found: bool,
}

async fn exercise(client: &LettaClient) -> Seen {
    // POST with a JSON body, then GET with a path parameter.
    let name = unique("dispatch");
    let agent = client
        .agents()
        .create(&agent_request(&name).build())
        .await
        .unwrap();
    let retrieved = client.agents().retrieve(&agent.id).await.unwrap();
    assert_eq!(retrieved.id, agent.id);
    let mut retrieved_blocks: Vec<_> = retrieved
        .memory
        .blocks
        .iter()
        .map(|b| (b.label.clone().unwrap_or_default(), b.value.clone()))
        .collect();
    retrieved_blocks.sort();

    // PATCH with a JSON body.
    let update = AgentUpdate::builder()
        .description("changed over either dispatch")
        .build();
    let modified = client.agents().modify(&agent.id, &update).await.unwrap();

    // GET with a query string.
    let listed = client
        .agents()
        .list(&ListAgentsParams::builder().name(name.clone()).build())
        .await
        .unwrap();
    assert!(listed.iter().all(|a| a.name == name), "{listed:?}");

    // A send, the history it left (query: limit), and a stream of steps.
    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("which way did this come"))
        .await
        .unwrap();
    let history = client
        .agents()
        .messages(&agent.id)
        .list(&ListMessagesParams::builder().limit(50).build())
        .await
        .unwrap();
    let history_texts = history
        .iter()
        .filter_map(|m| match m {
            LettaMessage::Assistant(a) => Some(a.content.text()),
            _ => None,
        })
        .collect();
    let mut stream = client
        .agents()
        .messages(&agent.id)
        .stream(&LettaStreamingRequest::steps(MessageCreate::user("and this one")))
        .await
        .unwrap();
    let mut streamed = Vec::new();
    while let Some(event) = stream.next().await {
        match event.unwrap() {
            StreamEvent::Message(LettaMessage::Assistant(a)) => streamed.push(a.content.text()),
            StreamEvent::Usage(u) => streamed.push(format!("usage, {} step(s)", u.step_count)),
            _ => {}
        }
    }

    // A multipart upload: the agent exported, then imported as a copy.
    let file = client.agents().export(&agent.id).await.unwrap();
    let copy = client
        .agents()
        .import(&file, &ImportAgentParams::default())
        .await
        .unwrap();
    let imported_human = copy.memory.block("human").unwrap().value.clone();

    // An operation with a header parameter (`x-api-key`).
    let provider_check = client
        .providers()
        .check(ProviderType::Openai, "sk-any")
        .await
        .unwrap()
        .message;

    // Error answers: 404 with the server's detail, and a 422.
    let missing = client
        .agents()
        .retrieve(&"agent-00000000-0000-4000-8000-000000000000".into())
        .await
        .unwrap_err();
    let not_found = match &missing {
        LettaError::Api {
            status, path, detail, ..
        } => (
            status.as_u16(),
            path.clone(),
            detail
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("not found"),
        ),
        other => panic!("unexpected {other:?}"),
    };
    let invalid = agent_request(&unique("dispatch-invalid"))
        .agent_type(letta_core::types::AgentType::Other("no_such_type".into()))
        .build();
    let invalid = client.agents().create(&invalid).await.unwrap_err();

    // DELETE, after which the agent is gone.
    client.agents().delete(&copy.id).await.unwrap();
    client.agents().delete(&agent.id).await.unwrap();
    let deleted = client.agents().retrieve(&agent.id).await.unwrap_err();

    Seen {
        retrieved_blocks,
        modified_description: modified.description,
        listed_by_name: listed.len(),
        reply: reply.assistant_texts(),
        history_texts,
        streamed,
        imported_human,
        provider_check,
        not_found,
        invalid: invalid.status().map_or(0, |s| s.as_u16()),
        deleted_is_not_found: deleted.is_not_found(),
    }
}

#[tokio::test]
async fn a_default_client_gets_the_answers_a_layered_client_gets() {
    let direct = exercise(&LettaClient::new(server().base_url()).unwrap()).await;
    let layered = exercise(&client()).await;
    assert_eq!(direct, layered);
    // And they are the right answers, not merely equal ones.
    assert_eq!(
        direct.retrieved_blocks,
        vec![
            ("human".to_string(), "Name: Ada".to_string()),
            ("persona".to_string(), "I am a careful test agent.".to_string()),
        ]
    );
    assert_eq!(
        direct.modified_description.as_deref(),
        Some("changed over either dispatch")
    );
    assert_eq!(direct.listed_by_name, 1);
    assert_eq!(
        direct.reply,
        vec!["You said: which way did this come".to_string()]
    );
    assert!(
        direct
            .history_texts
            .contains(&"You said: which way did this come".to_string()),
        "{:?}",
        direct.history_texts
    );
    assert_eq!(direct.streamed[0], "You said: and this one");
    assert!(
        direct.streamed.last().unwrap().starts_with("usage"),
        "{:?}",
        direct.streamed
    );
    assert_eq!(direct.imported_human, "Name: Ada");
    assert_eq!(direct.provider_check, "Valid api key for provider_type=openai");
    assert_eq!(
        direct.not_found,
        (
            404,
            "/v1/agents/agent-00000000-0000-4000-8000-000000000000".to_string(),
            true
        )
    );
    assert_eq!(direct.invalid, 422);
    assert!(direct.deleted_is_not_found);
}
