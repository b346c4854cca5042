//! `layerlint check`: lint Dockerfiles, fix them, write the reports.

use super::files::{Durability, write_atomically, write_atomically_with};
use super::{EXIT_ERROR, EXIT_FINDINGS, emit, emit_with, read, report_error};
use foldhash::HashMap;
use layerlint::config::{ConfigCache, Format, Overrides, Settings, Threshold};
use layerlint::context::{self, BuildContext, DockerIgnore, read_ignore_file};
use layerlint::diagnostics::SYNTAX_ERROR_CODE;
use layerlint::input::{self, InputError};
use layerlint::lint::lint_with_build_context;
use layerlint::output::{self, FileReport};
use layerlint::rules::{LabelType, RULES};
use layerlint::{shellcheck, syntax};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub(super) struct CheckArgs {
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
    /// Run ShellCheck on every script, without reading or writing its result cache
    /// ($XDG_CACHE_HOME/layerlint/shellcheck).
    #[arg(long)]
    no_cache: bool,
    /// Stop a ShellCheck process that runs longer than this many seconds; a script
    /// ShellCheck cannot finish alone is named on stderr and its findings left out.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = parse_timeout)]
    shellcheck_timeout: f64,
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
    /// A build argument, as `docker build --build-arg K=V` (`K` alone takes the value from
    /// the environment); repeatable. `BUILDKIT_DOCKERFILE_CHECK=...` replaces `# check=`.
    #[arg(long = "build-arg", value_name = "K=V", value_parser = super::parse_build_arg)]
    build_args: Vec<(String, String)>,
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
            build_args: self.build_args.clone(),
        }
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

