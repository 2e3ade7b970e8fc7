use letta_tools_macros::letta_tool;

// Every error is reported in one go, in source order.
#[letta_tool(unknown = 1)]
fn many<T>(a: &String, (b, c): (i32, i32), d: [u8; 4], e: impl Clone) {
    let _ = (a, b, c, d, e);
}

fn main() {}
