use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;

/// Moves a file.
///
/// # Arguments
///
/// * `from` - Where the file is.
/// * `to` - Where it goes,
///   relative to the workspace.
/// - overwrite: Whether to replace an existing file.
///
/// # Errors
///
/// When the file cannot be moved.
#[letta_tool]
fn move_file(from: String, to: String, overwrite: Option<bool>) -> Result<(), String> {
    let _ = (from, to, overwrite);
    Ok(())
}

fn main() {
    let _ = MoveFileTool.definition();
}
