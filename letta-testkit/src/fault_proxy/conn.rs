//! One client connection: read its request whole, apply the chosen fault, relay the response.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use tokio::io::{AsyncWriteExt, copy};
use tokio::net::TcpStream;

use super::http::{ChunkedDecoder, Head, chunk, find, read_body, read_head, read_more};
use super::{Fault, RequestInfo, Shared};

/// Serves one client connection: one request, faulted as the rules say.
pub(super) async fn serve(mut client: TcpStream, upstream: SocketAddr, shared: Arc<Shared>) {
    if let Err(e) = handle(&mut client, upstream, &shared).await {
        // Mirror a broken exchange as a broken connection rather than a clean end that
        // could pass for a complete response.
        tracing::debug!(error = %e, "fault proxy: exchange failed");
        reset(&client);
    }
}

async fn handle(client: &mut TcpStream, upstream: SocketAddr, shared: &Shared) -> io::Result<()> {
    // Small writes (SSE events) should reach the client as they come.
    client.set_nodelay(true)?;
    let mut buf = Vec::new();
    let Some(head) = read_head(client, &mut buf).await? else {
        return Ok(());
    };
    read_body(client, &head, &mut buf).await?;
    let mut parts = head.start.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default();
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
        None => (target.to_owned(), None),
    };
    let info = RequestInfo {
        method,
        path,
        query,
        body: Bytes::from(buf),
    };
    let fault = shared.pick(&info);
    let mut request = head.encode_closing();
    request.extend_from_slice(&info.body);

    match fault {
        None => forward(client, upstream, &request, None, shared).await,
        Some(Fault::ResetBeforeForward) => {
            shared.count(|s| s.reset_before += 1);
            reset(client);
            Ok(())
        }
        Some(Fault::ResetAfterForward) => {
            let mut up = send(upstream, &request, shared).await?;
            // Read the whole response, not just its head: a streamed send answers its head
            // before the agent step runs, and leaving early could cancel the step. Draining
            // makes the outcome definite on the server and lost to the client.
            let _ = copy(&mut up, &mut tokio::io::sink()).await;
            shared.count(|s| s.reset_after += 1);
            reset(client);
            Ok(())
        }
        Some(Fault::Delay(delay)) => {
            shared.count(|s| s.delayed += 1);
            tokio::time::sleep(delay).await;
            forward(client, upstream, &request, None, shared).await
        }
        Some(Fault::Status {
            status,
            retry_after,
            retry_after_ms,
        }) => {
            shared.count(|s| s.status += 1);
            let response = status_response(status, retry_after.as_deref(), retry_after_ms);
            client.write_all(&response).await?;
            client.shutdown().await
        }
        Some(Fault::CutStreamAfter { events }) => {
            let cut = Cut { events, clean: false };
            forward(client, upstream, &request, Some(cut), shared).await
        }
        Some(Fault::EndStreamAfter { events }) => {
            let cut = Cut { events, clean: true };
            forward(client, upstream, &request, Some(cut), shared).await
        }
    }
}

/// Connects to the upstream and writes the whole request.
async fn send(upstream: SocketAddr, request: &[u8], shared: &Shared) -> io::Result<TcpStream> {
    let mut up = TcpStream::connect(upstream).await?;
    up.set_nodelay(true)?;
    up.write_all(request).await?;
    shared.count(|s| s.forwarded += 1);
    Ok(up)
}

/// Where to stop relaying an event stream.
#[derive(Debug, Clone, Copy)]
struct Cut {
    /// Complete events to let through.
    events: usize,
    /// End the body well-formed (final chunk) instead of breaking it off.
    clean: bool,
}

