use std::rc::Rc;

use letta_tools_macros::letta_tool;

/// Holds an `Rc` across an await.
#[letta_tool]
async fn not_send() -> i32 {
    let shared = Rc::new(1);
    std::future::ready(()).await;
    *shared
}

fn main() {}
