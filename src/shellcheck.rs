//! ShellCheck on RUN scripts, set up as hadolint does: the shebang comes from the stage's
//! SHELL (or a `# hadolint shell=` pragma), the stage's ARG and ENV names and the proxy
//! variables are exported first so they do not read as unset, and SC2187, SC1090 and
//! SC1091 are off. Unlike hadolint, every finding lands on its own line and column in the
//! Dockerfile, also inside continuation lines and heredocs.
//!
//! Scripts are written to a temporary folder and checked by a few ShellCheck processes,
//! each given a batch of files, not one process per RUN.

use crate::config::Settings;
use crate::diagnostics::{Diagnostic, Severity};
use crate::lint;
use crate::model::{InlineScript, Model, is_shell_script, only_heredoc_markers};
use crate::syntax::{Args, Command, Dockerfile, Keyword, Span};
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// Codes hadolint turns off: unsupported `ash` shebangs and `source`d files that cannot
/// be followed from a Dockerfile.
const EXCLUDED: &str = "SC2187,SC1090,SC1091";

/// Scripts per ShellCheck process.
const BATCH: usize = 64;

/// ShellCheck's time grows faster than linearly with script size; a generated RUN of
/// hundreds of kilobytes would stall the whole run, so such scripts are not checked.
const MAX_SCRIPT_BYTES: usize = 64 * 1024;

/// ShellCheck's parser backtracks over nested `$( cmd ... )`, and over `$((` that is not
/// arithmetic: its time about doubles with each level, from 0.13 s at 8 levels to 6 s at
/// 14 and minutes at 20 (ShellCheck 0.9).
/// Real scripts nest two or three; a script nesting deeper is not checked, so that one
/// generated or hostile RUN cannot stall the run.
const MAX_SUBSTITUTION_NESTING: usize = 8;

/// Whether `text` nests `$(...)` or `$((...))` deeper than `limit`. Quotes are not
/// read: a `$(` written inside single quotes counts too, which only errs towards not
/// checking a script no real one resembles.
fn substitutions_nest_deeper_than(text: &str, limit: usize) -> bool {
    let bytes = text.as_bytes();
    // For each open parenthesis, whether a `$` opened it.
    let mut open: Vec<bool> = Vec::new();
    let mut substitutions = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' => {
                let dollar = i > 0 && bytes[i - 1] == b'$';
                open.push(dollar);
                if dollar {
                    substitutions += 1;
                    if substitutions > limit {
                        return true;
                    }
                }
            }
            b')' => substitutions -= usize::from(open.pop() == Some(true)),
            _ => {}
        }
    }
    false
}

const PROXY_VARIABLES: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// One script to check and how its text maps back into the Dockerfile.
struct Job {
    file: usize,
    /// The text handed to ShellCheck.
    text: String,
    /// Lines of `text` before the script itself (shebang and exports).
    prefix_lines: usize,
    /// Where the script (after the prefix) comes from in the Dockerfile.
    origin: Origin,
}

enum Origin {
    /// A heredoc body starting at this source offset.
    Body(usize),
    /// The command line (with any heredocs inline) of the RUN at this instruction index.
    Inline(usize, InlineScript),
}

impl Job {
    /// The line where the RUN holding the script starts.
    fn run_line(&self, model: &Model) -> usize {
        let dockerfile = model.dockerfile;
        match &self.origin {
            Origin::Inline(index, _) => dockerfile.instructions[*index].start_line,
            Origin::Body(body) => dockerfile
                .instructions
                .iter()
                .find(|i| i.heredocs.iter().any(|h| h.body.start == *body))
                .map_or_else(|| dockerfile.position(*body).line, |i| i.start_line),
        }
    }

