//! `layerlint lsp`: a language server over stdio, synchronous (lsp-server, no async
//! runtime). The main loop owns the documents and answers requests; two worker threads
//! lint: the fast one (parse, rules) and the ShellCheck one, which publishes a second
//! time when its findings arrive, so typing never waits on ShellCheck. Each publishes
//! only results for a document's latest version: the latest change wins.

pub mod analysis;
pub mod position;
mod transport;

use analysis::{
    Environment, code_actions, code_lenses, hover, lint_document, note_at_start, symbols, to_lsp,
};
use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use position::{Encoding, LineMap};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::config::ConfigCache;
use crate::diagnostics::Diagnostic;

/// Serve on stdin and stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), String> {
    let (connection, threads) = transport::stdio();
    let result = serve(&connection);
    drop(connection);
    for t in threads {
        let _ = t.join();
    }
    result
}

/// One open document.
struct Document {
    uri: lsp::Uri,
    text: Arc<String>,
    version: i32,
    path: Option<PathBuf>,
}

/// One lint to run: a document's text at a version, with what it needs.
#[derive(Clone)]
struct Job {
    uri: lsp::Uri,
    version: i32,
    text: Arc<String>,
    env: Arc<Environment>,
    map: Arc<LineMap>,
}

/// A document's latest results, for pull diagnostics and hovers.
#[derive(Clone, Default)]
struct Results {
    version: i32,
    items: Vec<lsp::Diagnostic>,
    findings: Vec<Diagnostic>,
}

/// What the main loop and the workers share.
struct Shared {
    sender: Sender<Message>,
    /// The latest version of each open document; results of older ones are dropped.
    latest: Mutex<HashMap<String, i32>>,
    results: Mutex<HashMap<String, Results>>,
    pull: bool,
    refresh: bool,
    next_id: AtomicI32,
    /// Each Dockerfile's replay of recent commits, with the HEAD it was made at.
    history: Mutex<HashMap<PathBuf, (String, crate::cache::history::Replay)>>,
    lens_refresh: bool,
}

impl Shared {
    fn is_latest(&self, job: &Job) -> bool {
        self.latest
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(job.uri.as_str())
            == Some(&job.version)
    }

    /// Results of `job`, sent to the client (push) or kept for its next pull, unless a
    /// newer version came in meanwhile. The check and the send happen under one lock, so
    /// an older result never overtakes a newer one.
    fn publish(&self, job: &Job, items: Vec<lsp::Diagnostic>, findings: Vec<Diagnostic>) {
        let latest = self.latest.lock().unwrap_or_else(|p| p.into_inner());
        if latest.get(job.uri.as_str()) != Some(&job.version) {
            return;
        }
        self.results
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(
                job.uri.as_str().to_string(),
                Results {
                    version: job.version,
                    items: items.clone(),
                    findings,
                },
            );
        if self.pull {
            if self.refresh {
                let id = self.next_id.fetch_add(1, Ordering::Relaxed);
                let _ = self.sender.send(
                    Request::new(
                        RequestId::from(id),
                        "workspace/diagnostic/refresh".into(),
                        (),
                    )
                    .into(),
                );
            }
        } else {
            let params = lsp::PublishDiagnosticsParams {
                uri: job.uri.clone(),
                diagnostics: items,
                version: Some(job.version),
            };
            let _ = self
                .sender
                .send(Notification::new("textDocument/publishDiagnostics".into(), params).into());
        }
        drop(latest);
    }
}

/// The fast findings of a job as LSP diagnostics, with the lint kept for ShellCheck.
fn fast(job: &Job) -> (Vec<lsp::Diagnostic>, Option<crate::lint::LintResult>) {
    let mut items = Vec::new();
    if let Some(problem) = &job.env.problem {
        items.push(note_at_start(problem));
    }
    match lint_document(&job.text, &job.env) {
        Ok(result) => {
            items.extend(to_lsp(
                &job.uri,
                &result.diagnostics,
                &job.text,
                &job.map,
                job.version,
                &job.env.settings,
            ));
            (items, Some(result))
        }
        Err(message) => {
            items.push(note_at_start(&message));
            (items, None)
        }
    }
}

