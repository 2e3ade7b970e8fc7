//! The proxy's listener and its outages: serving, refusing connections (not listening), or
//! holding them unanswered (a black hole), switched at run time.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::mpsc;

use super::{Availability, Shared};

/// A request to switch the availability; answered once the switch is in effect.
pub(super) type Switch = (Availability, std::sync::mpsc::Sender<io::Result<()>>);

/// Accepts connections for as long as the process lives, one task each while up.
pub(super) async fn accept_loop(
    listener: std::net::TcpListener,
    upstream: SocketAddr,
    shared: Arc<Shared>,
    mut switches: mpsc::UnboundedReceiver<Switch>,
) {
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(e) => {
            tracing::error!(error = %e, "fault proxy: no local address");
            return;
        }
    };
    let mut listener = match TcpListener::from_std(listener) {
        Ok(l) => Some(l),
        Err(e) => {
            tracing::error!(error = %e, "fault proxy: cannot adopt listener");
            return;
        }
    };
    let mut mode = Availability::Up;
    // Connections accepted during a black hole: never read, never answered.
    let mut held: Vec<TcpStream> = Vec::new();
    // The handles are all gone: no more switches, but serve on until the process exits, as
    // documented.
    let mut orphaned = false;
    loop {
        let event = tokio::select! {
            switch = switches.recv(), if !orphaned => Event::Switch(switch),
            accepted = accept(listener.as_ref()) => Event::Accepted(accepted),
        };
        match event {
            Event::Switch(None) => orphaned = true,
            Event::Switch(Some((next, done))) => {
                let result = switch_to(next, addr, &mut listener, &mut held).await;
                if result.is_ok() {
                    mode = next;
                }
                let _ = done.send(result);
            }
            Event::Accepted(Ok(client)) if mode == Availability::BlackHole => {
                shared.count(|s| s.black_holed += 1);
                held.push(client);
            }
            Event::Accepted(Ok(client)) => {
                tokio::spawn(super::conn::serve(client, upstream, Arc::clone(&shared)));
            }
            Event::Accepted(Err(e)) => {
                // Typically out of file descriptors: back off instead of spinning.
                tracing::warn!(error = %e, "fault proxy: accept failed");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

enum Event {
    Switch(Option<Switch>),
    Accepted(io::Result<TcpStream>),
}

/// The next connection, or never while not listening.
async fn accept(listener: Option<&TcpListener>) -> io::Result<TcpStream> {
    match listener {
        Some(l) => l.accept().await.map(|(client, _)| client),
        None => std::future::pending().await,
    }
}

/// Puts `next` into effect: closes or reopens the listener, and ends a black hole by resetting
/// the connections it held.
async fn switch_to(
    next: Availability,
    addr: SocketAddr,
    listener: &mut Option<TcpListener>,
    held: &mut Vec<TcpStream>,
) -> io::Result<()> {
    if next != Availability::BlackHole {
        for client in held.drain(..) {
            // A reset, as when a middlebox that dropped the packets forgets the connection.
            let _ = client.set_zero_linger();
        }
    }
    match next {
        Availability::Refusing => {
            // Closing the socket refuses new connects, and resets those not yet accepted.
            *listener = None;
        }
        Availability::Up | Availability::BlackHole => {
            if listener.is_none() {
                *listener = Some(listen_again(addr).await?);
            }
        }
    }
    Ok(())
}

/// Listens on `addr` again; the port may take a moment to be free of the old socket.
async fn listen_again(addr: SocketAddr) -> io::Result<TcpListener> {
    let mut last = None;
    for _ in 0..50 {
        let socket = TcpSocket::new_v4()?;
        socket.set_reuseaddr(true)?;
        match socket.bind(addr).and_then(|()| socket.listen(1024)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(last.unwrap_or_else(|| io::ErrorKind::AddrInUse.into()))
}
