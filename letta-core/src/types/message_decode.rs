//! Decoding a [`LettaMessage`] in one pass over its JSON.
//!
//! Every list, send and stream answer is mostly messages, so this is the client's hottest decoding
//! path. The obvious implementations decode twice: into a `Value` first and then by
//! `message_type` into the variant (which `serde(tag)` and `serde(flatten)` also do internally,
//! through serde's buffered `Content`). Here the map is read once: the few fields before
//! `message_type` (the server writes `id`, `date`, `name`, then the tag) are held as `Value`s,
//! and once the tag is known every field goes straight into its typed slot. An unknown tag keeps
//! the whole object as a `Value` ([`LettaMessage::Other`]), as before.
//!
//! [`LettaMessage::from_value`] keeps the straightforward two-step decoding; the tests check that
//! both agree on every recorded message.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::Timestamp;
use super::content::{ContentPart, MessageContent};
use super::message::{
    AssistantMessage, HiddenReasoningMessage, HiddenReasoningState, LettaMessage, MessageMeta,
    ReasoningMessage, ReasoningSource, SystemMessage, ToolCall, ToolCallMessage, ToolReturnMessage,
    ToolReturnStatus, UserMessage,
};
use super::message_v0_16::{ToolCallOutcome, ToolCallsOrDelta};
use crate::ids::{MessageId, RunId, StepId};

impl<'de> Deserialize<'de> for LettaMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MessageVisitor)
    }
}

/// The message kinds with a typed variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    System,
    User,
    Reasoning,
    HiddenReasoning,
    ToolCall,
    ToolReturn,
    Assistant,
}

impl Kind {
    fn from_tag(tag: &str) -> Option<Kind> {
        Some(match tag {
            "system_message" => Kind::System,
            "user_message" => Kind::User,
            "reasoning_message" => Kind::Reasoning,
            "hidden_reasoning_message" => Kind::HiddenReasoning,
            "tool_call_message" => Kind::ToolCall,
            "tool_return_message" => Kind::ToolReturn,
            "assistant_message" => Kind::Assistant,
            _ => return None,
        })
    }
}

/// A key of a message object; `Other` for keys no known kind reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Date,
    Name,
    Otid,
    SenderId,
    StepId,
    SeqId,
    RunId,
    IsErr,
    MessageType,
    Content,
    Reasoning,
    Source,
    Signature,
    State,
    HiddenReasoning,
    ToolCall,
    ToolCalls,
    ToolReturn,
    ToolReturns,
    Status,
    ToolCallId,
    Stdout,
    Stderr,
    Other,
}

impl Field {
    fn of(key: &str) -> Field {
        match key {
            "id" => Field::Id,
            "date" => Field::Date,
            "name" => Field::Name,
            "otid" => Field::Otid,
            "sender_id" => Field::SenderId,
            "step_id" => Field::StepId,
            "seq_id" => Field::SeqId,
            "run_id" => Field::RunId,
            "is_err" => Field::IsErr,
            "message_type" => Field::MessageType,
            "content" => Field::Content,
            "reasoning" => Field::Reasoning,
            "source" => Field::Source,
            "signature" => Field::Signature,
            "state" => Field::State,
            "hidden_reasoning" => Field::HiddenReasoning,
            "tool_call" => Field::ToolCall,
            "tool_calls" => Field::ToolCalls,
            "tool_returns" => Field::ToolReturns,
            "tool_return" => Field::ToolReturn,
            "status" => Field::Status,
            "tool_call_id" => Field::ToolCallId,
            "stdout" => Field::Stdout,
            "stderr" => Field::Stderr,
            _ => Field::Other,
        }
    }

