//! The `layerlint` command. The only place that prints and picks an exit code.

use clap::{Parser, Subcommand, ValueEnum};
use layerlint::config::{self, Format, Overrides, Settings, Threshold};
use layerlint::context::BuildContext;
use layerlint::context::{self, DockerIgnore};
use layerlint::diagnostics::SYNTAX_ERROR_CODE;
use layerlint::input::{self, InputError};
use layerlint::lint::lint_with_build_context;
use layerlint::output::{FileReport, render, render_cache_json, render_cache_text};
use layerlint::rules::LabelType;
use layerlint::rules::{self, RULES};
use layerlint::{shellcheck, syntax};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes: 0 clean, 1 findings at or above the failure threshold, 2 usage or I/O error.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "layerlint",
    version,
    disable_version_flag = true,
    about = "Dockerfile linter and build-cache advisor",
    after_help = "With no subcommand, layerlint means `check` (`layerlint Dockerfile` as `hadolint Dockerfile`; \
`layerlint` alone checks the current folder)."
)]
struct Cli {
    /// Print the version (hadolint's spelling: -V is `check --verbose`).
    #[arg(short = 'v', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Lint Dockerfiles: files, `-` for stdin, or directories searched recursively.
    Check(Box<CheckArgs>),
    /// Print the parsed instructions in BuildKit's s-expression form.
    Dump {
        /// The Dockerfile, or `-` for stdin.
        file: PathBuf,
    },
    /// List every rule.
    Rules {
        /// Output format: a table, or JSON.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Predict which build steps a change rebuilds, and why.
    #[command(after_long_help = CACHE_HELP)]
    Cache(Box<CacheArgs>),
    /// Show a rule's page: what it checks, why, and examples.
    Explain {
        /// A rule code (DL3006) or alias (MaintainerDeprecated).
        code: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, `-` for stdin, or directories (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format; repeat it (with `-o`) to write several reports in one run.
    #[arg(short, long = "format", value_enum)]
    format: Vec<Format>,
    /// Where the report of the matching `--format` goes (`-` is stdout). The Nth `-o`
    /// pairs with the Nth `-f`.
    #[arg(short, long = "output")]
    output: Vec<PathBuf>,
    /// Configuration file; replaces the search for .layerlint.yaml / .hadolint.yaml.
    #[arg(short, long)]
    config: Option<PathBuf>,
    /// Exit 1 only for findings at or above this severity (error, warning, info, style;
    /// `ignore` and `none` fail on any finding, as in hadolint).
    #[arg(short = 't', long, value_parser = Threshold::parse)]
    failure_threshold: Option<Threshold>,
    /// Always exit 0 when the files could be read, whatever was found.
    #[arg(long)]
    no_fail: bool,
    /// Ignore a rule (code or alias) or a ShellCheck code; repeatable.
    #[arg(long, value_name = "CODE")]
    ignore: Vec<String>,
    /// Report a rule at severity error; repeatable. Also turns on rules that are off.
    #[arg(long, value_name = "CODE")]
    error: Vec<String>,
    /// Report a rule at severity warning; repeatable.
    #[arg(long, value_name = "CODE")]
    warning: Vec<String>,
    /// Report a rule at severity info; repeatable.
    #[arg(long, value_name = "CODE")]
    info: Vec<String>,
    /// Report a rule at severity style; repeatable.
    #[arg(long, value_name = "CODE")]
    style: Vec<String>,
    /// A registry FROM images may come from (enables DL3026); repeatable.
    #[arg(long, value_name = "REGISTRY")]
    trusted_registry: Vec<String>,
    /// A label every stage must carry, `NAME:TYPE` (text, url, semver, hash, rfc3339,
    /// spdx, email); repeatable.
    #[arg(long, value_name = "NAME:TYPE", value_parser = parse_label)]
    require_label: Vec<(String, LabelType)>,
    /// Report labels that are not in the label schema (DL3050).
    #[arg(long)]
    strict_labels: bool,
    /// Ignore `# hadolint ignore=` / `# layerlint ignore=` pragmas.
    #[arg(long)]
    disable_ignore_pragma: bool,
    /// Do not run ShellCheck on RUN scripts.
    #[arg(long)]
    no_shellcheck: bool,
    /// Apply the safe fixes, write each file atomically, and report what remains (with
    /// `-`, print the fixed text to stdout).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Write nothing: print a unified diff of what --fix would change, exit 1 if anything.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Never colour the output (also: the NO_COLOR environment variable).
    #[arg(long)]
    no_color: bool,
    /// The build context, for its .dockerignore (default: each Dockerfile's folder).
    #[arg(long, value_name = "DIR")]
    context: Option<PathBuf>,
    /// Print which configuration file each Dockerfile uses, on stderr.
    #[arg(short = 'V', long)]
    verbose: bool,
}

fn parse_label(s: &str) -> Result<(String, LabelType), String> {
    let (name, ty) = s.split_once(':').unwrap_or((s, ""));
    if name.is_empty() {
        return Err("expected NAME:TYPE".into());
    }
    Ok((name.to_string(), ty.parse()?))
}

impl CheckArgs {
    /// What the command line sets, as settings to lay over a config file.
    fn settings(&self) -> Settings {
        Settings {
            failure_threshold: self.failure_threshold,
            formats: self.format.clone(),
            ignored: self.ignore.clone(),
            overrides: Overrides {
                error: self.error.clone(),
                warning: self.warning.clone(),
                info: self.info.clone(),
                style: self.style.clone(),
            },
            label_schema: self.require_label.clone(),
            no_color: self.no_color,
            no_fail: self.no_fail,
            verbose: self.verbose,
            strict_labels: self.strict_labels,
            disable_ignore_pragma: self.disable_ignore_pragma,
            trusted_registries: self.trusted_registry.clone(),
            shellcheck: self.no_shellcheck.then_some(false),
            fixable: None,
            unfixable: Vec::new(),
            source: None,
        }
    }
}

/// The verdicts and exit codes, for `cache --help`.
const CACHE_HELP: &str = "\
Each step (FROM of an image, RUN, COPY, ADD, WORKDIR other than /) gets a verdict:
  CACHED    BuildKit finds it in its cache
  REBUILD   it runs again; WHY says which change did it
  SKIPPED   the target does not need its stage
  EXTERNAL  FROM a registry image, ADD of a URL or git source: unchanged here, but its
            content lives outside the context and can move

With no change set (--changed, --since, --against), WHY lists the paths whose change
would rebuild each step. --suggest shows a Dockerfile that rebuilds less; --history N
counts how often each step rebuilt over the last N commits.

Exit codes: 0 when the prediction was made; 2 when an input is bad (a Dockerfile
BuildKit rejects, a missing context or revision, an unreadable snapshot), with one
line on stderr naming it.";

#[derive(clap::Args)]
struct CacheArgs {
    #[command(subcommand)]
    action: Option<CacheAction>,
    /// The Dockerfile (default: Dockerfile in the context).
    #[arg(long, global = true)]
    file: Option<PathBuf>,
    /// The build context (default: the current folder).
    #[arg(long, global = true, default_value = ".")]
    context: PathBuf,
    /// The stage to build, as `docker build --target`.
    #[arg(long, global = true)]
    target: Option<String>,
    /// A build argument, as `docker build --build-arg K=V`; repeatable.
    #[arg(long = "build-arg", value_name = "K=V", global = true, value_parser = parse_build_arg)]
    build_args: Vec<(String, String)>,
    /// Context paths whose content changed (`-` reads them from stdin, one a line).
    #[arg(long, num_args = 1.., value_name = "PATH")]
    changed: Vec<String>,
    /// Compare with a build of the tree at this git revision.
    #[arg(long, value_name = "REV", conflicts_with_all = ["changed", "against"])]
    since: Option<String>,
    /// Compare with a snapshot written by `layerlint cache snapshot`.
    #[arg(long, value_name = "FILE", conflicts_with = "changed")]
    against: Option<PathBuf>,
    /// Suggest a Dockerfile (and .dockerignore) that rebuilds less: a unified diff, or
    /// the full texts with `-f json`.
    #[arg(long)]
    suggest: bool,
    /// With --suggest: write the suggestion (safe moves only unless --unsafe), atomically.
    #[arg(long, requires = "suggest")]
    write: bool,
    /// With --suggest --write: make the unsafe moves too.
    #[arg(long = "unsafe", requires = "write")]
    allow_unsafe: bool,
    /// Replay the last N first-parent commits as CI builds on a warm cache, and count how
    /// often each step rebuilt.
    #[arg(long, value_name = "N", conflicts_with_all = ["since", "changed", "against", "range"])]
    history: Option<usize>,
    /// Replay the first-parent commits of A..B (as `git log A..B`).
    #[arg(long, value_name = "A..B", conflicts_with_all = ["since", "changed", "against"])]
    range: Option<String>,
    /// Weigh each step by its duration from a BuildKit progress log (`--progress=plain`
    /// or `rawjson`), for --history.
    #[arg(long, value_name = "FILE")]
    timings: Option<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Subcommand)]
enum CacheAction {
    /// Record the content digests and cache keys of every step, for `--against`.
    Snapshot {
        /// Where to write the snapshot (JSON), atomically.
        #[arg(short, long)]
        output: PathBuf,
    },
}

fn parse_build_arg(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected K=V, got {s:?}")),
    }
}

fn cache(args: CacheArgs) -> u8 {
    match run_cache(args) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("layerlint: error: {message}");
            EXIT_ERROR
        }
    }
}

