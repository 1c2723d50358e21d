//! `site-gen serve`: builds the site, serves it on this machine, rebuilds
//! when `content/` or the theme changes, and reloads the open pages.
//!
//! - The site is built exactly as `build` builds it, into the output
//!   folder; the server adds the reload script to each HTML page as it
//!   sends it ([`page::with_reload`]), so the files on disk are the same
//!   bytes `build` writes, and no built page ever carries the script.
//! - The script (`reload.js`, a file the server sends from
//!   `/__site-gen/`, as the pages' policy allows) asks
//!   `/__site-gen/wait?build=N` and reloads the page when a build after
//!   N has finished; the server holds that request until then (a long
//!   poll).
//! - While the last build failed, every page is the list of its problems
//!   ([`page::problems`]), the same `file:line:col` lines `check` prints,
//!   until a build passes.
//!
//! Plain threads: one rebuilds, one accepts requests, one per request.
//! The build swaps the output folder, so requests read it under a
//! read lock that the rebuild takes for writing.

mod http;
pub mod page;
mod state;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, RwLock};

use state::{Shared, Status};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::problem::{Problem, Problems};
use crate::{Options, Summary};

/// Waits this long after the last change before rebuilding, so an
/// editor's save (write a temporary file, rename it over) is one rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// What the server tells the person who started it.
pub enum Event<'a> {
    /// Listening at this address (the port is the real one when 0 was asked).
    Serving(SocketAddr),
    Built {
        summary: &'a Summary,
        changed: &'a [PathBuf],
    },
    Failed {
        problems: &'a Problems,
        changed: &'a [PathBuf],
    },
    /// Watching failed for a moment; the site may be out of date until the next change.
    WatchError(String),
}

/// Builds, then serves `opts.output_dir` at `addr` until the process is
/// stopped, reporting through `report`. Returns only when the server or
/// the watcher cannot start.
pub fn run(opts: &Options, addr: SocketAddr, report: impl Fn(Event) + Send + Sync + 'static) -> Result<(), Problems> {
    let report = Arc::new(report);
    let shared = Arc::new(Shared {
        status: Mutex::new(Status { build: 0, problems: None }),
        changed: Condvar::new(),
        site: RwLock::new(()),
        output: opts.output_dir.clone(),
    });
    rebuild(opts, &shared, &[], &*report);

    let server = listen(addr).map_err(|e| {
        Problems(vec![Problem::new(
            "serve",
            format!("cannot listen on {addr}: {e} (is another server using the port? choose another with --port)"),
        )])
    })?;
    let local = server.server_addr().to_ip().unwrap_or(addr);

    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| Problems(vec![Problem::new(&opts.content_dir, format!("cannot watch for changes: {e}"))]))?;
    for dir in [&opts.content_dir, &opts.theme_dir] {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| Problems(vec![Problem::new(dir, format!("cannot watch for changes: {e}"))]))?;
    }

    {
        let (opts, shared, report) = (opts.clone(), Arc::clone(&shared), Arc::clone(&report));
        std::thread::spawn(move || {
            let mut changed = Vec::new();
            while let Ok(first) = rx.recv() {
                note(first, &mut changed, &*report);
                // One save is several events (an editor writes a temporary
                // file and renames it): wait until they stop.
                loop {
                    match rx.recv_timeout(DEBOUNCE) {
                        Ok(more) => note(more, &mut changed, &*report),
                        Err(mpsc::RecvTimeoutError::Timeout) => break,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                changed.retain(|p| matters(p, &opts.output_dir));
                changed.sort();
                changed.dedup();
                if !changed.is_empty() {
                    rebuild(&opts, &shared, &changed, &*report);
                    changed.clear();
                }
            }
        });
    }

    report(Event::Serving(local));
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || http::respond(request, &shared));
    }
    drop(watcher);
    Ok(())
}

/// Keeps the paths of a change. Reading a file is no change: the build
/// itself reads every file it watches.
fn note(event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>, report: &(impl Fn(Event) + ?Sized)) {
    match event {
        Ok(e) if e.kind.is_access() => {}
        Ok(e) => changed.extend(e.paths),
        Err(e) => report(Event::WatchError(e.to_string())),
    }
}

/// The server, its socket sending each write at once (`TCP_NODELAY`,
/// which the connections take from the listening socket): tiny_http sends
/// a response's head and body as two writes, and on a reused connection
/// the body would otherwise wait for the browser's delayed acknowledgement
/// of the head, about 40 ms for every file after the first.
fn listen(addr: SocketAddr) -> Result<tiny_http::Server, Box<dyn std::error::Error + Send + Sync>> {
    let listener = std::net::TcpListener::bind(addr)?;
    socket2::SockRef::from(&listener).set_tcp_nodelay(true)?;
    tiny_http::Server::from_listener(listener, None)
}

/// A change the build reads: not in a file or folder whose name starts with
/// `.` (the build never reads those; editors keep their swap files there),
/// and not in the output, should it be inside a watched folder.
fn matters(path: &Path, output: &Path) -> bool {
    use std::path::Component;
    let hidden = path
        .components()
        .any(|c| matches!(c, Component::Normal(name) if name.to_str().is_some_and(|s| s.starts_with('.'))));
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    !hidden && !absolute(path).starts_with(absolute(output))
}

/// One build, as `build` does it, and the news to every waiting page.
fn rebuild(opts: &Options, shared: &Shared, changed: &[PathBuf], report: &(impl Fn(Event) + ?Sized)) {
    let writing = shared.site.write().unwrap_or_else(|e| e.into_inner());
    let result = crate::build(opts);
    {
        // Still under the write lock: a request sees the new files with
        // the new build's number, never one without the other.
        let mut status = shared.status();
        status.build += 1;
        status.problems = result.as_ref().err().map(|e| e.problems().0.clone());
    }
    drop(writing);
    shared.changed.notify_all();
    match &result {
        Ok(summary) => report(Event::Built { summary, changed }),
        Err(e) => report(Event::Failed { problems: e.problems(), changed }),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn only_changes_the_build_reads_start_a_build() {
        let out = Path::new("/site/public");
        assert!(matters(Path::new("/site/content/guide/a.md"), out));
        assert!(matters(Path::new("../content/a.md"), out), "a relative path above is no hidden file");
        assert!(!matters(Path::new("/site/content/.a.md.swp"), out), "an editor's swap file");
        assert!(!matters(Path::new("/site/content/.git/index"), out));
        assert!(!matters(Path::new("/site/public/index.html"), out), "the build's own output");
    }

    /// What `listen` relies on: a connection takes TCP_NODELAY from the
    /// listening socket (Linux does; elsewhere a reused connection may be slower).
    #[cfg(target_os = "linux")]
    #[test]
    fn connections_take_nodelay_from_the_listening_socket() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        socket2::SockRef::from(&listener).set_tcp_nodelay(true).unwrap();
        let _client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert!(accepted.nodelay().unwrap());
    }
}
