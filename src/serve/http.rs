//! The HTTP side of `serve`: pages from memory, the live-reload script and its event stream.
//!
//! Why axum on tokio: the live reload is a long-lived server-sent-events stream per open tab, and
//! async tasks fan one rebuild out to any number of tabs without a thread each; axum's routing and
//! hyper's HTTP/1.1 are mature (HEAD, `Content-Length`, keep-alive handled for us). tower-http's
//! `ServeDir` is not used: nothing is served from disk, so there is no file-system path to get
//! wrong; every response comes from the in-memory site, and a request path is only ever a key.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast;

use super::overlay::Payload;
use super::path::{PagePath, Rejected, folder_location, parse_path, percent_decode};
use super::state::{Scope, SiteState, read, stylesheet};
use crate::diagnostic::Lang;

/// The client script, injected into every HTML page `serve` sends (never into `build` output).
const LIVE_JS: &str = include_str!("live.js");
/// The overlay's stylesheet, loaded inside its shadow root: an external file, so a page with a
/// strict Content-Security-Policy previews the same.
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// The Content-Security-Policy of every `serve` response: the one `deploy/` gives published
/// sites, so a preview refuses what the host would. The live-reload script, its stream and the
/// overlay's stylesheet are same-origin files, which `'self'` allows.
pub(crate) const CSP: &str =
    "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Where the client script and its stream live; no union slug can start with `_`.
pub(crate) const PREFIX: &str = "/__kumiai/";

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct App {
    pub state: Arc<RwLock<SiteState>>,
    pub ticks: broadcast::Sender<u64>,
    /// Tells this server apart from a previous one, so a tab reloads after a restart.
    pub instance: Arc<str>,
    pub lang: Lang,
    /// Listening on loopback only: then only requests naming a loopback host are answered.
    pub loopback_only: bool,
}

pub(crate) fn router(app: App) -> Router {
    Router::new()
        .route("/__kumiai/live.js", get(live_js))
        .route("/__kumiai/overlay.css", get(overlay_css))
        .route("/__kumiai/events", get(events))
        .fallback(site)
        .layer(middleware::from_fn_with_state(
            app.clone(),
            local_hosts_only,
        ))
        .with_state(app)
}

/// A page on the web can point a name of its own at 127.0.0.1 ("DNS rebinding") and then read
/// what a local server answers. A preview listening on loopback therefore answers only requests
/// addressed to a loopback name (`localhost`, `127.0.0.1`, `[::1]`); with an explicit `--bind`
/// to another address, any host is served.
async fn local_hosts_only(State(app): State<App>, request: Request, next: Next) -> Response {
    if app.loopback_only
        && let Some(host) = request.headers().get(header::HOST)
        && !is_loopback_host(host.to_str().unwrap_or_default())
    {
        return text(
                    StatusCode::FORBIDDEN,
                    "text/plain; charset=utf-8",
                    Bytes::from_static(
                        b"403 forbidden: kumiai serve on loopback answers only to localhost, 127.0.0.1 or [::1]\n",
                    ),
                );
    }
    next.run(request).await
}

pub(crate) fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        },
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn live_js() -> Response {
    text(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        Bytes::from_static(LIVE_JS.as_bytes()),
    )
}

async fn overlay_css() -> Response {
    text(
        StatusCode::OK,
        "text/css; charset=utf-8",
        Bytes::from_static(OVERLAY_CSS.as_bytes()),
    )
}