pub(super) fn check(args: CheckArgs) -> u8 {
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
    let dir_of = |path: &Path| -> PathBuf {
        match path.parent() {
            Some(p) if path.as_os_str() != "-" && !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    let dirs: Vec<PathBuf> = targets.iter().map(|p| dir_of(p)).collect();
    configs.prime(dirs.iter().map(PathBuf::as_path));
    // One merged settings value per config file, shared by the files it applies to.
    let mut merged: HashMap<Option<PathBuf>, std::sync::Arc<Settings>> = HashMap::default();
    for (path, dir) in targets.iter().zip(&dirs) {
        let key = configs.path_for_dir(dir);
        let settings = match merged.get(&key) {
            Some(settings) => std::sync::Arc::clone(settings),
            None => match configs.for_dir(dir) {
                Ok(file) => {
                    if let Some(source) = &file.source
                        && !warned_files.contains(source)
                    {
                        warn_unknown_codes(&file, &format!("in {}", source.display()));
                        warned_files.push(source.clone());
                    }
                    let settings = std::sync::Arc::new(file.merged_with(&cli));
                    merged.insert(key, std::sync::Arc::clone(&settings));
                    settings
                }
                Err(e) => {
                    eprintln!("layerlint: error: {e}");
                    return EXIT_ERROR;
                }
            },
        };
        if run.verbose {
            let source = settings
                .source
                .as_ref()
                .map_or("no configuration file".into(), |p| p.display().to_string());
            eprintln!("layerlint: {}: {source}", path.display());
        }
        per_file.push(settings);
    }

    // Each file's ignore file, then each distinct one read once: both on every core.
    let per_file_ignore: Vec<Option<PathBuf>> = targets
        .par_iter()
        .zip(&dirs)
        .map(|(path, dir)| {
            let context_dir = args.context.as_deref().unwrap_or(dir);
            if path.as_os_str() == "-" {
                let general = context_dir.join(".dockerignore");
                general.is_file().then_some(general)
            } else {
                context::ignore_file_for(path, context_dir)
            }
        })
        .collect();
    let mut distinct: Vec<&PathBuf> = per_file_ignore.iter().flatten().collect();
    distinct.sort();
    distinct.dedup();
    let parsed_files: Vec<(PathBuf, Result<DockerIgnore, String>)> = distinct
        .par_iter()
        .map(|file| ((*file).clone(), read_ignore_file(file)))
        .collect();
    let mut ignores: HashMap<PathBuf, Option<DockerIgnore>> = HashMap::default();
    for (file, parsed) in parsed_files {
        match parsed {
            Ok(parsed) => {
                ignores.insert(file, Some(parsed));
            }
            Err(message) => {
                eprintln!("layerlint: error: {message}");
                ignores.insert(file, None);
            }
        }
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
    // ShellCheck reads the syntax trees after every file is linted; without it, each
    // tree is dropped as soon as its file is, and only the text is kept to render.
    let shellchecking = run.shellcheck != Some(false);
    type Linted = (FileReport, Option<syntax::ParsedFile>, Option<FixRecord>);
    // The Dockerfiles of one folder share its context: walked once, not once each.
    let contexts = layerlint::context::SharedContexts::default();
    let results: Vec<Result<Linted, InputError>> = targets
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
            let build = root.as_deref().map(|r| {
                BuildContext::new(r, ignore, (!stdin).then_some(path.as_path()))
                    .with_ignore_file(ignore_file.as_deref())
                    .shared_with(&contexts)
            });
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
                // The text moves into the result: it is needed nowhere else.
                (
                    lint_with_build_context(source, settings, ignore, build.as_ref()),
                    None,
                )
            };
            let layerlint::lint::LintResult { file, diagnostics } = result;
            Ok(if shellchecking {
                let report = FileReport::copied_from(name, file.tree(), diagnostics);
                (report, Some(file), record)
            } else {
                let report = FileReport::new(name, file, diagnostics);
                (report, None, record)
            })
        })
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    let mut report_settings = Vec::with_capacity(results.len());
    let mut records: Vec<FixRecord> = Vec::new();
    let mut trees = Vec::new();
    for (result, settings) in results.into_iter().zip(per_file) {
        match result {
            Ok((report, tree, record)) => {
                reports.push(report);
                trees.extend(tree);
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
    if shellchecking {
        if let Some(bar) = &progress {
            bar.set_message("running ShellCheck");
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        let shared: Vec<&Settings> = report_settings.iter().map(|s| &**s).collect();
        let timeout = std::time::Duration::from_secs_f64(args.shellcheck_timeout);
        shellcheck_reports(&mut reports, &trees, &shared, !args.no_cache, timeout);
        drop(trees);
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
        let color = color && destination.is_none();
        let mut write = |w: &mut dyn std::io::Write| output::write(*format, &reports, color, w);
        let written = match destination {
            Some(path) => write_atomically_with(path, &mut write, Durability::Report)
                .map_err(|e| eprintln!("layerlint: error: {}: {e}", path.display())),
            None => emit_with(&mut write).map_err(|e| eprintln!("layerlint: error: {e}")),
        };
        if written.is_err() {
            return EXIT_ERROR;
        }
    }

    let threshold = run.failure_threshold.unwrap_or(Threshold::Info);
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.code == SYNTAX_ERROR_CODE || threshold.fails_on(d.severity));
    // The process ends here: freeing every report one by one would be the last thing
    // a many-file run does on one core, for memory the exit returns anyway.
    std::mem::forget(reports);
    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    if run.no_fail {
        return 0;
    }
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

/// Add ShellCheck's findings to each report (remembered in the result cache unless
/// `cache` is false). Without ShellCheck on PATH, say so once.
fn shellcheck_reports(
    reports: &mut [FileReport],
    trees: &[syntax::ParsedFile],
    settings: &[&Settings],
    cache: bool,
    timeout: std::time::Duration,
) {
    let files: Vec<(&syntax::Dockerfile, &Settings)> = trees
        .iter()
        .map(syntax::ParsedFile::tree)
        .zip(settings.iter().copied())
        .collect();
    let cache = cache
        .then(shellcheck::ResultCache::at_default_location)
        .flatten();
    match shellcheck::check_with(&files, cache.as_ref(), timeout) {
        Ok(found) => {
            for (report, diagnostics) in reports.iter_mut().zip(found.diagnostics) {
                report.diagnostics.extend(diagnostics);
                layerlint::lint::sort(&mut report.diagnostics);
            }
            for (file, line) in found.timed_out {
                eprintln!(
                    "layerlint: note: {}:{line}: shellcheck did not finish this RUN within {} s, so its ShellCheck findings are left out (see --shellcheck-timeout)",
                    reports[file].path,
                    timeout.as_secs_f64()
                );
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

/// A `--shellcheck-timeout`: a positive number of seconds.
fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds.is_finite() && seconds < 1e9 => Ok(seconds),
        _ => Err(format!("`{text}` is not a positive number of seconds")),
    }
}
