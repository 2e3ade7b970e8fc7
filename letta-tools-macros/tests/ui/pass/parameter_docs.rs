use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;

/**
 * Sends a message to a channel.
 */
#[letta_tool]
pub async fn send(
    /// The channel's name.
    channel: &str,
    /// The message,
    /// in Markdown.
    text: String,
    #[allow(unused_variables)] silent: Option<bool>,
) -> bool {
    !channel.is_empty() && !text.is_empty()
}

mod tools {
    /// A tool in a module, used from outside it.
    #[letta_tools_macros::letta_tool]
    pub(crate) fn ping() -> &'static str {
        "pong"
    }
}

fn main() {
    let _ = (SendTool.definition(), tools::PingTool.definition(), tools::PingTool::NAME);
}
