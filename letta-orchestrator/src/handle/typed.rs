//! Structured output: an agent whose replies decode into a Rust type.
//!
//! Where the schema goes depends on how the agent replies:
//! - An agent that replies through `send_message` (every 0.7 agent; `memgpt_agent` and
//!   `memgpt_v2_agent` on 0.16): the server applies the agent's `response_format` to that tool's
//!   `message` argument (0.16.8: `letta/services/helpers/tool_parser_helper.py`),
//!   so the model's reply is a JSON object. 0.7 then renders that object as Python text
//!   (`{'a': 1}`) in assistant messages, and listing such an agent's history with assistant
//!   messages fails (a 400). So typed sends ask for the raw tool call
//!   (`use_assistant_message: false`) and decode its exact JSON arguments.
//! - An agent that replies in plain text (0.16's default `letta_v1_agent`): the agent's own
//!   `response_format` shapes only `send_message`, which it lacks; its model is held to the
//!   schema by the model's `response_format` (`llm_config.response_format`, what 0.16 calls
//!   `model_settings.response_format`; 0.16.8 sends it to the provider in
//!   `letta/llm_api/openai_client.py`), so the reply is an assistant message whose text is the
//!   JSON. `use_assistant_message: false` does not change such a reply (0.16 always relays a
//!   plain-text agent's text as an assistant message).
//!
//! [`AgentHandle::typed`] and [`AgentSpec::output`](crate::spec::AgentSpec::output) set both
//! where the agent needs both, so the same code gets a `T` on either server.
//!
//! 0.16.8 hands the model's format only to OpenAI-style providers (its Anthropic client has it
//! commented out), so a plain-text agent on a Claude model replies in the shape its prompt
//! asks for, not a guaranteed one: a reply that does not decode is an
//! [`OutputError::Mismatch`] with the text kept.

use std::borrow::Cow;
use std::marker::PhantomData;

use letta_core::ids::AgentId;
use letta_core::types::{
    AgentState, AgentUpdate, JsonMap, LettaRequest, MessageContent, MessageCreate, Replies, ReplyTool,
    ResponseFormat,
};
use letta_core::{ApiLevel, LettaClient, LettaError};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::AgentHandle;
use crate::reconcile::SendError;
use crate::turn::Turn;
/// How much of a bad reply an error message shows (the error keeps all of it).
const SHOWN: usize = 300;

/// An agent whose replies are `T`. Made by [`AgentHandle::typed`].
#[derive(Debug)]
pub struct TypedAgent<T> {
    handle: AgentHandle,
    output: PhantomData<fn() -> T>,
}

impl<T> Clone for TypedAgent<T> {
    fn clone(&self) -> Self {
        Self {
            handle: self.handle.clone(),
            output: PhantomData,
        }
    }
}

/// Why a typed send gave no `T`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The send produced no turn; the error says whether it may have run (boxed: it is large).
    #[error(transparent)]
    Send(Box<SendError>),
    /// The turn ended without a reply (no `send_message` call, no assistant message).
    #[error("agent {agent} ended its turn without a reply; the turn's messages are in the error")]
    NoReply {
        /// The agent.
        agent: AgentId,
        /// What the agent did instead.
        turn: Box<Turn>,
    },
    /// The turn stopped on tool calls waiting for approval (Letta 0.16): answer them with
    /// [`AgentHandle::approve`] or [`AgentHandle::deny`], whose turn holds the reply.
    #[error(
        "agent {agent} stopped its turn on {} tool call(s) waiting for approval (first: `{}`); approve or deny them to get its reply",
        .pending.calls.len(),
        .pending.calls.first().map_or("", |call| call.tool.as_str())
    )]
    WaitingForApproval {
        /// The agent.
        agent: AgentId,
        /// The calls waiting.
        pending: super::PendingApproval,
        /// The turn so far.
        turn: Box<Turn>,
    },
    /// The reply is not a `T`.
    #[error("agent {agent} replied with something that is not a {expected}: {source}; reply: {shown}")]
    Mismatch {
        /// The agent.
        agent: AgentId,
        /// The Rust type that was expected.
        expected: &'static str,
        /// The reply as the server relayed it (JSON text, or plain text).
        raw: String,
        /// The start of `raw`, for the message.
        shown: String,
        /// Why it does not decode.
        source: serde_json::Error,
        /// The whole turn.
        turn: Box<Turn>,
    },
}

impl OutputError {
    /// The reply as the model gave it, when there was one.
    pub fn raw(&self) -> Option<&str> {
        match self {
            OutputError::Mismatch { raw, .. } => Some(raw),
            _ => None,
        }
    }

    /// The turn, when the send got that far.
    pub fn turn(&self) -> Option<&Turn> {
        match self {
            OutputError::NoReply { turn, .. }
            | OutputError::WaitingForApproval { turn, .. }
            | OutputError::Mismatch { turn, .. } => Some(turn),
            OutputError::Send(_) => None,
        }
    }

