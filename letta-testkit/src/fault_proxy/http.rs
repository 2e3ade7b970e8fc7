//! Just enough HTTP/1.1 framing to hold a request as a unit and to find SSE events in a
//! response: head parsing, and an incremental chunked-body decoder.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

/// Largest head (request or response) the proxy accepts; the client's heads are small.
const MAX_HEAD: usize = 64 * 1024;
/// Largest chunk-size or trailer line accepted.
const MAX_LINE: usize = 8 * 1024;

/// A parsed request or response head.
#[derive(Debug, Clone)]
pub(super) struct Head {
    /// The request line or status line, without its line end.
    pub(super) start: String,
    /// Header fields in order, names as sent.
    pub(super) headers: Vec<(String, String)>,
}

impl Head {
    /// The first value of header `name` (case-insensitive).
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the body is chunked (`Transfer-Encoding` ends in `chunked`).
    pub(super) fn is_chunked(&self) -> bool {
        self.header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().trim_end().ends_with("chunked"))
    }

    /// The `Content-Length`, if present and valid.
    pub(super) fn content_length(&self) -> Option<usize> {
        self.header("content-length").and_then(|v| v.trim().parse().ok())
    }

    /// The head re-encoded with `Connection: close` instead of any connection options, so
    /// that each side closes after one exchange and end of stream marks the end of it.
    pub(super) fn encode_closing(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(self.start.as_bytes());
        out.extend_from_slice(b"\r\n");
        for (name, value) in &self.headers {
            let hop = ["connection", "keep-alive", "proxy-connection"]
                .iter()
                .any(|h| name.eq_ignore_ascii_case(h));
            if !hop {
                out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
            }
        }
        out.extend_from_slice(b"Connection: close\r\n\r\n");
        out
    }
}

/// Reads one head from `io`. Bytes read past the head stay in `buf`.
///
/// Returns `Ok(None)` if the peer closed before sending anything.
pub(super) async fn read_head<R: AsyncRead + Unpin>(
    io: &mut R,
    buf: &mut Vec<u8>,
) -> io::Result<Option<Head>> {
    loop {
        if let Some(end) = find(buf, b"\r\n\r\n") {
            let text = String::from_utf8_lossy(&buf[..end]).into_owned();
            buf.drain(..end + 4);
            return parse_head(&text).map(Some);
        }
        if buf.len() > MAX_HEAD {
            return Err(invalid("head too large"));
        }
        if read_more(io, buf).await? == 0 {
            return if buf.is_empty() {
                Ok(None)
            } else {
                Err(io::ErrorKind::UnexpectedEof.into())
            };
        }
    }
}

fn parse_head(text: &str) -> io::Result<Head> {
    let mut lines = text.split("\r\n");
    let start = lines.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| invalid("header without a colon"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    Ok(Head { start, headers })
}

/// Reads the rest of a request body (framed by `head`) into `buf`, which may already hold
/// its first bytes; afterwards `buf` holds exactly the body as sent (still chunked if it was).
pub(super) async fn read_body<R: AsyncRead + Unpin>(
    io: &mut R,
    head: &Head,
    buf: &mut Vec<u8>,
) -> io::Result<()> {
    if head.is_chunked() {
        let mut decoder = ChunkedDecoder::default();
        let mut scratch = Vec::new();
        let mut consumed = 0;
        loop {
            consumed += decoder.feed(&buf[consumed..], &mut scratch)?;
            scratch.clear();
            if decoder.is_done() {
                buf.truncate(consumed);
                return Ok(());
            }
            if read_more(io, buf).await? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
    }
    let len = head.content_length().unwrap_or(0);
    while buf.len() < len {
        if read_more(io, buf).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
    buf.truncate(len);
    Ok(())
}

/// Appends whatever `io` has to `buf`; returns how many bytes (0 at end of stream).
pub(super) async fn read_more<R: AsyncRead + Unpin>(io: &mut R, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut chunk = [0u8; 16 * 1024];
    let n = io.read(&mut chunk).await?;
    buf.extend_from_slice(&chunk[..n]);
    Ok(n)
}

/// Position of the first `needle` in `haystack`.
pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

/// Where a [`ChunkedDecoder`] is in the body.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Reading a chunk-size line.
    #[default]
    Size,
    /// Inside chunk data, this many bytes left.
    Data(usize),
    /// Reading the line end after chunk data.
    DataEnd,
    /// Reading trailer lines after the last chunk.
    Trailer,
    /// The body is complete.
    Done,
}

/// Incremental decoder for a `Transfer-Encoding: chunked` body.
#[derive(Debug, Default)]
pub(super) struct ChunkedDecoder {
    state: State,
    line: Vec<u8>,
}

impl ChunkedDecoder {
    /// Whether the terminating chunk and trailer have been read.
    pub(super) fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Decodes from `input`, appending chunk data to `out`. Returns how many bytes of `input`
    /// were used: all of them, unless the body ended inside `input`.
    pub(super) fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> io::Result<usize> {
        let mut i = 0;
        while i < input.len() && self.state != State::Done {
            if let State::Data(left) = self.state {
                let take = left.min(input.len() - i);
                out.extend_from_slice(&input[i..i + take]);
                i += take;
                self.state = if left == take {
                    State::DataEnd
                } else {
                    State::Data(left - take)
                };
                continue;
            }
            let byte = input[i];
            i += 1;
            if byte != b'\n' {
                if self.line.len() >= MAX_LINE {
                    return Err(invalid("chunk line too long"));
                }
                self.line.push(byte);
                continue;
            }
            let line = String::from_utf8_lossy(&self.line).trim().to_owned();
            self.line.clear();
            self.state = match self.state {
                State::Size => {
                    let hex = line.split(';').next().unwrap_or_default().trim();
                    match usize::from_str_radix(hex, 16) {
                        Ok(0) => State::Trailer,
                        Ok(n) => State::Data(n),
                        Err(_) => return Err(invalid("bad chunk size")),
                    }
                }
                State::DataEnd if line.is_empty() => State::Size,
                State::DataEnd => return Err(invalid("chunk data too long")),
                State::Trailer if line.is_empty() => State::Done,
                other => other,
            };
        }
        Ok(i)
    }
}

/// Encodes `data` as one chunk.
pub(super) fn chunk(data: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_chunks_split_anywhere() {
        let body = b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-T: 1\r\n\r\nNEXT";
        let end = body.len() - b"NEXT".len();
        for split in 0..=end {
            let mut decoder = ChunkedDecoder::default();
            let mut out = Vec::new();
            let a = decoder.feed(&body[..split], &mut out).unwrap();
            assert_eq!(a, split);
            let b = decoder.feed(&body[split..], &mut out).unwrap();
            assert!(decoder.is_done(), "split {split}");
            assert_eq!(out, b"hello world");
            assert_eq!(split + b, end, "split {split}");
        }
    }

    #[test]
    fn rejects_a_bad_size() {
        let mut decoder = ChunkedDecoder::default();
        assert_eq!(
            decoder.feed(b"zz\r\n", &mut Vec::new()).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }

    #[test]
    fn closing_head_replaces_connection_options() {
        let head =
            parse_head("GET /x HTTP/1.1\r\nHost: a\r\nconnection: keep-alive\r\nKeep-Alive: 5").unwrap();
        assert_eq!(
            String::from_utf8(head.encode_closing()).unwrap(),
            "GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        );
        assert_eq!(head.header("HOST"), Some("a"));
    }
}
