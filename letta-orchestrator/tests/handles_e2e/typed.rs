use letta_core::types::LettaMessage;
use letta_orchestrator::{OutputError, TypedAgent};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::{new_agent, on_0_16, spec, typed_reply, unique};

#[derive(Debug, PartialEq, Deserialize, JsonSchema)]
struct Forecast {
    city: String,
    celsius: i32,
    wind: Option<Wind>,
}

#[derive(Debug, PartialEq, Deserialize, JsonSchema)]
struct Wind {
    knots: u32,
    direction: String,
}

#[tokio::test]
async fn a_typed_agent_replies_with_the_type() {
    let agent = new_agent("typed").await;
    let forecasts = agent.typed::<Forecast>().await.unwrap();

    // The server holds the schema and offers it to the model as `send_message`'s argument.
    let format = agent.state().await.unwrap().response_format.unwrap();
    let letta_core::types::ResponseFormat::JsonSchema { json_schema } = format else {
        panic!("not a JSON schema format: {format:?}");
    };
    assert_eq!(
        json_schema["schema"]["properties"]["wind"]["properties"]["knots"]["type"],
        "integer"
    );
    let llm = letta_testkit::shared_selected().llm();

    let oslo = serde_json::json!({"city": "Oslo", "celsius": -3, "wind": {"knots": 12, "direction": "NW"}});
    let forecast = forecasts.send(typed_reply(&oslo)).await.unwrap();
    assert_eq!(
        forecast,
        Forecast {
            city: "Oslo".into(),
            celsius: -3,
            wind: Some(Wind {
                knots: 12,
                direction: "NW".into()
            }),
        }
    );
    let offered = llm
        .chat_requests()
        .into_iter()
        .rev()
        .find(|r| r.to_string().contains("Oslo"))
        .expect("the model was asked");
    if on_0_16() {
        // A plain-text agent: the schema is the model's response format, kept in its config.
        assert_eq!(
            offered["response_format"]["json_schema"]["schema"]["properties"]["city"]["type"], "string",
            "{offered}"
        );
        let model_format = agent.state().await.unwrap().llm_config.response_format.unwrap();
        assert_eq!(model_format["json_schema"]["name"], "Forecast");
    } else {
        // The schema is `send_message`'s argument.
        let send_message = offered["tools"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["function"]["name"] == "send_message")
            .unwrap();
        assert_eq!(
            send_message["function"]["parameters"]["properties"]["message"]["properties"]["city"]["type"],
            "string"
        );
    }

    // A reply given as JSON text decodes the same: 0.7.29 relays it as `send_message`'s
    // argument, 0.16.8 as the assistant message's text.
    let (forecast, turn) = forecasts
        .send_with_turn(r#"#reply {"city": "Rome", "celsius": 24, "wind": null}"#)
        .await
        .unwrap();
    assert_eq!(forecast.city, "Rome");
    assert_eq!(forecast.wind, None);
    let kinds: Vec<&str> = turn.messages.iter().map(LettaMessage::message_type).collect();
    let reply_kind = if on_0_16() {
        "assistant_message"
    } else {
        "tool_call_message"
    };
    assert!(kinds.contains(&reply_kind), "{kinds:?}");

    agent.delete().await.unwrap();
}

#[tokio::test]
async fn a_reply_that_does_not_fit_keeps_the_raw_text() {
    let agent = spec(&unique("typed-bad"))
        .output::<Forecast>()
        .create(&crate::client())
        .await
        .unwrap();
    if on_0_16() {
        // The spec gave the plain-text agent's model the format when it created the agent.
        let model_format = agent.state().await.unwrap().llm_config.response_format.unwrap();
        assert_eq!(
            model_format["json_schema"]["schema"]["properties"]["celsius"]["type"],
            "integer"
        );
    }
    let forecasts = TypedAgent::<Forecast>::assume(agent.clone());
    let error = forecasts
        .send(typed_reply(&serde_json::json!({"city": 7, "celsius": "warm"})))
        .await
        .unwrap_err();
    match &error {
        OutputError::Mismatch {
            raw,
            expected,
            agent: who,
            ..
        } => {
            // As the server relays it (0.7.29 re-indents the model's JSON and sorts its keys).
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(raw).unwrap(),
                serde_json::json!({"city": 7, "celsius": "warm"})
            );
            assert!(expected.ends_with("Forecast"), "{expected}");
            assert_eq!(who, agent.id());
        }
        other => panic!("expected a mismatch, got {other:?}"),
    }
    assert!(error.to_string().contains("is not a"), "{error}");
    assert!(error.turn().is_some());

    // Plain text is a mismatch too, with the text kept.
    let error = forecasts.send("#reply sunny, probably").await.unwrap_err();
    assert_eq!(error.raw(), Some("sunny, probably"));

    // The agent goes on working.
    let ok = forecasts
        .send(typed_reply(&serde_json::json!({"city": "Lima", "celsius": 19})))
        .await
        .unwrap();
    assert_eq!(ok.celsius, 19);
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn an_agent_that_replies_through_send_message_gets_the_schema_there_on_both_servers() {
    // `memgpt_agent` (0.7.29's default, still served by 0.16.8) replies through `send_message`:
    // the schema goes into that tool, and its model's own format stays unset.
    let mut request = letta_testkit::shared_selected()
        .llm()
        .agent_request_with_memory(unique("typed-tool"))
        .build();
    request.agent_type = Some(letta_core::types::AgentType::MemgptAgent);
    let agent = letta_orchestrator::AgentSpec::from(request)
        .create(&crate::client())
        .await
        .unwrap();
    let forecasts = agent.typed::<Forecast>().await.unwrap();
    let (forecast, turn) = forecasts
        .send_with_turn(r#"#call send_message {"message": {"city": "Quito", "celsius": 14}}"#)
        .await
        .unwrap();
    assert_eq!(forecast.city, "Quito");
    assert_eq!(forecast.celsius, 14);
    assert!(
        turn.messages.iter().any(
            |m| matches!(m, LettaMessage::ToolCall(c) if c.tool_call.name.as_deref() == Some("send_message"))
        ),
        "{:?}",
        turn.messages
    );
    let state = agent.state().await.unwrap();
    assert!(state.response_format.is_some());
    assert_eq!(state.llm_config.response_format, None);
    agent.delete().await.unwrap();
}
