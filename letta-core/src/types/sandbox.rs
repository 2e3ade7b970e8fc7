//! Tool sandboxes: where the server runs tool code, and the environment variables tools see.
//!
//! An organization has at most one configuration per sandbox type: creating a configuration
//! of a type that exists updates that one.

use serde::{Deserialize, Serialize};

use super::{JsonMap, Timestamp};
use crate::ids::{OrganizationId, SandboxConfigId, SandboxEnvVarId, UserId};

string_enum! {
    /// Where tools run (`SandboxType`).
    SandboxType {
        /// On the server itself, in a subprocess.
        Local = "local",
        /// In an E2B cloud sandbox.
        E2b = "e2b",
        /// In a Modal sandbox (0.16).
        Modal = "modal",
    }
}

/// A Python package for a local sandbox's virtual environment (`PipRequirement`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PipRequirement {
    /// Name of the pip package.
    pub name: String,
    /// Optional version of the package, following semantic versioning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// Settings of the local sandbox (`LocalSandboxConfig`).
///
/// `use_venv` and `venv_name` are always sent, so the server cannot mistake these settings for
/// E2B ones (its request schema is an untagged union).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct LocalSandboxConfig {
    /// Directory for the sandbox environment (server default `~/.letta/tool_execution_dir`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox_dir: Option<String>,
    /// Whether to run tools in a virtual environment rather than the server's own Python.
    #[serde(default)]
    #[builder(default)]
    pub use_venv: bool,
    /// The name of the venv in the sandbox directory.
    #[serde(default = "default_venv_name")]
    #[builder(default = default_venv_name())]
    pub venv_name: String,
    /// Packages to install into the venv; only considered when `use_venv` is true.
    #[serde(default)]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<PipRequirement>>| items.into_iter().map(Into::into).collect())]
    pub pip_requirements: Vec<PipRequirement>,
}

fn default_venv_name() -> String {
    "venv".to_owned()
}

impl Default for LocalSandboxConfig {
    fn default() -> Self {
        Self {
            sandbox_dir: None,
            use_venv: false,
            venv_name: default_venv_name(),
            pip_requirements: Vec::new(),
        }
    }
}

/// Settings of the E2B sandbox (`E2BSandboxConfig`).
///
/// `timeout` is always sent, so the server cannot mistake these settings for local ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct E2bSandboxConfig {
    /// Time limit for the sandbox, in seconds (server default 300).
    #[serde(default = "default_e2b_timeout")]
    #[builder(default = default_e2b_timeout())]
    pub timeout: u32,
    /// The E2B template id (docker image).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Packages to install in the sandbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub pip_requirements: Option<Vec<String>>,
}

fn default_e2b_timeout() -> u32 {
    300
}

impl Default for E2bSandboxConfig {
    fn default() -> Self {
        Self {
            timeout: default_e2b_timeout(),
            template: None,
            pip_requirements: None,
        }
    }
}

/// Settings of a Modal sandbox (`ModalSandboxConfig`; newer servers only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ModalSandboxConfig {
    /// Time limit for the sandbox, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u32>,
    /// Python packages to install.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub pip_requirements: Option<Vec<String>>,
    /// npm packages to install.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub npm_requirements: Option<Vec<String>>,
    /// Tool language (`python`, `typescript`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The `config` of a stored sandbox configuration, typed by its `type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SandboxSettings {
    /// A local sandbox.
    Local(LocalSandboxConfig),
    /// An E2B sandbox.
    E2b(E2bSandboxConfig),
    /// A Modal sandbox.
    Modal(ModalSandboxConfig),
    /// A type this client does not know, or settings that do not fit their type; kept as sent.
    Other(JsonMap),
}

impl SandboxSettings {
    fn from_wire(sandbox_type: &SandboxType, config: JsonMap) -> Self {
        fn typed<T: serde::de::DeserializeOwned>(config: &JsonMap) -> Option<T> {
            serde_json::from_value(serde_json::Value::Object(config.clone())).ok()
        }
        let parsed = match sandbox_type {
            SandboxType::Local => typed(&config).map(SandboxSettings::Local),
            SandboxType::E2b => typed(&config).map(SandboxSettings::E2b),
            SandboxType::Modal => typed(&config).map(SandboxSettings::Modal),
            SandboxType::Other(_) => None,
        };
        parsed.unwrap_or(SandboxSettings::Other(config))
    }

