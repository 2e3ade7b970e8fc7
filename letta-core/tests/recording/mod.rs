//! What the end-to-end suites share: a transport layer that records which operation each request
//! is and whether the real server answered it with success, so a run can report how many
//! distinct operations it exercised on each server version.

#![allow(dead_code)] // Each suite uses its own part.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use letta_core::LettaError;
use letta_core::operations::{Operation, ServedBy};
use letta_core::transport::{Transport, TransportRequest, TransportResponse};

/// Which server a suite runs against: names the operations file and the document whose
/// `operationId`s are recorded.
#[derive(Clone, Copy)]
pub struct Suite {
    /// The operations file, under `$CARGO_TARGET_TMPDIR`.
    pub file: &'static str,
    /// The operation's ID in the server's document.
    pub id_in: fn(&ServedBy) -> Option<&'static str>,
}

/// The 0.7.29 suite (`tests/e2e`).
pub const V0_7: Suite = Suite {
    file: "e2e-operations.txt",
    id_in: |served| served.v0_7,
};

/// The 0.16.8 suite (`tests/e2e_0_16`).
pub const V0_16: Suite = Suite {
    file: "e2e-operations-0.16.8.txt",
    id_in: |served| served.v0_16,
};

/// Records which operation each request is, and whether the server answered it with success.
#[derive(Clone)]
pub struct Recorder {
    pub inner: Transport,
    pub suite: Suite,
}

impl Recorder {
    /// A layer that wraps a transport in a recorder for `suite`.
    pub fn layer(
        suite: Suite,
    ) -> impl tower::Layer<Transport, Service = Recorder> + Clone + Send + Sync + 'static {
        tower::layer::layer_fn(move |inner| Recorder { inner, suite })
    }
}

impl tower::Service<TransportRequest> for Recorder {
    type Response = TransportResponse;
    type Error = LettaError;
    type Future =
        std::pin::Pin<Box<dyn std::future::Future<Output = Result<TransportResponse, LettaError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), LettaError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: TransportRequest) -> Self::Future {
        let (method, path) = (request.method().to_string(), request.uri().path().to_owned());
        // The client tags every request with its operation; it must agree with the table.
        let Some(op) = request.extensions().get::<Operation>().copied() else {
            panic!("{method} {path} carries no operation");
        };
        assert_eq!(
            Operation::find(&method, &path).map(|o| o.id),
            Some(op.id),
            "{method} {path}"
        );
        // An operation the server does not serve never gets here: the client refuses it first.
        let id = (self.suite.id_in)(&op.served_by).unwrap_or_else(|| {
            panic!(
                "{method} {path} ({}) reached a server that does not serve it",
                op.id
            )
        });
        let file = self.suite.file;
        let answer = self.inner.call(request);
        Box::pin(async move {
            let answer = answer.await;
            let ok = answer.as_ref().is_ok_and(|r| r.status().is_success());
            record_operation(file, id, ok);
            answer
        })
    }
}

/// Appends each (operation, outcome) seen for the first time to `$CARGO_TARGET_TMPDIR/<file>`
/// (emptied when the binary records its first operation) as `id ok` or `id error`.
fn record_operation(file: &'static str, id: &'static str, ok: bool) {
    static SEEN: OnceLock<Mutex<HashSet<(&'static str, bool)>>> = OnceLock::new();
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(file);
    let seen = SEEN.get_or_init(|| {
        let _ = std::fs::write(&file, "");
        Mutex::new(HashSet::new())
    });
    let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
    if seen.insert((id, ok)) {
        use std::io::Write;
        let mut out = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&file)
            .expect("operations file");
        writeln!(out, "{id} {}", if ok { "ok" } else { "error" }).expect("operations file");
    }
}

/// Calls `call` again once if the server answered 500. Only for the races 0.16.8 has between
/// concurrent requests on one organization, which the tests running side by side provoke: its
/// get-or-create of the built-in tools (every first page of tools that lacks one upserts them
/// all) and of the default local sandbox (every tool run makes sure it exists).
pub async fn once_more_after_a_race<T, F, Fut>(call: F) -> Result<T, letta_core::LettaError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, letta_core::LettaError>>,
{
    match call().await {
        Err(e) if e.status().map(|s| s.as_u16()) == Some(500) => call().await,
        other => other,
    }
}
