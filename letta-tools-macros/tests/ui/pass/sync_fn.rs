use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;

/// Adds two numbers.
#[letta_tool]
fn add(a: i32, b: u64) -> u64 {
    a.unsigned_abs() as u64 + b
}

fn main() {
    assert_eq!(AddTool.definition().name, "add");
}
