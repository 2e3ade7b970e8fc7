//! The tool host: a loopback HTTP server that runs Rust tools for the Letta server's stubs.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use letta_core::rust_tool::{HOST_ENV, LettaTool, SECRET_ENV, SECRET_HEADER, TIMEOUT_ENV, ToolError};
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// How the host runs.
#[derive(Clone, PartialEq)]
pub struct ToolHostConfig {
    /// Where to listen. Loopback on a free port by default; the Letta server must reach it.
    pub bind: SocketAddr,
    /// How long one call may run before the agent gets a time-out error. Any length is
    /// accepted: one too large to add to the current time (such as [`Duration::MAX`]) means
    /// no limit on the host, and the stubs' own timeout is capped (see
    /// [`ToolHost::environment`]).
    pub call_timeout: Duration,
    /// The secret a stub must present; a random one when `None`.
    pub secret: Option<String>,
    /// The URL the Letta server's stubs call, when it is not the bound address (a container,
    /// a proxy). Defaults to `http://<bound address>`.
    pub public_url: Option<String>,
}

impl std::fmt::Debug for ToolHostConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolHostConfig")
            .field("bind", &self.bind)
            .field("call_timeout", &self.call_timeout)
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("public_url", &self.public_url)
            .finish()
    }
}

impl Default for ToolHostConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            call_timeout: Duration::from_secs(30),
            secret: None,
            public_url: None,
        }
    }
}

/// Why the host could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ToolHostError {
    /// The address could not be bound.
    #[error("the tool host could not listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The operating system gave no randomness for the secret.
    #[error("no random secret for the tool host: {0}; pass one in ToolHostConfig::secret")]
    Secret(String),
    /// Two tools have the same name.
    #[error("two tools are named `{0}`; tool names must be unique on a host")]
    DuplicateName(String),
}

/// A running tool host. Stops when dropped (calls in flight are abandoned).
pub struct ToolHost {
    url: String,
    addr: SocketAddr,
    secret: String,
    call_timeout: Duration,
    stats: Arc<Stats>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl std::fmt::Debug for ToolHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolHost")
            .field("url", &self.url)
            .field("secret", &"<redacted>")
            .field("call_timeout", &self.call_timeout)
            .finish()
    }
}

/// Counts of what the host did.
#[derive(Debug, Default)]
struct Stats {
    calls: AtomicU64,
    failures: AtomicU64,
    refused: AtomicU64,
}

/// A snapshot of the host's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolHostStats {
    /// Calls that ran a tool.
    pub calls: u64,
    /// Of those, calls that ended in an error (Err, panic, time-out, bad arguments).
    pub failures: u64,
    /// Requests refused before running anything (wrong secret, unknown tool, bad body).
    pub refused: u64,
}

struct Shared {
    tools: HashMap<String, Arc<dyn LettaTool>>,
    secret: String,
    call_timeout: Duration,
    stats: Arc<Stats>,
}

impl ToolHost {
    /// Starts a host running `tools` (needs a tokio runtime).
    pub async fn start(
        tools: impl IntoIterator<Item = Arc<dyn LettaTool>>,
        config: ToolHostConfig,
    ) -> Result<ToolHost, ToolHostError> {
        let mut by_name = HashMap::new();
        for tool in tools {
            let name = tool.definition().name;
            if by_name.insert(name.clone(), tool).is_some() {
                return Err(ToolHostError::DuplicateName(name));
            }
        }
        let secret = match config.secret {
            Some(secret) => secret,
            None => random_secret()?,
        };
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|source| ToolHostError::Bind {
                addr: config.bind,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| ToolHostError::Bind {
            addr: config.bind,
            source,
        })?;
        let stats = Arc::new(Stats::default());
        let shared = Arc::new(Shared {
            tools: by_name,
            secret: secret.clone(),
            call_timeout: config.call_timeout,
            stats: stats.clone(),
        });
        let router = axum::Router::new()
            .route("/tools/{name}", post(call_tool))
            .with_state(shared);
        let (shutdown, stop) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let served = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stop.await;
                })
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "the tool host stopped");
            }
        });
        Ok(ToolHost {
            url: config.public_url.unwrap_or_else(|| format!("http://{addr}")),
            addr,
            secret,
            call_timeout: config.call_timeout,
            stats,
            shutdown: Some(shutdown),
        })
    }

    /// The URL the stubs call.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address the host listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The environment variables an agent needs so its stubs reach this host: the URL, the
    /// secret and the call timeout in whole seconds (a little longer than the host's, so the
    /// host's time-out error is what the agent sees; at most [`STUB_TIMEOUT_CAP_SECS`], the
    /// largest a stub's socket accepts, whatever the host's).
    pub fn environment(&self) -> Vec<(String, String)> {
        vec![
            (HOST_ENV.to_owned(), self.url.clone()),
            (SECRET_ENV.to_owned(), self.secret.clone()),
            (
                TIMEOUT_ENV.to_owned(),
                stub_timeout_secs(self.call_timeout).to_string(),
            ),
        ]
    }

    /// What the host has done so far.
    pub fn stats(&self) -> ToolHostStats {
        ToolHostStats {
            calls: self.stats.calls.load(Ordering::Relaxed),
            failures: self.stats.failures.load(Ordering::Relaxed),
            refused: self.stats.refused.load(Ordering::Relaxed),
        }
    }
}

