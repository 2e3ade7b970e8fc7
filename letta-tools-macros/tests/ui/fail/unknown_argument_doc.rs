use letta_tools_macros::letta_tool;

/// Greets.
///
/// # Arguments
///
/// * `nmae` - Who to greet.
#[letta_tool]
fn greet(name: String) -> String {
    name
}

fn main() {}
