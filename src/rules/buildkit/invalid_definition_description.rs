//! InvalidDefinitionDescription: Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "InvalidDefinitionDescription",
        name: "invalid-definition-description",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.",
        page: include_str!("../../../rules/InvalidDefinitionDescription.md"),
        fixable: false,
        off_by_default: true,
        experimental: true,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        // The comment right above: BuildKit reads the last line of the block.
        let Some(comment) = instruction.comments.last() else {
            continue;
        };
        // BuildKit names the instruction in its message, and compares a stage's name as
        // it keeps it: lowercased (`parseBuildStageName`).
        let (what, names, span): (&str, Vec<std::borrow::Cow<str>>, _) =
            match (&instruction.args, instruction.keyword) {
                (Args::ArgDecls(decls), Keyword::Arg) => (
                    "ARG",
                    decls.iter().map(|d| d.name.value.as_ref().into()).collect(),
                    instruction.keyword_word.span,
                ),
                (Args::Words(words), Keyword::From) if words.len() == 3 => (
                    "FROM",
                    vec![words[2].value.to_ascii_lowercase().into()],
                    words[2].span,
                ),
                _ => continue,
            };
        let first = comment.value.split(' ').next().unwrap_or("");
        if names.iter().any(|n| n == first) {
            continue;
        }
        let example = if names.len() == 1 {
            &names[0]
        } else {
            "<arg_key>"
        };
        out.report(
            span,
            format!("Comment for {what} should follow the format: `# {example} <description>`"),
        );
    }
}
