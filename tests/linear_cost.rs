//! The cost of linting grows with the input, not with its square. The work is counted,
//! not timed: Valgrind's callgrind counts the machine instructions `check` executes on a
//! file of realistic Dockerfiles and on one with eight times as many instructions, and
//! the second count must stay within ten times the first. A pass that walks earlier
//! instructions for every instruction (or every finding) breaks that at these sizes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus (every kind of instruction, pragma, stage reference and finding), repeated
/// until it has `instructions` instructions.
fn realistic(instructions: usize) -> String {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("Dockerfile"))
        .collect();
    files.sort();
    let corpus: Vec<String> = files
        .iter()
        .map(|f| fs::read_to_string(f).unwrap_or_default())
        // Parser directives only count on a file's first lines.
        .map(|t| {
            t.lines()
                .filter(|l| !l.starts_with("# syntax") && !l.starts_with("# escape"))
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        })
        .collect();
    let sized: Vec<(usize, &String)> = corpus
        .iter()
        .map(|t| (layerlint::syntax::parse(t).instructions.len(), t))
        .collect();
    let mut out = String::new();
    let mut count = 0;
    'fill: loop {
        for (n, text) in &sized {
            out.push_str(text);
            count += n;
            if count >= instructions {
                break 'fill;
            }
        }
    }
    assert!(count >= instructions);
    out
}

/// The same instructions in one long stage: one FROM, and the corpus without its FROMs
/// repeated after it, so that every rule that looks back (or ahead) over a stage sees
/// all of them.
fn one_long_stage(instructions: usize) -> String {
    let body: String = realistic(instructions)
        .lines()
        .filter(|l| !l.trim_start().to_ascii_uppercase().starts_with("FROM "))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("FROM debian:12\n{body}")
}

/// The instructions callgrind counted for one `layerlint check` of `file`.
fn work(file: &Path) -> u64 {
    let out = file.with_extension("callgrind");
    let o = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(env!("CARGO_BIN_EXE_layerlint"))
        .args(["check", "--no-shellcheck", "--no-fail", "-f", "json", "-o"])
        .arg(file.with_extension("json"))
        .arg(file)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&o.stderr);
    log.lines()
        .find_map(|l| l.split("Collected : ").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count from callgrind: {log}"))
}

fn has_valgrind() -> bool {
    if Command::new("valgrind").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "valgrind is not installed"
        );
        eprintln!("skipped: valgrind is not installed");
        return false;
    }
    true
}

#[test]
fn eight_times_the_instructions_cost_at_most_ten_times_the_work() {
    if has_valgrind() {
        assert_linear(realistic);
    }
}

/// One stage of thousands of instructions (a generated Dockerfile, or a long one linted
/// in an editor): a rule that walks the stage for every instruction of it shows here, as
/// the WORKDIR lookup and the cleanup and COPY advice once did (cubic: 4,000
/// instructions took 106 s).
#[test]
fn a_long_stage_costs_what_its_instructions_cost() {
    if has_valgrind() {
        assert_linear(one_long_stage);
    }
}

/// Lint a file of 1,000 and one of 8,000 instructions made by `make`, and compare the
/// work.
fn assert_linear(make: fn(usize) -> String) {
    let tmp = tempfile::tempdir().unwrap();
    // Large enough that the program's fixed start-up cost is small beside the lint.
    let small = tmp.path().join("small.Dockerfile");
    let large = tmp.path().join("large.Dockerfile");
    fs::write(&small, make(1_000)).unwrap();
    fs::write(&large, make(8_000)).unwrap();
    let (a, b) = (work(&small), work(&large));
    let ratio = b as f64 / a as f64;
    eprintln!("work: {a} and {b} instructions executed, ratio {ratio:.2}");
    assert!(
        ratio <= 10.0,
        "8x the instructions took {ratio:.2}x the work"
    );
    // And the count means something: the larger file is real work, not start-up.
    assert!(
        ratio >= 4.0,
        "ratio {ratio:.2}: the fixed cost dominates; make the files larger"
    );
}