/// A response with the headers every `serve` response carries: never cached (a preview must
/// never show a stale page), never sniffed, under the published sites' [`CSP`].
fn text(status: StatusCode, content_type: &'static str, body: Bytes) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Every other path: the site itself.
async fn site(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"405 method not allowed: kumiai serve answers GET and HEAD\n"),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let raw = uri.path();
    let request = match parse_path(raw) {
        Ok(request) => request,
        Err(Rejected) => {
            return text(
                StatusCode::BAD_REQUEST,
                "text/plain; charset=utf-8",
                Bytes::from_static(b"400 bad request: this path is not allowed\n"),
            );
        }
    };
    let (found, generation) = {
        let state = read(&app.state);
        (lookup(&state, &request), state.generation)
    };
    match found {
        Found::File(path, bytes) => {
            let content_type = content_type(&path);
            let body = if content_type.starts_with("text/html") {
                inject(&bytes, &app.instance, generation)
            } else {
                bytes
            };
            text(StatusCode::OK, content_type, body)
        }
        Found::Folder => {
            let mut response = text(
                StatusCode::TEMPORARY_REDIRECT,
                "text/plain; charset=utf-8",
                Bytes::new(),
            );
            if let Ok(location) = HeaderValue::from_str(&folder_location(raw)) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Found::Nothing => not_found(&app, generation),
    }
}

/// The 404 page: plain, and with the live script, so it turns into the page when it appears.
fn not_found(app: &App, generation: u64) -> Response {
    let (title, text_line) = match app.lang {
        Lang::Ja => (
            "ページが見つかりません",
            "このアドレスのページはありません。組合のファイルを保存すると、このページは自動で更新されます。",
        ),
        Lang::En => (
            "Page not found",
            "There is no page at this address. This tab updates by itself when the page appears.",
        ),
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>404 {title}</title>\n</head>\n<body>\n<h1>404 {title}</h1>\n<p>{text_line}</p>\n<p><a href=\"/\">/</a></p>\n</body>\n</html>\n",
        lang = if app.lang == Lang::Ja { "ja" } else { "en" },
    );
    text(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        inject(html.as_bytes(), &app.instance, generation),
    )
}

enum Found {
    File(String, Bytes),
    /// A folder asked for without its trailing slash: redirect, so relative links work.
    Folder,
    Nothing,
}

/// Finds the file a path names: `/` the portal (or, with `--union`, that union), `/<slug>/…` a
/// union's files, anything else the portal's.
fn lookup(state: &SiteState, request: &PagePath) -> Found {
    let (files, rest) = match &state.only {
        Some(only) => (
            state.unions.get(only).and_then(|u| u.files.as_ref()),
            &request.segments[..],
        ),
        None => match request.segments.split_first() {
            Some((first, rest)) => match state.unions.get(first).and_then(|u| u.files.as_ref()) {
                Some(files) => (Some(files), rest),
                None => (state.portal.as_ref(), &request.segments[..]),
            },
            None => (state.portal.as_ref(), &request.segments[..]),
        },
    };
    let Some(files) = files else {
        return Found::Nothing;
    };
    let joined = rest.join("/");
    let wants_folder = request.folder || rest.is_empty();
    if wants_folder {
        let index = if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        };
        if !request.folder && files.contains_key(&index) {
            // `/<slug>` → `/<slug>/`
            return Found::Folder;
        }
        return match files.get(&index) {
            Some(bytes) => Found::File(index, bytes.clone()),
            None => Found::Nothing,
        };
    }
    match files.get(&joined) {
        Some(bytes) => Found::File(joined, bytes.clone()),
        None if files.contains_key(&format!("{joined}/index.html")) => Found::Folder,
        // A tab opened before the stylesheet changed still links the old name; its live-reload
        // script swaps the sheet by asking for that name again, and gets the current one.
        None if crate::render::is_css_path(&joined) => match stylesheet(files) {
            Some(current) => Found::File(current.to_string(), files[current].clone()),
            None => Found::Nothing,
        },
        None => Found::Nothing,
    }
}

