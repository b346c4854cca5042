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

/// Codes hadolint turns off: unsupported `ash` shebangs and `source`d files that cannot
/// be followed from a Dockerfile.
const EXCLUDED: &str = "SC2187,SC1090,SC1091";

/// Scripts per ShellCheck process.
const BATCH: usize = 64;

/// ShellCheck's time grows faster than linearly with script size; a generated RUN of
/// hundreds of kilobytes would stall the whole run, so such scripts are not checked.
const MAX_SCRIPT_BYTES: usize = 64 * 1024;

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

/// Whether a `shellcheck` program answers on PATH.
pub fn is_installed() -> bool {
    std::process::Command::new("shellcheck")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// ShellCheck's findings for each file, suppressions and severity overrides applied.
pub fn check(files: &[(&Dockerfile, &Settings)]) -> Result<Vec<Vec<Diagnostic>>, Unavailable> {
    let models: Vec<Model> = files.iter().map(|(df, _)| Model::build(df)).collect();
    let mut jobs = Vec::new();
    for (n, model) in models.iter().enumerate() {
        jobs.extend(jobs_for(n, model));
    }
    jobs.retain(|j| j.text.len() <= MAX_SCRIPT_BYTES);
    let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); files.len()];
    if jobs.is_empty() {
        return Ok(out);
    }
    if !is_installed() {
        return Err(Unavailable::NotInstalled);
    }
    let dir = tempfile::tempdir().map_err(|e| Unavailable::Failed(e.to_string()))?;
    let results: Vec<Result<Vec<(usize, Diagnostic)>, Unavailable>> = jobs
        .par_chunks(BATCH)
        .enumerate()
        .map(|(batch, chunk)| run_batch(dir.path(), batch, chunk, &models))
        .collect();
    for result in results {
        for (file, d) in result? {
            out[file].push(d);
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
    }
    Ok(out)
}

fn run_batch(
    dir: &Path,
    batch: usize,
    jobs: &[Job],
    models: &[Model],
) -> Result<Vec<(usize, Diagnostic)>, Unavailable> {
    let failed = |e: std::io::Error| Unavailable::Failed(e.to_string());
    let mut paths: Vec<PathBuf> = Vec::with_capacity(jobs.len());
    for (i, job) in jobs.iter().enumerate() {
        let path = dir.join(format!("{batch}-{i}.sh"));
        std::fs::write(&path, &job.text).map_err(failed)?;
        paths.push(path);
    }
    let output = std::process::Command::new("shellcheck")
        .args(["--norc", "-f", "json1", "-S", "style", "-e", EXCLUDED])
        .args(&paths)
        .stdin(Stdio::null())
        .output()
        .map_err(failed)?;
    // Exit 1 means "found something"; anything else with no JSON is a failure.
    #[derive(Deserialize)]
    struct Report {
        comments: Vec<Comment>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Comment {
        file: String,
        line: usize,
        end_line: usize,
        column: usize,
        end_column: usize,
        level: String,
        code: u32,
        message: String,
    }
    let report: Report = serde_json::from_slice(&output.stdout).map_err(|_| {
        Unavailable::Failed(String::from_utf8_lossy(&output.stderr).trim().to_string())
    })?;
    let mut found = Vec::new();
    for c in report.comments {
        let Some(i) = paths.iter().position(|p| p.to_string_lossy() == c.file) else {
            continue;
        };
        let job = &jobs[i];
        // Findings about the lines we added (the shebang, the exports) are ours, not the user's.
        if c.line <= job.prefix_lines {
            continue;
        }
        let start = offset(&job.text, c.line, c.column);
        let end = offset(&job.text, c.end_line, c.end_column).max(start);
        let base = prefix_len(&job.text, job.prefix_lines);
        let span = job.span(
            models[job.file].dockerfile,
            start.saturating_sub(base),
            end.saturating_sub(base),
        );
        found.push((
            job.file,
            Diagnostic {
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
            },
        ));
    }
    Ok(found)
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
        let shell = shell_at(model, index);
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
        let prefix = prefix(&program, &declared(model, index));
        let prefix_lines = prefix.matches('\n').count();
        let heredocs = &instruction.heredocs;
        if !heredocs.is_empty() && only_heredoc_markers(line) {
            // `RUN <<EOF`: each body is a script of its own.
            for h in heredocs.iter().filter(|h| is_shell_script(&h.content)) {
                let own_shebang = h.content.starts_with("#!");
                let (text, lines) = if own_shebang {
                    (h.content.clone(), 0)
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
                .map(|w| w.value.as_str())
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
    fn offsets_count_characters() {
        let text = "#!/bin/sh\n\techo é $x\n";
        assert_eq!(&text[offset(text, 2, 9)..offset(text, 2, 11)], "$x");
    }
}
