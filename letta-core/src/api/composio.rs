//! Composio apps and actions as Letta tools (`/v1/tools/composio/`).
//!
//! The server relays these to Composio's API: it needs a Composio API key (`COMPOSIO_API_KEY`,
//! or an environment variable of the sandbox configuration) and network access to Composio.
//! Without a key it answers 400. This client's handling of them is tested against recorded
//! fixtures, not a live server.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! let composio = client.tools().composio();
//! let apps = composio.list_apps().await?;
//! let actions = composio.list_actions("github").await?;
//! let tool = composio.add_tool(&actions[0].name).await?;
//! println!("{} is now tool {}", actions[0].name, tool.id);
//! # Ok(()) }
//! ```

use crate::operations as ops;
use crate::types::{ActionModel, AppModel, Tool};
use crate::{LettaClient, LettaError};

/// Composio apps and actions.
#[derive(Debug, Clone, Copy)]
pub struct Composio<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Composio<'_> {
    /// Every Composio app, in Composio's order (`list_composio_apps`).
    pub async fn list_apps(&self) -> Result<Vec<AppModel>, LettaError> {
        self.client.call(ops::list_composio_apps()).await
    }

    /// The actions of one app, by its key, e.g. `github`, in Composio's order
    /// (`list_composio_actions_by_app`).
    pub async fn list_actions(&self, app_name: &str) -> Result<Vec<ActionModel>, LettaError> {
        self.client
            .call(ops::list_composio_actions_by_app(app_name))
            .await
    }

    /// Adds (or updates) a Letta tool for a Composio action, by action name
    /// (`add_composio_tool`).
    pub async fn add_tool(&self, action_name: &str) -> Result<Tool, LettaError> {
        self.client.call(ops::add_composio_tool(action_name)).await
    }
}
