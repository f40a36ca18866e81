//! `kumiai serve`: build into memory, serve over HTTP on localhost, rebuild on every save, and
//! reload the open tabs (or show the build's diagnostics over the page).
//!
//! The parts: `state` holds the rendered sites in memory; `engine` rebuilds them through the
//! same per-union pipeline as `build` (one union when its file changes, everything when the
//! base, the theme or the settings change) and `console` reports each rebuild; `watch` turns
//! file events into one rebuild per save; `http` serves the pages, the client script, the
//! live-reload event stream and the `overlay` of diagnostics. Nothing is written to disk, and the client script exists only in
//! what `serve` sends: `build` output never contains it.

mod console;
mod engine;
mod http;
mod overlay;
mod path;
mod state;
mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, anyhow};
use tokio::sync::broadcast;

use crate::diagnostic::Lang;
use crate::diagnostic::messages::serve as words;
use crate::project::select_unions;
use engine::Engine;
use state::SiteState;

/// What `kumiai serve` was asked for. Start from [`ServeOptions::new`] and set the fields you
/// need: new options may be added (the struct is `#[non_exhaustive]`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServeOptions {
    /// Project root: holds `kumiai.toml`, `content/`, `unions/`, `themes/`.
    pub root: PathBuf,
    /// Serve only this union, at `/`, exactly as it looks when hosted alone.
    pub union: Option<String>,
    /// Address to listen on; loopback unless asked otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser once it is ready.
    pub open: bool,
    /// Language of messages.
    pub lang: Lang,
}

impl ServeOptions {
    /// Serves the project at `root` on this machine only, at the default port.
    pub fn new(root: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            root: root.into(),
            ..ServeOptions::default()
        }
    }
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            union: None,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            open: false,
            lang: Lang::En,
        }
    }
}

/// Runs `kumiai serve` until Ctrl-C: builds, prints the URL, then rebuilds on every change.
pub fn serve(options: ServeOptions) -> anyhow::Result<()> {
    let server = Server::start(&options)?;
    let url = server.url();
    println!("{}", words::serving(options.lang, &url));
    if options.bind.is_unspecified() {
        let bind = options.bind.to_string();
        println!("{}", words::all_interfaces(options.lang, &bind));
    }
    if options.open
        && let Err(e) = open::that_detached(&url)
    {
        eprintln!("{}", words::no_browser(options.lang, &e.to_string(), &url));
    }
    server.wait_for_ctrl_c();
    server.stop();
    Ok(())
}

/// A running preview server. [`serve`] runs one until Ctrl-C; tests start one on port 0.
pub struct Server {
    addr: SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
    watcher: Arc<watch::WatcherSlot>,
    rebuilder: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds, builds every union (or the one asked for) into memory, and starts serving and
    /// watching. Returns once the site is ready.
    pub fn start(options: &ServeOptions) -> anyhow::Result<Server> {
        let started = Instant::now();
        let root = watch::canonical_root(&options.root)?;
        if !root.join("kumiai.toml").is_file() {
            // Not a project at all: say so now rather than serve an empty site.
            let d = crate::diagnostic::Diagnostic::file(
                &root.join("kumiai.toml"),
                "kumiai.toml not found",
            )
            .with_suggestion("run kumiai in the project folder, or pass --root DIR")
            .ja(
                "kumiai.toml が見つかりません",
                Some(
                    "kumiai.toml のあるフォルダ（プロジェクトのフォルダ）で実行するか、--root でそのフォルダを指定してください"
                        .to_string(),
                ),
            );
            return Err(anyhow!("{}", d.render(options.lang).trim_end()));
        }
        if let Some(slug) = &options.union {
            // Same check and message as `build --union`.
            select_unions(&root, std::slice::from_ref(slug))?;
        }
        let listener = bind(options)?;
        let addr = listener.local_addr()?;

        let state = Arc::new(RwLock::new(SiteState::new(options.union.clone())));
        let (ticks, _) = broadcast::channel(64);
        // Watch before the first build, so a save during it is not missed.
        let (watcher, events) = watch::watch(&root)
            .with_context(|| format!("watching {} for changes", root.display()))?;
        let watcher = Arc::new(Mutex::new(Some(watcher)));
        let mut engine = Engine::new(root.clone(), state.clone(), ticks.clone());
        console::report(&engine.rebuild_all(started), options.lang);

        let only = options.union.clone();
        let lang = options.lang;
        let slot = watcher.clone();
        let rebuilder = std::thread::Builder::new()
            .name("kumiai-rebuild".into())
            .spawn(move || {
                watch::run(&root, only.as_deref(), &events, &mut engine, &slot, lang);
            })?;

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("kumiai-http")
            .enable_all()
            .build()?;
        let app = http::App {
            state,
            ticks,
            instance: instance_id().into(),
            lang: options.lang,
            loopback_only: options.bind.is_loopback(),
        };
        let router = http::router(app);
        runtime.spawn(async move {
            let listener = match tokio::net::TcpListener::from_std(listener) {
                Ok(listener) => listener,
                Err(e) => {
                    eprintln!("{}", words::server_failed(lang, &e.to_string()));
                    return;
                }
            };
            if let Err(e) = axum::serve(listener, router).await {
                eprintln!("{}", words::server_failed(lang, &e.to_string()));
            }
        });
        Ok(Server {
            addr,
            runtime: Some(runtime),
            watcher,
            rebuilder: Some(rebuilder),
        })
    }

    /// The address actually listened on (with the real port when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to open: a loopback one when listening on all interfaces.
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}/", SocketAddr::new(ip, self.addr.port()))
    }

    fn wait_for_ctrl_c(&self) {
        if let Some(runtime) = &self.runtime {
            // An error here means no signal handler could be installed: nothing to wait for.
            let _ = runtime.block_on(tokio::signal::ctrl_c());
        }
    }

    /// Stops serving and watching. Open event streams end; a rebuild under way finishes first.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
        // Dropping the watcher ends its event channel, which ends the rebuild loop.
        if let Ok(mut slot) = self.watcher.lock() {
            slot.take();
        }
        if let Some(thread) = self.rebuilder.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn bind(options: &ServeOptions) -> anyhow::Result<TcpListener> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(addr).map_err(|e| {
        let next = options.port.checked_add(1).unwrap_or(1024);
        match (e.kind(), options.lang) {
            (std::io::ErrorKind::AddrInUse, Lang::En) => anyhow!(
                "port {} on {} is already in use (another kumiai serve?); choose another port with --port, e.g. --port {next}",
                options.port,
                options.bind
            ),
            (std::io::ErrorKind::AddrInUse, Lang::Ja) => anyhow!(
                "{} のポート {} はすでに使われています（別の kumiai serve が動いていませんか）。--port {next} のように別のポートを指定してください",
                options.bind,
                options.port
            ),
            (_, Lang::En) => anyhow!("cannot listen on {addr}: {e}; try another --bind or --port"),
            (_, Lang::Ja) => anyhow!(
                "{addr} で待ち受けできません: {e}。--bind か --port を変えてください"
            ),
        }
    })?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// Different for every server run, so tabs notice a restart.
fn instance_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{:x}{:x}", nanos & 0xffff_ffff_ffff, std::process::id())
}
