//! The pre-commit hooks (.pre-commit-hooks.yaml) under the real pre-commit: a commit of a
//! bad Dockerfile fails with readable findings, a good one passes, the file patterns pick
//! the right files, `layerlint-fix` fixes, and the `language: rust` hook builds layerlint
//! from this repository.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pre_commit_available() -> bool {
    let found = Command::new("pre-commit").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is not installed (pip install pre-commit)"
        );
        eprintln!("skipped: pre-commit is not installed");
    }
    found
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A command in `dir` with this build's layerlint first on PATH, git identity set, and
/// pre-commit's cache in `home` (never the user's).
fn command(program: &str, dir: &Path, home: &Path) -> Command {
    let binary_dir = Path::new(env!("CARGO_BIN_EXE_layerlint")).parent().unwrap();
    let mut c = Command::new(program);
    c.current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                binary_dir.display(),
                std::env::var("PATH").unwrap()
            ),
        )
        .env("PRE_COMMIT_HOME", home.join("pre-commit"))
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env_remove("NO_COLOR");
    c
}

fn git(dir: &Path, home: &Path, args: &[&str]) -> Output {
    command("git", dir, home)
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "maintenance.auto=false",
        ])
        .args(args)
        .output()
        .unwrap()
}

fn git_ok(dir: &Path, home: &Path, args: &[&str]) -> String {
    let o = git(dir, home, args);
    assert!(o.status.success(), "git {args:?}: {}", text(&o));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// A hooks repository holding this repository's .pre-commit-hooks.yaml as it is now
/// (committed or not), for the `language: system` hooks, which need nothing else.
fn hooks_repo(home: &Path) -> (PathBuf, String) {
    let repo = home.join("hooks");
    fs::create_dir(&repo).unwrap();
    fs::copy(
        root().join(".pre-commit-hooks.yaml"),
        repo.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    git_ok(&repo, home, &["init", "-q"]);
    git_ok(&repo, home, &["add", "-A"]);
    git_ok(&repo, home, &["commit", "-qm", "hooks"]);
    let rev = git_ok(&repo, home, &["rev-parse", "HEAD"]);
    (repo, rev)
}

/// A project repository with `pre-commit install`ed hooks `ids` from the hooks repo.
fn project(home: &Path, ids: &[&str]) -> PathBuf {
    let (hooks, rev) = hooks_repo(home);
    let project = home.join("project");
    fs::create_dir(&project).unwrap();
    git_ok(&project, home, &["init", "-q"]);
    let hooks_list: String = ids.iter().map(|id| format!("      - id: {id}\n")).collect();
    fs::write(
        project.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n{hooks_list}",
            hooks.display()
        ),
    )
    .unwrap();
    let o = command("pre-commit", &project, home)
        .arg("install")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    git_ok(&project, home, &["add", ".pre-commit-config.yaml"]);
    git_ok(
        &project,
        home,
        &["commit", "-qm", "pre-commit", "--no-verify"],
    );
    project
}

const BAD: &str = "FROM ubuntu\nRUN apt-get update && apt-get install -y curl\n";
const GOOD: &str = "FROM alpine:3.20\nUSER 65534\nCMD [\"sh\"]\n";

#[test]
fn a_bad_dockerfile_fails_the_commit_and_a_good_one_passes() {
    if !pre_commit_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let project = project(home.path(), &["layerlint-system"]);

    fs::write(project.join("Dockerfile"), BAD).unwrap();
    git_ok(&project, home.path(), &["add", "Dockerfile"]);
    let o = git(&project, home.path(), &["commit", "-m", "bad"]);
    let out = text(&o);
    assert!(!o.status.success(), "the commit went through: {out}");
    assert!(out.contains("layerlint") && out.contains("Failed"), "{out}");
    // The findings, readable, with file and line.
    assert!(out.contains("DL3006"), "{out}");
    assert!(out.contains("Dockerfile:1"), "{out}");
    assert!(out.contains("DL3008"), "{out}");

    fs::write(project.join("Dockerfile"), GOOD).unwrap();
    git_ok(&project, home.path(), &["add", "Dockerfile"]);
    let o = git(&project, home.path(), &["commit", "-m", "good"]);
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("Passed"), "{out}");
}

