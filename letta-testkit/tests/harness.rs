//! The harness itself: an owned server starts the real Letta, answers, and on drop leaves no
//! process and no files behind.

use std::process::Command;
use std::time::Duration;

use letta_testkit::LettaServer;

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ")
}

fn children_of(pid: u32) -> Vec<u32> {
    let out = Command::new("pgrep")
        .arg("-P")
        .arg(pid.to_string())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

#[tokio::test]
async fn an_owned_server_runs_and_stops_cleanly() {
    let server = tokio::task::spawn_blocking(LettaServer::start)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(server.version(), "0.7.29");
    let body = reqwest::get(format!("{}/v1/health/", server.base_url()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["status"],
        "ok"
    );

    let mut pids = server.process_ids().to_vec();
    assert_eq!(pids.len(), 3); // PostgreSQL, Letta, the MCP test server
    pids.extend(children_of(pids[0])); // PostgreSQL backends
    assert!(pids.len() > 3, "PostgreSQL should have worker processes");
    assert!(pids.iter().all(|p| alive(*p)));
    let run_dir = server.run_dir().to_owned();
    assert!(run_dir.join("letta.log").exists());
    assert!(server.log().contains("Uvicorn running"), "{}", server.log());

    tokio::task::spawn_blocking(move || drop(server)).await.unwrap();
    for _ in 0..50 {
        if pids.iter().all(|p| !alive(*p)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let left: Vec<_> = pids.iter().filter(|p| alive(**p)).collect();
    assert!(left.is_empty(), "processes left behind: {left:?}");
    assert!(!run_dir.exists(), "{} was not removed", run_dir.display());
}
