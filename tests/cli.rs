//! The `layerlint` binary as a user runs it: exit codes, file discovery, stdin, bad input.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;

fn layerlint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One line on stderr naming the file, exit 2, no panic.
fn assert_input_error(o: &Output, file: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(err.contains(file), "the error should name {file}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn exit_codes_follow_the_failure_threshold() {
    let clean = layerlint(&["check", "examples/api/Dockerfile"], repo());
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));

    let dirty = layerlint(&["check", "examples/worker/Dockerfile"], repo());
    assert_eq!(dirty.status.code(), Some(1));

    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("Dockerfile"), "FROM debian\n").unwrap();
    // Only a warning: fails at the default threshold (info), passes at `error`. As in
    // hadolint, `none` fails on any finding; `--no-fail` never fails.
    assert_eq!(
        layerlint(&["check", "Dockerfile"], tmp.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        layerlint(&["check", "-t", "error", "Dockerfile"], tmp.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        layerlint(&["check", "-t", "none", "Dockerfile"], tmp.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        layerlint(&["check", "--no-fail", "Dockerfile"], tmp.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        layerlint(&["check", "-t", "bogus", "Dockerfile"], tmp.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn directories_are_searched_honouring_gitignore() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("svc/api")).unwrap();
    fs::create_dir_all(root.join("vendor/thing")).unwrap();
    fs::create_dir_all(root.join(".devcontainer")).unwrap();
    fs::write(root.join(".gitignore"), "vendor/\n").unwrap();
    fs::write(root.join("svc/api/Dockerfile"), "FROM a:1\nWORKDIR rel\n").unwrap();
    fs::write(root.join("svc/web.Dockerfile"), "FROM b\n").unwrap();
    fs::write(root.join(".devcontainer/Containerfile"), "FROM c:1\n").unwrap();
    fs::write(root.join("vendor/thing/Dockerfile"), "FROM ignored\n").unwrap();
    fs::write(root.join("Dockerfile.dockerignore"), "node_modules\n").unwrap();
    fs::write(root.join("README.md"), "FROM nothing\n").unwrap();

    let out = layerlint(&["check", "--format", "json", "."], root);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut files: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().replace('\\', "/"))
        .collect();
    files.dedup();
    assert_eq!(files, vec!["./svc/api/Dockerfile", "./svc/web.Dockerfile"]);

    let text = layerlint(&["check", "."], root);
    // Three files checked, two with problems.
    assert!(
        stdout(&text).contains("in 2 of 3 files"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out = with_stdin(
        &["check", "--format", "json", "-"],
        b"FROM busybox\nMAINTAINER x\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["DL3006", "DL4000"]);
    assert_eq!(findings[0]["file"], "<stdin>");
}

#[test]
fn json_findings_carry_exact_ranges() {
    let out = with_stdin(
        &["check", "--format", "json", "-"],
        b"FROM a:1\nRUN echo \\\n  hi\nWORKDIR  some/dir\n",
    );
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &findings[0];
    assert_eq!(f["code"], "DL3000");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(4), Some(10))
    );
    assert_eq!(
        (f["endLine"].as_u64(), f["endColumn"].as_u64()),
        (Some(4), Some(18))
    );
}

#[test]
fn invalid_utf8_is_a_one_line_error() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("Dockerfile"),
        b"FROM a\nRUN echo \xff\xfe\n",
    )
    .unwrap();
    let out = layerlint(&["check", "Dockerfile"], tmp.path());
    assert_input_error(&out, "Dockerfile");
    assert!(stderr(&out).contains("not valid UTF-8 (line 2"));
}

#[test]
fn binary_garbage_is_a_one_line_error() {
    let tmp = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    fs::write(tmp.path().join("garbage.bin"), &garbage).unwrap();
    assert_input_error(
        &layerlint(&["check", "garbage.bin"], tmp.path()),
        "garbage.bin",
    );
    assert_input_error(
        &layerlint(&["dump", "garbage.bin"], tmp.path()),
        "garbage.bin",
    );
}

#[test]
fn a_50_mb_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("Huge.Dockerfile");
    let line = "RUN echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
    let mut f = fs::File::create(&path).unwrap();
    f.write_all(b"FROM a:1\n").unwrap();
    for _ in 0..(50 * 1024 * 1024 / line.len()) {
        f.write_all(line.as_bytes()).unwrap();
    }
    drop(f);
    let out = layerlint(&["check", "Huge.Dockerfile"], tmp.path());
    assert_input_error(&out, "Huge.Dockerfile");
    assert!(stderr(&out).contains("larger than"));
}

#[test]
fn a_100000_line_continuation_parses() {
    let mut src = String::from("FROM a:1\nRUN true \\\n");
    for i in 0..100_000 {
        src.push_str(&format!("  && echo {i} \\\n"));
    }
    src.push_str("  && echo end\n");
    let out = with_stdin(&["check", "--format", "json", "-"], src.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "[]");
    let dumped = with_stdin(&["dump", "-"], src.as_bytes());
    assert!(dumped.status.success());
    assert!(stdout(&dumped).contains("&& echo 99999   && echo end"));
}

#[test]
fn a_directory_given_as_a_file_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("Dockerfile")).unwrap();
    assert_input_error(
        &layerlint(&["dump", "Dockerfile"], tmp.path()),
        "Dockerfile",
    );
}

