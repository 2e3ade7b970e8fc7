//! A crate whose only dependency is `letta-orchestrator` uses `letta_orchestrator::letta_tool`
//! (`tests/one_dependency/tool.rs`), built and run as a Cargo project of its own. trybuild would
//! not show this: it gives its cases every dependency of the crate under test, letta-core among
//! them, so an expansion that named `::letta_core` would compile there too.

use std::path::Path;
use std::process::Command;

#[test]
fn a_crate_depending_only_on_letta_orchestrator_uses_its_letta_tool() {
    let orchestrator = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = Path::new(env!("CARGO_TARGET_TMPDIR")).join("one-dependency");
    std::fs::create_dir_all(project.join("src")).unwrap();
    let manifest = format!(
        r#"[package]
name = "one-dependency"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
letta-orchestrator = {{ path = {:?} }}

# Its own workspace, not a stray member of whatever encloses the target directory.
[workspace]
"#,
        orchestrator.display().to_string()
    );
    std::fs::write(project.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(
        orchestrator.join("tests/one_dependency/tool.rs"),
        project.join("src/main.rs"),
    )
    .unwrap();
    // The workspace's lock file: the same dependency versions, all already downloaded.
    std::fs::copy(orchestrator.join("../Cargo.lock"), project.join("Cargo.lock")).unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(project.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", project.join("target"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "to_fahrenheit: 100 °C is 212.0 °F\n"
    );
}
