//! A tiny HTTP/1.1 and server-sent-events client over `std::net::TcpStream`, shared by
//! `tests/serve.rs` and `benches/serve_latency.rs`. Raw request lines, so traversal attempts
//! reach the server unaltered; every read has a timeout.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Longest wait for anything the server should do "at once".
pub const WAIT: Duration = Duration::from_secs(10);

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub fn request(addr: SocketAddr, method: &str, target: &str) -> Reply {
    request_to(addr, method, target, &addr.to_string())
}

/// A request naming `host` in its `Host` header.
pub fn request_to(addr: SocketAddr, method: &str, target: &str, host: &str) -> Reply {
    let mut stream = TcpStream::connect_timeout(&addr, WAIT).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let head = format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = find(&raw, b"\r\n\r\n").expect("a complete response head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        let mut decoder = Dechunker::default();
        body = decoder.feed(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

pub fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target)
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Incremental `Transfer-Encoding: chunked` decoding.
#[derive(Default)]
pub struct Dechunker {
    pending: Vec<u8>,
    /// Data bytes still due in the current chunk.
    data_left: usize,
    /// CRLF bytes still to skip after a chunk's data.
    skip: usize,
}

impl Dechunker {
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        loop {
            if self.skip > 0 {
                let n = self.skip.min(self.pending.len());
                self.pending.drain(..n);
                self.skip -= n;
                if self.skip > 0 {
                    return out;
                }
                continue;
            }
            if self.data_left > 0 {
                let n = self.data_left.min(self.pending.len());
                out.extend(self.pending.drain(..n));
                self.data_left -= n;
                if self.data_left > 0 {
                    return out;
                }
                self.skip = 2;
                continue;
            }
            let Some(end) = find(&self.pending, b"\r\n") else {
                return out;
            };
            let line = String::from_utf8_lossy(&self.pending[..end]).into_owned();
            self.pending.drain(..end + 2);
            let size =
                usize::from_str_radix(line.split(';').next().unwrap_or("").trim(), 16).unwrap_or(0);
            if size == 0 {
                return out;
            }
            self.data_left = size;
        }
    }
}

/// A live-reload subscriber: server-sent events from /__kumiai/events, parsed on a thread.
pub struct Events {
    rx: mpsc::Receiver<(String, String)>,
    stream: TcpStream,
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

pub fn subscribe(addr: SocketAddr, query: &str) -> Events {
    let mut stream = TcpStream::connect_timeout(&addr, WAIT).unwrap();
    let head = format!(
        "GET /__kumiai/events{query} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut reader = stream.try_clone().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut raw = Vec::new();
        let mut buf = [0u8; 8192];
        // The response head.
        let body_start = loop {
            let Ok(n) = reader.read(&mut buf) else { return };
            if n == 0 {
                return;
            }
            raw.extend_from_slice(&buf[..n]);
            if let Some(at) = find(&raw, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..at]).to_string();
                assert!(head.starts_with("HTTP/1.1 200"), "{head}");
                assert!(
                    head.to_ascii_lowercase().contains("text/event-stream"),
                    "{head}"
                );
                break at + 4;
            }
        };
        let mut dechunk = Dechunker::default();
        let mut text = String::from_utf8_lossy(&dechunk.feed(&raw[body_start..])).into_owned();
        loop {
            while let Some(at) = text.find("\n\n") {
                let block: String = text.drain(..at + 2).collect();
                let mut name = String::new();
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim_start().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push(v.strip_prefix(' ').unwrap_or(v).to_string());
                    }
                }
                if !name.is_empty() && tx.send((name, data.join("\n"))).is_err() {
                    return;
                }
            }
            let n = match reader.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            text.push_str(&String::from_utf8_lossy(&dechunk.feed(&buf[..n])));
        }
    });
    let events = Events { rx, stream };
    // Every stream starts with `hello`, then the current state (`ok` or `errors`).
    events.expect("hello");
    events
}

impl Events {
    pub fn next(&self, within: Duration) -> Option<(String, String)> {
        self.rx.recv_timeout(within).ok()
    }

    /// Waits for an event named `name`, skipping others; its data.
    pub fn expect(&self, name: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some((n, data)) if n == name => return data,
                Some((n, _)) => seen.push(n),
                None => break,
            }
        }
        panic!("no `{name}` event within {WAIT:?}; saw {seen:?}");
    }

    /// Every event during `window`.
    pub fn during(&self, window: Duration) -> Vec<String> {
        let deadline = Instant::now() + window;
        let mut names = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some((n, _)) => names.push(n),
                None => break,
            }
        }
        names
    }
}
