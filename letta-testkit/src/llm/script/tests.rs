//! Unit tests for the script rules in [`super::decide`].

use super::{Reply, decide};
use serde_json::{Value, json};

/// A Letta-like `send_message` tool with `inner_thoughts` first.
fn send_message_tool() -> Value {
    json!({"type": "function", "function": {
        "name": "send_message",
        "parameters": {"type": "object", "properties": {
            "inner_thoughts": {"type": "string"},
            "message": {"type": "string"}
        }, "required": ["inner_thoughts", "message"]}
    }})
}

/// A tool declaring `inner_thoughts` and `request_heartbeat`.
fn archival_tool() -> Value {
    json!({"type": "function", "function": {
        "name": "archival_memory_insert",
        "parameters": {"type": "object", "properties": {
            "inner_thoughts": {"type": "string"},
            "content": {"type": "string"},
            "request_heartbeat": {"type": "boolean"}
        }}
    }})
}

/// A request with the two tools above and the given messages.
fn request(messages: Value) -> Value {
    json!({"model": "scripted-model", "messages": messages,
           "tools": [send_message_tool(), archival_tool()]})
}

/// Unpacks a tool call into its name and parsed arguments (and raw text).
fn call(reply: Reply) -> (String, Value, String) {
    match reply {
        Reply::ToolCall { name, arguments, .. } => {
            let parsed = serde_json::from_str(&arguments).expect("arguments are JSON");
            (name, parsed, arguments)
        }
        Reply::Text(t) => panic!("expected a tool call, got text {t:?}"),
    }
}

/// Letta's packing of a user message.
fn packed(text: &str) -> String {
    json!({"type": "user_message", "message": text, "time": "2025-01-01 10:00:00 AM UTC+0000"}).to_string()
}

#[test]
fn echo_packed_string_content() {
    let req = request(json!([
        {"role": "system", "content": "You are Letta."},
        {"role": "user", "content": packed("hello there")}
    ]));
    let (name, args, raw) = call(decide(&req));
    assert_eq!(name, "send_message");
    assert_eq!(args["message"], "You said: hello there");
    assert_eq!(args["inner_thoughts"], "The user said: hello there");
    assert!(raw.starts_with("{\"inner_thoughts\":"), "{raw}");
    assert!(args.get("request_heartbeat").is_none());
}

#[test]
fn echo_raw_text_and_parts() {
    let raw = request(json!([{"role": "user", "content": "plain words"}]));
    assert_eq!(call(decide(&raw)).1["message"], "You said: plain words");

    let parts = request(json!([{"role": "user", "content": [
        {"type": "text", "text": packed("from parts")}
    ]}]));
    assert_eq!(call(decide(&parts)).1["message"], "You said: from parts");

    let two = request(json!([{"role": "user", "content": [
        {"type": "text", "text": "a"}, {"type": "image_url", "image_url": {}},
        {"type": "text", "text": "b"}
    ]}]));
    assert_eq!(call(decide(&two)).1["message"], "You said: a\nb");
}

#[test]
fn json_without_message_field_is_raw_text() {
    let text = r#"{"foo": 1}"#;
    let req = request(json!([{"role": "user", "content": text}]));
    assert_eq!(call(decide(&req)).1["message"], format!("You said: {text}"));
}

#[test]
fn last_user_message_wins() {
    let req = request(json!([
        {"role": "user", "content": packed("first")},
        {"role": "assistant", "content": null},
        {"role": "user", "content": packed("second")},
        {"role": "assistant", "content": "thinking"}
    ]));
    assert_eq!(call(decide(&req)).1["message"], "You said: second");
}

