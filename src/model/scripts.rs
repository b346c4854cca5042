//! The shell script each RUN runs, as the shell module reads it: the command line, and
//! heredoc bodies where they are scripts (`RUN <<EOF`, `RUN bash <<EOF`), each word placed
//! at its exact line and column in the Dockerfile.

use crate::shell::{self, Placement, Script};
use crate::syntax::{Args, Command, Heredoc, Instruction, Keyword, Span, grammar};

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
        Command::Exec(argv) => shell::from_argv(
            &argv
                .iter()
                .map(|w| (w.value.clone(), w.span))
                .collect::<Vec<_>>(),
        ),
        Command::Shell(line) if heredocs.is_empty() => {
            let map = |s: usize, e: usize| run.span_within(line, s, e);
            shell::parse(&line.value, Placement::Mapped(&map))
        }
        Command::Shell(line) => with_heredocs(run, line, heredocs),
    })
}

fn with_heredocs(run: &Instruction, line: &crate::syntax::Word, heredocs: &[Heredoc]) -> Script {
    let only_markers = line
        .value
        .split_whitespace()
        .all(|w| grammar::heredoc_marker(w).is_some());
    let mut script = Script::default();
    if !only_markers {
        // The command line with its heredocs inline, as the shell receives it.
        let mut text = line.value.clone();
        let mut segments = vec![(0usize, None::<&Heredoc>)];
        for h in heredocs {
            text.push('\n');
            segments.push((text.len(), Some(h)));
            text.push_str(&h.content);
            text.push_str(&h.name);
        }
        let map = |s: usize, e: usize| {
            let i = segments.partition_point(|&(at, _)| at <= s) - 1;
            match segments[i] {
                (_, None) => run.span_within(line, s, e.min(line.value.len())),
                (at, Some(h)) => Span::new(h.body.start + s - at, h.body.start + e - at),
            }
        };
        script.append(shell::parse(&text, Placement::Mapped(&map)));
    }
    // Bodies the shell itself runs: `RUN <<EOF` alone, or fed to `sh`/`bash` on stdin.
    let fed_to_shell = script.commands.first().is_some_and(|c| {
        let base = c.name.rsplit('/').next().unwrap_or(&c.name);
        matches!(base, "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh") && !c.has_flag("c")
    });
    if only_markers || fed_to_shell {
        for h in heredocs {
            if is_shell_script(&h.content) {
                let map = |s: usize, e: usize| Span::new(h.body.start + s, h.body.start + e);
                script.append(shell::parse(&h.content, Placement::Mapped(&map)));
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
