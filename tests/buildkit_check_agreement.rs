//! Agreement with a real `docker build --check` (BuildKit of docker.io 28.5, which
//! .ci/run starts on a private socket) on the corpus in tests/corpus: for every file, the
//! BuildKit checks both report, compared by rule name and line. layerlint's findings
//! count under their BuildKit name, or under the BuildKit alias of their DL code (DL3025
//! is JSONArgsRecommended). A line is the line where the instruction holding the finding
//! starts, as BuildKit places most of its warnings (NoEmptyContinuation keeps its own).
//! Every difference must be listed with its reason in tests/corpus/buildkit-differences.yaml;
//! a listed file difference that no longer occurs fails too.
//!
//! BuildKit resolves every base image before it checks, and no registry answers here, so
//! each image a file names is first tagged from one imported local image. Files that
//! BuildKit cannot check this way (a digest, a base image
//! that only a build argument names, a file BuildKit stops on) are skipped and counted.

mod common;

use common::{corpus, corpus_files};
use layerlint::config::Settings;
use layerlint::context::{BuildContext, ignore_file_for, read_ignore_file};
use layerlint::lint::lint_with_build_context;
use layerlint::model::{Base, Model};
use layerlint::rules::registry::BUILDKIT_CHECKS;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

type Findings = BTreeMap<String, BTreeSet<(String, usize)>>;

const BASE: &str = "layerlint-check:base";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Difference {
    /// A corpus file; absent means the entry explains this rule in every file.
    file: Option<String>,
    rule: String,
    line: Option<usize>,
    /// Which tool reports it: `buildkit` or `layerlint`.
    only: String,
    reason: String,
}

struct Engine {
    client: String,
    host: String,
    config: Option<String>,
}

