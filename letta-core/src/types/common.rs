//! Model configuration shared by agents, sources and passages.

use serde::{Deserialize, Serialize};

string_enum! {
    /// Which API style the server uses to reach a chat model.
    ModelEndpointType {
        /// OpenAI and OpenAI-compatible endpoints.
        Openai = "openai",
        /// Anthropic.
        Anthropic = "anthropic",
        /// Cohere.
        Cohere = "cohere",
        /// Google AI.
        GoogleAi = "google_ai",
        /// Google Vertex.
        GoogleVertex = "google_vertex",
        /// Azure OpenAI.
        Azure = "azure",
        /// Groq.
        Groq = "groq",
        /// Ollama.
        Ollama = "ollama",
        /// text-generation-webui.
        Webui = "webui",
        /// text-generation-webui, legacy API.
        WebuiLegacy = "webui-legacy",
        /// LM Studio.
        Lmstudio = "lmstudio",
        /// LM Studio, legacy API.
        LmstudioLegacy = "lmstudio-legacy",
        /// LM Studio chat completions.
        LmstudioChatcompletions = "lmstudio-chatcompletions",
        /// llama.cpp.
        Llamacpp = "llamacpp",
        /// KoboldCpp.
        Koboldcpp = "koboldcpp",
        /// vLLM.
        Vllm = "vllm",
        /// Hugging Face.
        HuggingFace = "hugging-face",
        /// Mistral.
        Mistral = "mistral",
        /// Together.
        Together = "together",
        /// AWS Bedrock.
        Bedrock = "bedrock",
        /// DeepSeek.
        Deepseek = "deepseek",
        /// xAI.
        Xai = "xai",
        /// Baseten (0.16).
        Baseten = "baseten",
        /// ChatGPT through OAuth (0.16).
        ChatgptOauth = "chatgpt_oauth",
        /// Fireworks (0.16).
        Fireworks = "fireworks",
        /// MiniMax (0.16).
        Minimax = "minimax",
        /// OpenRouter (0.16).
        Openrouter = "openrouter",
        /// Z.ai (0.16).
        Zai = "zai",
        /// Z.ai's coding plan (0.16).
        ZaiCoding = "zai_coding",
    }
}

string_enum! {
    /// Which API style the server uses to reach an embedding model.
    EmbeddingEndpointType {
        /// OpenAI and OpenAI-compatible endpoints.
        Openai = "openai",
        /// Anthropic.
        Anthropic = "anthropic",
        /// AWS Bedrock.
        Bedrock = "bedrock",
        /// Cohere.
        Cohere = "cohere",
        /// Google AI.
        GoogleAi = "google_ai",
        /// Google Vertex.
        GoogleVertex = "google_vertex",
        /// Azure OpenAI.
        Azure = "azure",
        /// Groq.
        Groq = "groq",
        /// Ollama.
        Ollama = "ollama",
        /// text-generation-webui.
        Webui = "webui",
        /// text-generation-webui, legacy API.
        WebuiLegacy = "webui-legacy",
        /// LM Studio.
        Lmstudio = "lmstudio",
        /// LM Studio, legacy API.
        LmstudioLegacy = "lmstudio-legacy",
        /// llama.cpp.
        Llamacpp = "llamacpp",
        /// KoboldCpp.
        Koboldcpp = "koboldcpp",
        /// vLLM.
        Vllm = "vllm",
        /// Hugging Face.
        HuggingFace = "hugging-face",
        /// Mistral.
        Mistral = "mistral",
        /// Together.
        Together = "together",
        /// Pinecone's hosted embeddings (0.16).
        Pinecone = "pinecone",
    }
}

string_enum! {
    /// Whether a provider is built in or brought by the user.
    ProviderCategory {
        /// Configured on the server.
        Base = "base",
        /// Bring-your-own-key.
        Byok = "byok",
    }
}

string_enum! {
    /// How hard a reasoning model thinks (`LLMConfig.reasoning_effort`).
    ReasoningEffort {
        /// Low.
        Low = "low",
        /// Medium.
        Medium = "medium",
        /// High.
        High = "high",
        /// No reasoning (0.16).
        None = "none",
        /// Minimal (0.16).
        Minimal = "minimal",
        /// Extra high (0.16).
        Xhigh = "xhigh",
    }
}

