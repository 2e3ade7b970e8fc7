//! Tool sandboxes (`/v1/sandbox-config/`) and the environment variables tools see.
//!
//! An organization has one configuration per sandbox type, and every tool run in it sees its
//! environment variables (`os.environ` in the tool's Python).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{
//!     E2bSandboxConfig, LocalSandboxConfig, SandboxConfigCreate, SandboxConfigUpdate,
//!     SandboxEnvironmentVariableCreate, SandboxEnvironmentVariableUpdate,
//! };
//! let sandboxes = client.sandbox_configs();
//! let local = sandboxes.create_default_local().await?;
//! let var = sandboxes
//!     .create_env_var(&local.id, &SandboxEnvironmentVariableCreate::new("WEATHER_API_KEY", "k-123"))
//!     .await?;
//! sandboxes
//!     .modify_env_var(&var.id, &SandboxEnvironmentVariableUpdate::builder().value("k-456").build())
//!     .await?;
//! let vars = sandboxes.list_env_vars(&local.id, &Default::default()).await?;
//! sandboxes.delete_env_var(&var.id).await?;
//! let custom = sandboxes
//!     .create_custom_local(&LocalSandboxConfig::builder().venv_name("tools-venv").build())
//!     .await?;
//! sandboxes
//!     .modify(&custom.id, &SandboxConfigUpdate::builder().config(LocalSandboxConfig::default()).build())
//!     .await?;
//! let e2b = sandboxes
//!     .create(&SandboxConfigCreate::new(E2bSandboxConfig::builder().timeout(120).build()))
//!     .await?;
//! sandboxes.delete(&e2b.id).await?;
//! let all = sandboxes.list(&Default::default()).await?;
//! let e2b_default = sandboxes.create_default_e2b().await?;
//! let recreated = sandboxes.force_recreate_local_venv().await?;
//! # Ok(()) }
//! ```

use crate::ids::{SandboxConfigId, SandboxEnvVarId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    E2bSandboxConfig, ListSandboxConfigsParams, LocalSandboxConfig, PageParams, SandboxConfig,
    SandboxConfigCreate, SandboxConfigUpdate, SandboxEnvironmentVariable, SandboxEnvironmentVariableCreate,
    SandboxEnvironmentVariableUpdate, SandboxType,
};
use crate::{LettaClient, LettaError};

/// Tool sandbox configurations and their environment variables.
#[derive(Debug, Clone, Copy)]
pub struct SandboxConfigs<'c> {
    pub(crate) client: &'c LettaClient,
}

