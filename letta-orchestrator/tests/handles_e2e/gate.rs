//! A tool that holds an agent's turn until the test lets it go: the turn is running (its
//! conversation locked, its run active) for as long as the test needs, with no timing involved.

use std::path::PathBuf;

use letta_core::ids::ToolId;
use letta_core::types::ToolCreate;
use letta_orchestrator::AgentHandle;

use crate::unique;

/// A Python tool on the server that waits for a file to appear; the file is the gate.
pub(crate) struct Gate {
    /// The tool's name, for `#call`.
    pub(crate) tool_name: String,
    /// The tool's ID, to attach and delete it.
    pub(crate) tool_id: ToolId,
    path: PathBuf,
}

impl Gate {
    /// Creates the tool (its own, uniquely named) and attaches it to `agent`.
    pub(crate) async fn attach(agent: &AgentHandle) -> Gate {
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
        let tool = agent
            .client()
            .tools()
            .create(&ToolCreate::python(source))
            .await
            .expect("create the gate tool");
        agent.attach_tool(&tool.id).await.expect("attach the gate tool");
        let path = std::env::temp_dir().join(format!("{tool_name}.open"));
        Gate {
            tool_name,
            tool_id: tool.id,
            path,
        }
    }

    /// The user message that makes the scripted model call the tool: the turn waits in it.
    pub(crate) fn call(&self) -> String {
        format!(
            r#"#call {} {{"path": "{}"}}"#,
            self.tool_name,
            self.path.display()
        )
    }

    /// Lets every waiting call return "opened".
    pub(crate) fn open(&self) {
        std::fs::write(&self.path, b"open").expect("write the gate file");
    }

    /// Opens the gate (so no call waits on) and deletes the tool and the file.
    pub(crate) async fn remove(self, agent: &AgentHandle) {
        self.open();
        agent
            .client()
            .tools()
            .delete(&self.tool_id)
            .await
            .expect("delete the gate tool");
        let _ = std::fs::remove_file(&self.path);
    }
}