/// The Dockerfile, parsed, or the first error BuildKit's parser would stop at.
fn load_dockerfile(path: &Path, source: &str) -> Result<syntax::Dockerfile, String> {
    let dockerfile = syntax::parse(source);
    if dockerfile.instructions.is_empty() || dockerfile.is_not_a_dockerfile() {
        return Err(format!(
            "{}: {}",
            path.display(),
            if dockerfile.instructions.is_empty() {
                "no instructions (BuildKit rejects an empty Dockerfile)"
            } else {
                layerlint::lint::NOT_A_DOCKERFILE
            }
        ));
    }
    if let Some(error) = dockerfile.parser_errors().next() {
        let at = dockerfile.position(error.span.start);
        return Err(format!(
            "{}:{}:{}: {}",
            path.display(),
            at.line,
            at.column,
            error.message
        ));
    }
    Ok(dockerfile)
}

fn run_cache(args: CacheArgs) -> Result<(), String> {
    use layerlint::cache::{self, Baseline, BuildOptions, ContextState};
    use layerlint::context::Listing;
    let context_dir = args.context.clone();
    let dockerfile_path = args
        .file
        .clone()
        .unwrap_or_else(|| context_dir.join("Dockerfile"));
    if !context_dir.is_dir() {
        return Err(format!(
            "{}: the build context is not a folder",
            context_dir.display()
        ));
    }
    let source = input::read_file(&dockerfile_path).map_err(|e| e.to_string())?;
    let dockerfile = load_dockerfile(&dockerfile_path, &source)?;
    let model = layerlint::model::Model::build(&dockerfile);
    let ignore_file = context::ignore_file_for(&dockerfile_path, &context_dir);
    let ignore = ignore_file.as_deref().map(read_ignore_file).transpose()?;
    let walk = || Listing::walk(&context_dir, ignore.as_ref()).map_err(|e| e.to_string());
    let options = BuildOptions {
        target: args.target.clone(),
        build_args: args.build_args.clone(),
    };
    let real_state = |listing: &Listing| -> Result<ContextState, String> {
        let files: Vec<&String> = listing.entries.keys().collect();
        let digests = listing.hash_files(files).map_err(|e| e.to_string())?;
        Ok(ContextState::from_listing(listing, |p| {
            digests.get(p).cloned()
        }))
    };

    if args.history.is_some() || args.range.is_some() {
        return run_history(
            &args,
            &context_dir,
            &dockerfile_path,
            ignore.as_ref(),
            &options,
        );
    }
    if args.suggest {
        return run_suggest(
            &args,
            &context_dir,
            &dockerfile_path,
            &source,
            ignore.as_ref(),
        );
    }

    if let Some(CacheAction::Snapshot { output }) = &args.action {
        let state = real_state(&walk()?)?;
        let plan = cache::plan(&model, &state, &options)?;
        let baseline = Baseline {
            records: plan.records(),
            context: Some(state),
        };
        let json = serde_json::to_string(&baseline).map_err(|e| e.to_string())?;
        return write_atomically(output, json.as_bytes())
            .map_err(|e| format!("{}: {e}", output.display()));
    }

    let reports = if let Some(rev) = &args.since {
        let root = cache::git::repo_root(&context_dir).map_err(|e| e.to_string())?;
        let commit = cache::git::resolve(&root, rev).map_err(|e| e.to_string())?;
        let rel = cache::git::repo_relative(&root, &dockerfile_path).map_err(|e| e.to_string())?;
        let old_source = cache::git::file_at(&root, &commit, &rel);
        // The ignore file that was in force then: `<Dockerfile>.dockerignore`, else the
        // context's `.dockerignore`.
        let context_rel =
            cache::git::repo_relative(&root, &context_dir).map_err(|e| e.to_string())?;
        let context_prefix = if context_rel.is_empty() || context_rel == "." {
            String::new()
        } else {
            format!("{}/", context_rel.trim_end_matches('/'))
        };
        let old_ignore_text = cache::git::file_at(&root, &commit, &format!("{rel}.dockerignore"))
            .or_else(|| {
                cache::git::file_at(&root, &commit, &format!("{context_prefix}.dockerignore"))
            });
        let old_ignore = old_ignore_text
            .map(|t| DockerIgnore::parse(&t).map_err(|e| format!("{rev}:.dockerignore:{e}")))
            .transpose()?;
        let (old_state, new_state) =
            cache::git::states(&root, &commit, &context_dir, walk, old_ignore.as_ref())
                .map_err(|e| e.to_string())?;
        let old_df = old_source
            .map(|text| load_dockerfile(Path::new(&format!("{rev}:{rel}")), &text))
            .transpose()?;
        let old_model = old_df.as_ref().map(layerlint::model::Model::build);
        cache::compare_builds(old_model.as_ref(), old_state, &model, &new_state, &options)?
    } else if let Some(path) = &args.against {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let baseline: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a layerlint snapshot ({e})", path.display()))?;
        let state = real_state(&walk()?)?;
        // A snapshot of some other context shares few paths with this one.
        if let Some(old) = &baseline.context
            && !old.entries.is_empty()
        {
            let shared = old
                .entries
                .keys()
                .filter(|p| state.entries.contains_key(*p))
                .count();
            if shared * 2 < old.entries.len() {
                eprintln!(
                    "layerlint: warning: {}: the snapshot does not match this context ({shared} of its {} paths are here); was it taken of another one?",
                    path.display(),
                    old.entries.len()
                );
            }
        }
        let plan = cache::plan(&model, &state, &options)?;
        cache::compare(&plan, &state, &baseline)
    } else if !args.changed.is_empty() {
        let mut changed: Vec<String> = Vec::new();
        for path in &args.changed {
            if path == "-" {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                    .map_err(|e| format!("<stdin>: {e}"))?;
                changed.extend(
                    text.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from),
                );
            } else {
                changed.push(path.clone());
            }
        }
        let context_root = std::fs::canonicalize(&context_dir)
            .map_err(|e| format!("{}: {e}", context_dir.display()))?;
        // The ignore file's own change: which files it let in before is not known, so
        // every file it excludes now is taken as sent before (safe: such a step is said
        // to rebuild, never wrongly said cached). `--since` knows the old patterns.
        let ignore_real = ignore_file
            .as_deref()
            .and_then(|f| std::fs::canonicalize(f).ok());
        let cwd = std::env::current_dir().map_err(|e| format!("current folder: {e}"))?;
        let is_ignore_file = |p: &str| {
            ignore_real.is_some() && std::fs::canonicalize(cwd.join(p)).ok() == ignore_real
        };
        let ignore_changed = changed.iter().any(|p| is_ignore_file(p));
        if ignore_changed {
            eprintln!(
                "layerlint: note: {} changed: the files it excludes now are taken as sent to the builder before (use --since or a snapshot to compare with its old patterns)",
                ignore_file
                    .as_deref()
                    .unwrap_or(Path::new(".dockerignore"))
                    .display()
            );
        }
        let mut inside = Vec::new();
        for path in &changed {
            match context_path(&cwd, &context_root, path) {
                Some(p) => inside.push(p),
                // An ignore file outside the context (`<Dockerfile>.dockerignore`) is
                // not a context path; its change is the note above.
                None if is_ignore_file(path) => {}
                None => eprintln!(
                    "layerlint: warning: {path}: outside the build context {}, ignored",
                    context_dir.display()
                ),
            }
        }
        // A path `.dockerignore` excludes never reaches the builder: its change is no
        // change (files re-included below an excluded folder still count).
        let listing = walk()?;
        let unfiltered = ignore_changed
            .then(|| Listing::walk(&context_dir, None).map_err(|e| e.to_string()))
            .transpose()?;
        let listing_before = unfiltered.as_ref().unwrap_or(&listing);
        inside.retain(|p| {
            !ignore.as_ref().is_some_and(|i| i.is_excluded(p)) || {
                let below = format!("{p}/");
                listing
                    .entries
                    .range::<str, _>((
                        std::ops::Bound::Included(below.as_str()),
                        std::ops::Bound::Unbounded,
                    ))
                    .next()
                    .is_some_and(|(q, _)| q.starts_with(&below))
            }
        });
        let (old_state, new_state) = changed_states(listing_before, &listing, &inside);
        cache::compare_builds(Some(&model), old_state, &model, &new_state, &options)?
    } else {
        let state = ContextState::from_listing(&walk()?, |_| None);
        cache::blast_radius(&cache::plan(&model, &state, &options)?)
    };
    let rendered = match args.format {
        ListFormat::Text => render_cache_text(&reports, terminal_width()),
        ListFormat::Json => render_cache_json(&reports),
    };
    emit(&rendered)
}

