//! DL3059: Multiple consecutive `RUN` instructions.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3059",
        name: "consecutive-run",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "Multiple consecutive `RUN` instructions. Consider consolidation.",
        page: include_str!("../../../rules/DL3059.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Multiple consecutive `RUN` instructions. Consider consolidation.";

fn check(cx: &Context, out: &mut Reporter) {
    // (flags, number of commands) of the RUN just before, if nothing else came between.
    // Only single-command RUNs are merged: hadolint's limit of "two commands" counts
    // each command twice (ShellCheck yields it once per syntax node that wraps it).
    let mut previous: Option<(Vec<&str>, usize)> = None;
    for (index, instruction) in cx.instructions().iter().enumerate() {
        if instruction.keyword != Keyword::Run {
            previous = None;
            continue;
        }
        let mut flags: Vec<&str> = instruction.flags.iter().map(|f| f.text.as_ref()).collect();
        flags.sort_unstable();
        let count = cx
            .model
            .script(index)
            .map_or(0, |s| s.commands.iter().filter(|c| !c.nested).count());
        if let Some((prev_flags, prev_count)) = &previous
            && *prev_flags == flags
            && count <= 1
            && *prev_count <= 1
        {
            out.report(instruction.keyword_word.span, MESSAGE);
        }
        // After a heredoc RUN hadolint starts afresh (its parser ends the instruction
        // stream there with the heredoc's body): the next RUN is not consecutive to it.
        previous = instruction.heredocs.is_empty().then_some((flags, count));
    }
}
