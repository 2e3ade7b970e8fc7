//! Tools (`/v1/tools/`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{
//!     CountToolsParams, ListToolsParams, ToolCreate, ToolGenerate, ToolRunFromSource, ToolSchemaRequest,
//!     ToolSearch, ToolUpdate,
//! };
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
//! let found = client.tools().list(&ListToolsParams::builder().name("roll").build()).await?;
//! client.tools().modify(&tool.id, &ToolUpdate::builder().description("Roll").build()).await?;
//! let args = serde_json::json!({"sides": 6}).as_object().cloned().unwrap_or_default();
//! let result = client
//!     .tools()
//!     .run_from_source(&ToolRunFromSource::builder().source_code(SOURCE).args(args).build())
//!     .await?;
//! println!("{}", result.tool_return);
//! let how_many = client.tools().count(&CountToolsParams::every_tool()).await?;
//! let base = client.tools().add_base_tools().await?;
//! let fetched = client.tools().retrieve(&tool.id).await?;
//! client.tools().delete(&tool.id).await?;
//!
//! // 0.16 only:
//! let schema = client.tools().generate_schema(&ToolSchemaRequest::python(SOURCE)).await?;
//! let found = client.tools().search(&ToolSearch::query("roll a die")).await?;
//! let generated = client
//!     .tools()
//!     .generate(&ToolGenerate::builder().tool_name("flip").prompt("Flip a coin").build())
//!     .await?;
//! # Ok(()) }
//! ```

use crate::ids::ToolId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    CountToolsParams, GeneratedTool, JsonMap, ListToolsParams, Tool, ToolCreate, ToolGenerate,
    ToolReturnMessage, ToolRunFromSource, ToolSchemaRequest, ToolSearch, ToolSearchResult, ToolUpdate,
};
use crate::{LettaClient, LettaError};

/// Tools.
#[derive(Debug, Clone, Copy)]
pub struct Tools<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Tools<'_> {
    /// Creates a tool from source; fails with 409 if one of that name exists (`create_tool`).
    pub async fn create(&self, request: &ToolCreate) -> Result<Tool, LettaError> {
        self.client.call(ops::create_tool().json(request)).await
    }

    /// Creates a tool, or replaces the one with the same name (`upsert_tool`).
    pub async fn upsert(&self, request: &ToolCreate) -> Result<Tool, LettaError> {
        self.client.call(ops::upsert_tool().json(request)).await
    }

    /// Fetches a tool (`retrieve_tool`).
    pub async fn retrieve(&self, tool_id: &ToolId) -> Result<Tool, LettaError> {
        self.client.call(ops::retrieve_tool(tool_id)).await
    }

    /// Lists one page of tools, oldest first (`list_tools`).
    pub async fn list(&self, params: &ListToolsParams) -> Result<Vec<Tool>, LettaError> {
        self.client.call(ops::list_tools().query(params)).await
    }

    /// Every tool, oldest first, page by page as the stream is read (`list_tools`).
    pub fn list_all(&self, params: &ListToolsParams) -> Paginated<Tool> {
        list_pages(
            self.client,
            ops::list_tools().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Changes a tool (`modify_tool`).
    pub async fn modify(&self, tool_id: &ToolId, update: &ToolUpdate) -> Result<Tool, LettaError> {
        self.client.call(ops::modify_tool(tool_id).json(update)).await
    }

    /// Deletes a tool (`delete_tool`).
    pub async fn delete(&self, tool_id: &ToolId) -> Result<(), LettaError> {
        self.client.call_raw(ops::delete_tool(tool_id)).await.map(drop)
    }

    /// Counts the tools (`count_tools`); see [`CountToolsParams`] for what 0.7.29 counts.
    pub async fn count(&self, params: &CountToolsParams) -> Result<u64, LettaError> {
        self.client.call(ops::count_tools().query(params)).await
    }

    /// Creates Letta's built-in tools that are missing, updates the others, and returns them
    /// all (`add_base_tools`).
    pub async fn add_base_tools(&self) -> Result<Vec<Tool>, LettaError> {
        self.client.call(ops::add_base_tools()).await
    }

    /// Runs source code as a tool in the server's sandbox without saving it
    /// (`run_tool_from_source`).
    pub async fn run_from_source(
        &self,
        request: &ToolRunFromSource,
    ) -> Result<ToolReturnMessage, LettaError> {
        self.client.call(ops::run_tool_from_source().json(request)).await
    }

    /// Derives the JSON schema the server would give a tool from its source
    /// (`generate_json_schema`, 0.16): the function's name, description and parameters, as
    /// [`Tool::json_schema`] holds them. Source without a docstring for every argument is a 400.
    pub async fn generate_schema(&self, request: &ToolSchemaRequest) -> Result<JsonMap, LettaError> {
        self.client.call(ops::generate_json_schema().json(request)).await
    }

    /// Has the server's LLM write a Python tool from a prompt (`generate_tool`, 0.16); the tool
    /// is returned, not saved. Each call is an LLM call.
    pub async fn generate(&self, request: &ToolGenerate) -> Result<GeneratedTool, LettaError> {
        self.client.call(ops::generate_tool().json(request)).await
    }

    /// Finds tools by meaning or text, best first (`search_tools`, 0.16). Needs tool embeddings
    /// on the server (`embed_tools`); without them the answer is a 400.
    pub async fn search(&self, request: &ToolSearch) -> Result<Vec<ToolSearchResult>, LettaError> {
        if request.limit.is_some_and(|limit| !(1..=100).contains(&limit)) {
            return Err(LettaError::InvalidInput(
                "a tool search returns 1 to 100 results: set limit within that range".into(),
            ));
        }
        self.client.call(ops::search_tools().json(request)).await
    }
}
