//! `layerlint cache`: change sets from paths, git and snapshots; the JSON contract; bad
//! input. (tests/buildkit_cache.rs checks the verdicts against a real BuildKit.)

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn layerlint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

const DOCKERFILE: &str = "FROM node:20.12.2 AS deps\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\n\nFROM deps AS build\nCOPY src ./src\nARG FLAVOR=prod\nRUN npm run build\n\nFROM nginx:1.25.4\nCOPY --from=build /app/dist /usr/share/nginx/html\nLABEL team=web\n";

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("Dockerfile"), DOCKERFILE).unwrap();
    fs::write(d.join("package.json"), "{}\n").unwrap();
    fs::create_dir(d.join("src")).unwrap();
    fs::write(d.join("src/app.js"), "1\n").unwrap();
    fs::write(d.join(".dockerignore"), "node_modules\n").unwrap();
    tmp
}

/// (line, status, reason kind) of each step in the JSON output.
fn verdicts(o: &Output) -> Vec<(u64, String, String)> {
    let v: serde_json::Value =
        serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)));
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().unwrap(),
                s["status"].as_str().unwrap().to_string(),
                s["reason"]["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn status_of(v: &[(u64, String, String)], line: u64) -> (&str, &str) {
    let (_, s, r) = v.iter().find(|(l, _, _)| *l == line).unwrap();
    (s, r)
}