    fn to_wire(&self) -> JsonMap {
        let value = match self {
            SandboxSettings::Local(c) => serde_json::to_value(c),
            SandboxSettings::E2b(c) => serde_json::to_value(c),
            SandboxSettings::Modal(c) => serde_json::to_value(c),
            SandboxSettings::Other(map) => return map.clone(),
        };
        match value {
            Ok(serde_json::Value::Object(map)) => map,
            _ => JsonMap::new(),
        }
    }
}

/// A stored sandbox configuration (`SandboxConfig`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawSandboxConfig", into = "RawSandboxConfig")]
pub struct SandboxConfig {
    /// The human-friendly ID of the sandbox configuration.
    pub id: SandboxConfigId,
    /// The type of sandbox.
    pub sandbox_type: SandboxType,
    /// The sandbox settings (`config` on the wire), typed by `sandbox_type`.
    pub config: SandboxSettings,
    /// The organization the configuration belongs to.
    pub organization_id: Option<OrganizationId>,
    /// The id of the user that made this object.
    pub created_by_id: Option<UserId>,
    /// The id of the user that last changed this object.
    pub last_updated_by_id: Option<UserId>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    pub updated_at: Option<Timestamp>,
}

/// `SandboxConfig` as it is on the wire: `type` plus an untyped `config` object.
#[derive(Serialize, Deserialize)]
struct RawSandboxConfig {
    id: SandboxConfigId,
    #[serde(rename = "type", default = "default_sandbox_type")]
    sandbox_type: SandboxType,
    #[serde(default)]
    config: JsonMap,
    #[serde(default)]
    organization_id: Option<OrganizationId>,
    #[serde(default)]
    created_by_id: Option<UserId>,
    #[serde(default)]
    last_updated_by_id: Option<UserId>,
    #[serde(default, with = "super::time::optional")]
    created_at: Option<Timestamp>,
    #[serde(default, with = "super::time::optional")]
    updated_at: Option<Timestamp>,
}

fn default_sandbox_type() -> SandboxType {
    SandboxType::Local
}

impl From<RawSandboxConfig> for SandboxConfig {
    fn from(raw: RawSandboxConfig) -> Self {
        Self {
            config: SandboxSettings::from_wire(&raw.sandbox_type, raw.config),
            id: raw.id,
            sandbox_type: raw.sandbox_type,
            organization_id: raw.organization_id,
            created_by_id: raw.created_by_id,
            last_updated_by_id: raw.last_updated_by_id,
            created_at: raw.created_at,
            updated_at: raw.updated_at,
        }
    }
}

impl From<SandboxConfig> for RawSandboxConfig {
    fn from(config: SandboxConfig) -> Self {
        Self {
            config: config.config.to_wire(),
            id: config.id,
            sandbox_type: config.sandbox_type,
            organization_id: config.organization_id,
            created_by_id: config.created_by_id,
            last_updated_by_id: config.last_updated_by_id,
            created_at: config.created_at,
            updated_at: config.updated_at,
        }
    }
}

impl SandboxConfig {
    /// The local settings, when this is a local sandbox.
    pub fn local(&self) -> Option<&LocalSandboxConfig> {
        match &self.config {
            SandboxSettings::Local(c) => Some(c),
            _ => None,
        }
    }

    /// The E2B settings, when this is an E2B sandbox.
    pub fn e2b(&self) -> Option<&E2bSandboxConfig> {
        match &self.config {
            SandboxSettings::E2b(c) => Some(c),
            _ => None,
        }
    }
}

/// Settings to store: local or E2B (the kinds 0.7.29 accepts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SandboxConfigInput {
    /// Local sandbox settings.
    Local(LocalSandboxConfig),
    /// E2B sandbox settings.
    E2b(E2bSandboxConfig),
    /// Settings of a kind this client does not model, sent as given.
    Other(JsonMap),
}

impl Default for SandboxConfigInput {
    fn default() -> Self {
        SandboxConfigInput::Local(LocalSandboxConfig::default())
    }
}

impl From<LocalSandboxConfig> for SandboxConfigInput {
    fn from(config: LocalSandboxConfig) -> Self {
        SandboxConfigInput::Local(config)
    }
}

impl From<E2bSandboxConfig> for SandboxConfigInput {
    fn from(config: E2bSandboxConfig) -> Self {
        SandboxConfigInput::E2b(config)
    }
}

/// A sandbox configuration to create, or to update the existing one of its type
/// (`SandboxConfigCreate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SandboxConfigCreate {
    /// The configuration for the sandbox.
    pub config: SandboxConfigInput,
}