/// The media type of a served file, by extension; text types say they are UTF-8.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds the live script just before `</body>` (or at the end of a page without one). The page's
/// generation rides along, so a rebuild between this response and the script's connection is
/// not missed.
pub(crate) fn inject(html: &[u8], instance: &str, generation: u64) -> Bytes {
    let tag = format!(
        "<script src=\"{PREFIX}live.js\" data-version=\"{instance}.{generation}\" defer></script>"
    );
    let at = rfind_ascii_case_insensitive(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    Bytes::from(out)
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// `GET /__kumiai/events?page=/acom/&v=INSTANCE.GEN`: the live-reload stream of one tab.
///
/// Events: `hello` (this server's instance), `errors` / `ok` (the diagnostics for the tab's page:
/// always once on connect, then whenever they change), `reload` (the page changed), `css` (only
/// the stylesheet changed; the data is the version the tab is now at). Without `page` the stream
/// covers the whole site.
async fn events(State(app): State<App>, uri: Uri) -> Response {
    let mut page = None;
    let mut version = None;
    for pair in uri.query().unwrap_or_default().split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(&value.replace('+', " ")).ok();
        match key {
            "page" => page = value,
            "v" => version = value,
            _ => {}
        }
    }
    // Subscribe before reading the state, so no rebuild falls between the two.
    let ticks = app.ticks.subscribe();
    let (scope, generation) = {
        let state = read(&app.state);
        let scope = match page.as_deref().map(parse_path) {
            Some(Ok(path)) => state.scope_of_page(&path.segments),
            Some(Err(Rejected)) => Scope::Portal,
            None => Scope::All,
        };
        (scope, state.generation)
    };
    // The generation the tab's page was rendered at: from its script tag, when it came from
    // this server; a page from a previous server run is stale by definition.
    let seen = match version.as_deref().and_then(|v| v.rsplit_once('.')) {
        Some((instance, generation)) if instance == &*app.instance => {
            generation.parse().unwrap_or(0)
        }
        Some(_) => 0,
        None => generation,
    };
    let mut client = Client {
        app,
        scope,
        seen,
        last_state: None,
        ticks,
        queue: std::collections::VecDeque::new(),
    };
    client.queue.push_back(
        Event::default()
            .event("hello")
            .data(&*client.app.instance)
            .retry(Duration::from_millis(500)),
    );
    client.sync();
    let mut response = Sse::new(client.into_stream())
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// One subscribed tab.
struct Client {
    app: App,
    scope: Scope,
    /// The generation the tab's page reflects.
    seen: u64,
    /// The last `errors` / `ok` data sent, to send only changes.
    last_state: Option<String>,
    ticks: broadcast::Receiver<u64>,
    queue: std::collections::VecDeque<Event>,
}

impl Client {
    /// Queues what the tab needs to hear about the current state.
    fn sync(&mut self) {
        let state = read(&self.app.state);
        let list = state.diagnostics(&self.scope);
        let payload = Payload::new(&list, self.app.lang);
        let name = if payload.errors > 0 { "errors" } else { "ok" };
        let data = serde_json::to_string(&payload).unwrap_or_else(|_| "{}".to_string());
        if self.last_state.as_ref() != Some(&data) {
            self.queue
                .push_back(Event::default().event(name).data(data.clone()));
            self.last_state = Some(data);
        }
        let stamp = state.stamp(&self.scope);
        let now = format!("{}.{}", self.app.instance, state.generation);
        if stamp.reloaded > self.seen {
            self.queue
                .push_back(Event::default().event("reload").data(now));
        } else if stamp.changed > self.seen {
            self.queue
                .push_back(Event::default().event("css").data(now));
        }
        self.seen = state.generation;
    }

    fn into_stream(self) -> impl Stream<Item = Result<Event, Infallible>> + Send + 'static {
        stream::unfold(self, |mut client| async move {
            loop {
                if let Some(event) = client.queue.pop_front() {
                    return Some((Ok(event), client));
                }
                match client.ticks.recv().await {
                    // Fell behind: the state is what counts, not each tick.
                    Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => client.sync(),
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_hosts_pass() {
        for ok in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "127.1.2.3",
            "[::1]:1111",
            "[::1]",
            "LOCALHOST.",
            "app.localhost:80",
        ] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "192.168.1.2:1111",
            "[2001:db8::1]:80",
            "localhost.evil.example",
            "",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }

    #[test]
    fn content_types_are_precise() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("files/a.PNG"), "image/png");
        assert_eq!(content_type("files/a.jpeg"), "image/jpeg");
        assert_eq!(content_type("files/a.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("files/a.pdf"), "application/pdf");
        assert_eq!(content_type("files/noext"), "application/octet-stream");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", "i", 3);
        let out = String::from_utf8(out.to_vec()).unwrap();
        assert!(out.contains(
            "<p>x</p><script src=\"/__kumiai/live.js\" data-version=\"i.3\" defer></script></BODY>"
        ));
        let out = inject(b"<p>no body end</p>", "i", 1);
        assert!(
            String::from_utf8(out.to_vec())
                .unwrap()
                .ends_with("</script>")
        );
    }
}
