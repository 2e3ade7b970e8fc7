//! The agent-loop operations Letta 0.16 added on agents (`/v1/agents/...`): one-off
//! generations, cancelling runs, compaction, system-prompt recompiles, tool approvals and tool
//! runs, message search, exports with skills, and previews of the model request. Letta 0.7.x
//! serves none of them ([`LettaError::NotServed`]).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::*;
//!
//! let agents = client.agents();
//! let haiku = agents.generate(&agent, &GenerateRequest::builder("A haiku on Rust").build()).await?;
//! println!("{}", haiku.content);
//! let summary = agents.summarize(&agent, &CompactionRequest::default()).await?;
//! let prompt = agents.recompile(&agent, &RecompileParams::builder().dry_run(true).build()).await?;
//! #[allow(deprecated)]
//! let same_prompt = agents.recompile_system_prompt(&agent, &RecompileParams::default()).await?;
//! agents.modify_tool_approval(&agent, "send_email", true).await?;
//! // A step that calls send_email now stops with an approval request; answer it to go on.
//! let reply = agents.messages(&agent).send(MessageCreate::user("Mail Bob")).await?;
//! for message in &reply.messages {
//!     if let LettaMessage::ApprovalRequest(request) = message {
//!         let call = request.tool_call.as_ref().and_then(|c| c.tool_call_id.clone()).unwrap_or_default();
//!         let answer = ApprovalCreate::new([ToolCallOutcome::approve(call)]);
//!         agents.messages(&agent).send(LettaRequest::answer(answer)).await?;
//!     }
//! }
//! let mut args = JsonMap::new();
//! args.insert("query".into(), "weather".into());
//! let result = agents.run_tool(&agent, "web_search", &ToolExecuteRequest::new(args)).await?;
//! let hits = agents.search_messages(&MessageSearchRequest::builder().query("invoice").build()).await?;
//! let export = agents.export_with_skills(&agent, &AgentExportRequest::default()).await?;
//!
//! let messages = agents.messages(&agent);
//! let payload = messages.preview(MessageCreate::user("What would you send?")).await?;
//! let cancelled = messages.cancel(&CancelRunsRequest::default()).await?;
//! # Ok(()) }
//! ```

use std::borrow::Cow;

use super::messages::validate;
use super::{Agents, Messages};
use crate::LettaError;
use crate::ids::AgentId;
use crate::operations as ops;
use crate::types::{
    AgentExport, AgentExportRequest, AgentState, CancelRunsRequest, CancelledRuns, CompactionRequest,
    CompactionResponse, GenerateRequest, GenerateResponse, JsonMap, LettaStreamingRequest,
    MessageSearchRequest, MessageSearchResult, ModifyApprovalRequest, RecompileParams, ToolExecuteRequest,
    ToolExecutionResult,
};

