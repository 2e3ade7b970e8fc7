//! Starts one real Letta server with the scripted LLM (the release `LETTA_SERVER_VERSION`
//! names, 0.7.29 when unset) and keeps it up until its standard input closes, so that many
//! processes can share it: CI runs every example against one server per release instead of
//! starting one per example.
//!
//! ```text
//! letta-testkit-serve <file>
//! ```
//!
//! Once the server is up, `<file>` holds a JSON object: `base_url` (the Letta server),
//! `llm_base_url` (the scripted LLM, for `letta_testkit::llm::ScriptedModels::at`) and
//! `version`. The examples use it when `LETTA_TESTKIT_SERVER` names that file. Closing standard
//! input stops the server and removes its files.

use std::process::ExitCode;

use letta_testkit::{LettaRelease, LettaServer};

fn main() -> ExitCode {
    let Some(file) = std::env::args_os().nth(1) else {
        eprintln!("usage: letta-testkit-serve <file>   (writes the server's URLs to <file>)");
        return ExitCode::from(2);
    };
    let release = match LettaRelease::from_env() {
        Ok(release) => release,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let server = match LettaServer::start_version(release) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("letta-testkit-serve: the Letta {release} server could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let description = serde_json::json!({
        "base_url": server.base_url(),
        "llm_base_url": server.llm().base_url(),
        "version": server.version(),
    });
    // Written whole to a neighbour, then renamed: a reader never sees half a file.
    let path = std::path::PathBuf::from(file);
    let partial = path.with_extension("partial");
    if let Err(e) =
        std::fs::write(&partial, description.to_string()).and_then(|()| std::fs::rename(&partial, &path))
    {
        eprintln!("letta-testkit-serve: writing {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "letta-testkit-serve: Letta {} at {} (scripted LLM at {}); close standard input to stop it",
        server.version(),
        server.base_url(),
        server.llm().base_url()
    );
    // Blocks until standard input closes (or fails); then the server stops as it drops.
    let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
    drop(server);
    ExitCode::SUCCESS
}