    /// The key's text; `None` for [`Field::Other`], whose text the [`Key`] keeps.
    fn name(self) -> Option<&'static str> {
        Some(match self {
            Field::Id => "id",
            Field::Date => "date",
            Field::Name => "name",
            Field::Otid => "otid",
            Field::SenderId => "sender_id",
            Field::StepId => "step_id",
            Field::SeqId => "seq_id",
            Field::RunId => "run_id",
            Field::IsErr => "is_err",
            Field::MessageType => "message_type",
            Field::Content => "content",
            Field::Reasoning => "reasoning",
            Field::Source => "source",
            Field::Signature => "signature",
            Field::State => "state",
            Field::HiddenReasoning => "hidden_reasoning",
            Field::ToolCall => "tool_call",
            Field::ToolCalls => "tool_calls",
            Field::ToolReturns => "tool_returns",
            Field::ToolReturn => "tool_return",
            Field::Status => "status",
            Field::ToolCallId => "tool_call_id",
            Field::Stdout => "stdout",
            Field::Stderr => "stderr",
            Field::Other => return None,
        })
    }

    /// Whether messages of `kind` carry this field.
    fn belongs_to(self, kind: Kind) -> bool {
        use Field as F;
        match self {
            F::Id
            | F::Date
            | F::Name
            | F::Otid
            | F::SenderId
            | F::StepId
            | F::SeqId
            | F::RunId
            | F::IsErr => true,
            F::Content => matches!(kind, Kind::System | Kind::User | Kind::Assistant),
            F::Reasoning | F::Source | F::Signature => kind == Kind::Reasoning,
            F::State | F::HiddenReasoning => kind == Kind::HiddenReasoning,
            F::ToolCall | F::ToolCalls => kind == Kind::ToolCall,
            F::ToolReturn | F::ToolReturns | F::Status | F::ToolCallId | F::Stdout | F::Stderr => {
                kind == Kind::ToolReturn
            }
            F::MessageType | F::Other => false,
        }
    }
}

/// A key as read: its [`Field`] and, for the `Value` fallback, its text.
struct Key {
    field: Field,
    text: String,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                let field = Field::of(key);
                // Known keys are spelled again by `Field::name` only if a `Value` is needed.
                let text = if field == Field::Other {
                    key.to_owned()
                } else {
                    String::new()
                };
                Ok(Key { field, text })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

impl Key {
    fn into_text(self) -> String {
        match self.field.name() {
            Some(name) => name.to_owned(),
            None => self.text,
        }
    }
}

/// Where a field's value comes from: the map being read, or a `Value` held from before the tag.
enum Source<'a, A> {
    Map(&'a mut A),
    Held(Value),
}

impl<'de, A: MapAccess<'de>> Source<'_, A> {
    fn take<T: Deserialize<'de>>(self) -> Result<T, A::Error> {
        self.take_seed(std::marker::PhantomData)
    }

    fn take_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        match self {
            Source::Map(map) => map.next_value_seed(seed),
            Source::Held(value) => seed.deserialize(value).map_err(de::Error::custom),
        }
    }

    fn skip(self) -> Result<(), A::Error> {
        match self {
            Source::Map(map) => map.next_value::<IgnoredAny>().map(drop),
            Source::Held(_) => Ok(()),
        }
    }
}

/// `date` goes through the same parser as the derived types' `time::required`.
struct DateSeed;

impl<'de> DeserializeSeed<'de> for DateSeed {
    type Value = Timestamp;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Timestamp, D::Error> {
        super::time::required::deserialize(deserializer)
    }
}

/// The typed slots of a message of a known kind, filled as its fields arrive.
#[derive(Default)]
struct Slots {
    id: Option<MessageId>,
    date: Option<Timestamp>,
    name: Option<String>,
    otid: Option<String>,
    sender_id: Option<String>,
    step_id: Option<StepId>,
    seq_id: Option<u64>,
    run_id: Option<RunId>,
    is_err: Option<bool>,
    text: Option<String>,
    content: Option<MessageContent>,
    reasoning: Option<String>,
    source: Option<ReasoningSource>,
    signature: Option<String>,
    state: Option<HiddenReasoningState>,
    hidden_reasoning: Option<String>,
    tool_call: Option<ToolCall>,
    tool_calls: Option<ToolCallsOrDelta>,
    tool_returns: Option<Vec<ToolCallOutcome>>,
    tool_return: Option<String>,
    status: Option<ToolReturnStatus>,
    tool_call_id: Option<String>,
    stdout: Option<Vec<String>>,
    stderr: Option<Vec<String>>,
}

