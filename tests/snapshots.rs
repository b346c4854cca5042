//! Snapshot tests for every output format and for diagnostics text. Snapshots live in
//! snapshots/ at the top of the repository; review changes with `cargo insta review`.

use layerlint::lint::lint;
use layerlint::output::{
    FileReport, render_checkstyle, render_compact, render_github, render_gitlab, render_gnu,
    render_json, render_junit, render_sarif, render_text,
};
use std::process::Command;

fn report(path: &str) -> FileReport {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(full).unwrap();
    let result = lint(&source);
    FileReport::new(path, result.file, result.diagnostics)
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
fn text_output_for_findings() {
    snapshot!(
        "text_findings",
        render_text(&[report("tests/fixtures/findings.Dockerfile")], false)
    );
}

#[test]
fn text_output_for_syntax_errors() {
    snapshot!(
        "text_syntax_errors",
        render_text(&[report("tests/fixtures/syntax-errors.Dockerfile")], false)
    );
}

#[test]
fn text_output_for_a_clean_file() {
    snapshot!(
        "text_clean",
        render_text(&[report("examples/api/Dockerfile")], false)
    );
}

#[test]
fn text_output_in_colour_has_ansi_codes() {
    let coloured = render_text(&[report("tests/fixtures/findings.Dockerfile")], true);
    assert!(
        coloured.contains("\u{1b}["),
        "colour output should carry ANSI escapes"
    );
    let plain = render_text(&[report("tests/fixtures/findings.Dockerfile")], false);
    assert!(!plain.contains('\u{1b}'));
}

#[test]
fn json_output() {
    let reports = [
        report("tests/fixtures/findings.Dockerfile"),
        report("tests/fixtures/syntax-errors.Dockerfile"),
    ];
    snapshot!("json_findings", render_json(&reports));
}

#[test]
fn json_output_for_no_findings_is_an_empty_array() {
    assert_eq!(
        render_json(&[report("examples/api/Dockerfile")]).trim(),
        "[]"
    );
}

#[test]
fn dump_output() {
    let out = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(["dump", "examples/api/Dockerfile"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    snapshot!("dump_api", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn rules_list() {
    let out = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .arg("rules")
        .output()
        .unwrap();
    assert!(out.status.success());
    snapshot!("rules_list", String::from_utf8(out.stdout).unwrap());
}

/// Every machine format over the same two files: one with findings (and a fix), one with
/// syntax errors.
fn all_reports() -> Vec<FileReport> {
    vec![
        report("tests/fixtures/findings.Dockerfile"),
        report("tests/fixtures/syntax-errors.Dockerfile"),
    ]
}

#[test]
fn compact_output() {
    snapshot!("compact", render_compact(&all_reports()));
}

#[test]
fn gnu_output() {
    snapshot!("gnu", render_gnu(&all_reports()));
}

#[test]
fn checkstyle_output() {
    snapshot!("checkstyle", render_checkstyle(&all_reports()));
}

#[test]
fn junit_output() {
    let mut reports = all_reports();
    reports.push(report("examples/api/Dockerfile"));
    snapshot!("junit", render_junit(&reports));
}

#[test]
fn gitlab_output() {
    snapshot!("gitlab", render_gitlab(&all_reports()));
}

#[test]
fn github_output() {
    snapshot!("github", render_github(&all_reports()));
}

#[test]
fn sarif_output() {
    snapshot!("sarif", render_sarif(&all_reports()));
}

#[test]
fn sarif_output_is_valid_against_the_oasis_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let mut reports = all_reports();
    reports.push(report("examples/api/Dockerfile"));
    let log: serde_json::Value = serde_json::from_str(&render_sarif(&reports)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF output violates the schema:\n{}",
        errors.join("\n")
    );
    // And a log that breaks the schema is caught, so the check above can fail.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn github_output_notes_the_annotation_cap() {
    let source = "FROM debian:12\n".to_string() + &"RUN cd /x\nWORKDIR /\n".repeat(12);
    let result = lint(&source);
    let report = FileReport::new("Dockerfile", result.file, result.diagnostics);
    let out = render_github(&[report]);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::warning")).count(),
        12
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .contains("at most 10 annotations"),
        "{out}"
    );
}

#[test]
fn text_output_for_buildkit_checks() {
    snapshot!(
        "text_buildkit",
        render_text(&[report("tests/fixtures/buildkit.Dockerfile")], false)
    );
}

/// `layerlint ARGS` in `dir`, which must succeed: its stdout.
fn layerlint_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(args)
        // The cache table's width follows COLUMNS when stdout is no terminal.
        .env_remove("COLUMNS")
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `layerlint cache --changed src/app.js` on tests/fixtures/cache-project, as text and JSON.
#[test]
fn cache_outputs() {
    let dir = fixture("cache-project");
    let run =
        |format: &str| layerlint_in(&dir, &["cache", "--changed", "src/app.js", "-f", format]);
    snapshot!("cache_text", run("text"));
    snapshot!("cache_json", run("json"));
    snapshot!("cache_markdown", run("markdown"));
}

/// `layerlint cache --suggest` on tests/fixtures/advisor-project: the moves and the diffs,
/// and the JSON contract.
#[test]
fn suggest_outputs() {
    let dir = fixture("advisor-project");
    let run = |format: &str| layerlint_in(&dir, &["cache", "--suggest", "-f", format]);
    snapshot!("suggest_text", run("text"));
    snapshot!("suggest_json", run("json"));
    snapshot!("suggest_markdown", run("markdown"));
}

/// `layerlint cache --history 4 --suggest` over a scripted history of the advisor project.
#[test]
fn history_text_output() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let from = fixture("advisor-project");
    for f in [
        "Dockerfile",
        ".dockerignore",
        "package.json",
        "package-lock.json",
        "src/server.ts",
    ] {
        std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
        std::fs::copy(from.join(f), d.join(f)).unwrap();
    }
    let git = |args: &[&str]| {
        assert!(
            Command::new("git")
                .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
                .args(args)
                .current_dir(d)
                .status()
                .unwrap()
                .success()
        )
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "start"]);
    for (i, file) in [
        "src/server.ts",
        "src/server.ts",
        "package.json",
        "src/server.ts",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(d.join(file), format!("{{\"edit\": {i}}}\n")).unwrap();
        git(&["commit", "-qam", "edit"]);
    }
    snapshot!(
        "history_text",
        layerlint_in(d, &["cache", "--history", "4", "--suggest"])
    );
    snapshot!(
        "history_markdown",
        layerlint_in(
            d,
            &["cache", "--history", "4", "--suggest", "-f", "markdown"]
        )
    );
}

/// A finding with related places: one DL3018 for three unpinned packages, and a CMD that
/// overrides an earlier one, in the text frames (secondary labels) and in SARIF.
#[test]
fn related_places_in_text_and_sarif() {
    let reports = [report("tests/fixtures/one-per-instruction.Dockerfile")];
    snapshot!("text_related", render_text(&reports, false));
    let sarif: serde_json::Value = serde_json::from_str(&render_sarif(&reports)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let related: Vec<(String, usize)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["relatedLocations"].as_array().map_or(0, Vec::len),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(
        related,
        [("DL3018".to_string(), 2), ("DL4003".to_string(), 1)]
    );
}
