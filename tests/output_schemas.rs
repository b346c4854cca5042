//! The JSON contracts under schemas/: real output of `check -f json` and of every
//! `cache -f json` mode validates against them, and the schemas reject what they should.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = fs::read_to_string(root().join("schemas").join(name)).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name} compiles: {e}"))
}

fn run_json(args: &[&str], dir: &Path) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_layerlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}\n{text}\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn assert_valid(validator: &jsonschema::Validator, value: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn check_json_of_the_corpus_matches_its_schema() {
    let schema = validator("check.v1.json");
    let mut args = vec!["check", "-f", "json", "--no-fail", "--no-shellcheck"];
    let files: Vec<String> = corpus()
        .iter()
        .chain([root().join("tests/fixtures/findings.Dockerfile")].iter())
        .map(|p| p.display().to_string())
        .collect();
    args.extend(files.iter().map(String::as_str));
    let report = run_json(&args, &root());
    let findings = report.as_array().unwrap();
    // A corpus this size has findings of every level, and fixes among them.
    assert!(findings.len() > 200, "{} findings", findings.len());
    assert!(findings.iter().any(|f| f.get("fix").is_some()));
    for level in ["error", "warning", "info", "style"] {
        assert!(findings.iter().any(|f| f["level"] == level), "no {level}");
    }
    assert_valid(&schema, &report, "check -f json");
}

#[test]
fn the_check_schema_rejects_what_is_not_a_report() {
    let schema = validator("check.v1.json");
    let good = serde_json::json!([{
        "file": "Dockerfile", "line": 1, "column": 1, "endLine": 1, "endColumn": 5,
        "level": "warning", "code": "DL3006", "message": "Always tag the version of an image explicitly"
    }]);
    assert!(schema.is_valid(&good));
    let mut unknown_level = good.clone();
    unknown_level[0]["level"] = "fatal".into();
    assert!(!schema.is_valid(&unknown_level));
    let mut line_zero = good.clone();
    line_zero[0]["line"] = 0.into();
    assert!(!schema.is_valid(&line_zero));
    let mut no_code = good.clone();
    no_code[0].as_object_mut().unwrap().remove("code");
    assert!(!schema.is_valid(&no_code));

    let cache = validator("cache.v1.json");
    let verdicts = serde_json::json!({"version": 1, "steps": [{
        "stage": "0", "line": 2, "instruction": "RUN", "text": "RUN make",
        "status": "rebuild", "reason": {"kind": "files-changed", "message": "a changed", "paths": ["a"]}
    }]});
    assert!(cache.is_valid(&verdicts));
    let mut unversioned = verdicts.clone();
    unversioned.as_object_mut().unwrap().remove("version");
    assert!(!cache.is_valid(&unversioned));
    let mut next_version = verdicts.clone();
    next_version["version"] = 2.into();
    assert!(!cache.is_valid(&next_version));
    let mut no_paths = verdicts.clone();
    no_paths["steps"][0]["reason"]
        .as_object_mut()
        .unwrap()
        .remove("paths");
    assert!(!cache.is_valid(&no_paths));
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args([
            "-c",
            "maintenance.auto=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_cache_json_mode_matches_its_schema() {
    let schema = validator("cache.v1.json");
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_tree(&root().join("tests/fixtures/advisor-project"), d);
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "one"]);
    fs::write(d.join("package.json"), "{\"name\": \"two\"}\n").unwrap();
    git(d, &["commit", "-qam", "two"]);
    fs::write(d.join("src/extra.js"), "3\n").unwrap();
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "three"]);

    let modes: &[&[&str]] = &[
        &["cache", "-f", "json"],
        &["cache", "-f", "json", "--changed", "package.json"],
        &["cache", "-f", "json", "--since", "HEAD~2"],
        &["cache", "-f", "json", "--suggest"],
        &["cache", "-f", "json", "--history", "3"],
        &["cache", "-f", "json", "--history", "3", "--suggest"],
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for args in modes {
        let value = run_json(args, d);
        assert_eq!(value["version"], 1, "{args:?}");
        assert_valid(&schema, &value, &format!("{args:?}"));
        for step in value["steps"].as_array().into_iter().flatten() {
            if let Some(kind) = step["reason"]["kind"].as_str() {
                kinds.insert(kind.to_string());
            }
        }
    }
    // The modes between them show the reasons a user meets most.
    for kind in [
        "would-rebuild-on",
        "files-changed",
        "parent-rebuilt",
        "external",
    ] {
        assert!(kinds.contains(kind), "no {kind} in {kinds:?}");
    }
}

#[test]
fn cache_json_of_each_corpus_file_matches_its_schema() {
    let schema = validator("cache.v1.json");
    let context = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for file in corpus() {
        let o = Command::new(env!("CARGO_BIN_EXE_layerlint"))
            .args(["cache", "-f", "json", "--file"])
            .arg(&file)
            .arg("--context")
            .arg(context.path())
            .output()
            .unwrap();
        // Files BuildKit rejects get a one-line error and no JSON.
        if !o.status.success() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_valid(&schema, &value, &file.display().to_string());
        checked += 1;
    }
    assert!(checked > 100, "only {checked} corpus files gave verdicts");
}