#[test]
fn missing_and_unreadable_files_are_errors() {
    let tmp = tempfile::tempdir().unwrap();
    assert_input_error(
        &layerlint(&["check", "nope.Dockerfile"], tmp.path()),
        "nope.Dockerfile",
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("missing-target", tmp.path().join("Dockerfile")).unwrap();
        assert_input_error(
            &layerlint(&["check", "Dockerfile"], tmp.path()),
            "Dockerfile",
        );
        // A FIFO nobody writes to would block a naive reader; a socket cannot be opened.
        let sock = tmp.path().join("sock.Dockerfile");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        assert_input_error(
            &layerlint(&["check", "sock.Dockerfile"], tmp.path()),
            "sock.Dockerfile",
        );
    }
}

#[test]
fn one_bad_file_does_not_hide_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("good.Dockerfile"), "FROM a\n").unwrap();
    fs::write(tmp.path().join("bad.Dockerfile"), b"\xff").unwrap();
    let out = layerlint(
        &[
            "check",
            "--format",
            "json",
            "bad.Dockerfile",
            "good.Dockerfile",
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings[0]["code"], "DL3006");
}

#[test]
fn dump_rejects_what_buildkit_rejects_with_a_location() {
    let out = with_stdin(&["dump", "-"], b"FROM busybox\nRUN <<EOF\necho\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "layerlint: error: <stdin>:2:5: unterminated heredoc"
    );
    // Unknown flags parse (BuildKit rejects them one layer later): dump keeps them.
    let out = with_stdin(&["dump", "-"], b"FROM busybox\nCOPY --nope a b\n");
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "(from \"busybox\")\n(copy [\"--nope\"] \"a\" \"b\")\n"
    );
}

#[test]
fn explain_prints_the_page_by_code_or_alias() {
    let out = layerlint(&["explain", "dl3006"], repo());
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("# DL3006: Always tag the version"));
    let out = layerlint(&["explain", "MaintainerDeprecated"], repo());
    assert!(stdout(&out).starts_with("# DL4000"));
    let out = layerlint(&["explain", "DL3060x"], repo());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no rule named 'DL3060x'"));
}

#[test]
fn rules_list_as_json() {
    let out = layerlint(&["rules", "--format", "json"], repo());
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dl4000 = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "DL4000")
        .unwrap();
    assert_eq!(dl4000["aliases"][0], "MaintainerDeprecated");
    assert_eq!(dl4000["fixable"], true);
}

/// The codes in `layerlint -f compact` output.
fn codes(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .filter_map(|l| l.split(": ").nth(1)?.split(' ').next().map(String::from))
        .collect()
}

#[test]
fn hadolint_config_files_are_found_walking_up_to_the_repository_root() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("services/api")).unwrap();
    fs::write(root.join(".hadolint.yaml"), "ignored:\n  - DL3006\n").unwrap();
    fs::write(
        root.join("services/api/Dockerfile"),
        "FROM debian\nRUN cd /x\n",
    )
    .unwrap();
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "-f",
            "compact",
            "services/api/Dockerfile",
        ],
        root,
    );
    assert_eq!(codes(&o), ["DL3003"], "{}", stderr(&o));

    // A nearer .layerlint.yaml wins over the root's file.
    fs::write(root.join("services/.layerlint.yaml"), "ignored: [DL3003]\n").unwrap();
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "-f",
            "compact",
            "services/api/Dockerfile",
        ],
        root,
    );
    assert_eq!(codes(&o), ["DL3006"]);

    // --config replaces the search; command-line lists add to the file's.
    fs::write(root.join("strict.yaml"), "override:\n  error: [DL3003]\n").unwrap();
    let o = layerlint(
        &[
            "check",
            "-c",
            "strict.yaml",
            "--ignore",
            "DL3006",
            "-f",
            "compact",
            "services/api/Dockerfile",
        ],
        root,
    );
    assert!(stdout(&o).contains("DL3003 error:"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("DL3006"));
}

