//! A loopback HTTP proxy that injects faults into chosen requests, for fault tests of the
//! client against the real server.
//!
//! [`FaultProxy`] sits between a client and an upstream server. Each client connection carries
//! one request: the proxy reads it whole (head and body), asks its rules whether to fault it,
//! then forwards it, holds it, answers it itself, or resets the connection. Both sides are told
//! `Connection: close`, so clients open a new connection per request and the end of a response
//! is the end of the upstream connection; response bodies (chunked or not, streamed or not) pass
//! through byte for byte unless a [`Fault::CutStreamAfter`] or [`Fault::EndStreamAfter`] stops
//! them early.
//!
//! ```no_run
//! use letta_testkit::fault_proxy::{Fault, FaultProxy, FaultRule};
//! # fn run(upstream: std::net::SocketAddr) -> std::io::Result<()> {
//! let proxy = FaultProxy::start(upstream)?;
//! proxy.push_rule(
//!     FaultRule::new(Fault::ResetAfterForward)
//!         .method("POST")
//!         .path("/v1/agents/*/messages")
//!         .probability(0.2, 42),
//! );
//! // Point the client at proxy.base_url(); afterwards:
//! let stats = proxy.stats();
//! println!("{} of {} requests reset after forwarding", stats.reset_after, stats.requests);
//! # Ok(()) }
//! ```

mod conn;
mod http;
mod listen;
mod rules;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub use rules::{Fault, FaultRule, RequestInfo};

use crate::LettaServer;

/// Counts of what the proxy did, since start or the last [`FaultProxy::clear`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaultStats {
    /// Requests read whole from clients.
    pub requests: usize,
    /// Requests written to the upstream (including those reset after forwarding, delayed, or
    /// whose stream was cut).
    pub forwarded: usize,
    /// [`Fault::ResetBeforeForward`] injected.
    pub reset_before: usize,
    /// [`Fault::ResetAfterForward`] injected.
    pub reset_after: usize,
    /// [`Fault::Delay`] injected.
    pub delayed: usize,
    /// [`Fault::Status`] answered.
    pub status: usize,
    /// Streams actually cut by [`Fault::CutStreamAfter`] (not those that ended first or were
    /// not event streams).
    pub cut_streams: usize,
    /// Streams actually ended early by [`Fault::EndStreamAfter`].
    pub ended_streams: usize,
    /// Connections accepted and held unanswered while the proxy was a black hole
    /// ([`FaultProxy::black_hole`]).
    pub black_holed: usize,
    /// Every fault chosen, in order: method, path and fault.
    pub injected: Vec<Injection>,
}

/// One fault chosen for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injection {
    /// The request's method.
    pub method: String,
    /// The request's path (without query).
    pub path: String,
    /// The fault chosen.
    pub fault: Fault,
}

/// State shared by the handle and the connection tasks.
#[derive(Debug, Default)]
struct Shared {
    rules: Mutex<Vec<FaultRule>>,
    stats: Mutex<FaultStats>,
}

impl Shared {
    /// The first rule (in push order) that takes `request`, recording the choice.
    fn pick(&self, request: &RequestInfo) -> Option<Fault> {
        let fault = lock(&self.rules)
            .iter_mut()
            .find_map(|rule| rule.take(request).then(|| rule.fault().clone()));
        let mut stats = lock(&self.stats);
        stats.requests += 1;
        if let Some(fault) = &fault {
            stats.injected.push(Injection {
                method: request.method.clone(),
                path: request.path.clone(),
                fault: fault.clone(),
            });
        }
        fault
    }

    fn count(&self, update: impl FnOnce(&mut FaultStats)) {
        update(&mut lock(&self.stats));
    }
}

/// A poisoned lock only means a connection task panicked mid-update; the counts are still
/// the best information there is.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Handle to a running fault proxy.
///
/// Cheap to clone: all clones share one proxy. Like [`crate::llm::ScriptedLlm`] it runs on its
/// own thread and tokio runtime, so it outlives the `#[tokio::test]` runtime that started it,
/// and lives until the process exits.
#[derive(Debug, Clone)]
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    switches: tokio::sync::mpsc::UnboundedSender<listen::Switch>,
}