    /// The source span of `script[start..end]` (offsets after the prefix).
    fn span(&self, dockerfile: &Dockerfile, start: usize, end: usize) -> Span {
        match &self.origin {
            Origin::Body(body) => Span::new(body + start, body + end),
            Origin::Inline(index, inline) => {
                let run = dockerfile.instructions[*index].effective();
                match &run.args {
                    Args::Command(Command::Shell(line)) => inline.span(run, line, start, end),
                    _ => run.span,
                }
            }
        }
    }
}

/// ShellCheck could not run at all.
#[derive(Debug)]
pub enum Unavailable {
    NotInstalled,
    Failed(String),
}

/// ShellCheck's version line, or `None` when no `shellcheck` answers on PATH.
fn version() -> Option<String> {
    let out = std::process::Command::new("shellcheck")
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether a `shellcheck` program answers on PATH.
pub fn is_installed() -> bool {
    version().is_some()
}

/// One ShellCheck finding, in the coordinates of the script it was given.
#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Comment {
    line: usize,
    end_line: usize,
    column: usize,
    end_column: usize,
    level: String,
    code: u32,
    message: String,
}

/// ShellCheck's findings for each file, suppressions and severity overrides applied,
/// with results remembered in the default cache (`ResultCache::at_default_location`).
pub fn check(files: &[(&Dockerfile, &Settings)]) -> Result<Checked, Unavailable> {
    check_with(
        files,
        ResultCache::at_default_location().as_ref(),
        DEFAULT_TIMEOUT,
    )
}

/// How long one ShellCheck process may run before it is stopped (`--shellcheck-timeout`).
/// A batch of ordinary scripts takes a second or two.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What `check` found: each file's findings, and the RUNs ShellCheck did not finish.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Vec<Diagnostic>>,
    /// (file index, line of the RUN) of each script ShellCheck did not finish within the
    /// timeout, even alone: its ShellCheck findings are missing, and nothing is cached.
    pub timed_out: Vec<(usize, usize)>,
}