    /// The send's error, when the send produced no turn.
    pub fn send_error(&self) -> Option<&SendError> {
        match self {
            OutputError::Send(error) => Some(error),
            _ => None,
        }
    }
}

impl From<SendError> for OutputError {
    fn from(error: SendError) -> Self {
        OutputError::Send(Box::new(error))
    }
}

/// The `response_format` value that makes an agent reply with a `T` (a JSON schema, subschemas
/// inlined, as Letta 0.7 puts it into `send_message`'s parameters).
pub fn response_format_for<T: JsonSchema>() -> ResponseFormat {
    let schema = schemars::generate::SchemaSettings::draft07()
        .with(|settings| {
            settings.inline_subschemas = true;
            settings.meta_schema = None;
        })
        .into_generator()
        .into_root_schema_for::<T>();
    let mut schema = schema.to_value();
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
    }
    let mut json_schema = JsonMap::new();
    json_schema.insert("name".into(), Value::String(schema_name::<T>()));
    json_schema.insert("schema".into(), schema);
    ResponseFormat::JsonSchema { json_schema }
}

/// OpenAI accepts `[a-zA-Z0-9_-]{1,64}` as a schema name.
fn schema_name<T: JsonSchema>() -> String {
    let name: Cow<'static, str> = T::schema_name();
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if cleaned.is_empty() {
        "output".into()
    } else {
        cleaned
    }
}

/// Holds a plain-text agent's model to `format` on 0.16 and later: an agent without
/// `send_message` (`letta_v1_agent`) replies in plain text, which the agent's own
/// `response_format` does not shape (the server applies that one to `send_message` only); its
/// model's `response_format` does. Nothing is sent for an agent that replies through
/// `send_message`, one whose model already has `format`, or a 0.7 server.
pub(crate) async fn hold_plain_text_replies_to(
    client: &LettaClient,
    agent: &AgentState,
    format: &ResponseFormat,
) -> Result<(), LettaError> {
    let replies_through_a_tool = agent
        .tools
        .iter()
        .any(|tool| tool.name.as_deref() == Some(ReplyTool::default().name.as_str()));
    if replies_through_a_tool || client.api_level().await? == ApiLevel::V0_7 {
        return Ok(());
    }
    let wanted = serde_json::to_value(format).map_err(|error| {
        LettaError::InvalidInput(format!("the response format does not serialize to JSON: {error}"))
    })?;
    if agent.llm_config.response_format.as_ref() == Some(&wanted) {
        return Ok(());
    }
    // The whole model config goes back, changed only in its format: 0.16 replaces the config
    // it is given (`model_settings` would reset the temperature and more to its defaults).
    let mut llm_config = agent.llm_config.clone();
    llm_config.response_format = Some(wanted);
    let update = AgentUpdate::builder().llm_config(llm_config).build();
    client.agents().modify(&agent.id, &update).await?;
    Ok(())
}

impl AgentHandle {
    /// Makes the agent reply with `T`: sets its `response_format` to `T`'s JSON schema (and,
    /// for an agent that replies in plain text on 0.16, its model's `response_format`) and
    /// returns a handle whose sends decode replies into `T`.
    pub async fn typed<T: JsonSchema + DeserializeOwned>(&self) -> Result<TypedAgent<T>, LettaError> {
        let format = response_format_for::<T>();
        let update = AgentUpdate::builder().response_format(format.clone()).build();
        let state = self.client().agents().modify(&self.id, &update).await?;
        hold_plain_text_replies_to(self.client(), &state, &format).await?;
        Ok(TypedAgent::assume(self.clone()))
    }
}

impl<T> From<&TypedAgent<T>> for AgentId {
    fn from(agent: &TypedAgent<T>) -> Self {
        agent.handle.id.clone()
    }
}

impl<T> TypedAgent<T> {
    /// A typed handle on an agent whose `response_format` is already `T`'s (for example one
    /// created from an [`AgentSpec`](crate::spec::AgentSpec) with `output::<T>()`). Nothing is
    /// sent to the server.
    pub fn assume(handle: AgentHandle) -> Self {
        Self {
            handle,
            output: PhantomData,
        }
    }

    /// The untyped handle.
    pub fn handle(&self) -> &AgentHandle {
        &self.handle
    }
}

impl<T: DeserializeOwned> TypedAgent<T> {
    /// Sends a user message and decodes the reply.
    pub async fn send(&self, content: impl Into<MessageContent>) -> Result<T, OutputError> {
        Ok(self.send_with_turn(content).await?.0)
    }

    /// Sends a user message; returns the decoded reply and the whole turn.
    pub async fn send_with_turn(&self, content: impl Into<MessageContent>) -> Result<(T, Turn), OutputError> {
        let mut request = LettaRequest::new([MessageCreate::user(content)]);
        request.use_assistant_message = Some(false);
        let turn = self.handle.send_request(request).await?;
        let value = decode(&self.handle.id, &turn)?;
        Ok((value, turn))
    }
}