/// `cache --history N` / `--range A..B`: replay the commits, count each step's rebuilds.
fn run_history(
    args: &CacheArgs,
    context_dir: &Path,
    dockerfile_path: &Path,
    ignore: Option<&DockerIgnore>,
    options: &layerlint::cache::BuildOptions,
) -> Result<(), String> {
    use layerlint::cache::git;
    use layerlint::cache::history::{self, Layout};
    let root = git::repo_root(context_dir).map_err(|e| e.to_string())?;
    let rel = |p: &Path| -> Result<String, String> {
        let r = git::repo_relative(&root, p).map_err(|e| e.to_string())?;
        Ok(if r == "." {
            String::new()
        } else {
            r.trim_matches('/').to_string()
        })
    };
    let context = rel(context_dir)?;
    let dockerfile = rel(dockerfile_path)?;
    let in_context = |name: &str| {
        if context.is_empty() {
            name.to_string()
        } else {
            format!("{context}/{name}")
        }
    };
    let layout = Layout {
        ignore_files: vec![
            format!("{dockerfile}.dockerignore"),
            in_context(".dockerignore"),
        ],
        context,
        dockerfile: dockerfile.clone(),
    };
    if args.history == Some(0) {
        return Err("--history takes a number of commits from 1".into());
    }
    let (before, commits) =
        history::commits(&root, args.history, args.range.as_deref()).map_err(|e| e.to_string())?;
    let newest = &commits[commits.len() - 1].sha;
    let head_text = git::file_at(&root, newest, &dockerfile)
        .ok_or_else(|| format!("{dockerfile}: not in commit {newest}"))?;
    let timings = args
        .timings
        .as_ref()
        .map(|f| {
            std::fs::read_to_string(f)
                .map(|t| history::timings(&t))
                .map_err(|e| format!("{}: {e}", f.display()))
        })
        .transpose()?;
    let tty = std::io::stderr().is_terminal() && commits.len() >= 20;
    let mut progress = |done: usize, all: usize| {
        if tty {
            let width = 30;
            let filled = done * width / all.max(1);
            eprint!(
                "\rreplaying {done}/{all} [{}{}]",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
            if done == all {
                eprint!("\r{}\r", " ".repeat(width + 30));
            }
        }
    };
    let history = history::History {
        root: &root,
        layout: &layout,
        before,
        commits,
    };
    let identity = |t: &str| (t.to_string(), Vec::new());
    let mut replay = history::replay(&history, &head_text, options, &identity, &mut progress)?;
    let weigh = |r: &mut history::Replay| {
        if let Some(t) = &timings {
            for s in &mut r.steps {
                let key = syntax::fold_whitespace(&s.text);
                s.seconds = t.get(&key).copied();
            }
        }
    };
    weigh(&mut replay);
    let suggested = if args.suggest {
        let build = BuildContext::new(context_dir, ignore, Some(dockerfile_path));
        // The suggestion of each commit's Dockerfile, with the lines it adds to
        // .dockerignore (read against today's context: the manifests it names).
        let rewrite = |t: &str| {
            let s = layerlint::cache::suggest::suggest(t, Some(&build), None, true);
            let added = s
                .dockerignore
                .map(|d| d.lines().map(String::from).collect())
                .unwrap_or_default();
            (s.dockerfile, added)
        };
        let head_suggested = rewrite(&head_text).0;
        let mut r = history::replay(&history, &head_suggested, options, &rewrite, &mut progress)?;
        weigh(&mut r);
        Some(r)
    } else {
        None
    };
    let rendered = match args.format {
        ListFormat::Json => {
            let mut value = serde_json::to_value(&replay).map_err(|e| e.to_string())?;
            if let Some(s) = &suggested {
                value["suggested"] = serde_json::json!({ "steps": s.steps });
            }
            serde_json::to_string_pretty(&value).map_err(|e| e.to_string())? + "\n"
        }
        ListFormat::Text => render_history_text(&replay, suggested.as_ref()),
    };
    emit(&rendered)
}

fn render_history_text(
    replay: &layerlint::cache::history::Replay,
    suggested: Option<&layerlint::cache::history::Replay>,
) -> String {
    let n = replay.commits.len();
    let width = 20;
    let bar = |k: usize| {
        let filled = (k * width).div_ceil(n.max(1));
        format!("{}{}", "█".repeat(filled), "·".repeat(width - filled))
    };
    let shorten = |t: &str| {
        let t = syntax::fold_whitespace(t);
        if t.chars().count() > 44 {
            format!("{}...", t.chars().take(41).collect::<String>())
        } else {
            t
        }
    };
    let mut out = format!("{n} commits replayed on a warm cache\n");
    let row = |out: &mut String, s: &layerlint::cache::history::StepCount| {
        let conditional = if s.conditional > 0 {
            format!(" ({} after a rebuilt stage)", s.conditional)
        } else {
            String::new()
        };
        let cost = s
            .seconds
            .map(|sec| format!(", {:.1} s in all", sec * s.rebuilds as f64))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:>5}  {:<44}  {}  {} of {n}{conditional}{cost}\n",
            s.line,
            shorten(&s.text),
            bar(s.rebuilds),
            s.rebuilds
        ));
    };
    for s in &replay.steps {
        row(&mut out, s);
    }
    if let Some(sug) = suggested {
        // Side by side: each step of today's file, and what the suggestion does to it.
        let fold = syntax::fold_whitespace;
        let find = |r: &layerlint::cache::history::Replay,
                    s: &layerlint::cache::history::StepCount| {
            r.steps
                .iter()
                .find(|x| x.stage == s.stage && fold(&x.text) == fold(&s.text))
                .map(|x| x.rebuilds)
        };
        out.push_str("\nNow and with the suggested Dockerfile (cache --suggest):\n");
        for s in &replay.steps {
            let after = match find(sug, s) {
                Some(k) => format!("{k} of {n}"),
                None => "merged or moved away".to_string(),
            };
            out.push_str(&format!(
                "{:>5}  {:<44}  {:>9}  ->  {after}\n",
                s.line,
                shorten(&s.text),
                format!("{} of {n}", s.rebuilds)
            ));
        }
        for s in sug.steps.iter().filter(|s| find(replay, s).is_none()) {
            out.push_str(&format!(
                "{:>5}  {:<44}  {:>9}  ->  {} of {n}\n",
                "new",
                shorten(&s.text),
                "",
                s.rebuilds
            ));
        }
        let total = |r: &layerlint::cache::history::Replay| {
            r.steps.iter().map(|s| s.rebuilds).sum::<usize>()
        };
        out.push_str(&format!(
            "\nStep rebuilds over {n} commits: {} now, {} suggested.\n",
            total(replay),
            total(sug)
        ));
    }
    out
}

