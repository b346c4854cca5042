//! `layerlint lsp` driven over stdio as an editor drives it: initialize, open and change
//! documents, diagnostics (pushed, or pulled when the client can), code actions applied
//! to the text, hovers, code lenses, symbols, config reloads, bad requests, shutdown.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications and server requests seen while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
}

const WAIT: Duration = Duration::from_secs(20);

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    fn start(dir: &Path, capabilities: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_layerlint"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages: rx,
            seen: Vec::new(),
            next_id: 1,
        };
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": uri(dir), "capabilities": capabilities }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "layerlint", "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        self.send_raw(&message.to_string());
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The whole response (`result` or `error`) to a request.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next message that matches, keeping the others in `seen`.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&wanted) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("timed out; seen: {:#?}", self.seen),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server went away; seen: {:#?}", self.seen)
                }
            }
        }
    }

    /// The diagnostics published for `uri` at `version` that satisfy `done`.
    fn diagnostics(
        &mut self,
        uri: &str,
        version: i64,
        done: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
                && done(m["params"]["diagnostics"].as_array().unwrap())
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "dockerfile", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let status = wait_exit(&mut self.child);
        assert!(status.success(), "{status:?}");
    }
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// `text` with LSP `edits` (UTF-16 positions; ASCII texts here) applied.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + character
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("package.json"), "{}\n").unwrap();
    std::fs::write(tmp.path().join(".dockerignore"), "node_modules\n").unwrap();
    std::fs::create_dir(tmp.path().join("src")).unwrap();
    std::fs::write(tmp.path().join("src/index.js"), "1\n").unwrap();
    // The project is its own repository, so config discovery stops here.
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    tmp
}

const DOCKERFILE: &str = "FROM node AS build\nMAINTAINER Jane <jane@example.com>\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY src ./src\n\nFROM nginx:1.27\nCOPY --from=build /app/src /usr/share/nginx/html\n";

#[test]
fn an_editor_session() {
    let tmp = project();
    let path = tmp.path().join("Dockerfile");
    std::fs::write(&path, DOCKERFILE).unwrap();
    let doc = uri(&path);
    let mut c = Client::start(tmp.path(), json!({}));
    c.open(&doc, DOCKERFILE);
    let first = c.diagnostics(&doc, 1, |d| codes(d).contains(&"DL4000".to_string()));
    let dl3006 = first
        .iter()
        .find(|d| d["code"] == "DL3006")
        .expect("DL3006");
    assert_eq!(
        dl3006["range"]["start"],
        json!({ "line": 0, "character": 5 }),
        "{dl3006}"
    );
    assert_eq!(dl3006["range"]["end"], json!({ "line": 0, "character": 9 }));
    assert_eq!(dl3006["severity"], 2);
    assert_eq!(dl3006["source"], "layerlint");
    assert!(
        dl3006["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("rules/DL3006.md")
    );
    let dl4000 = first
        .iter()
        .find(|d| d["code"] == "DL4000")
        .unwrap()
        .clone();
    assert_eq!(
        dl4000["tags"],
        json!([2]),
        "MAINTAINER is shown as deprecated"
    );
    assert!(dl4000["data"]["fix"]["edits"].is_array(), "{dl4000}");

    // The quick fix, applied as the editor applies it.
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": doc }, "range": dl4000["range"], "context": { "diagnostics": [dl4000] } }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let quick = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred fix");
    let fixed = apply(
        DOCKERFILE,
        quick["edit"]["changes"][&doc].as_array().unwrap(),
    );
    assert!(
        fixed.contains("LABEL") && !fixed.contains("MAINTAINER"),
        "{fixed}"
    );
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore DL4000 on this instruction")
        .expect("an ignore action");
    let ignored = apply(
        DOCKERFILE,
        ignore["edit"]["changes"][&doc].as_array().unwrap(),
    );
    assert!(
        ignored.contains("FROM node AS build\n# hadolint ignore=DL4000\nMAINTAINER"),
        "{ignored}"
    );
    let all = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Fix all safe"))
        .expect("fix all");
    let all_fixed = apply(DOCKERFILE, all["edit"]["changes"][&doc].as_array().unwrap());
    assert!(all_fixed.contains("LABEL"), "{all_fixed}");

    // The edited text comes back with its own diagnostics, DL4000 gone.
    c.change(&doc, 2, &fixed);
    let second = c.diagnostics(&doc, 2, |_| true);
    assert!(
        !codes(&second).contains(&"DL4000".to_string()),
        "{second:?}"
    );
    // The ignore pragma, once in the text, silences it too.
    c.change(&doc, 3, &ignored);
    let third = c.diagnostics(&doc, 3, |_| true);
    assert!(!codes(&third).contains(&"DL4000".to_string()), "{third:?}");
    assert!(codes(&third).contains(&"DL3006".to_string()));

    // Hover: a finding shows its rule's page; a step shows what rebuilds it.
    let on_finding = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": { "line": 0, "character": 6 } }),
    );
    let page = on_finding["result"]["contents"]["value"].as_str().unwrap();
    assert!(page.starts_with("# DL3006"), "{page}");
    // (The text now has the pragma line: `COPY src ./src` is on line 6.)
    let on_step = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": { "line": 6, "character": 2 } }),
    );
    let text = on_step["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("- `package.json`\n- `src`"), "{text}");

    // Code lenses over the steps.
    let lenses = c.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": doc } }),
    );
    let titles: Vec<(u64, String)> = lenses["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().unwrap(),
                l["command"]["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        titles.contains(&(5, "rebuilds when: package.json".into())),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|(line, t)| *line == 9 && t.contains("src") && t.contains("package.json")),
        "{titles:?}"
    );

    // The outline: two stages and their instructions.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": doc } }),
    );
    let symbols = symbols["result"].as_array().unwrap();
    assert_eq!(symbols.len(), 2);
    assert_eq!(symbols[0]["name"], "build");
    assert_eq!(symbols[1]["name"], "stage 1");
    let children: Vec<&str> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        children,
        ["MAINTAINER", "WORKDIR", "COPY", "RUN", "COPY"],
        "{children:?}"
    );

    // A config file appears: the server reads it again and lints again.
    std::fs::write(tmp.path().join(".hadolint.yaml"), "ignored: [DL3006]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&tmp.path().join(".hadolint.yaml")), "type": 1 }] }),
    );
    c.diagnostics(&doc, 3, |d| !codes(d).contains(&"DL3006".to_string()));

    c.shutdown();
}