impl Slots {
    fn fill<'de, A: MapAccess<'de>>(
        &mut self,
        kind: Kind,
        field: Field,
        source: Source<'_, A>,
    ) -> Result<(), A::Error> {
        if !field.belongs_to(kind) {
            return source.skip();
        }
        match field {
            Field::Id => self.id = Some(source.take()?),
            Field::Date => self.date = Some(source.take_seed(DateSeed)?),
            Field::Name => self.name = source.take()?,
            Field::Otid => self.otid = source.take()?,
            Field::SenderId => self.sender_id = source.take()?,
            Field::StepId => self.step_id = source.take()?,
            Field::SeqId => self.seq_id = source.take()?,
            Field::RunId => self.run_id = source.take()?,
            Field::IsErr => self.is_err = source.take()?,
            // A system message's content is plain text; the others may be typed parts.
            Field::Content if kind == Kind::System => self.text = Some(source.take()?),
            Field::Content => self.content = Some(source.take()?),
            Field::Reasoning => self.reasoning = Some(source.take()?),
            Field::Source => self.source = source.take()?,
            Field::Signature => self.signature = source.take()?,
            Field::State => self.state = Some(source.take()?),
            Field::HiddenReasoning => self.hidden_reasoning = source.take()?,
            Field::ToolCall => self.tool_call = Some(source.take()?),
            Field::ToolCalls => self.tool_calls = source.take()?,
            Field::ToolReturns => self.tool_returns = source.take()?,
            Field::ToolReturn => self.tool_return = Some(source.take()?),
            Field::Status => self.status = Some(source.take()?),
            Field::ToolCallId => self.tool_call_id = Some(source.take()?),
            Field::Stdout => self.stdout = source.take()?,
            Field::Stderr => self.stderr = source.take()?,
            Field::MessageType | Field::Other => source.skip()?,
        }
        Ok(())
    }

    fn build<E: de::Error>(self, kind: Kind) -> Result<LettaMessage, E> {
        fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
            slot.ok_or_else(|| E::missing_field(name))
        }
        let meta = MessageMeta {
            id: required(self.id, "id")?,
            date: required(self.date, "date")?,
            name: self.name,
            otid: self.otid,
            sender_id: self.sender_id,
            step_id: self.step_id,
            seq_id: self.seq_id,
            run_id: self.run_id,
            is_err: self.is_err,
        };
        Ok(match kind {
            Kind::System => LettaMessage::System(SystemMessage {
                meta,
                content: required(self.text, "content")?,
            }),
            Kind::User => LettaMessage::User(UserMessage {
                meta,
                content: required(self.content, "content")?,
            }),
            Kind::Assistant => LettaMessage::Assistant(AssistantMessage {
                meta,
                content: required(self.content, "content")?,
            }),
            Kind::Reasoning => LettaMessage::Reasoning(ReasoningMessage {
                meta,
                reasoning: required(self.reasoning, "reasoning")?,
                source: self.source,
                signature: self.signature,
            }),
            Kind::HiddenReasoning => LettaMessage::HiddenReasoning(HiddenReasoningMessage {
                meta,
                state: required(self.state, "state")?,
                hidden_reasoning: self.hidden_reasoning,
            }),
            Kind::ToolCall => LettaMessage::ToolCall(ToolCallMessage {
                meta,
                tool_call: required(self.tool_call, "tool_call")?,
                tool_calls: self.tool_calls,
            }),
            Kind::ToolReturn => LettaMessage::ToolReturn(ToolReturnMessage {
                meta,
                tool_return: required(self.tool_return, "tool_return")?,
                status: required(self.status, "status")?,
                tool_call_id: required(self.tool_call_id, "tool_call_id")?,
                stdout: self.stdout,
                stderr: self.stderr,
                tool_returns: self.tool_returns,
            }),
        })
    }
}