#[test]
fn changed_paths_rebuild_what_reads_them() {
    let p = project();
    let o = layerlint(
        &["cache", "--changed", "src/app.js", "-f", "json"],
        p.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = verdicts(&o);
    assert_eq!(status_of(&v, 1), ("external", "external"));
    assert_eq!(status_of(&v, 3), ("cached", "unchanged"));
    assert_eq!(status_of(&v, 7), ("rebuild", "files-changed"));
    assert_eq!(status_of(&v, 9), ("rebuild", "parent-rebuilt"));
    assert_eq!(status_of(&v, 12), ("rebuild", "stage-rebuilt"));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let step = &json["steps"][4];
    assert_eq!(step["stage"], "build");
    assert_eq!(step["instruction"], "COPY");
    assert_eq!(step["text"], "COPY src ./src");
    assert_eq!(step["reason"]["paths"][0], "src/app.js");
    assert_eq!(step["reason"]["message"], "src/app.js changed");
    // LABEL is no step.
    assert!(!v.iter().any(|(l, _, _)| *l == 13));

    // From stdin, one a line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(["cache", "--changed", "-"])
        .current_dir(p.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"package.json\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = stdout(&out);
    assert!(text.contains("REBUILD   COPY package.json ./"), "{text}");
    assert!(text.contains("package.json changed"), "{text}");
}

#[test]
fn since_a_revision_sees_edits_modes_deletions_and_the_dockerfile() {
    let p = project();
    let d = p.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    let v = verdicts(&layerlint(&["cache", "--since", "HEAD", "-f", "json"], d));
    assert!(
        v.iter().all(|(_, s, _)| s != "rebuild"),
        "nothing changed: {v:?}"
    );

    // An edited ARG default, and an untracked file under a copied folder.
    fs::write(
        d.join("Dockerfile"),
        DOCKERFILE.replace("FLAVOR=prod", "FLAVOR=dev"),
    )
    .unwrap();
    let v = verdicts(&layerlint(&["cache", "--since", "HEAD", "-f", "json"], d));
    assert_eq!(status_of(&v, 7), ("cached", "unchanged"));
    assert_eq!(status_of(&v, 9), ("rebuild", "arg-changed"));
    fs::write(d.join("src/new.js"), "2\n").unwrap();
    let v = verdicts(&layerlint(&["cache", "--since", "HEAD", "-f", "json"], d));
    assert_eq!(status_of(&v, 7), ("rebuild", "files-changed"));

    // Back to the commit, then an executable bit and a deletion.
    fs::remove_file(d.join("src/new.js")).unwrap();
    fs::write(d.join("Dockerfile"), DOCKERFILE).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(d.join("package.json"), fs::Permissions::from_mode(0o755)).unwrap();
    let v = verdicts(&layerlint(&["cache", "--since", "HEAD", "-f", "json"], d));
    assert_eq!(status_of(&v, 3), ("rebuild", "files-changed"));
    fs::set_permissions(d.join("package.json"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_file(d.join("src/app.js")).unwrap();
    let v = verdicts(&layerlint(&["cache", "--since", "HEAD", "-f", "json"], d));
    assert_eq!(status_of(&v, 3), ("cached", "unchanged"));
    assert_eq!(status_of(&v, 7), ("rebuild", "files-changed"));
}

#[test]
fn snapshots_catch_what_git_cannot_see() {
    let p = project();
    let d = p.path();
    let o = layerlint(&["cache", "snapshot", "-o", "keys.json"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = verdicts(&layerlint(
        &["cache", "--against", "keys.json", "-f", "json"],
        d,
    ));
    // keys.json is itself in the context but no step reads it.
    assert!(v.iter().all(|(_, s, _)| s != "rebuild"), "{v:?}");
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(d.join("package.json"), fs::Permissions::from_mode(0o600)).unwrap();
    let v = verdicts(&layerlint(
        &["cache", "--against", "keys.json", "-f", "json"],
        d,
    ));
    assert_eq!(status_of(&v, 3), ("rebuild", "files-changed"));
}

#[test]
fn without_a_change_set_each_step_names_its_blast_radius() {
    let p = project();
    let o = layerlint(&["cache", "-f", "json"], p.path());
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let run_build = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["line"] == 9)
        .unwrap();
    assert_eq!(run_build["reason"]["kind"], "would-rebuild-on");
    assert_eq!(
        run_build["reason"]["paths"],
        serde_json::json!(["package.json", "src"])
    );
}

#[test]
fn targets_and_build_args() {
    let p = project();
    let v = verdicts(&layerlint(
        &[
            "cache",
            "--target",
            "deps",
            "--changed",
            "src/app.js",
            "-f",
            "json",
        ],
        p.path(),
    ));
    assert_eq!(status_of(&v, 7), ("skipped", "unreachable"));
    assert_eq!(status_of(&v, 12), ("skipped", "unreachable"));
    assert_eq!(status_of(&v, 4), ("cached", "unchanged"));
    let o = layerlint(&["cache", "--target", "nope"], p.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("target stage \"nope\" not found"),
        "{}",
        stderr(&o)
    );
}

/// One line on stderr, exit 2, no panic.
fn assert_error(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err} should mention {needle}");
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_input_is_one_clear_line() {
    let p = project();
    let d = p.path();
    assert_error(
        &layerlint(&["cache", "--since", "HEAD"], d),
        "not in a git repository",
    );
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    assert_error(
        &layerlint(&["cache", "--since", "no-such-rev"], d),
        "unknown revision \"no-such-rev\"",
    );
    assert_error(&layerlint(&["cache", "--context", "missing"], d), "missing");
    assert_error(
        &layerlint(&["cache", "--against", "nope.json"], d),
        "nope.json",
    );
    fs::write(d.join("bad.json"), "{").unwrap();
    assert_error(
        &layerlint(&["cache", "--against", "bad.json"], d),
        "not a layerlint snapshot",
    );
    fs::write(
        d.join("Broken.Dockerfile"),
        "FROM a\nRUN <<EOF\nnever ends\n",
    )
    .unwrap();
    assert_error(
        &layerlint(&["cache", "--file", "Broken.Dockerfile"], d),
        "Broken.Dockerfile:",
    );
    // A symlink loop in the context is two symlinks, not a hang.
    std::os::unix::fs::symlink("loop-b", d.join("loop-a")).unwrap();
    std::os::unix::fs::symlink("loop-a", d.join("loop-b")).unwrap();
    let o = layerlint(&["cache", "--changed", "src/app.js"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // An unwritable snapshot leaves nothing behind.
    assert_error(
        &layerlint(&["cache", "snapshot", "-o", "no-dir/keys.json"], d),
        "no-dir/keys.json",
    );
}

/// With the classic image store, `--link` builds an ordinary copy: after a rebuilt step
/// it is rebuilt too (tests/buildkit_cache.rs checks this on docker.io 28.5).
#[test]
fn copy_link_after_a_rebuilt_step_rebuilds() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(
        d.join("Dockerfile"),
        "FROM alpine:3.19\nCOPY a.txt /a\nCOPY --link b.txt /b\nRUN echo x\n",
    )
    .unwrap();
    fs::write(d.join("a.txt"), "a").unwrap();
    fs::write(d.join("b.txt"), "b").unwrap();
    let v = verdicts(&layerlint(
        &["cache", "--changed", "a.txt", "-f", "json"],
        d,
    ));
    assert_eq!(status_of(&v, 2), ("rebuild", "files-changed"));
    assert_eq!(status_of(&v, 3), ("rebuild", "parent-rebuilt"));
    assert_eq!(status_of(&v, 4), ("rebuild", "parent-rebuilt"));
}

/// `--changed` paths are relative to the current folder, as `git diff --name-only
/// --relative` gives them; a path outside the context is named on stderr and ignored.
#[test]
fn changed_paths_are_relative_to_the_current_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let svc = d.join("src/svc");
    fs::create_dir_all(&svc).unwrap();
    fs::create_dir_all(d.join("web")).unwrap();
    fs::write(
        svc.join("Dockerfile"),
        "FROM alpine:3.19\nCOPY package.json /app/\nRUN npm install\nCOPY . /app\n",
    )
    .unwrap();
    fs::write(svc.join("package.json"), "{}").unwrap();
    fs::write(svc.join("app.js"), "x").unwrap();
    fs::write(d.join("web/package.json"), "{}").unwrap();
    let from_root = |changed: &str| {
        layerlint(
            &[
                "cache",
                "--context",
                "src/svc",
                "--changed",
                changed,
                "-f",
                "json",
            ],
            d,
        )
    };
    let v = verdicts(&from_root("src/svc/package.json"));
    assert_eq!(status_of(&v, 2), ("rebuild", "files-changed"));
    assert_eq!(status_of(&v, 3), ("rebuild", "parent-rebuilt"));
    let o = from_root("web/package.json");
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("web/package.json: outside the build context src/svc, ignored"),
        "{}",
        stderr(&o)
    );
    let v = verdicts(&o);
    assert_eq!(status_of(&v, 2), ("cached", "unchanged"));
    assert_eq!(status_of(&v, 4), ("cached", "unchanged"));
    // From inside the context, the same file is `package.json`.
    let v = verdicts(&layerlint(
        &["cache", "--changed", "package.json", "-f", "json"],
        &svc,
    ));
    assert_eq!(status_of(&v, 3), ("rebuild", "parent-rebuilt"));
    // An ignored file is no change.
    fs::write(svc.join(".dockerignore"), "*.md\n").unwrap();
    fs::write(svc.join("NOTES.md"), "n").unwrap();
    let v = verdicts(&layerlint(
        &["cache", "--changed", "NOTES.md", "-f", "json"],
        &svc,
    ));
    assert_eq!(status_of(&v, 4), ("cached", "unchanged"));
}
