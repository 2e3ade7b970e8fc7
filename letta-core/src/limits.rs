//! The limits every request is under, shared by both ways a request can go (straight to
//! `reqwest`, or through the `tower` service stack): deadlines that saturate instead of
//! overflowing, and reading a body with a size limit.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;
use http::{Method, StatusCode};
use http_body::Body;
use http_body_util::BodyExt;
use tokio::time::Instant;

use crate::error::{BoxError, LettaError};

/// A point in time a piece of work must finish by, with the limit it came from (for the error).
pub(crate) type Deadline = (Instant, Duration);

/// The deadline `limit` after `start`; `None` when there is no limit, or when it is too large to
/// add to `start` (`Duration::MAX`): such a limit means no limit.
pub(crate) fn deadline(start: Instant, limit: Option<Duration>) -> Option<Deadline> {
    let limit = limit?;
    Some((start.checked_add(limit)?, limit))
}

/// The shorter of two optional limits (`None` is no limit).
pub(crate) fn shorter(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Runs `work` until `deadline`; running out is [`LettaError::Timeout`] naming the request and
/// the limit.
pub(crate) async fn within<T>(
    deadline: Option<Deadline>,
    method: &Method,
    path: &str,
    work: impl Future<Output = Result<T, LettaError>>,
) -> Result<T, LettaError> {
    let Some((at, after)) = deadline else {
        return work.await;
    };
    tokio::time::timeout_at(at, work)
        .await
        .map_err(|_| LettaError::Timeout {
            method: method.clone(),
            path: path.to_owned(),
            after,
        })?
}

/// What a bounded read needs to name in its errors.
pub(crate) struct ReadContext<'a> {
    pub(crate) method: &'a Method,
    pub(crate) path: &'a str,
    pub(crate) status: StatusCode,
    /// The most bytes accepted; `u64::MAX` for no limit.
    pub(crate) limit: u64,
}

impl ReadContext<'_> {
    fn too_large(&self, declared: Option<u64>) -> LettaError {
        LettaError::TooLarge {
            method: self.method.clone(),
            path: self.path.to_owned(),
            status: self.status,
            limit: self.limit,
            declared,
        }
    }
}

/// Reads a whole body, at most `cx.limit` bytes of it.
///
/// A body that declares a larger size (its `Content-Length`, as the body's size hint) is refused
/// before anything is read; one that grows past the limit while being read is refused as soon as
/// it does, so no more than the limit (plus one chunk in flight) is ever held. A body that
/// arrives in one chunk is returned as is; otherwise the chunks are joined in a buffer sized to
/// the declared length, or grown by doubling up to the limit.
pub(crate) async fn read_limited<B>(
    body: B,
    map_err: impl Fn(B::Error) -> BoxError,
    cx: &ReadContext<'_>,
) -> Result<Bytes, LettaError>
where
    B: Body<Data = Bytes>,
{
    let hint = body.size_hint();
    if hint.lower() > cx.limit {
        return Err(cx.too_large(Some(hint.lower())));
    }
    let declared = hint.exact();
    let mut body = std::pin::pin!(body);
    let mut single: Option<Bytes> = None;
    let mut joined: Vec<u8> = Vec::new();
    let mut total: u64 = 0;
    while let Some(frame) = body.as_mut().frame().await {
        let frame = frame.map_err(|e| LettaError::Transport {
            method: cx.method.clone(),
            path: cx.path.to_owned(),
            maybe_sent: true,
            source: map_err(e),
        })?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if data.is_empty() {
            continue;
        }
        total = total.saturating_add(data.len() as u64);
        if total > cx.limit {
            return Err(cx.too_large(None));
        }
        if single.is_none() && joined.is_empty() {
            single = Some(data);
            continue;
        }
        if let Some(first) = single.take() {
            grow(&mut joined, first.len(), declared, cx.limit);
            joined.extend_from_slice(&first);
        }
        grow(&mut joined, data.len(), declared, cx.limit);
        joined.extend_from_slice(&data);
    }
    Ok(single.unwrap_or_else(|| Bytes::from(joined)))
}

/// Makes room for `more` bytes: the declared length when it is known, else double the capacity,
/// but never more than the limit (the caller has checked that `len + more` is within it).
fn grow(buffer: &mut Vec<u8>, more: usize, declared: Option<u64>, limit: u64) {
    let needed = buffer.len() + more;
    if needed <= buffer.capacity() {
        return;
    }
    let cap = usize::try_from(limit).unwrap_or(usize::MAX);
    let target = match declared.and_then(|d| usize::try_from(d).ok()) {
        Some(declared) => declared.max(needed),
        None => (buffer.capacity() * 2)
            .max(needed)
            .max(8 * 1024)
            .min(cap.max(needed)),
    };
    buffer.reserve_exact(target - buffer.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::{ResponseBody, full_body};

    fn cx(limit: u64) -> ReadContext<'static> {
        static GET: Method = Method::GET;
        ReadContext {
            method: &GET,
            path: "/v1/x",
            status: StatusCode::OK,
            limit,
        }
    }

    fn chunked(chunks: &[&'static [u8]]) -> ResponseBody {
        let frames = chunks
            .iter()
            .map(|c| Ok::<_, BoxError>(http_body::Frame::data(Bytes::from_static(c))))
            .collect::<Vec<_>>();
        http_body_util::StreamBody::new(futures_util::stream::iter(frames)).boxed()
    }

    #[tokio::test]
    async fn a_declared_size_over_the_limit_is_refused_before_reading() {
        let err = read_limited(full_body("0123456789"), |e| e, &cx(9))
            .await
            .unwrap_err();
        match err {
            LettaError::TooLarge {
                limit,
                declared,
                path,
                ..
            } => {
                assert_eq!((limit, declared), (9, Some(10)));
                assert_eq!(path, "/v1/x");
            }
            other => panic!("unexpected {other:?}"),
        }
        let ok = read_limited(full_body("0123456789"), |e| e, &cx(10))
            .await
            .unwrap();
        assert_eq!(ok, "0123456789");
    }

    #[tokio::test]
    async fn chunks_are_joined_and_counted_against_the_limit() {
        let body = read_limited(chunked(&[b"ab", b"", b"cd", b"e"]), |e| e, &cx(5))
            .await
            .unwrap();
        assert_eq!(body, "abcde");
        let err = read_limited(chunked(&[b"ab", b"cd", b"ef"]), |e| e, &cx(5))
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                LettaError::TooLarge {
                    limit: 5,
                    declared: None,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn deadlines_saturate() {
        let now = Instant::now();
        assert!(deadline(now, Some(Duration::MAX)).is_none());
        assert!(deadline(now, None).is_none());
        assert_eq!(
            deadline(now, Some(Duration::from_secs(1))),
            Some((now + Duration::from_secs(1), Duration::from_secs(1)))
        );
        let ok = within(None, &Method::GET, "/p", async { Ok::<_, LettaError>(1) }).await;
        assert_eq!(ok.unwrap(), 1);
        assert_eq!(shorter(Some(Duration::MAX), None), Some(Duration::MAX));
        assert_eq!(
            shorter(Some(Duration::from_secs(3)), Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
    }
}
