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
    assert!(pids.iter().all(|p| alive(*p)));
    // PostgreSQL backends come and go (a worker listed here may exit before it is looked at
    // again), so only their end is checked below.
    pids.extend(children_of(pids[0]));
    assert!(pids.len() > 3, "PostgreSQL should have worker processes");
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

/// The shared server is never dropped: when its test binary ends, the watchdog must take down
/// every process the servers started, grandchildren included. A child process plays the test
/// binary here and is killed outright, like a crashed test binary.
#[test]
fn nothing_survives_a_killed_test_binary() {
    if std::env::var_os("LETTA_TESTKIT_PLAY_DEAD").is_some() {
        let server = LettaServer::start().unwrap();
        // A file upload makes the server start helper processes of its own (llama-index reads
        // files with Python multiprocessing): grandchildren the parent-death signal cannot reach.
        upload_a_file(&server);
        println!("RUN_DIR={}", server.run_dir().display());
        std::thread::sleep(Duration::from_secs(600));
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args(["nothing_survives_a_killed_test_binary", "--exact", "--nocapture"])
        .env("LETTA_TESTKIT_PLAY_DEAD", "1")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut run_dir = String::new();
    let mut line = String::new();
    while std::io::BufRead::read_line(&mut out, &mut line).unwrap() > 0 {
        if let Some(dir) = line.trim().strip_prefix("RUN_DIR=") {
            run_dir = dir.to_owned();
            break;
        }
        line.clear();
    }
    assert!(
        !run_dir.is_empty(),
        "the play-dead child never reported its server"
    );
    let belongs = |pid: &str| {
        std::fs::read(format!("/proc/{pid}/environ"))
            .map(|e| String::from_utf8_lossy(&e).contains(&run_dir))
            .unwrap_or(false)
            || std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| String::from_utf8_lossy(&c).contains(&run_dir))
                .unwrap_or(false)
    };
    let ours = || -> Vec<String> {
        std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|p| p.chars().all(|c| c.is_ascii_digit()))
            .filter(|p| belongs(p) && alive(p.parse().unwrap()))
            .collect()
    };
    assert!(
        ours().len() >= 3,
        "the server's processes should be running: {:?}",
        ours()
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let mut left = ours();
    for _ in 0..100 {
        if left.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        left = ours();
    }
    assert!(left.is_empty(), "processes survived their test binary: {left:?}");
}

/// Creates a source and uploads a small text file to it, then waits until the server has
/// started its multiprocessing helpers.
fn upload_a_file(server: &LettaServer) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let http = reqwest::Client::new();
        let source: serde_json::Value = http
            .post(format!("{}/v1/sources/", server.base_url()))
            .json(&serde_json::json!({"name": "watchdog-probe", "embedding_config": server.llm().embedding_config()}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = source["id"].as_str().unwrap().to_owned();
        let boundary = "letta-testkit-boundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"probe.txt\"\r\nContent-Type: text/plain\r\n\r\nThe watchdog probe file.\r\n--{boundary}--\r\n"
        );
        let answer = http
            .post(format!("{}/v1/sources/{id}/upload", server.base_url()))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "{}", answer.text().await.unwrap());
    });
    let run_dir = server.run_dir().display().to_string();
    for _ in 0..100 {
        let started = std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| {
                let p = e.path();
                std::fs::read(p.join("cmdline"))
                    .map(|c| String::from_utf8_lossy(&c).contains("multiprocessing"))
                    .unwrap_or(false)
                    && std::fs::read(p.join("environ"))
                        .map(|c| String::from_utf8_lossy(&c).contains(&run_dir))
                        .unwrap_or(false)
            });
        if started {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