/// `cache --suggest`: the moves, the diff or the JSON contract, and `--write`.
fn run_suggest(
    args: &CacheArgs,
    context_dir: &Path,
    dockerfile_path: &Path,
    source: &str,
    ignore: Option<&DockerIgnore>,
) -> Result<(), String> {
    use layerlint::cache::suggest::{suggest, unified_diff};
    let build = BuildContext::new(context_dir, ignore, Some(dockerfile_path));
    let ignore_path = context::ignore_file_for(dockerfile_path, context_dir)
        .unwrap_or_else(|| context_dir.join(".dockerignore"));
    let ignore_text = std::fs::read_to_string(&ignore_path).ok();
    let shown = suggest(source, Some(&build), ignore_text.as_deref(), true);
    if args.write {
        let applied = if args.allow_unsafe {
            shown.clone()
        } else {
            suggest(source, Some(&build), ignore_text.as_deref(), false)
        };
        // Both files are written to temporary files first, and renamed only when both
        // are ready: a failure leaves both as they were.
        let mut writes: Vec<(&Path, &[u8])> = Vec::new();
        if applied.dockerfile != source {
            writes.push((dockerfile_path, applied.dockerfile.as_bytes()));
        }
        if let Some(text) = &applied.dockerignore {
            writes.push((&ignore_path, text.as_bytes()));
        }
        write_all_atomically(&writes)?;
        let skipped = shown.changes.len().saturating_sub(applied.changes.len());
        eprintln!(
            "layerlint: {} {} applied to {}{}",
            applied.changes.len(),
            if applied.changes.len() == 1 {
                "move"
            } else {
                "moves"
            },
            dockerfile_path.display(),
            if skipped > 0 {
                format!("; {skipped} unsafe left out (add --unsafe to make them)")
            } else {
                String::new()
            }
        );
        return Ok(());
    }
    let rendered = match args.format {
        ListFormat::Json => serde_json::to_string_pretty(&shown).map_err(|e| e.to_string())? + "\n",
        ListFormat::Text => {
            let mut out = String::new();
            if shown.changes.is_empty() {
                out.push_str("Nothing to suggest: no move makes this Dockerfile rebuild less.\n");
            }
            for c in &shown.changes {
                if c.pass > 1 {
                    out.push_str(&format!("then (pass {}) ", c.pass));
                }
                out.push_str(&format!(
                    "line {} {} {} ({}): {}",
                    c.line,
                    c.code,
                    c.kind,
                    c.applicability.as_str(),
                    c.message
                ));
                if let Some(reason) = &c.reason {
                    out.push_str(&format!("\n    unsafe because {reason}"));
                }
                out.push('\n');
            }
            let name = |p: &Path| {
                p.strip_prefix(context_dir)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            };
            let diff = unified_diff(source, &shown.dockerfile, &name(dockerfile_path));
            if !diff.is_empty() {
                out.push('\n');
                out.push_str(&diff);
            }
            if let Some(new_ignore) = &shown.dockerignore {
                out.push('\n');
                out.push_str(&unified_diff(
                    ignore_text.as_deref().unwrap_or(""),
                    new_ignore,
                    &name(&ignore_path),
                ));
            }
            out
        }
    };
    emit(&rendered)
}

