//! DL3044: Do not refer to an environment variable within the same `ENV` statement where it is defined.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3044",
        name: "env-self-reference",
        default_severity: Severity::Error,
        aliases: &[],
        peer_checks: &[],
        summary: "Do not refer to an environment variable within the same `ENV` statement where it is defined.",
        page: include_str!("../../../rules/DL3044.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Do not refer to an environment variable within the same `ENV` statement where it is defined.";

fn check(cx: &Context, out: &mut Reporter) {
    let mut defined: Vec<&str> = Vec::new();
    for instruction in cx.instructions() {
        match &instruction.effective().args {
            Args::ArgDecls(decls) => defined.extend(decls.iter().map(|d| d.name.value.as_ref())),
            Args::KeyValues(pairs) if instruction.effective().keyword == Keyword::Env => {
                for (n, pair) in pairs.iter().enumerate() {
                    let refers = pairs.iter().enumerate().any(|(m, other)| {
                        m != n
                            && !defined.contains(&other.key.value.as_ref())
                            && references(&pair.value.value, &other.key.value)
                    });
                    if refers {
                        out.report(pair.value.span, MESSAGE);
                    }
                }
                defined.extend(pairs.iter().map(|p| p.key.value.as_ref()));
            }
            _ => {}
        }
    }
}

/// `$NAME` (not followed by another name character) or `${NAME...}`.
fn references(value: &str, name: &str) -> bool {
    let braced = format!("${{{name}");
    value.match_indices(&braced).any(|(i, _)| {
        value[i + braced.len()..].starts_with(['}', ':', '-', '+', '?', '#', '%', '/'])
    }) || value.match_indices(&format!("${name}")).any(|(i, _)| {
        !value[i + 1 + name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
    })
}
