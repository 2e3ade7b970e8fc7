//! Multi-agent groups: several agents answering one conversation under a manager pattern.

use serde::{Deserialize, Serialize};

use super::JsonMap;
use crate::ids::{AgentId, BlockId, GroupId, MessageId, ProjectId};

string_enum! {
    /// How a group decides which agent speaks (`ManagerType`).
    ManagerType {
        /// Each agent answers in turn.
        RoundRobin = "round_robin",
        /// A manager agent sends to all workers and summarises.
        Supervisor = "supervisor",
        /// A manager agent picks the next speaker each turn.
        Dynamic = "dynamic",
        /// A main agent with background sleep-time agents managing memory.
        Sleeptime = "sleeptime",
        /// A voice agent with a background sleep-time agent.
        VoiceSleeptime = "voice_sleeptime",
        /// Agents hand the conversation to each other.
        Swarm = "swarm",
    }
}

/// The manager pattern of a new group (`GroupCreate.manager_config`), tagged by `manager_type`.
///
/// ```
/// use letta_core::types::ManagerConfig;
/// let config = ManagerConfig::RoundRobin { max_turns: Some(2) };
/// assert_eq!(
///     serde_json::to_value(&config).unwrap(),
///     serde_json::json!({"manager_type": "round_robin", "max_turns": 2})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "manager_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ManagerConfig {
    /// Each agent answers in turn (`RoundRobinManager`).
    RoundRobin {
        /// Turns per message (server default: one per agent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_turns: Option<u32>,
    },
    /// The manager sends the message to every worker and answers with their replies
    /// (`SupervisorManager`).
    Supervisor {
        /// The supervising agent (not one of `agent_ids`).
        manager_agent_id: AgentId,
    },
    /// The manager picks the next speaker by name each turn (`DynamicManager`).
    Dynamic {
        /// The managing agent.
        manager_agent_id: AgentId,
        /// Text meant to end the conversation when a participant says it (server default
        /// `DONE!`). 0.7.29 never stops on it: it looks for the text among the reply's content
        /// parts instead of in their text, so `max_turns` alone bounds the turns.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        termination_token: Option<String>,
        /// Turns per message (server default: one per agent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_turns: Option<u32>,
    },
    /// The main agent answers; sleep-time agents update memory in the background
    /// (`SleeptimeManager`).
    Sleeptime {
        /// The main (conversational) agent.
        manager_agent_id: AgentId,
        /// Run the sleep-time agents every this many turns.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sleeptime_agent_frequency: Option<u32>,
    },
    /// A voice agent whose buffer a sleep-time agent summarises (`VoiceSleeptimeManager`).
    VoiceSleeptime {
        /// The voice (conversational) agent.
        manager_agent_id: AgentId,
        /// The desired maximum length of messages in the context window of the convo agent
        /// (best effort).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_message_buffer_length: Option<u32>,
        /// The desired minimum length of messages in the context window of the convo agent
        /// (best effort).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_message_buffer_length: Option<u32>,
    },
    /// A manager this client does not model (a newer server's), sent as given: the object
    /// carries its own `manager_type`.
    #[serde(untagged)]
    Other(JsonMap),
}

/// Changes to a group's manager settings (`GroupUpdate.manager_config`). The manager type cannot
/// change: 0.7.x refuses an update of another type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "manager_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ManagerConfigUpdate {
    /// `RoundRobinManagerUpdate`.
    RoundRobin {
        /// New turns per message.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_turns: Option<u32>,
    },
    /// `SupervisorManagerUpdate`.
    Supervisor {
        /// New supervising agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        manager_agent_id: Option<AgentId>,
    },
    /// `DynamicManagerUpdate`.
    Dynamic {
        /// New managing agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        manager_agent_id: Option<AgentId>,
        /// New termination token.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        termination_token: Option<String>,
        /// New turns per message.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_turns: Option<u32>,
    },
    /// `SleeptimeManagerUpdate`.
    Sleeptime {
        /// New main agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        manager_agent_id: Option<AgentId>,
        /// New frequency.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sleeptime_agent_frequency: Option<u32>,
    },
    /// `VoiceSleeptimeManagerUpdate`.
    VoiceSleeptime {
        /// New voice agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        manager_agent_id: Option<AgentId>,
        /// New maximum buffer length.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_message_buffer_length: Option<u32>,
        /// New minimum buffer length.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_message_buffer_length: Option<u32>,
    },
    /// Settings of a manager this client does not model, sent as given: the object carries its
    /// own `manager_type`.
    #[serde(untagged)]
    Other(JsonMap),
}

