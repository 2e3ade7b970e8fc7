//! `LettaMessage` decoded from text in one pass agrees with the two-step decoding through a
//! `Value` (`LettaMessage::from_value`) on every message recorded from the real 0.7.29 server, in
//! any key order, and keeps what it does not know.

use letta_core::types::{ContentPart, LettaMessage, MessageContent};
use serde_json::{Map, Value, json};

/// Every recorded message: the message page, the send response, and each stream event.
fn recorded() -> Vec<Value> {
    let page: Vec<Value> = serde_json::from_str(include_str!("fixtures/messages_list.json")).unwrap();
    let send: Value = serde_json::from_str(include_str!("fixtures/send_response.json")).unwrap();
    let mut all = page;
    all.extend(send["messages"].as_array().unwrap().iter().cloned());
    for event in include_str!("fixtures/stream_tokens.sse").split("\n\n") {
        if let Some(data) = event.trim().strip_prefix("data: ") {
            if data != "[DONE]" {
                all.push(serde_json::from_str(data).unwrap());
            }
        }
    }
    all
}

fn with_keys_reversed(value: &Value) -> Value {
    let object = value.as_object().unwrap();
    let reversed: Map<String, Value> = object.iter().rev().map(|(k, v)| (k.clone(), v.clone())).collect();
    Value::Object(reversed)
}

fn one_pass(value: &Value) -> Result<LettaMessage, String> {
    serde_json::from_str(&value.to_string()).map_err(|e| e.to_string())
}

fn two_step(value: &Value) -> Result<LettaMessage, String> {
    LettaMessage::from_value(value.clone()).map_err(|e| e.to_string())
}

#[test]
fn agrees_with_two_step_decoding_on_every_recorded_message() {
    let all = recorded();
    let mut kinds = std::collections::BTreeSet::new();
    for value in &all {
        let expected = two_step(value).expect("recorded messages decode");
        kinds.insert(expected.message_type().to_owned());
        assert_eq!(
            one_pass(value).as_ref(),
            Ok(&expected),
            "in recorded order: {value}"
        );
        let reversed = with_keys_reversed(value);
        assert_eq!(
            one_pass(&reversed).as_ref(),
            Ok(&expected),
            "keys reversed: {reversed}"
        );
        let from_value: LettaMessage = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(from_value, expected, "through a Value deserializer");
    }
    // The fixtures hold every kind the server produced for a multi-step turn.
    for kind in [
        "system_message",
        "user_message",
        "reasoning_message",
        "tool_call_message",
        "tool_return_message",
        "assistant_message",
        "usage_statistics",
    ] {
        assert!(
            kinds.contains(kind),
            "no {kind} among {} recorded messages: {kinds:?}",
            all.len()
        );
    }
}

#[test]
fn an_unknown_kind_is_kept_whole_whatever_the_key_order() {
    let value = json!({
        "id": "message-1",
        "date": "2026-01-01T00:00:00Z",
        "message_type": "not_yet_known_message",
        "tool_call": {"name": "x", "arguments": "{}"},
        "content": 42,
        "extra": {"nested": [1, 2, 3]}
    });
    for v in [value.clone(), with_keys_reversed(&value)] {
        assert_eq!(one_pass(&v), Ok(LettaMessage::Other(v.clone())));
    }
    let untagged = json!({"error": {"message": "boom"}});
    assert_eq!(one_pass(&untagged), Ok(LettaMessage::Other(untagged.clone())));
}

#[test]
fn errors_name_the_missing_or_wrong_field() {
    let tool_return = json!({
        "id": "message-1",
        "date": "2026-01-01T00:00:00Z",
        "message_type": "tool_return_message",
        "tool_return": "ok",
        "status": "success"
    });
    let error = one_pass(&tool_return).unwrap_err();
    assert!(error.contains("missing field `tool_call_id`"), "{error}");
    assert_eq!(
        two_step(&tool_return).unwrap_err(),
        "missing field `tool_call_id`"
    );

    let bad_content = json!({
        "id": "message-1",
        "date": "2026-01-01T00:00:00Z",
        "message_type": "assistant_message",
        "content": 42
    });
    let error = one_pass(&bad_content).unwrap_err();
    assert!(error.contains("invalid type: integer `42`"), "{error}");

    let bad_date =
        json!({"id": "m", "date": "yesterday", "message_type": "assistant_message", "content": "x"});
    let error = one_pass(&bad_date).unwrap_err();
    assert!(error.contains("not a timestamp: \"yesterday\""), "{error}");

    let error = serde_json::from_str::<LettaMessage>("[1, 2]")
        .unwrap_err()
        .to_string();
    assert!(error.contains("expected a Letta message object"), "{error}");
}

#[test]
fn fields_of_other_kinds_are_ignored_and_content_parts_decode() {
    let value = json!({
        "id": "message-1",
        "date": "2026-01-01T00:00:00",
        "message_type": "assistant_message",
        "reasoning": 12,
        "tool_call": null,
        "content": [
            {"type": "text", "text": "Hello, "},
            {"type": "image", "source": {"url": "x"}},
            {"type": "text", "text": "world"}
        ]
    });
    let message = one_pass(&value).unwrap();
    assert_eq!(message, two_step(&value).unwrap());
    let LettaMessage::Assistant(assistant) = &message else {
        panic!("not an assistant message: {message:?}");
    };
    assert_eq!(assistant.content.text(), "Hello, world");
    let MessageContent::Parts(parts) = &assistant.content else {
        panic!("not parts: {:?}", assistant.content);
    };
    assert_eq!(
        parts[1],
        ContentPart::Other(json!({"type": "image", "source": {"url": "x"}}))
    );
}