#[test]
fn bad_requests_get_errors_and_the_server_keeps_running() {
    let tmp = project();
    let mut c = Client::start(tmp.path(), json!({}));
    let unknown = c.request("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = c.request("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let closed = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere/Dockerfile" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(closed["error"]["code"], -32602, "{closed}");
    c.send_raw("{ this is not json");
    let parse_error = c.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);

    // Still serving: a document that is no Dockerfile gets one diagnostic saying so.
    let doc = uri(&tmp.path().join("services"));
    c.open(&doc, "ftp 21/tcp\nssh 22/tcp\nsmtp 25/tcp\nhttp 80/tcp\n");
    let d = c.diagnostics(&doc, 1, |_| true);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("not a Dockerfile"),
        "{d:?}"
    );

    // A huge document: one diagnostic, no lint.
    let huge_uri = uri(&tmp.path().join("huge.Dockerfile"));
    let huge = format!("FROM alpine:3.20\n{}", "RUN true\n".repeat(2_000_000));
    c.open(&huge_uri, &huge);
    let d = c.diagnostics(&huge_uri, 1, |_| true);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("over layerlint's limit of 16 MiB"),
        "{d:?}"
    );
    c.shutdown();
}

#[test]
fn the_latest_change_wins() {
    let tmp = project();
    let doc = uri(&tmp.path().join("Dockerfile"));
    let mut c = Client::start(tmp.path(), json!({}));
    c.open(&doc, "FROM alpine:3.20\n");
    for version in 2..=40 {
        let image = if version == 40 {
            "ubuntu"
        } else {
            "alpine:3.20"
        };
        c.change(
            &doc,
            version,
            &format!("FROM {image}\nRUN echo {version}\n"),
        );
    }
    let published = |m: &Value| m["method"] == "textDocument/publishDiagnostics";
    let last = c.diagnostics(&doc, 40, |d| codes(d).contains(&"DL3006".to_string()));
    assert!(!last.is_empty());
    let mut versions: Vec<i64> = c
        .seen
        .drain(..)
        .filter(published)
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    versions.push(40);
    std::thread::sleep(Duration::from_millis(500));
    while let Ok(m) = c.messages.try_recv() {
        if published(&m) {
            versions.push(m["params"]["version"].as_i64().unwrap());
        }
    }
    // Results come in version order, nothing older after a newer one, and most of the
    // 40 versions were never linted at all: queued changes collapse into the latest.
    assert!(versions.windows(2).all(|w| w[0] <= w[1]), "{versions:?}");
    assert_eq!(versions.last(), Some(&40), "{versions:?}");
    let linted: std::collections::BTreeSet<i64> = versions.iter().copied().collect();
    assert!(linted.len() < 20, "{versions:?}");
    c.shutdown();
}

