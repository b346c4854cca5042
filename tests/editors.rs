//! Real editors on `layerlint lsp`: Neovim's built-in LSP client, headless, opens a
//! Dockerfile, gets the diagnostics and applies a code action (tests/editors/neovim.lua);
//! the VS Code extension in editors/vscode installs and type-checks.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn available(program: &str, install: &str) -> bool {
    let found = Command::new(program).arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is not installed ({install})"
        );
        eprintln!("skipped: {program} is not installed");
    }
    found
}

#[test]
fn neovim_shows_the_diagnostics_and_applies_a_fix() {
    if !available("nvim", "apt-get install neovim") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dockerfile = tmp.path().join("Dockerfile");
    std::fs::write(
        &dockerfile,
        "FROM ubuntu\nMAINTAINER Jane <jane@example.com>\nCMD [\"sh\"]\n",
    )
    .unwrap();
    let result = tmp.path().join("result.json");
    let o = Command::new("timeout")
        .args(["120", "nvim", "--headless", "--clean", "-c"])
        .arg(format!(
            "luafile {}",
            root().join("tests/editors/neovim.lua").display()
        ))
        .env("LAYERLINT_BIN", env!("CARGO_BIN_EXE_layerlint"))
        .env("DOCKERFILE", &dockerfile)
        .env("RESULT", &result)
        // Neovim's own files (its LSP log) stay in the scratch folder.
        .env("XDG_CACHE_HOME", tmp.path())
        .env("XDG_STATE_HOME", tmp.path())
        .env("XDG_CONFIG_HOME", tmp.path())
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&result).unwrap_or_else(|_| {
        panic!(
            "no result from Neovim: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["attached"], true, "{v}");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["DL3006", "DL4000"], "{v}");
    assert_eq!(v["diagnostics"][0]["line"], 0);
    assert_eq!(v["diagnostics"][0]["col"], 5);
    let lines: Vec<&str> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "FROM ubuntu",
            "LABEL org.opencontainers.image.authors=\"Jane <jane@example.com>\"",
            "CMD [\"sh\"]"
        ],
        "{v}"
    );
    assert_eq!(
        v["cleared"], true,
        "the server linted the edited buffer: {v}"
    );
    // The server exited cleanly when Neovim quit (its log names any error).
    let log = std::fs::read_to_string(tmp.path().join("nvim/lsp.log")).unwrap_or_default();
    assert!(!log.contains("layerlint: lsp:"), "{log}");
}

#[test]
fn the_vscode_extension_installs_and_compiles() {
    if !available("npm", "Node.js and npm") {
        return;
    }
    let dir = root().join("editors/vscode");
    // A copy, so that node_modules and out/ never land in the working tree.
    let tmp = tempfile::tempdir().unwrap();
    for file in [
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "src/extension.ts",
    ] {
        let to = tmp.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(dir.join(file), &to).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let run = |args: &[&str]| {
        let o = Command::new("npm")
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "npm {args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run(&["ci", "--no-audit", "--no-fund"]);
    run(&["run", "compile"]);
    let built = std::fs::read_to_string(tmp.path().join("out/extension.js")).unwrap();
    // The extension starts the server as `layerlint lsp`.
    assert!(built.contains("\"lsp\""), "{built}");
}

/// A fenced block of README.md in `language` that contains `needle`.
fn readme_block(language: &str, needle: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    readme
        .split(&format!("```{language}\n"))
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains(needle))
        .unwrap_or_else(|| panic!("README.md has no {language} block with {needle}"))
        .to_string()
}

#[test]
fn the_readme_editor_snippets_parse_and_start_the_server() {
    // Helix: TOML (Python's tomllib reads it).
    let helix = readme_block("toml", "[language-server.layerlint]");
    let o = Command::new("python3")
        .args([
            "-c",
            "import sys, tomllib, json; print(json.dumps(tomllib.loads(sys.stdin.read())))",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(helix.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(o.status.success(), "the Helix snippet is not TOML");
    let helix: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let server = &helix["language-server"]["layerlint"];
    assert_eq!(server["command"], "layerlint");
    assert_eq!(server["args"], serde_json::json!(["lsp"]));
    assert_eq!(helix["language"][0]["language-servers"][0], "layerlint");

    // Zed: JSON.
    let zed: serde_json::Value =
        serde_json::from_str(&readme_block("json", "\"lsp\"")).expect("the Zed snippet is JSON");
    assert_eq!(zed["lsp"]["layerlint"]["binary"]["path"], "layerlint");
    assert_eq!(
        zed["lsp"]["layerlint"]["binary"]["arguments"],
        serde_json::json!(["lsp"])
    );

    // Neovim: Lua that Neovim's Lua compiles (0.7 here lacks vim.lsp.start, so it is not run).
    let neovim = readme_block("lua", "vim.lsp.start");
    assert!(neovim.contains("cmd = { \"layerlint\", \"lsp\" }"));
    if available("nvim", "apt-get install neovim") {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("init.lua");
        std::fs::write(&file, &neovim).unwrap();
        let check = format!(
            "lua local f, e = loadfile('{}'); if not f then io.stderr:write(e); vim.cmd('cquit 3') end",
            file.display()
        );
        let o = Command::new("nvim")
            .args(["--headless", "--clean", "-c", &check, "-c", "qa!"])
            .env("XDG_STATE_HOME", tmp.path())
            .env("XDG_CACHE_HOME", tmp.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}
