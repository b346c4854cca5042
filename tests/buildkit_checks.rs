//! BuildKit's checks: the `# check=` directive and its placement, the per-instruction
//! form, `error=true`, experimental checks, and the names shared with hadolint's rules.

use layerlint::config;
use layerlint::context::DockerIgnore;
use layerlint::lint::{lint, lint_in_context, lint_with};

fn codes(source: &str) -> Vec<String> {
    lint(source)
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

fn has(source: &str, code: &str) -> bool {
    codes(source).iter().any(|c| c == code)
}

#[test]
fn skip_directive_at_the_top_of_the_file() {
    let src = "FROM alpine:3.19 AS Builder\n";
    assert!(has(src, "StageNameCasing"));
    assert!(!has(
        &format!("# check=skip=StageNameCasing\n{src}"),
        "StageNameCasing"
    ));
    assert!(!has(
        &format!("# syntax=docker/dockerfile:1\n# check=skip=all\n{src}"),
        "StageNameCasing"
    ));
    // After an ordinary comment it is no longer a directive, but it is still the
    // `# check=` line of the comment block right above the FROM.
    assert!(!has(
        &format!("# hello\n# check=skip=StageNameCasing\n{src}"),
        "StageNameCasing"
    ));
    // After an instruction it applies only to the instruction below it.
    let src =
        "FROM alpine:3.19 AS Builder\n# check=skip=StageNameCasing\nFROM alpine:3.19 AS Other\n";
    let found = codes(src);
    assert_eq!(
        found.iter().filter(|c| *c == "StageNameCasing").count(),
        1,
        "{found:?}"
    );
}

#[test]
fn skip_all_covers_buildkit_checks_only() {
    let src = "# check=skip=all\nFROM alpine AS Builder\nMAINTAINER me\n";
    let found = codes(src);
    assert!(
        !found
            .iter()
            .any(|c| c == "StageNameCasing" || c == "DL4000"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|c| c == "DL3006"),
        "hadolint-only rules still run: {found:?}"
    );
}

#[test]
fn per_instruction_blocks_end_at_an_empty_comment_line() {
    let src = "FROM alpine:3.19\n# check=skip=LegacyKeyValueFormat\n#\nENV A b\n";
    assert!(has(src, "LegacyKeyValueFormat"));
    let src = "FROM alpine:3.19\n# check=skip=LegacyKeyValueFormat\n# why\nENV A b\n";
    assert!(!has(src, "LegacyKeyValueFormat"));
}

#[test]
fn error_true_makes_buildkit_findings_errors() {
    let src = "# check=error=true\nFROM alpine:3.19 AS Builder\nRUN cd /x\n";
    let result = lint(src);
    for d in &result.diagnostics {
        let expected = if d.code == "StageNameCasing" {
            "error"
        } else {
            "warning"
        };
        assert_eq!(d.severity.as_str(), expected, "{d:?}");
    }
}

#[test]
fn bad_directives_are_reported() {
    let found =
        lint("# check=skip=StageNameCasin;errors=true\nFROM alpine:3.19 AS Builder\n").diagnostics;
    let messages: Vec<String> = found
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("DL1000 invalid check option \"errors\"")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m
                == "LL1001 No check is named 'StageNameCasin' (did you mean StageNameCasing?)"),
        "{messages:?}"
    );
    // The misspelt name skips nothing.
    assert!(
        messages.iter().any(|m| m.starts_with("StageNameCasing")),
        "{messages:?}"
    );
}

#[test]
fn experimental_checks_need_enabling() {
    let src = "# the version\nARG VERSION=1\nFROM alpine:3.19\n";
    assert!(!has(src, "InvalidDefinitionDescription"));
    assert!(has(
        &format!("# check=experimental=all\n{src}"),
        "InvalidDefinitionDescription"
    ));
    let settings = config::parse("override:\n  warning: [InvalidDefinitionDescription]\n").unwrap();
    assert!(
        lint_with(src, &settings)
            .diagnostics
            .iter()
            .any(|d| d.code == "InvalidDefinitionDescription")
    );
}

