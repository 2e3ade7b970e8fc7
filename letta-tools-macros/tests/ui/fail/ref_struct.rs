use letta_tools_macros::letta_tool;

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Point {
    x: i32,
}

/// Reads a point.
#[letta_tool]
fn read(point: &Point, again: &mut String) -> i32 {
    point.x + again.len() as i32
}

fn main() {}