/// The `T` in the turn's last reply.
fn decode<T: DeserializeOwned>(agent: &AgentId, turn: &Turn) -> Result<T, OutputError> {
    if let Some(pending) = turn.pending_approval() {
        return Err(OutputError::WaitingForApproval {
            agent: agent.clone(),
            pending,
            turn: Box::new(turn.clone()),
        });
    }
    let Some(reply) = last_reply(turn) else {
        return Err(OutputError::NoReply {
            agent: agent.clone(),
            turn: Box::new(turn.clone()),
        });
    };
    // A model may also put the JSON in a string, or (for `T = String`) reply with plain text.
    let (raw, result) = match serde_json::from_str::<String>(&reply) {
        Ok(text) => {
            let result = match serde_json::from_str(&text) {
                Ok(value) => Ok(value),
                Err(as_json) => serde_json::from_value(Value::String(text.clone())).map_err(|as_text| {
                    let looks_like_json = text.trim_start().starts_with(['{', '[']);
                    if looks_like_json { as_json } else { as_text }
                }),
            };
            (text, result)
        }
        Err(_) => {
            let result = serde_json::from_str(&reply);
            (reply, result)
        }
    };
    result.map_err(|source| OutputError::Mismatch {
        agent: agent.clone(),
        expected: std::any::type_name::<T>(),
        shown: raw.chars().take(SHOWN).collect(),
        raw,
        source,
        turn: Box::new(turn.clone()),
    })
}

/// The reply of a turn as text: the JSON a typed agent gave, or the plain text of a reply.
pub(crate) fn reply_text(turn: &Turn) -> Option<String> {
    let reply = last_reply(turn)?;
    Some(match serde_json::from_str::<Value>(&reply) {
        Ok(Value::String(text)) => text,
        // Compact: the server relays typed replies indented over many lines.
        Ok(value) => value.to_string(),
        Err(_) => reply,
    })
}

/// The `message` argument of the turn's last `send_message` call, as JSON text (or the
/// last assistant message's text as a JSON string, for a turn read with assistant messages).
fn last_reply(turn: &Turn) -> Option<String> {
    turn.last_reply_json(&ReplyTool::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::turn::TurnSource;
    use letta_core::types::LettaMessage;

    #[derive(Debug, serde::Deserialize, JsonSchema, PartialEq)]
    struct Weather {
        city: String,
        celsius: i32,
        wind: Option<Wind>,
    }

    #[derive(Debug, serde::Deserialize, JsonSchema, PartialEq)]
    struct Wind {
        knots: u32,
    }

    #[test]
    fn the_format_is_a_named_inline_json_schema() {
        let format = serde_json::to_value(response_format_for::<Weather>()).unwrap();
        assert_eq!(format["type"], "json_schema");
        assert_eq!(format["json_schema"]["name"], "Weather");
        let schema = &format["json_schema"]["schema"];
        assert_eq!(schema["type"], "object");
        assert_eq!(schema["properties"]["city"]["type"], "string");
        assert!(schema.get("$schema").is_none());
        // Nested types are inlined: Letta 0.7 resolves no `$ref`.
        assert!(!format.to_string().contains("$ref"), "{format}");
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(required, ["city", "celsius"]);
    }

    fn turn_replying(arguments: &str) -> Turn {
        let call = serde_json::json!({
            "message_type": "tool_call_message",
            "id": "message-1",
            "date": "2026-11-25T00:00:00Z",
            "tool_call": {"name": "send_message", "arguments": arguments, "tool_call_id": "c1"},
        });
        Turn::new(
            vec![LettaMessage::from_value(call).unwrap()],
            TurnSource::Answered,
        )
    }

    #[test]
    fn replies_decode_from_objects_json_text_and_plain_text() {
        let agent = AgentId::from("agent-1");
        let object = turn_replying(r#"{"message": {"knots": 3, "direction": "N"}}"#);
        assert_eq!(decode::<Wind>(&agent, &object).unwrap().knots, 3);
        let text = turn_replying(r#"{"message": "{\"knots\": 4, \"direction\": \"S\"}"}"#);
        assert_eq!(decode::<Wind>(&agent, &text).unwrap().knots, 4);
        let plain = turn_replying(r#"{"message": "just words"}"#);
        assert_eq!(decode::<String>(&agent, &plain).unwrap(), "just words");
        let error = decode::<Wind>(&agent, &plain).unwrap_err();
        assert_eq!(error.raw(), Some("just words"));
        let broken = turn_replying(r#"{"message": "{\"knots\": "}"#);
        let error = decode::<Wind>(&agent, &broken).unwrap_err();
        assert!(error.to_string().contains("EOF"), "{error}");
        let silent = Turn::new(vec![], TurnSource::Answered);
        assert!(matches!(
            decode::<Wind>(&agent, &silent),
            Err(OutputError::NoReply { .. })
        ));
    }

    #[test]
    fn generic_names_become_valid_schema_names() {
        let format = serde_json::to_value(response_format_for::<Vec<Weather>>()).unwrap();
        let name = format["json_schema"]["name"].as_str().unwrap();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
            "{name}"
        );
    }
}