impl SandboxConfigs<'_> {
    /// Lists one page of sandbox configurations, oldest first (`list_sandbox_configs`).
    pub async fn list(&self, params: &ListSandboxConfigsParams) -> Result<Vec<SandboxConfig>, LettaError> {
        self.client.call(ops::list_sandbox_configs().query(params)).await
    }

    /// Every sandbox configuration, oldest first, page by page as the stream is read
    /// (`list_sandbox_configs`).
    pub fn list_all(&self, params: &ListSandboxConfigsParams) -> Paginated<SandboxConfig> {
        list_pages(
            self.client,
            ops::list_sandbox_configs().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Stores settings for their sandbox type, replacing the type's existing configuration if
    /// there is one (`create_sandbox_config`).
    pub async fn create(&self, request: &SandboxConfigCreate) -> Result<SandboxConfig, LettaError> {
        self.client.call(ops::create_sandbox_config().json(request)).await
    }

    /// Stores local settings (pip requirements, venv), replacing the existing local
    /// configuration if there is one (`create_custom_local_sandbox_config`).
    pub async fn create_custom_local(
        &self,
        config: &LocalSandboxConfig,
    ) -> Result<SandboxConfig, LettaError> {
        self.client
            .call(ops::create_custom_local_sandbox_config().json(config))
            .await
    }

    /// The local configuration, created with the server's defaults if there is none
    /// (`create_default_local_sandbox_config`).
    pub async fn create_default_local(&self) -> Result<SandboxConfig, LettaError> {
        self.client.call(ops::create_default_local_sandbox_config()).await
    }

    /// The E2B configuration, created with the server's defaults if there is none
    /// (`create_default_e2b_sandbox_config`).
    ///
    /// When no E2B configuration exists, 0.7.29's route stores empty settings that its schema
    /// reads as *local* ones: it resets the local configuration to defaults and answers with it.
    /// So this asks the route only when an E2B configuration exists, and otherwise creates one
    /// with [`E2bSandboxConfig::default`] (the server's defaults) through `create_sandbox_config`.
    pub async fn create_default_e2b(&self) -> Result<SandboxConfig, LettaError> {
        let existing = self
            .list(
                &ListSandboxConfigsParams::builder()
                    .sandbox_type(SandboxType::E2b)
                    .limit(1)
                    .build(),
            )
            .await?;
        if existing.is_empty() {
            return self
                .create(&SandboxConfigCreate::new(E2bSandboxConfig::default()))
                .await;
        }
        self.client.call(ops::create_default_e2b_sandbox_config()).await
    }

    /// Deletes the local sandbox's virtual environment and builds it again, installing the
    /// configuration's pip requirements (`force_recreate_local_sandbox_venv`). Slow: it runs pip.
    pub async fn force_recreate_local_venv(&self) -> Result<SandboxConfig, LettaError> {
        self.client.call(ops::force_recreate_local_sandbox_venv()).await
    }

    /// Replaces a configuration's settings; they must be of its type (`update_sandbox_config`).
    pub async fn modify(
        &self,
        sandbox_config_id: &SandboxConfigId,
        update: &SandboxConfigUpdate,
    ) -> Result<SandboxConfig, LettaError> {
        self.client
            .call(ops::update_sandbox_config(sandbox_config_id).json(update))
            .await
    }

    /// Deletes a configuration with its environment variables (`delete_sandbox_config`).
    pub async fn delete(&self, sandbox_config_id: &SandboxConfigId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_sandbox_config(sandbox_config_id))
            .await
            .map(drop)
    }

    /// Lists one page of a configuration's environment variables, oldest first
    /// (`list_sandbox_env_vars`).
    pub async fn list_env_vars(
        &self,
        sandbox_config_id: &SandboxConfigId,
        params: &PageParams,
    ) -> Result<Vec<SandboxEnvironmentVariable>, LettaError> {
        self.client
            .call(ops::list_sandbox_env_vars(sandbox_config_id).query(params))
            .await
    }

    /// Every environment variable of a configuration, oldest first, page by page
    /// (`list_sandbox_env_vars`).
    pub fn list_all_env_vars(
        &self,
        sandbox_config_id: &SandboxConfigId,
        params: &PageParams,
    ) -> Paginated<SandboxEnvironmentVariable> {
        list_pages(
            self.client,
            ops::list_sandbox_env_vars(sandbox_config_id).query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Adds an environment variable to a configuration (`create_sandbox_env_var`).
    pub async fn create_env_var(
        &self,
        sandbox_config_id: &SandboxConfigId,
        request: &SandboxEnvironmentVariableCreate,
    ) -> Result<SandboxEnvironmentVariable, LettaError> {
        if request.key.trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "an environment variable needs a key (its name)".into(),
            ));
        }
        self.client
            .call(ops::create_sandbox_env_var(sandbox_config_id).json(request))
            .await
    }

    /// Changes an environment variable (`update_sandbox_env_var`).
    pub async fn modify_env_var(
        &self,
        env_var_id: &SandboxEnvVarId,
        update: &SandboxEnvironmentVariableUpdate,
    ) -> Result<SandboxEnvironmentVariable, LettaError> {
        self.client
            .call(ops::update_sandbox_env_var(env_var_id).json(update))
            .await
    }

    /// Deletes an environment variable (`delete_sandbox_env_var`).
    pub async fn delete_env_var(&self, env_var_id: &SandboxEnvVarId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_sandbox_env_var(env_var_id))
            .await
            .map(drop)
    }
}
