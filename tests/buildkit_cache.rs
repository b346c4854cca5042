//! The cache model against real BuildKits. For each scenario: build a baseline, apply
//! one change, build again, read which steps `--progress=plain` marks CACHED, and check
//! that layerlint predicted exactly that, through each way a user gives it the change:
//! a snapshot (`cache snapshot` / `--against`), git (`--since HEAD`) and a list of paths
//! (`--changed`), which must also agree with each other.
//!
//! Two engines, each optional: Debian stable's docker.io 20.10 (BuildKit 0.8) at
//! `LAYERLINT_DOCKER_HOST` (client `LAYERLINT_DOCKER`, default `docker`), and Debian sid's
//! docker.io 28.5 at `LAYERLINT_MODERN_DOCKER_HOST` (client `LAYERLINT_MODERN_DOCKER`,
//! buildx found through `LAYERLINT_MODERN_DOCKER_CONFIG`). .ci/run starts both on private
//! sockets. Where they differ the model follows 28.5, and the scenario says what 20.10
//! does (`on_stable`); the test checks that 20.10 still does it. Builds run with
//! `--network=none` from base images imported from a static busybox. Without an engine
//! every scenario is skipped, saying so.

use layerlint::cache::{self, Baseline, BuildOptions, ContextState, Reason, Status};
use layerlint::context::{self, DockerIgnore, Listing};
use layerlint::model::Model;
use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

#[path = "buildkit_cache/advisor.rs"]
mod advisor;

const BASE: &str = "layerlint-busybox:base";
/// The same busybox with one more file: another image for `FROM $BASE` build args.
const OTHER_BASE: &str = "layerlint-busybox:other";

struct Engine {
    name: &'static str,
    client: String,
    host: String,
    config: Option<String>,
    modern: bool,
}

/// The engines to test against. In CI (`CI=true`, as .ci/run sets it) both must be
/// there: a harness that skipped would report `ok` for nothing.
fn engines() -> &'static [Engine] {
    let found = available_engines();
    if std::env::var("CI").is_ok_and(|v| v == "true") && found.len() < 2 {
        panic!(
            "CI=true but {} of the 2 BuildKit engines answered (LAYERLINT_DOCKER_HOST, LAYERLINT_MODERN_DOCKER_HOST): .ci/run starts them",
            found.len()
        );
    }
    found
}

fn available_engines() -> &'static [Engine] {
    static ENGINES: OnceLock<Vec<Engine>> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let mut found = Vec::new();
        if let Some(host) = var("LAYERLINT_DOCKER_HOST") {
            found.push(Engine {
                name: "20.10",
                client: var("LAYERLINT_DOCKER").unwrap_or_else(|| "docker".into()),
                host,
                config: None,
                modern: false,
            });
        }
        if let Some(host) = var("LAYERLINT_MODERN_DOCKER_HOST") {
            found.push(Engine {
                name: "28.5",
                client: var("LAYERLINT_MODERN_DOCKER").unwrap_or_else(|| "docker".into()),
                host,
                config: var("LAYERLINT_MODERN_DOCKER_CONFIG"),
                modern: true,
            });
        }
        for engine in &found {
            ensure_base_images(engine);
        }
        found
    })
}

impl Engine {
    fn docker(&self, dir: &Path, args: &[&str]) -> std::process::Output {
        let mut command = Command::new(&self.client);
        command
            .args(args)
            .current_dir(dir)
            .env("DOCKER_HOST", &self.host)
            .env("DOCKER_BUILDKIT", "1");
        if let Some(config) = &self.config {
            command.env("DOCKER_CONFIG", config);
        }
        command.output().expect("the docker client runs")
    }
}

/// `layerlint-busybox:base`: a static busybox with /etc/passwd and /etc/group entries for
/// the users the scenarios switch to, and /tmp mode 1777; `:other`, the same plus a file.
fn ensure_base_images(engine: &Engine) {
    import_busybox(engine, BASE, &[]);
    import_busybox(engine, OTHER_BASE, &[("etc/other", "other\n", 0o644)]);
}