/// As `check`, with results read from and written to `cache` (none: always run), and
/// each ShellCheck process stopped after `timeout`. A batch that overruns is stopped and
/// its scripts checked one at a time, so that one script ShellCheck cannot finish (its
/// parser is exponential on some inputs) neither stalls the run nor costs the findings
/// of the scripts batched with it.
pub fn check_with(
    files: &[(&Dockerfile, &Settings)],
    cache: Option<&ResultCache>,
    timeout: Duration,
) -> Result<Checked, Unavailable> {
    let models: Vec<Model> = files.iter().map(|(df, _)| Model::build(df)).collect();
    let mut jobs = Vec::new();
    for (n, model) in models.iter().enumerate() {
        jobs.extend(jobs_for(n, model));
    }
    jobs.retain(|j| {
        j.text.len() <= MAX_SCRIPT_BYTES
            && !substitutions_nest_deeper_than(&j.text, MAX_SUBSTITUTION_NESTING)
    });
    let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); files.len()];
    let mut timed_out = Vec::new();
    if jobs.is_empty() {
        return Ok(Checked {
            diagnostics: out,
            timed_out,
        });
    }
    let Some(version) = version() else {
        return Err(Unavailable::NotInstalled);
    };
    // A script's findings depend on its text (shebang and exports included), on
    // ShellCheck's version and on the options: that is the key.
    let keys: Vec<String> = jobs
        .par_iter()
        .map(|j| cache_key(&version, &j.text))
        .collect();
    let mut comments: Vec<Option<Vec<Comment>>> = match cache {
        Some(c) => keys.par_iter().map(|k| c.get(k)).collect(),
        None => vec![None; jobs.len()],
    };
    let missing: Vec<usize> = (0..jobs.len()).filter(|&i| comments[i].is_none()).collect();
    if !missing.is_empty() {
        let dir = tempfile::tempdir().map_err(|e| Unavailable::Failed(e.to_string()))?;
        // Enough batches to keep every core busy, none longer than BATCH scripts.
        let threads = rayon::current_num_threads().max(1);
        let size = missing.len().div_ceil(threads * 2).clamp(1, BATCH);
        let results: Vec<Result<Vec<Option<Vec<Comment>>>, Unavailable>> = missing
            .par_chunks(size)
            .enumerate()
            .map(|(batch, chunk)| {
                let texts: Vec<&str> = chunk.iter().map(|&i| jobs[i].text.as_str()).collect();
                let name = batch.to_string();
                if let Some(found) = run_batch(dir.path(), &name, &texts, timeout)? {
                    return Ok(found.into_iter().map(Some).collect());
                }
                if let [_] = texts[..] {
                    return Ok(vec![None]);
                }
                // One of them stalls ShellCheck: each alone, to find which.
                texts
                    .iter()
                    .enumerate()
                    .map(|(n, text)| {
                        let name = format!("{batch}-alone-{n}");
                        let found = run_batch(dir.path(), &name, &[text], timeout)?;
                        Ok(found.and_then(|f| f.into_iter().next()))
                    })
                    .collect()
            })
            .collect();
        for (chunk, result) in missing.chunks(size).zip(results) {
            for (&i, found) in chunk.iter().zip(result?) {
                match found {
                    Some(found) => comments[i] = Some(found),
                    None => {
                        let job = &jobs[i];
                        timed_out.push((job.file, job.run_line(&models[job.file])));
                    }
                }
            }
        }
        if let Some(c) = cache {
            let written: Vec<(&str, &[Comment])> = missing
                .iter()
                .filter_map(|&i| comments[i].as_deref().map(|f| (keys[i].as_str(), f)))
                .collect();
            c.put_all(&written);
        }
    }
    for (job, found) in jobs.iter().zip(comments) {
        for c in found.unwrap_or_default() {
            out[job.file].extend(diagnostic(job, &models[job.file], c));
        }
    }
    for (n, diagnostics) in out.iter_mut().enumerate() {
        let settings = files[n].1;
        for d in diagnostics.iter_mut() {
            if let Some(severity) = settings.override_for(&d.code) {
                d.severity = severity;
            }
        }
        let suppressions = lint::Suppressions::new(&models[n], settings);
        diagnostics.retain(|d| !suppressions.suppresses(d));
        *diagnostics = lint::one_per_instruction(std::mem::take(diagnostics), models[n].dockerfile);
    }
    Ok(Checked {
        diagnostics: out,
        timed_out,
    })
}

/// ShellCheck's options, part of every cache key.
const OPTIONS: [&str; 7] = ["--norc", "-f", "json1", "-S", "style", "-e", EXCLUDED];

fn cache_key(version: &str, text: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(version.as_bytes());
    hash.update([0]);
    hash.update(OPTIONS.join(" ").as_bytes());
    hash.update([0]);
    hash.update(text.as_bytes());
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The findings of each script, in order, from one ShellCheck process; `None` when it
/// did not finish within `timeout` (it is then stopped).
fn run_batch(
    dir: &Path,
    batch: &str,
    texts: &[&str],
    timeout: Duration,
) -> Result<Option<Vec<Vec<Comment>>>, Unavailable> {
    use wait_timeout::ChildExt;
    let failed = |e: std::io::Error| Unavailable::Failed(e.to_string());
    let mut paths: Vec<PathBuf> = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        let path = dir.join(format!("{batch}-{i}.sh"));
        std::fs::write(&path, text).map_err(failed)?;
        paths.push(path);
    }
    // Its output goes to files, not pipes: nothing needs reading while it runs, so the
    // wait can have a deadline.
    let stdout_path = dir.join(format!("{batch}.out"));
    let stderr_path = dir.join(format!("{batch}.err"));
    let mut child = std::process::Command::new("shellcheck")
        .args(OPTIONS)
        .args(&paths)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).map_err(failed)?)
        .stderr(std::fs::File::create(&stderr_path).map_err(failed)?)
        .spawn()
        .map_err(failed)?;
    let Some(status) = child.wait_timeout(timeout).map_err(failed)? else {
        // Killing one that has just exited is harmless; the wait reaps it.
        let _ = child.kill();
        child.wait().map_err(failed)?;
        return Ok(None);
    };
    let output = std::process::Output {
        status,
        stdout: std::fs::read(&stdout_path).map_err(failed)?,
        stderr: std::fs::read(&stderr_path).map_err(failed)?,
    };
    // Exit 1 means "found something"; anything else with no JSON is a failure.
    #[derive(Deserialize)]
    struct Report {
        comments: Vec<FileComment>,
    }
    #[derive(Deserialize)]
    struct FileComment {
        file: String,
        #[serde(flatten)]
        comment: Comment,
    }
    let report: Report = serde_json::from_slice(&output.stdout).map_err(|_| {
        Unavailable::Failed(String::from_utf8_lossy(&output.stderr).trim().to_string())
    })?;
    let index: std::collections::HashMap<String, usize> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| (p.to_string_lossy().into_owned(), i))
        .collect();
    let mut found = vec![Vec::new(); texts.len()];
    for c in report.comments {
        if let Some(&i) = index.get(&c.file) {
            found[i].push(c.comment);
        }
    }
    Ok(Some(found))
}