/// A `--changed` path (relative to the current folder, as `git diff --name-only
/// --relative` and every other command give it) as a context path; `None` when it lies
/// outside the context.
fn context_path(cwd: &Path, context_root: &Path, path: &str) -> Option<String> {
    let full = normalize(&cwd.join(path));
    // The longest part of the folder that exists, with its links resolved as the context
    // root's are; the rest (a deleted file, the name of a symlink) stays as written.
    let Some(name) = full.file_name() else {
        return Some(String::new()).filter(|_| full.as_path() == context_root);
    };
    let mut existing = full.parent().unwrap_or(Path::new("/"));
    let mut rest: Vec<&std::ffi::OsStr> = vec![name];
    let resolved = loop {
        match std::fs::canonicalize(existing) {
            Ok(real) => break real,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name);
                    existing = parent;
                }
                _ => break existing.to_path_buf(),
            },
        }
    };
    let resolved = rest.iter().rev().fold(resolved, |p, n| p.join(n));
    resolved
        .strip_prefix(context_root)
        .ok()
        .map(|r| r.to_string_lossy().replace('\\', "/"))
}

/// `a/./b/../c` -> `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Context states before and after a change of `changed` paths (and everything below
/// them): the same identities elsewhere, different ones there. A changed path that is
/// gone now was deleted.
fn changed_states(
    before: &layerlint::context::Listing,
    listing: &layerlint::context::Listing,
    changed: &[String],
) -> (
    layerlint::cache::ContextState,
    layerlint::cache::ContextState,
) {
    use layerlint::cache::ContextState;
    let is_changed = |p: &str| {
        changed
            .iter()
            .any(|c| c.is_empty() || p == c || p.starts_with(&format!("{c}/")))
    };
    let new = ContextState::from_listing(listing, |p| {
        Some(if is_changed(p) {
            "changed-now".into()
        } else {
            "same".into()
        })
    });
    let mut old = ContextState::from_listing(before, |p| {
        Some(if is_changed(p) {
            "changed-before".into()
        } else {
            "same".into()
        })
    });
    // Folders and symlinks have no content to stand for the change: mark them.
    for (path, identity) in old.entries.iter_mut() {
        if is_changed(path) && !identity.starts_with("file") {
            identity.push_str(" before");
        }
    }
    for path in changed {
        if !path.is_empty() && !before.entries.contains_key(path) {
            old.entries
                .insert(path.clone(), "file deleted-since".into());
        }
    }
    (old, new)
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

/// The subcommands; anything else first on the command line means `check`, so
/// `layerlint Dockerfile` works where `hadolint Dockerfile` did.
const SUBCOMMANDS: &[&str] = &["check", "dump", "rules", "explain", "cache", "help"];

fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // No subcommand means `check`, even with no argument at all (it checks `.`).
    let first = args.get(1).map(|a| a.to_string_lossy().into_owned());
    match first.as_deref() {
        None => args.push("check".into()),
        Some(f)
            if !SUBCOMMANDS.contains(&f) && !matches!(f, "-h" | "--help" | "-v" | "--version") =>
        {
            args.insert(1, "check".into())
        }
        _ => {}
    }
    let cli = Cli::parse_from(args);
    let code = match cli.command {
        Commands::Check(args) => check(*args),
        Commands::Dump { file } => dump(&file),
        Commands::Rules { format } => list_rules(format),
        Commands::Explain { code } => explain(&code),
        Commands::Cache(args) => cache(*args),
    };
    ExitCode::from(code)
}

