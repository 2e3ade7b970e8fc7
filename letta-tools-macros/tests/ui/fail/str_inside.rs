use letta_tools_macros::letta_tool;

/// Joins words.
#[letta_tool]
fn join(words: Vec<&str>, sep: Option<&str>, forever: &'static str) -> String {
    words.join(sep.unwrap_or(forever))
}

fn main() {}