#[test]
fn shellcheck_findings_arrive_after_the_fast_ones() {
    if Command::new("shellcheck")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "shellcheck is not installed"
        );
        return;
    }
    let tmp = project();
    let doc = uri(&tmp.path().join("Dockerfile"));
    let mut c = Client::start(tmp.path(), json!({}));
    c.open(&doc, "FROM alpine:3.20\nRUN echo $HOME > /tmp/$NAME\n");
    let fast = c.diagnostics(&doc, 1, |_| true);
    assert!(
        !codes(&fast).iter().any(|c| c.starts_with("SC")),
        "{fast:?}"
    );
    let full = c.diagnostics(&doc, 1, |d| codes(d).contains(&"SC2086".to_string()));
    assert!(full.len() > fast.len());
    c.shutdown();
}

#[test]
fn a_client_that_pulls_gets_no_pushes() {
    let tmp = project();
    let doc = uri(&tmp.path().join("Dockerfile"));
    let mut c = Client::start(
        tmp.path(),
        json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } }),
    );
    c.open(&doc, "FROM ubuntu\n");
    let report = c.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": doc } }),
    );
    assert_eq!(report["result"]["kind"], "full", "{report}");
    assert_eq!(
        codes(report["result"]["items"].as_array().unwrap()),
        ["DL3006"]
    );
    std::thread::sleep(Duration::from_millis(300));
    while let Ok(m) = c.messages.try_recv() {
        c.seen.push(m);
    }
    assert!(
        !c.seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "{:#?}",
        c.seen
    );
    c.shutdown();
}

#[test]
fn code_lenses_count_rebuilds_over_recent_commits_without_blocking() {
    let tmp = project();
    let d = tmp.path();
    std::fs::remove_dir(d.join(".git")).unwrap();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args([
                "-c",
                "user.email=t@example.com",
                "-c",
                "user.name=t",
                "-c",
                "maintenance.auto=false",
            ])
            .args(args)
            .current_dir(d)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    let dockerfile =
        "FROM node:22\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY src ./src\n";
    std::fs::write(d.join("Dockerfile"), dockerfile).unwrap();
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "start"]);
    for i in 0..3 {
        std::fs::write(d.join("src/index.js"), format!("{}\n", i + 10)).unwrap();
        git(&["commit", "-qam", "code"]);
    }
    let doc = uri(&d.join("Dockerfile"));
    let mut c = Client::start(
        d,
        json!({ "workspace": { "codeLens": { "refreshSupport": true } } }),
    );
    c.open(&doc, dockerfile);
    let lenses = c.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": doc } }),
    );
    // Diagnostics do not wait for the replay.
    c.diagnostics(&doc, 1, |_| true);
    let titles = |v: &Value| -> Vec<String> {
        v["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["command"]["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        titles(&lenses).len(),
        5,
        "the lenses come at once, counted or not"
    );
    // The replay is done: the server asks for the lenses again.
    let refresh = c.wait_for(|m| m["method"] == "workspace/codeLens/refresh");
    c.send(json!({ "jsonrpc": "2.0", "id": refresh["id"], "result": null }));
    let lenses = c.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": doc } }),
    );
    let titles = titles(&lenses);
    // The first commit is a cold build; then only the code changed.
    assert!(
        titles.contains(
            &"rebuilds when: package.json · rebuilt in 1 of the last 4 commits".to_string()
        ),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("rebuilds when: package.json, src")
                && t.ends_with("rebuilt in 4 of the last 4 commits")),
        "{titles:?}"
    );
    c.shutdown();
}
