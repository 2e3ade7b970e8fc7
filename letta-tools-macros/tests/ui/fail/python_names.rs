use letta_tools_macros::letta_tool;

/// Moves something.
#[letta_tool]
fn r#import(from: String, request_heartbeat: bool, r#in: i32) {
    let _ = (from, request_heartbeat, r#in);
}

/// Named with a keyword.
#[letta_tool(name = "lambda")]
fn fine() {}

fn main() {}
