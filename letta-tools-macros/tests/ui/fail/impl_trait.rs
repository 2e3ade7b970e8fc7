use letta_tools_macros::letta_tool;

/// Prints something.
#[letta_tool]
fn show(value: impl std::fmt::Display) -> String {
    value.to_string()
}

fn main() {}
