use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;

/// Parses a number.
#[letta_tool]
fn parse_number(text: &str) -> Result<i64, std::num::ParseIntError> {
    text.trim().parse()
}

/// Reads a file; `io::Result` is a `Result` too.
#[letta_tool]
async fn read(path: String) -> std::io::Result<String> {
    std::fs::read_to_string(path)
}

/// Returns nothing and may fail.
#[letta_tool]
fn check(flag: bool) -> Result<(), String> {
    if flag { Ok(()) } else { Err("not set".to_owned()) }
}

fn main() {
    let _ = (ParseNumberTool.definition(), ReadTool.definition(), CheckTool.definition());
}
