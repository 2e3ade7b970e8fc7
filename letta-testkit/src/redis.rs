//! Redis for Letta 0.16.8's background streams: Debian's `redis-server`, one per
//! [`LettaServer`](crate::LettaServer), on its own loopback port, without persistence, its files
//! in the run directory.

use std::path::{Path, PathBuf};
use std::process::Child;

use crate::server::{HarnessError, command, free_port, io};

/// The program, found on `PATH` (Debian package `redis-server`).
const REDIS_SERVER: &str = "redis-server";

/// A started (not necessarily ready) Redis server.
pub(crate) struct RedisTestServer {
    pub(crate) child: Child,
    pub(crate) port: u16,
    pub(crate) log: PathBuf,
}

impl RedisTestServer {
    /// Starts Redis on a free loopback port with a config file in `run_dir`, logging to
    /// `run_dir/redis.log`.
    pub(crate) fn spawn(run_dir: &Path) -> Result<Self, HarnessError> {
        let port = free_port()?;
        let dir = run_dir.join("redis");
        std::fs::create_dir_all(&dir).map_err(io("creating the Redis directory"))?;
        let config = run_dir.join("redis.conf");
        // No RDB snapshots, no append-only file: a test server's data dies with it. The process
        // title stays the command line, which names the run directory (CI finds leftover
        // processes of its run by that).
        let text = format!(
            "bind 127.0.0.1\nport {port}\nprotected-mode yes\ndaemonize no\nsave \"\"\nappendonly no\n\
             dir {dir}\nlogfile \"\"\nset-proc-title no\n",
            dir = dir.display()
        );
        std::fs::write(&config, text).map_err(io("writing redis.conf"))?;
        let log = run_dir.join("redis.log");
        let out = std::fs::File::create(&log).map_err(io("creating redis.log"))?;
        let err = out.try_clone().map_err(io("creating redis.log"))?;
        let mut cmd = command(&program()?, false);
        cmd.arg(&config).current_dir(&dir).stdout(out).stderr(err);
        let child = cmd.spawn().map_err(io("starting redis-server"))?;
        Ok(Self { child, port, log })
    }
}

/// `redis-server`'s path on `PATH`; a missing program is an install error that says what to do.
fn program() -> Result<PathBuf, HarnessError> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(REDIS_SERVER))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            HarnessError::Install(format!(
                "Letta 0.16.8's background streams need Redis, and {REDIS_SERVER} is not on PATH: \
                 install it (`apt-get install redis-server`)"
            ))
        })
}
