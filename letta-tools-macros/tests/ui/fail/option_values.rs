use letta_tools_macros::letta_tool;

/// Does nothing.
#[letta_tool(
    name = get_weather,
    description = 42,
    tags = "weather",
    return_char_limit = "4000",
    crate = "not a path",
)]
fn nothing() {}

/// Also nothing.
#[letta_tool(name = "get-weather", tags = ["ok", 1], return_char_limit = 5000000000)]
fn also_nothing() {}

fn main() {}