/// Forwards the request and relays the response, stopping an event stream as `cut` says.
async fn forward(
    client: &mut TcpStream,
    upstream: SocketAddr,
    request: &[u8],
    cut: Option<Cut>,
    shared: &Shared,
) -> io::Result<()> {
    let mut up = match TcpStream::connect(upstream).await {
        Ok(up) => up,
        Err(e) => {
            // The request was not sent: say so the way a gateway would.
            let body = format!("{{\"detail\":\"fault proxy: upstream unreachable: {e}\"}}");
            let response = format!(
                "HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            client.write_all(response.as_bytes()).await?;
            return client.shutdown().await;
        }
    };
    up.set_nodelay(true)?;
    up.write_all(request).await?;
    shared.count(|s| s.forwarded += 1);

    let mut rest = Vec::new();
    let Some(head) = read_head(&mut up, &mut rest).await? else {
        return Err(io::ErrorKind::UnexpectedEof.into());
    };
    client.write_all(&head.encode_closing()).await?;
    let event_stream = head
        .header("content-type")
        .is_some_and(|v| v.trim_start().starts_with("text/event-stream"));
    match cut {
        Some(cut) if event_stream => relay_cut(client, &mut up, &head, rest, cut, shared).await,
        _ => {
            // Upstream was told to close, so its end of stream is the end of the response,
            // whatever the framing.
            client.write_all(&rest).await?;
            copy(&mut up, client).await?;
            client.shutdown().await
        }
    }
}

/// Relays an event stream until `cut.events` complete events went through, then closes.
async fn relay_cut(
    client: &mut TcpStream,
    up: &mut TcpStream,
    head: &Head,
    mut raw: Vec<u8>,
    cut: Cut,
    shared: &Shared,
) -> io::Result<()> {
    let events = cut.events;
    let chunked = head.is_chunked();
    let frame = |data: &[u8]| if chunked { chunk(data) } else { data.to_vec() };
    let mut decoder = ChunkedDecoder::default();
    // Decoded bytes not yet sent: the start of an incomplete event.
    let mut pending = Vec::new();
    let mut sent = 0;
    loop {
        if chunked {
            decoder.feed(&raw, &mut pending)?;
        } else {
            pending.extend_from_slice(&raw);
        }
        raw.clear();
        while sent < events {
            let Some(end) = event_end(&pending) else {
                break;
            };
            let event: Vec<u8> = pending.drain(..end).collect();
            client.write_all(&frame(&event)).await?;
            sent += 1;
        }
        if sent >= events {
            if cut.clean {
                shared.count(|s| s.ended_streams += 1);
                if chunked {
                    client.write_all(b"0\r\n\r\n").await?;
                }
            } else {
                // A plain close: for a chunked body the missing last chunk tells the client
                // the body is incomplete.
                shared.count(|s| s.cut_streams += 1);
            }
            client.flush().await?;
            return client.shutdown().await;
        }
        let ended = (chunked && decoder.is_done()) || read_more(up, &mut raw).await? == 0;
        if ended {
            // The stream ended before the cut: pass on the rest unchanged.
            if !pending.is_empty() {
                client.write_all(&frame(&pending)).await?;
            }
            if chunked && decoder.is_done() {
                client.write_all(b"0\r\n\r\n").await?;
            }
            return client.shutdown().await;
        }
    }
}

/// The end (exclusive) of the first complete SSE event in `data`: after its blank line.
fn event_end(data: &[u8]) -> Option<usize> {
    let lf = find(data, b"\n\n").map(|i| i + 2);
    let crlf = find(data, b"\r\n\r\n").map(|i| i + 4);
    match (lf, crlf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A response the proxy answers itself.
fn status_response(status: u16, retry_after: Option<&str>, retry_after_ms: Option<u64>) -> Vec<u8> {
    let reason = match status {
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Injected Fault",
    };
    let body = r#"{"detail":"injected fault"}"#;
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(value) = retry_after {
        out.push_str(&format!("Retry-After: {value}\r\n"));
    }
    if let Some(ms) = retry_after_ms {
        out.push_str(&format!("retry-after-ms: {ms}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

/// Closes with a TCP reset (`SO_LINGER` 0) once the stream is dropped, so the client sees
/// a reset rather than an orderly end.
fn reset(stream: &TcpStream) {
    if let Err(e) = stream.set_zero_linger() {
        tracing::debug!(error = %e, "fault proxy: cannot set SO_LINGER");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_event_ends() {
        assert_eq!(event_end(b"data: a\n\ndata: b\n\n"), Some(9));
        assert_eq!(event_end(b"data: a\r\n\r\n"), Some(11));
        assert_eq!(event_end(b"data: a\n"), None);
    }

    #[test]
    fn status_response_carries_retry_headers() {
        let text = String::from_utf8(status_response(429, Some("2"), Some(1500))).unwrap();
        assert!(text.starts_with("HTTP/1.1 429 Too Many Requests\r\n"), "{text}");
        assert!(text.contains("\r\nRetry-After: 2\r\n"), "{text}");
        assert!(text.contains("\r\nretry-after-ms: 1500\r\n"), "{text}");
        assert!(
            text.ends_with("\r\n\r\n{\"detail\":\"injected fault\"}"),
            "{text}"
        );
    }
}
