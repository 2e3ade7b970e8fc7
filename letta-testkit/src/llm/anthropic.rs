//! Anthropic Messages API framing for the scripted model.
//!
//! Letta's Anthropic client (the `anthropic` Python SDK, pointed here with
//! `ANTHROPIC_BASE_URL`) sends Messages API bodies. They are translated into
//! the OpenAI chat shape [`super::script::decide`] reads, so an agent on an
//! `anthropic` endpoint follows exactly the same script as one on `openai`,
//! and the decided [`Reply`] is framed back as an Anthropic `message` (or its
//! stream events). Only what Letta 0.7.x sends and reads is covered.

use serde_json::{Map, Value, json};

use super::script::Reply;
use super::wire::{Meta, estimate_tokens, visible_text};

/// Characters of a streamed answer carried by each delta event.
const FRAGMENT_CHARS: usize = 8;

/// Text of Anthropic content: a string, or the `text` of its text blocks
/// (joined with newlines); `tool_result` content nests the same shapes.
fn blocks_text(content: Option<&Value>) -> String {
    match content {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(blocks)) => blocks
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
            .filter_map(|b| b.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// Translates an Anthropic Messages request into the OpenAI chat shape the
/// script reads: `tools[].input_schema` become function `parameters`, the
/// top-level `system` becomes a system message, and each `tool_result` block
/// becomes a `tool` message placed before the text of its user turn (Letta
/// merges a heartbeat into the turn that carries the tool result), and each
/// text block becomes a message of its own.
pub(crate) fn to_openai(request: &Value) -> Value {
    let tools: Vec<Value> = request
        .get("tools")
        .and_then(Value::as_array)
        .map(|tools| {
            tools
                .iter()
                .map(|t| {
                    json!({"type": "function", "function": {
                        "name": t.get("name").cloned().unwrap_or(Value::Null),
                        "description": t.get("description").cloned().unwrap_or(Value::Null),
                        "parameters": t.get("input_schema").cloned().unwrap_or_else(|| json!({})),
                    }})
                })
                .collect()
        })
        .unwrap_or_default();

    let mut messages = Vec::new();
    let system = blocks_text(request.get("system"));
    if !system.is_empty() {
        messages.push(json!({"role": "system", "content": system}));
    }
    for message in request
        .get("messages")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let role = message.get("role").and_then(Value::as_str).unwrap_or("user");
        match message.get("content") {
            Some(Value::Array(blocks)) => {
                let (results, texts): (Vec<&Value>, Vec<&Value>) = blocks
                    .iter()
                    .partition(|b| b.get("type").and_then(Value::as_str) == Some("tool_result"));
                for block in results {
                    messages.push(json!({
                        "role": "tool",
                        "tool_call_id": block.get("tool_use_id").cloned().unwrap_or(Value::Null),
                        "content": blocks_text(block.get("content")),
                    }));
                }
                // Letta merges consecutive user messages into one turn (to alternate roles):
                // each text block stays its own message, so the last one is the latest.
                for text in texts.iter().filter_map(|b| b.get("text").and_then(Value::as_str)) {
                    messages.push(json!({"role": role, "content": text}));
                }
            }
            content => {
                let text = blocks_text(content);
                if !text.is_empty() {
                    messages.push(json!({"role": role, "content": text}));
                }
            }
        }
    }

    let mut out = Map::new();
    out.insert(
        "model".to_owned(),
        request.get("model").cloned().unwrap_or(Value::Null),
    );
    out.insert("messages".to_owned(), Value::Array(messages));
    if !tools.is_empty() {
        out.insert("tools".to_owned(), Value::Array(tools));
    }
    Value::Object(out)
}

/// The `msg_…` id of an answer.
fn message_id(meta: &Meta) -> String {
    format!("msg_scripted_{}", meta.seq)
}

/// The `toolu_…` id of an answer's tool call.
fn tool_use_id(meta: &Meta) -> String {
    format!("toolu_scripted_{}", meta.seq)
}

/// The `content` blocks and `stop_reason` of a reply.
fn content_blocks(reply: &Reply, meta: &Meta) -> (Value, &'static str) {
    match reply {
        Reply::ToolCall { name, arguments, .. } => {
            let input = serde_json::from_str::<Value>(arguments).unwrap_or_else(|_| json!({}));
            (
                json!([{"type": "tool_use", "id": tool_use_id(meta), "name": name, "input": input}]),
                "tool_use",
            )
        }
        Reply::Text(text) => (json!([{"type": "text", "text": text}]), "end_turn"),
    }
}

/// A Messages API `message` object for a reply (the non-streaming answer,
/// and what a succeeded batch result carries).
pub(crate) fn message(reply: &Reply, meta: &Meta) -> Value {
    let (content, stop_reason) = content_blocks(reply, meta);
    json!({
        "id": message_id(meta),
        "type": "message",
        "role": "assistant",
        "model": meta.model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": null,
        "usage": {
            "input_tokens": meta.prompt_tokens,
            "output_tokens": estimate_tokens(visible_text(reply).len()),
        },
    })
}

/// Splits `text` into pieces of at most [`FRAGMENT_CHARS`] characters.
fn fragments(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(FRAGMENT_CHARS).map(|c| c.iter().collect()).collect()
}

/// One `event: …` / `data: …` frame.
fn frame(event: &str, data: &Value) -> String {
    format!("event: {event}\ndata: {data}\n\n")
}

/// The ordered SSE frames of a streamed answer: `message_start`, one content
/// block with its deltas, `message_delta` with the stop reason and usage,
/// `message_stop`.
pub(crate) fn stream_events(reply: &Reply, meta: &Meta) -> Vec<String> {
    let (_, stop_reason) = content_blocks(reply, meta);
    let mut start = message(reply, meta);
    start["content"] = json!([]);
    start["stop_reason"] = Value::Null;
    start["usage"]["output_tokens"] = json!(1);
    let mut events = vec![frame(
        "message_start",
        &json!({"type": "message_start", "message": start}),
    )];
    let (block, deltas): (Value, Vec<Value>) = match reply {
        Reply::ToolCall { name, arguments, .. } => (
            json!({"type": "tool_use", "id": tool_use_id(meta), "name": name, "input": {}}),
            fragments(arguments)
                .into_iter()
                .map(|piece| json!({"type": "input_json_delta", "partial_json": piece}))
                .collect(),
        ),
        Reply::Text(text) => (
            json!({"type": "text", "text": ""}),
            fragments(text)
                .into_iter()
                .map(|piece| json!({"type": "text_delta", "text": piece}))
                .collect(),
        ),
    };
    events.push(frame(
        "content_block_start",
        &json!({"type": "content_block_start", "index": 0, "content_block": block}),
    ));
    for delta in deltas {
        events.push(frame(
            "content_block_delta",
            &json!({"type": "content_block_delta", "index": 0, "delta": delta}),
        ));
    }
    events.push(frame(
        "content_block_stop",
        &json!({"type": "content_block_stop", "index": 0}),
    ));
    events.push(frame(
        "message_delta",
        &json!({
            "type": "message_delta",
            "delta": {"stop_reason": stop_reason, "stop_sequence": null},
            "usage": {"output_tokens": estimate_tokens(visible_text(reply).len())},
        }),
    ));
    events.push(frame("message_stop", &json!({"type": "message_stop"})));
    events
}

/// Anthropic-style error body.
pub(crate) fn error_body(message: &str, kind: &str) -> Value {
    json!({"type": "error", "error": {"type": kind, "message": message}})
}

/// Body of `GET /v1/models` for the Anthropic SDK: no models, so the server's
/// Anthropic provider adds nothing to Letta's model list (agents reach the
/// scripted model through an explicit `llm_config`).
pub(crate) fn models() -> Value {
    json!({"data": [], "has_more": false, "first_id": null, "last_id": null})
}

/// Body of `POST /v1/messages/count_tokens`.
pub(crate) fn count_tokens(body_len: usize) -> Value {
    json!({"input_tokens": estimate_tokens(body_len)})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta {
        Meta {
            seq: 7,
            model: "scripted-model".to_owned(),
            created: 1,
            prompt_tokens: 10,
        }
    }

    #[test]
    fn tool_results_come_before_the_text_of_their_turn() {
        let request = json!({
            "model": "m",
            "system": "sys",
            "tools": [{"name": "send_message", "input_schema": {"type": "object", "properties": {"message": {}}}}],
            "messages": [
                {"role": "user", "content": "hi"},
                {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "x", "input": {}}]},
                {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "t1", "content": [{"type": "text", "text": "42"}]},
                    {"type": "text", "text": "beat"}
                ]},
                {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}
            ]
        });
        let chat = to_openai(&request);
        let roles: Vec<&str> = chat["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["role"].as_str().unwrap())
            .collect();
        assert_eq!(roles, ["system", "user", "tool", "user", "user", "user"]);
        assert_eq!(chat["messages"][5]["content"], "b");
        assert_eq!(chat["messages"][2]["content"], "42");
        assert_eq!(chat["tools"][0]["function"]["name"], "send_message");
        assert_eq!(chat["tools"][0]["function"]["parameters"]["type"], "object");
    }

    #[test]
    fn a_tool_call_becomes_a_tool_use_block() {
        let reply = Reply::ToolCall {
            name: "send_message".to_owned(),
            arguments: r#"{"inner_thoughts":"hm","message":"You said: hi"}"#.to_owned(),
            note: None,
        };
        let body = message(&reply, &meta());
        assert_eq!(body["stop_reason"], "tool_use");
        assert_eq!(body["content"][0]["type"], "tool_use");
        assert_eq!(body["content"][0]["id"], "toolu_scripted_7");
        assert_eq!(body["content"][0]["input"]["message"], "You said: hi");
        assert_eq!(body["usage"]["input_tokens"], 10);

        let events = stream_events(&reply, &meta());
        assert!(events[0].starts_with("event: message_start\n"));
        assert!(events.last().unwrap().starts_with("event: message_stop\n"));
        let joined: String = events
            .iter()
            .filter_map(|e| e.split_once("data: ").map(|(_, d)| d.trim()))
            .filter_map(|d| serde_json::from_str::<Value>(d).ok())
            .filter_map(|v| v["delta"]["partial_json"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(joined, r#"{"inner_thoughts":"hm","message":"You said: hi"}"#);
    }
}
