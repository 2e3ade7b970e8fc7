//! Runnable examples: `cargo run -p letta-examples --example <name>`.
//!
//! Each example talks to the server at `LETTA_BASE_URL` when it is set (models from
//! `LETTA_MODEL` / `LETTA_EMBEDDING`, defaults `openai/gpt-4o-mini` and
//! `openai/text-embedding-3-small`). Otherwise it starts the real Letta server locally with the
//! testkit's scripted LLM, which needs no key or network (Letta 0.7.29, or the release
//! `LETTA_SERVER_VERSION` names: `0.16.8`): its agents follow scripts in the
//! messages (`#call <tool> {json}`, `#reply <text>`, else they echo "You said: ...").

use letta_core::LettaClient;
use letta_core::types::agent_create_builder::{
    SetEmbedding, SetEmbeddingConfig, SetLlmConfig, SetModel, SetName,
};
use letta_core::types::{AgentCreate, AgentCreateBuilder, BlockCreate, LlmConfig};
use letta_orchestrator::AgentSpec;
use letta_testkit::llm::ScriptedModels;
use letta_testkit::{LettaRelease, LettaServer};

/// The persona of [`Example::spec`]'s agents.
pub const PERSONA: &str = "I am a concise Letta agent.";

/// The builder [`Example::request`] returns: name and models set.
pub type ExampleRequest =
    AgentCreateBuilder<SetEmbedding<SetModel<SetEmbeddingConfig<SetLlmConfig<SetName>>>>>;

/// The `human` and `persona` blocks of the examples' agents.
pub fn memory(persona: &str) -> [BlockCreate; 2] {
    [
        BlockCreate::new("human", "Name: a Rust developer"),
        BlockCreate::new("persona", persona),
    ]
}

/// A connection for an example: the client, and how it reached a server.
pub struct Example {
    /// The client.
    pub client: LettaClient,
    backend: Backend,
}

/// Where an example's server comes from.
enum Backend {
    /// A server the example started (dropping it stops the server and removes its files).
    Own(LettaServer),
    /// A server with the scripted LLM that another process runs (`letta-testkit-serve`).
    Shared(ScriptedModels),
    /// `LETTA_BASE_URL`, with real models.
    External,
}

/// What `letta-testkit-serve` writes about the server it runs.
#[derive(serde::Deserialize)]
struct SharedServer {
    base_url: String,
    llm_base_url: String,
}

impl Example {
    /// Connects to `LETTA_BASE_URL`; or to the server a `letta-testkit-serve` runs, when
    /// `LETTA_TESTKIT_SERVER` names the file it wrote (how CI runs every example on one server);
    /// or starts a local server.
    pub async fn connect() -> Result<Example, Box<dyn std::error::Error>> {
        let external = std::env::var("LETTA_BASE_URL").ok().filter(|u| !u.is_empty());
        let shared = std::env::var_os("LETTA_TESTKIT_SERVER").filter(|f| !f.is_empty());
        let (client, backend) = match (external, shared) {
            (Some(_), _) => (LettaClient::from_env()?, Backend::External),
            (None, Some(file)) => {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("reading LETTA_TESTKIT_SERVER ({}): {e}", file.to_string_lossy()))?;
                let server: SharedServer = serde_json::from_str(&text)?;
                let client = LettaClient::new(&server.base_url)?;
                (client, Backend::Shared(ScriptedModels::at(server.llm_base_url)))
            }
            (None, None) => {
                eprintln!("starting a local Letta server (the first run installs it, 1-2 minutes)...");
                let release = LettaRelease::from_env()?;
                let server =
                    tokio::task::spawn_blocking(move || LettaServer::start_version(release)).await??;
                (LettaClient::new(server.base_url())?, Backend::Own(server))
            }
        };
        let health = client.health().check().await?;
        eprintln!("connected to Letta {} at {}", health.version, client.base_url());
        Ok(Example { client, backend })
    }

    /// The scripted LLM's models, when the agents run on it (a local or shared test server).
    pub fn scripted_models(&self) -> Option<ScriptedModels> {
        match &self.backend {
            Backend::Own(server) => Some(server.llm().models()),
            Backend::Shared(models) => Some(models.clone()),
            Backend::External => None,
        }
    }

    /// Whether the agents run on the local scripted LLM (so prompts should be scripts).
    pub fn scripted(&self) -> bool {
        !matches!(self.backend, Backend::External)
    }

    /// `script` on the scripted LLM, `natural` on a real model.
    pub fn prompt(&self, script: impl Into<String>, natural: impl Into<String>) -> String {
        if self.scripted() {
            script.into()
        } else {
            natural.into()
        }
    }

    /// An agent spec with this server's models and `human` / `persona` blocks.
    pub fn spec(&self, name: &str) -> AgentSpec {
        self.spec_with_persona(name, PERSONA)
    }

    /// Like [`spec`](Self::spec), with its own persona.
    pub fn spec_with_persona(&self, name: &str, persona: &str) -> AgentSpec {
        self.request(name).memory_blocks(memory(persona)).build().into()
    }

    /// A request for an agent named `name` on this server's models (add memory, tags... then
    /// `build()`): locally the scripted LLM's in full, otherwise the `LETTA_MODEL` and
    /// `LETTA_EMBEDDING` handles.
    pub fn request(&self, name: &str) -> ExampleRequest {
        let chat = std::env::var("LETTA_MODEL").unwrap_or_else(|_| "openai/gpt-4o-mini".into());
        self.request_on(name, self.scripted_models().map(|m| m.llm_config()), chat)
    }

    /// Like [`request`](Self::request), on an Anthropic model: the only kind Letta 0.7.29 puts
    /// in a message batch. Locally that is the scripted LLM's Anthropic emulation; otherwise the
    /// `LETTA_BATCH_MODEL` handle (default `anthropic/claude-3-5-haiku-20241022`).
    pub fn batch_request(&self, name: &str) -> ExampleRequest {
        let chat = std::env::var("LETTA_BATCH_MODEL")
            .unwrap_or_else(|_| "anthropic/claude-3-5-haiku-20241022".into());
        self.request_on(
            name,
            self.scripted_models().map(|m| m.anthropic_llm_config()),
            chat,
        )
    }

    /// A request whose chat model is `local_chat` on the local server, else the handle `chat`.
    fn request_on(&self, name: &str, local_chat: Option<LlmConfig>, chat: String) -> ExampleRequest {
        let models = self.scripted_models();
        let embedding =
            std::env::var("LETTA_EMBEDDING").unwrap_or_else(|_| "openai/text-embedding-3-small".into());
        AgentCreate::builder()
            .name(name)
            .maybe_llm_config(local_chat)
            .maybe_embedding_config(models.as_ref().map(ScriptedModels::embedding_config))
            .maybe_model(models.is_none().then_some(chat))
            .maybe_embedding(models.is_none().then_some(embedding))
    }

    /// The local server, when the example started one (not when it shares one).
    pub fn local_server(&self) -> Option<&LettaServer> {
        match &self.backend {
            Backend::Own(server) => Some(server),
            _ => None,
        }
    }
}
