//! Typed agent requests and model configs that point the real server at a [`ScriptedLlm`].

use letta_core::types::agent_create_builder::{
    SetAgentType, SetEmbeddingConfig, SetLlmConfig, SetMemoryBlocks, SetName,
};
use letta_core::types::{
    AgentCreate, AgentCreateBuilder, AgentType, BlockCreate, EmbeddingConfig, LlmConfig, ModelEndpointType,
};

use super::{EMBEDDING_DIM, EMBEDDING_MODEL, MODEL, ScriptedLlm};

/// Context window given to agents on the scripted model: large enough that no test's
/// conversation triggers Letta's summariser.
pub const CONTEXT_WINDOW: u32 = 16384;

/// The `human` block of [`ScriptedLlm::agent_request_with_memory`].
pub const HUMAN: &str = "Name: Ada";

/// The `persona` block of [`ScriptedLlm::agent_request_with_memory`].
pub const PERSONA: &str = "I am a careful test agent.";

/// The model configs of a scripted LLM that runs elsewhere (in another process, such as a
/// `letta-testkit-serve`), known by its base URL: what [`ScriptedLlm::llm_config`] and its
/// siblings give, without owning the LLM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptedModels {
    base_url: String,
}

impl ScriptedModels {
    /// The models of the scripted LLM at `base_url` (its [`ScriptedLlm::base_url`], `.../v1`).
    pub fn at(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
        }
    }

    /// Like [`ScriptedLlm::llm_config`].
    #[must_use]
    pub fn llm_config(&self) -> LlmConfig {
        LlmConfig::openai_compatible(MODEL, self.base_url.clone(), CONTEXT_WINDOW)
    }

    /// Like [`ScriptedLlm::anthropic_llm_config`].
    #[must_use]
    pub fn anthropic_llm_config(&self) -> LlmConfig {
        let mut config = self.llm_config();
        config.model_endpoint_type = ModelEndpointType::Anthropic;
        // Letta's Anthropic client refuses to run without a token limit.
        config.max_tokens = Some(1024);
        config.put_inner_thoughts_in_kwargs = Some(true);
        config
    }

    /// Like [`ScriptedLlm::embedding_config`].
    #[must_use]
    pub fn embedding_config(&self) -> EmbeddingConfig {
        let dim = u32::try_from(EMBEDDING_DIM).expect("the embedding dimension fits in u32");
        EmbeddingConfig::openai_compatible(EMBEDDING_MODEL, self.base_url.clone(), dim)
    }
}

impl ScriptedLlm {
    /// This LLM's model configs, as a value that outlives it or travels to another process.
    #[must_use]
    pub fn models(&self) -> ScriptedModels {
        ScriptedModels::at(self.base_url())
    }

    /// The chat model config for this LLM (OpenAI endpoint type, [`MODEL`], [`CONTEXT_WINDOW`]).
    #[must_use]
    pub fn llm_config(&self) -> LlmConfig {
        self.models().llm_config()
    }

    /// The chat model config for this LLM's Anthropic emulation: the only kind of agent Letta
    /// 0.7.x puts in a message batch. The server's Anthropic SDK reaches the emulation through
    /// `ANTHROPIC_BASE_URL` (set by [`LettaServer`](crate::LettaServer)), whatever
    /// `model_endpoint` says.
    #[must_use]
    pub fn anthropic_llm_config(&self) -> LlmConfig {
        self.models().anthropic_llm_config()
    }

    /// The embedding config for this LLM ([`EMBEDDING_MODEL`], [`EMBEDDING_DIM`] dimensions).
    #[must_use]
    pub fn embedding_config(&self) -> EmbeddingConfig {
        self.models().embedding_config()
    }

    /// A request for an agent named `name` whose chat model and embeddings are this LLM, with
    /// no memory blocks; everything else takes the server's defaults. It is a builder, so a test
    /// adds what it needs (`.tags([..])`, `.tool_ids([..])`, ...) before `.build()`.
    pub fn agent_request(&self, name: impl Into<String>) -> ScriptedAgentRequest {
        AgentCreate::builder()
            .name(name)
            .llm_config(self.llm_config())
            .embedding_config(self.embedding_config())
    }

    /// Like [`agent_request`](Self::agent_request), on this LLM's Anthropic emulation
    /// ([`anthropic_llm_config`](Self::anthropic_llm_config)): the only kind of agent 0.7.x puts
    /// in a message batch.
    pub fn anthropic_agent_request(&self, name: impl Into<String>) -> ScriptedAgentRequest {
        AgentCreate::builder()
            .name(name)
            .llm_config(self.anthropic_llm_config())
            .embedding_config(self.embedding_config())
    }

