//! Dependency installs in RUN scripts: which package manager, which manifest files it
//! reads from the working folder, where it keeps its download cache, and whether it
//! needs the whole source tree (a build) or only its manifests (an install). The layer
//! rules and the Dockerfile suggestion (`cache --suggest`) share this table.

use crate::shell::{Command, Script};

/// A package manager as the advisor sees it.
#[derive(Debug)]
pub struct Manager {
    pub name: &'static str,
    /// Files (or `*` patterns) in the working folder the install reads; the first is the
    /// one it cannot do without.
    pub manifests: &'static [&'static str],
    /// Folders it writes into the working folder (a copy of the context over them
    /// replaces what it built).
    pub writes: &'static [&'static str],
    /// Where it keeps downloads, for `RUN --mount=type=cache,target=...` (as root).
    pub cache_targets: &'static [&'static str],
    /// The manifests-only command that fetches what a build of the sources needs.
    pub prefetch: Option<&'static str>,
}

macro_rules! manager {
    ($id:ident, $name:expr, [$($m:expr),*], [$($w:expr),*], [$($c:expr),*], $prefetch:expr) => {
        pub static $id: Manager = Manager {
            name: $name,
            manifests: &[$($m),*],
            writes: &[$($w),*],
            cache_targets: &[$($c),*],
            prefetch: $prefetch,
        };
    };
}

manager!(
    NPM,
    "npm",
    [
        "package.json",
        "package-lock.json",
        "npm-shrinkwrap.json",
        ".npmrc"
    ],
    ["node_modules"],
    ["/root/.npm"],
    Some("npm ci")
);
manager!(
    YARN,
    "yarn",
    ["package.json", "yarn.lock", ".yarnrc.yml", ".yarnrc"],
    ["node_modules"],
    ["/usr/local/share/.cache/yarn"],
    Some("yarn install --frozen-lockfile")
);
manager!(
    PNPM,
    "pnpm",
    [
        "package.json",
        "pnpm-lock.yaml",
        "pnpm-workspace.yaml",
        ".npmrc"
    ],
    ["node_modules"],
    ["/root/.local/share/pnpm/store"],
    Some("pnpm install --frozen-lockfile")
);
manager!(
    BUN,
    "bun",
    ["package.json", "bun.lock", "bun.lockb", "bunfig.toml"],
    ["node_modules"],
    ["/root/.bun/install/cache"],
    Some("bun install --frozen-lockfile")
);
manager!(
    PIP,
    "pip",
    ["requirements.txt"],
    [],
    ["/root/.cache/pip"],
    None
);
manager!(
    PIP_PROJECT,
    "pip",
    ["pyproject.toml", "setup.py", "setup.cfg"],
    [],
    ["/root/.cache/pip"],
    None
);
manager!(
    POETRY,
    "poetry",
    ["pyproject.toml", "poetry.lock", "poetry.toml"],
    [".venv"],
    ["/root/.cache/pypoetry"],
    Some("poetry install --no-root")
);
manager!(
    UV,
    "uv",
    ["pyproject.toml", "uv.lock"],
    [".venv"],
    ["/root/.cache/uv"],
    Some("uv sync --frozen --no-install-project")
);
manager!(
    PIPENV,
    "pipenv",
    ["Pipfile", "Pipfile.lock"],
    [],
    ["/root/.cache/pipenv"],
    None
);
manager!(
    CONDA,
    "conda",
    ["environment.yml"],
    [],
    ["/opt/conda/pkgs"],
    None
);
manager!(
    BUNDLER,
    "bundler",
    ["Gemfile", "Gemfile.lock"],
    [],
    ["/usr/local/bundle/cache"],
    Some("bundle install")
);
manager!(
    GO,
    "go",
    ["go.mod", "go.sum"],
    [],
    ["/go/pkg/mod", "/root/.cache/go-build"],
    Some("go mod download")
);
manager!(
    CARGO,
    "cargo",
    ["Cargo.toml", "Cargo.lock"],
    ["target"],
    ["/usr/local/cargo/registry", "/usr/local/cargo/git"],
    Some("cargo fetch")
);
manager!(
    COMPOSER,
    "composer",
    ["composer.json", "composer.lock"],
    ["vendor"],
    ["/root/.composer/cache"],
    Some("composer install --no-scripts --no-autoloader")
);
manager!(
    MAVEN,
    "maven",
    ["pom.xml"],
    ["target"],
    ["/root/.m2"],
    Some("mvn dependency:go-offline")
);
manager!(
    GRADLE,
    "gradle",
    [
        "build.gradle",
        "build.gradle.kts",
        "settings.gradle",
        "settings.gradle.kts",
        "gradle.properties",
        "gradlew",
        "gradle"
    ],
    ["build", ".gradle"],
    ["/root/.gradle"],
    Some("gradle dependencies")
);
manager!(
    DOTNET,
    "dotnet",
    [
        "*.csproj",
        "*.fsproj",
        "*.vbproj",
        "*.sln",
        "NuGet.Config",
        "nuget.config",
        "Directory.Build.props",
        "Directory.Packages.props",
        "global.json"
    ],
    ["obj", "bin"],
    ["/root/.nuget/packages"],
    Some("dotnet restore")
);
manager!(
    MIX,
    "mix",
    ["mix.exs", "mix.lock"],
    ["deps", "_build"],
    ["/root/.hex"],
    Some("mix deps.get")
);
manager!(
    SBT,
    "sbt",
    [
        "build.sbt",
        "project/build.properties",
        "project/plugins.sbt"
    ],
    ["target"],
    ["/root/.ivy2", "/root/.cache/coursier"],
    Some("sbt update")
);
manager!(
    SWIFT,
    "swift",
    ["Package.swift", "Package.resolved"],
    [".build"],
    [],
    Some("swift package resolve")
);
manager!(
    APT,
    "apt",
    [],
    [],
    ["/var/cache/apt", "/var/lib/apt/lists"],
    None
);
manager!(APK, "apk", [], [], ["/var/cache/apk"], None);
manager!(DNF, "dnf", [], [], ["/var/cache/dnf"], None);
manager!(YUM, "yum", [], [], ["/var/cache/yum"], None);
manager!(ZYPPER, "zypper", [], [], ["/var/cache/zypp"], None);

