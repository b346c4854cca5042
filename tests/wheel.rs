//! `pip install` of layerlint: maturin packages the binary into a wheel (pyproject.toml,
//! `bindings = "bin"`), which installs into a fresh virtual environment and gives a
//! working `layerlint` command.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(command: &mut Command) -> String {
    let o = command.output().unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{command:?}: {out}");
    out
}

#[test]
fn the_wheel_installs_a_working_layerlint_command() {
    if Command::new("maturin").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "maturin is not installed (pip install maturin)"
        );
        eprintln!("skipped: maturin is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    run(Command::new("maturin")
        .args(["build", "--quiet", "--out"])
        .arg(&dist)
        .current_dir(root())
        // maturin builds with the dev profile, as `cargo test` built the binary the other
        // tests run: in the same folder, it reuses that build instead of compiling
        // everything again.
        .env("CARGO_TARGET_DIR", root().join("target")));
    let wheel = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("maturin wrote a wheel");
    let name = wheel.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(&format!("layerlint-{}-", env!("CARGO_PKG_VERSION"))),
        "{name}"
    );

    let venv = tmp.path().join("venv");
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    let bin = venv.join("bin");
    run(Command::new(bin.join("pip"))
        .args([
            "install",
            "--quiet",
            "--no-index",
            "--disable-pip-version-check",
        ])
        .arg(&wheel));
    let layerlint = bin.join("layerlint");
    assert!(
        layerlint.exists(),
        "the wheel puts layerlint in the venv's bin"
    );
    let version = run(Command::new(&layerlint).arg("--version"));
    assert!(version.contains(env!("CARGO_PKG_VERSION")), "{version}");

    // The installed command lints as the built one does, rule pages included.
    let dockerfile = tmp.path().join("Dockerfile");
    std::fs::write(&dockerfile, "FROM ubuntu\n").unwrap();
    let o = Command::new(&layerlint)
        .args(["check", "--no-shellcheck"])
        .arg(&dockerfile)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("DL3006"));
    let page = run(Command::new(&layerlint).args(["explain", "DL3006"]));
    assert!(page.contains("# DL3006"), "{page}");
}
