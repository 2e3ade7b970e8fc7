use letta_tools_macros::letta_tool;

/// Does nothing.
#[letta_tool(nmae = "x", timeout(5), tags = ["a"], tags = ["b"])]
fn nothing() {}

fn main() {}