/// One dependency install (or build) in a RUN.
#[derive(Debug)]
pub struct Install<'s> {
    pub manager: &'static Manager,
    pub command: &'s Command,
    /// Reads only its manifests, so it can run before the rest of the sources arrive.
    /// A build (`go build`, `pip install .`) reads everything; its `prefetch` can run early.
    pub manifests_only: bool,
    /// Manifest files the command names itself (`pip install -r requirements/prod.txt`).
    pub named_manifests: Vec<String>,
    /// Whether it may rewrite its lock file (`npm install`, not `npm ci`).
    pub rewrites_lock: bool,
    /// A system package install (apt, apk, dnf...): no manifest in the context.
    pub system: bool,
}

fn args(cmd: &Command) -> Vec<&str> {
    cmd.args.iter().map(|a| a.value.as_str()).collect()
}

/// The first argument that is not a flag (the subcommand).
fn subcommand(cmd: &Command) -> Option<&str> {
    cmd.args
        .iter()
        .map(|a| a.value.as_str())
        .find(|a| !a.starts_with('-'))
}

/// The value of `-f FILE`, `--file FILE` or `--file=FILE`.
fn flag_values(cmd: &Command, short: &str, long: &str) -> Vec<String> {
    let a = args(cmd);
    let mut out = Vec::new();
    for (i, arg) in a.iter().enumerate() {
        if *arg == short || *arg == long {
            if let Some(v) = a.get(i + 1) {
                out.push(v.to_string());
            }
        } else if let Some(v) = arg.strip_prefix(long).and_then(|v| v.strip_prefix('=')) {
            out.push(v.to_string());
        } else if short.len() == 2
            && arg.starts_with(short)
            && arg.len() > 2
            && !arg.starts_with("--")
        {
            out.push(arg[2..].to_string());
        }
    }
    out
}

/// Package arguments after the subcommand (words that are neither flags nor flag values).
fn packages_after<'c>(cmd: &'c Command, sub: &str) -> Vec<&'c str> {
    let a = args(cmd);
    let Some(start) = a.iter().position(|x| *x == sub) else {
        return Vec::new();
    };
    a[start + 1..]
        .iter()
        .copied()
        .filter(|x| !x.starts_with('-'))
        .collect()
}

fn is_pip(cmd: &Command) -> bool {
    // Asked of every command no other arm names: the name first, nothing collected.
    let arg = |n: usize| cmd.args.get(n).map(|a| a.value.as_str());
    matches!(cmd.name.as_str(), "pip" | "pip3")
        || cmd.name.starts_with("pip3.")
        || (cmd.name.starts_with("python") && arg(0) == Some("-m") && arg(1) == Some("pip"))
}