    /// Like [`agent_request`](Self::agent_request), with a `human` block holding [`HUMAN`] and a
    /// `persona` block holding [`PERSONA`], which memory tests read back.
    pub fn agent_request_with_memory(&self, name: impl Into<String>) -> ScriptedAgentRequestWithMemory {
        self.agent_request(name).memory_blocks(memory_blocks())
    }

    /// A request for a `letta_v1_agent` named `name` on this LLM, for Letta 0.16.8 (where that
    /// agent type is the default; 0.7.29 does not know it). Such an agent has no `send_message`
    /// tool: the scripted model's plain text is its reply (an `assistant_message`), and it calls
    /// a tool only when a message says `#call <tool> <json>`. A builder, like
    /// [`agent_request`](Self::agent_request).
    pub fn v1_agent_request(&self, name: impl Into<String>) -> ScriptedV1AgentRequest {
        self.agent_request(name).agent_type(letta_v1_agent())
    }

    /// Like [`v1_agent_request`](Self::v1_agent_request), with the memory blocks of
    /// [`agent_request_with_memory`](Self::agent_request_with_memory).
    pub fn v1_agent_request_with_memory(&self, name: impl Into<String>) -> ScriptedV1AgentRequestWithMemory {
        self.v1_agent_request(name).memory_blocks(memory_blocks())
    }
}

/// The agent type `letta_v1_agent` (Letta 0.16.8's default).
fn letta_v1_agent() -> AgentType {
    // Parsed rather than named: a client that knows the type gives its own variant, one that
    // does not keeps the name as an unknown value; both send `"letta_v1_agent"`.
    match "letta_v1_agent".parse() {
        Ok(agent_type) => agent_type,
        Err(never) => match never {},
    }
}

/// The `human` block holding [`HUMAN`] and the `persona` block holding [`PERSONA`] of
/// [`ScriptedLlm::agent_request_with_memory`], for requests built otherwise.
#[must_use]
pub fn memory_blocks() -> [BlockCreate; 2] {
    [
        BlockCreate::new("human", HUMAN),
        BlockCreate::new("persona", PERSONA),
    ]
}

/// The builder [`ScriptedLlm::agent_request`] returns: name, chat model and embeddings set.
pub type ScriptedAgentRequest = AgentCreateBuilder<SetEmbeddingConfig<SetLlmConfig<SetName>>>;

/// The builder [`ScriptedLlm::agent_request_with_memory`] returns: also its memory blocks set.
pub type ScriptedAgentRequestWithMemory =
    AgentCreateBuilder<SetMemoryBlocks<SetEmbeddingConfig<SetLlmConfig<SetName>>>>;

/// The builder [`ScriptedLlm::v1_agent_request`] returns: name, chat model, embeddings and the
/// agent type `letta_v1_agent` set.
pub type ScriptedV1AgentRequest = AgentCreateBuilder<SetAgentType<SetEmbeddingConfig<SetLlmConfig<SetName>>>>;

/// The builder [`ScriptedLlm::v1_agent_request_with_memory`] returns: also its memory blocks set.
pub type ScriptedV1AgentRequestWithMemory =
    AgentCreateBuilder<SetMemoryBlocks<SetAgentType<SetEmbeddingConfig<SetLlmConfig<SetName>>>>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_requests_point_both_models_at_the_scripted_llm() {
        let llm = ScriptedLlm::start().unwrap();
        let request = llm.agent_request_with_memory("ada").build();
        assert_eq!(request.name.as_deref(), Some("ada"));
        let chat = request.llm_config.unwrap();
        assert_eq!(chat.model, MODEL);
        assert_eq!(chat.model_endpoint_type, ModelEndpointType::Openai);
        assert_eq!(chat.model_endpoint, Some(llm.base_url()));
        assert_eq!(chat.context_window, CONTEXT_WINDOW);
        let embedding = request.embedding_config.unwrap();
        assert_eq!(embedding.embedding_model, EMBEDDING_MODEL);
        assert_eq!(embedding.embedding_endpoint, Some(llm.base_url()));
        assert_eq!(embedding.embedding_dim, 1536);
        let blocks: Vec<_> = request
            .memory_blocks
            .unwrap()
            .into_iter()
            .map(|b| (b.label, b.value))
            .collect();
        assert_eq!(
            blocks,
            [
                ("human".to_owned(), HUMAN.to_owned()),
                ("persona".to_owned(), PERSONA.to_owned())
            ]
        );
        assert_eq!(llm.agent_request("bare").build().memory_blocks, None);
        assert_eq!(
            llm.anthropic_llm_config().model_endpoint_type,
            ModelEndpointType::Anthropic
        );
        let v1 = serde_json::to_value(llm.v1_agent_request_with_memory("v1").build()).unwrap();
        assert_eq!(v1["agent_type"], "letta_v1_agent");
        assert_eq!(v1["llm_config"]["model_endpoint"], llm.base_url());
        assert_eq!(v1["memory_blocks"][0]["value"], HUMAN);
    }
}