/// All queued jobs, the latest per document, after `first`.
fn latest_jobs<T>(first: T, rx: &Receiver<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut by_uri: HashMap<String, T> = HashMap::new();
    let mut order = Vec::new();
    let mut add = |job: T| {
        let k = key(&job);
        if !by_uri.contains_key(&k) {
            order.push(k.clone());
        }
        by_uri.insert(k, job);
    };
    add(first);
    while let Ok(job) = rx.try_recv() {
        add(job);
    }
    order
        .into_iter()
        .filter_map(|k| by_uri.remove(&k))
        .collect()
}

fn fast_worker(
    shared: Arc<Shared>,
    jobs: Receiver<Job>,
    shellcheck: Sender<(Job, crate::lint::LintResult)>,
) {
    while let Ok(first) = jobs.recv() {
        for job in latest_jobs(first, &jobs, |j| j.uri.as_str().to_string()) {
            if !shared.is_latest(&job) {
                continue;
            }
            let (items, result) = fast(&job);
            let findings = result
                .as_ref()
                .map(|r| r.diagnostics.clone())
                .unwrap_or_default();
            shared.publish(&job, items, findings);
            if let Some(result) = result
                && job.env.settings.shellcheck != Some(false)
                && result
                    .dockerfile()
                    .instructions
                    .iter()
                    .any(|i| i.keyword == crate::syntax::Keyword::Run)
            {
                let _ = shellcheck.send((job, result));
            }
        }
    }
}

fn shellcheck_worker(shared: Arc<Shared>, jobs: Receiver<(Job, crate::lint::LintResult)>) {
    if !crate::shellcheck::is_installed() {
        // Nothing to add: drain so that senders never block.
        for _ in jobs {}
        return;
    }
    while let Ok(first) = jobs.recv() {
        for (job, result) in latest_jobs(first, &jobs, |(j, _)| j.uri.as_str().to_string()) {
            if !shared.is_latest(&job) {
                continue;
            }
            let Ok(found) = crate::shellcheck::check(&[(result.dockerfile(), &job.env.settings)])
            else {
                continue;
            };
            let mut findings = result.diagnostics.clone();
            findings.extend(found.diagnostics.into_iter().flatten());
            crate::lint::sort(&mut findings);
            let mut items = Vec::new();
            if let Some(problem) = &job.env.problem {
                items.push(note_at_start(problem));
            }
            items.extend(to_lsp(
                &job.uri,
                &findings,
                &job.text,
                &job.map,
                job.version,
                &job.env.settings,
            ));
            shared.publish(&job, items, findings);
        }
    }
}

/// How many commits the code lenses replay.
pub const HISTORY_COMMITS: usize = 50;

/// Replays each Dockerfile's recent history off the main loop, once per HEAD commit, and
/// asks the client to fetch the code lenses again when a new replay is ready.
fn history_worker(shared: Arc<Shared>, jobs: Receiver<(PathBuf, PathBuf)>) {
    while let Ok(first) = jobs.recv() {
        for (path, context) in latest_jobs(first, &jobs, |(p, _)| p.display().to_string()) {
            let Ok(root) = crate::cache::git::repo_root(&context) else {
                continue;
            };
            let Ok(head) = crate::cache::git::resolve(&root, "HEAD") else {
                continue;
            };
            let known = shared
                .history
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&path)
                .is_some_and(|(h, _)| *h == head);
            if known {
                continue;
            }
            let options = crate::cache::BuildOptions::default();
            let Ok((head, replay)) =
                crate::cache::history::replay_recent(&context, &path, HISTORY_COMMITS, &options)
            else {
                continue;
            };
            shared
                .history
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path, (head, replay));
            if shared.lens_refresh {
                let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
                let _ = shared.sender.send(
                    Request::new(RequestId::from(id), "workspace/codeLens/refresh".into(), ())
                        .into(),
                );
            }
        }
    }
}

/// The path of a `file:` URI.
fn path_of(uri: &lsp::Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    // `file://host/path` names another machine; only local paths are files here.
    path.starts_with('/').then(|| PathBuf::from(path))
}

struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    documents: HashMap<String, Document>,
    configs: ConfigCache,
    shared: Arc<Shared>,
    jobs: Sender<Job>,
    history_jobs: Sender<(PathBuf, PathBuf)>,
}

const WATCHED: &[&str] = &[
    "**/.layerlint.yaml",
    "**/.layerlint.yml",
    "**/.hadolint.yaml",
    "**/.hadolint.yml",
    "**/.dockerignore",
    "**/*.dockerignore",
];

/// Initialize, serve until shutdown and exit.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let capabilities = &params.capabilities;
    let encoding = if capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8))
    {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let pull = capabilities
        .text_document
        .as_ref()
        .is_some_and(|t| t.diagnostic.is_some());
    let refresh = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.diagnostic.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    let lens_refresh = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.code_lens.as_ref())
        .and_then(|c| c.refresh_support)
        .unwrap_or(false);
    let watch = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let server_capabilities = lsp::ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::FULL,
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_lens_provider: Some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        diagnostic_provider: pull.then(|| {
            lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                identifier: Some("layerlint".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..Default::default()
            })
        }),
        ..Default::default()
    };
    let result = serde_json::json!({
        "capabilities": server_capabilities,
        "serverInfo": { "name": "layerlint", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;

    let shared = Arc::new(Shared {
        sender: connection.sender.clone(),
        latest: Mutex::new(HashMap::new()),
        results: Mutex::new(HashMap::new()),
        pull,
        refresh,
        next_id: AtomicI32::new(1),
        history: Mutex::new(HashMap::new()),
        lens_refresh,
    });
    let (jobs, fast_jobs) = unbounded();
    let (shellcheck_jobs, shellcheck_queue) = unbounded();
    let fast_shared = Arc::clone(&shared);
    let fast_thread = thread::spawn(move || fast_worker(fast_shared, fast_jobs, shellcheck_jobs));
    let sc_shared = Arc::clone(&shared);
    let sc_thread = thread::spawn(move || shellcheck_worker(sc_shared, shellcheck_queue));
    let (history_jobs, history_queue) = unbounded();
    let history_shared = Arc::clone(&shared);
    let history_thread = thread::spawn(move || history_worker(history_shared, history_queue));

    if watch {
        let registration = lsp::Registration {
            id: "layerlint-config-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(lsp::DidChangeWatchedFilesRegistrationOptions {
                watchers: WATCHED
                    .iter()
                    .map(|g| lsp::FileSystemWatcher {
                        glob_pattern: lsp::GlobPattern::String(g.to_string()),
                        kind: None,
                    })
                    .collect(),
            })
            .ok(),
        };
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        let _ = connection.sender.send(
            Request::new(
                RequestId::from(id),
                "client/registerCapability".into(),
                lsp::RegistrationParams {
                    registrations: vec![registration],
                },
            )
            .into(),
        );
    }

    let mut server = Server {
        connection,
        encoding,
        documents: HashMap::new(),
        configs: ConfigCache::new(None),
        shared,
        jobs,
        history_jobs,
    };
    let outcome = server.run();
    drop(server);
    let _ = fast_thread.join();
    let _ = sc_thread.join();
    let _ = history_thread.join();
    outcome
}

