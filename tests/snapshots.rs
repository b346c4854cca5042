//! Snapshot tests for every output format and for diagnostics text. Snapshots live in
//! snapshots/ at the top of the repository; review changes with `cargo insta review`.

use layerlint::lint::lint;
use layerlint::output::{FileReport, render_json, render_text};
use std::process::Command;

fn report(path: &str) -> FileReport {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(full).unwrap();
    let result = lint(&source);
    FileReport {
        path: path.to_string(),
        dockerfile: result.dockerfile,
        diagnostics: result.diagnostics,
    }
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
