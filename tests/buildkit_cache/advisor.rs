//! The advisor against real BuildKits. Each project is a git repository with a scripted
//! history; every commit is built in order on the same engine (a warm cache, as a CI
//! runner keeps it), once as written and once as `cache --suggest` rewrites it. Then:
//! - the engine's per-step rebuild counts equal `cache --history` (and its `suggested`);
//! - the suggested Dockerfile builds to the same final filesystem (path, type, mode,
//!   content);
//! - it rebuilds fewer install steps over the same history;
//! - with the cleanup merged, the image is smaller.
//!
//! The base image is the test's busybox with small shell stand-ins for npm, pip, go and
//! apt-get that read only their manifests and write deterministic files. Its content
//! holds a nonce, so no earlier run's cache can answer.

use super::*;
use layerlint::cache::suggest::suggest;
use layerlint::context::BuildContext;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

const NPM: &str = r#"#!/bin/sh
case "$1" in
  ci|install) cat package.json package-lock.json >/dev/null || exit 1
    mkdir -p node_modules && cat package-lock.json > node_modules/.installed ;;
  run) [ "$2" = build ] && mkdir -p dist && cat src/*.js > dist/app.js ;;
esac
"#;
const PIP: &str = r#"#!/bin/sh
[ "$1" = install ] && [ "$2" = -r ] || exit 1
cat "$3" >/dev/null || exit 1
mkdir -p /usr/lib/site && cat "$3" > /usr/lib/site/installed
"#;
const GO: &str = r#"#!/bin/sh
fetch() { mkdir -p /root/go/pkg/mod && cat go.mod go.sum > /root/go/pkg/mod/cache.txt; }
case "$1" in
  mod) fetch ;;
  build) fetch && mkdir -p /app && cat go.mod *.go > /app/server ;;
esac
"#;
const APT: &str = r#"#!/bin/sh
case "$1" in
  update) mkdir -p /var/lib/apt/lists && head -c 300000 /dev/zero > /var/lib/apt/lists/index ;;
  install) [ -f /var/lib/apt/lists/index ] || exit 100
    shift; mkdir -p /usr/share/pkgs
    for p in "$@"; do case "$p" in -*) ;; *) echo "$p" > "/usr/share/pkgs/$p" ;; esac; done ;;
esac
"#;

/// The advisor's base image for this run: the busybox base, the stand-ins, and a nonce
/// (one image per variant, so the original's builds cannot answer for the suggestion's).
fn advisor_base(engine: &Engine, variant: &str) -> String {
    let tag = format!("layerlint-advisor-{variant}:{}", nonce());
    let stamp = format!("{}-{variant}", nonce());
    import_busybox(
        engine,
        &tag,
        &[
            ("usr/bin/npm", NPM, 0o755),
            ("usr/bin/pip", PIP, 0o755),
            ("usr/bin/go", GO, 0o755),
            ("usr/bin/apt-get", APT, 0o755),
            ("etc/nonce", &stamp, 0o644),
        ],
    );
    tag
}

/// A project: its first tree, its Dockerfile (`{BASE}` stands for the base image), and
/// the commits after it, each a list of (path, new content).
struct Project {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    dockerfile: &'static str,
    commits: Vec<Vec<(&'static str, &'static str)>>,
    /// Steps whose text starts with one of these are the installs to count.
    installs: &'static [&'static str],
    /// The same for the suggested Dockerfile, where it differs (a build's downloads move
    /// to a prefetch step).
    suggested_installs: Option<&'static [&'static str]>,
    /// The suggestion merges a cleanup, so the image must shrink.
    smaller: bool,
}

/// The ignore file every project has: the Dockerfile and the variant the test writes
/// stay out of the context, so the suggestion never needs LL2007's move.
const IGNORE: &str = "Dockerfile\nDockerfile.suggested\n.dockerignore\n.git\nnode_modules\n";

fn projects() -> Vec<Project> {
    let edits =
        |path: &'static str, versions: &[&'static str]| -> Vec<Vec<(&'static str, &'static str)>> {
            versions.iter().map(|v| vec![(path, *v)]).collect()
        };
    let mut node_commits = edits("src/app.js", &["a 1\n", "a 2\n", "a 3\n"]);
    node_commits.push(vec![("package.json", "{\"name\": \"app\", \"v\": 2}\n")]);
    node_commits.extend(edits("src/app.js", &["a 4\n", "a 5\n"]));
    node_commits.push(vec![("README.md", "docs\n")]);
    let mut py_commits = edits("app.py", &["print(1)\n", "print(2)\n"]);
    py_commits.push(vec![("requirements.txt", "flask==3.0\nrequests==2.32\n")]);
    py_commits.extend(edits("app.py", &["print(3)\n", "print(4)\n"]));
    let mut go_commits = edits("main.go", &["package main // 1\n", "package main // 2\n"]);
    go_commits.push(vec![("go.sum", "example.com/x v1.1.0 h1:abc\n")]);
    go_commits.extend(edits("main.go", &["package main // 3\n"]));
    vec![
        Project {
            name: "node",
            files: &[
                ("package.json", "{\"name\": \"app\"}\n"),
                ("package-lock.json", "{\"lockfileVersion\": 3}\n"),
                ("src/app.js", "a 0\n"),
            ],
            dockerfile: "FROM {BASE}\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n",
            commits: node_commits.clone(),
            installs: &["RUN npm ci"],
            suggested_installs: None,
            smaller: false,
        },
        Project {
            name: "python",
            files: &[
                ("requirements.txt", "flask==3.0\n"),
                ("app.py", "print(0)\n"),
            ],
            dockerfile: "FROM {BASE}\nWORKDIR /srv\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
            commits: py_commits,
            installs: &["RUN pip install"],
            suggested_installs: None,
            smaller: false,
        },
        Project {
            name: "go",
            files: &[
                ("go.mod", "module example.com/app\n"),
                ("go.sum", "example.com/x v1.0.0 h1:abc\n"),
                ("main.go", "package main // 0\n"),
            ],
            dockerfile: "FROM {BASE}\nWORKDIR /src\nCOPY . .\nRUN go build -o /app/server ./...\n",
            commits: go_commits,
            installs: &["RUN go build"],
            suggested_installs: Some(&["RUN go mod download"]),
            smaller: false,
        },
        Project {
            name: "apt",
            files: &[("app.sh", "echo 0\n")],
            dockerfile: "FROM {BASE}\nRUN apt-get update\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\nCOPY app.sh /app.sh\n",
            commits: edits("app.sh", &["echo 1\n", "echo 2\n", "echo 3\n"]),
            installs: &["RUN apt-get"],
            suggested_installs: None,
            smaller: true,
        },
        Project {
            name: "early-arg",
            files: &[("app.sh", "echo 0\n")],
            dockerfile: "FROM {BASE}\nARG RELEASE=1\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCOPY app.sh /app.sh\nRUN echo \"$RELEASE\" > /release\n",
            commits: vec![
                vec![(
                    "Dockerfile",
                    "FROM {BASE}\nARG RELEASE=2\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCOPY app.sh /app.sh\nRUN echo \"$RELEASE\" > /release\n",
                )],
                vec![("app.sh", "echo 1\n")],
                vec![(
                    "Dockerfile",
                    "FROM {BASE}\nARG RELEASE=3\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCOPY app.sh /app.sh\nRUN echo \"$RELEASE\" > /release\n",
                )],
                vec![(
                    "Dockerfile",
                    "FROM {BASE}\nARG RELEASE=4\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCOPY app.sh /app.sh\nRUN echo \"$RELEASE\" > /release\n",
                )],
            ],
            installs: &["RUN apt-get"],
            suggested_installs: None,
            smaller: false,
        },
        Project {
            name: "multi-stage",
            files: &[
                ("package.json", "{\"name\": \"app\"}\n"),
                ("package-lock.json", "{\"lockfileVersion\": 3}\n"),
                ("src/app.js", "a 0\n"),
            ],
            dockerfile: "FROM {BASE} AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n\nFROM {BASE}\nCOPY --from=build /app/dist /srv\n",
            commits: node_commits.clone(),
            installs: &["RUN npm ci"],
            suggested_installs: None,
            smaller: false,
        },
        Project {
            name: "well-ordered",
            files: &[
                ("package.json", "{\"name\": \"app\"}\n"),
                ("package-lock.json", "{\"lockfileVersion\": 3}\n"),
                ("src/app.js", "a 0\n"),
            ],
            dockerfile: "FROM {BASE}\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n",
            commits: node_commits,
            installs: &["RUN npm ci"],
            suggested_installs: None,
            smaller: false,
        },
    ]
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Build the context with this Dockerfile text; per step of its plan (folded text in
/// its stage), whether the engine rebuilt it.
fn build_and_observe(
    engine: &Engine,
    dir: &Path,
    text: &str,
    tag: &str,
) -> Result<Vec<(String, String, bool)>, String> {
    let file = dir.join("Dockerfile.suggested");
    fs::write(&file, text).unwrap();
    // The commit before's image goes: only the last build of a variant is kept (for its
    // filesystem), and the harness leaves nothing behind.
    engine.docker(dir, &["image", "rm", "-f", tag]);
    let out = engine.docker(
        dir,
        &[
            "build",
            "--network=none",
            "--progress=plain",
            "-f",
            "Dockerfile.suggested",
            "-t",
            tag,
            ".",
        ],
    );
    let log =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("build failed:\n{text}\n{log}"));
    }
    let observed = parse_progress(&log);
    let dockerfile = layerlint::syntax::parse(text);
    let model = Model::build(&dockerfile);
    let plan = cache::plan(&model, &ContextState::default(), &BuildOptions::default()).unwrap();
    Ok(plan
        .steps
        .iter()
        .filter(|s| s.keyword != layerlint::syntax::Keyword::From)
        .map(|s| {
            let cached = observed
                .get(&(s.stage_label.clone(), s.ordinal))
                .copied()
                .unwrap_or(false);
            (s.stage_label.clone(), fold(&s.text), !cached)
        })
        .collect())
}

/// The final filesystem of an image: path -> (type and mode, content digest).
fn filesystem(engine: &Engine, dir: &Path, tag: &str) -> BTreeMap<String, String> {
    let name = format!("fs-{}", tag.replace([':', '/'], "-"));
    let _ = engine.docker(dir, &["rm", "-f", &name]);
    let out = engine.docker(dir, &["create", "--name", &name, tag, "sh"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tar = dir.join(format!("{name}.tar"));
    let out = engine.docker(dir, &["export", "-o", tar.to_str().unwrap(), &name]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = engine.docker(dir, &["rm", "-f", &name]);
    let root = tempfile::tempdir().unwrap();
    let status = Command::new("tar")
        .args([
            "-C",
            root.path().to_str().unwrap(),
            "-xpf",
            tar.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    fs::remove_file(&tar).unwrap();
    let mut entries = BTreeMap::new();
    let mut stack = vec![root.path().to_path_buf()];
    while let Some(p) = stack.pop() {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::symlink_metadata(&p).unwrap();
        let rel = p
            .strip_prefix(root.path())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // Docker's own files, written on create.
        if matches!(
            rel.as_str(),
            ".dockerenv" | "etc/hosts" | "etc/hostname" | "etc/resolv.conf" | "etc/nonce"
        ) {
            continue;
        }
        let mode = meta.permissions().mode() & 0o7777;
        let value = if meta.is_dir() {
            stack.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            format!("dir {mode:o}")
        } else if meta.file_type().is_symlink() {
            format!("symlink {}", fs::read_link(&p).unwrap().display())
        } else {
            let digest = Sha256::digest(fs::read(&p).unwrap());
            format!("file {mode:o} {}", layerlint::context::files::hex(&digest))
        };
        entries.insert(rel, value);
    }
    entries
}

fn image_size(engine: &Engine, dir: &Path, tag: &str) -> u64 {
    let out = engine.docker(dir, &["image", "inspect", "-f", "{{.Size}}", tag]);
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

/// Count, per HEAD step (stage, folded text), the commits whose build rebuilt it.
fn tally(counts: &mut BTreeMap<(String, String), usize>, observed: &[(String, String, bool)]) {
    for (stage, text, rebuilt) in observed {
        if *rebuilt && let Some(c) = counts.get_mut(&(stage.clone(), text.clone())) {
            *c += 1;
        }
    }
}

/// The step counts `cache --history` gives, by (stage label, folded text): rebuilds, and
/// how many of them only follow a rebuilt stage's COPY --from (those may go either way).
fn history_counts(
    repo: &Path,
    n: usize,
    suggested: bool,
) -> BTreeMap<(String, String), (usize, usize)> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_layerlint"));
    cmd.current_dir(repo)
        .args(["cache", "-f", "json", "--history", &n.to_string()]);
    if suggested {
        cmd.arg("--suggest");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = if suggested {
        &v["suggested"]["steps"]
    } else {
        &v["steps"]
    };
    let single = |v: &serde_json::Value| v.as_array().unwrap().iter().all(|s| s["stage"] == "0");
    let multi = !single(steps);
    steps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            // BuildKit's label: the stage's name, `stage-N`, or nothing for one stage.
            let stage = s["stage"].as_str().unwrap();
            let label = if !multi {
                String::new()
            } else if stage.parse::<usize>().is_ok() {
                format!("stage-{stage}")
            } else {
                stage.to_string()
            };
            (
                (label, fold(s["text"].as_str().unwrap())),
                (
                    s["rebuilds"].as_u64().unwrap() as usize,
                    s["conditional"].as_u64().unwrap() as usize,
                ),
            )
        })
        .collect()
}

struct Outcome {
    installs_before: usize,
    installs_after: usize,
    sizes: (u64, u64),
}

fn run_project(engine: &Engine, bases: &(String, String), p: &Project) -> Result<Outcome, String> {
    let base = bases.0.as_str();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let write = |path: &str, content: &str| {
        let full = dir.join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(&full, content.replace("{BASE}", base)).unwrap();
    };
    for (path, content) in p.files {
        write(path, content);
    }
    write("Dockerfile", p.dockerfile);
    write(".dockerignore", IGNORE);
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "start"]);
    for (n, commit) in p.commits.iter().enumerate() {
        for (path, content) in commit {
            write(path, content);
        }
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-q", "-m", &format!("change {n}")]);
    }
    let shas: Vec<String> = {
        let out = Command::new("git")
            .args(["rev-list", "--reverse", "HEAD"])
            .current_dir(dir)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect()
    };
    let head = fs::read_to_string(dir.join("Dockerfile")).unwrap();
    let ignore = DockerIgnore::parse(IGNORE).unwrap();
    let suggested_of = |text: &str| {
        let build = BuildContext::new(dir, Some(&ignore), Some(&dir.join("Dockerfile")));
        suggest(text, Some(&build), Some(IGNORE), true).dockerfile
    };
    let n = p.commits.len();
    let key_of = |text: &str| -> BTreeMap<(String, String), usize> {
        let df = layerlint::syntax::parse(text);
        let model = Model::build(&df);
        let plan = cache::plan(&model, &ContextState::default(), &BuildOptions::default()).unwrap();
        plan.steps
            .iter()
            .filter(|s| s.keyword != layerlint::syntax::Keyword::From)
            .map(|s| ((s.stage_label.clone(), fold(&s.text)), 0))
            .collect()
    };
    let mut outcomes = Vec::new();
    for variant in [false, true] {
        let mut counts = key_of(&if variant {
            suggested_of(&head)
        } else {
            head.clone()
        });
        for (k, sha) in shas.iter().enumerate() {
            git(dir, &["checkout", "-q", sha]);
            let text = fs::read_to_string(dir.join("Dockerfile")).unwrap();
            let text = if variant {
                suggested_of(&text).replace(base, &bases.1)
            } else {
                text
            };
            let tag = format!(
                "layerlint-advisor-{}-{}",
                p.name,
                if variant { "suggested" } else { "original" }
            );
            let observed = build_and_observe(engine, dir, &text, &tag).map_err(|e| {
                format!(
                    "{} ({}): {e}",
                    p.name,
                    if variant { "suggested" } else { "original" }
                )
            })?;
            // The first build warms the cache; the commits after it are the replay.
            if k > 0 {
                tally(&mut counts, &observed);
            }
        }
        git(dir, &["checkout", "-q", shas.last().unwrap()]);
        let expected = history_counts(dir, n, variant);
        let agrees = counts.len() == expected.len()
            && counts.iter().all(|(k, c)| {
                expected.get(k).is_some_and(|(rebuilds, conditional)| {
                    *c <= *rebuilds && *c + conditional >= *rebuilds
                })
            });
        if !agrees {
            return Err(format!(
                "{} ({}): BuildKit rebuilt {counts:?}, `cache --history {n}` says {expected:?}",
                p.name,
                if variant { "suggested" } else { "original" }
            ));
        }
        let patterns = match (variant, p.suggested_installs) {
            (true, Some(s)) => s,
            _ => p.installs,
        };
        let installs: usize = counts
            .iter()
            .filter(|((_, t), _)| patterns.iter().any(|i| t.starts_with(i)))
            .map(|(_, c)| c)
            .sum();
        outcomes.push((counts, installs));
    }
    let original = format!("layerlint-advisor-{}-original", p.name);
    let suggested = format!("layerlint-advisor-{}-suggested", p.name);
    let (a, b) = (
        filesystem(engine, dir, &original),
        filesystem(engine, dir, &suggested),
    );
    if a != b {
        let differ: Vec<String> = a
            .iter()
            .filter(|(k, v)| b.get(*k) != Some(v))
            .map(|(k, _)| k.clone())
            .chain(b.keys().filter(|k| !a.contains_key(*k)).cloned())
            .collect();
        return Err(format!(
            "{}: the suggested image differs at {differ:?}",
            p.name
        ));
    }
    let sizes = (
        image_size(engine, dir, &original),
        image_size(engine, dir, &suggested),
    );
    engine.docker(
        dir,
        &[
            "image", "rm", "-f", &original, &suggested, &bases.0, &bases.1,
        ],
    );
    Ok(Outcome {
        installs_before: outcomes[0].1,
        installs_after: outcomes[1].1,
        sizes,
    })
}

#[test]
fn advice_holds_on_real_buildkits() {
    let engines = engines();
    if engines.is_empty() {
        eprintln!("no Docker engine: the advisor's BuildKit projects were skipped");
        return;
    }
    let all = projects();
    let results: Vec<(String, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = engines
            .iter()
            .map(|engine| {
                let all = &all;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for p in all {
                        // Projects share files and steps: each its own base images, so
                        // no project's builds answer for another's.
                        let bases = (
                            advisor_base(engine, &format!("{}-a", p.name)),
                            advisor_base(engine, &format!("{}-b", p.name)),
                        );
                        match run_project(engine, &bases, p) {
                            Ok(o) => {
                                eprintln!(
                                    "docker.io {} {}: install rebuilds over {} commits {} -> {} suggested; image {} -> {} bytes",
                                    engine.name,
                                    p.name,
                                    p.commits.len(),
                                    o.installs_before,
                                    o.installs_after,
                                    o.sizes.0,
                                    o.sizes.1
                                );
                                if p.name == "well-ordered" {
                                    if o.installs_after != o.installs_before {
                                        failures.push(format!("{}: a well-ordered file changed its counts", p.name));
                                    }
                                } else if p.smaller {
                                    if o.sizes.1 >= o.sizes.0 {
                                        failures.push(format!("{}: the image did not shrink ({} -> {})", p.name, o.sizes.0, o.sizes.1));
                                    }
                                } else if o.installs_after >= o.installs_before {
                                    failures.push(format!(
                                        "{}: the suggestion rebuilt the install {} times, the original {}",
                                        p.name, o.installs_after, o.installs_before
                                    ));
                                }
                            }
                            Err(e) => failures.push(e),
                        }
                    }
                    (engine.name.to_string(), failures)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let failures: Vec<String> = results
        .into_iter()
        .flat_map(|(name, f)| f.into_iter().map(move |x| format!("{name}: {x}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
