//! A tool that holds an agent's turn until the test lets it go: the turn is running (its
//! conversation locked, its run active) for as long as the test needs, with no timing involved.
//! The tool waits on the server's machine for a file, so the test and the server share one
//! filesystem, as the testkit's servers always do.

use std::path::PathBuf;

use letta_core::LettaClient;
use letta_core::ids::{AgentId, ToolId};
use letta_core::types::ToolCreate;

use crate::unique_name as unique;

/// A Python tool on the server that waits for a file to appear; the file is the gate.
pub struct Gate {
    /// The tool's name, for `#call`.
    pub tool_name: String,
    /// The tool's ID, to attach and delete it.
    pub tool_id: ToolId,
    path: PathBuf,
}

impl Gate {
    /// Creates the tool (its own, uniquely named) and attaches it to `agent`.
    ///
    /// # Panics
    /// When the server refuses to create or attach the tool (the test cannot go on).
    pub async fn attach(client: &LettaClient, agent: &AgentId) -> Gate {
        let tool_name = unique("gate").replace('-', "_");
        // Bounded wait: a test that fails before opening the gate must not leave a run hanging.
        let source = format!(
            r#"
def {tool_name}(path: str) -> str:
    """Waits until the file at path exists.

    Args:
        path (str): The file to wait for.

    Returns:
        str: "opened" once the file exists, "timed out" after two minutes.
    """
    import os
    import time

    for _ in range(2400):
        if os.path.exists(path):
            return "opened"
        time.sleep(0.05)
    return "timed out"
"#
        );
        let tool = client
            .tools()
            .create(&ToolCreate::python(source))
            .await
            .expect("create the gate tool");
        client
            .agents()
            .tools(agent)
            .attach(&tool.id)
            .await
            .expect("attach the gate tool");
        let path = std::env::temp_dir().join(format!("{tool_name}.open"));
        Gate {
            tool_name,
            tool_id: tool.id,
            path,
        }
    }

    /// The user message that makes the scripted model call the tool: the turn waits in it.
    pub fn call(&self) -> String {
        format!(
            r#"#call {} {{"path": "{}"}}"#,
            self.tool_name,
            self.path.display()
        )
    }

    /// Lets every waiting call return "opened".
    ///
    /// # Panics
    /// When the file cannot be written.
    pub fn open(&self) {
        std::fs::write(&self.path, b"open").expect("write the gate file");
    }

    /// Opens the gate (so no call waits on) and deletes the tool and the file.
    ///
    /// # Panics
    /// When the server refuses to delete the tool.
    pub async fn remove(self, client: &LettaClient) {
        self.open();
        client
            .tools()
            .delete(&self.tool_id)
            .await
            .expect("delete the gate tool");
        let _ = std::fs::remove_file(&self.path);
    }
}
