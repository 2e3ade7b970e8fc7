use letta_tools_macros::letta_tool;

/// Does something unsafe.
#[letta_tool]
unsafe fn danger(x: i32) -> i32 {
    x
}

fn main() {}
