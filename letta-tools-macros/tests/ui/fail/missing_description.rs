use letta_tools_macros::letta_tool;

#[letta_tool]
fn undocumented(x: i32) -> i32 {
    x
}

/// # Arguments
///
/// * `x` - only arguments, no description.
#[letta_tool]
fn only_arguments(x: i32) -> i32 {
    x
}

/// The option wins, and it is empty.
#[letta_tool(description = " ")]
fn empty_option() {}

fn main() {}
