//! DL3048: Invalid label key.

use crate::diagnostics::Severity;
use crate::rules::facts::unquote;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3048",
        name: "label-key",
        default_severity: Severity::Style,
        aliases: &[],
        peer_checks: &[],
        summary: "Invalid label key.",
        page: include_str!("../../../rules/DL3048.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Invalid label key.";

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        let instruction = instruction.effective();
        if instruction.keyword != Keyword::Label {
            continue;
        }
        let Args::KeyValues(pairs) = &instruction.args else {
            continue;
        };
        for pair in pairs {
            if !is_valid_key(unquote(&pair.key.value)) {
                out.report(pair.key.span, MESSAGE);
            }
        }
    }
}

/// Docker's recommended key format: lower-case, dot-separated, no reserved namespace.
fn is_valid_key(key: &str) -> bool {
    const RESERVED: &[&str] = &["com.docker.", "io.docker.", "org.dockerproject."];
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._/-".contains(c);
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && key.chars().all(allowed)
        && !key.contains("..")
        && !key.contains("--")
        && !RESERVED.iter().any(|r| key.starts_with(r))
}
