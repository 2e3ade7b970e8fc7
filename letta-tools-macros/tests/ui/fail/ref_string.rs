use letta_tools_macros::letta_tool;

/// Counts characters.
#[letta_tool]
fn count(text: &String) -> usize {
    text.len()
}

fn main() {}
