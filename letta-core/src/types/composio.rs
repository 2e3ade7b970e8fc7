//! Composio apps and actions, as the server relays them from Composio's API.
//!
//! These shapes come from the OpenAPI document of 0.7.29 and the Python SDK; a self-hosted
//! server only answers them with a Composio API key (and network access to Composio), so they
//! are checked against recorded fixtures, not a live server.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::JsonMap;

/// A Composio app (`AppModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppModel {
    /// Display name.
    pub name: String,
    /// Key used to refer to the app (e.g. `github`).
    pub key: String,
    /// Composio's app id.
    #[serde(rename = "appId")]
    pub app_id: String,
    /// What the app is.
    #[serde(default)]
    pub description: String,
    /// Categories.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Composio's metadata of the app; untyped in the server's schema, so free-form JSON.
    #[serde(default)]
    pub meta: JsonMap,
    /// Logo URL.
    #[serde(default)]
    pub logo: Option<String>,
    /// Documentation URL.
    #[serde(default)]
    pub docs: Option<String>,
    /// Group.
    #[serde(default)]
    pub group: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<String>,
    /// Whether the app is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Whether the app needs no authentication.
    #[serde(default)]
    pub no_auth: bool,
    /// How to authenticate with the app.
    #[serde(default)]
    pub auth_schemes: Option<Vec<AppAuthScheme>>,
    /// Test connectors; untyped in the server's schema (Composio's own), so free-form JSON.
    #[serde(default, rename = "testConnectors")]
    pub test_connectors: Option<Vec<JsonMap>>,
    /// Documentation text.
    #[serde(default)]
    pub documentation_doc_text: Option<String>,
    /// Configuration documentation text.
    #[serde(default)]
    pub configuration_docs_text: Option<String>,
}

string_enum! {
    /// How an app authenticates (`AppAuthScheme.auth_mode`).
    AuthMode {
        /// OAuth 2.
        Oauth2 = "OAUTH2",
        /// OAuth 1.
        Oauth1 = "OAUTH1",
        /// An API key.
        ApiKey = "API_KEY",
        /// HTTP basic authentication.
        Basic = "BASIC",
        /// A bearer token.
        BearerToken = "BEARER_TOKEN",
        /// Basic authentication with a JWT.
        BasicWithJwt = "BASIC_WITH_JWT",
        /// A Google service account.
        GoogleServiceAccount = "GOOGLE_SERVICE_ACCOUNT",
        /// Google Ads.
        GoogleadsAuth = "GOOGLEADS_AUTH",
        /// No authentication.
        NoAuth = "NO_AUTH",
        /// Cal.com.
        CalcomAuth = "CALCOM_AUTH",
    }
}

/// One way to authenticate with an app (`AppAuthScheme`). `Debug` hides the client secret.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct AppAuthScheme {
    /// Scheme name.
    pub scheme_name: String,
    /// How the app authenticates.
    pub auth_mode: AuthMode,
    /// Fields the user provides.
    #[serde(default)]
    pub fields: Vec<AuthSchemeField>,
    /// Proxy settings; untyped in the server's schema (Composio's own), so free-form JSON.
    #[serde(default)]
    pub proxy: Option<JsonMap>,
    /// OAuth authorization URL.
    #[serde(default)]
    pub authorization_url: Option<String>,
    /// OAuth token URL.
    #[serde(default)]
    pub token_url: Option<String>,
    /// Default OAuth scopes; their items are untyped in the server's schema.
    #[serde(default)]
    pub default_scopes: Option<Vec<Value>>,
    /// Token response metadata; its items are untyped in the server's schema.
    #[serde(default)]
    pub token_response_metadata: Option<Vec<Value>>,
    /// OAuth client id.
    #[serde(default)]
    pub client_id: Option<String>,
    /// OAuth client secret.
    #[serde(default)]
    pub client_secret: Option<String>,
}

/// A field of an authentication scheme (`AuthSchemeField`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthSchemeField {
    /// Field name.
    pub name: String,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// What the field is.
    #[serde(default)]
    pub description: String,
    /// Field type.
    #[serde(rename = "type")]
    pub field_type: String,
    /// Default value.
    #[serde(default)]
    pub default: Option<String>,
    /// Whether it is required.
    #[serde(default)]
    pub required: bool,
    /// Whether the customer provides it.
    #[serde(default = "default_true")]
    pub expected_from_customer: bool,
    /// Endpoint returning the current user.
    #[serde(default)]
    pub get_current_user_endpoint: Option<String>,
}

fn default_true() -> bool {
    true
}

/// A Composio action, i.e. a tool of an app (`ActionModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionModel {
    /// Action name, e.g. `GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER`; what
    /// `add_composio_tool` takes.
    pub name: String,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// What the action does.
    #[serde(default)]
    pub description: String,
    /// Its parameters, as a JSON schema.
    pub parameters: ActionParametersModel,
    /// Its response, as a JSON schema.
    pub response: ActionResponseModel,
    /// The app's name.
    #[serde(rename = "appName")]
    pub app_name: String,
    /// The app's id.
    #[serde(rename = "appId")]
    pub app_id: String,
    /// Version.
    #[serde(default)]
    pub version: String,
    /// Available versions.
    #[serde(default)]
    pub available_versions: Vec<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Logo URL.
    #[serde(default)]
    pub logo: Option<String>,
    /// Whether the action is enabled.
    #[serde(default)]
    pub enabled: bool,
}

/// A JSON schema of an action's parameters (`ActionParametersModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionParametersModel {
    /// The parameters, as JSON Schema `properties` (a schema, so free-form JSON).
    #[serde(default)]
    pub properties: JsonMap,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Schema type, usually `object`.
    #[serde(rename = "type", default)]
    pub schema_type: String,
    /// Required properties.
    #[serde(default)]
    pub required: Option<Vec<String>>,
    /// Example arguments; the action's own, so free-form JSON.
    #[serde(default)]
    pub examples: Option<Vec<Value>>,
}

/// A JSON schema of an action's response (`ActionResponseModel`); same shape as the parameters.
pub type ActionResponseModel = ActionParametersModel;