#[test]
fn the_hooks_see_every_dockerfile_name_and_nothing_else() {
    if !pre_commit_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let project = project(home.path(), &["layerlint-system"]);
    // Each of these is a Dockerfile with a finding of its own (an untagged image).
    for name in [
        "Containerfile",
        "services/api.Dockerfile",
        "tools/build.dockerfile",
        "docker/Dockerfile.dev",
    ] {
        let path = project.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "FROM ubuntu\n").unwrap();
    }
    // These are not, and would fail if they were linted.
    fs::write(
        project.join("Dockerfile.dockerignore"),
        "FROM ubuntu\nnode_modules\n",
    )
    .unwrap();
    fs::write(project.join("README.md"), "FROM ubuntu\n").unwrap();
    git_ok(&project, home.path(), &["add", "-A"]);
    let o = command("pre-commit", &project, home.path())
        .args(["run", "--all-files"])
        .output()
        .unwrap();
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    for name in [
        "Containerfile:1",
        "services/api.Dockerfile:1",
        "tools/build.dockerfile:1",
        "docker/Dockerfile.dev:1",
    ] {
        assert!(out.contains(name), "{name} was not linted: {out}");
    }
    assert!(!out.contains("README.md"), "{out}");
    assert!(!out.contains("Dockerfile.dockerignore"), "{out}");
}

#[test]
fn the_fix_hook_fixes_the_file_and_then_passes() {
    if !pre_commit_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let project = project(home.path(), &["layerlint-fix-system"]);
    // MAINTAINER has a safe fix (a LABEL); nothing else is wrong.
    fs::write(
        project.join("Dockerfile"),
        "FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\nUSER 65534\nCMD [\"sh\"]\n",
    )
    .unwrap();
    git_ok(&project, home.path(), &["add", "Dockerfile"]);
    let o = git(&project, home.path(), &["commit", "-m", "first"]);
    let out = text(&o);
    // pre-commit fails a hook that changed files, so that the user sees the change.
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("files were modified by this hook"), "{out}");
    let fixed = fs::read_to_string(project.join("Dockerfile")).unwrap();
    assert!(!fixed.contains("MAINTAINER"), "{fixed}");
    assert!(fixed.contains("LABEL"), "{fixed}");
    git_ok(&project, home.path(), &["add", "Dockerfile"]);
    let o = git(&project, home.path(), &["commit", "-m", "fixed"]);
    assert!(o.status.success(), "{}", text(&o));
}

/// The `language: rust` hook, as a user without layerlint installed gets it: pre-commit
/// builds it from this repository (its working tree, through try-repo) with cargo.
#[test]
fn the_rust_hook_builds_layerlint_from_the_repository() {
    if !pre_commit_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join("project");
    fs::create_dir(&project).unwrap();
    git_ok(&project, home.path(), &["init", "-q"]);
    fs::write(project.join("Dockerfile"), BAD).unwrap();
    git_ok(&project, home.path(), &["add", "Dockerfile"]);
    // Without our binary on PATH: the hook must use the one it builds.
    let path: Vec<String> = std::env::var("PATH")
        .unwrap()
        .split(':')
        .filter(|p| !Path::new(p).join("layerlint").exists())
        .map(String::from)
        .collect();
    let o = command("pre-commit", &project, home.path())
        .env("PATH", path.join(":"))
        // A quicker build than a release: the hook's speed is not under test here.
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_TARGET_DIR", root().join("target/pre-commit"))
        .args([
            "try-repo",
            root().to_str().unwrap(),
            "layerlint",
            "--all-files",
        ])
        .output()
        .unwrap();
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    assert!(
        out.contains("DL3006") && out.contains("Dockerfile:1"),
        "{out}"
    );
}

/// The `.pre-commit-config.yaml` README.md shows is valid for pre-commit and names hooks
/// this repository has.
#[test]
fn the_readme_config_names_hooks_that_exist() {
    if !pre_commit_available() {
        return;
    }
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let config = readme
        .split("```yaml\n")
        .filter_map(|b| b.split("```").next())
        .find(|b| b.starts_with("# .pre-commit-config.yaml"))
        .expect("README.md shows a .pre-commit-config.yaml");
    let hooks = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    // Every id the snippet mentions, commented-out alternatives included.
    let mut mentioned = 0;
    for line in config.lines() {
        if let Some(rest) = line.trim_start_matches([' ', '#']).strip_prefix("- id: ") {
            let id = rest.split_whitespace().next().unwrap();
            assert!(hooks.contains(&format!("- id: {id}\n")), "no hook {id}");
            mentioned += 1;
        }
    }
    assert!(mentioned >= 3);
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("config.yaml");
    fs::write(&file, config).unwrap();
    for what in ["validate-config", "validate-manifest"] {
        let target = if what == "validate-config" {
            file.clone()
        } else {
            root().join(".pre-commit-hooks.yaml")
        };
        let o = command("pre-commit", home.path(), home.path())
            .arg(what)
            .arg(&target)
            .output()
            .unwrap();
        assert!(o.status.success(), "{what}: {}", text(&o));
    }
}