impl SandboxConfigCreate {
    /// A configuration with these settings (local or E2B).
    pub fn new(config: impl Into<SandboxConfigInput>) -> Self {
        Self {
            config: config.into(),
        }
    }
}

/// New settings for a sandbox configuration (`SandboxConfigUpdate`); they must be of the
/// configuration's type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(SandboxConfigInput, into))]
#[non_exhaustive]
pub struct SandboxConfigUpdate {
    /// The new settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<SandboxConfigInput>,
}

/// Filters for `GET /v1/sandbox-config/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListSandboxConfigsParams {
    /// Only configurations of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sandbox_type: Option<SandboxType>,
    /// Cursor: configurations after this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// An environment variable every tool run in a sandbox sees (`SandboxEnvironmentVariable`).
/// Its `Debug` output hides the value.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SandboxEnvironmentVariable {
    /// The human-friendly ID of the variable.
    pub id: SandboxEnvVarId,
    /// The name of the environment variable.
    pub key: String,
    /// The value of the environment variable.
    pub value: String,
    /// An optional description of the environment variable.
    #[serde(default)]
    pub description: Option<String>,
    /// The sandbox configuration this variable belongs to.
    pub sandbox_config_id: SandboxConfigId,
    /// The organization this variable belongs to.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// The id of the user that made this object.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// The id of the user that last changed this object.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// When it was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// The value as the server stores it, encrypted (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_enc: Option<String>,
}

/// A new sandbox environment variable (`SandboxEnvironmentVariableCreate`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SandboxEnvironmentVariableCreate {
    /// The name of the environment variable.
    pub key: String,
    /// The value of the environment variable.
    pub value: String,
    /// An optional description of the environment variable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl SandboxEnvironmentVariableCreate {
    /// `key=value`.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
            description: None,
        }
    }
}

/// Changes to a sandbox environment variable (`SandboxEnvironmentVariableUpdate`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SandboxEnvironmentVariableUpdate {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// New value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn config_is_typed_by_type() {
        let local: SandboxConfig = serde_json::from_value(json!({
            "id": "sandbox-1", "type": "local",
            "config": {"sandbox_dir": "/tmp/x", "use_venv": false, "venv_name": "venv", "pip_requirements": [{"name": "requests", "version": "2.31.0"}]}
        }))
        .unwrap();
        let settings = local.local().unwrap();
        assert_eq!(settings.sandbox_dir.as_deref(), Some("/tmp/x"));
        assert_eq!(settings.pip_requirements[0].name, "requests");

        let e2b: SandboxConfig = serde_json::from_value(json!({
            "id": "sandbox-2", "type": "e2b", "config": {"timeout": 120, "template": "t"}
        }))
        .unwrap();
        assert_eq!(e2b.e2b().unwrap().timeout, 120);

        let modal: SandboxConfig = serde_json::from_value(json!({
            "id": "sandbox-3", "type": "modal", "config": {"language": "python"}
        }))
        .unwrap();
        assert!(
            matches!(modal.config, SandboxSettings::Modal(ref m) if m.language.as_deref() == Some("python"))
        );

        let future: SandboxConfig = serde_json::from_value(json!({
            "id": "sandbox-4", "type": "firecracker", "config": {"vcpus": 2}
        }))
        .unwrap();
        assert_eq!(future.sandbox_type, SandboxType::Other("firecracker".into()));
        assert!(matches!(future.config, SandboxSettings::Other(ref m) if m["vcpus"] == 2));
        let back = serde_json::to_value(&future).unwrap();
        assert_eq!(back["type"], "firecracker");
        assert_eq!(back["config"], json!({"vcpus": 2}));
    }

    #[test]
    fn inputs_are_unambiguous() {
        let e2b = serde_json::to_value(SandboxConfigCreate {
            config: E2bSandboxConfig::default().into(),
        })
        .unwrap();
        assert_eq!(e2b, json!({"config": {"timeout": 300}}));
        let local = serde_json::to_value(SandboxConfigCreate::default()).unwrap();
        assert_eq!(
            local,
            json!({"config": {"use_venv": false, "venv_name": "venv", "pip_requirements": []}})
        );
    }

    #[test]
    fn values_never_show_in_debug() {
        let create = SandboxEnvironmentVariableCreate::new("TOKEN", "very-secret");
        assert!(!format!("{create:?}").contains("very-secret"));
    }
}