#[test]
fn a_malformed_config_names_file_line_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("Dockerfile"), "FROM debian:12\n").unwrap();
    fs::write(
        tmp.path().join(".hadolint.yaml"),
        "ignored: [DL3000]\nfailure-threshold: loud\n",
    )
    .unwrap();
    let o = layerlint(&["check", "Dockerfile"], tmp.path());
    assert_input_error(&o, ".hadolint.yaml:2:");
    assert!(stderr(&o).contains("failure-threshold"), "{}", stderr(&o));

    fs::write(tmp.path().join(".hadolint.yaml"), "ignore: [DL3000]\n").unwrap();
    let o = layerlint(&["check", "Dockerfile"], tmp.path());
    assert_input_error(&o, ".hadolint.yaml:1:1");
    assert!(
        stderr(&o).contains("unknown field `ignore`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn severity_overrides_and_pragmas() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("Dockerfile"),
        "FROM debian:12\n# hadolint ignore=DL3003\nRUN cd /x\nWORKDIR /\nRUN cd /y\n",
    )
    .unwrap();
    let o = layerlint(
        &["check", "--no-shellcheck", "-f", "compact", "Dockerfile"],
        tmp.path(),
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(stdout(&o).starts_with("Dockerfile:5:5: DL3003 warning"));

    // DL3057 is off by default; naming it in an override turns it on.
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "-f",
            "compact",
            "--style",
            "DL3057",
            "--ignore",
            "DL3003",
            "Dockerfile",
        ],
        tmp.path(),
    );
    assert!(stdout(&o).contains("DL3057 style"), "{}", stdout(&o));
    assert_eq!(
        o.status.code(),
        Some(0),
        "style does not fail at the default threshold"
    );

    // --disable-ignore-pragma brings the silenced finding back; DL1001 reports the pragma.
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "-f",
            "compact",
            "--disable-ignore-pragma",
            "--warning",
            "DL1001",
            "Dockerfile",
        ],
        tmp.path(),
    );
    assert_eq!(codes(&o), ["DL1001", "DL3003", "DL3003"], "{}", stdout(&o));
}

