//! LLM providers (bring-your-own-key) and the models they offer.
//!
//! Provider records carry API keys, so their `Debug` output redacts them.

use serde::{Deserialize, Serialize};

use super::{ProviderCategory, Timestamp};
use crate::ids::{OrganizationId, ProviderId};

string_enum! {
    /// The kind of an LLM provider (`ProviderType`).
    ProviderType {
        /// Anthropic.
        Anthropic = "anthropic",
        /// AWS Bedrock.
        Bedrock = "bedrock",
        /// Google AI (Gemini).
        GoogleAi = "google_ai",
        /// Google Vertex.
        GoogleVertex = "google_vertex",
        /// OpenAI and OpenAI-compatible endpoints.
        Openai = "openai",
        /// Letta's hosted free models.
        Letta = "letta",
        /// DeepSeek.
        Deepseek = "deepseek",
        /// LM Studio's OpenAI-compatible API.
        LmstudioOpenai = "lmstudio_openai",
        /// xAI.
        Xai = "xai",
        /// Mistral.
        Mistral = "mistral",
        /// Ollama.
        Ollama = "ollama",
        /// Groq.
        Groq = "groq",
        /// Together.
        Together = "together",
        /// Azure OpenAI.
        Azure = "azure",
        /// vLLM.
        Vllm = "vllm",
        /// Baseten (0.16).
        Baseten = "baseten",
        /// Cerebras (0.16).
        Cerebras = "cerebras",
        /// ChatGPT through OAuth (0.16).
        ChatgptOauth = "chatgpt_oauth",
        /// Fireworks (0.16).
        Fireworks = "fireworks",
        /// Hugging Face (0.16).
        HuggingFace = "hugging-face",
        /// MiniMax (0.16).
        Minimax = "minimax",
        /// OpenRouter (0.16).
        Openrouter = "openrouter",
        /// SGLang (0.16).
        Sglang = "sglang",
        /// Z.ai (0.16).
        Zai = "zai",
        /// Z.ai's coding plan (0.16).
        ZaiCoding = "zai_coding",
    }
}

/// A provider record (`Provider`): the server's base providers and the ones users added.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    /// The id of the provider (set for stored, bring-your-own-key providers).
    #[serde(default)]
    pub id: Option<ProviderId>,
    /// The name of the provider.
    pub name: String,
    /// The type of the provider.
    pub provider_type: ProviderType,
    /// The category of the provider (base or byok).
    pub provider_category: ProviderCategory,
    /// API key used for requests to the provider (0.7.29 returns it in clear text).
    #[serde(default)]
    pub api_key: Option<String>,
    /// Base URL for the provider.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The organization id of the user.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// The last update timestamp of the provider.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// Access key used for requests to the provider (0.16, e.g. Bedrock; deprecated by the
    /// server for `access_key_enc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
    /// Region used for requests to the provider (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// API version used for requests to the provider (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// When the provider's models were last synced (0.16).
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_synced: Option<Timestamp>,
    /// The API key as the server stores it, encrypted (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_enc: Option<String>,
    /// The access key as the server stores it, encrypted (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_enc: Option<String>,
}

/// A new bring-your-own-key provider (`ProviderCreate`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderCreate {
    /// The name of the provider.
    pub name: String,
    /// The type of the provider (required; optional here only so the request has a default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_type: Option<ProviderType>,
    /// API key used for requests to the provider.
    pub api_key: String,
    /// Where the provider's API is, for an OpenAI-compatible server of your own (0.16: 0.7.x
    /// rejects the field, so the client refuses it for a 0.7.x server before sending). Unset,
    /// the provider's public API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

impl ProviderCreate {
    /// A provider of `provider_type` reached with `api_key`.
    pub fn new(name: impl Into<String>, provider_type: ProviderType, api_key: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            provider_type: Some(provider_type),
            api_key: api_key.into(),
            base_url: None,
        }
    }

    /// The same provider, reached at `base_url` (0.16).
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    pub(crate) fn validate(&self) -> Result<(), crate::LettaError> {
        if self.name.trim().is_empty() || self.provider_type.is_none() || self.api_key.is_empty() {
            return Err(crate::LettaError::InvalidInput(
                "a provider needs a name, a provider_type and an api_key (ProviderCreate::new)".into(),
            ));
        }
        Ok(())
    }
}

/// A provider's new API key (`ProviderUpdate`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderUpdate {
    /// API key used for requests to the provider.
    pub api_key: String,
}

impl ProviderUpdate {
    /// Replaces the provider's API key with `api_key`.
    pub fn new(api_key: impl Into<String>) -> Self {
        Self {
            api_key: api_key.into(),
        }
    }
}

/// The answer of `GET /v1/providers/check` for a valid key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderCheck {
    /// What the server said, e.g. `Valid api key for provider_type=openai`.
    #[serde(default)]
    pub message: String,
}

/// Filters for `GET /v1/providers/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListProvidersParams {
    /// Only the provider with this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only providers of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_type: Option<ProviderType>,
    /// Cursor: providers after this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// Filters for `GET /v1/models/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListModelsParams {
    /// Only models of providers in these categories (`base`, `byok`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<ProviderCategory>>| items.into_iter().map(Into::into).collect())]
    pub provider_category: Vec<ProviderCategory>,
    /// Only models of the provider with this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<String>,
    /// Only models of providers of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_type: Option<ProviderType>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_never_show_in_debug() {
        let create = ProviderCreate::new("mine", ProviderType::Openai, "sk-very-secret");
        assert!(!format!("{create:?}").contains("very-secret"));
        let provider: Provider = serde_json::from_value(serde_json::json!({
            "id": "provider-1", "name": "mine", "provider_type": "openai",
            "provider_category": "byok", "api_key": "sk-very-secret"
        }))
        .unwrap();
        assert!(!format!("{provider:?}").contains("very-secret"));
        assert_eq!(provider.api_key.as_deref(), Some("sk-very-secret"));
        let update = ProviderUpdate {
            api_key: "sk-very-secret".into(),
        };
        assert!(!format!("{update:?}").contains("very-secret"));
    }

    #[test]
    fn model_filters_repeat_the_category() {
        let params = ListModelsParams {
            provider_category: vec![ProviderCategory::Base, ProviderCategory::Byok],
            provider_type: Some(ProviderType::Openai),
            ..Default::default()
        };
        let request = crate::operations::list_models().query(&params);
        assert_eq!(
            request.query_string(),
            "provider_category=base&provider_category=byok&provider_type=openai"
        );
    }
}
