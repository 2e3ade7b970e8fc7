//! Hostile loopback servers: raw HTTP over a tokio `TcpListener`, one task per connection, each
//! request handed to a script that decides what (if anything) to write back.

#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as received.
#[derive(Debug, Clone)]
pub struct Request {
    /// The request line and headers, as text.
    pub head: String,
    /// The body.
    pub body: Vec<u8>,
    /// Which connection it came on (0 for the first), and its index on that connection.
    pub connection: usize,
    pub on_connection: usize,
}

impl Request {
    pub fn request_line(&self) -> &str {
        self.head.lines().next().unwrap_or("")
    }
}

/// What the script does after a request.
pub enum Next {
    /// Read the next request on the same connection.
    KeepOpen,
    /// Close the connection.
    Close,
}

type Script =
    Arc<dyn Fn(Request, &mut TcpStream) -> Pin<Box<dyn Future<Output = Next> + Send + '_>> + Send + Sync>;

/// A running server: its base URL, and every request it received.
pub struct Server {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
    pub connections: Arc<AtomicUsize>,
}

impl Server {
    pub fn count(&self, request_line_prefix: &str) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.request_line().starts_with(request_line_prefix))
            .count()
    }

    pub fn all(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

/// Starts a server that runs `script` for every request it reads.
pub async fn serve<F>(script: F) -> Server
where
    F: for<'a> Fn(Request, &'a mut TcpStream) -> Pin<Box<dyn Future<Output = Next> + Send + 'a>>
        + Send
        + Sync
        + 'static,
{
    let script: Script = Arc::new(script);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let connections = Arc::new(AtomicUsize::new(0));
    let (log, count) = (requests.clone(), connections.clone());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let connection = count.fetch_add(1, Ordering::SeqCst);
            let (script, log) = (script.clone(), log.clone());
            tokio::spawn(async move {
                let mut buffered = Vec::new();
                for on_connection in 0.. {
                    let Some((head, body)) = read_request(&mut socket, &mut buffered).await else {
                        return;
                    };
                    let request = Request {
                        head,
                        body,
                        connection,
                        on_connection,
                    };
                    log.lock().unwrap().push(request.clone());
                    if let Next::Close = script(request, &mut socket).await {
                        let _ = socket.shutdown().await;
                        return;
                    }
                }
            });
        }
    });
    Server {
        url,
        requests,
        connections,
    }
}

/// Reads one request (head and a `Content-Length` body); `None` once the client closes.
async fn read_request(socket: &mut TcpStream, buffered: &mut Vec<u8>) -> Option<(String, Vec<u8>)> {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buffered.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffered[..end]).into_owned();
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if buffered.len() >= end + 4 + length {
                let body = buffered[end + 4..end + 4 + length].to_vec();
                buffered.drain(..end + 4 + length);
                return Some((head, body));
            }
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffered.extend_from_slice(&chunk[..n]);
    }
}

/// Writes a whole answer with a `Content-Length` (no `Connection: close`).
pub async fn answer(socket: &mut TcpStream, status: &str, body: &str) {
    let text = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let _ = socket.write_all(text.as_bytes()).await;
}

/// Writes `unit` over and over, `total` bytes in all (or forever when `None`), as chunked
/// transfer encoding when `chunked`, else raw; stops when the client goes away. Generated one
/// 64 KiB piece at a time, so the server holds nothing of the body.
pub async fn pour(socket: &mut TcpStream, unit: &[u8], total: Option<u64>, chunked: bool) {
    const PIECE: usize = 64 * 1024;
    let piece: Vec<u8> = unit
        .iter()
        .copied()
        .cycle()
        .take(PIECE / unit.len() * unit.len())
        .collect();
    let mut framed = format!("{:x}\r\n", piece.len()).into_bytes();
    framed.extend_from_slice(&piece);
    framed.extend_from_slice(b"\r\n");
    let mut sent: u64 = 0;
    while total.is_none_or(|t| sent < t) {
        let out = if chunked { &framed } else { &piece };
        if socket.write_all(out).await.is_err() {
            return;
        }
        sent += piece.len() as u64;
    }
    if chunked {
        let _ = socket.write_all(b"0\r\n\r\n").await;
    }
}

/// The small JSON answer of `GET /v1/agents/count`.
pub const COUNT: &str = "3";
