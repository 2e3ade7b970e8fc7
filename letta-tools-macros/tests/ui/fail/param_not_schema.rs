use letta_tools_macros::letta_tool;

#[derive(serde::Deserialize)]
struct NoSchema {
    x: i32,
}

/// Takes a struct without `JsonSchema`.
#[letta_tool]
fn take(value: NoSchema) -> i32 {
    value.x
}

fn main() {}
