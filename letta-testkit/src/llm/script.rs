//! The deterministic "brain" of the scripted LLM.
//!
//! [`decide`] is a pure function from a chat-completion request body to the
//! answer the fake model gives. Keeping it free of I/O makes every rule unit
//! testable and keeps the HTTP framing (see `wire`) independent of the script.
//!
//! Rules, applied to the last message with role `user`:
//! 0. (`letta_v1_agent`: no `send_message` tool, no heartbeats) when the request ends with a
//!    tool result -> the plain text `"Tool returned: <its text>"`, which ends the turn;
//! 1. a Letta heartbeat (`{"type":"heartbeat",...}`) -> `send_message` with
//!    `"Tool returned: <text of the most recent tool message>"`;
//! 2. `#call <tool> <json object>` -> call that tool with those arguments;
//! 3. `#reply <text>` -> `send_message` with exactly `<text>`;
//! 4. anything else -> `send_message` with `"You said: <text>"`.
//!
//! Letta 0.16's tool generation (`POST /v1/tools/generate-tool`) wraps the caller's prompt in
//! its own text ending `Instructions: <prompt>`; a command there counts as the message's, so a
//! test can script the generated tool with `#call generate_tool {...}` as its prompt. Such a
//! call comes with the text `Here is <tool>.`: that route fails on a call without text.
//!
//! With no user message at all the model says `"Hello."`. When the request
//! offers no `send_message` tool (a `letta_v1_agent`, a summariser), the
//! message is answered as plain text.

use serde_json::{Map, Value};

/// Name of Letta's built-in tool that delivers text to the user.
pub(crate) const SEND_MESSAGE: &str = "send_message";

/// Letta's extra argument carrying the model's reasoning (must come first).
const INNER_THOUGHTS: &str = "inner_thoughts";

/// Letta's extra argument asking for another step after the tool ran.
const REQUEST_HEARTBEAT: &str = "request_heartbeat";

/// What the scripted model answers to one chat-completion request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reply {
    /// One tool call; `arguments` is the serialised JSON object text, whose
    /// key order is exactly as built (so `inner_thoughts` can come first
    /// whatever `serde_json` map ordering the embedding crate uses).
    ToolCall {
        /// Name of the called function.
        name: String,
        /// The arguments as JSON object text.
        arguments: String,
        /// Text the model says beside its call (OpenAI's `content`), if any.
        note: Option<String>,
    },
    /// Plain assistant text (`finish_reason: "stop"`).
    Text(String),
}

/// The tools a request offers, with the parameter names each one declares.
#[derive(Debug, Default)]
struct Tools {
    /// `(name, declared parameter names)` in request order.
    entries: Vec<(String, Vec<String>)>,
}