/// A ShellCheck comment on a job's script as a finding in the Dockerfile.
fn diagnostic(job: &Job, model: &Model, c: Comment) -> Option<Diagnostic> {
    // Findings about the lines we added (the shebang, the exports) are ours, not the user's.
    if c.line <= job.prefix_lines {
        return None;
    }
    let start = offset(&job.text, c.line, c.column);
    let end = offset(&job.text, c.end_line, c.end_column).max(start);
    let base = prefix_len(&job.text, job.prefix_lines);
    let span = job.span(
        model.dockerfile,
        start.saturating_sub(base),
        end.saturating_sub(base),
    );
    Some(Diagnostic {
        code: format!("SC{}", c.code).into(),
        severity: match c.level.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => Severity::Style,
        },
        message: c.message,
        span,
        fix: None,
        peers: &[],
        related: Vec::new(),
    })
}

/// ShellCheck's results by content, on disk: one small JSON file per script under a
/// folder, written atomically (a temporary file renamed into place, so concurrent runs
/// never see half an entry), ignored when unreadable or corrupt, and kept under
/// `MAX_ENTRIES` by removing the least recently used.
pub struct ResultCache {
    dir: PathBuf,
}

/// How many scripts' results the cache keeps.
pub const MAX_ENTRIES: usize = 20_000;

impl ResultCache {
    pub fn new(dir: PathBuf) -> Self {
        ResultCache { dir }
    }

