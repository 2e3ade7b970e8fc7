use letta_tools_macros::letta_tool;

/// Adds a pair.
#[letta_tool]
fn add((a, b): (i32, i32), _: bool, ref c: i32) -> i32 {
    a + b + c
}

fn main() {}
