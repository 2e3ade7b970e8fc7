use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;

/// Moves a file.
///
/// # Arguments
///
/// * `source` - Where the file is.
/// * `target` - Where it goes,
///   relative to the workspace.
/// - overwrite: Whether to replace an existing file.
///
/// # Errors
///
/// When the file cannot be moved.
#[letta_tool]
fn move_file(source: String, target: String, overwrite: Option<bool>) -> Result<(), String> {
    let _ = (source, target, overwrite);
    Ok(())
}

fn main() {
    let _ = MoveFileTool.definition();
}
