//! `layerlint cache`: predict rebuilds, snapshot, suggest, replay history.

use super::files::{write_all_atomically, write_atomically};
use super::{EXIT_ERROR, emit, terminal_width};
use clap::Subcommand;
use layerlint::context::{self, BuildContext, DockerIgnore, read_ignore_file};
use layerlint::input;
use layerlint::output::{
    render_cache_json, render_cache_markdown, render_cache_text, render_history_markdown,
    render_suggest_markdown, render_versioned,
};
use layerlint::syntax;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The verdicts and exit codes, for `cache --help`.
pub(super) const CACHE_HELP: &str = "\
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
pub(super) struct CacheArgs {
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
    #[arg(long = "build-arg", value_name = "K=V", global = true, value_parser = super::parse_build_arg)]
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
    #[arg(short, long, value_enum, default_value_t = CacheFormat::Text)]
    format: CacheFormat,
}

/// What `cache` prints: a table, the JSON contract (schemas/cache.v1.json), or Markdown
/// for a pull-request comment or a job summary.
#[derive(Clone, Copy, clap::ValueEnum)]
enum CacheFormat {
    Text,
    Json,
    Markdown,
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

pub(super) fn cache(args: CacheArgs) -> u8 {
    match run_cache(args) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("layerlint: error: {message}");
            EXIT_ERROR
        }
    }
}

/// The Dockerfile, parsed, or the first error BuildKit's parser would stop at.
fn load_dockerfile<'s>(path: &Path, source: &'s str) -> Result<syntax::Dockerfile<'s>, String> {
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
            .as_deref()
            .map(|text| load_dockerfile(Path::new(&format!("{rev}:{rel}")), text))
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
        CacheFormat::Text => render_cache_text(&reports, terminal_width()),
        CacheFormat::Json => render_cache_json(&reports),
        CacheFormat::Markdown => {
            render_cache_markdown(&dockerfile_path.to_string_lossy(), &reports)
        }
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
    let layout = Layout::of(&root, context_dir, dockerfile_path)?;
    let dockerfile = layout.dockerfile.clone();
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
        CacheFormat::Json => {
            let mut value = serde_json::to_value(&replay).map_err(|e| e.to_string())?;
            if let Some(s) = &suggested {
                value["suggested"] = serde_json::json!({ "steps": s.steps });
            }
            render_versioned(&value)
        }
        CacheFormat::Text => render_history_text(&replay, suggested.as_ref()),
        CacheFormat::Markdown => render_history_markdown(
            &dockerfile_path.to_string_lossy(),
            &replay,
            suggested.as_ref(),
        ),
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
    // The Dockerfile's diff, then the .dockerignore's, with a blank line between.
    let suggest_diffs = |shown: &layerlint::cache::suggest::Suggestion| {
        let name = |p: &Path| {
            p.strip_prefix(context_dir)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        };
        let mut diffs = unified_diff(source, &shown.dockerfile, &name(dockerfile_path));
        if let Some(new_ignore) = &shown.dockerignore {
            if !diffs.is_empty() {
                diffs.push('\n');
            }
            diffs.push_str(&unified_diff(
                ignore_text.as_deref().unwrap_or(""),
                new_ignore,
                &name(&ignore_path),
            ));
        }
        diffs
    };
    let rendered = match args.format {
        CacheFormat::Json => render_versioned(&shown),
        CacheFormat::Markdown => render_suggest_markdown(
            &dockerfile_path.to_string_lossy(),
            &shown,
            &suggest_diffs(&shown),
        ),
        CacheFormat::Text => {
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
            let diffs = suggest_diffs(&shown);
            if !diffs.is_empty() {
                out.push('\n');
                out.push_str(&diffs);
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
