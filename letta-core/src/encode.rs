//! Encoding requests and decoding answers: multipart bodies, path segments, JSON answers.

use bytes::Bytes;
use http::Method;
use serde::de::DeserializeOwned;

use crate::client::RequestBody;
use crate::error::LettaError;

pub(crate) fn decode<T: DeserializeOwned>(
    method: &Method,
    path: &str,
    bytes: &[u8],
) -> Result<T, LettaError> {
    serde_json::from_slice(bytes).map_err(|source| LettaError::Decode {
        method: method.clone(),
        path: path.to_owned(),
        body: String::from_utf8_lossy(bytes).into_owned(),
        source,
    })
}

/// A `multipart/form-data` body with one file field, as FastAPI's `UploadFile` expects.
pub(crate) fn multipart_file(
    field: &str,
    file_name: &str,
    content_type: &str,
    content: &[u8],
) -> RequestBody {
    // The boundary must not occur in the content; a clash just moves to the next candidate.
    let mut n: u64 = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let boundary = loop {
        let candidate = format!("letta-rs-{n:016x}");
        if !content
            .windows(candidate.len())
            .any(|w| w == candidate.as_bytes())
        {
            break candidate;
        }
        n = n.wrapping_add(1);
    };
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut body = Vec::with_capacity(content.len() + 256);
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {content_type}\r\n\r\n",
            quote(field),
            quote(file_name)
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    RequestBody::Raw {
        bytes: Bytes::from(body),
        content_type: format!("multipart/form-data; boundary={boundary}"),
    }
}

/// Escapes one path segment (an ID, a block label) so it cannot change the route.
pub(crate) fn seg(value: &str) -> std::borrow::Cow<'_, str> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    // Borrowed when nothing needs escaping (every ID the server hands out).
    let encoded: std::borrow::Cow<'_, str> = percent_encoding::utf8_percent_encode(value, SEGMENT).into();
    // "." and ".." are dot-segments that URL normalisation would resolve away.
    if encoded.chars().all(|c| c == '.') {
        return encoded.replace('.', "%2E").into();
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_escape_the_route() {
        assert_eq!(seg("agent-1234_ab.c~"), "agent-1234_ab.c~");
        assert_eq!(seg("../x?y#z w/"), "..%2Fx%3Fy%23z%20w%2F");
        assert_eq!(seg(".."), "%2E%2E");
        assert_eq!(seg(""), "");
    }

    #[test]
    fn multipart_wraps_the_file_in_one_part() {
        let RequestBody::Raw { bytes, content_type } =
            multipart_file("file", "a\"b.json", "application/json", b"{\"x\":1}")
        else {
            panic!("not a raw body");
        };
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.contains("name=\"file\"; filename=\"a\\\"b.json\""));
        assert!(text.contains("Content-Type: application/json\r\n\r\n{\"x\":1}\r\n"));
        assert!(text.ends_with(&format!("\r\n--{boundary}--\r\n")));
    }

    #[test]
    fn decode_keeps_the_raw_body() {
        let err = decode::<u32>(&Method::GET, "/v1/x", b"{oops").unwrap_err();
        match err {
            LettaError::Decode { body, path, .. } => {
                assert_eq!(body, "{oops");
                assert_eq!(path, "/v1/x");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