#[test]
fn heartbeat_reports_last_tool_result() {
    let req = request(json!([
        {"role": "user", "content": packed("#call archival_memory_insert {\"content\":\"x\"}")},
        {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
            "function": {"name": "archival_memory_insert", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_0", "content": "older"},
        {"role": "tool", "tool_call_id": "call_1",
         "content": "{\"status\": \"OK\", \"message\": \"None\", \"time\": \"now\"}"},
        {"role": "user", "content": "{\"type\": \"heartbeat\", \"reason\": \"[This is an automated system message hidden from the user] Function called using request_heartbeat=true, returning control\", \"time\": \"now\"}"}
    ]));
    let (name, args, raw) = call(decide(&req));
    assert_eq!(name, "send_message");
    assert_eq!(args["message"], "Tool returned: None");
    assert_eq!(args["inner_thoughts"], "The tool finished.");
    assert!(raw.starts_with("{\"inner_thoughts\":"));
}

#[test]
fn heartbeat_with_raw_tool_content_or_none() {
    let raw = request(json!([
        {"role": "tool", "content": "plain result"},
        {"role": "user", "content": "{\"type\": \"heartbeat\"}"}
    ]));
    assert_eq!(call(decide(&raw)).1["message"], "Tool returned: plain result");

    let none = request(json!([{"role": "user", "content": "{\"type\": \"heartbeat\"}"}]));
    assert_eq!(
        call(decide(&none)).1["message"],
        "Tool returned: (no tool result)"
    );
}

#[test]
fn call_rule_orders_arguments() {
    let req = request(json!([{"role": "user",
        "content": packed("#call archival_memory_insert {\"content\": \"the sky is blue\"}")}]));
    let (name, args, raw) = call(decide(&req));
    assert_eq!(name, "archival_memory_insert");
    assert_eq!(args["content"], "the sky is blue");
    assert_eq!(args["inner_thoughts"], "Calling archival_memory_insert.");
    assert_eq!(args["request_heartbeat"], true);
    assert!(raw.starts_with("{\"inner_thoughts\":\"Calling"), "{raw}");
    assert!(raw.ends_with("\"request_heartbeat\":true}"), "{raw}");
}

#[test]
fn call_without_json_and_unknown_tool() {
    let bare = request(json!([{"role": "user", "content": "#call archival_memory_insert"}]));
    let (_, args, _) = call(decide(&bare));
    assert_eq!(
        args,
        json!({"inner_thoughts": "Calling archival_memory_insert.", "request_heartbeat": true})
    );

    // A tool the request does not offer is still called, with bare arguments.
    let unknown = request(json!([{"role": "user", "content": "#call nope {\"a\": 1}"}]));
    let (name, args, raw) = call(decide(&unknown));
    assert_eq!(name, "nope");
    assert_eq!(raw, "{\"a\":1}");
    assert_eq!(args, json!({"a": 1}));

    // Brace right after the name.
    let tight = request(json!([{"role": "user", "content": "#call nope{\"b\":2}"}]));
    assert_eq!(call(decide(&tight)).1, json!({"b": 2}));
}

#[test]
fn call_keeps_scripted_special_arguments() {
    let req = request(json!([{"role": "user", "content":
        "#call archival_memory_insert {\"request_heartbeat\": false, \"inner_thoughts\": \"mine\", \"content\": \"c\"}"}]));
    let (_, args, raw) = call(decide(&req));
    assert_eq!(args["request_heartbeat"], false);
    assert_eq!(args["inner_thoughts"], "mine");
    assert!(raw.starts_with("{\"inner_thoughts\":\"mine\""), "{raw}");
}

#[test]
fn malformed_call_is_a_script_error() {
    for (text, needle) in [
        ("#call archival_memory_insert {not json", "invalid JSON arguments"),
        ("#call archival_memory_insert [1, 2]", "must be a JSON object"),
        ("#call    ", "missing tool name"),
    ] {
        let req = request(json!([{"role": "user", "content": packed(text)}]));
        let (name, args, _) = call(decide(&req));
        assert_eq!(name, "send_message", "{text}");
        let message = args["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("Script error: "), "{message}");
        assert!(message.contains(needle), "{message}");
    }
}

#[test]
fn reply_rule_is_verbatim() {
    let req = request(json!([{"role": "user", "content": packed("#reply  Exactly this, {ok}.")}]));
    let (name, args, _) = call(decide(&req));
    assert_eq!(name, "send_message");
    assert_eq!(args["message"], " Exactly this, {ok}.");
    assert_eq!(args["inner_thoughts"], "Replying as scripted.");
}

#[test]
fn no_user_message_says_hello() {
    let req = request(json!([{"role": "system", "content": "sys"}]));
    assert_eq!(call(decide(&req)).1["message"], "Hello.");
    assert_eq!(decide(&json!({"messages": []})), Reply::Text("Hello.".to_owned()));
}

#[test]
fn without_send_message_tool_answers_text() {
    let no_tools = json!({"messages": [{"role": "user", "content": packed("hi")}]});
    assert_eq!(decide(&no_tools), Reply::Text("You said: hi".to_owned()));

    let other_tools = json!({"messages": [{"role": "user", "content": "#reply ok"}],
                             "tools": [archival_tool()]});
    assert_eq!(decide(&other_tools), Reply::Text("ok".to_owned()));

    let call_no_tools = json!({"messages": [{"role": "user", "content": "#call x {}"}]});
    match decide(&call_no_tools) {
        Reply::Text(t) => assert!(t.starts_with("Script error:"), "{t}"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn send_message_heartbeat_flag_is_false_when_declared() {
    let tool = json!({"type": "function", "function": {"name": "send_message",
        "parameters": {"properties": {"message": {}, "request_heartbeat": {}}}}});
    let req = json!({"messages": [{"role": "user", "content": "x"}], "tools": [tool]});
    let (_, args, raw) = call(decide(&req));
    assert_eq!(raw, "{\"message\":\"You said: x\",\"request_heartbeat\":false}");
    assert_eq!(args["request_heartbeat"], false);
}

#[test]
fn odd_shapes_do_not_panic() {
    for req in [
        json!({}),
        json!({"messages": "nope", "tools": "nope"}),
        json!({"messages": [1, null, {"role": 3}], "tools": [1, {"function": {}}]}),
        json!({"messages": [{"role": "user", "content": 42}]}),
        json!({"messages": [{"role": "user"}]}),
    ] {
        let _ = decide(&req);
    }
    let req = json!({"messages": [{"role": "user", "content": 42}]});
    assert_eq!(decide(&req), Reply::Text("You said: 42".to_owned()));
}

/// A `letta_v1_agent` request: tools without `send_message`, `inner_thoughts` or heartbeats.
fn v1_request(messages: Value) -> Value {
    json!({"model": "scripted-model", "messages": messages, "tools": [{"type": "function", "function": {
        "name": "conversation_search",
        "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}
    }}]})
}

#[test]
fn v1_agent_calls_on_request_then_reports_the_result_as_text() {
    let ask = v1_request(json!([{"role": "user", "content": r#"#call conversation_search {"query": "x"}"#}]));
    let (name, args, text) = call(decide(&ask));
    assert_eq!(name, "conversation_search");
    assert_eq!(args, json!({"query": "x"}));
    assert_eq!(
        text, r#"{"query":"x"}"#,
        "no inner_thoughts, no request_heartbeat"
    );

    let after = v1_request(json!([
        {"role": "user", "content": r#"#call conversation_search {"query": "x"}"#},
        {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
            "function": {"name": "conversation_search", "arguments": "{\"query\":\"x\"}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": r#"{"status":"OK","message":"No results found."}"#}
    ]));
    assert_eq!(
        decide(&after),
        Reply::Text("Tool returned: No results found.".to_owned())
    );
    assert_eq!(
        decide(&v1_request(json!([{"role": "user", "content": "#reply plain"}]))),
        Reply::Text("plain".to_owned())
    );
}

#[test]
fn a_trailing_tool_result_does_not_change_send_message_agents() {
    let req = request(json!([
        {"role": "user", "content": packed("#reply ok")},
        {"role": "tool", "tool_call_id": "call_1", "content": "done"}
    ]));
    assert_eq!(call(decide(&req)).1["message"], "ok");
}

#[test]
fn a_command_after_wrapped_instructions_is_followed() {
    // The shape of Letta 0.16's generate-tool prompt, which offers only `generate_tool`.
    let generate = json!({"type": "function", "function": {
        "name": "generate_tool",
        "parameters": {"type": "object", "properties": {"raw_source_code": {"type": "string"}}}
    }});
    let prompt = "Generate a python function named flip using the instructions below \n\n\
                  Instructions: #call generate_tool {\"raw_source_code\": \"def flip(): ...\"}";
    let req = json!({"model": "scripted-model", "tools": [generate],
                     "messages": [{"role": "user", "content": prompt}]});
    let reply = decide(&req);
    assert!(
        matches!(&reply, Reply::ToolCall { note: Some(note), .. } if note == "Here is generate_tool."),
        "{reply:?}"
    );
    let (name, args, _) = call(reply);
    assert_eq!(name, "generate_tool");
    assert_eq!(args, json!({"raw_source_code": "def flip(): ..."}));

    // A command sent as the message itself comes without text.
    let direct =
        v1_request(json!([{"role": "user", "content": r#"#call conversation_search {"query": "x"}"#}]));
    assert!(matches!(decide(&direct), Reply::ToolCall { note: None, .. }));

    // Instructions without a command are echoed whole, as before.
    let plain = request(json!([{"role": "user", "content": "Instructions: flip a coin"}]));
    assert_eq!(
        call(decide(&plain)).1["message"],
        "You said: Instructions: flip a coin"
    );
}