impl Engine {
    fn from_env() -> Option<Engine> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Some(Engine {
            host: var("LAYERLINT_MODERN_DOCKER_HOST")?,
            client: var("LAYERLINT_MODERN_DOCKER").unwrap_or_else(|| "docker".into()),
            config: var("LAYERLINT_MODERN_DOCKER_CONFIG"),
        })
    }

    fn docker(&self, dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
        let mut command = Command::new(&self.client);
        command
            .args(args)
            .current_dir(dir)
            .env("DOCKER_HOST", &self.host)
            .env("DOCKER_BUILDKIT", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        if let Some(config) = &self.config {
            command.env("DOCKER_CONFIG", config);
        }
        let mut child = command.spawn().expect("the docker client runs");
        if let Some(input) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(input).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    }

    /// One tiny image (a root user and a tmp folder) that every base image name becomes.
    fn import_base(&self) {
        let dir = tempfile::tempdir().unwrap();
        if self
            .docker(dir.path(), &["image", "inspect", BASE], None)
            .status
            .success()
        {
            return;
        }
        let mut tar = tar_header("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n");
        tar.extend(tar_header("etc/group", b"root:x:0:\n"));
        tar.extend([0u8; 1024]);
        let out = self.docker(dir.path(), &["import", "-", BASE], Some(&tar));
        assert!(
            out.status.success(),
            "docker import: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A ustar member: a 512-byte header and the content padded to 512 bytes.
fn tar_header(name: &str, content: &[u8]) -> Vec<u8> {
    let mut h = [0u8; 512];
    h[..name.len()].copy_from_slice(name.as_bytes());
    h[100..107].copy_from_slice(b"0000644");
    h[108..115].copy_from_slice(b"0000000");
    h[116..123].copy_from_slice(b"0000000");
    h[124..135].copy_from_slice(format!("{:011o}", content.len()).as_bytes());
    h[136..147].copy_from_slice(b"00000000000");
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
    let mut out = h.to_vec();
    out.extend_from_slice(content);
    out.resize(out.len().div_ceil(512) * 512, 0);
    out
}

/// The images a file names, or why BuildKit cannot check it here.
fn base_images(source: &str) -> Result<Vec<String>, String> {
    let df = layerlint::syntax::parse(source);
    let model = Model::build(&df);
    let mut images = Vec::new();
    for stage in &model.stages {
        if let Base::Image { written, resolved } = &stage.base {
            let Some(image) = resolved
                .clone()
                .filter(|r| !r.contains('$') && !r.is_empty())
            else {
                return Err(format!("`{written}` has no value without a build argument"));
            };
            if image.contains('@') {
                return Err(format!(
                    "`{image}` is pinned by digest, which cannot be tagged"
                ));
            }
            images.push(image);
        }
    }
    // Images named by COPY --from and RUN --mount=from= are resolved too.
    let stage_names: Vec<&str> = model
        .stages
        .iter()
        .filter_map(|s| s.name.as_deref())
        .collect();
    for instruction in &df.instructions {
        for flag in &instruction.flags {
            let from = match flag.name() {
                "from" => flag.value().map(str::to_string),
                "mount" => flag.value().and_then(|v| {
                    v.split(',')
                        .find_map(|kv| kv.strip_prefix("from=").map(str::to_string))
                }),
                _ => None,
            };
            let Some(from) = from else { continue };
            let is_stage = stage_names.iter().any(|n| n.eq_ignore_ascii_case(&from))
                || from.parse::<usize>().is_ok();
            if is_stage {
                continue;
            }
            if from.contains('$') || from.contains('@') {
                return Err(format!("`--from={from}` cannot be tagged here"));
            }
            images.push(from);
        }
    }
    Ok(images)
}

#[derive(Deserialize)]
struct Report {
    warnings: Option<Vec<Warning>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Warning {
    rule_name: String,
    location: Option<Location>,
}

#[derive(Deserialize)]
struct Location {
    ranges: Vec<Range>,
}

#[derive(Deserialize)]
struct Range {
    start: Position,
}

#[derive(Deserialize)]
struct Position {
    line: usize,
}

fn buildkit_findings(
    engine: &Engine,
    dir: &Path,
    file: &str,
) -> Result<BTreeSet<(String, usize)>, String> {
    let out = engine.docker(
        dir,
        &[
            "buildx",
            "build",
            "--call=check,format=json",
            "--network=none",
            "-f",
            file,
            ".",
        ],
        None,
    );
    // A check that finds something still prints the report, and exits 1 when error=true
    // fails it; a build that stopped (an image it could not resolve) printed only part.
    let stopped = String::from_utf8_lossy(&out.stderr)
        .lines()
        .any(|l| l.starts_with("ERROR:") && !l.contains("lint violation"));
    if stopped {
        let err = String::from_utf8_lossy(&out.stderr);
        let line = err.lines().find(|l| l.starts_with("ERROR:")).unwrap_or("");
        return Err(format!("BuildKit stopped: {line}"));
    }
    let report: Report = serde_json::from_slice(&out.stdout).map_err(|_| {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        format!("BuildKit did not check it: {last}")
    })?;
    Ok(report
        .warnings
        .unwrap_or_default()
        .into_iter()
        .map(|w| {
            let line = w
                .location
                .and_then(|l| l.ranges.first().map(|r| r.start.line))
                .unwrap_or(0);
            (w.rule_name, line)
        })
        .collect())
}

/// The BuildKit name a finding counts under, if any.
fn buildkit_name(code: &str) -> Option<&'static str> {
    if let Some(name) = BUILDKIT_CHECKS.iter().find(|n| **n == code) {
        return Some(name);
    }
    let rule = layerlint::rules::find(code)?;
    rule.meta
        .aliases
        .iter()
        .copied()
        .find(|a| BUILDKIT_CHECKS.contains(a))
}

fn layerlint_findings(dir: &Path, file: &str) -> BTreeSet<(String, usize)> {
    let path = dir.join(file);
    let source = std::fs::read_to_string(&path).unwrap();
    let ignore = ignore_file_for(&path, dir).map(|p| read_ignore_file(&p).unwrap());
    let build = BuildContext::new(dir, ignore.as_ref(), Some(&path));
    let result =
        lint_with_build_context(&source, &Settings::default(), ignore.as_ref(), Some(&build));
    let df = result.dockerfile();
    result
        .diagnostics
        .iter()
        .filter_map(|d| {
            let name = buildkit_name(&d.code)?;
            let own = df.position(d.span.start).line;
            // BuildKit places MultipleInstructionsDisallowed at the overridden instruction,
            // hadolint (and layerlint) at the one that overrides it, relating the other:
            // compared where BuildKit places it.
            let at = match (name, d.related.first()) {
                ("MultipleInstructionsDisallowed", Some(earlier)) => earlier.start,
                _ => d.span.start,
            };
            let line = if name == "NoEmptyContinuation" {
                own
            } else {
                df.instructions
                    .iter()
                    .find(|i| i.span.contains(at))
                    .map_or(own, |i| i.start_line)
            };
            Some((name.to_string(), line))
        })
        .collect()
}

#[test]
fn buildkit_checks_agree_with_docker_build_check_or_are_listed() {
    let Some(engine) = Engine::from_env() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "CI=true but LAYERLINT_MODERN_DOCKER_HOST is not set: .ci/run starts the engine"
            );
        }
        eprintln!(
            "no modern BuildKit engine (LAYERLINT_MODERN_DOCKER_HOST): agreement test skipped"
        );
        return;
    };
    engine.import_base();
    let files = corpus_files();
    // A copy of the corpus, so that BuildKit's context is the corpus folder as ours is.
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    // A `# syntax=` line would make BuildKit fetch that frontend from a registry. In the
    // copy BuildKit reads, it becomes `# escape=\` (the default, so nothing changes and
    // every line keeps its number): the engine's built-in frontend checks the file.
    let mut rewritten = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(corpus().join(file)).unwrap();
        let df = layerlint::syntax::parse(&source);
        if let Some(syntax) = df.directive("syntax") {
            if df.directive("escape").is_some() {
                continue;
            }
            let line = syntax.line;
            let text: Vec<String> = source
                .split_inclusive('\n')
                .enumerate()
                .map(|(n, l)| {
                    if n + 1 == line {
                        "# escape=\\\n".to_string()
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            std::fs::write(dir.path().join(file), text.concat()).unwrap();
            rewritten.push(file.clone());
        }
    }
    let mut tagged = BTreeSet::new();
    let mut theirs = Findings::new();
    let mut ours = Findings::new();
    let mut skipped = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(corpus().join(file)).unwrap();
        let images = match base_images(&source) {
            Ok(images) => images,
            Err(why) => {
                skipped.push(format!("{file}: {why}"));
                continue;
            }
        };
        for image in images {
            if tagged.insert(image.clone()) {
                let out = engine.docker(dir.path(), &["tag", BASE, &image], None);
                assert!(
                    out.status.success(),
                    "docker tag {image}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        match buildkit_findings(&engine, dir.path(), file) {
            Ok(found) => {
                theirs.insert(file.clone(), found);
                ours.insert(file.clone(), layerlint_findings(dir.path(), file));
            }
            Err(why) => skipped.push(format!("{file}: {why}")),
        }
    }
    assert!(
        theirs.len() >= 100,
        "only {} files were checked; skipped:\n{}",
        theirs.len(),
        skipped.join("\n")
    );
    let listed: Vec<Difference> = serde_saphyr::from_str(
        &std::fs::read_to_string(corpus().join("buildkit-differences.yaml")).unwrap(),
    )
    .expect("buildkit-differences.yaml parses");
    for d in &listed {
        assert!(
            d.only == "buildkit" || d.only == "layerlint",
            "`only` is buildkit or layerlint"
        );
        assert!(!d.reason.trim().is_empty(), "every entry has a reason");
    }
    let mut used = vec![false; listed.len()];
    let mut unexplained = Vec::new();
    let mut agreed = 0;
    for (file, t) in &theirs {
        let m = &ours[file];
        agreed += t.intersection(m).count();
        for (only, diff) in [
            ("buildkit", t.difference(m)),
            ("layerlint", m.difference(t)),
        ] {
            for (rule, line) in diff {
                let explains = |d: &Difference| {
                    d.only == only
                        && d.rule == *rule
                        && d.file.as_deref().is_none_or(|f| f == file)
                        && d.line.is_none_or(|l| l == *line)
                };
                match listed.iter().position(explains) {
                    Some(i) => used[i] = true,
                    None => unexplained.push(format!("{file}:{line} {rule} only in {only}")),
                }
            }
        }
    }
    let stale: Vec<String> = listed
        .iter()
        .zip(&used)
        .filter(|(d, used)| !**used && d.file.is_some())
        .map(|(d, _)| format!("{:?}:{:?} {} ({})", d.file, d.line, d.rule, d.only))
        .collect();
    eprintln!("skipped:\n{}", skipped.join("\n"));
    eprintln!(
        "docker build --check agreement: {agreed} findings agree over {} files ({} with `# syntax=` read by the built-in frontend, {} skipped), {} listed differences used",
        theirs.len(),
        rewritten.len(),
        skipped.len(),
        used.iter().filter(|u| **u).count()
    );
    assert!(
        unexplained.is_empty(),
        "{} differences from docker build --check are not in tests/corpus/buildkit-differences.yaml:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    assert!(
        stale.is_empty(),
        "buildkit-differences.yaml lists differences that no longer occur:\n{}",
        stale.join("\n")
    );
}
