//! Timings of runs and steps, step feedback, and the step and trace lists Letta 0.16 added.

use serde::{Deserialize, Serialize};

use super::SortOrder;
use crate::ids::{AgentId, OrganizationId, ProviderId, RunId, StepId};

/// Timings of a run (`RunMetrics`); durations in nanoseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunMetrics {
    /// The run.
    pub id: RunId,
    /// Its organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<OrganizationId>,
    /// Its agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Its project (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// When it started (Unix time, ns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_start_ns: Option<i64>,
    /// How long it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_ns: Option<i64>,
    /// How many steps it took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_steps: Option<u64>,
    /// Tool IDs it used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools_used: Option<Vec<String>>,
    /// Its template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Its base template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_template_id: Option<String>,
}

/// Timings of a step (`StepMetrics`); durations in nanoseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepMetrics {
    /// The step.
    pub id: StepId,
    /// Its organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<OrganizationId>,
    /// The LLM provider it called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<ProviderId>,
    /// Its run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<RunId>,
    /// Its agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// When it started (Unix time, ns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_start_ns: Option<i64>,
    /// When its LLM request started (Unix time, ns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_request_start_ns: Option<i64>,
    /// How long the LLM request took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_request_ns: Option<i64>,
    /// How long tool execution took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_execution_ns: Option<i64>,
    /// How long the whole step took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_ns: Option<i64>,
    /// Its base template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_template_id: Option<String>,
    /// Its template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Its project (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

string_enum! {
    /// A verdict on a step (`FeedbackType`).
    FeedbackType {
        /// Good.
        Positive = "positive",
        /// Bad.
        Negative = "negative",
    }
}

/// Feedback on a step (`ModifyFeedbackRequest`); unset fields are left as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct StepFeedback {
    /// The verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<FeedbackType>,
    /// Tags for the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
}

/// Filters for `GET /v1/steps/{step_id}/messages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListStepMessagesParams {
    /// Cursor: messages before this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: messages after this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// How many stored messages (server default 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order (server default oldest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
}
