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

/// BuildKit names the instruction (`FROM`, `ARG`) and keeps a stage's name lowercased,
/// so a description may start with the name in any case the FROM line writes it.
#[test]
fn definition_descriptions_as_buildkit_reads_them() {
    let messages = |src: &str| -> Vec<String> {
        lint(&format!(
            "# check=experimental=InvalidDefinitionDescription\n{src}"
        ))
        .diagnostics
        .iter()
        .filter(|d| d.code == "InvalidDefinitionDescription")
        .map(|d| d.message.clone())
        .collect()
    };
    assert_eq!(
        messages("# BasE this is the base\nFROM scratch AS base\n"),
        ["Comment for FROM should follow the format: `# base <description>`"]
    );
    assert_eq!(
        messages("# Build the app\nFROM scratch AS Build\n"),
        ["Comment for FROM should follow the format: `# build <description>`"]
    );
    assert!(messages("# build the app\nFROM scratch AS Build\n").is_empty());
    assert_eq!(
        messages("FROM scratch\n# the version\nARG VERSION=1\n"),
        ["Comment for ARG should follow the format: `# VERSION <description>`"]
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
    let messages = |ignore: &str, src: &str| -> Vec<String> {
        let ignore = DockerIgnore::parse(ignore).unwrap();
        lint_in_context(src, &Default::default(), Some(&ignore))
            .diagnostics
            .iter()
            .filter(|d| d.code == "CopyIgnoredFile")
            .map(|d| d.message.clone())
            .collect()
    };
    let src = "FROM alpine:3.19\nCOPY prod.env /app/\nCOPY build/out /app/\nCOPY src /app/src\nCOPY --from=x prod.env /tmp/\n";
    assert_eq!(
        messages("*.env\nbuild/\n", src),
        [
            "Attempting to Copy file \"prod.env\" that is excluded by .dockerignore",
            "Attempting to Copy file \"build/out\" that is excluded by .dockerignore"
        ]
    );
    assert!(
        messages(
            "*.env\nbuild/\n",
            &format!("# check=skip=CopyIgnoredFile\n{src}")
        )
        .is_empty()
    );
    // The context root: excluded only by a pattern that excludes every name, not by `.*`.
    let root = "FROM alpine:3.20\nCOPY . /app/\nCOPY ./ /srv/\nCOPY .env /etc/\n";
    assert_eq!(
        messages(".*\n", root),
        ["Attempting to Copy file \".env\" that is excluded by .dockerignore"]
    );
    assert_eq!(
        messages("*\n", "FROM alpine:3.20\nCOPY . /app/\n"),
        ["Attempting to Copy file \".\" that is excluded by .dockerignore"]
    );
    // An exception keeps a source quiet only when it can bring back the source or
    // something inside it (BuildKit's `testCopyIgnoredFileNegation`).
    let copy_a = "FROM scratch\nCOPY sub/a.txt /\n";
    for ignore in [
        "sub\n!sub/b.txt\n",
        "sub\n!other.txt\n",
        "sub\n!nope/missing.txt\n",
        "!sub/b.txt\nsub\n",
    ] {
        assert_eq!(messages(ignore, copy_a).len(), 1, "{ignore:?}");
    }
    for copy in [
        "COPY sub /sub",
        "COPY . /ctx",
        "COPY sub/a.txt /",
        "COPY sub/*.txt /",
    ] {
        let src = format!("FROM scratch\n{copy}\n");
        assert!(messages("sub\n!sub/a.txt\n", &src).is_empty(), "{copy}");
    }
    assert!(messages("su.b\n!su\\.b/keep.txt\n", "FROM scratch\nCOPY su.b /sub\n").is_empty());
    assert!(
        messages(
            "**\n!Dockerfile\n",
            "FROM scratch\nCOPY ./Dockerfile .\nCOPY . .\n"
        )
        .is_empty()
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
    assert_eq!(result.dockerfile().position(found[0].span.start).line, 6);
    let mut fixed = src.to_string();
    layerlint::diagnostics::apply_edits(&mut fixed, &found[0].fix.as_ref().unwrap().edits);
    assert_eq!(
        fixed,
        "FROM alpine:3.20\nRUN echo a \\\n    && echo b \\\n    && echo c\nRUN true\n"
    );
}

fn with_args(source: &str, args: &[(&str, &str)]) -> Vec<(String, String)> {
    let settings = config::Settings {
        build_args: args
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Default::default()
    };
    lint_with(source, &settings)
        .diagnostics
        .into_iter()
        .map(|d| (d.code.to_string(), d.severity.as_str().to_string()))
        .collect()
}

#[test]
fn build_args_set_declared_args_and_the_check_options() {
    // A global ARG given on the command line resolves the base image.
    let src = "ARG BASE=alpine\nFROM $BASE\nRUN true\n";
    assert!(with_args(src, &[]).iter().any(|(c, _)| c == "DL3006"));
    assert!(
        !with_args(src, &[("BASE", "alpine:3.20")])
            .iter()
            .any(|(c, _)| c == "DL3006")
    );
    // BUILDKIT_DOCKERFILE_CHECK replaces the directive, as in BuildKit's own tests.
    let src = "#check=error=true\nFROM scratch as base\ncopy Dockerfile .\n";
    let skip_all = with_args(src, &[("BUILDKIT_DOCKERFILE_CHECK", "skip=all")]);
    assert!(
        !skip_all.iter().any(|(c, _)| c == "FromAsCasing"),
        "{skip_all:?}"
    );
    let src = "#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n";
    let found = with_args(
        src,
        &[(
            "BUILDKIT_DOCKERFILE_CHECK",
            "skip=ConsistentInstructionCasing;error=true",
        )],
    );
    assert!(
        found.contains(&("FromAsCasing".into(), "error".into())),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(c, _)| c == "ConsistentInstructionCasing")
    );
    let bad = with_args(src, &[("BUILDKIT_DOCKERFILE_CHECK", "colour=red")]);
    assert!(
        bad.iter().any(|(c, _)| c == "DL1000"),
        "an option BuildKit refuses fails: {bad:?}"
    );
}

#[test]
fn per_instruction_check_lines_end_at_the_first_space() {
    let src = "FROM alpine:3.19\n# check=skip=SecretsUsedInArgOrEnv // a public key id\nENV GPG_KEY=0123\nENV SIGNING_KEY=0456\n";
    let found = codes(src);
    assert_eq!(
        found
            .iter()
            .filter(|c| *c == "SecretsUsedInArgOrEnv")
            .count(),
        1,
        "the second ENV is still reported: {found:?}"
    );
    assert!(
        !found.iter().any(|c| c == "LL1001"),
        "no unknown-name finding: {found:?}"
    );
    // A line that does not parse is a comment above the instruction, not a failure.
    let src = "FROM alpine:3.19\n# check=skipp=all\nENV GPG_KEY=0123\n";
    let found = codes(src);
    assert!(!found.iter().any(|c| c == "DL1000"), "{found:?}");
    assert!(
        found.iter().any(|c| c == "SecretsUsedInArgOrEnv"),
        "{found:?}"
    );
}

#[test]
fn secrets_follow_buildkit_names_and_are_reported_once() {
    let src = "FROM scratch\nARG SECRET_PASSPHRASE\nENV SUPER_Secret=foo\nENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\nENV apikey=bar sunflower=foo\nENV git_key=\nENV public_token=1 TOKEN_FILE=/run/t KEY_VERSION=2\n";
    let result = lint(src);
    let mut lines: Vec<(usize, String)> = result
        .diagnostics
        .iter()
        .filter(|d| d.code == "SecretsUsedInArgOrEnv" || d.code == "DL3064")
        .map(|d| {
            (
                result.dockerfile().position(d.span.start).line,
                d.code.to_string(),
            )
        })
        .collect();
    lines.sort();
    // BuildKit's findings (lines 2-7), each name once; hadolint's list takes the names it
    // shares (one DL3064 per instruction, as hadolint reports), and on line 8 it reports
    // `public_token` and `TOKEN_FILE` (they have `token` in them), which BuildKit allows.
    let buildkit: Vec<usize> = lines
        .iter()
        .filter(|(l, _)| *l < 8)
        .map(|(l, _)| *l)
        .collect();
    assert_eq!(buildkit, [2, 3, 4, 5, 5, 6, 7]);
    assert!(
        lines.contains(&(5, "SecretsUsedInArgOrEnv".into())),
        "auth is BuildKit's only"
    );
    let line8: Vec<&str> = lines
        .iter()
        .filter(|(l, _)| *l == 8)
        .map(|(_, c)| c.as_str())
        .collect();
    assert_eq!(line8, ["DL3064"], "{lines:?}");
    // Global ARGs and ONBUILD are not BuildKit's to check.
    let src = "ARG GPG_KEY=1\nFROM scratch\nONBUILD ENV GPG_KEY=2\n";
    assert!(!has(src, "SecretsUsedInArgOrEnv"));
    // One name in `# check=skip=` silences both rules.
    let src = "# check=skip=SecretsUsedInArgOrEnv\nFROM scratch\nENV GPG_KEY=1 PASSWORD=2\n";
    assert!(!has(src, "SecretsUsedInArgOrEnv") && !has(src, "DL3064"));
}

#[test]
fn undefined_vars_set_later_or_mistyped_path_are_reported_on_registry_bases() {
    let found = |src: &str| -> Vec<String> {
        lint(src)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "UndefinedVar")
            .map(|d| d.message)
            .collect()
    };
    let src = "FROM alpine:3.19\nENV X=$PAHT\nWORKDIR /$VERSION\nARG VERSION=1\nENV APP_HOME=/app APP_LOG=$APP_HOME/log\nENV HOME_DIR=$HOME\n";
    let messages = found(src);
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].contains("'$PAHT' (did you mean $PATH?)"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("'$VERSION'"),
        "declared only later: {messages:?}"
    );
    assert!(
        messages[2].contains("'$APP_HOME'"),
        "set by the same ENV: {messages:?}"
    );
    // `$HOME` may come from the base image: not reported on a registry base.
    assert!(!messages.iter().any(|m| m.contains("$HOME'")));
}
