use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;

/// Waits, then echoes.
#[letta_tool]
async fn echo(text: String) -> String {
    tokio::task::yield_now().await;
    text
}

fn main() {
    let _ = EchoTool.call(serde_json::json!({"text": "hi"}));
}