impl Agents<'_> {
    /// A one-off completion with the agent's model (or `override_model`), outside its memory
    /// and history: nothing is stored (`generate_completion`).
    pub async fn generate(
        &self,
        agent_id: &AgentId,
        request: &GenerateRequest,
    ) -> Result<GenerateResponse, LettaError> {
        if request.prompt.is_empty() {
            return Err(LettaError::InvalidInput(
                "a generation needs a prompt; GenerateRequest::builder(\"...\")".into(),
            ));
        }
        self.client
            .call(ops::generate_completion(agent_id).json(request))
            .await
    }

    /// Summarises the agent's older messages to free its context window
    /// (`summarize_messages`).
    pub async fn summarize(
        &self,
        agent_id: &AgentId,
        request: &CompactionRequest,
    ) -> Result<CompactionResponse, LettaError> {
        self.client
            .call(ops::summarize_messages(agent_id).json(request))
            .await
    }

    /// Recompiles the agent's system prompt from its current memory and returns it
    /// (`recompile_agent`); with `dry_run` nothing is stored.
    pub async fn recompile(
        &self,
        agent_id: &AgentId,
        params: &RecompileParams,
    ) -> Result<String, LettaError> {
        self.client
            .call(ops::recompile_agent(agent_id).query(params))
            .await
    }

    /// The same as [`Agents::recompile`] under its older route
    /// (`recompile_agent_system_prompt`).
    #[deprecated(note = "the server deprecates this route; use `Agents::recompile`")]
    pub async fn recompile_system_prompt(
        &self,
        agent_id: &AgentId,
        params: &RecompileParams,
    ) -> Result<String, LettaError> {
        self.client
            .call(ops::recompile_agent_system_prompt(agent_id).query(params))
            .await
    }

    /// Sets whether calls of one of the agent's tools wait for the caller's approval
    /// (`modify_approval_for_tool`; sent in the body, the query flag being deprecated). The
    /// server answers the agent, or nothing (`None`) to callers whose User-Agent it takes for
    /// a 1.0 SDK.
    pub async fn modify_tool_approval(
        &self,
        agent_id: &AgentId,
        tool_name: &str,
        requires_approval: bool,
    ) -> Result<Option<AgentState>, LettaError> {
        let body = ModifyApprovalRequest { requires_approval };
        self.client
            .call(ops::modify_approval_for_tool(agent_id, tool_name).json(&body))
            .await
    }

    /// Runs one of the agent's tools with these arguments, in the agent's sandbox, outside any
    /// step (`run_tool_for_agent`). A tool that fails is an `Ok` with status `error`.
    pub async fn run_tool(
        &self,
        agent_id: &AgentId,
        tool_name: &str,
        request: &ToolExecuteRequest,
    ) -> Result<ToolExecutionResult, LettaError> {
        self.client
            .call(ops::run_tool_for_agent(agent_id, tool_name).json(request))
            .await
    }

    /// Searches the stored messages of the agents the filters select, best first
    /// (`search_messages`). The server searches through Turbopuffer only (a Letta Cloud
    /// feature): a self-hosted 0.16.8 without Turbopuffer and message embedding answers 400
    /// ("Message search requires message embedding, OpenAI, and Turbopuffer to be enabled").
    pub async fn search_messages(
        &self,
        request: &MessageSearchRequest,
    ) -> Result<Vec<MessageSearchResult>, LettaError> {
        self.client.call(ops::search_messages().json(request)).await
    }

    /// Serialises the agent with skills bundled, or with one conversation's messages
    /// (`export_agent_with_skills`); import it with [`Agents::import`].
    pub async fn export_with_skills(
        &self,
        agent_id: &AgentId,
        request: &AgentExportRequest,
    ) -> Result<AgentExport, LettaError> {
        let request = ops::export_agent_with_skills(agent_id).json(request);
        let path = request.path().unwrap_or_default().to_owned();
        let bytes = self.client.call_raw(request).await?;
        // Validates the JSON while keeping the exact text for a faithful re-import.
        let method = ops::EXPORT_AGENT_WITH_SKILLS.http_method();
        let _: JsonMap = crate::client::decode(&method, &path, &bytes)?;
        AgentExport::from_json(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl Messages<'_> {
    /// Cancels the agent's unfinished runs (`cancel_message`): those of `request.run_ids`, or
    /// else the one running (found through Redis, else the 100 newest unfinished). Each run's
    /// outcome, `"cancelled"` or `"failed"`; 409 when none is running.
    pub async fn cancel(&self, request: &CancelRunsRequest) -> Result<CancelledRuns, LettaError> {
        self.client
            .call(ops::cancel_message(&self.agent_id).json(request))
            .await
    }

    /// The request the agent would send to its model for these messages, without running
    /// anything (`preview_model_request`); the provider's own JSON.
    pub async fn preview<'r>(
        &self,
        request: impl Into<Cow<'r, LettaStreamingRequest>>,
    ) -> Result<JsonMap, LettaError> {
        let request = request.into();
        validate(&request.request)?;
        self.client
            .call(ops::preview_model_request(&self.agent_id).json(&*request))
            .await
    }
}