/// What the visitor knows so far.
enum State {
    /// No `message_type` yet: fields are held as `Value`s.
    Untagged(Vec<(Key, Value)>),
    /// A known kind: fields go into typed slots.
    Typed(Kind, Box<Slots>),
    /// A kind 0.16 added: rarer than the others, so collected as a `Value` and decoded by its
    /// derived `Deserialize` at the end.
    Collected(Map<String, Value>),
    /// An unknown kind (or none at all): the object is kept as sent.
    Other(Map<String, Value>),
}

/// Whether `tag` is one of the kinds decoded from a collected `Value`
/// ([`LettaMessage::from_value`] decodes them).
fn collected_kind(tag: &str) -> bool {
    matches!(
        tag,
        "approval_request_message" | "approval_response_message" | "summary_message" | "event_message"
    )
}

struct MessageVisitor;

impl<'de> Visitor<'de> for MessageVisitor {
    type Value = LettaMessage;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Letta message object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LettaMessage, A::Error> {
        let mut state = State::Untagged(Vec::with_capacity(4));
        while let Some(key) = map.next_key::<Key>()? {
            state = match state {
                State::Typed(kind, mut slots) => {
                    slots.fill(kind, key.field, Source::Map(&mut map))?;
                    State::Typed(kind, slots)
                }
                State::Other(mut object) => {
                    object.insert(key.into_text(), map.next_value()?);
                    State::Other(object)
                }
                State::Collected(mut object) => {
                    object.insert(key.into_text(), map.next_value()?);
                    State::Collected(object)
                }
                State::Untagged(mut held) if key.field == Field::MessageType => {
                    let tag: Value = map.next_value()?;
                    match tag.as_str().and_then(Kind::from_tag) {
                        Some(kind) => {
                            let mut slots = Box::<Slots>::default();
                            for (key, value) in held {
                                slots.fill::<A>(kind, key.field, Source::Held(value))?;
                            }
                            State::Typed(kind, slots)
                        }
                        None => {
                            let collected = tag.as_str().is_some_and(collected_kind);
                            held.push((key, tag));
                            if collected {
                                State::Collected(into_object(held))
                            } else {
                                State::Other(into_object(held))
                            }
                        }
                    }
                }
                State::Untagged(mut held) => {
                    let value = map.next_value()?;
                    held.push((key, value));
                    State::Untagged(held)
                }
            };
        }
        match state {
            State::Typed(kind, slots) => slots.build(kind),
            State::Other(object) => Ok(LettaMessage::Other(Value::Object(object))),
            State::Collected(object) => {
                LettaMessage::from_value(Value::Object(object)).map_err(de::Error::custom)
            }
            State::Untagged(held) => Ok(LettaMessage::Other(Value::Object(into_object(held)))),
        }
    }
}

fn into_object(held: Vec<(Key, Value)>) -> Map<String, Value> {
    held.into_iter()
        .map(|(key, value)| (key.into_text(), value))
        .collect()
}

/// [`MessageContent`] told apart by the JSON type (a string or a list), without the buffering an
/// untagged enum does.
impl<'de> Deserialize<'de> for MessageContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ContentVisitor;
        impl<'de> Visitor<'de> for ContentVisitor {
            type Value = MessageContent;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of content parts")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<MessageContent, E> {
                Ok(MessageContent::Text(text.to_owned()))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<MessageContent, E> {
                Ok(MessageContent::Text(text))
            }
            fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<MessageContent, S::Error> {
                let mut parts = Vec::with_capacity(seq.size_hint().unwrap_or(1));
                while let Some(part) = seq.next_element::<ContentPart>()? {
                    parts.push(part);
                }
                Ok(MessageContent::Parts(parts))
            }
        }
        deserializer.deserialize_any(ContentVisitor)
    }
}