/// A multi-agent group (`Group`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The id of the group. Assigned by the database.
    pub id: GroupId,
    /// The manager pattern.
    pub manager_type: ManagerType,
    /// The member agents (for supervisor and dynamic groups, the workers).
    #[serde(default)]
    pub agent_ids: Vec<AgentId>,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Blocks shared by the members.
    #[serde(default)]
    pub shared_block_ids: Vec<BlockId>,
    /// The managing (or main) agent, for patterns that have one.
    #[serde(default)]
    pub manager_agent_id: Option<AgentId>,
    /// Text that ends a dynamic group's conversation.
    #[serde(default)]
    pub termination_token: Option<String>,
    /// Turns per message.
    #[serde(default)]
    pub max_turns: Option<u32>,
    /// How often the sleep-time agents run, in turns.
    #[serde(default)]
    pub sleeptime_agent_frequency: Option<u32>,
    /// Turns since the sleep-time agents last ran.
    #[serde(default)]
    pub turns_counter: Option<i64>,
    /// Last message the sleep-time agents processed.
    #[serde(default)]
    pub last_processed_message_id: Option<MessageId>,
    /// The desired maximum length of messages in the context window of the convo agent.
    #[serde(default)]
    pub max_message_buffer_length: Option<u32>,
    /// The desired minimum length of messages in the context window of the convo agent.
    #[serde(default)]
    pub min_message_buffer_length: Option<u32>,
    /// Project (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Base template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_template_id: Option<String>,
    /// Deployment (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<String>,
    /// Hidden from listings (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}

/// A new group (`GroupCreate`).
///
/// ```
/// use letta_core::types::{GroupCreate, ManagerConfig};
/// let request = GroupCreate::builder()
///     .agent_ids(["agent-1", "agent-2"])
///     .description("pair")
///     .manager_config(ManagerConfig::RoundRobin { max_turns: None })
///     .build();
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["manager_config"]["manager_type"], "round_robin");
/// assert!(json.get("shared_block_ids").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GroupCreate {
    /// The member agents.
    #[builder(with = |items: impl IntoIterator<Item = impl Into<AgentId>>| items.into_iter().map(Into::into).collect())]
    pub agent_ids: Vec<AgentId>,
    /// Description.
    pub description: String,
    /// The manager pattern (server default round robin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_config: Option<ManagerConfig>,
    /// Blocks to share among the members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<BlockId>>| items.into_iter().map(Into::into).collect())]
    pub shared_block_ids: Option<Vec<BlockId>>,
}

impl GroupCreate {
    /// A round-robin group of these agents.
    pub fn new<I, A>(agent_ids: I, description: impl Into<String>) -> Self
    where
        I: IntoIterator<Item = A>,
        A: Into<AgentId>,
    {
        Self {
            agent_ids: agent_ids.into_iter().map(Into::into).collect(),
            description: description.into(),
            manager_config: None,
            shared_block_ids: None,
        }
    }
}

/// Changes to a group (`GroupUpdate`); unset fields stay as they are.
///
/// 0.7.29 ignores `shared_block_ids` on update, and ignores falsy values (an empty description,
/// `max_turns: 0`, an empty agent list).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GroupUpdate {
    /// Replace the member agents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<AgentId>>| items.into_iter().map(Into::into).collect())]
    pub agent_ids: Option<Vec<AgentId>>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New manager settings (same manager type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_config: Option<ManagerConfigUpdate>,
    /// Replace the shared blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<BlockId>>| items.into_iter().map(Into::into).collect())]
    pub shared_block_ids: Option<Vec<BlockId>>,
}

/// Filters for `GET /v1/groups/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(ProjectId, into))]
#[non_exhaustive]
pub struct ListGroupsParams {
    /// Only groups of this manager type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager_type: Option<ManagerType>,
    /// Cursor: groups before this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: groups after this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only groups of this project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
}

/// Filters for `GET /v1/groups/{group_id}/messages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListGroupMessagesParams {
    /// Cursor: messages after this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Cursor: messages before this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// How many stored messages (one can become several items; server default 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Return `send_message` calls as assistant messages (server default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_assistant_message: Option<bool>,
    /// Tool treated as the assistant's reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assistant_message_tool_name: Option<String>,
    /// Argument of that tool holding the reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assistant_message_tool_kwarg: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manager_configs_are_tagged_and_sparse() {
        let dynamic = ManagerConfig::Dynamic {
            manager_agent_id: "agent-m".into(),
            termination_token: None,
            max_turns: Some(3),
        };
        assert_eq!(
            serde_json::to_value(&dynamic).unwrap(),
            serde_json::json!({"manager_type": "dynamic", "manager_agent_id": "agent-m", "max_turns": 3})
        );
        let voice = ManagerConfigUpdate::VoiceSleeptime {
            manager_agent_id: None,
            max_message_buffer_length: Some(20),
            min_message_buffer_length: None,
        };
        assert_eq!(
            serde_json::to_value(&voice).unwrap(),
            serde_json::json!({"manager_type": "voice_sleeptime", "max_message_buffer_length": 20})
        );
    }

    #[test]
    fn group_decodes_with_unknown_manager_type() {
        let g: Group = serde_json::from_value(serde_json::json!({
            "id": "group-1", "manager_type": "future", "agent_ids": ["agent-1"], "description": "d"
        }))
        .unwrap();
        assert_eq!(g.manager_type, ManagerType::Other("future".into()));
        assert_eq!(g.agent_ids, vec![AgentId::from("agent-1")]);
    }
}
