//! Agreement with Checkov on the corpus in tests/corpus: for every file, the CKV IDs
//! Checkov fails, against the CKV IDs of layerlint's findings (each rule's aliases).
//! Checkov reports a check once per file (its file-wide checks have no line), so files
//! and IDs are compared, not lines. Every difference, and every ID Checkov fails that no
//! rule answers to, must be listed with its reason in
//! tests/corpus/checkov-differences.yaml; a listed file difference that no longer
//! occurs fails too.
//!
//! Checkov comes from PyPI; `.ci/run` installs it in a virtual environment of its own
//! and sets CHECKOV. Without it the test says so and passes.

use layerlint::config;
use layerlint::lint::lint_with;
use layerlint::rules::RULES;
mod common;

use common::{corpus, corpus_files};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

type Findings = BTreeMap<String, BTreeSet<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Difference {
    /// A corpus file; absent means the entry explains this ID in every file.
    file: Option<String>,
    id: String,
    /// Which tool reports it: `checkov` or `layerlint`.
    only: String,
    reason: String,
}

fn checkov() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHECKOV") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("checkov"))
        .find(|p| p.is_file())
}

fn checkov_findings(checkov: &Path, files: &[String]) -> Findings {
    // A copy of the corpus holding only the Dockerfiles, and an empty home: no user
    // configuration, and nothing for Checkov to fetch.
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        std::fs::copy(corpus().join(f), dir.path().join(f)).unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    let output = Command::new(checkov)
        .args([
            "-d",
            ".",
            "--framework",
            "dockerfile",
            "-o",
            "json",
            "--quiet",
        ])
        .args(["--skip-download", "--no-fail-on-crash"])
        .current_dir(dir.path())
        .env("HOME", home.path())
        .env("BC_SKIP_MAPPING", "TRUE")
        .env("CHECKOV_RUN_SCA_PACKAGE_SCAN_V2", "false")
        .output()
        .expect("checkov runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "checkov's JSON output parses ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    // One report object, or a list of them (one per framework).
    let reports = match report {
        serde_json::Value::Array(list) => list,
        one => vec![one],
    };
    let mut findings = Findings::new();
    for report in reports {
        let failed = report["results"]["failed_checks"].as_array().cloned();
        for check in failed.unwrap_or_default() {
            let file = check["file_path"].as_str().unwrap_or("");
            let file = file.trim_start_matches('/').to_string();
            let id = check["check_id"].as_str().unwrap_or("").to_string();
            findings.entry(file).or_default().insert(id);
        }
    }
    findings
}

fn layerlint_findings(files: &[String]) -> Findings {
    // Checkov runs all its checks: turn on the rules that are off by default.
    let settings = config::parse("override:\n  info: [LL3009, LL3010]\n").unwrap();
    let mut findings = Findings::new();
    for name in files {
        let source = std::fs::read_to_string(corpus().join(name)).unwrap();
        for d in lint_with(&source, &settings).diagnostics {
            let Some(rule) = layerlint::rules::find(&d.code) else {
                continue;
            };
            // A finding that names its peer checks is those; otherwise it is every CKV
            // alias of its rule.
            let ids = if d.peers.is_empty() {
                rule.meta.aliases
            } else {
                d.peers
            };
            for alias in ids.iter().filter(|a| a.starts_with("CKV")) {
                findings
                    .entry(name.clone())
                    .or_default()
                    .insert(alias.to_string());
            }
        }
    }
    findings
}

#[test]
fn ckv_findings_agree_with_checkov_or_are_listed() {
    let files = corpus_files();
    let Some(checkov) = checkov() else {
        eprintln!(
            "checkov is not installed (pip install checkov, or set CHECKOV): agreement test skipped"
        );
        return;
    };
    let theirs = checkov_findings(&checkov, &files);
    assert!(
        theirs.values().map(BTreeSet::len).sum::<usize>() > 100,
        "checkov found too little to compare: {theirs:?}"
    );
    let ours = layerlint_findings(&files);
    let claimed: BTreeSet<&str> = RULES
        .iter()
        .flat_map(|r| r.meta.aliases.iter().chain(r.meta.peer_checks).copied())
        .filter(|a| a.starts_with("CKV"))
        .collect();
    let listed: Vec<Difference> = serde_saphyr::from_str(
        &std::fs::read_to_string(corpus().join("checkov-differences.yaml")).unwrap(),
    )
    .expect("checkov-differences.yaml parses");
    for d in &listed {
        assert!(
            d.only == "checkov" || d.only == "layerlint",
            "checkov-differences.yaml: `only` is checkov or layerlint, not {}",
            d.only
        );
        assert!(!d.reason.trim().is_empty(), "every entry has a reason");
    }
    let empty = BTreeSet::new();
    let mut unexplained = Vec::new();
    let mut used = vec![false; listed.len()];
    let mut agreed = 0;
    for file in &files {
        let t = theirs.get(file).unwrap_or(&empty);
        let m = ours.get(file).unwrap_or(&empty);
        agreed += t.intersection(m).count();
        for (only, diff) in [("checkov", t.difference(m)), ("layerlint", m.difference(t))] {
            for id in diff {
                let explains = |d: &Difference| {
                    d.only == only && d.id == *id && d.file.as_deref().is_none_or(|f| f == file)
                };
                match listed.iter().position(explains) {
                    Some(i) => used[i] = true,
                    None if !claimed.contains(id.as_str()) => unexplained.push(format!(
                        "{file}: {id} only in {only}, and no rule answers to it"
                    )),
                    None => unexplained.push(format!("{file}: {id} only in {only}")),
                }
            }
        }
    }
    let stale: Vec<String> = listed
        .iter()
        .zip(&used)
        .filter(|(d, used)| !**used && d.file.is_some())
        .map(|(d, _)| format!("{:?} {} ({})", d.file, d.id, d.only))
        .collect();
    eprintln!(
        "checkov agreement: {agreed} (file, ID) pairs agree, {} listed differences used",
        used.iter().filter(|u| **u).count()
    );
    assert!(
        unexplained.is_empty(),
        "{} differences from Checkov are not in tests/corpus/checkov-differences.yaml:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    assert!(
        stale.is_empty(),
        "checkov-differences.yaml lists differences that no longer occur:\n{}",
        stale.join("\n")
    );
}
