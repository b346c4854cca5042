//! hadolint's rules report once per instruction: the places of one rule in one
//! instruction are one finding with related places, its fixes joined; and a finding that
//! points at another instruction (the CMD a later one overrides) is silenced by a pragma
//! or `# check=skip=` above either.

use layerlint::diagnostics::apply_edits;
use layerlint::lint::lint;

#[test]
fn one_finding_per_rule_and_instruction_with_every_place() {
    let src = "FROM debian:12\nRUN apt-get update && apt-get install curl=7.88.1 && apt-get install git=1:2.39.2\nRUN apt-get install -y jq=1.6\n";
    let result = lint(src);
    let dl3014: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.code == "DL3014")
        .collect();
    assert_eq!(dl3014.len(), 1, "{dl3014:?}");
    let d = dl3014[0];
    assert_eq!(d.related.len(), 1);
    assert!(d.message.contains("2 in this instruction"), "{}", d.message);
    // The joined fix adds `-y` to both commands in one pass.
    let fix = d.fix.as_ref().expect("DL3014 has a fix");
    assert_eq!(fix.edits.len(), 2);
    let mut fixed = src.to_string();
    apply_edits(&mut fixed, &fix.edits);
    assert!(
        !lint(&fixed).diagnostics.iter().any(|d| d.code == "DL3014"),
        "{fixed}"
    );
}

#[test]
fn a_pragma_above_the_overridden_instruction_silences_the_finding() {
    let count = |src: &str, code: &str| {
        lint(src)
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .count()
    };
    let plain = "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n";
    assert_eq!(count(plain, "DL4003"), 1);
    for marker in [
        "# hadolint ignore=DL4003",
        "# hadolint ignore=MultipleInstructionsDisallowed",
        "# check=skip=MultipleInstructionsDisallowed",
    ] {
        // Above the earlier CMD (where BuildKit reports) and above the later (hadolint).
        let above_first = format!("FROM alpine:3.20\n{marker}\nCMD [\"a\"]\nCMD [\"b\"]\n");
        let above_second = format!("FROM alpine:3.20\nCMD [\"a\"]\n{marker}\nCMD [\"b\"]\n");
        assert_eq!(count(&above_first, "DL4003"), 0, "{marker} above the first");
        assert_eq!(
            count(&above_second, "DL4003"),
            0,
            "{marker} above the second"
        );
    }
    // A third CMD overrides the second: a pragma above the first leaves it.
    let three =
        "FROM alpine:3.20\n# hadolint ignore=DL4003\nCMD [\"a\"]\nCMD [\"b\"]\nCMD [\"c\"]\n";
    assert_eq!(count(three, "DL4003"), 1);
}

/// The findings of `layerlint check -f json --no-cache` on a Dockerfile: (code, line).
fn checked(source: &str) -> Vec<(String, u64)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Dockerfile"), source).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args([
            "check",
            "-f",
            "json",
            "--no-cache",
            "--no-fail",
            "Dockerfile",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    found
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn shellcheck_installed() -> bool {
    std::process::Command::new("shellcheck")
        .arg("--version")
        .output()
        .is_ok()
}

#[test]
fn shellcheck_findings_are_one_per_code_and_instruction() {
    if !shellcheck_installed() {
        eprintln!("shellcheck is not installed: skipped");
        return;
    }
    let found = checked("FROM debian:12\nRUN echo $(ls) $(pwd) && echo $(date)\n");
    let sc2046 = found.iter().filter(|(c, _)| c == "SC2046").count();
    assert_eq!(
        sc2046, 1,
        "three unquoted substitutions, one finding: {found:?}"
    );
}

#[test]
fn onbuild_scripts_are_checked_as_the_child_image_runs_them() {
    if !shellcheck_installed() {
        eprintln!("shellcheck is not installed: skipped");
        return;
    }
    // The child image has neither this file's SHELL nor its ARGs and ENVs (hadolint's
    // ShellCheck specs, ONBUILD variants).
    let found = checked(
        "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nARG FOO=1\nRUN [[ -n \"$FOO\" ]] && echo $FOO\nONBUILD RUN [[ -n \"$FOO\" ]] && echo $FOO\n",
    );
    assert!(
        !found.iter().any(|(c, l)| *l == 4 && c.starts_with("SC")),
        "{found:?}"
    );
    assert!(
        found.contains(&("SC3010".to_string(), 5)),
        "[[ ]] in sh: {found:?}"
    );
    assert!(
        found.contains(&("SC2086".to_string(), 5)),
        "$FOO unknown: {found:?}"
    );
}
