//! The HTTP side of `hoso serve`: what a request carries (path, query, cookie, host, origin, body)
//! and the replies, over tiny_http. No routing here.

use std::io::Read;
use tiny_http::{Header, Request, Response};

/// A reply before it is sent.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Body,
    pub headers: Vec<(String, String)>,
}

pub enum Body {
    Bytes(Vec<u8>),
    File(std::fs::File),
}

impl Reply {
    pub fn bytes(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            body: Body::Bytes(body),
            headers: Vec::new(),
        }
    }
    pub fn json(v: &serde_json::Value) -> Reply {
        Reply::bytes(
            200,
            "application/json; charset=utf-8",
            serde_json::to_vec(v).unwrap_or_default(),
        )
    }
    /// A refusal or failure with its Vietnamese reason, as JSON `{"loi": …}`.
    pub fn error(status: u16, msg: &str) -> Reply {
        let mut r = Reply::json(&serde_json::json!({ "loi": msg }));
        r.status = status;
        r
    }
    pub fn with(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn send(self, req: Request) {
        let mut headers: Vec<Header> = vec![
            header("Content-Type", self.content_type),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
            header("Referrer-Policy", "no-referrer"),
            header(
                "Content-Security-Policy",
                "default-src 'self'; connect-src 'self' wss://127.0.0.1:* wss://localhost:*; img-src 'self' data:; frame-src 'self'; object-src 'self'; frame-ancestors 'self'",
            ),
        ];
        headers.extend(self.headers.iter().map(|(n, v)| header(n, v)));
        let result = match self.body {
            Body::Bytes(b) => {
                let mut r = Response::from_data(b).with_status_code(self.status);
                for h in headers {
                    r.add_header(h);
                }
                req.respond(r)
            }
            Body::File(f) => {
                let mut r = Response::from_file(f).with_status_code(self.status);
                for h in headers {
                    r.add_header(h);
                }
                req.respond(r)
            }
        };
        let _ = result; // the browser went away: nothing to do
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Hoso"[..], &b"-"[..]).expect("ascii header"))
}

/// The header's value, if present and ASCII.
pub fn header_value<'a>(req: &'a Request, name: &'static str) -> Option<&'a str> {
    req.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// The value of cookie `name`.
pub fn cookie<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers()
        .iter()
        .filter(|h| h.field.equiv("Cookie"))
        .flat_map(|h| h.value.as_str().split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Splits a request target into its decoded path and its decoded query pairs.
pub fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode(k, true), decode(v, true))
        })
        .collect();
    (decode(path, false), pairs)
}

pub fn query<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Percent-decoding (`+` is a space in a query); invalid UTF-8 is replaced, never a panic.
pub fn decode(s: &str, plus: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(x) => {
                        out.push(x);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of one path segment or query value.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reads at most `limit` bytes of the body; `Err` names the limit when the body is larger.
pub fn read_body(req: &mut Request, limit: usize) -> Result<Vec<u8>, String> {
    let too_big = || {
        format!(
            "tệp gửi lên lớn hơn giới hạn {} MB — kiểm tra lại tệp (một văn bản PDF đã ký thường chỉ vài MB)",
            limit / (1024 * 1024)
        )
    };
    if req.body_length().is_some_and(|n| n > limit) {
        return Err(too_big());
    }
    let mut buf = Vec::new();
    req.as_reader()
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("không đọc được dữ liệu gửi lên: {e}"))?;
    if buf.len() > limit {
        return Err(too_big());
    }
    Ok(buf)
}

/// The first file of a `multipart/form-data` body (the signing service posts the signed PDF so);
/// any other body is the file itself.
pub fn file_in_body<'a>(content_type: Option<&str>, body: &'a [u8]) -> Option<&'a [u8]> {
    let ct = content_type.unwrap_or_default();
    if !ct.to_ascii_lowercase().starts_with("multipart/form-data") {
        return Some(body);
    }
    let boundary = ct
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim_matches('"'))?;
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let mut rest = body;
    let mut first: Option<&[u8]> = None;
    while let Some(start) = find(rest, delim) {
        rest = &rest[start + delim.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&rest[..head_end]).to_ascii_lowercase();
        let content = &rest[head_end + 4..];
        let end = find(content, delim)?;
        let data = content[..end]
            .strip_suffix(b"\r\n")
            .unwrap_or(&content[..end]);
        if head.contains("filename=") {
            return Some(data);
        }
        first.get_or_insert(data);
        rest = &content[end..];
    }
    first
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Equal-time comparison of two secrets.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_decode_without_panics() {
        let (p, q) = split_url("/api/t%E1%BB%87p/a%2Fb?x=1+2&y=%zz&z");
        assert_eq!(p, "/api/tệp/a/b");
        assert_eq!(query(&q, "x"), Some("1 2"));
        assert_eq!(query(&q, "y"), Some("%zz"));
        assert_eq!(query(&q, "z"), Some(""));
        assert_eq!(decode("%", false), "%");
        assert_eq!(decode("%4", false), "%4");
        assert_eq!(decode("%ff%fe", false), "\u{fffd}\u{fffd}");
        assert_eq!(encode("Mẫu 01.pdf"), "M%E1%BA%ABu%2001.pdf");
        assert_eq!(decode(&encode("Mẫu 01/..pdf"), false), "Mẫu 01/..pdf");
    }

    #[test]
    fn multipart_gives_the_file_part() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"SessionId\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\nbody\r\n--XyZ--\r\n";
        let f = file_in_body(Some("multipart/form-data; boundary=XyZ"), body);
        assert_eq!(f, Some(&b"%PDF-1.7\r\nbody"[..]));
        assert_eq!(
            file_in_body(Some("application/pdf"), b"%PDF"),
            Some(&b"%PDF"[..])
        );
        assert_eq!(file_in_body(Some("multipart/form-data"), body), None);
        assert_eq!(
            file_in_body(Some("multipart/form-data; boundary=Q"), b"--Q\r\nbroken"),
            None
        );
    }

    #[test]
    fn secrets_compare() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
    }
}
