use letta_tools_macros::letta_tool;

/// A struct.
#[letta_tool]
struct Weather {
    city: String,
}

/// A module.
#[letta_tool]
mod tools {}

fn main() {}