/// How the proxy treats new connections: set with [`FaultProxy::refuse_connections`],
/// [`FaultProxy::black_hole`] and [`FaultProxy::restore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Availability {
    /// Listening, and serving each request as the rules say.
    Up,
    /// Not listening: connects are refused (`ECONNREFUSED`), as when the server is down.
    /// Connections already being served finish.
    Refusing,
    /// Accepting connections but never reading or answering them, as behind a network that
    /// drops packets; a client sees its call time out. They are reset when the outage ends.
    BlackHole,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` on 127.0.0.1 with an OS-chosen port. Returns once the
    /// listener is bound. With no rules it forwards every request unchanged.
    ///
    /// # Errors
    ///
    /// Fails if the socket cannot be bound, the runtime cannot be built or the thread cannot
    /// be spawned.
    pub fn start(upstream: SocketAddr) -> std::io::Result<FaultProxy> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("fault-proxy-worker")
            .enable_all()
            .build()?;
        let shared = Arc::new(Shared::default());
        let task_shared = Arc::clone(&shared);
        let (switches, receiver) = tokio::sync::mpsc::unbounded_channel();
        std::thread::Builder::new()
            .name(format!("fault-proxy-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(listen::accept_loop(listener, upstream, task_shared, receiver))
            })?;
        Ok(FaultProxy {
            addr,
            shared,
            switches,
        })
    }

    /// Starts a proxy in front of `server` (see [`FaultProxy::start`]).
    ///
    /// # Errors
    ///
    /// As [`FaultProxy::start`], and `InvalidInput` if the server's base URL is not
    /// `http://IP:PORT`.
    pub fn in_front_of(server: &LettaServer) -> std::io::Result<FaultProxy> {
        let upstream = server
            .base_url()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        FaultProxy::start(upstream)
    }

    /// The address the proxy listens on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `"http://127.0.0.1:PORT"`: the base URL to give the client instead of the upstream's.
    #[must_use]
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Adds a rule after the existing ones. Each request gets the fault of the first rule
    /// that takes it, or none.
    pub fn push_rule(&self, rule: FaultRule) {
        lock(&self.shared.rules).push(rule);
    }

    /// Removes every rule and resets the stats.
    pub fn clear(&self) {
        lock(&self.shared.rules).clear();
        *lock(&self.shared.stats) = FaultStats::default();
    }

    /// Stops listening: from when this returns, connects to the proxy's port are refused, until
    /// [`FaultProxy::restore`] listens on the same port again.
    ///
    /// # Errors
    ///
    /// Fails if the proxy's thread is gone.
    pub fn refuse_connections(&self) -> std::io::Result<()> {
        self.switch(Availability::Refusing)
    }

    /// Makes the proxy a black hole: from when this returns, new connections are accepted and
    /// never answered, until [`FaultProxy::restore`] (which resets them). Give the client a
    /// call timeout of a few seconds.
    ///
    /// # Errors
    ///
    /// Fails if the proxy cannot listen again (after [`FaultProxy::refuse_connections`]) or its
    /// thread is gone.
    pub fn black_hole(&self) -> std::io::Result<()> {
        self.switch(Availability::BlackHole)
    }

    /// Ends an outage: listening on the same port again, serving new connections, resetting
    /// those a black hole held.
    ///
    /// # Errors
    ///
    /// Fails if the port cannot be listened on again (another process took it) or the proxy's
    /// thread is gone.
    pub fn restore(&self) -> std::io::Result<()> {
        self.switch(Availability::Up)
    }

    /// Sends a switch to the proxy's thread and waits until it is in effect.
    fn switch(&self, to: Availability) -> std::io::Result<()> {
        let gone = || std::io::Error::other("the fault proxy's thread is gone");
        let (done, wait) = std::sync::mpsc::channel();
        self.switches.send((to, done)).map_err(|_| gone())?;
        wait.recv().map_err(|_| gone())?
    }

    /// What the proxy has done so far.
    #[must_use]
    pub fn stats(&self) -> FaultStats {
        lock(&self.shared.stats).clone()
    }
}
