//! Parser conformance, in the manner of BuildKit's parser tests: each folder under
//! tests/conformance holds a Dockerfile and the `result` its parse must dump to (and,
//! optionally, `heredocs`, since the dump leaves heredoc bodies out); each folder under
//! tests/conformance-negative holds a Dockerfile the parser must reject, and the `error`
//! message it must give.

use layerlint::syntax::{dump::dump, parser::parse};
use std::fs;
use std::path::{Path, PathBuf};

fn case_dirs(root: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(root);
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no cases under {}", root.display());
    dirs
}

fn render_heredocs(df: &layerlint::syntax::Dockerfile) -> String {
    let mut out = String::new();
    for ins in &df.instructions {
        for h in &ins.heredocs {
            out.push_str(&format!(
                "{} name={} fd={} expand={} chomp={} content={:?}\n",
                ins.keyword.as_str(),
                h.name,
                h.fd.map(|f| f.to_string()).unwrap_or_default(),
                h.expand,
                h.chomp,
                h.content
            ));
        }
    }
    out
}

#[test]
fn positive_cases_dump_as_expected() {
    let mut failures = Vec::new();
    for dir in case_dirs("conformance") {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let source = fs::read_to_string(dir.join("Dockerfile")).unwrap();
        let df = parse(&source);
        let errors: Vec<_> = df.parser_errors().map(|e| e.message.clone()).collect();
        if !errors.is_empty() {
            failures.push(format!("{name}: unexpected parser errors {errors:?}"));
            continue;
        }
        let expected = fs::read_to_string(dir.join("result")).unwrap();
        let actual = dump(&df);
        if actual != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
        if let Ok(expected) = fs::read_to_string(dir.join("heredocs")) {
            let actual = render_heredocs(&df);
            if actual != expected {
                failures.push(format!(
                    "{name} heredocs:\n--- expected\n{expected}--- actual\n{actual}"
                ));
            }
        }
        // Every span must lie inside the source and on character boundaries.
        for ins in &df.instructions {
            assert!(ins.span.end <= source.len(), "{name}: span past the end");
            assert!(
                source.is_char_boundary(ins.span.start) && source.is_char_boundary(ins.span.end)
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn negative_cases_are_rejected_with_their_message() {
    let mut failures = Vec::new();
    for dir in case_dirs("conformance-negative") {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let source = fs::read_to_string(dir.join("Dockerfile")).unwrap();
        let expected = fs::read_to_string(dir.join("error")).unwrap();
        let df = parse(&source);
        let errors: Vec<String> = df.parser_errors().map(|e| e.message.clone()).collect();
        if !errors.iter().any(|e| e.contains(expected.trim())) {
            failures.push(format!(
                "{name}: expected an error containing {:?}, got {errors:?}",
                expected.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn line_length_limit_is_65535_bytes() {
    let ok = format!("FROM busybox\nRUN {}\n", "a".repeat(65_535 - 4));
    assert_eq!(parse(&ok).parser_errors().count(), 0);
    let too_long = format!("FROM busybox\nRUN {}\n", "a".repeat(65_535 - 3));
    let df = parse(&too_long);
    let errors: Vec<_> = df.parser_errors().collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .contains("greater than max allowed size of 65535")
    );
    assert_eq!(df.position(errors[0].span.start).line, 2);
}

#[test]
fn empty_continuation_lines_are_remembered() {
    let df = parse("FROM a\nRUN a \\\n\n   \n  b\n");
    assert_eq!(df.instructions[1].empty_continuation_lines, vec![3, 4]);
    assert_eq!(
        (df.instructions[1].start_line, df.instructions[1].end_line),
        (2, 5)
    );
}

#[test]
fn directives_are_recorded_with_values() {
    let df = parse("# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a\n");
    assert_eq!(
        df.directive("syntax").unwrap().value.value,
        "docker/dockerfile:1"
    );
    assert_eq!(df.directive("check").unwrap().value.value, "skip=all");
    assert_eq!(df.directive("check").unwrap().line, 2);
    assert_eq!(df.escape, '\\');
}

#[test]
fn error_recovery_keeps_later_instructions() {
    let df = parse("FROM a\nENV BROKEN\nRUN ok\nLABEL x\nWORKDIR /app\n");
    assert_eq!(df.parser_errors().count(), 2);
    let kept: Vec<_> = df.instructions.iter().map(|i| i.keyword.as_str()).collect();
    assert_eq!(kept, vec!["FROM", "RUN", "WORKDIR"]);
}
