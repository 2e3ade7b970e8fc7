use letta_tools_macros::letta_tool;

/// Adds a pair.
#[letta_tool]
fn add_pair(pair: (i32, i32)) -> i32 {
    pair.0 + pair.1
}

fn main() {}