/// How an agent reaches its chat model (`LLMConfig`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LlmConfig {
    /// Model name, e.g. `gpt-4o-mini`.
    pub model: String,
    /// API style of the endpoint.
    pub model_endpoint_type: ModelEndpointType,
    /// Base URL of the endpoint, e.g. `https://api.openai.com/v1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_endpoint: Option<String>,
    /// Context window in tokens.
    pub context_window: u32,
    /// Provider name, when the model came from a configured provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<String>,
    /// Provider category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_category: Option<ProviderCategory>,
    /// Prompt wrapper for local models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_wrapper: Option<String>,
    /// Put the model's reasoning in an `inner_thoughts` argument of each tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub put_inner_thoughts_in_kwargs: Option<bool>,
    /// The `provider/model` handle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Sampling temperature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Maximum tokens to generate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    /// Use the model's native reasoning, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_reasoner: Option<bool>,
    /// Reasoning effort (`low`, `medium`, `high`) for models that take one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// Token budget for native reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_reasoning_tokens: Option<u32>,
    /// The model's display name (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Frequency penalty (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_penalty: Option<f64>,
    /// Whether the model may call tools in parallel (0.16; deprecated by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    /// The response format asked of the model (0.16; kept as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_format: Option<serde_json::Value>,
    /// Whether token log probabilities are returned (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_logprobs: Option<bool>,
    /// Whether token IDs are returned (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_token_ids: Option<bool>,
    /// How many top log probabilities per token (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<u32>,
    /// Whether tool schemas are sent in strict mode (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
    /// The model's tier (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// The parser of tool calls for local models (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_parser: Option<String>,
    /// Effort (`low`, `medium`, `high`, `max`) for models that take one (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<String>,
    /// Verbosity (`low`, `medium`, `high`) for models that take one (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbosity: Option<String>,
    /// The local model's format, `gguf` or `mlx` (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compatibility_type: Option<String>,
}

impl LlmConfig {
    /// An OpenAI-compatible model at `endpoint` (e.g. `http://127.0.0.1:8000/v1`).
    pub fn openai_compatible(
        model: impl Into<String>,
        endpoint: impl Into<String>,
        context_window: u32,
    ) -> Self {
        Self {
            model: model.into(),
            model_endpoint_type: ModelEndpointType::Openai,
            model_endpoint: Some(endpoint.into()),
            context_window,
            provider_name: None,
            provider_category: None,
            model_wrapper: None,
            put_inner_thoughts_in_kwargs: None,
            handle: None,
            temperature: None,
            max_tokens: None,
            enable_reasoner: None,
            reasoning_effort: None,
            max_reasoning_tokens: None,
            display_name: None,
            frequency_penalty: None,
            parallel_tool_calls: None,
            response_format: None,
            return_logprobs: None,
            return_token_ids: None,
            top_logprobs: None,
            strict: None,
            tier: None,
            tool_call_parser: None,
            effort: None,
            verbosity: None,
            compatibility_type: None,
        }
    }
}

/// How text is embedded for archival memory and sources (`EmbeddingConfig`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingConfig {
    /// Model name, e.g. `text-embedding-3-small`.
    pub embedding_model: String,
    /// API style of the endpoint.
    pub embedding_endpoint_type: EmbeddingEndpointType,
    /// Base URL of the endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_endpoint: Option<String>,
    /// Vector dimension.
    pub embedding_dim: u32,
    /// Characters per chunk when splitting documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_chunk_size: Option<u32>,
    /// The `provider/model` handle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Azure endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure_endpoint: Option<String>,
    /// Azure API version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure_version: Option<String>,
    /// Azure deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure_deployment: Option<String>,
    /// Texts per embedding request (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<u32>,
}

impl EmbeddingConfig {
    /// An OpenAI-compatible embedding model at `endpoint`.
    pub fn openai_compatible(model: impl Into<String>, endpoint: impl Into<String>, dim: u32) -> Self {
        Self {
            embedding_model: model.into(),
            embedding_endpoint_type: EmbeddingEndpointType::Openai,
            embedding_endpoint: Some(endpoint.into()),
            embedding_dim: dim,
            embedding_chunk_size: Some(300),
            handle: None,
            azure_endpoint: None,
            azure_version: None,
            azure_deployment: None,
            batch_size: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_endpoint_type_is_kept() {
        let t: ModelEndpointType = serde_json::from_str("\"future-provider\"").unwrap();
        assert_eq!(t, ModelEndpointType::Other("future-provider".into()));
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"future-provider\"");
        let t: ModelEndpointType = serde_json::from_str("\"hugging-face\"").unwrap();
        assert_eq!(t, ModelEndpointType::HuggingFace);
    }

    #[test]
    fn llm_config_sends_only_what_is_set() {
        let c = LlmConfig::openai_compatible("m", "http://x/v1", 8192);
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"model":"m","model_endpoint_type":"openai","model_endpoint":"http://x/v1","context_window":8192})
        );
    }
}
