//! DL3066: Non-numeric user-id may not be resolvable by host system.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3066",
        name: "non-numeric-user",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "Non-numeric user-id may not be resolvable by host system",
        page: include_str!("../../../rules/DL3066.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Non-numeric user-id may not be resolvable by host system";

fn check(cx: &Context, out: &mut Reporter) {
    // The user the container runs as: the last USER in effect at the end of the last
    // stage (hadolint PR #1239).
    // A fragment with no FROM (hadolint lints those too) runs as its last USER.
    let user = match cx.model.stages.last() {
        Some(last) => cx
            .model
            .stage_lineage(last.index)
            .find(|(_, i)| i.keyword == Keyword::User),
        None => cx
            .instructions()
            .iter()
            .enumerate()
            .rev()
            .find(|(_, i)| i.keyword == Keyword::User),
    };
    let Some((index, user)) = user else {
        return;
    };
    let Args::Text(word) = &user.args else {
        return;
    };
    let uid = word.value.split(':').next().unwrap_or("");
    // hadolint looks for the ARG in the whole text, group included.
    if uid.chars().all(|c| c.is_ascii_digit()) || names_an_arg(cx, index, &word.value) {
        return;
    }
    out.report(word.span, MESSAGE);
}

/// Whether `user` refers (`$NAME` or `${NAME}`) to an ARG declared above the USER at
/// `index`, in any stage, as hadolint checks it: a build argument may well be numeric,
/// a variable the base image sets (`USER $APP_UID`) is not known to be.
fn names_an_arg(cx: &Context, index: usize, user: &str) -> bool {
    if !user.contains('$') {
        return false;
    }
    cx.instructions()[..index]
        .iter()
        .filter_map(|i| match &i.args {
            Args::ArgDecls(decls) if i.keyword == Keyword::Arg => Some(decls),
            _ => None,
        })
        .flatten()
        .any(|decl| {
            let name = decl.name.value.as_ref();
            user.contains(&format!("${{{name}}}")) || user.contains(&format!("${name}"))
        })
}

#[cfg(test)]
mod tests {
    fn reported(source: &str) -> bool {
        crate::lint::lint(source)
            .diagnostics
            .iter()
            .any(|d| d.code == "DL3066")
    }

    /// A variable passes when an ARG above declares it (in any stage, as hadolint keeps
    /// its ARGs across FROMs); one the base image sets does not.
    #[test]
    fn only_a_declared_arg_stands_for_a_uid() {
        for (source, expected) in [
            ("FROM debian:12\nARG UID=1000\nUSER $UID\n", false),
            ("FROM debian:12\nARG UID\nUSER ${UID}:0\n", false),
            ("ARG UID=1000\nFROM debian:12\nUSER $UID\n", false),
            (
                "FROM debian:12 AS a\nARG UID\nFROM debian:12\nUSER $UID\n",
                false,
            ),
            ("FROM debian:12\nUSER $APP_UID\n", true),
            // As hadolint: an ARG anywhere in the text, the group's too.
            ("FROM debian:12\nARG GID\nUSER ${APP_UID}:$GID\n", false),
            ("FROM debian:12\nUSER $UID\nARG UID\n", true),
            ("FROM debian:12\nUSER 1000:app\n", false),
            ("FROM debian:12\nUSER app\n", true),
        ] {
            assert_eq!(reported(source), expected, "{source:?}");
        }
    }
}
