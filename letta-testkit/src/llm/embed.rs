//! Deterministic fake embeddings for `POST /v1/embeddings`.
//!
//! A bag-of-words feature hash: each lower-cased word is hashed with FNV-1a
//! into one bucket, a small constant is added to every component (so empty
//! text is not the zero vector) and the result is L2-normalised. Texts that
//! share words therefore have a higher cosine similarity, which is enough for
//! archival-memory search tests to be meaningful and reproducible.

use serde_json::{Value, json};

use super::{EMBEDDING_DIM, EMBEDDING_MODEL};

/// Largest `dimensions` a request may ask for (guards memory use).
pub(crate) const MAX_DIM: usize = 65_536;

/// Baseline added to every component before normalising.
const BASELINE: f32 = 0.01;

/// 64-bit FNV-1a hash: fixed and platform independent, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Lower-cased alphanumeric words of `text`.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The embedding of `text` with `dim` components (`dim` must be > 0).
pub(crate) fn embed(text: &str, dim: usize) -> Vec<f32> {
    let dim = dim.max(1);
    let mut v = vec![BASELINE; dim];
    for word in words(text) {
        // The remainder is < dim, so it always fits back into usize.
        let bucket = usize::try_from(fnv1a(word.as_bytes()) % dim as u64).unwrap_or(0);
        v[bucket] += 1.0;
    }
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in &mut v {
            *x /= norm;
        }
    }
    v
}

/// Standard base64 (RFC 4648, with padding) of `bytes`.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextets = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for (i, s) in sextets.iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[*s as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Reads the `input` field: a string, a list of strings, or (as the OpenAI
/// API also allows) token-id lists, which are embedded as their digits.
fn inputs(request: &Value) -> Result<Vec<String>, String> {
    let as_text = |v: &Value| -> Result<String, String> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Array(tokens) if tokens.iter().all(Value::is_number) => {
                Ok(tokens.iter().map(Value::to_string).collect::<Vec<_>>().join(" "))
            }
            _ => Err("'input' items must be strings or token lists".to_owned()),
        }
    };
    match request.get("input") {
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(items)) if items.iter().all(Value::is_number) && !items.is_empty() => {
            Ok(vec![as_text(&Value::Array(items.clone()))?])
        }
        Some(Value::Array(items)) if items.is_empty() => Err("'input' must not be empty".to_owned()),
        Some(Value::Array(items)) => items.iter().map(as_text).collect(),
        Some(_) => Err("'input' must be a string or an array".to_owned()),
        None => Err("missing required parameter: 'input'".to_owned()),
    }
}

/// Builds the OpenAI embeddings response for a request body, or a message
/// for a 400 answer when the request is malformed.
pub(crate) fn respond(request: &Value) -> Result<Value, String> {
    let texts = inputs(request)?;
    let dim = match request.get("dimensions") {
        None | Some(Value::Null) => EMBEDDING_DIM,
        Some(v) => match v.as_u64().and_then(|n| usize::try_from(n).ok()) {
            Some(n) if (1..=MAX_DIM).contains(&n) => n,
            _ => return Err(format!("'dimensions' must be an integer in 1..={MAX_DIM}")),
        },
    };
    let base64_wanted = match request.get("encoding_format") {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) if s == "float" => false,
        Some(Value::String(s)) if s == "base64" => true,
        Some(_) => return Err("'encoding_format' must be \"float\" or \"base64\"".to_owned()),
    };
    let model = request
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or(EMBEDDING_MODEL);

    let mut tokens = 0usize;
    let data: Vec<Value> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| {
            tokens += words(text).count().max(1);
            let vector = embed(text, dim);
            let embedding = if base64_wanted {
                let bytes: Vec<u8> = vector.iter().flat_map(|x| x.to_le_bytes()).collect();
                Value::String(base64(&bytes))
            } else {
                json!(vector)
            };
            json!({"object": "embedding", "index": index, "embedding": embedding})
        })
        .collect();
    Ok(json!({
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cosine similarity of two already-normalised vectors.
    fn dot(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn deterministic_normalised_and_sized() {
        let a = embed("The cat sat on the mat", EMBEDDING_DIM);
        assert_eq!(a, embed("the CAT, sat on the mat!", EMBEDDING_DIM));
        assert_eq!(a.len(), EMBEDDING_DIM);
        assert!((dot(&a, &a) - 1.0).abs() < 1e-5);
        assert_eq!(embed("x", 7).len(), 7);
        let empty = embed("", 16);
        assert!((dot(&empty, &empty) - 1.0).abs() < 1e-5);
        assert_eq!(embed("", 0).len(), 1);
    }

    #[test]
    fn shared_words_are_closer() {
        let query = embed("favourite colour blue", EMBEDDING_DIM);
        let near = embed("my favourite colour is blue", EMBEDDING_DIM);
        let far = embed("the train leaves at noon", EMBEDDING_DIM);
        assert!(dot(&query, &near) > dot(&query, &far) + 0.3);
    }

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn respond_shapes_and_errors() {
        let r = respond(&json!({"input": ["a b", "c"], "model": "m", "dimensions": 8}));
        let r = r.expect("valid request");
        assert_eq!(r["model"], "m");
        assert_eq!(r["data"][1]["index"], 1);
        assert_eq!(r["data"][0]["embedding"].as_array().map(Vec::len), Some(8));
        assert_eq!(r["usage"]["prompt_tokens"], 3);

        let b = respond(&json!({"input": "a", "encoding_format": "base64", "dimensions": 3}));
        let b = b.expect("valid request");
        // 3 floats = 12 bytes = 16 base64 characters.
        assert_eq!(b["data"][0]["embedding"].as_str().map(str::len), Some(16));

        let tokens = respond(&json!({"input": [1, 2, 3]})).expect("token ids");
        assert_eq!(tokens["data"].as_array().map(Vec::len), Some(1));

        for bad in [
            json!({}),
            json!({"input": 3}),
            json!({"input": []}),
            json!({"input": [{}]}),
            json!({"input": "a", "dimensions": 0}),
            json!({"input": "a", "dimensions": "8"}),
            json!({"input": "a", "encoding_format": "hex"}),
        ] {
            assert!(respond(&bad).is_err(), "{bad}");
        }
    }
}