    /// `$XDG_CACHE_HOME/layerlint/shellcheck`, else `~/.cache/layerlint/shellcheck`.
    pub fn at_default_location() -> Option<Self> {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
        Some(ResultCache::new(base.join("layerlint/shellcheck")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{}.json", &key[2..]))
    }

    fn get(&self, key: &str) -> Option<Vec<Comment>> {
        let path = self.path(key);
        let bytes = std::fs::read(&path).ok()?;
        let found = serde_json::from_slice(&bytes).ok()?;
        // Used now: the last to be removed when the cache is full.
        if let Ok(file) = std::fs::File::options().append(true).open(&path) {
            let _ = file.set_modified(std::time::SystemTime::now());
        }
        Some(found)
    }

    /// Store results; a cache that cannot be written is no cache, not an error.
    fn put_all(&self, entries: &[(&str, &[Comment])]) {
        use std::io::Write;
        for (key, comments) in entries {
            let path = self.path(key);
            let Some(dir) = path.parent() else { continue };
            if std::fs::create_dir_all(dir).is_err() {
                return;
            }
            let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else {
                continue;
            };
            let Ok(json) = serde_json::to_vec(comments) else {
                continue;
            };
            if tmp.write_all(&json).is_ok() {
                let _ = tmp.persist(&path);
            }
        }
        if !entries.is_empty() {
            self.prune(MAX_ENTRIES);
        }
    }

    /// Keep the `keep` most recently used entries.
    pub fn prune(&self, keep: usize) {
        let mut entries: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
        for sub in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            for entry in std::fs::read_dir(sub.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "json") {
                    let modified = entry
                        .metadata()
                        .and_then(|m| m.modified())
                        .unwrap_or(std::time::UNIX_EPOCH);
                    entries.push((modified, path));
                }
            }
        }
        if entries.len() <= keep {
            return;
        }
        entries.sort();
        let excess = entries.len() - keep;
        for (_, path) in entries.into_iter().take(excess) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Byte offset of a 1-based line and 1-based character column.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = prefix_len(text, line.saturating_sub(1));
    let rest = &text[line_start..];
    let line_text = rest.split('\n').next().unwrap_or("");
    line_start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// Byte length of the first `lines` lines.
fn prefix_len(text: &str, lines: usize) -> usize {
    text.split_inclusive('\n').take(lines).map(str::len).sum()
}

/// The scripts of one file's RUN instructions.
fn jobs_for(file: usize, model: &Model) -> Vec<Job> {
    let dockerfile = model.dockerfile;
    let mut jobs = Vec::new();
    for (index, instruction) in dockerfile.instructions.iter().enumerate() {
        let run = instruction.effective();
        if run.keyword != Keyword::Run {
            continue;
        }
        let Args::Command(Command::Shell(line)) = &run.args else {
            // Exec form runs no shell.
            continue;
        };
        // `ONBUILD RUN` runs in a child image, whose SHELL, ARGs and ENVs this file does
        // not know: hadolint checks it as /bin/sh with only the predefined proxy names.
        let onbuild = instruction.keyword == Keyword::Onbuild;
        let shell = if onbuild {
            "/bin/sh -c".to_string()
        } else {
            shell_at(model, index)
        };
        if ["pwsh", "powershell", "cmd"]
            .iter()
            .any(|s| shell.contains(s))
        {
            continue;
        }
        let program = shell
            .split_whitespace()
            .next()
            .unwrap_or("/bin/sh")
            .to_string();
        let names = if onbuild {
            PROXY_VARIABLES.iter().map(|n| n.to_string()).collect()
        } else {
            declared(model, index)
        };
        let prefix = prefix(&program, &names);
        let prefix_lines = prefix.matches('\n').count();
        let heredocs = &instruction.heredocs;
        if !heredocs.is_empty() && only_heredoc_markers(line) {
            // `RUN <<EOF`: each body is a script of its own.
            for h in heredocs.iter().filter(|h| is_shell_script(h.content)) {
                let own_shebang = h.content.starts_with("#!");
                let (text, lines) = if own_shebang {
                    (h.content.to_string(), 0)
                } else {
                    (format!("{prefix}{}", h.content), prefix_lines)
                };
                jobs.push(Job {
                    file,
                    text,
                    prefix_lines: lines,
                    origin: Origin::Body(h.body.start),
                });
            }
            continue;
        }
        let inline = InlineScript::new(line, heredocs);
        jobs.push(Job {
            file,
            text: format!("{prefix}{}\n", inline.text),
            prefix_lines,
            origin: Origin::Inline(index, inline),
        });
    }
    jobs
}

fn prefix(program: &str, names: &[String]) -> String {
    let mut text = format!("#!{program}\n");
    for name in names {
        text.push_str(&format!("export {name}=1\n"));
    }
    text
}

/// The shell of the RUN at `index`: a `# hadolint shell=` pragma or SHELL, whichever
/// comes later (SHELL is inherited through `FROM <stage>`), else `/bin/sh`.
fn shell_at(model: &Model, index: usize) -> String {
    let line = model.dockerfile.instructions[index].start_line;
    let pragma = model.pragmas.shell_before(line);
    let shell = model
        .lineage(index)
        .find(|(_, i)| i.keyword == Keyword::Shell)
        .filter(|(_, shell)| pragma.is_none_or(|p| p.line < shell.start_line));
    match (shell, pragma) {
        (Some((_, shell)), _) => match &shell.args {
            Args::Command(Command::Exec(words)) => words
                .iter()
                .map(|w| w.value.as_ref())
                .collect::<Vec<_>>()
                .join(" "),
            _ => "/bin/sh -c".to_string(),
        },
        (None, Some(p)) => p.shell.clone(),
        (None, None) => "/bin/sh -c".to_string(),
    }
}

/// ARG and ENV names visible at the RUN, and the proxy variables BuildKit predefines.
fn declared(model: &Model, index: usize) -> Vec<String> {
    let mut names: Vec<&str> = model.declared_names(index);
    names.extend(PROXY_VARIABLES);
    names.retain(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_keeps_the_most_recently_used_entries() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = ResultCache::new(tmp.path().to_path_buf());
        let comment = Comment {
            line: 2,
            end_line: 2,
            column: 6,
            end_column: 8,
            level: "info".into(),
            code: 2086,
            message: "Double quote to prevent globbing and word splitting.".into(),
        };
        let keys: Vec<String> = (0..30)
            .map(|i| cache_key("v", &format!("echo {i}")))
            .collect();
        for (i, key) in keys.iter().enumerate() {
            cache.put_all(&[(key.as_str(), std::slice::from_ref(&comment))]);
            // Distinct times, oldest first.
            let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000 + i as u64);
            let file = std::fs::File::options()
                .append(true)
                .open(cache.path(key))
                .unwrap();
            file.set_modified(at).unwrap();
        }
        // Reading an old entry makes it recent.
        assert_eq!(cache.get(&keys[0]), Some(vec![comment.clone()]));
        cache.prune(10);
        let kept: Vec<bool> = keys.iter().map(|k| cache.path(k).exists()).collect();
        assert!(kept[0], "the entry just read stays");
        assert_eq!(kept.iter().filter(|&&k| k).count(), 10);
        assert!(kept[21..].iter().all(|&k| k), "the newest stay: {kept:?}");
        assert!(!kept[1], "the oldest unused goes");
        // Keys differ with the version, the options and the text.
        assert_ne!(cache_key("v", "echo 1"), cache_key("w", "echo 1"));
        assert_ne!(cache_key("v", "echo 1"), cache_key("v", "echo 2"));
    }

    #[test]
    fn substitution_nesting_is_counted_by_level() {
        let nest = |open: &str, close: &str, n: usize| {
            format!("echo {}1{}", open.repeat(n), close.repeat(n))
        };
        for (open, close) in [("$( echo ", " )"), ("$(( 1 + ", " ))"), ("\"$(", ")\"")] {
            assert!(!substitutions_nest_deeper_than(&nest(open, close, 8), 8));
            assert!(substitutions_nest_deeper_than(&nest(open, close, 9), 8));
        }
        // Side by side, or with plain parentheses between, they do not add up.
        let side_by_side = "a $(b) $(c) $((1)) $( (d) ) ".repeat(20);
        assert!(!substitutions_nest_deeper_than(&side_by_side, 1));
        assert!(!substitutions_nest_deeper_than(
            "( ( ( ( ( ( ( ( ( ( x ) ) ) ) ) ) ) ) ) )",
            1
        ));
        assert!(substitutions_nest_deeper_than("a $(b $(c) $(d $(e)))", 2));
    }

    #[test]
    fn offsets_count_characters() {
        let text = "#!/bin/sh\n\techo é $x\n";
        assert_eq!(&text[offset(text, 2, 9)..offset(text, 2, 11)], "$x");
    }
}