impl Tools {
    /// Reads `tools[].function.{name, parameters.properties}`; malformed
    /// entries are skipped rather than rejected, as a lenient model would.
    fn from_request(request: &Value) -> Tools {
        let entries = request
            .get("tools")
            .and_then(Value::as_array)
            .map(|tools| {
                tools
                    .iter()
                    .filter_map(|tool| {
                        let function = tool.get("function")?;
                        let name = function.get("name")?.as_str()?.to_owned();
                        let params = function
                            .get("parameters")
                            .and_then(|p| p.get("properties"))
                            .and_then(Value::as_object)
                            .map(|props| props.keys().cloned().collect())
                            .unwrap_or_default();
                        Some((name, params))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Tools { entries }
    }

    /// Whether the request offers any usable tool at all.
    fn any(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Declared parameter names of `name`, if the request offers that tool.
    fn params(&self, name: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.as_slice())
    }

    /// Whether tool `name` declares parameter `param`.
    fn declares(&self, name: &str, param: &str) -> bool {
        self.params(name)
            .is_some_and(|params| params.iter().any(|p| p == param))
    }
}

/// Decides the scripted answer to a chat-completion request body.
///
/// Never fails: whatever shape the request has, some answer is produced
/// (the HTTP layer validates the body shape separately).
pub(crate) fn decide(request: &Value) -> Reply {
    let tools = Tools::from_request(request);
    let messages: &[Value] = request
        .get("messages")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();

    // Rule 0: a v1 agent runs the tool and asks again, without a heartbeat; answering the
    // script's user message once more would call the tool forever.
    if tools.params(SEND_MESSAGE).is_none() {
        if let Some(result) = messages.last().filter(|m| has_role(m, "tool")) {
            let result = unpack_message(&content_text(result.get("content")));
            return Reply::Text(format!("Tool returned: {result}"));
        }
    }

    let Some(user) = messages.iter().rev().find(|m| has_role(m, "user")) else {
        return send_message(&tools, "Hello.", "Nobody spoke yet; greeting.");
    };
    let raw = content_text(user.get("content"));
    let packed = parse_object(&raw);

    // Rule 1: heartbeat after a tool call.
    if packed
        .as_ref()
        .and_then(|o| o.get("type"))
        .and_then(Value::as_str)
        == Some("heartbeat")
    {
        let result = messages.iter().rev().find(|m| has_role(m, "tool")).map_or_else(
            || "(no tool result)".to_owned(),
            |m| unpack_message(&content_text(m.get("content"))),
        );
        return send_message(&tools, &format!("Tool returned: {result}"), "The tool finished.");
    }

    let text = unpacked_text(packed.as_ref(), raw);
    let wrapped = scripted_instructions(&text);
    let from_instructions = wrapped.is_some();
    let text = wrapped.unwrap_or(text);

    // Rule 2: explicit tool call.
    if let Some(rest) = text.strip_prefix("#call ") {
        return match parse_call(rest) {
            Ok((name, args)) if tools.any() => {
                let inner = format!("Calling {name}.");
                let call = tool_call(&tools, &name, &inner, args, true);
                match call {
                    Reply::ToolCall { name, arguments, .. } if from_instructions => Reply::ToolCall {
                        note: Some(format!("Here is {name}.")),
                        name,
                        arguments,
                    },
                    call => call,
                }
            }
            Ok((name, _)) => send_message(
                &tools,
                &format!("Script error: the request offers no tools, cannot call {name}"),
                "The script could not be followed.",
            ),
            Err(reason) => send_message(
                &tools,
                &format!("Script error: {reason}"),
                "The script could not be followed.",
            ),
        };
    }

    // Rule 3: verbatim reply.
    if let Some(rest) = text.strip_prefix("#reply ") {
        return send_message(&tools, rest, "Replying as scripted.");
    }

    // Rule 4: echo.
    send_message(
        &tools,
        &format!("You said: {text}"),
        &format!("The user said: {text}"),
    )
}

/// The text of the last user message, unpacked from Letta's JSON envelope
/// (`{"type": "user_message", "message": ...}`) when it has one.
pub(crate) fn last_user_text(request: &Value) -> Option<String> {
    let user = request
        .get("messages")
        .and_then(Value::as_array)?
        .iter()
        .rev()
        .find(|m| has_role(m, "user"))?;
    let raw = content_text(user.get("content"));
    let packed = parse_object(&raw);
    Some(unpacked_text(packed.as_ref(), raw))
}

/// The command a wrapped prompt ends with (`... Instructions: #call ...`), if it has one.
fn scripted_instructions(text: &str) -> Option<String> {
    const MARKER: &str = "Instructions: #";
    let start = text.rfind(MARKER)? + MARKER.len() - 1;
    Some(text[start..].to_owned())
}

/// The `message` of a packed user message, else the raw text.
fn unpacked_text(packed: Option<&Map<String, Value>>, raw: String) -> String {
    packed
        .and_then(|o| o.get("message"))
        .and_then(Value::as_str)
        .map_or(raw, str::to_owned)
}

/// Whether message `m` has role `role`.
fn has_role(m: &Value, role: &str) -> bool {
    m.get("role").and_then(Value::as_str) == Some(role)
}

/// Flattens OpenAI message content (a string, or a list of `{type:"text",
/// text}` parts / plain strings) into one string; parts join with newlines.
fn content_text(content: Option<&Value>) -> String {
    match content {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|part| match part {
                Value::String(s) => Some(s.as_str()),
                Value::Object(o) => o.get("text").and_then(Value::as_str),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => other.to_string(),
    }
}

/// Parses `text` as a JSON object, if it is one (Letta's packed messages).
fn parse_object(text: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str::<Value>(text.trim()) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// Takes the `"message"` field out of a packed tool result such as
/// `{"status":"OK","message":"...","time":...}`, else returns the raw text.
fn unpack_message(raw: &str) -> String {
    match parse_object(raw).and_then(|mut o| o.remove("message")) {
        Some(Value::String(s)) => s,
        Some(other) => other.to_string(),
        None => raw.to_owned(),
    }
}

/// Parses the part after `#call `: a tool name, then an optional JSON object.
fn parse_call(rest: &str) -> Result<(String, Map<String, Value>), String> {
    let rest = rest.trim();
    let split = rest
        .find(|c: char| c.is_whitespace() || c == '{')
        .unwrap_or(rest.len());
    let (name, json) = rest.split_at(split);
    if name.is_empty() {
        return Err("missing tool name after #call".to_owned());
    }
    let json = json.trim();
    if json.is_empty() {
        return Ok((name.to_owned(), Map::new()));
    }
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(args)) => Ok((name.to_owned(), args)),
        Ok(_) => Err(format!("arguments for {name} must be a JSON object")),
        Err(e) => Err(format!("invalid JSON arguments for {name}: {e}")),
    }
}

/// `send_message(message)` when the request offers that tool, else the
/// message as plain text (e.g. summarisation calls without tools).
fn send_message(tools: &Tools, message: &str, inner: &str) -> Reply {
    if tools.params(SEND_MESSAGE).is_none() {
        return Reply::Text(message.to_owned());
    }
    let mut args = Map::new();
    args.insert("message".to_owned(), Value::String(message.to_owned()));
    tool_call(tools, SEND_MESSAGE, inner, args, false)
}

/// Builds a tool call whose argument text starts with `inner_thoughts` (when
/// the tool declares it) and ends with `request_heartbeat` (when declared and
/// not given by the script). Arguments the script gave win over defaults.
fn tool_call(tools: &Tools, name: &str, inner: &str, mut args: Map<String, Value>, heartbeat: bool) -> Reply {
    let mut fields: Vec<(String, Value)> = Vec::with_capacity(args.len() + 2);
    if tools.declares(name, INNER_THOUGHTS) {
        let thoughts = args
            .remove(INNER_THOUGHTS)
            .unwrap_or_else(|| Value::String(inner.to_owned()));
        fields.push((INNER_THOUGHTS.to_owned(), thoughts));
    }
    let add_heartbeat = tools.declares(name, REQUEST_HEARTBEAT) && !args.contains_key(REQUEST_HEARTBEAT);
    fields.extend(args);
    if add_heartbeat {
        fields.push((REQUEST_HEARTBEAT.to_owned(), Value::Bool(heartbeat)));
    }
    Reply::ToolCall {
        name: name.to_owned(),
        arguments: ordered_object(&fields),
        note: None,
    }
}

/// Serialises key/value pairs as a JSON object keeping the given order.
fn ordered_object(fields: &[(String, Value)]) -> String {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), v))
        .collect::<Vec<_>>()
        .join(",");
    format!("{{{body}}}")
}

#[cfg(test)]
mod tests;
