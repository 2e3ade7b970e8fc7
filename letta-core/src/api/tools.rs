//! Tools (`/v1/tools/`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{ListToolsParams, ToolCreate, ToolRunFromSource, ToolUpdate};
//! const SOURCE: &str = r#"
//! def roll(sides: int) -> int:
//!     """Roll a die.
//!
//!     Args:
//!         sides (int): Number of sides.
//!
//!     Returns:
//!         int: The result.
//!     """
//!     return 4
//! "#;
//! let tool = client.tools().create(&ToolCreate::python(SOURCE)).await?;
//! let same = client.tools().upsert(&ToolCreate::python(SOURCE)).await?;
//! let found = client.tools().list(&ListToolsParams { name: Some("roll".into()), ..Default::default() }).await?;
//! client.tools().modify(&tool.id, &ToolUpdate { description: Some("Roll".into()), ..Default::default() }).await?;
//! let args = serde_json::json!({"sides": 6}).as_object().cloned().unwrap_or_default();
//! let result = client
//!     .tools()
//!     .run_from_source(&ToolRunFromSource { source_code: SOURCE.into(), args, ..Default::default() })
//!     .await?;
//! println!("{}", result.tool_return);
//! client.tools().delete(&tool.id).await?;
//! # Ok(()) }
//! ```

use crate::ids::ToolId;
use crate::paging::{DEFAULT_PAGE_SIZE, Paginated, Walk, paginate};
use crate::types::{ListToolsParams, Tool, ToolCreate, ToolReturnMessage, ToolRunFromSource, ToolUpdate};
use crate::{LettaClient, LettaError};

/// Tools.
#[derive(Debug, Clone, Copy)]
pub struct Tools<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Tools<'_> {
    /// Creates a tool from source; fails with 409 if one of that name exists (`create_tool`).
    pub async fn create(&self, request: &ToolCreate) -> Result<Tool, LettaError> {
        self.client.post("/v1/tools/", request).await
    }

    /// Creates a tool, or replaces the one with the same name (`upsert_tool`).
    pub async fn upsert(&self, request: &ToolCreate) -> Result<Tool, LettaError> {
        self.client.put("/v1/tools/", request).await
    }

    /// Fetches a tool (`retrieve_tool`).
    pub async fn retrieve(&self, tool_id: &ToolId) -> Result<Tool, LettaError> {
        self.client
            .get(&format!("/v1/tools/{}", tool_id.segment()?), &Vec::new())
            .await
    }

    /// Lists one page of tools (`list_tools`).
    pub async fn list(&self, params: &ListToolsParams) -> Result<Vec<Tool>, LettaError> {
        self.client.get("/v1/tools/", &params.to_query()).await
    }

    /// Every tool, page by page as the stream is read (`list_tools`).
    pub fn list_all(&self, params: &ListToolsParams) -> Paginated<Tool> {
        let client = self.client.clone();
        let params = params.clone();
        let page_size = params.limit.unwrap_or(DEFAULT_PAGE_SIZE);
        paginate(
            Walk::Forward,
            params.after.clone(),
            page_size,
            move |after, limit| {
                let client = client.clone();
                let query = ListToolsParams {
                    after,
                    limit: Some(limit),
                    ..params.clone()
                }
                .to_query();
                async move { client.get("/v1/tools/", &query).await }
            },
        )
    }

    /// Changes a tool (`modify_tool`).
    pub async fn modify(&self, tool_id: &ToolId, update: &ToolUpdate) -> Result<Tool, LettaError> {
        self.client
            .patch(&format!("/v1/tools/{}", tool_id.segment()?), update)
            .await
    }

    /// Deletes a tool (`delete_tool`).
    pub async fn delete(&self, tool_id: &ToolId) -> Result<(), LettaError> {
        self.client
            .delete(&format!("/v1/tools/{}", tool_id.segment()?))
            .await
    }

    /// Runs source code as a tool in the server's sandbox without saving it
    /// (`run_tool_from_source`).
    pub async fn run_from_source(
        &self,
        request: &ToolRunFromSource,
    ) -> Result<ToolReturnMessage, LettaError> {
        self.client.post("/v1/tools/run", request).await
    }
}
