use std::collections::HashSet;

use letta_tools_macros::letta_tool;

/// Counts.
#[letta_tool]
fn count(items: Box<String>, unique: HashSet<String>, pair: Result<i32, String>) -> usize {
    items.len() + unique.len() + pair.unwrap_or(0) as usize
}

fn main() {}