/// The install a command performs, if it is one.
pub fn classify(cmd: &Command) -> Option<Install<'_>> {
    let sub = subcommand(cmd);
    let install = |manager, manifests_only, named: Vec<String>, rewrites_lock| Install {
        manager,
        command: cmd,
        manifests_only,
        named_manifests: named,
        rewrites_lock,
        system: false,
    };
    let system = |manager| Install {
        manager,
        command: cmd,
        manifests_only: true,
        named_manifests: Vec::new(),
        rewrites_lock: false,
        system: true,
    };
    let name = cmd.name.as_str();
    Some(match (name, sub) {
        ("npm", Some("ci")) => install(&NPM, true, vec![], false),
        ("npm", Some(s @ ("install" | "i"))) if packages_after(cmd, s).is_empty() => {
            install(&NPM, true, vec![], true)
        }
        ("yarn", None) => install(&YARN, true, vec![], !frozen(cmd)),
        ("yarn", Some("install")) => install(&YARN, true, vec![], !frozen(cmd)),
        ("pnpm", Some("fetch")) => install(&PNPM, true, vec![], false),
        ("pnpm", Some(s @ ("install" | "i"))) if packages_after(cmd, s).is_empty() => {
            install(&PNPM, true, vec![], !frozen(cmd))
        }
        ("bun", Some(s @ ("install" | "i"))) if packages_after(cmd, s).is_empty() => {
            install(&BUN, true, vec![], !frozen(cmd))
        }
        _ if is_pip(cmd) && cmd.has_arg("install") => {
            let mut named = flag_values(cmd, "-r", "--requirement");
            named.extend(flag_values(cmd, "-c", "--constraint"));
            let local = packages_after(cmd, "install")
                .iter()
                .any(|p| *p == "." || p.starts_with("./") || *p == "-e");
            let editable = flag_values(cmd, "-e", "--editable");
            if local || editable.iter().any(|e| e == "." || e.starts_with("./")) {
                install(&PIP_PROJECT, false, vec![], false)
            } else if !named.is_empty() {
                install(&PIP, true, named, false)
            } else {
                return None;
            }
        }
        ("poetry", Some("install")) => install(&POETRY, cmd.has_flag("no-root"), vec![], false),
        ("uv", Some("sync")) => install(
            &UV,
            cmd.has_flag("no-install-project"),
            vec![],
            !cmd.has_any_flag(&["frozen", "locked"]),
        ),
        ("uv", Some("pip")) if cmd.has_arg("install") => {
            let named = flag_values(cmd, "-r", "--requirement");
            if named.is_empty() {
                return None;
            }
            install(&PIP, true, named, false)
        }
        ("pipenv", Some("install" | "sync")) => install(
            &PIPENV,
            true,
            vec![],
            !cmd.has_any_flag(&["deploy", "ignore-pipfile"]) && sub == Some("install"),
        ),
        ("conda" | "mamba" | "micromamba", Some(_)) => {
            let named = flag_values(cmd, "-f", "--file");
            let env_create = cmd.has_arg("env") && cmd.has_any_arg(&["create", "update"]);
            if named.is_empty() && !env_create {
                return None;
            }
            install(&CONDA, true, named, false)
        }
        ("bundle" | "bundler", Some("install")) => install(
            &BUNDLER,
            true,
            vec![],
            !cmd.has_any_flag(&["frozen", "deployment"]),
        ),
        ("go", Some("mod")) if cmd.has_arg("download") => install(&GO, true, vec![], false),
        ("go", Some("build" | "install" | "test" | "generate")) => {
            install(&GO, false, vec![], false)
        }
        ("cargo", Some("fetch")) => install(&CARGO, true, vec![], false),
        ("cargo", Some("build" | "install" | "test"))
            if sub != Some("install") || cmd.has_flag("path") =>
        {
            install(&CARGO, false, vec![], false)
        }
        ("composer", Some("install")) => install(&COMPOSER, true, vec![], false),
        ("composer", Some("update")) => install(&COMPOSER, true, vec![], true),
        ("mvn" | "./mvnw" | "mvnw", Some(goal)) => {
            if goal.starts_with("dependency:") {
                install(&MAVEN, true, vec![], false)
            } else if args(cmd)
                .iter()
                .any(|a| matches!(*a, "package" | "install" | "verify" | "compile"))
            {
                install(&MAVEN, false, vec![], false)
            } else {
                return None;
            }
        }
        ("gradle" | "./gradlew" | "gradlew", Some(task)) => {
            if task == "dependencies" || task == "--refresh-dependencies" {
                install(&GRADLE, true, vec![], false)
            } else if args(cmd).iter().any(|a| {
                matches!(
                    *a,
                    "build" | "assemble" | "bootJar" | "installDist" | "shadowJar" | "jar"
                )
            }) {
                install(&GRADLE, false, vec![], false)
            } else {
                return None;
            }
        }
        ("dotnet", Some("restore")) => install(&DOTNET, true, vec![], false),
        ("dotnet", Some("build" | "publish")) => install(&DOTNET, false, vec![], false),
        ("mix", Some("deps.get")) => install(&MIX, true, vec![], false),
        ("mix", Some("compile" | "release")) => install(&MIX, false, vec![], false),
        ("sbt", Some("update")) => install(&SBT, true, vec![], false),
        ("sbt", Some(_))
            if args(cmd)
                .iter()
                .any(|a| matches!(*a, "compile" | "assembly" | "stage" | "package")) =>
        {
            install(&SBT, false, vec![], false)
        }
        ("swift", Some("package")) if cmd.has_arg("resolve") => {
            install(&SWIFT, true, vec![], false)
        }
        ("swift", Some("build")) => install(&SWIFT, false, vec![], false),
        ("apt-get" | "apt", Some("install")) => system(&APT),
        ("apk", Some("add")) => system(&APK),
        ("dnf" | "microdnf", Some("install")) => system(&DNF),
        ("yum", Some("install")) => system(&YUM),
        ("zypper", Some("install" | "in")) => system(&ZYPPER),
        _ => return None,
    })
}