/// Import a busybox image under `tag` (unless it exists), with extra files (path,
/// content, mode) on top.
fn import_busybox(engine: &Engine, tag: &str, extra: &[(&str, &str, u32)]) {
    let tmp = tempfile::tempdir().unwrap();
    if engine
        .docker(tmp.path(), &["image", "inspect", tag])
        .status
        .success()
    {
        return;
    }
    let root = tmp.path().join("rootfs");
    for d in ["bin", "etc", "tmp", "root", "usr/bin"] {
        fs::create_dir_all(root.join(d)).unwrap();
    }
    fs::copy("/bin/busybox", root.join("bin/busybox")).expect("busybox-static is installed");
    for applet in [
        "sh", "cat", "echo", "ls", "cp", "mkdir", "true", "id", "env", "wc", "touch", "rm", "head",
    ] {
        std::os::unix::fs::symlink("busybox", root.join("bin").join(applet)).unwrap();
    }
    set_mode(&root.join("tmp"), 0o1777);
    fs::write(
        root.join("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n",
    )
    .unwrap();
    fs::write(
        root.join("etc/group"),
        "root:x:0:\napp:x:1000:\nnogroup:x:65534:\n",
    )
    .unwrap();
    for (path, content, mode) in extra {
        let full = root.join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(&full, content).unwrap();
        set_mode(&full, *mode);
    }
    let tar = tmp.path().join("rootfs.tar");
    let status = Command::new("tar")
        .args([
            "-C",
            root.to_str().unwrap(),
            "-cf",
            tar.to_str().unwrap(),
            ".",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let out = engine.docker(tmp.path(), &["import", tar.to_str().unwrap(), tag]);
    assert!(
        out.status.success(),
        "{}: {}",
        engine.name,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// One change applied between the two builds. Paths are relative to the repository
/// root, which is the context unless the scenario names a context folder.
enum Change {
    Write(&'static str, &'static str),
    Delete(&'static str),
    Chmod(&'static str, u32),
    /// The mode of a folder (for `--changed`, naming a folder means everything below it).
    ChmodFolder(&'static str, u32),
    /// Only the modification time.
    Touch(&'static str),
    Mkdir(&'static str),
    Symlink(&'static str, &'static str),
    /// The Dockerfile, rewritten.
    Dockerfile(&'static str),
    BuildArg(&'static str, &'static str),
}

impl Change {
    /// The path `--changed` is told about, when the change is one it can express (a
    /// content change of context paths, not an edit of the instructions or the args).
    fn changed_path(&self) -> Option<Option<&'static str>> {
        match self {
            // Which files the old patterns let in is not known to `--changed`: it answers
            // conservatively (a rebuild), which a snapshot need not match.
            Change::Write(p, _) if p.ends_with(".dockerignore") => None,
            Change::Write(p, _)
            | Change::Delete(p)
            | Change::Chmod(p, _)
            | Change::Mkdir(p)
            | Change::Symlink(p, _) => Some(Some(p)),
            // An mtime change is no change: there is nothing to list.
            Change::Touch(_) => Some(None),
            Change::Dockerfile(_) | Change::BuildArg(..) | Change::ChmodFolder(..) => None,
        }
    }

    /// Whether git sees the change as BuildKit does (git keeps no folders and, of a
    /// mode, only the executable bit; build args are not in the tree).
    fn git_sees_it(&self) -> bool {
        match self {
            Change::Chmod(_, mode) => mode & 0o111 != 0,
            Change::Mkdir(_) | Change::BuildArg(..) => false,
            _ => true,
        }
    }
}

struct Scenario {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    dockerfile: &'static str,
    changes: Vec<Change>,
    target: Option<&'static str>,
    build_args: Vec<(&'static str, &'static str)>,
    /// The context folder inside the repository (default: the repository root).
    context: Option<&'static str>,
    /// Symlinks of the first tree: (path, target).
    links: &'static [(&'static str, &'static str)],
    /// Why 20.10 cannot build it (a flag its Dockerfile frontend does not know).
    modern_only: Option<&'static str>,
    /// What 20.10 does differently from 28.5 (which the model follows). The run on
    /// 20.10 must still disagree with the model, or the note is stale.
    on_stable: Option<&'static str>,
    /// Why 20.10's answer here is not reliable: its disagreements are shown, not failed.
    flaky_on_stable: Option<&'static str>,
}

/// Seen once on a fresh 20.10 engine in CI (never on 28.5, nor in many runs on a warm
/// 20.10): `COPY .` rebuilt when only a file `.dockerignore` excludes had changed.
const STABLE_IGNORE_FLAKE: &str =
    "BuildKit 0.8 once rebuilt COPY . after a change to an ignored file only";

fn scenario(
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    dockerfile: &'static str,
    changes: Vec<Change>,
) -> Scenario {
    Scenario {
        name,
        files,
        dockerfile,
        changes,
        target: None,
        build_args: Vec::new(),
        context: None,
        links: &[],
        modern_only: None,
        on_stable: None,
        flaky_on_stable: None,
    }
}

/// A vertex of BuildKit's progress output: (stage label, ordinal) -> cached.
fn parse_progress(output: &str) -> HashMap<(String, usize), bool> {
    let mut names: HashMap<String, (String, usize)> = HashMap::new();
    let mut cached: HashMap<(String, usize), bool> = HashMap::new();
    for line in output.lines() {
        let Some(rest) = line.strip_prefix('#') else {
            continue;
        };
        let Some((id, text)) = rest.split_once(' ') else {
            continue;
        };
        if let Some(inner) = text.strip_prefix('[')
            && let Some((label, _)) = inner.split_once(']')
        {
            let (stage, counter) = match label.rsplit_once(' ') {
                Some((s, c)) => (s.to_string(), c),
                None => (String::new(), label),
            };
            if let Some((i, _)) = counter.split_once('/')
                && let Ok(i) = i.parse::<usize>()
            {
                names.insert(id.to_string(), (stage.clone(), i));
                cached.entry((stage, i)).or_insert(false);
            }
        } else if text.trim() == "CACHED"
            && let Some(key) = names.get(id)
        {
            cached.insert(key.clone(), true);
        }
    }
    cached
}

fn nonce() -> String {
    static NONCE: OnceLock<String> = OnceLock::new();
    NONCE
        .get_or_init(|| {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            format!("{t:x}")
        })
        .clone()
}

/// Every stage starts with a RUN no other scenario or test run has, so BuildKit's cache
/// from elsewhere cannot answer for this scenario.
fn with_unique_steps(dockerfile: &str, name: &str) -> String {
    let mut out = String::new();
    let mut stage = 0;
    for line in dockerfile.lines() {
        out.push_str(line);
        out.push('\n');
        if line.trim_start().to_ascii_uppercase().starts_with("FROM ") {
            out.push_str(&format!("RUN echo {name}-{stage}-{} > /unique\n", nonce()));
            stage += 1;
        }
    }
    out
}

/// layerlint's view of the context and its steps, as `cache snapshot` records it.
fn predict(dir: &Path, options: &BuildOptions) -> (Model<'static>, ContextState, cache::Plan) {
    let source: &'static str = fs::read_to_string(dir.join("Dockerfile")).unwrap().leak();
    let dockerfile: &'static _ = Box::leak(Box::new(layerlint::syntax::parse(source)));
    let model = Model::build(dockerfile);
    let ignore = context::ignore_file_for(&dir.join("Dockerfile"), dir)
        .map(|f| DockerIgnore::parse(&fs::read_to_string(f).unwrap()).unwrap());
    let listing = Listing::walk(dir, ignore.as_ref()).unwrap();
    let files: Vec<&String> = listing.entries.keys().collect();
    let digests = listing.hash_files(files).unwrap();
    let state = ContextState::from_listing(&listing, |p| digests.get(p).cloned());
    let plan = cache::plan(&model, &state, options).unwrap();
    (model, state, plan)
}

fn build(
    engine: &Engine,
    dir: &Path,
    s: &Scenario,
    args: &[(String, String)],
) -> Result<String, String> {
    let mut cmd: Vec<String> = vec![
        "build".into(),
        "--network=none".into(),
        "--progress=plain".into(),
        "-t".into(),
        format!("layerlint-test-{}", s.name),
    ];
    if let Some(t) = s.target {
        cmd.extend(["--target".into(), t.into()]);
    }
    for (k, v) in args {
        cmd.extend(["--build-arg".into(), format!("{k}={v}")]);
    }
    cmd.push(".".into());
    let refs: Vec<&str> = cmd.iter().map(String::as_str).collect();
    let out = engine.docker(dir, &refs);
    // The image is not needed past its progress log (the build cache keeps the steps):
    // the harness leaves no images behind.
    engine.docker(
        dir,
        &["image", "rm", "-f", &format!("layerlint-test-{}", s.name)],
    );
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    if out.status.success() {
        Ok(text)
    } else if text.contains("buildx component is missing") {
        Err(format!(
            "{} on {}: the client {} has no buildx; set LAYERLINT_DOCKER (or LAYERLINT_MODERN_DOCKER with LAYERLINT_MODERN_DOCKER_CONFIG) to a client that has it",
            s.name, engine.name, engine.client
        ))
    } else {
        Err(format!(
            "{} on {}: build failed:\n{text}",
            s.name, engine.name
        ))
    }
}

/// Git in a scenario's repository. No automatic maintenance: git may run it detached
/// after a commit, and its writes under `.git` would change a `COPY .` context between
/// the two builds.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(["-c", "maintenance.auto=false", "-c", "gc.auto=0"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The statuses `layerlint cache ... -f json` gives, in step order.
fn cli_statuses(repo: &Path, s: &Scenario, args: &[(String, String)], how: &[&str]) -> Vec<String> {
    let context = s.context.unwrap_or(".");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_layerlint"));
    cmd.current_dir(repo)
        .args(["cache", "-f", "json", "--context", context])
        .arg("--file")
        .arg(Path::new(context).join("Dockerfile"));
    if let Some(t) = s.target {
        cmd.args(["--target", t]);
    }
    for (k, v) in args {
        cmd.arg("--build-arg").arg(format!("{k}={v}"));
    }
    let out = cmd.args(how).output().unwrap();
    assert!(
        out.status.success(),
        "{} `cache {}`: {}",
        s.name,
        how.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["status"].as_str().unwrap().to_string())
        .collect()
}

#[derive(Default)]
struct Tally {
    scenarios: usize,
    cached: usize,
    rebuilt: usize,
    conditional: usize,
    skipped: usize,
    /// Scenarios checked through --since and through --changed too.
    since: usize,
    changed: usize,
    /// Scenarios where this engine differs from the model as noted.
    noted: usize,
}

/// Build, change, build again; compare BuildKit's CACHED marks with the prediction.
fn run(engine: &Engine, s: &Scenario, tally: &mut Tally) -> Result<(), String> {
    if s.modern_only.is_some() && !engine.modern {
        return Ok(());
    }
    tally.scenarios += 1;
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    let dir = &s
        .context
        .map(|c| repo.join(c))
        .unwrap_or(repo.to_path_buf());
    fs::create_dir_all(dir).unwrap();
    for (path, content) in s.files {
        let full = repo.join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(&full, content).unwrap();
        set_mode(&full, 0o644);
    }
    for (path, target) in s.links {
        std::os::unix::fs::symlink(target, repo.join(path)).unwrap();
    }
    fs::write(
        dir.join("Dockerfile"),
        with_unique_steps(s.dockerfile, s.name),
    )
    .unwrap();
    git(repo, &["init", "-q"]);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "baseline"]);
    let mut args: Vec<(String, String)> = s
        .build_args
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let options = |args: &[(String, String)]| BuildOptions {
        target: s.target.map(String::from),
        build_args: args.to_vec(),
    };

    build(engine, dir, s, &args)?;
    let (_, before_state, before_plan) = predict(dir, &options(&args));
    let baseline = Baseline {
        records: before_plan.records(),
        context: Some(before_state),
    };

    for change in &s.changes {
        match change {
            Change::Write(p, c) => {
                let full = repo.join(p);
                fs::create_dir_all(full.parent().unwrap()).unwrap();
                fs::write(&full, c).unwrap();
            }
            Change::Delete(p) => fs::remove_file(repo.join(p)).unwrap(),
            Change::Chmod(p, m) | Change::ChmodFolder(p, m) => set_mode(&repo.join(p), *m),
            Change::Touch(p) => {
                let f = fs::File::options().append(true).open(repo.join(p)).unwrap();
                f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3600))
                    .unwrap();
            }
            Change::Mkdir(p) => fs::create_dir_all(repo.join(p)).unwrap(),
            Change::Symlink(p, target) => {
                let _ = fs::remove_file(repo.join(p));
                std::os::unix::fs::symlink(target, repo.join(p)).unwrap();
            }
            Change::Dockerfile(text) => {
                fs::write(dir.join("Dockerfile"), with_unique_steps(text, s.name)).unwrap()
            }
            Change::BuildArg(k, v) => {
                args.retain(|(key, _)| key != k);
                args.push((k.to_string(), v.to_string()));
            }
        }
    }

    let output = build(engine, dir, s, &args)?;
    // The image is not needed past its progress log; the build cache keeps the steps.
    engine.docker(
        dir,
        &["image", "rm", "-f", &format!("layerlint-test-{}", s.name)],
    );
    let observed = parse_progress(&output);
    let (_, after_state, plan) = predict(dir, &options(&args));
    let verdicts = cache::compare(&plan, &after_state, &baseline);

    let mut problems = Vec::new();
    // The other ways of telling layerlint what changed must say the same.
    let snapshot: Vec<String> = verdicts
        .iter()
        .map(|v| format!("{:?}", v.status).to_lowercase())
        .collect();
    let mut others: Vec<(String, Vec<String>)> = Vec::new();
    if s.changes.iter().all(Change::git_sees_it) {
        tally.since += 1;
        others.push((
            "--since HEAD".into(),
            cli_statuses(repo, s, &args, &["--since", "HEAD"]),
        ));
    }
    let listed: Option<Vec<&str>> = s
        .changes
        .iter()
        .map(Change::changed_path)
        .collect::<Option<Vec<_>>>()
        .map(|paths| paths.into_iter().flatten().collect());
    if let Some(paths) = listed.filter(|p| !p.is_empty()) {
        tally.changed += 1;
        let mut how = vec!["--changed"];
        how.extend(paths);
        others.push((how.join(" "), cli_statuses(repo, s, &args, &how)));
    }
    for (how, statuses) in &others {
        if *statuses != snapshot {
            problems.push(format!(
                "`cache {how}` says {statuses:?}, the snapshot says {snapshot:?}"
            ));
        }
    }

    // A step after a COPY --from whose outcome depends on the copied bytes may go either way.
    let mut conditional_stage: HashMap<usize, bool> = HashMap::new();
    let mut disagreements = Vec::new();
    for (step, verdict) in plan.steps.iter().zip(&verdicts) {
        // A single-stage build's steps are unprefixed, or `stage-0` when BuildKit added an
        // internal state (it does for cache mounts).
        let vertex = observed
            .get(&(step.stage_label.clone(), step.ordinal))
            .or_else(|| {
                step.stage_label
                    .is_empty()
                    .then(|| observed.get(&("stage-0".to_string(), step.ordinal)))
                    .flatten()
            })
            .copied();
        let conditional = matches!(
            verdict.reason,
            Reason::StageRebuilt {
                conditional: true,
                ..
            }
        ) || (verdict.reason == Reason::ParentRebuilt
            && conditional_stage.get(&step.stage) == Some(&true));
        conditional_stage.insert(step.stage, conditional);
        match verdict.status {
            Status::Skipped => {
                tally.skipped += 1;
                if vertex.is_some() {
                    disagreements.push(format!(
                        "line {}: predicted skipped, BuildKit built it",
                        step.line
                    ));
                }
            }
            // FROM is resolved once per image and shown once; not a step to compare.
            _ if step.keyword == layerlint::syntax::Keyword::From => {}
            status => {
                let Some(cached) = vertex else {
                    disagreements.push(format!(
                        "line {}: no vertex [{} {}] in BuildKit's output",
                        step.line, step.stage_label, step.ordinal
                    ));
                    continue;
                };
                let predicted_cached = matches!(status, Status::Cached | Status::External);
                match (conditional, cached) {
                    (true, _) => tally.conditional += 1,
                    (false, true) => tally.cached += 1,
                    (false, false) => tally.rebuilt += 1,
                }
                if cached != predicted_cached && !conditional {
                    disagreements.push(format!(
                        "line {} `{}`: predicted {} ({}), BuildKit {}",
                        step.line,
                        step.text.lines().next().unwrap_or(""),
                        verdict.status.as_str(),
                        verdict.reason.message(),
                        if cached { "CACHED" } else { "rebuilt" }
                    ));
                }
            }
        }
    }
    match (s.on_stable, engine.modern) {
        (_, false) if s.flaky_on_stable.is_some() && !disagreements.is_empty() => {
            tally.noted += 1;
            eprintln!(
                "{} on {}: {} (not failed): {}",
                s.name,
                engine.name,
                s.flaky_on_stable.unwrap_or(""),
                disagreements.join("; ")
            );
        }
        (Some(_), false) if !disagreements.is_empty() => tally.noted += 1,
        (Some(note), false) => problems.push(format!(
            "20.10 now agrees with the model; the note is stale: {note}"
        )),
        _ => problems.extend(disagreements),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} on {}:\n  {}",
            s.name,
            engine.name,
            problems.join("\n  ")
        ))
    }
}

fn scenarios() -> Vec<Scenario> {
    use Change::*;
    const APP: &[(&str, &str)] = &[
        ("a.txt", "a\n"),
        ("b.txt", "b\n"),
        ("src/main.sh", "echo main\n"),
        ("src/lib/util.sh", "echo util\n"),
        ("notes.md", "notes\n"),
    ];
    const COPY_A: &str =
        "FROM layerlint-busybox:base\nWORKDIR /app\nCOPY a.txt .\nRUN cat a.txt\nRUN echo done\n";
    const COPY_SRC: &str = "FROM layerlint-busybox:base\nCOPY src /src\nRUN ls -R /src\n";
    const COPY_ALL: &str = "FROM layerlint-busybox:base\nCOPY . /ctx\nRUN ls /ctx\n";
    const ENV_FILE: &str =
        "FROM layerlint-busybox:base\nENV MODE=one\nCOPY a.txt /a\nRUN echo run\n";
    let mut list = vec![
        scenario(
            "content-edit",
            APP,
            COPY_A,
            vec![Write("a.txt", "changed\n")],
        ),
        scenario(
            "edit-of-an-uncopied-file",
            APP,
            COPY_A,
            vec![Write("b.txt", "changed\n")],
        ),
        scenario(
            "new-file-in-copied-folder",
            APP,
            COPY_SRC,
            vec![Write("src/new.sh", "new\n")],
        ),
        scenario(
            "deleted-file-in-copied-folder",
            APP,
            COPY_SRC,
            vec![Delete("src/lib/util.sh")],
        ),
        scenario(
            "new-empty-folder-in-copied-folder",
            APP,
            COPY_SRC,
            vec![Mkdir("src/empty")],
        ),
        scenario(
            "chmod-of-a-copied-file",
            APP,
            COPY_A,
            vec![Chmod("a.txt", 0o600)],
        ),
        scenario(
            "executable-bit",
            APP,
            COPY_SRC,
            vec![Chmod("src/main.sh", 0o755)],
        ),
        scenario(
            "chmod-of-an-uncopied-file",
            APP,
            COPY_A,
            vec![Chmod("b.txt", 0o600)],
        ),
        scenario("mtime-only", APP, COPY_A, vec![Touch("a.txt")]),
        scenario(
            "symlink-target-in-copied-folder",
            APP,
            COPY_SRC,
            vec![Symlink("src/link", "main.sh")],
        ),
        Scenario {
            flaky_on_stable: Some(STABLE_IGNORE_FLAKE),
            ..scenario(
                "dockerignored-file-changes",
                &[
                    ("a.txt", "a\n"),
                    ("debug.log", "1\n"),
                    (".dockerignore", "*.log\n"),
                ],
                COPY_ALL,
                vec![Write("debug.log", "2\n")],
            )
        },
        scenario(
            "dockerignore-edit-is-a-context-change",
            &[("a.txt", "a\n"), (".dockerignore", "*.log\n")],
            COPY_ALL,
            vec![Write(".dockerignore", "*.log\n# a comment\n")],
        ),
        scenario(
            "dockerignore-exception-re-includes",
            &[
                ("README.md", "r\n"),
                ("OTHER.md", "o\n"),
                (".dockerignore", "*.md\n!README.md\n"),
            ],
            COPY_ALL,
            vec![Write("README.md", "changed\n")],
        ),
        Scenario {
            flaky_on_stable: Some(STABLE_IGNORE_FLAKE),
            ..scenario(
                "dockerignore-excluded-markdown",
                &[
                    ("README.md", "r\n"),
                    ("OTHER.md", "o\n"),
                    (".dockerignore", "*.md\n!README.md\n"),
                ],
                COPY_ALL,
                vec![Write("OTHER.md", "changed\n")],
            )
        },
        scenario(
            "dockerignore-now-excludes-a-copied-file",
            &[
                ("a.txt", "a\n"),
                ("b.txt", "b\n"),
                (".dockerignore", "*.log\n"),
            ],
            "FROM layerlint-busybox:base\nCOPY *.txt /t/\nRUN ls /t\n",
            vec![Write(".dockerignore", "*.log\nb.txt\n")],
        ),
        scenario(
            "comment-only-dockerfile-edit",
            APP,
            COPY_A,
            vec![Dockerfile(
                "FROM layerlint-busybox:base\n# a new comment\nWORKDIR /app\nCOPY a.txt .\n\nRUN cat a.txt\nRUN echo done\n",
            )],
        ),
        scenario(
            "comment-only-edit-with-copy-dot",
            APP,
            COPY_ALL,
            vec![Dockerfile(
                "FROM layerlint-busybox:base\n# a new comment\nCOPY . /ctx\nRUN ls /ctx\n",
            )],
        ),
        scenario(
            "comment-only-edit-dockerfile-ignored",
            &[("a.txt", "a\n"), (".dockerignore", "Dockerfile\n")],
            COPY_ALL,
            vec![Dockerfile(
                "FROM layerlint-busybox:base\n# a new comment\nCOPY . /ctx\nRUN ls /ctx\n",
            )],
        ),
        scenario(
            "trailing-whitespace-edit",
            APP,
            COPY_A,
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nWORKDIR /app   \nCOPY a.txt .  \nRUN cat a.txt   \nRUN echo done\n",
            )],
        ),
        scenario(
            "continuation-re-indent",
            APP,
            "FROM layerlint-busybox:base\nRUN echo one \\\n  && echo two\nRUN echo after\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo one \\\n      && echo two\nRUN echo after\n",
            )],
        ),
        scenario(
            "instruction-casing",
            APP,
            COPY_A,
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nworkdir /app\ncopy a.txt .\nrun cat a.txt\nRUN echo done\n",
            )],
        ),
        scenario(
            "env-change-spares-copy",
            APP,
            ENV_FILE,
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nENV MODE=two\nCOPY a.txt /a\nRUN echo run\n",
            )],
        ),
        scenario(
            "env-in-copy-destination",
            APP,
            "FROM layerlint-busybox:base\nENV DEST=/one\nCOPY a.txt $DEST/\nRUN ls /\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nENV DEST=/two\nCOPY a.txt $DEST/\nRUN ls /\n",
            )],
        ),
        scenario(
            "env-reorder",
            APP,
            "FROM layerlint-busybox:base\nENV A=1\nENV B=2\nRUN env\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nENV B=2\nENV A=1\nRUN env\n",
            )],
        ),
        scenario(
            "arg-default-change-rebuilds-later-runs",
            APP,
            "FROM layerlint-busybox:base\nRUN echo before\nARG FLAVOR=one\nRUN echo unrelated\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo before\nARG FLAVOR=two\nRUN echo unrelated\n",
            )],
        ),
        scenario(
            "arg-without-value-added",
            APP,
            "FROM layerlint-busybox:base\nRUN echo before\nRUN echo after\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo before\nARG NOTHING\nRUN echo after\n",
            )],
        ),
        Scenario {
            build_args: vec![("FLAVOR", "one")],
            ..scenario(
                "build-arg-change",
                APP,
                "FROM layerlint-busybox:base\nCOPY a.txt /a\nARG FLAVOR\nRUN echo build\n",
                vec![BuildArg("FLAVOR", "two")],
            )
        },
        Scenario {
            build_args: vec![("UNDECLARED", "one")],
            ..scenario(
                "undeclared-build-arg-change",
                APP,
                "FROM layerlint-busybox:base\nRUN echo build\n",
                vec![BuildArg("UNDECLARED", "two")],
            )
        },
        Scenario {
            build_args: vec![("HTTP_PROXY", "http://one:3128")],
            ..scenario(
                "proxy-build-arg-change",
                APP,
                "FROM layerlint-busybox:base\nRUN echo build\n",
                vec![BuildArg("HTTP_PROXY", "http://two:3128")],
            )
        },
        scenario(
            "workdir-change",
            APP,
            COPY_A,
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nWORKDIR /srv\nCOPY a.txt .\nRUN cat a.txt\nRUN echo done\n",
            )],
        ),
        scenario(
            "user-change-spares-copy",
            APP,
            "FROM layerlint-busybox:base\nUSER root\nCOPY a.txt /tmp/a\nRUN id\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nUSER app\nCOPY a.txt /tmp/a\nRUN id\n",
            )],
        ),
        scenario(
            "chown-change",
            APP,
            "FROM layerlint-busybox:base\nCOPY --chown=0:0 a.txt /a\nRUN ls -l /a\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nCOPY --chown=1000:1000 a.txt /a\nRUN ls -l /a\n",
            )],
        ),
        scenario(
            "reordered-copy-sources",
            APP,
            "FROM layerlint-busybox:base\nCOPY a.txt b.txt /d/\nRUN ls /d\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nCOPY b.txt a.txt /d/\nRUN ls /d\n",
            )],
        ),
        scenario(
            "glob-gains-a-match",
            APP,
            "FROM layerlint-busybox:base\nCOPY *.txt /t/\nRUN ls /t\n",
            vec![Write("c.txt", "c\n")],
        ),
        scenario(
            "glob-non-match-added",
            APP,
            "FROM layerlint-busybox:base\nCOPY *.txt /t/\nRUN ls /t\n",
            vec![Write("c.log", "c\n")],
        ),
        scenario(
            "label-cmd-expose-changes",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x\nLABEL a=1\nCMD [\"sh\"]\nEXPOSE 80\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo x\nLABEL a=2\nCMD [\"ls\"]\nEXPOSE 81\n",
            )],
        ),
        scenario(
            "shell-change",
            APP,
            "FROM layerlint-busybox:base\nRUN echo one\nRUN echo two\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo one\nSHELL [\"/bin/sh\", \"-ec\"]\nRUN echo two\n",
            )],
        ),
        scenario(
            "independent-stages",
            APP,
            "FROM layerlint-busybox:base AS one\nCOPY a.txt /a\nFROM layerlint-busybox:base AS two\nCOPY b.txt /b\nFROM layerlint-busybox:base\nCOPY --from=one /a /a\nCOPY --from=two /b /b\nRUN ls /\n",
            vec![Write("b.txt", "changed\n")],
        ),
        scenario(
            "unreachable-stage",
            APP,
            "FROM layerlint-busybox:base AS unused\nCOPY b.txt /b\nFROM layerlint-busybox:base\nCOPY a.txt /a\nRUN cat /a\n",
            vec![Write("b.txt", "changed\n")],
        ),
        Scenario {
            target: Some("build"),
            ..scenario(
                "target-stage",
                APP,
                "FROM layerlint-busybox:base AS build\nCOPY a.txt /a\nRUN cat /a\nFROM build\nCOPY b.txt /b\n",
                vec![Write("a.txt", "changed\n")],
            )
        },
        scenario(
            "copy-from-identical-output",
            APP,
            "FROM layerlint-busybox:base AS build\nCOPY . /src\nRUN mkdir /out && cat /src/a.txt > /out/a\nFROM layerlint-busybox:base\nCOPY --from=build /out /out\nRUN cat /out/a\n",
            vec![Write("b.txt", "changed\n")],
        ),
        scenario(
            "stage-inheritance",
            APP,
            "FROM layerlint-busybox:base AS base\nCOPY a.txt /a\nFROM base\nRUN cat /a\n",
            vec![Write("a.txt", "changed\n")],
        ),
        scenario(
            "bind-mount-source-change",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=bind,source=a.txt,target=/m cat /m\nRUN echo after\n",
            vec![Write("a.txt", "changed\n")],
        ),
        scenario(
            "bind-mount-other-file-change",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=bind,source=a.txt,target=/m cat /m\n",
            vec![Write("b.txt", "changed\n")],
        ),
        scenario(
            "bind-mount-of-a-folder",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=bind,source=src,target=/m ls -R /m\n",
            vec![Write("src/lib/util.sh", "changed\n")],
        ),
        scenario(
            "bind-mount-source-spelled-with-dot-slash",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=bind,source=a.txt,target=/k cat /k\nRUN echo y\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=bind,source=./a.txt,target=/k cat /k\nRUN echo y\n",
            )],
        ),
        scenario(
            "bind-mount-of-the-context-root-spelled-with-a-dot",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=bind,target=/m ls /m\nRUN echo y\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=bind,source=.,target=/m ls /m\nRUN echo y\n",
            )],
        ),
        scenario(
            "cache-mount-target-change",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c echo x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/d echo x\n",
            )],
        ),
        scenario(
            "second-copy-source-change",
            APP,
            "FROM layerlint-busybox:base\nCOPY a.txt b.txt /d/\nRUN ls /d\n",
            vec![Write("b.txt", "changed\n")],
        ),
        // The cases a real engine found wrong (issue 10).
        Scenario {
            flaky_on_stable: Some(STABLE_IGNORE_FLAKE),
            ..scenario(
                "changed-file-that-dockerignore-excludes",
                &[
                    ("a.txt", "a\n"),
                    ("CHANGES.md", "1\n"),
                    (".dockerignore", "CHANGES.md\n"),
                ],
                "FROM layerlint-busybox:base\nCOPY . /app\nRUN ls /app\n",
                vec![Write("CHANGES.md", "2\n")],
            )
        },
        scenario(
            "excluded-folder-with-exception-other-edit",
            &[
                ("docs/keep.md", "k\n"),
                ("docs/drop.md", "d\n"),
                ("a.txt", "a\n"),
                (".dockerignore", "docs\n!docs/keep.md\n"),
            ],
            "FROM layerlint-busybox:base\nCOPY docs /docs\nRUN ls -R /docs\nCOPY a.txt /a\n",
            vec![Write("a.txt", "changed\n")],
        ),
        scenario(
            "excluded-folder-with-exception-comment-edit",
            &[
                ("docs/keep.md", "k\n"),
                ("docs/drop.md", "d\n"),
                (".dockerignore", "docs\n!docs/keep.md\nDockerfile\n"),
            ],
            "FROM layerlint-busybox:base\nCOPY . /ctx\nRUN ls -R /ctx\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\n# a comment\nCOPY . /ctx\nRUN ls -R /ctx\n",
            )],
        ),
        scenario(
            "excluded-folder-with-exception-re-included-edit",
            &[
                ("docs/keep.md", "k\n"),
                ("docs/drop.md", "d\n"),
                (".dockerignore", "docs\n!docs/keep.md\n"),
            ],
            "FROM layerlint-busybox:base\nCOPY docs /docs\nRUN ls -R /docs\n",
            vec![Write("docs/keep.md", "changed\n")],
        ),
        Scenario {
            context: Some("svc"),
            ..scenario(
                "monorepo-manifest-change",
                &[
                    ("svc/package.json", "{}\n"),
                    ("svc/app.js", "app\n"),
                    ("web/package.json", "{}\n"),
                ],
                "FROM layerlint-busybox:base\nWORKDIR /app\nCOPY package.json .\nRUN cat package.json\nCOPY . .\n",
                vec![Write("svc/package.json", "{\"a\":1}\n")],
            )
        },
        Scenario {
            context: Some("svc"),
            ..scenario(
                "monorepo-change-outside-the-context",
                &[
                    ("svc/package.json", "{}\n"),
                    ("svc/app.js", "app\n"),
                    ("web/package.json", "{}\n"),
                ],
                "FROM layerlint-busybox:base\nWORKDIR /app\nCOPY package.json .\nRUN cat package.json\nCOPY . .\n",
                vec![Write("web/package.json", "{\"a\":1}\n")],
            )
        },
        scenario(
            "build-arg-sets-the-base-image",
            APP,
            "ARG BASE=layerlint-busybox:base\nFROM $BASE\nCOPY a.txt /a\nRUN cat /a\n",
            vec![BuildArg("BASE", OTHER_BASE)],
        ),
        Scenario {
            build_args: vec![("BASE", OTHER_BASE)],
            ..scenario(
                "build-arg-base-image-kept",
                APP,
                "ARG BASE=layerlint-busybox:base\nFROM ${BASE} AS build\nRUN echo x\n",
                vec![Write("b.txt", "changed\n")],
            )
        },
        Scenario {
            modern_only: Some("COPY --link needs Dockerfile 1.4; 20.10's frontend rejects it"),
            ..scenario(
                "copy-link-after-a-rebuilt-step",
                APP,
                "FROM layerlint-busybox:base\nCOPY a.txt /a\nCOPY --link src /src\nRUN ls /src\n",
                vec![Write("a.txt", "changed\n")],
            )
        },
        Scenario {
            modern_only: Some("COPY --link needs Dockerfile 1.4; 20.10's frontend rejects it"),
            ..scenario(
                "copy-link-dropped",
                APP,
                "FROM layerlint-busybox:base\nCOPY a.txt /a\nCOPY --link src /src\nRUN ls /src\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nCOPY a.txt /a\nCOPY src /src\nRUN ls /src\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("COPY --link needs Dockerfile 1.4; 20.10's frontend rejects it"),
            ..scenario(
                "copy-link-source-change",
                APP,
                "FROM layerlint-busybox:base\nCOPY a.txt /a\nCOPY --link src /src\nRUN ls /src\n",
                vec![Write("src/main.sh", "changed\n")],
            )
        },
        Scenario {
            modern_only: Some("COPY --exclude needs Dockerfile 1.7; 20.10's frontend rejects it"),
            ..scenario(
                "copy-exclude-edit-of-an-excluded-file",
                &[
                    ("src/main.sh", "m\n"),
                    ("src/notes.md", "n\n"),
                    ("src/lib/util.sh", "u\n"),
                ],
                "FROM layerlint-busybox:base\nCOPY --exclude=*.md src /s\nRUN ls -R /s\n",
                vec![Write("src/notes.md", "changed\n")],
            )
        },
        Scenario {
            modern_only: Some("COPY --exclude needs Dockerfile 1.7; 20.10's frontend rejects it"),
            ..scenario(
                "copy-exclude-new-excluded-file",
                &[("src/main.sh", "m\n"), ("src/notes.md", "n\n")],
                "FROM layerlint-busybox:base\nCOPY --exclude=*.md src /s\nRUN ls -R /s\n",
                vec![Write("src/new.md", "new\n")],
            )
        },
        Scenario {
            modern_only: Some("COPY --exclude needs Dockerfile 1.7; 20.10's frontend rejects it"),
            ..scenario(
                "copy-exclude-pattern-is-top-level-only",
                &[("src/main.sh", "m\n"), ("src/lib/deep.md", "d\n")],
                "FROM layerlint-busybox:base\nCOPY --exclude=*.md src /s\nRUN ls -R /s\n",
                vec![Write("src/lib/deep.md", "changed\n")],
            )
        },
        Scenario {
            modern_only: Some("COPY --exclude needs Dockerfile 1.7; 20.10's frontend rejects it"),
            ..scenario(
                "copy-exclude-edit-of-a-copied-file",
                &[("src/main.sh", "m\n"), ("src/notes.md", "n\n")],
                "FROM layerlint-busybox:base\nCOPY --exclude=*.md src /s\nRUN ls -R /s\n",
                vec![Write("src/main.sh", "changed\n")],
            )
        },
        // More of what users write, probed on both engines.
        scenario(
            "workdir-root-makes-no-step",
            APP,
            "FROM layerlint-busybox:base\nWORKDIR /\nCOPY a.txt /a\nRUN cat /a\n",
            vec![Write("a.txt", "changed\n")],
        ),
        scenario(
            "shell-change-spares-exec-form-run",
            APP,
            "FROM layerlint-busybox:base\nRUN [\"echo\", \"exec\"]\nRUN echo shell\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nSHELL [\"/bin/sh\", \"-ec\"]\nRUN [\"echo\", \"exec\"]\nRUN echo shell\n",
            )],
        ),
        scenario(
            "comment-inside-a-continuation-edited",
            APP,
            "FROM layerlint-busybox:base\nRUN echo one \\\n# first comment\n  && echo two\nRUN echo after\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo one \\\n# another comment\n  && echo two\nRUN echo after\n",
            )],
        ),
        scenario(
            "blank-line-inside-a-continuation",
            APP,
            "FROM layerlint-busybox:base\nRUN echo one \\\n  && echo two\nRUN echo after\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo one \\\n\n  && echo two\nRUN echo after\n",
            )],
        ),
        scenario(
            "whitespace-inside-a-command",
            APP,
            "FROM layerlint-busybox:base\nRUN echo one\nRUN echo after\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo  one\nRUN echo after\n",
            )],
        ),
        Scenario {
            build_args: vec![("V", "1")],
            ..scenario(
                "redeclared-global-arg-build-arg-change",
                APP,
                "ARG V=0\nFROM layerlint-busybox:base\nCOPY a.txt /a\nARG V\nRUN echo $V\n",
                vec![BuildArg("V", "2")],
            )
        },
        Scenario {
            build_args: vec![("V", "1")],
            ..scenario(
                "global-arg-not-redeclared-build-arg-change",
                APP,
                "ARG V=0\nFROM layerlint-busybox:base\nRUN echo hi\n",
                vec![BuildArg("V", "2")],
            )
        },
        scenario(
            "redeclared-global-arg-default-change",
            APP,
            "ARG V=0\nFROM layerlint-busybox:base\nCOPY a.txt /a\nARG V\nRUN echo $V\n",
            vec![Dockerfile(
                "ARG V=1\nFROM layerlint-busybox:base\nCOPY a.txt /a\nARG V\nRUN echo $V\n",
            )],
        ),
        scenario(
            "env-from-an-arg",
            APP,
            "FROM layerlint-busybox:base\nARG A=1\nENV E=$A\nCOPY a.txt /a\nRUN echo $E\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nARG A=2\nENV E=$A\nCOPY a.txt /a\nRUN echo $E\n",
            )],
        ),
        scenario(
            "arg-in-a-copy-source",
            APP,
            "FROM layerlint-busybox:base\nARG F=a.txt\nCOPY $F /x\nRUN cat /x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nARG F=b.txt\nCOPY $F /x\nRUN cat /x\n",
            )],
        ),
        scenario(
            "copy-chmod-change",
            APP,
            "FROM layerlint-busybox:base\nCOPY --chmod=644 a.txt /a\nRUN ls -l /a\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nCOPY --chmod=755 a.txt /a\nRUN ls -l /a\n",
            )],
        ),
        scenario(
            "add-of-a-local-file",
            APP,
            "FROM layerlint-busybox:base\nADD a.txt /a\nRUN cat /a\n",
            vec![Write("a.txt", "changed\n")],
        ),
        scenario(
            "tmpfs-mount-added",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x\nRUN echo y\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=tmpfs,target=/scratch echo x\nRUN echo y\n",
            )],
        ),
        Scenario {
            on_stable: Some("20.10 keys a cache mount's id; 28.5 does not"),
            ..scenario(
                "cache-mount-id-change",
                APP,
                "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c,id=one echo x\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c,id=two echo x\n",
                )],
            )
        },
        scenario(
            "cache-mount-sharing-change",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c echo x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c,sharing=locked echo x\n",
            )],
        ),
        // Options written as their defaults are the op without them.
        scenario(
            "cache-mount-default-sharing-written",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c echo x\nRUN echo y\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c,sharing=shared echo x\nRUN echo y\n",
            )],
        ),
        Scenario {
            modern_only: Some("20.10's frontend does not know a tmpfs mount's size"),
            ..scenario(
                "tmpfs-size-in-other-units",
                APP,
                "FROM layerlint-busybox:base\nRUN --mount=type=tmpfs,target=/t,size=1g echo x\nRUN echo y\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN --mount=type=tmpfs,target=/t,size=1024m echo x\nRUN echo y\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("20.10's frontend does not know a tmpfs mount's size"),
            ..scenario(
                "tmpfs-size-changed",
                APP,
                "FROM layerlint-busybox:base\nRUN --mount=type=tmpfs,target=/t,size=1g echo x\nRUN echo y\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN --mount=type=tmpfs,target=/t,size=2g echo x\nRUN echo y\n",
                )],
            )
        },
        // The shell form is the shell's words and the command: written as that exec
        // form, the step is the same op.
        scenario(
            "exec-form-spelling-of-the-shell-form",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x > /x\nRUN echo y\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN [\"/bin/sh\", \"-c\", \"echo x > /x\"]\nRUN echo y\n",
            )],
        ),
        scenario(
            "exec-form-with-another-shell-path",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x > /x\nRUN echo y\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN [\"sh\", \"-c\", \"echo x > /x\"]\nRUN echo y\n",
            )],
        ),
        scenario(
            "cache-mount-uid-change",
            APP,
            "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c echo x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c,uid=1000 echo x\n",
            )],
        ),
        scenario(
            "cache-mount-added",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=cache,target=/c echo x\n",
            )],
        ),
        scenario(
            "copy-destination-trailing-slash",
            APP,
            "FROM layerlint-busybox:base\nCOPY src /dst\nRUN ls /dst\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nCOPY src /dst/\nRUN ls /dst\n",
            )],
        ),
        scenario(
            "copy-from-a-stage-whose-input-changed",
            APP,
            "FROM layerlint-busybox:base AS build\nCOPY a.txt /a\nFROM layerlint-busybox:base\nCOPY --from=build /a /a\nRUN cat /a\n",
            vec![Write("a.txt", "changed\n")],
        ),
        scenario(
            "user-change-rebuilds-run",
            APP,
            "FROM layerlint-busybox:base\nCOPY a.txt /tmp/a\nUSER root\nRUN id\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nCOPY a.txt /tmp/a\nUSER app\nRUN id\n",
            )],
        ),
        scenario(
            "relative-workdir-chain",
            APP,
            "FROM layerlint-busybox:base\nWORKDIR /app\nWORKDIR sub\nCOPY a.txt .\nRUN pwd\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nWORKDIR /srv\nWORKDIR sub\nCOPY a.txt .\nRUN pwd\n",
            )],
        ),
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "run-heredoc-body-edit",
                APP,
                "FROM layerlint-busybox:base\nRUN <<EOF\necho one\nEOF\nRUN echo after\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN <<EOF\necho two\nEOF\nRUN echo after\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "run-heredoc-renamed-and-quoted",
                APP,
                "FROM layerlint-busybox:base\nRUN <<EOF\necho one > /a\nEOF\nRUN echo after\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN <<'END'\necho one > /a\nEND\nRUN echo after\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "run-heredoc-chomped-tabs",
                APP,
                "FROM layerlint-busybox:base\nRUN <<EOF\necho one > /a\nEOF\nRUN echo after\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN <<-EOF\n\techo one > /a\nEOF\nRUN echo after\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "run-heredoc-script-renamed",
                APP,
                "FROM layerlint-busybox:base\nRUN <<EOF\n#!/bin/sh\necho one > /a\nEOF\nRUN echo after\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN <<END\n#!/bin/sh\necho one > /a\nEND\nRUN echo after\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "run-heredoc-in-a-command-renamed",
                APP,
                "FROM layerlint-busybox:base\nRUN cat <<EOF > /a\none\nEOF\nRUN echo after\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN cat <<END > /a\none\nEND\nRUN echo after\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "run-heredoc-written-inline",
                APP,
                "FROM layerlint-busybox:base\nRUN <<EOF\necho one > /a\nEOF\nRUN echo after\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN echo one > /a\nRUN echo after\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "copy-heredoc-chomped-tabs",
                APP,
                "FROM layerlint-busybox:base\nCOPY <<EOF /f\nv1\nEOF\nRUN cat /f\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nCOPY <<-EOF /f\n\tv1\nEOF\nRUN cat /f\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "copy-heredoc-expands-an-arg",
                APP,
                "FROM layerlint-busybox:base\nARG V=1\nCOPY <<EOF /f\n$V\nEOF\nRUN cat /f\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nARG V=2\nCOPY <<EOF /f\n$V\nEOF\nRUN cat /f\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "copy-heredoc-quoted-keeps-the-arg-text",
                APP,
                "FROM layerlint-busybox:base\nARG V=1\nCOPY <<\"EOF\" /f\n$V\nEOF\nRUN cat /f\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nARG V=2\nCOPY <<\"EOF\" /f\n$V\nEOF\nRUN cat /f\n",
                )],
            )
        },
        Scenario {
            modern_only: Some("heredocs need Dockerfile 1.4; 20.10's frontend rejects them"),
            ..scenario(
                "copy-heredoc-unchanged-other-edit",
                APP,
                "FROM layerlint-busybox:base\nCOPY <<EOF /conf\nkey=1\nEOF\nCOPY a.txt /a\n",
                vec![Write("a.txt", "changed\n")],
            )
        },
        scenario(
            "platform-arg-declared",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nARG TARGETARCH\nRUN echo x\n",
            )],
        ),
        scenario(
            "platform-variant-arg-declared",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nARG TARGETVARIANT\nRUN echo x\n",
            )],
        ),
        scenario(
            "onbuild-not-passed-to-grandchildren",
            APP,
            "FROM layerlint-busybox:base AS base\nONBUILD RUN echo trigger\nFROM base AS mid\nRUN echo mid\nFROM mid\nCOPY a.txt /a\nRUN echo c\n",
            vec![Write("a.txt", "changed\n")],
        ),
        scenario(
            "platform-arg-used-unchanged",
            APP,
            "FROM layerlint-busybox:base\nARG TARGETARCH\nCOPY a.txt /a\nRUN echo $TARGETARCH\n",
            vec![Write("b.txt", "changed\n")],
        ),
        scenario(
            "onbuild-of-a-stage",
            APP,
            "FROM layerlint-busybox:base AS base\nONBUILD RUN echo trigger\nFROM base\nRUN echo b\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base AS base\nONBUILD RUN echo trigger2\nFROM base\nRUN echo b\n",
            )],
        ),
        scenario(
            "copy-from-an-image",
            APP,
            "FROM layerlint-busybox:base\nCOPY --from=layerlint-busybox:other /etc/other /o\nCOPY a.txt /a\nRUN cat /o /a\n",
            vec![Write("a.txt", "changed\n")],
        ),
        Scenario {
            target: Some("b"),
            ..scenario(
                "target-chain",
                APP,
                "FROM layerlint-busybox:base AS a\nCOPY a.txt /a\nFROM a AS b\nRUN cat /a\nFROM b\nCOPY b.txt /b\n",
                vec![Write("a.txt", "changed\n")],
            )
        },
        scenario(
            "env-set-to-the-same-value",
            APP,
            "FROM layerlint-busybox:base\nENV A=1\nRUN echo x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nENV A=1\nENV A=1\nRUN echo x\n",
            )],
        ),
        scenario(
            "dockerignore-double-star",
            &[
                ("a.txt", "a\n"),
                ("logs/x/debug.log", "1\n"),
                (".dockerignore", "**/*.log\n"),
            ],
            "FROM layerlint-busybox:base\nCOPY . /ctx\nRUN ls -R /ctx\n",
            vec![Write("logs/x/debug.log", "2\n")],
        ),
        scenario(
            "hidden-file-change",
            &[("a.txt", "a\n"), (".env", "A=1\n")],
            "FROM layerlint-busybox:base\nCOPY . /ctx\nRUN ls -a /ctx\n",
            vec![Write(".env", "A=2\n")],
        ),
        scenario(
            "workdir-from-env",
            APP,
            "FROM layerlint-busybox:base\nENV D=/one\nWORKDIR $D\nRUN pwd\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nENV D=/two\nWORKDIR $D\nRUN pwd\n",
            )],
        ),
        // Spelling of paths and values that BuildKit may or may not normalize.
        scenario(
            "source-trailing-slash",
            APP,
            "FROM layerlint-busybox:base\nCOPY src /dst\nRUN ls /dst\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nCOPY src/ /dst\nRUN ls /dst\n",
            )],
        ),
        scenario(
            "source-dot-slash",
            APP,
            "FROM layerlint-busybox:base\nCOPY a.txt /x\nRUN cat /x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nCOPY ./a.txt /x\nRUN cat /x\n",
            )],
        ),
        scenario(
            "env-on-one-line-or-two",
            APP,
            "FROM layerlint-busybox:base\nENV A=1\nENV B=2\nRUN env\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nENV A=1 B=2\nRUN env\n",
            )],
        ),
        // (`--network=none` itself cannot be probed here: these builds already run with
        // `--network=none`, which makes the flag a no-op.)
        Scenario {
            modern_only: Some("RUN --network needs Dockerfile 1.1 labs on 20.10's frontend"),
            ..scenario(
                "run-network-default-is-no-flag",
                APP,
                "FROM layerlint-busybox:base\nRUN echo x\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nRUN --network=default echo x\n",
                )],
            )
        },
        scenario(
            "user-with-group",
            APP,
            "FROM layerlint-busybox:base\nUSER 1000\nRUN id\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nUSER 1000:1000\nRUN id\n",
            )],
        ),
        scenario(
            "workdir-trailing-slash",
            APP,
            "FROM layerlint-busybox:base\nWORKDIR /app\nRUN pwd\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nWORKDIR /app/\nRUN pwd\n",
            )],
        ),
        scenario(
            "self-ignored-dockerignore-comment",
            &[
                ("a.txt", "a\n"),
                (".dockerignore", ".dockerignore\n*.log\n"),
            ],
            COPY_ALL,
            vec![Write(".dockerignore", ".dockerignore\n*.log\n# note\n")],
        ),
        Scenario {
            links: &[("link", "a.txt")],
            ..scenario(
                "copied-symlink-target-content",
                &[("a.txt", "a\n")],
                "FROM layerlint-busybox:base\nCOPY link /x\nRUN cat /x\n",
                vec![Write("a.txt", "changed\n")],
            )
        },
        Scenario {
            links: &[("src/link", "../a.txt")],
            ..scenario(
                "symlink-inside-a-copied-folder-target-content",
                APP,
                COPY_SRC,
                vec![Write("a.txt", "changed\n")],
            )
        },
        scenario(
            "folder-mode-change",
            APP,
            COPY_SRC,
            vec![ChmodFolder("src/lib", 0o700)],
        ),
        scenario(
            "env-quoted-the-same",
            APP,
            "FROM layerlint-busybox:base\nENV A=1\nRUN env\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nENV A=\"1\"\nRUN env\n",
            )],
        ),
        scenario(
            "exec-form-spacing",
            APP,
            "FROM layerlint-busybox:base\nRUN [\"echo\",\"x\"]\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN [ \"echo\", \"x\" ]\n",
            )],
        ),
        scenario(
            "parent-stage-cmd-change",
            APP,
            "FROM layerlint-busybox:base AS base\nCMD [\"sh\"]\nFROM base\nRUN echo child\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base AS base\nCMD [\"ls\"]\nFROM base\nRUN echo child\n",
            )],
        ),
        scenario(
            "parent-stage-env-change",
            APP,
            "FROM layerlint-busybox:base AS base\nENV MODE=one\nFROM base\nCOPY a.txt /a\nRUN echo child\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base AS base\nENV MODE=two\nFROM base\nCOPY a.txt /a\nRUN echo child\n",
            )],
        ),
        scenario(
            "secret-mount-added",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN --mount=type=secret,id=token echo x\n",
            )],
        ),
        Scenario {
            modern_only: Some("20.10's frontend parses --chmod as text"),
            ..scenario(
                "chmod-spelled-with-a-leading-zero",
                APP,
                "FROM layerlint-busybox:base\nCOPY --chmod=644 a.txt /a\nRUN ls -l /a\n",
                vec![Dockerfile(
                    "FROM layerlint-busybox:base\nCOPY --chmod=0644 a.txt /a\nRUN ls -l /a\n",
                )],
            )
        },
        scenario(
            "chown-root-added",
            APP,
            "FROM layerlint-busybox:base\nCOPY a.txt /a\nRUN ls -l /a\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nCOPY --chown=0:0 a.txt /a\nRUN ls -l /a\n",
            )],
        ),
        scenario(
            "volume-added",
            APP,
            "FROM layerlint-busybox:base\nRUN echo x\nRUN echo y\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nRUN echo x\nVOLUME /data\nRUN echo y\n",
            )],
        ),
        scenario(
            "copy-from-stage-by-index",
            APP,
            "FROM layerlint-busybox:base AS build\nCOPY a.txt /a\nFROM layerlint-busybox:base\nCOPY --from=build /a /a\nRUN cat /a\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base AS build\nCOPY a.txt /a\nFROM layerlint-busybox:base\nCOPY --from=0 /a /a\nRUN cat /a\n",
            )],
        ),
        scenario(
            "arg-built-from-an-arg",
            APP,
            "FROM layerlint-busybox:base\nARG A=1\nARG B=$A-x\nCOPY a.txt /a\nRUN echo $B\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nARG A=2\nARG B=$A-x\nCOPY a.txt /a\nRUN echo $B\n",
            )],
        ),
        scenario(
            "copy-from-a-stage-named-in-another-case",
            APP,
            "FROM layerlint-busybox:base AS build\nCOPY a.txt /a\nFROM layerlint-busybox:base\nCOPY --from=build /a /a\nRUN cat /a\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base AS build\nCOPY a.txt /a\nFROM layerlint-busybox:base\nCOPY --from=BUILD /a /a\nRUN cat /a\n",
            )],
        ),
        Scenario {
            flaky_on_stable: Some(STABLE_IGNORE_FLAKE),
            ..scenario(
                "dockerignore-double-star-folder",
                &[
                    ("a.txt", "a\n"),
                    ("pkg/node_modules/x.js", "1\n"),
                    (".dockerignore", "**/node_modules\n"),
                ],
                COPY_ALL,
                vec![Write("pkg/node_modules/x.js", "2\n")],
            )
        },
        scenario(
            "dockerignore-rooted-exception",
            &[
                ("a.md", "a\n"),
                ("b.md", "b\n"),
                (".dockerignore", "*.md\n!/a.md\n"),
            ],
            COPY_ALL,
            vec![Write("a.md", "changed\n")],
        ),
        scenario(
            "arg-declared-twice",
            APP,
            "FROM layerlint-busybox:base\nARG V=1\nRUN echo one\nARG V=2\nRUN echo $V\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nARG V=1\nRUN echo one\nARG V=3\nRUN echo $V\n",
            )],
        ),
        scenario(
            "user-from-an-arg",
            APP,
            "FROM layerlint-busybox:base\nARG WHO=root\nUSER $WHO\nCOPY a.txt /tmp/a\nRUN id\n",
            vec![Dockerfile(
                "FROM layerlint-busybox:base\nARG WHO=app\nUSER $WHO\nCOPY a.txt /tmp/a\nRUN id\n",
            )],
        ),
    ];
    list.sort_by_key(|s| s.name);
    list
}