#[test]
fn shared_checks_are_one_finding_under_either_name() {
    let src = "FROM alpine:3.19 AS build\nFROM alpine:3.19 AS build\nCMD [\"a\"]\nCMD [\"b\"]\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\nMAINTAINER me\n";
    let found = codes(src);
    for code in ["DL3024", "DL4003", "DL4004", "DL4000"] {
        assert_eq!(
            found.iter().filter(|c| *c == code).count(),
            1,
            "{code}: {found:?}"
        );
    }
    assert!(
        !found
            .iter()
            .any(|c| c == "DuplicateStageName" || c == "MaintainerDeprecated")
    );
    // Skipped by BuildKit's name...
    let skipped = codes(&format!(
        "# check=skip=DuplicateStageName,MultipleInstructionsDisallowed\n{src}"
    ));
    assert!(
        !skipped
            .iter()
            .any(|c| ["DL3024", "DL4003", "DL4004"].contains(&c.as_str())),
        "{skipped:?}"
    );
    // ...ignored by hadolint's code in a pragma, or by either name in the configuration.
    let pragma = codes(&src.replace("MAINTAINER me", "# hadolint ignore=DL4000\nMAINTAINER me"));
    assert!(!pragma.iter().any(|c| c == "DL4000"));
    let settings =
        config::parse("ignored: [MaintainerDeprecated]\noverride:\n  info: [DuplicateStageName]\n")
            .unwrap();
    let configured = lint_with(src, &settings).diagnostics;
    assert!(!configured.iter().any(|d| d.code == "DL4000"));
    let dup = configured.iter().find(|d| d.code == "DL3024").unwrap();
    assert_eq!(dup.severity.as_str(), "info");
}

#[test]
fn undefined_variables_with_suggestions() {
    let found = lint("FROM scratch\nENV APP_HOME=/app\nCOPY app $APP_HOEM/\nCOPY b $PATH/\nARG LATER\nCOPY c $LATER/\n").diagnostics;
    let undefined: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "UndefinedVar")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        undefined,
        ["Usage of undefined variable '$APP_HOEM' (did you mean $APP_HOME?)"]
    );
    // On a registry image the image may set it; only a likely typo is reported.
    let found =
        lint("FROM python:3.12\nENV APP_HOME=/app\nWORKDIR $PYTHON_HOME\nCOPY app $APP_HOEM/\n")
            .diagnostics;
    let undefined: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "UndefinedVar")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        undefined,
        ["Usage of undefined variable '$APP_HOEM' (did you mean $APP_HOME?)"]
    );
    // Stages built on a stage see its variables.
    assert!(!has(
        "FROM scratch AS base\nENV A=1\nFROM base\nWORKDIR /$A\n",
        "UndefinedVar"
    ));
    let found = lint("ARG VERSION=1\nFROM alpine:$VERSOIN\n").diagnostics;
    assert!(found.iter().any(|d| d.message == "FROM argument 'VERSOIN' is not declared (did you mean VERSION?)"));
}

#[test]
fn copy_of_ignored_files() {
    let ignore = DockerIgnore::parse("*.env\nbuild/\n").unwrap();
    let src = "FROM alpine:3.19\nCOPY prod.env /app/\nCOPY build/out /app/\nCOPY src /app/src\nCOPY --from=x prod.env /tmp/\n";
    let found = lint_in_context(src, &Default::default(), Some(&ignore)).diagnostics;
    let lines: Vec<String> = found
        .iter()
        .filter(|d| d.code == "CopyIgnoredFile")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        lines,
        [
            "Attempting to Copy file \"prod.env\" that is excluded by .dockerignore",
            "Attempting to Copy file \"build/out\" that is excluded by .dockerignore"
        ]
    );
    let with_exception = DockerIgnore::parse("*.env\n!keep.env\n").unwrap();
    let found = lint_in_context(src, &Default::default(), Some(&with_exception)).diagnostics;
    assert!(
        !found.iter().any(|d| d.code == "CopyIgnoredFile"),
        "BuildKit is silent with exceptions"
    );
    // The context root is never ignored, even by `.*` or `*`; what is below it may be.
    let dotfiles = DockerIgnore::parse(".*\n").unwrap();
    let src = "FROM alpine:3.20\nCOPY . /app/\nCOPY ./ /srv/\nCOPY / /opt/\nCOPY .env /etc/\n";
    let found: Vec<String> = lint_in_context(src, &Default::default(), Some(&dotfiles))
        .diagnostics
        .iter()
        .filter(|d| d.code == "CopyIgnoredFile")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        found,
        ["Attempting to Copy file \".env\" that is excluded by .dockerignore"]
    );
}

/// BuildKit warns once per instruction with empty continuation lines, at the
/// instruction's last line; the fix removes every blank line of it.
#[test]
fn empty_continuation_lines_are_one_finding_at_the_last_line() {
    let src = "FROM alpine:3.20\nRUN echo a \\\n\n    && echo b \\\n\n    && echo c\nRUN true\n";
    let result = lint(src);
    let found: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.code == "NoEmptyContinuation")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(result.dockerfile.position(found[0].span.start).line, 6);
    let mut fixed = src.to_string();
    layerlint::diagnostics::apply_edits(&mut fixed, &found[0].fix.as_ref().unwrap().edits);
    assert_eq!(
        fixed,
        "FROM alpine:3.20\nRUN echo a \\\n    && echo b \\\n    && echo c\nRUN true\n"
    );
}
