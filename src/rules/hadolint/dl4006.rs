//! DL4006: Set the SHELL option -o pipefail before RUN with a pipe in it.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Command, Keyword, Word};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL4006",
        name: "pipefail",
        default_severity: Severity::Warning,
        aliases: &["DS-0032"],
        peer_checks: &[],
        summary: "Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check",
        page: include_str!("../../../rules/DL4006.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check";

fn check(cx: &Context, out: &mut Reporter) {
    // One SHELL line serves the rest of its stage: the fix goes on the first piped RUN.
    let mut fixed_stages = foldhash::HashSet::default();
    for (index, run, script) in cx.runs(false) {
        if !script.has_pipe {
            continue;
        }
        match shell_at(cx, index) {
            Some(shell) if exempt(shell) => {}
            Some(_) => out.report(run.keyword_word.span, MESSAGE),
            None => {
                let stage = cx.stage_of(index).map(|s| s.index);
                let fix = stage
                    .filter(|s| !fixed_stages.contains(s))
                    .map(|_| pipefail_shell(cx, run));
                fixed_stages.extend(stage);
                out.report_with_fix(run.keyword_word.span, MESSAGE, fix);
            }
        }
    }
}

/// `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` on the line before the RUN. Unsafe: the
/// image must have bash, and every later RUN of the stage runs in it.
fn pipefail_shell(cx: &Context, run: &crate::syntax::Instruction) -> crate::diagnostics::Fix {
    let source = &cx.dockerfile.source;
    let start = source[..run.span.start].rfind('\n').map_or(0, |n| n + 1);
    let newline = cx.dockerfile.newline();
    let keyword = if run
        .keyword_word
        .value
        .chars()
        .all(|c| c.is_ascii_lowercase())
    {
        "shell"
    } else {
        "SHELL"
    };
    crate::diagnostics::Fix {
        message: "run the stage's RUNs in bash with pipefail".into(),
        applicability: crate::diagnostics::Applicability::Unsafe,
        edits: vec![crate::diagnostics::Edit {
            span: crate::syntax::Span::new(start, start),
            replacement: format!(
                "{keyword} [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]{newline}"
            ),
        }],
    }
}

/// The SHELL in effect at an instruction (a SHELL is inherited through `FROM <stage>`).
fn shell_at<'a>(cx: &Context<'a>, before: usize) -> Option<&'a [Word<'a>]> {
    let (_, shell) = cx
        .model
        .lineage(before)
        .find(|(_, i)| i.keyword == Keyword::Shell)?;
    match &shell.args {
        Args::Command(Command::Exec(words)) => Some(words.as_slice()),
        _ => None,
    }
}

/// A shell that has pipefail on, or one that is not POSIX at all.
fn exempt(shell: &[Word]) -> bool {
    let Some(program) = shell.first() else {
        return false;
    };
    let base = program
        .value
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if ["pwsh", "powershell", "cmd"]
        .iter()
        .any(|p| base.starts_with(p))
    {
        return true;
    }
    let pipefail = shell.windows(2).any(|w| {
        w[0].value.starts_with('-') && w[0].value.ends_with('o') && w[1].value == "pipefail"
    });
    matches!(base.as_str(), "bash" | "zsh" | "ash") && pipefail
}
