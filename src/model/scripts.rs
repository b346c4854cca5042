//! The shell script each RUN runs, as the shell module reads it: the command line, and
//! heredoc bodies where they are scripts (`RUN <<EOF`, `RUN bash <<EOF`), each word placed
//! at its exact line and column in the Dockerfile.

use crate::shell::{self, Placement, Script};
use crate::syntax::{Args, Command, Heredoc, Instruction, Keyword, Span, Word, grammar};

/// The script of a RUN (or of the RUN an ONBUILD wraps); `None` for other instructions.
pub fn run_script(instruction: &Instruction) -> Option<Script> {
    let run = instruction.effective();
    if run.keyword != Keyword::Run {
        return None;
    }
    let Args::Command(command) = &run.args else {
        return Some(Script::default());
    };
    // Heredocs are attached to the outer instruction of an ONBUILD.
    let heredocs = &instruction.heredocs;
    Some(match command {
        Command::Exec(argv) => {
            shell::from_argv(&argv.iter().map(|w| (&*w.value, w.span)).collect::<Vec<_>>())
        }
        Command::Shell(line) if heredocs.is_empty() => {
            let map = |s: usize, e: usize| run.span_within(line, s, e);
            shell::parse(&line.value, Placement::Mapped(&map))
        }
        Command::Shell(line) => with_heredocs(run, line, heredocs),
    })
}

/// Whether a shell-form RUN's command line is nothing but heredoc markers (`RUN <<EOF`):
/// then each body is a script of its own.
pub fn only_heredoc_markers(line: &Word) -> bool {
    line.value
        .split_whitespace()
        .all(|w| grammar::heredoc_marker(w).is_some())
}

/// A RUN's command line with its heredocs inline, as the shell receives it, and where
/// each byte of that text comes from in the Dockerfile.
#[derive(Clone, Debug)]
pub struct InlineScript {
    pub text: String,
    /// (offset in `text`, start of the heredoc body it begins, or `None` for the line).
    segments: Vec<(usize, Option<usize>)>,
}

impl InlineScript {
    pub fn new(line: &Word, heredocs: &[Heredoc]) -> InlineScript {
        let mut text = line.value.to_string();
        let mut segments = vec![(0usize, None)];
        for h in heredocs {
            text.push('\n');
            segments.push((text.len(), Some(h.body.start)));
            text.push_str(h.content);
            text.push_str(&h.name);
        }
        InlineScript { text, segments }
    }

    /// The source span of `text[start..end]`; `run` and `line` are the RUN and its
    /// command-line word this script was made from.
    pub fn span(&self, run: &Instruction, line: &Word, start: usize, end: usize) -> Span {
        let i = self.segments.partition_point(|&(at, _)| at <= start) - 1;
        match self.segments[i] {
            (_, None) => {
                let len = line.value.len();
                run.span_within(line, start.min(len), end.min(len))
            }
            (at, Some(body)) => Span::new(body + start - at, body + end - at),
        }
    }
}

fn with_heredocs(run: &Instruction, line: &Word, heredocs: &[Heredoc]) -> Script {
    let only_markers = only_heredoc_markers(line);
    let mut script = Script::default();
    if !only_markers {
        let inline = InlineScript::new(line, heredocs);
        let map = |s: usize, e: usize| inline.span(run, line, s, e);
        script.append(shell::parse(&inline.text, Placement::Mapped(&map)));
    }
    // Bodies the shell itself runs: `RUN <<EOF` alone, or fed to `sh`/`bash` on stdin.
    let fed_to_shell = script.commands.first().is_some_and(|c| {
        let base = c.name.rsplit('/').next().unwrap_or(&c.name);
        matches!(base, "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh") && !c.has_flag("c")
    });
    if only_markers || fed_to_shell {
        for h in heredocs {
            if is_shell_script(h.content) {
                let map = |s: usize, e: usize| Span::new(h.body.start + s, h.body.start + e);
                script.append(shell::parse(h.content, Placement::Mapped(&map)));
            }
        }
    }
    script
}

/// A heredoc body is a shell script unless its shebang names another interpreter.
pub fn is_shell_script(body: &str) -> bool {
    let Some(shebang) = body.strip_prefix("#!") else {
        return true;
    };
    let line = shebang.lines().next().unwrap_or("").trim();
    let mut parts = line.split_whitespace();
    let program = parts.next().unwrap_or("");
    let interpreter = if program.ends_with("/env") {
        parts.find(|p| !p.starts_with('-')).unwrap_or("")
    } else {
        program
    };
    let base = interpreter.rsplit('/').next().unwrap_or(interpreter);
    matches!(base, "sh" | "bash" | "ash" | "dash" | "ksh" | "zsh")
}