#[test]
fn several_formats_in_one_run_and_hadolint_style_invocation() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("Dockerfile"), "FROM debian\n").unwrap();
    // No subcommand: `layerlint Dockerfile` is `layerlint check Dockerfile`.
    let o = layerlint(
        &[
            "-f",
            "json",
            "-o",
            "report.json",
            "-f",
            "sarif",
            "-o",
            "report.sarif",
            "-f",
            "compact",
            "Dockerfile",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(json[0]["code"], "DL3006");
    let sarif = fs::read_to_string(tmp.path().join("report.sarif")).unwrap();
    assert!(sarif.contains("\"version\": \"2.1.0\""));
    assert_eq!(
        stdout(&o),
        "Dockerfile:1:6: DL3006 warning: Always tag the version of an image explicitly\n"
    );

    // An unwritable report is an error and leaves nothing behind.
    let o = layerlint(
        &["-f", "json", "-o", "missing-dir/report.json", "Dockerfile"],
        tmp.path(),
    );
    assert_input_error(&o, "missing-dir/report.json");
    assert!(!tmp.path().join("missing-dir").exists());
}

#[test]
fn shellcheck_findings_land_on_their_own_line_and_column() {
    if !layerlint::shellcheck::is_installed() {
        eprintln!("shellcheck is not installed: skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("Dockerfile"),
        "FROM debian:12\nARG FOO\nRUN echo \"$FOO\" && \\\n    echo \"$undefined_var\"\n# hadolint ignore=SC2154\nRUN echo \"$other\"\nRUN <<EOF\necho \"$in_heredoc\"\nEOF\n",
    )
    .unwrap();
    let o = layerlint(&["check", "-f", "compact", "Dockerfile"], tmp.path());
    let out = stdout(&o);
    assert!(
        out.contains(
            "Dockerfile:4:11: SC2154 warning: undefined_var is referenced but not assigned."
        ),
        "{out}"
    );
    assert!(
        out.contains("Dockerfile:8:7: SC2154 warning: in_heredoc is referenced"),
        "{out}"
    );
    assert!(
        !out.contains("FOO"),
        "ARG names are declared for ShellCheck: {out}"
    );
    assert!(!out.contains("other"), "the pragma silences SC2154: {out}");

    let o = layerlint(
        &["check", "-f", "compact", "--no-shellcheck", "Dockerfile"],
        tmp.path(),
    );
    assert!(!stdout(&o).contains("SC"), "{}", stdout(&o));
}

/// ShellCheck's time doubles with each level of `$(` nesting; such a RUN is not sent to
/// it, so the run ends, and the file's other RUNs are still checked.
#[test]
fn a_deeply_nested_run_does_not_stall_shellcheck() {
    if !layerlint::shellcheck::is_installed() {
        eprintln!("shellcheck is not installed: skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let deep = format!("echo {}b{}", "$( echo ".repeat(30), " )".repeat(30));
    fs::write(
        tmp.path().join("Dockerfile"),
        format!("FROM debian:12\nRUN {deep}\nRUN echo \"$undefined_var\"\n"),
    )
    .unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(["check", "--no-cache", "-f", "compact", "Dockerfile"])
        .current_dir(tmp.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = stdout(&within_a_minute(child));
    assert!(
        out.contains("Dockerfile:3:11: SC2154 warning: undefined_var is referenced"),
        "{out}"
    );
}

/// A ShellCheck process that does not finish is stopped after `--shellcheck-timeout`;
/// the script batched with the stalling one is checked again alone and keeps its
/// findings, and the RUN ShellCheck cannot finish is named on stderr.
#[test]
fn a_stalled_shellcheck_is_stopped_and_the_run_named() {
    let Some(real) = common::shellcheck_path() else {
        eprintln!("shellcheck is not installed: skipped");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    fs::create_dir(&bin).unwrap();
    // Stands in for a ShellCheck that never finishes a script: any batch holding the
    // marker sleeps; everything else goes to the real one.
    let wrapper = bin.join("shellcheck");
    fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nfor f in \"$@\"; do\n  case \"$f\" in *.sh) grep -q STALL_MARKER \"$f\" && exec sleep 600;; esac\ndone\nexec {} \"$@\"\n",
            real.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).unwrap();
    fs::write(
        tmp.path().join("Dockerfile"),
        "FROM debian:12\nRUN echo STALL_MARKER\nRUN echo \"$undefined_var\"\nRUN echo a\nRUN echo b\n",
    )
    .unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let child = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args([
            "check",
            "--no-cache",
            "--shellcheck-timeout",
            "1.5",
            "-f",
            "compact",
        ])
        .arg("Dockerfile")
        .current_dir(tmp.path())
        .env("PATH", path)
        // One worker: the four scripts go in two batches of two, the stalling one
        // beside the one with a finding.
        .env("RAYON_NUM_THREADS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = within_a_minute(child);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(
        out.contains("Dockerfile:3:11: SC2154 warning: undefined_var is referenced"),
        "{out}"
    );
    assert_eq!(
        err.trim(),
        "layerlint: note: Dockerfile:2: shellcheck did not finish this RUN within 1.5 s, so its ShellCheck findings are left out (see --shellcheck-timeout)"
    );
    assert_eq!(o.status.code(), Some(1), "{err}");
}

/// The child's output, or a failed test if it is still running after a minute (it would
/// otherwise hang the suite).
fn within_a_minute(mut child: std::process::Child) -> Output {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("layerlint was still running after 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_bad_shellcheck_timeout_is_refused() {
    for bad in ["0", "-1", "soon", "inf"] {
        let flag = format!("--shellcheck-timeout={bad}");
        let o = layerlint(&["check", &flag, "examples/api/Dockerfile"], repo());
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("is not a positive number of seconds"),
            "{bad}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_missing_shellcheck_is_reported_once() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["a.Dockerfile", "b.Dockerfile"] {
        fs::write(tmp.path().join(name), "FROM debian:12\nRUN echo $x\n").unwrap();
    }
    let o = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(["check", "a.Dockerfile", "b.Dockerfile"])
        .current_dir(tmp.path())
        .env("PATH", tmp.path())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("shellcheck is not installed"), "{err}");
    assert_eq!(
        o.status.code(),
        Some(0),
        "DL rules still ran: {}",
        stdout(&o)
    );
}

/// `check --fix`: safe fixes written atomically, a second run changes nothing, unsafe
/// ones only with `--unsafe-fixes`, `--diff` writes nothing, stdin gets the fixed text.
#[test]
fn fix_applies_safe_fixes_and_is_idempotent() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let bad = "FROM alpine:3.19\r\nMAINTAINER Jane <jane@example.com>\r\nENV MODE prod\r\nRUN pip install -r requirements.txt\r\n";
    let file = d.join("Dockerfile");
    fs::write(&file, bad).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["check", "--no-shellcheck", "-f", "compact"];
        all.extend(args);
        layerlint(&all, d)
    };

    let o = run(&["--diff", "Dockerfile"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("+ENV MODE=\"prod\""), "{}", stdout(&o));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        bad,
        "--diff wrote the file"
    );

    let o = run(&["--fix", "Dockerfile"]);
    assert!(
        stderr(&o).contains("fixed 3 findings in 1 file; 1 remains")
            && stderr(&o).contains("1 more fix is available with `--unsafe-fixes`"),
        "{}",
        stderr(&o)
    );
    let once = fs::read_to_string(&file).unwrap();
    // CRLF and everything no edit touched stay as they were.
    assert_eq!(
        once,
        "FROM alpine:3.19\r\nLABEL org.opencontainers.image.authors=\"Jane <jane@example.com>\"\r\nENV MODE=\"prod\"\r\nRUN pip install --no-cache-dir -r requirements.txt\r\n"
    );
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let o = run(&["--fix", "Dockerfile"]);
    assert!(
        stderr(&o).contains("fixed 0 findings in 0 files"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), once);
    // Only unsafe fixes are left: without --unsafe-fixes there is nothing to change.
    let o = run(&["--diff", "Dockerfile"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = run(&["--fix", "--unsafe-fixes", "Dockerfile"]);
    assert!(!stdout(&o).contains("LL2005"), "{}", stdout(&o));
    let fixed = fs::read_to_string(&file).unwrap();
    assert!(
        fixed.contains("RUN --mount=type=cache,target=/root/.cache/pip pip install"),
        "{fixed}"
    );
    let o = run(&["--diff", "--unsafe-fixes", "Dockerfile"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    // stdin: the fixed text on stdout.
    let mut child = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(["check", "--no-shellcheck", "--fix", "-"])
        .current_dir(d)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"FROM alpine:3.19\nENV A 1\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(stdout(&o), "FROM alpine:3.19\nENV A=\"1\"\n");
}

#[test]
fn fix_honours_unfixable_and_writes_through_symlinks() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let bad = "FROM alpine:3.19\nENV MODE prod\n";
    fs::write(d.join("Dockerfile"), bad).unwrap();
    fs::write(
        d.join(".layerlint.yaml"),
        "unfixable: [LegacyKeyValueFormat]\n",
    )
    .unwrap();
    let o = layerlint(&["check", "--no-shellcheck", "--fix", "Dockerfile"], d);
    assert!(stderr(&o).contains("fixed 0 findings"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(d.join("Dockerfile")).unwrap(), bad);
    fs::remove_file(d.join(".layerlint.yaml")).unwrap();

    // Through a symlink: the file it names is fixed, the link stays a link.
    fs::create_dir(d.join("real")).unwrap();
    fs::write(d.join("real/Dockerfile"), bad).unwrap();
    std::os::unix::fs::symlink("real/Dockerfile", d.join("Linked.Dockerfile")).unwrap();
    let o = layerlint(
        &["check", "--no-shellcheck", "--fix", "Linked.Dockerfile"],
        d,
    );
    assert!(stderr(&o).contains("fixed 1 finding"), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(d.join("Linked.Dockerfile"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(d.join("real/Dockerfile")).unwrap(),
        "FROM alpine:3.19\nENV MODE=\"prod\"\n"
    );
}

/// Fixes keep a BOM, the escape directive and heredoc bodies; a "did you mean" for an
/// unknown instruction or flag is an unsafe fix.
#[test]
fn fix_keeps_the_file_around_its_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let bom = "\u{feff}FROM alpine:3.19\nENV A 1\n";
    fs::write(d.join("bom.Dockerfile"), bom).unwrap();
    let windows = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV A 1\nRUN echo a `\n  && echo b\nRUN <<EOF\n  ENV X 1\nEOF\n";
    fs::write(d.join("escape.Dockerfile"), windows).unwrap();
    let typos = "FORM alpine:3.19\nRUN --mout=type=cache,target=/x echo\n";
    fs::write(d.join("typos.Dockerfile"), typos).unwrap();
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "--fix",
            "bom.Dockerfile",
            "escape.Dockerfile",
            "typos.Dockerfile",
        ],
        d,
    );
    assert!(
        stderr(&o).contains("fixed 2 findings in 2 files"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(d.join("bom.Dockerfile")).unwrap(),
        "\u{feff}FROM alpine:3.19\nENV A=\"1\"\n"
    );
    assert_eq!(
        fs::read_to_string(d.join("escape.Dockerfile")).unwrap(),
        windows.replace("ENV A 1", "ENV A=\"1\"")
    );
    // Guesses wait for --unsafe-fixes.
    assert_eq!(
        fs::read_to_string(d.join("typos.Dockerfile")).unwrap(),
        typos
    );
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "--fix",
            "--unsafe-fixes",
            "typos.Dockerfile",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        fs::read_to_string(d.join("typos.Dockerfile")).unwrap(),
        "FROM alpine:3.19\nRUN --mount=type=cache,target=/x echo\n"
    );
}

/// A reader that closes the pipe early ends the program quietly, as a filter ends
/// (`layerlint rules -f json | head -c 10`), with no panic and no message.
#[test]
fn a_closed_stdout_ends_quietly() {
    for args in [
        &["rules", "-f", "json"][..],
        &["check", "--no-shellcheck", "tests/corpus"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_layerlint"))
            .args(args)
            .current_dir(repo())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a few bytes, then close our end while it still writes.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 10];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("error"), "{args:?}: {err}");
        assert!(
            matches!(o.status.code(), Some(0) | Some(141)),
            "{args:?}: {:?}",
            o.status
        );
    }
}

/// What a new user tries first: the version, no arguments, a wrong context or folder, a
/// file that is no Dockerfile.
#[test]
fn new_user_mistakes_get_clear_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for flag in ["-v", "--version"] {
        let o = layerlint(&[flag], d);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).starts_with("layerlint "), "{}", stdout(&o));
    }
    // No arguments: `check .`.
    fs::write(d.join("Dockerfile"), "FROM alpine:3.19\nRUN echo hi\n").unwrap();
    let o = layerlint(&[], d);
    assert!(
        stdout(&o).contains("in 1 file"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );

    let o = layerlint(&["check", "--context", "nosuchdir", "Dockerfile"], d);
    assert_input_error(&o, "nosuchdir");
    fs::create_dir(d.join("empty")).unwrap();
    let o = layerlint(&["check", "empty"], d);
    assert!(
        stderr(&o).contains("empty: no Dockerfile found"),
        "{}",
        stderr(&o)
    );

    let services = "tcpmux 1/tcp\necho 7/tcp\nshell 514/tcp cmd\nsmtp 25/tcp mail\n";
    fs::write(d.join("services"), services).unwrap();
    let o = layerlint(
        &["check", "--no-shellcheck", "-f", "compact", "services"],
        d,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("not a Dockerfile"), "{}", stdout(&o));
    let o = layerlint(&["dump", "services"], d);
    assert_input_error(&o, "services");
    let o = layerlint(&["cache", "--file", "services"], d);
    assert_input_error(&o, "services");
    // Unreadable input only: the error, and no "No problems found in 0 files".
    let o = layerlint(&["check", "missing.Dockerfile"], d);
    assert_input_error(&o, "missing.Dockerfile");
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
}

/// A code that names no rule, on the command line or in a config file, gets a warning
/// with "did you mean"; ShellCheck codes and aliases are fine.
#[test]
fn unknown_rule_codes_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("Dockerfile"), "FROM alpine:3.19\n").unwrap();
    fs::write(
        d.join(".hadolint.yaml"),
        "ignored: [DL300, SC2086, MaintainerDeprecated]\n",
    )
    .unwrap();
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "--ignore",
            "NOPE",
            "--error",
            "DL3008",
            "Dockerfile",
        ],
        d,
    );
    let err = stderr(&o);
    assert!(
        err.contains("no rule is named 'NOPE' on the command line"),
        "{err}"
    );
    assert!(
        err.contains("no rule is named 'DL300' in") && err.contains("(did you mean DL3000?)"),
        "{err}"
    );
    assert!(
        !err.contains("SC2086")
            && !err.contains("MaintainerDeprecated")
            && !err.contains("'DL3008'"),
        "{err}"
    );
    assert_eq!(o.status.code(), Some(0), "{err}");
}

/// Runs bash's completion for `words` (the last one being completed) with the script
/// `layerlint completions bash` prints, and returns what bash would offer.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = stdout(&layerlint(&["completions", "bash"], repo()));
    let line = words.join(" ");
    let program = format!(
        "{script}\nCOMP_WORDS=({line}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}\n\
         _layerlint layerlint '{last}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        cword = words.len() - 1,
        last = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(program)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().map(str::to_string).collect()
}

#[test]
fn bash_completion_offers_subcommands_flags_and_values() {
    assert_eq!(bash_completes(&["layerlint", "ca"]), ["cache"]);
    assert_eq!(
        bash_completes(&["layerlint", "check", "--fa"]),
        ["--failure-threshold"]
    );
    let formats = bash_completes(&["layerlint", "check", "--format", ""]);
    for format in ["sarif", "github", "gitlab", "checkstyle"] {
        assert!(formats.iter().any(|f| f == format), "{formats:?}");
    }
}

#[test]
fn completions_for_every_shell_and_an_unknown_shell_refused() {
    for (shell, marker) in [
        ("zsh", "#compdef layerlint"),
        ("fish", "complete -c layerlint"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let o = layerlint(&["completions", shell], repo());
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        assert!(stdout(&o).contains(marker), "{shell}");
        assert!(stdout(&o).contains("failure-threshold"), "{shell}");
    }
    let o = layerlint(&["completions", "tcsh"], repo());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tcsh"));
}

#[test]
fn the_man_page_documents_every_subcommand_and_flag() {
    let o = layerlint(&["man"], repo());
    assert!(o.status.success());
    let page = stdout(&o);
    assert!(
        page.contains(&format!(
            ".TH layerlint 1  \"layerlint {}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        &page[..200]
    );
    for section in ["CHECK", "CACHE", "DUMP", "RULES", "EXPLAIN", "COMPLETIONS"] {
        assert!(
            page.contains(&format!(".SH \"LAYERLINT {section}\"")),
            "{section}"
        );
    }
    for flag in [
        "failure\\-threshold",
        "unsafe\\-fixes",
        "history",
        "trusted\\-registry",
    ] {
        assert!(page.contains(flag), "{flag}");
    }
    // One page: no references to per-subcommand pages that are not installed.
    assert!(!page.contains("layerlint\\-check(1)"));
}

/// `-o` onto something that is not a regular file writes into it: renaming a temporary
/// file onto `/dev/null` (as root) would replace the device with a file. A FIFO stands in
/// for the device here; a symbolic link stays a link, and its target gets the report.
#[test]
fn reports_go_into_fifos_and_through_symlinks() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("Dockerfile"), "FROM ubuntu\n").unwrap();
    let fifo = d.join("report.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || tx.send(fs::read_to_string(fifo).unwrap()));
    }
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "-f",
            "json",
            "-o",
            "report.fifo",
            "Dockerfile",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // (Were the FIFO replaced, its reader would wait forever: give up after a while.)
    let read = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("nothing was written into the FIFO");
    assert!(read.contains("DL3006"));
    let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
    use std::os::unix::fs::FileTypeExt;
    assert!(kind.is_fifo(), "the FIFO was replaced by a file");

    fs::create_dir(d.join("reports")).unwrap();
    fs::write(d.join("reports/real.json"), "old\n").unwrap();
    std::os::unix::fs::symlink("reports/real.json", d.join("latest.json")).unwrap();
    let o = layerlint(
        &[
            "check",
            "--no-shellcheck",
            "-f",
            "json",
            "-o",
            "latest.json",
            "Dockerfile",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(d.join("latest.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(d.join("reports/real.json"))
            .unwrap()
            .contains("DL3006")
    );
}

/// `--fix` of a Dockerfile that is a symbolic link fixes the file it points to.
#[test]
fn fix_writes_through_a_symlinked_dockerfile() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir(d.join("shared")).unwrap();
    fs::write(
        d.join("shared/Dockerfile"),
        "FROM alpine:3.20\nMAINTAINER me\nUSER 65534\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("shared/Dockerfile", d.join("Dockerfile")).unwrap();
    let o = layerlint(&["check", "--no-shellcheck", "--fix", "Dockerfile"], d);
    assert!(o.status.code().is_some(), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(d.join("Dockerfile"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let fixed = fs::read_to_string(d.join("shared/Dockerfile")).unwrap();
    assert!(
        !fixed.contains("MAINTAINER") && fixed.contains("LABEL"),
        "{fixed}"
    );
}

/// A new report file gets the permissions any new file gets (0666 less the umask), not
/// the private mode of the temporary file it is written through.
#[test]
fn a_new_report_honours_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("Dockerfile"), "FROM alpine:3.20\n").unwrap();
    for (umask, mode) in [("022", 0o644), ("077", 0o600)] {
        let report = format!("report-{umask}.json");
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask}; exec \"$0\" check --no-shellcheck --no-fail -f json -o {report} Dockerfile"
            ))
            .arg(env!("CARGO_BIN_EXE_layerlint"))
            .current_dir(d)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let actual = fs::metadata(d.join(&report)).unwrap().permissions().mode() & 0o777;
        assert_eq!(actual, mode, "umask {umask}");
    }
}

#[test]
fn check_takes_build_args_as_docker_build_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "#check=error=true\nARG BASE=alpine\nFROM $BASE as base\nRUN true\n",
    )
    .unwrap();
    let out = layerlint(
        &["check", "-f", "compact", "--no-cache", "Dockerfile"],
        dir.path(),
    );
    let text = stdout(&out);
    assert!(
        text.contains("DL3006") && text.contains("FromAsCasing error"),
        "{text}"
    );
    let out = layerlint(
        &[
            "check",
            "-f",
            "compact",
            "--no-cache",
            "--build-arg",
            "BASE=alpine:3.20",
            "--build-arg",
            "BUILDKIT_DOCKERFILE_CHECK=skip=all",
            "Dockerfile",
        ],
        dir.path(),
    );
    let text = stdout(&out);
    assert!(
        !text.contains("DL3006") && !text.contains("FromAsCasing"),
        "{text}"
    );
    // `K` alone reads the environment; unset, it is a usage error naming it.
    let out = layerlint(
        &[
            "check",
            "--build-arg",
            "LAYERLINT_SURELY_UNSET",
            "Dockerfile",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("LAYERLINT_SURELY_UNSET"),
        "{}",
        stderr(&out)
    );
}

/// Dockerfiles of one folder share its context walk, but each keeps its own ignore file:
/// `a.Dockerfile.dockerignore` leaves `big/` out for `a.Dockerfile` only.
#[test]
fn dockerfiles_of_one_folder_count_their_own_context() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::create_dir(dir.join("big")).unwrap();
    for i in 0..5 {
        fs::write(dir.join(format!("big/f{i}")), "x").unwrap();
    }
    fs::write(dir.join("package.json"), "{}").unwrap();
    let dockerfile = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
    for name in ["a.Dockerfile", "b.Dockerfile", "c.Dockerfile"] {
        fs::write(dir.join(name), dockerfile).unwrap();
    }
    fs::write(dir.join("a.Dockerfile.dockerignore"), "big\n").unwrap();
    let o = layerlint(&["check", "--no-shellcheck", "-f", "gnu", "."], dir);
    let out = stdout(&o);
    let copied = |file: &str| {
        let line = out
            .lines()
            .find(|l| l.contains(file) && l.contains("LL2001"))
            .unwrap_or_else(|| panic!("no LL2001 for {file}: {out}"));
        line.split("any of the ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string()
    };
    // a: the three Dockerfiles, its ignore file and package.json; b and c: big/ too.
    assert_eq!(copied("a.Dockerfile"), "5", "{out}");
    assert_eq!(copied("b.Dockerfile"), "10", "{out}");
    assert_eq!(copied("c.Dockerfile"), "10", "{out}");
}