/// The width of the terminal stdout is, else `COLUMNS`, else 120.
fn terminal_width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_, w)| usize::from(w))
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(120)
}

/// The exit code of a filter whose reader went away (128 + SIGPIPE).
const EXIT_BROKEN_PIPE: i32 = 141;

/// Write to stdout. A reader that closed the pipe (`| head`) ends the program quietly, as
/// a Unix filter ends; any other failure is an error to report.
fn emit(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(EXIT_BROKEN_PIPE)
        }
        Err(e) => Err(format!("stdout: {e}")),
    }
}

fn report_error(error: &InputError) {
    eprintln!("layerlint: error: {error}");
}

fn read(path: &Path) -> Result<(String, String), InputError> {
    if path.as_os_str() == "-" {
        Ok((input::STDIN_NAME.to_string(), input::read_stdin()?))
    } else {
        Ok((path.display().to_string(), input::read_file(path)?))
    }
}

/// Expand directories into the Dockerfiles below them; keep files and `-` as given.
fn collect_targets(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            match input::find_dockerfiles(path) {
                Ok(found) if found.is_empty() => eprintln!(
                    "layerlint: warning: {}: no Dockerfile found (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile ...)",
                    path.display()
                ),
                Ok(found) => targets.extend(found),
                Err(e) => errors.push(e),
            }
        } else {
            targets.push(path.clone());
        }
    }
    (targets, errors)
}

