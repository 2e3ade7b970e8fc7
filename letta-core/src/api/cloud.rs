//! Operations only Letta Cloud serves: agent search, agent templates and memory variables.
//!
//! They are not part of the self-hosted server (0.7.29 answers them with 404 or 405). Request
//! and answer shapes follow the Python SDK reference and `letta_client` 0.1.324; this client's
//! handling of them is tested against fixtures on a local fake server, not on Letta Cloud.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{AgentSearchFilter, AgentSearchRequest, AgentTemplateCreate, MigrateAgent};
//! let found = client
//!     .agents()
//!     .search(&AgentSearchRequest::builder().search([AgentSearchFilter::name_contains("support")]).limit(10).build())
//!     .await?;
//! let templates = client.agents().templates(&agent);
//! templates.create(&AgentTemplateCreate::builder().project("default-project").build()).await?;
//! templates.create_version(&Default::default()).await?;
//! let migrated = templates
//!     .migrate(&MigrateAgent::builder().to_template("support-bot:2").preserve_core_memories(true).build())
//!     .await?;
//! let variables = client.agents().memory_variables(&agent).await?;
//! # Ok(()) }
//! ```

use super::Agents;
use crate::client::decode;
use crate::ids::AgentId;
use crate::operations as ops;
use crate::types::{
    AgentSearchRequest, AgentSearchResponse, AgentState, AgentTemplateCreate, AgentTemplateVersionCreate,
    MemoryVariables, MigrateAgent, MigrateAgentResponse,
};
use crate::{LettaClient, LettaError};

impl Agents<'_> {
    /// Searches deployed agents (`search_agents`; Letta Cloud only). Page with `after` set to
    /// the previous answer's `next_cursor`.
    pub async fn search(&self, request: &AgentSearchRequest) -> Result<AgentSearchResponse, LettaError> {
        self.client.call(ops::search_agents().json(request)).await
    }

    /// The memory variables of an agent made from a template (`list_memory_variables`; Letta
    /// Cloud only).
    pub async fn memory_variables(&self, agent_id: &AgentId) -> Result<MemoryVariables, LettaError> {
        self.client.call(ops::list_memory_variables(agent_id)).await
    }
}

/// The templates of one agent (Letta Cloud only).
#[derive(Debug, Clone)]
pub struct AgentTemplates<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl AgentTemplates<'_> {
    /// Makes a template from the agent (`create_agent_template`).
    pub async fn create(&self, request: &AgentTemplateCreate) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::create_agent_template(&self.agent_id).json(request))
            .await
            .map(drop)
    }

    /// Saves the agent as a new version of its template, making the template first if the
    /// agent is not one (`create_agent_template_version`). With `return_agent_state` the
    /// answer is the agent's state; otherwise `None`.
    pub async fn create_version(
        &self,
        request: &AgentTemplateVersionCreate,
    ) -> Result<Option<AgentState>, LettaError> {
        let call = ops::create_agent_template_version(&self.agent_id).json(request);
        let path = call.path().unwrap_or_default().to_owned();
        let method = ops::CREATE_AGENT_TEMPLATE_VERSION.http_method();
        let bytes = self.client.call_raw(call).await?;
        if request.return_agent_state == Some(true) {
            decode(&method, &path, &bytes).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Moves the agent to another template version (`migrate_agent`).
    pub async fn migrate(&self, request: &MigrateAgent) -> Result<MigrateAgentResponse, LettaError> {
        if request.to_template.trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "migrate_agent needs to_template, the template version to move to (e.g. \"name:2\")".into(),
            ));
        }
        self.client
            .call(ops::migrate_agent(&self.agent_id).json(request))
            .await
    }
}
