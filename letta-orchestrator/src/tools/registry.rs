//! A set of Rust tools: registered on a server, served by a host, attached to agents.

use std::collections::BTreeMap;
use std::sync::Arc;

use letta_core::rust_tool::{LettaTool, ToolDefinition};
use letta_core::types::{AgentCreate, AgentState, AgentUpdate, Tool, ToolCreate};
use letta_core::{ApiLevel, LettaClient, LettaError};

use super::host::{ToolHost, ToolHostConfig, ToolHostError};
use crate::handle::AgentHandle;
use crate::spec::AgentSpec;

/// Rust tools to give agents.
///
/// ```no_run
/// use letta_orchestrator::letta_tool;
/// use letta_orchestrator::tools::{ToolHostConfig, ToolRegistry};
///
/// /// Greets someone by name.
/// #[letta_tool]
/// fn greet(name: String) -> String {
///     format!("Hello, {name}!")
/// }
///
/// # async fn run(agent: letta_orchestrator::AgentHandle) -> Result<(), Box<dyn std::error::Error>> {
/// let registry = ToolRegistry::new().with(GreetTool); // GreetTool: made by #[letta_tool]
/// let host = registry.serve(ToolHostConfig::default()).await?; // keep it alive
/// registry.attach(&agent, &host).await?; // registers (upsert: safe to repeat), then attaches
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
pub struct ToolRegistry {
    tools: Vec<Arc<dyn LettaTool>>,
}

impl std::fmt::Debug for ToolRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolRegistry")
            .field("tools", &self.names())
            .finish()
    }
}

impl ToolRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The registry with `tool` added.
    pub fn with(mut self, tool: impl LettaTool) -> Self {
        self.add(Arc::new(tool));
        self
    }

    /// Adds a tool.
    pub fn add(&mut self, tool: Arc<dyn LettaTool>) {
        self.tools.push(tool);
    }

    /// The tools' definitions.
    pub fn definitions(&self) -> Vec<ToolDefinition> {
        self.tools.iter().map(|t| t.definition()).collect()
    }

    /// The tool named `name`.
    pub(super) fn tool(&self, name: &str) -> Option<Arc<dyn LettaTool>> {
        self.tools.iter().find(|t| t.definition().name == name).cloned()
    }

    /// The tools' names.
    pub fn names(&self) -> Vec<String> {
        self.tools.iter().map(|t| t.definition().name).collect()
    }

    /// Starts a host that runs these tools. Keep it alive while agents may call them.
    pub async fn serve(&self, config: ToolHostConfig) -> Result<ToolHost, ToolHostError> {
        ToolHost::start(self.tools.iter().cloned(), config).await
    }

    /// Creates or updates each tool's stub on the server (idempotent); returns the server's
    /// tools, in order. A tool whose stub cannot be made (a name Python cannot take) is
    /// [`LettaError::InvalidInput`], before anything is sent.
    ///
    /// Letta 0.7 derives each tool's schema from its stub, and adds `request_heartbeat`;
    /// Letta 0.16 is given the schema ([`ToolDefinition::letta_json_schema`]): its static
    /// parser reads a `Literal` of several values as one string and fails on any pydantic
    /// parameter (`letta/functions/functions.py`, `schema_generator.py` in 0.16.8).
    pub async fn register(&self, client: &LettaClient) -> Result<Vec<Tool>, LettaError> {
        let derives_schema = client.api_level().await? == ApiLevel::V0_7;
        // Every stub is made before anything is sent, so a bad tool registers nothing.
        let mut creates = Vec::with_capacity(self.tools.len());
        for definition in self.definitions() {
            let stub = definition.python_stub().map_err(|error| {
                LettaError::InvalidInput(format!(
                    "tool `{}` cannot be registered: {error}; nothing was registered",
                    definition.name
                ))
            })?;
            let mut create = ToolCreate::python(stub);
            if !definition.tags.is_empty() {
                create.tags = Some(definition.tags.clone());
            }
            create.return_char_limit = definition.return_char_limit;
            if !derives_schema {
                create.json_schema = definition.letta_json_schema().as_object().cloned();
            }
            creates.push(create);
        }
        let mut registered = Vec::with_capacity(creates.len());
        for create in &creates {
            let tool = match client.tools().upsert(create).await {
                // 0.7.29's upsert is not atomic: two at once for a new name, and one of them
                // violates the unique name. The tool exists now, so the upsert updates it.
                Err(LettaError::Api { status, .. }) if status.as_u16() == 409 => {
                    client.tools().upsert(create).await?
                }
                other => other?,
            };
            registered.push(tool);
        }
        Ok(registered)
    }

    /// Registers the tools (upsert) and attaches them to `agent`, with the environment its
    /// stubs need to reach `host` (merged into the agent's tool environment variables).
    pub async fn attach(&self, agent: &AgentHandle, host: &ToolHost) -> Result<AgentState, LettaError> {
        let tools = self.register(agent.client()).await?;
        let state = agent.state().await?;
        let mut environment: BTreeMap<String, String> = state
            .tool_exec_environment_variables
            .iter()
            .map(|v| (v.key.clone(), v.value.clone()))
            .collect();
        environment.extend(host.environment());
        let update = AgentUpdate::builder()
            .tool_exec_environment_variables(environment)
            .build();
        let mut state = agent.client().agents().modify(agent.id(), &update).await?;
        for tool in &tools {
            if !state.tools.iter().any(|t| t.id == tool.id) {
                state = agent.attach_tool(&tool.id).await?;
            }
        }
        Ok(state)
    }

    /// Registers the tools (upsert) and returns `spec` with them (by ID) and the environment
    /// its stubs need to reach `host`: one call before [`AgentSpec::create`] or
    /// [`AgentSpec::ensure`].
    pub async fn attach_to_spec(
        &self,
        client: &LettaClient,
        mut spec: AgentSpec,
        host: &ToolHost,
    ) -> Result<AgentSpec, LettaError> {
        let tools = self.register(client).await?;
        let request = spec.request_mut();
        request
            .tool_ids
            .get_or_insert_with(Vec::new)
            .extend(tools.into_iter().map(|tool| tool.id));
        add_environment(request, host);
        Ok(spec)
    }

    /// `spec` with these tools (by name: [`register`](Self::register) them before creating the
    /// agent) and the environment its stubs need to reach `host`.
    pub fn add_to_spec(&self, mut spec: AgentSpec, host: &ToolHost) -> AgentSpec {
        let request = spec.request_mut();
        request.tools.get_or_insert_with(Vec::new).extend(self.names());
        add_environment(request, host);
        spec
    }
}

/// Adds the environment `host`'s stubs need to the agent's tool variables.
fn add_environment(request: &mut AgentCreate, host: &ToolHost) {
    request
        .tool_exec_environment_variables
        .get_or_insert_with(Default::default)
        .extend(host.environment());
}