fn check(args: CheckArgs) -> u8 {
    let cli = args.settings();
    if let Some(dir) = &args.context
        && !dir.is_dir()
    {
        eprintln!(
            "layerlint: error: {}: the build context is not a folder",
            dir.display()
        );
        return EXIT_ERROR;
    }
    if args.output.len() > args.format.len().max(1) {
        eprintln!("layerlint: error: more --output than --format options");
        return EXIT_ERROR;
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (targets, mut errors) = collect_targets(&paths);

    // Run-wide settings (formats, threshold, exit code) come from --config or the config
    // that applies in the current folder; rule settings from each file's own folder.
    let mut configs = ConfigCache::new(args.config.clone());
    let run = match configs.for_dir(Path::new(".")) {
        Ok(file) => file.merged_with(&cli),
        Err(e) => {
            eprintln!("layerlint: error: {e}");
            return EXIT_ERROR;
        }
    };
    warn_unknown_codes(&cli, "on the command line");
    let mut warned_files: Vec<PathBuf> = Vec::new();
    let mut per_file = Vec::with_capacity(targets.len());
    for path in &targets {
        let dir = match path.parent() {
            Some(p) if path.as_os_str() != "-" && !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        match configs.for_dir(dir) {
            Ok(file) => {
                if let Some(source) = &file.source
                    && !warned_files.contains(source)
                {
                    warn_unknown_codes(&file, &format!("in {}", source.display()));
                    warned_files.push(source.clone());
                }
                let settings = file.merged_with(&cli);
                if run.verbose {
                    let source = settings
                        .source
                        .as_ref()
                        .map_or("no configuration file".into(), |p| p.display().to_string());
                    eprintln!("layerlint: {}: {source}", path.display());
                }
                per_file.push(settings)
            }
            Err(e) => {
                eprintln!("layerlint: error: {e}");
                return EXIT_ERROR;
            }
        }
    }

    let mut ignores: HashMap<PathBuf, Option<DockerIgnore>> = HashMap::new();
    let mut per_file_ignore: Vec<Option<PathBuf>> = Vec::with_capacity(targets.len());
    for path in &targets {
        let dir = match path.parent() {
            Some(p) if path.as_os_str() != "-" && !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let context_dir = args.context.as_deref().unwrap_or(dir);
        let found = if path.as_os_str() == "-" {
            let general = context_dir.join(".dockerignore");
            general.is_file().then_some(general)
        } else {
            context::ignore_file_for(path, context_dir)
        };
        if let Some(file) = &found
            && !ignores.contains_key(file)
        {
            match read_ignore_file(file) {
                Ok(parsed) => {
                    ignores.insert(file.clone(), Some(parsed));
                }
                Err(message) => {
                    eprintln!("layerlint: error: {message}");
                    ignores.insert(file.clone(), None);
                    per_file_ignore.push(None);
                    continue;
                }
            }
        }
        per_file_ignore.push(found);
    }
    if ignores.values().any(Option::is_none) {
        return EXIT_ERROR;
    }

    // A long run shows its progress on a terminal's stderr, and nothing elsewhere.
    let progress = (std::io::stderr().is_terminal() && targets.len() >= 50).then(|| {
        let bar = indicatif::ProgressBar::new(targets.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} files")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message("linting");
        bar
    });
    let fixing = args.fix || args.diff;
    let fix_options = layerlint::fix::FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    let results: Vec<Result<(FileReport, Option<FixRecord>), InputError>> = targets
        .par_iter()
        .zip(&per_file)
        .zip(&per_file_ignore)
        .map(|((path, settings), ignore_file)| {
            let (name, source) = read(path)?;
            let ignore = ignore_file
                .as_ref()
                .and_then(|f| ignores.get(f))
                .and_then(Option::as_ref);
            // The layer rules read the context: the folder given, or the Dockerfile's
            // own (none for stdin without --context).
            let stdin = path.as_os_str() == "-";
            let root = args.context.clone().or_else(|| {
                (!stdin).then(|| {
                    path.parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .unwrap_or(Path::new("."))
                        .to_path_buf()
                })
            });
            let build = root
                .as_deref()
                .map(|r| BuildContext::new(r, ignore, (!stdin).then_some(path.as_path())));
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            let lint = |text: &str| lint_with_build_context(text, settings, ignore, build.as_ref());
            let (result, record) = if fixing {
                let fixed = layerlint::fix::fix(&source, fix_options, settings, lint);
                let record = FixRecord {
                    path: path.clone(),
                    stdin,
                    changed: fixed.text != source,
                    original: source,
                    fixed: fixed.text,
                    applied: fixed.applied,
                    unsafe_available: fixed.unsafe_available,
                };
                (fixed.result, Some(record))
            } else {
                (lint(&source), None)
            };
            Ok((
                FileReport {
                    path: name,
                    dockerfile: result.dockerfile,
                    diagnostics: result.diagnostics,
                },
                record,
            ))
        })
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    let mut report_settings = Vec::with_capacity(results.len());
    let mut records: Vec<FixRecord> = Vec::new();
    for (result, settings) in results.into_iter().zip(per_file) {
        match result {
            Ok((report, record)) => {
                reports.push(report);
                report_settings.push(settings);
                records.extend(record);
            }
            Err(e) => errors.push(e),
        }
    }
    if fixing {
        let remaining = reports.iter().map(|r| r.diagnostics.len()).sum();
        match finish_fixes(&records, args.diff, remaining, &mut errors) {
            FixEnd::Continue => {}
            FixEnd::Exit(code) => return code,
        }
    }
    if run.shellcheck != Some(false) {
        if let Some(bar) = &progress {
            bar.set_message("running ShellCheck");
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        shellcheck_reports(&mut reports, &report_settings);
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    for error in &errors {
        report_error(error);
    }

    // Nothing could be read: the errors say it all, no "No problems found in 0 files".
    if reports.is_empty() && !errors.is_empty() {
        return EXIT_ERROR;
    }
    let color = !run.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stdout().is_terminal();
    let formats = if run.formats.is_empty() {
        vec![Format::Text]
    } else {
        run.formats.clone()
    };
    for (n, format) in formats.iter().enumerate() {
        let destination = args.output.get(n).filter(|p| p.as_os_str() != "-");
        let rendered = render(*format, &reports, color && destination.is_none());
        let written = match destination {
            Some(path) => write_atomically(path, rendered.as_bytes())
                .map_err(|e| eprintln!("layerlint: error: {}: {e}", path.display())),
            None => emit(&rendered).map_err(|e| eprintln!("layerlint: error: {e}")),
        };
        if written.is_err() {
            return EXIT_ERROR;
        }
    }

    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    if run.no_fail {
        return 0;
    }
    let threshold = run.failure_threshold.unwrap_or(Threshold::Info);
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.code == SYNTAX_ERROR_CODE || threshold.fails_on(d.severity));
    if failing { EXIT_FINDINGS } else { 0 }
}

/// A code in `--ignore`, a severity override, `fixable:` or `unfixable:` that names no
/// rule: a warning with "did you mean" (hadolint accepts them silently).
fn warn_unknown_codes(settings: &layerlint::config::Settings, origin: &str) {
    let known: Vec<&str> = RULES
        .iter()
        .flat_map(|r| std::iter::once(r.meta.code).chain(r.meta.aliases.iter().copied()))
        .chain(layerlint::rules::registry::BUILDKIT_CHECKS.iter().copied())
        .chain(["DL1000"])
        .collect();
    let o = &settings.overrides;
    let named = settings
        .ignored
        .iter()
        .chain(&o.error)
        .chain(&o.warning)
        .chain(&o.info)
        .chain(&o.style)
        .chain(settings.fixable.iter().flatten())
        .chain(&settings.unfixable);
    let mut seen: Vec<&str> = Vec::new();
    for code in named {
        let is_shellcheck = code.len() > 2
            && code[..2].eq_ignore_ascii_case("SC")
            && code[2..].chars().all(|c| c.is_ascii_digit());
        if is_shellcheck
            || known.iter().any(|k| k.eq_ignore_ascii_case(code))
            || seen.contains(&code.as_str())
        {
            continue;
        }
        seen.push(code);
        let hint = layerlint::suggest::closest(code, known.iter().copied())
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        eprintln!("layerlint: warning: no rule is named '{code}' {origin}{hint}");
    }
}

/// One file's `--fix` outcome.
struct FixRecord {
    path: PathBuf,
    stdin: bool,
    changed: bool,
    original: String,
    fixed: String,
    applied: usize,
    unsafe_available: usize,
}

enum FixEnd {
    /// Go on to report what remains.
    Continue,
    Exit(u8),
}

/// Write the fixed files (or print the diff), and say what was fixed.
fn finish_fixes(
    records: &[FixRecord],
    diff: bool,
    remaining: usize,
    errors: &mut Vec<InputError>,
) -> FixEnd {
    let applied: usize = records.iter().map(|r| r.applied).sum();
    let files = records.iter().filter(|r| r.changed).count();
    let more: usize = records.iter().map(|r| r.unsafe_available).sum();
    let more_note = if more > 0 {
        format!(
            " {more} more {} available with `--unsafe-fixes`.",
            if more == 1 { "fix is" } else { "fixes are" }
        )
    } else {
        String::new()
    };
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
    if diff {
        let mut out = String::new();
        for r in records.iter().filter(|r| r.changed) {
            let name = r.path.display().to_string();
            out.push_str(&layerlint::cache::suggest::unified_diff(
                &r.original,
                &r.fixed,
                &name,
            ));
        }
        if let Err(e) = emit(&out) {
            eprintln!("layerlint: error: {e}");
            return FixEnd::Exit(EXIT_ERROR);
        }
        eprintln!(
            "layerlint: would fix {applied} {} in {files} {}.{more_note}",
            plural(applied, "finding", "findings"),
            plural(files, "file", "files")
        );
        return FixEnd::Exit(if files > 0 { EXIT_FINDINGS } else { 0 });
    }
    let mut written = 0;
    for r in records {
        if r.stdin {
            // Fixed or not, the text goes on down the pipe.
            if let Err(e) = emit(&r.fixed) {
                errors.push(InputError {
                    path: input::STDIN_NAME.to_string(),
                    message: e,
                });
            }
            continue;
        }
        if !r.changed {
            continue;
        }
        // Write through a symlink to the file it names; refuse a file that changed
        // since it was read.
        let target = std::fs::canonicalize(&r.path).unwrap_or_else(|_| r.path.clone());
        match std::fs::read_to_string(&target) {
            Ok(now) if now == r.original => {}
            Ok(_) => {
                errors.push(InputError {
                    path: r.path.display().to_string(),
                    message: "changed while it was being fixed; left as it is".into(),
                });
                continue;
            }
            Err(e) => {
                errors.push(InputError {
                    path: r.path.display().to_string(),
                    message: e.to_string(),
                });
                continue;
            }
        }
        match write_atomically(&target, r.fixed.as_bytes()) {
            Ok(()) => written += 1,
            Err(e) => errors.push(InputError {
                path: r.path.display().to_string(),
                message: e.to_string(),
            }),
        }
    }
    eprintln!(
        "layerlint: fixed {applied} {} in {written} {}; {remaining} {}.{more_note}",
        plural(applied, "finding", "findings"),
        plural(written, "file", "files"),
        plural(remaining, "remains", "remain")
    );
    if records.iter().any(|r| r.stdin) {
        // The fixed text went to stdout; the report of what remains would mix with it.
        return FixEnd::Exit(if errors.is_empty() { 0 } else { EXIT_ERROR });
    }
    FixEnd::Continue
}

/// A `.dockerignore`, or a one-line error naming it.
fn read_ignore_file(path: &Path) -> Result<DockerIgnore, String> {
    let text = input::read_file(path).map_err(|e| e.to_string())?;
    DockerIgnore::parse(&text).map_err(|e| format!("{}:{e}", path.display()))
}

/// Config files by folder, each read once; `--config` answers for every folder.
struct ConfigCache {
    explicit: Option<PathBuf>,
    loaded: HashMap<PathBuf, Settings>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl ConfigCache {
    fn new(explicit: Option<PathBuf>) -> Self {
        ConfigCache {
            explicit,
            loaded: HashMap::new(),
            by_dir: HashMap::new(),
        }
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Settings, config::ConfigError> {
        let found = match &self.explicit {
            Some(path) => Some(path.clone()),
            None => {
                let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                self.by_dir
                    .entry(absolute.clone())
                    .or_insert_with(|| config::discover(&absolute))
                    .clone()
            }
        };
        let Some(path) = found else {
            return Ok(Settings::default());
        };
        if let Some(settings) = self.loaded.get(&path) {
            return Ok(settings.clone());
        }
        let settings = config::load(&path)?;
        self.loaded.insert(path, settings.clone());
        Ok(settings)
    }
}

/// Write through a temporary file in the same folder and rename it into place, so a
/// reader never sees half a report.
/// Several files, each through a temporary file beside it; none is replaced unless all
/// temporary files were written.
fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<(), String> {
    let mut ready = Vec::new();
    for (path, bytes) in files {
        let tmp = temporary_copy(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        ready.push((*path, tmp));
    }
    for (path, tmp) in ready {
        tmp.persist(path)
            .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    }
    Ok(())
}

/// The bytes in a temporary file next to `path`, with `path`'s permissions.
fn temporary_copy(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The error names the file asked for, not the temporary one beside it.
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| std::io::Error::new(e.kind(), e.kind().to_string()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    temporary_copy(path, bytes)?
        .persist(path)
        .map(|_| ())
        .map_err(|e| e.error)
}

/// Add ShellCheck's findings to each report. Without ShellCheck on PATH, say so once.
fn shellcheck_reports(reports: &mut [FileReport], settings: &[Settings]) {
    let files: Vec<(&syntax::Dockerfile, &Settings)> = reports
        .iter()
        .map(|r| &r.dockerfile)
        .zip(settings)
        .collect();
    match shellcheck::check(&files) {
        Ok(found) => {
            for (report, diagnostics) in reports.iter_mut().zip(found) {
                report.diagnostics.extend(diagnostics);
                layerlint::lint::sort(&mut report.diagnostics);
            }
        }
        Err(shellcheck::Unavailable::NotInstalled) => eprintln!(
            "layerlint: note: shellcheck is not installed, so RUN scripts were not shellchecked (install it, or pass --no-shellcheck)"
        ),
        Err(shellcheck::Unavailable::Failed(why)) => {
            eprintln!(
                "layerlint: note: shellcheck failed, RUN scripts were not shellchecked: {why}"
            )
        }
    }
}

fn dump(path: &Path) -> u8 {
    let (name, source) = match read(path) {
        Ok(read) => read,
        Err(e) => {
            report_error(&e);
            return EXIT_ERROR;
        }
    };
    let dockerfile = syntax::parser::parse(&source);
    if dockerfile.is_not_a_dockerfile() {
        eprintln!(
            "layerlint: error: {name}: {}",
            layerlint::lint::NOT_A_DOCKERFILE
        );
        return EXIT_ERROR;
    }
    if let Some(error) = dockerfile.parser_errors().next() {
        let at = dockerfile.position(error.span.start);
        eprintln!(
            "layerlint: error: {name}:{}:{}: {}",
            at.line, at.column, error.message
        );
        return EXIT_ERROR;
    }
    match emit(&syntax::dump::dump(&dockerfile)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("layerlint: error: {e}");
            EXIT_ERROR
        }
    }
}

fn list_rules(format: ListFormat) -> u8 {
    let mut out = String::new();
    match format {
        ListFormat::Text => {
            let width = RULES.iter().map(|r| r.meta.code.len()).max().unwrap_or(8);
            for rule in RULES {
                let m = &rule.meta;
                let aliases = if m.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" (also {})", m.aliases.join(", "))
                };
                out.push_str(&format!(
                    "{:<width$} {:<8} {}{}\n",
                    m.code,
                    m.default_severity.as_str(),
                    m.summary,
                    aliases
                ));
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.meta.code,
                        "name": r.meta.name,
                        "severity": r.meta.default_severity,
                        "aliases": r.meta.aliases,
                        "summary": r.meta.summary,
                        "fixable": r.meta.fixable,
                    })
                })
                .collect();
            out.push_str(&serde_json::to_string_pretty(&list).expect("rules serialize"));
            out.push('\n');
        }
    }
    match emit(&out) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("layerlint: error: {e}");
            EXIT_ERROR
        }
    }
}

fn explain(code: &str) -> u8 {
    match rules::find(code) {
        Some(rule) => match emit(rule.meta.page) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("layerlint: error: {e}");
                EXIT_ERROR
            }
        },
        None => {
            let mut message = format!("layerlint: error: no rule named '{code}'");
            let names = RULES
                .iter()
                .flat_map(|r| std::iter::once(r.meta.code).chain(r.meta.aliases.iter().copied()));
            if let Some(s) = layerlint::suggest::closest(code, names) {
                message.push_str(&format!(" (did you mean {s}?)"));
            }
            eprintln!("{message}");
            EXIT_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every flag of every command says what it does in its help.
    #[test]
    fn every_flag_has_a_description() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "layerlint", &mut missing);
        assert!(missing.is_empty(), "flags without help: {missing:?}");
    }
}
