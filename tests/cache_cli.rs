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

/// A copy of tests/fixtures/advisor-project to work on.
fn advisor_project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/advisor-project");
    for entry in [
        "Dockerfile",
        ".dockerignore",
        "package.json",
        "package-lock.json",
        "src/server.ts",
    ] {
        let to = tmp.path().join(entry);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from.join(entry), to).unwrap();
    }
    tmp
}

fn suggestion(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["cache", "--suggest", "-f", "json"];
    args.extend(extra);
    let o = layerlint(&args, dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn suggest_gives_the_contract_and_writes_safe_moves_only() {
    use std::os::unix::fs::PermissionsExt;
    let p = advisor_project();
    let d = p.path();
    let before = fs::read_to_string(d.join("Dockerfile")).unwrap();
    let v = suggestion(d, &[]);
    let kinds: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "copy-before-install",
        "update-without-install",
        "cleanup-in-separate-run",
        "early-volatile-arg",
        "dockerfile-in-context",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    let text = v["dockerfile"].as_str().unwrap();
    let npm_ci = text.find("RUN npm ci").unwrap();
    assert!(text.find("COPY package.json package-lock.json ./").unwrap() < npm_ci);
    assert!(npm_ci < text.find("COPY . .").unwrap());
    assert!(text.contains(
        "RUN apt-get update && apt-get install -y --no-install-recommends git \\\n    && rm -rf /var/lib/apt/lists/*\n"
    ));
    assert!(text.find("ARG VERSION").unwrap() > text.find("RUN npm run build").unwrap());
    assert_eq!(
        v["dockerignore"].as_str().unwrap(),
        "node_modules\n.git\nDockerfile\n.dockerignore\n"
    );
    let unsafe_reason = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "early-volatile-arg")
        .unwrap();
    assert_eq!(unsafe_reason["applicability"], "unsafe");
    assert!(
        unsafe_reason["reason"]
            .as_str()
            .unwrap()
            .contains("environment")
    );
    // Printing writes nothing.
    assert_eq!(fs::read_to_string(d.join("Dockerfile")).unwrap(), before);

    // --write: the safe moves only, permissions kept.
    fs::set_permissions(d.join("Dockerfile"), fs::Permissions::from_mode(0o640)).unwrap();
    let o = layerlint(&["cache", "--suggest", "--write"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("unsafe left out"), "{}", stderr(&o));
    let written = fs::read_to_string(d.join("Dockerfile")).unwrap();
    assert!(written.contains("COPY package.json package-lock.json ./"));
    assert!(written.find("ARG VERSION").unwrap() < written.find("RUN apt-get").unwrap());
    assert_eq!(
        fs::read_to_string(d.join(".dockerignore")).unwrap(),
        "node_modules\n.git\n"
    );
    let mode = fs::metadata(d.join("Dockerfile"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640);
    // Only unsafe moves are left; a second --write changes nothing.
    let left = suggestion(d, &[]);
    assert!(
        left["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["applicability"] == "unsafe"),
        "{left}"
    );
    layerlint(&["cache", "--suggest", "--write"], d);
    assert_eq!(fs::read_to_string(d.join("Dockerfile")).unwrap(), written);

    // --unsafe makes the rest, and then there is nothing left to suggest.
    let o = layerlint(&["cache", "--suggest", "--write", "--unsafe"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let done = suggestion(d, &[]);
    assert_eq!(done["changes"].as_array().unwrap().len(), 0, "{done}");
    assert!(done["dockerignore"].is_null());
    assert_eq!(
        done["dockerfile"].as_str().unwrap(),
        fs::read_to_string(d.join("Dockerfile")).unwrap()
    );
    let o = layerlint(&["cache", "--suggest"], d);
    assert!(
        stdout(&o).starts_with("Nothing to suggest"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn suggest_without_a_safe_move_says_why() {
    let p = advisor_project();
    let d = p.path();
    // node_modules in the context: the split would lay it over what npm ci built.
    fs::write(d.join(".dockerignore"), ".git\n").unwrap();
    fs::create_dir_all(d.join("node_modules/left-pad")).unwrap();
    fs::write(d.join("node_modules/left-pad/index.js"), "x").unwrap();
    let v = suggestion(d, &[]);
    let split = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "copy-before-install")
        .unwrap();
    assert_eq!(split["applicability"], "unsafe");
    assert!(
        split["reason"].as_str().unwrap().contains("node_modules"),
        "{split}"
    );
}

fn commit_all(d: &Path, message: &str) {
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", message]);
}

#[test]
fn history_counts_rebuilds_per_step_across_dockerfile_edits() {
    let p = advisor_project();
    let d = p.path();
    git(d, &["init", "-q"]);
    commit_all(d, "start");
    for i in 0..4 {
        fs::write(
            d.join("src/server.ts"),
            format!("export const port = {i};\n"),
        )
        .unwrap();
        commit_all(d, &format!("edit {i}"));
    }
    fs::write(
        d.join("package.json"),
        "{\"name\": \"web\", \"version\": \"1.1.0\"}\n",
    )
    .unwrap();
    commit_all(d, "deps");
    // An edit of the install step: still the same step.
    let text = fs::read_to_string(d.join("Dockerfile")).unwrap();
    fs::write(
        d.join("Dockerfile"),
        text.replace("RUN npm ci", "RUN npm ci --omit=dev"),
    )
    .unwrap();
    commit_all(d, "omit dev");
    fs::write(d.join("README.md"), "docs\n").unwrap();
    commit_all(d, "docs only");

    let o = layerlint(&["cache", "--history", "7", "-f", "json"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["commits"].as_array().unwrap().len(), 7);
    let count = |v: &serde_json::Value, key: &str, text: &str| {
        v[key]["steps"]
            .as_array()
            .or_else(|| v["steps"].as_array().filter(|_| key.is_empty()))
            .unwrap()
            .iter()
            .find(|s| s["text"] == text)
            .unwrap_or_else(|| panic!("{text} not in {v}"))["rebuilds"]
            .as_u64()
            .unwrap()
    };
    // Every commit changes the context (the Dockerfile is in it), so COPY . rebuilds 7 times.
    assert_eq!(count(&v, "", "COPY . ."), 7);
    assert_eq!(count(&v, "", "RUN npm ci --omit=dev"), 7);
    assert_eq!(count(&v, "", "RUN apt-get update"), 0);
    assert!(
        v["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["instruction"] != "FROM")
    );

    // The suggestion: the install runs again only for the manifest change and its own edit.
    let o = layerlint(&["cache", "--history", "7", "--suggest", "-f", "json"], d);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(count(&v, "suggested", "RUN npm ci --omit=dev"), 2);
    let o = layerlint(&["cache", "--history", "7", "--suggest"], d);
    assert!(
        stdout(&o).contains("Now and with the suggested Dockerfile")
            && stdout(&o).contains("7 of 7  ->  2 of 7"),
        "{}",
        stdout(&o)
    );

    // A range gives the same replay as the count it spans.
    let o = layerlint(&["cache", "--range", "HEAD~3..HEAD", "-f", "json"], d);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["commits"].as_array().unwrap().len(), 3);
    assert_eq!(count(&v, "", "RUN npm ci --omit=dev"), 3);

    let o = layerlint(&["cache", "--range", "nope..HEAD"], d);
    assert_error(&o, "nope");
    let o = layerlint(&["cache", "--history", "0"], d);
    assert_error(&o, "--history");
}

/// A changed base image names the old image too; a snapshot of another context is
/// called out.
#[test]
fn base_image_changes_and_foreign_snapshots_are_explained() {
    let p = project();
    let d = p.path();
    git(d, &["init", "-q"]);
    commit_all(d, "start");
    let text = fs::read_to_string(d.join("Dockerfile")).unwrap();
    fs::write(
        d.join("Dockerfile"),
        text.replace("nginx:1.25.4", "nginx:1.27.0"),
    )
    .unwrap();
    let o = layerlint(&["cache", "--since", "HEAD", "-f", "json"], d);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let from = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "FROM nginx:1.27.0")
        .unwrap();
    assert_eq!(from["reason"]["previous"], "nginx:1.25.4");
    assert_eq!(
        from["reason"]["message"],
        "base image changed (nginx:1.25.4 -> nginx:1.27.0)"
    );

    let other = tempfile::tempdir().unwrap();
    fs::write(
        other.path().join("Dockerfile"),
        "FROM alpine:3.19\nCOPY . /x\n",
    )
    .unwrap();
    for name in ["one.txt", "two.txt", "three.txt"] {
        fs::write(other.path().join(name), name).unwrap();
    }
    let o = layerlint(&["cache", "snapshot", "-o", "keys.json"], other.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let keys = other.path().join("keys.json");
    let o = layerlint(&["cache", "--against", keys.to_str().unwrap()], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the snapshot does not match this context"),
        "{}",
        stderr(&o)
    );
    // Its own snapshot matches.
    layerlint(&["cache", "snapshot", "-o", "own.json"], d);
    let o = layerlint(&["cache", "--against", "own.json"], d);
    assert!(!stderr(&o).contains("does not match"), "{}", stderr(&o));
}

#[test]
fn a_dockerfile_new_since_the_revision_is_all_new_steps() {
    let tmp = project();
    let d = tmp.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "package.json", "src"]);
    git(d, &["commit", "-qm", "before the Dockerfile"]);
    let o = layerlint(&["cache", "--since", "HEAD", "-f", "json"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = verdicts(&o);
    assert!(!v.is_empty());
    for (line, status, kind) in &v {
        assert_eq!(
            (status.as_str(), kind.as_str()),
            ("rebuild", "new-step"),
            "line {line}"
        );
    }
}