#[test]
fn predictions_match_real_buildkits() {
    let all = scenarios();
    assert!(all.len() >= 110, "{} scenarios", all.len());
    let engines = engines();
    if engines.is_empty() {
        eprintln!(
            "no Docker engine (set LAYERLINT_DOCKER_HOST and/or LAYERLINT_MODERN_DOCKER_HOST; .ci/run starts both): {} BuildKit scenarios skipped",
            all.len()
        );
        return;
    }
    // The engines build at the same time, each its scenarios in turn.
    let results: Vec<(&Engine, Tally, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = engines
            .iter()
            .map(|engine| {
                let all = &all;
                scope.spawn(move || {
                    let mut tally = Tally::default();
                    let failures: Vec<String> = all
                        .iter()
                        .filter_map(|s| run(engine, s, &mut tally).err())
                        .collect();
                    (engine, tally, failures)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut failures = Vec::new();
    for (engine, tally, engine_failures) in results {
        eprintln!(
            "BuildKit of docker.io {}: {} scenarios ({} also through --since, {} through --changed), {} steps cached and {} rebuilt as predicted, {} after a rebuilt stage (either way), {} skipped; {} scenarios where this engine differs as noted",
            engine.name,
            tally.scenarios,
            tally.since,
            tally.changed,
            tally.cached,
            tally.rebuilt,
            tally.conditional,
            tally.skipped,
            tally.noted
        );
        failures.extend(engine_failures);
    }
    if engines.len() < 2 {
        eprintln!("only one engine: the other's scenarios were skipped");
    }
    assert!(
        failures.is_empty(),
        "{} scenario runs disagree with BuildKit:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