impl Server<'_> {
    fn run(&mut self) -> Result<(), String> {
        // After `shutdown`, requests get InvalidRequest and only `exit` ends the loop (a
        // client may ask to shut down twice: Neovim does when it quits).
        let mut shut_down = false;
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    let id = request.id.clone();
                    let response = if request.method == "shutdown" {
                        shut_down = true;
                        Response::new_ok(id, ())
                    } else if shut_down {
                        Response::new_err(
                            id,
                            ErrorCode::InvalidRequest as i32,
                            "the server is shutting down".into(),
                        )
                    } else {
                        match self.request(request) {
                            Ok(value) => Response::new_ok(id, value),
                            Err((code, message)) => Response::new_err(id, code as i32, message),
                        }
                    };
                    let _ = self.connection.sender.send(response.into());
                }
                Message::Notification(notification) => {
                    if notification.method == "exit" {
                        // Exit without shutdown is the spec's error exit.
                        return if shut_down {
                            Ok(())
                        } else {
                            Err("exit before shutdown".into())
                        };
                    }
                    if !shut_down {
                        self.notification(notification);
                    }
                }
                // Answers to our requests (registration, refresh): nothing to do.
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn environment(&mut self, path: Option<&PathBuf>) -> Environment {
        let Some(path) = path else {
            return Environment::default();
        };
        let dir = analysis::context_of(path);
        let mut env = Environment {
            path: Some(path.clone()),
            context: dir.clone(),
            ..Default::default()
        };
        if let Some(dir) = &dir {
            match self.configs.for_dir(dir) {
                Ok(settings) => env.settings = settings,
                Err(e) => env.problem = Some(format!("layerlint: {e} (linting with the defaults)")),
            }
            if let Some(file) = crate::context::ignore_file_for(path, dir) {
                match crate::context::read_ignore_file(&file) {
                    Ok(ignore) => env.ignore = Some(ignore),
                    Err(e) => env.problem = Some(format!("layerlint: {e}")),
                }
            }
        }
        env
    }

    fn schedule(&mut self, key: &str) {
        let Some(doc) = self.documents.get(key) else {
            return;
        };
        let (uri, version, text, path) = (
            doc.uri.clone(),
            doc.version,
            Arc::clone(&doc.text),
            doc.path.clone(),
        );
        self.shared
            .latest
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_string(), version);
        let env = Arc::new(self.environment(path.as_ref()));
        let map = Arc::new(LineMap::new(&text, self.encoding));
        let _ = self.jobs.send(Job {
            uri,
            version,
            text,
            env,
            map,
        });
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) =
                    serde_json::from_value::<lsp::DidOpenTextDocumentParams>(notification.params)
                else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                self.documents.insert(
                    key.clone(),
                    Document {
                        path: path_of(&p.text_document.uri),
                        uri: p.text_document.uri,
                        text: Arc::new(p.text_document.text),
                        version: p.text_document.version,
                    },
                );
                self.schedule(&key);
            }
            "textDocument/didChange" => {
                let Ok(p) =
                    serde_json::from_value::<lsp::DidChangeTextDocumentParams>(notification.params)
                else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                // Full sync: the last change holds the whole text.
                if let (Some(doc), Some(change)) = (
                    self.documents.get_mut(&key),
                    p.content_changes.into_iter().last(),
                ) {
                    doc.text = Arc::new(change.text);
                    doc.version = p.text_document.version;
                    self.schedule(&key);
                }
            }
            "textDocument/didClose" => {
                let Ok(p) =
                    serde_json::from_value::<lsp::DidCloseTextDocumentParams>(notification.params)
                else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                self.documents.remove(&key);
                self.shared
                    .latest
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&key);
                self.shared
                    .results
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&key);
                if !self.shared.pull {
                    let params = lsp::PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    };
                    let _ = self.connection.sender.send(
                        Notification::new("textDocument/publishDiagnostics".into(), params).into(),
                    );
                }
            }
            "workspace/didChangeWatchedFiles" => {
                // A config file or .dockerignore changed: read them again, lint again.
                self.configs.clear();
                let keys: Vec<String> = self.documents.keys().cloned().collect();
                for key in keys {
                    self.schedule(&key);
                }
            }
            _ => {}
        }
    }

    fn document(&self, uri: &lsp::Uri) -> Result<&Document, (ErrorCode, String)> {
        self.documents.get(uri.as_str()).ok_or((
            ErrorCode::InvalidParams,
            format!("{}: the document is not open", uri.as_str()),
        ))
    }

    fn request(&mut self, request: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        fn params<P: serde::de::DeserializeOwned>(
            request: &Request,
        ) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(request.params.clone())
                .map_err(|e| (ErrorCode::InvalidParams, format!("{}: {e}", request.method)))
        }
        let to_value = |v: serde_json::Result<serde_json::Value>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match request.method.as_str() {
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = params(&request)?;
                let doc = self.document(&p.text_document.uri)?;
                let (text, version, path, uri) = (
                    Arc::clone(&doc.text),
                    doc.version,
                    doc.path.clone(),
                    doc.uri.clone(),
                );
                let env = self.environment(path.as_ref());
                let map = LineMap::new(&text, self.encoding);
                to_value(serde_json::to_value(code_actions(
                    &uri, &text, &map, version, &env, &p,
                )))
            }
            "textDocument/hover" => {
                let p: lsp::HoverParams = params(&request)?;
                let doc = self.document(&p.text_document_position_params.text_document.uri)?;
                let (text, version, path) = (Arc::clone(&doc.text), doc.version, doc.path.clone());
                let env = self.environment(path.as_ref());
                let map = LineMap::new(&text, self.encoding);
                let uri = p.text_document_position_params.text_document.uri.clone();
                let findings = self.findings(&uri, &text, version, &env);
                to_value(serde_json::to_value(hover(
                    &text,
                    &map,
                    &env,
                    &findings,
                    p.text_document_position_params.position,
                )))
            }
            "textDocument/codeLens" => {
                let p: lsp::CodeLensParams = params(&request)?;
                let doc = self.document(&p.text_document.uri)?;
                let (text, path) = (Arc::clone(&doc.text), doc.path.clone());
                let env = self.environment(path.as_ref());
                let map = LineMap::new(&text, self.encoding);
                // The replay of recent commits, if one is ready; a new one is asked for
                // either way (the worker does nothing while HEAD stays the same).
                let replay = path.as_ref().and_then(|p| {
                    if let Some(context) = &env.context {
                        let _ = self.history_jobs.send((p.clone(), context.clone()));
                    }
                    self.shared
                        .history
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get(p)
                        .map(|(_, r)| r.clone())
                });
                to_value(serde_json::to_value(code_lenses(
                    &text,
                    &map,
                    &env,
                    replay.as_ref(),
                )))
            }
            "textDocument/documentSymbol" => {
                let p: lsp::DocumentSymbolParams = params(&request)?;
                let doc = self.document(&p.text_document.uri)?;
                let map = LineMap::new(&doc.text, self.encoding);
                to_value(serde_json::to_value(lsp::DocumentSymbolResponse::Nested(
                    symbols(&doc.text, &map),
                )))
            }
            "textDocument/diagnostic" => {
                let p: lsp::DocumentDiagnosticParams = params(&request)?;
                let key = p.text_document.uri.as_str().to_string();
                let doc = self.document(&p.text_document.uri)?;
                let (uri, version, text, path) = (
                    doc.uri.clone(),
                    doc.version,
                    Arc::clone(&doc.text),
                    doc.path.clone(),
                );
                let stored = self
                    .shared
                    .results
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(&key)
                    .filter(|r| r.version == version)
                    .map(|r| r.items.clone());
                let items = match stored {
                    Some(items) => items,
                    None => {
                        let env = Arc::new(self.environment(path.as_ref()));
                        let map = Arc::new(LineMap::new(&text, self.encoding));
                        fast(&Job {
                            uri,
                            version,
                            text,
                            env,
                            map,
                        })
                        .0
                    }
                };
                let report = lsp::DocumentDiagnosticReportResult::Report(
                    lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                        related_documents: None,
                        full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                            result_id: None,
                            items,
                        },
                    }),
                );
                to_value(serde_json::to_value(report))
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("layerlint lsp does not handle {method}"),
            )),
        }
    }

    /// The findings of a document at `version`: the workers' if they are done with it,
    /// else a fast lint now.
    fn findings(
        &self,
        uri: &lsp::Uri,
        text: &str,
        version: i32,
        env: &Environment,
    ) -> Vec<Diagnostic> {
        let known = self
            .shared
            .results
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(uri.as_str())
            .filter(|r| r.version == version)
            .map(|r| r.findings.clone());
        known.unwrap_or_else(|| {
            lint_document(text, env)
                .map(|r| r.diagnostics)
                .unwrap_or_default()
        })
    }
}

impl Drop for Server<'_> {
    fn drop(&mut self) {
        // Closing the job channel stops the workers.
        let (closed, _) = unbounded();
        self.jobs = closed;
        let (closed, _) = unbounded();
        self.history_jobs = closed;
    }
}