impl Drop for ToolHost {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

async fn call_tool(
    State(shared): State<Arc<Shared>>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> (StatusCode, Json<Value>) {
    let presented = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same_secret(presented, shared.secret.as_bytes()) {
        shared.stats.refused.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(tool = %name, "tool call refused: wrong or missing secret");
        return (StatusCode::UNAUTHORIZED, Json(json!({"error": "unauthorized"})));
    }
    let Some(tool) = shared.tools.get(&name).cloned() else {
        shared.stats.refused.fetch_add(1, Ordering::Relaxed);
        let error = format!("no tool named `{name}` on this host");
        return (StatusCode::NOT_FOUND, Json(json!({ "error": error })));
    };
    let arguments: Value = match serde_json::from_slice(&body) {
        Ok(arguments @ Value::Object(_)) => arguments,
        Ok(_) | Err(_) => {
            shared.stats.refused.fetch_add(1, Ordering::Relaxed);
            let error = format!("the arguments for `{name}` must be a JSON object");
            return (StatusCode::BAD_REQUEST, Json(json!({ "error": error })));
        }
    };
    shared.stats.calls.fetch_add(1, Ordering::Relaxed);
    let outcome = run(&name, tool, arguments, shared.call_timeout).await;
    match outcome {
        Ok(value) => (StatusCode::OK, Json(json!({ "ok": value }))),
        Err(error) => {
            shared.stats.failures.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(tool = %name, %error, "tool call failed");
            (StatusCode::OK, Json(json!({ "error": error.to_string() })))
        }
    }
}

/// The longest timeout, in seconds, handed to the stubs: about 23 days. Python refuses a socket
/// timeout longer than 2^31-1 milliseconds (about 24.8 days) when the call is made.
pub const STUB_TIMEOUT_CAP_SECS: u64 = 2_000_000;

/// What the stub waits for the host: the host's limit plus a margin, saturating and capped.
fn stub_timeout_secs(call_timeout: Duration) -> u64 {
    const MARGIN_SECS: u64 = 5;
    call_timeout
        .as_secs()
        .saturating_add(MARGIN_SECS)
        .min(STUB_TIMEOUT_CAP_SECS)
}

/// Runs one call in its own task, so a panic stays in it and a time-out abandons it.
pub(super) async fn run(
    name: &str,
    tool: Arc<dyn LettaTool>,
    arguments: Value,
    limit: Duration,
) -> Result<Value, ToolError> {
    let task = tokio::spawn(tool.call(arguments));
    let abort = task.abort_handle();
    // A limit too large to add to the current time means none.
    let joined = match tokio::time::Instant::now().checked_add(limit) {
        Some(deadline) => match tokio::time::timeout_at(deadline, task).await {
            Ok(joined) => joined,
            Err(_) => {
                abort.abort();
                return Err(ToolError::TimedOut {
                    tool: name.to_owned(),
                    after: limit,
                });
            }
        },
        None => task.await,
    };
    joined.unwrap_or_else(|join| {
        Err(ToolError::Panicked {
            tool: name.to_owned(),
            message: panic_message(join),
        })
    })
}

fn panic_message(join: tokio::task::JoinError) -> String {
    match join.try_into_panic() {
        Ok(payload) => payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(a panic without a message)".to_owned()),
        Err(join) => join.to_string(),
    }
}

/// Compares without stopping at the first difference, so timing does not reveal the secret.
fn same_secret(presented: &[u8], secret: &[u8]) -> bool {
    presented.len() == secret.len()
        && presented
            .iter()
            .zip(secret)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn random_secret() -> Result<String, ToolHostError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ToolHostError::Secret(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }

    #[test]
    fn random_secrets_differ_and_are_long() {
        let a = random_secret().unwrap();
        let b = random_secret().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[test]
    fn stub_timeouts_saturate_and_are_capped() {
        assert_eq!(stub_timeout_secs(Duration::from_secs(30)), 35);
        assert_eq!(stub_timeout_secs(Duration::from_millis(500)), 5);
        assert_eq!(stub_timeout_secs(Duration::MAX), STUB_TIMEOUT_CAP_SECS);
        assert_eq!(
            stub_timeout_secs(Duration::from_secs(u64::MAX - 1)),
            STUB_TIMEOUT_CAP_SECS
        );
    }

    #[test]
    fn the_secret_never_prints() {
        let config = ToolHostConfig {
            secret: Some("hunter2".into()),
            ..Default::default()
        };
        assert!(!format!("{config:?}").contains("hunter2"));
    }
}
