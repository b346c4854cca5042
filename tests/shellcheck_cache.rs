//! ShellCheck's result cache: a second run over unchanged scripts starts no ShellCheck,
//! gives the same report, survives corrupt entries and concurrent runs, and `--no-cache`
//! leaves it alone. A wrapper named `shellcheck` first on PATH logs each call and hands
//! it to the real one, so the tests count ShellCheck's runs instead of timing them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

fn real_shellcheck() -> Option<PathBuf> {
    let path = common::shellcheck_path();
    if path.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "shellcheck is not installed"
        );
        eprintln!("skipped: shellcheck is not installed");
    }
    path
}

struct Setup {
    tmp: tempfile::TempDir,
    bin: PathBuf,
    log: PathBuf,
    cache: PathBuf,
    project: PathBuf,
}

/// A project of Dockerfiles with RUN scripts, the logging wrapper, an empty cache.
fn setup(version_suffix: &str) -> Option<Setup> {
    let real = real_shellcheck()?;
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let log = tmp.path().join("calls.log");
    let wrapper = bin.join("shellcheck");
    fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then \"{real}\" --version; echo '{version_suffix}'; exit; fi\necho \"$#\" >> \"{log}\"\nexec \"{real}\" \"$@\"\n",
            real = real.display(),
            log = log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).unwrap();
    let project = tmp.path().join("project");
    fs::create_dir(&project).unwrap();
    for i in 0..6 {
        fs::write(
            project.join(format!("{i}.Dockerfile")),
            format!("FROM alpine:3.20\nARG V{i}\nRUN echo $V{i} > /tmp/$NAME && cd /tmp\nRUN <<EOF\nls $HOME/*.txt | grep x\nEOF\n"),
        )
        .unwrap();
    }
    let cache = tmp.path().join("cache");
    Some(Setup {
        tmp,
        bin,
        log,
        cache,
        project,
    })
}

impl Setup {
    fn run(&self, extra: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_layerlint"))
            .args(["check", "--no-fail", "-f", "json"])
            .args(extra)
            .arg(&self.project)
            .env(
                "PATH",
                format!("{}:{}", self.bin.display(), std::env::var("PATH").unwrap()),
            )
            .env("XDG_CACHE_HOME", &self.cache)
            .output()
            .unwrap()
    }

    /// How many times ShellCheck checked scripts (not `--version`) since the last call.
    fn calls(&self) -> usize {
        let n = fs::read_to_string(&self.log)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        let _ = fs::remove_file(&self.log);
        n
    }

    fn entries(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        walk(&self.cache.join("layerlint/shellcheck"), &mut found);
        found.retain(|p| p.extension().is_some_and(|e| e == "json"));
        found.sort();
        found
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_type().unwrap().is_dir() {
            walk(&entry.path(), out);
        } else {
            out.push(entry.path());
        }
    }
}

fn report(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        text.contains("\"SC2086\""),
        "ShellCheck's findings are in the report: {text}"
    );
    text
}

#[test]
fn a_second_run_starts_no_shellcheck_and_reports_the_same() {
    let Some(s) = setup("") else { return };
    let first = report(&s.run(&[]));
    assert!(s.calls() > 0);
    // One entry per script: 6 files, an inline script and a heredoc body each.
    assert_eq!(s.entries().len(), 12);
    let second = report(&s.run(&[]));
    assert_eq!(s.calls(), 0, "every script came from the cache");
    assert_eq!(first, second);

    // An edited script is checked again; the others are not.
    let edited = s.project.join("0.Dockerfile");
    let text = fs::read_to_string(&edited)
        .unwrap()
        .replace("cd /tmp", "cd /var");
    fs::write(&edited, text).unwrap();
    report(&s.run(&[]));
    assert_eq!(s.calls(), 1);
    assert_eq!(s.entries().len(), 13);
    let _ = &s.tmp;
}

#[test]
fn corrupt_entries_are_checked_again_and_replaced() {
    let Some(s) = setup("") else { return };
    let first = report(&s.run(&[]));
    s.calls();
    for entry in s.entries() {
        fs::write(entry, "{ not json").unwrap();
    }
    let again = report(&s.run(&[]));
    assert_eq!(first, again);
    assert!(s.calls() > 0);
    for entry in s.entries() {
        let text = fs::read_to_string(&entry).unwrap();
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{text}"
        );
    }
}

#[test]
fn no_cache_runs_shellcheck_and_leaves_the_cache_alone() {
    let Some(s) = setup("") else { return };
    let first = report(&s.run(&["--no-cache"]));
    assert!(s.calls() > 0);
    assert!(s.entries().is_empty(), "--no-cache wrote to the cache");
    report(&s.run(&[]));
    s.calls();
    let cached = report(&s.run(&["--no-cache"]));
    assert!(s.calls() > 0, "--no-cache read from the cache");
    assert_eq!(first, cached);
}

#[test]
fn another_shellcheck_version_misses_the_cache() {
    let Some(s) = setup("") else { return };
    report(&s.run(&[]));
    s.calls();
    // The same cache, the same scripts, a ShellCheck that says it is another version.
    let other = setup("a newer build").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(["check", "--no-fail", "-f", "json"])
        .arg(&s.project)
        .env(
            "PATH",
            format!("{}:{}", other.bin.display(), std::env::var("PATH").unwrap()),
        )
        .env("XDG_CACHE_HOME", &s.cache)
        .output()
        .unwrap();
    report(&o);
    assert!(other.calls() > 0);
    assert_eq!(s.entries().len(), 24);
}

#[test]
fn concurrent_runs_share_the_cache_safely() {
    let Some(s) = setup("") else { return };
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_layerlint"))
            .args(["check", "--no-fail", "-f", "json"])
            .arg(&s.project)
            .env(
                "PATH",
                format!("{}:{}", s.bin.display(), std::env::var("PATH").unwrap()),
            )
            .env("XDG_CACHE_HOME", &s.cache)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..4).map(|_| spawn()).collect();
    let reports: Vec<String> = children
        .into_iter()
        .map(|c| report(&c.wait_with_output().unwrap()))
        .collect();
    assert!(reports.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(s.entries().len(), 12);
    s.calls();
    assert_eq!(report(&s.run(&[])), reports[0]);
    assert_eq!(s.calls(), 0);
}