fn frozen(cmd: &Command) -> bool {
    cmd.has_any_flag(&["frozen-lockfile", "immutable", "ci"])
}

/// Every install a script performs, in order.
pub fn installs(script: &Script) -> impl Iterator<Item = Install<'_>> {
    script.commands.iter().filter_map(classify)
}

/// Whether a manifest pattern (`*.csproj`, `package.json`) names the file.
pub fn manifest_matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_prefix('*') {
        Some(suffix) => name.ends_with(suffix) && name.len() > suffix.len(),
        None => pattern == name,
    }
}

/// The system package manager whose index a command refreshes (`apt-get update`).
pub fn index_update(cmd: &Command) -> Option<&'static Manager> {
    let sub = subcommand(cmd);
    match (cmd.name.as_str(), sub) {
        ("apt-get" | "apt", Some("update")) => Some(&APT),
        ("apk", Some("update")) => Some(&APK),
        ("dnf" | "microdnf", Some("makecache")) => Some(&DNF),
        ("yum", Some("makecache")) => Some(&YUM),
        ("zypper", Some("refresh" | "ref")) => Some(&ZYPPER),
        _ => None,
    }
}

/// The system package manager a command installs or upgrades with.
pub fn system_manager(cmd: &Command) -> Option<&'static Manager> {
    system_manager_of(cmd, classify(cmd).as_ref())
}

/// `system_manager`, for a caller that has classified the command already.
pub fn system_manager_of(cmd: &Command, install: Option<&Install>) -> Option<&'static Manager> {
    install
        .filter(|i| i.system)
        .map(|i| i.manager)
        .or_else(|| upgrade(cmd))
}

/// `apt-get upgrade`, `apk upgrade`, `dnf upgrade`: whatever the mirrors hold today.
pub fn upgrade(cmd: &Command) -> Option<&'static Manager> {
    let sub = subcommand(cmd);
    match (cmd.name.as_str(), sub) {
        ("apt-get" | "apt", Some("upgrade" | "dist-upgrade" | "full-upgrade")) => Some(&APT),
        ("apk", Some("upgrade")) => Some(&APK),
        ("dnf" | "microdnf", Some("upgrade" | "update" | "distro-sync")) => Some(&DNF),
        ("yum", Some("update" | "upgrade"))
            if packages_after(cmd, sub.unwrap_or("")).is_empty() =>
        {
            Some(&YUM)
        }
        ("zypper", Some("update" | "up" | "dist-upgrade" | "dup")) => Some(&ZYPPER),
        _ => None,
    }
}
