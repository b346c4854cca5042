//! InvalidDefaultArgInFrom: Default value for global ARG results in an empty or invalid base image name.

use crate::diagnostics::Severity;
use crate::model::{Base, Origin};
use crate::rules::facts::is_valid_reference;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::expand::Lexer;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "InvalidDefaultArgInFrom",
        name: "invalid-default-arg-in-from",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Default value for global ARG results in an empty or invalid base image name",
        page: include_str!("../../../rules/InvalidDefaultArgInFrom.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    let scopes = &cx.model.scopes;
    let lexer = Lexer::new(cx.dockerfile.escape);
    // Predefined platform ARGs always have a value at build time; any will do here.
    let lookup = |n: &str| {
        scopes.global(n).and_then(|d| match d.origin {
            Origin::Predefined => Some(d.value.as_deref().unwrap_or("x")),
            _ => d.value.as_deref(),
        })
    };
    for stage in &cx.model.stages {
        let written = &stage.image.value;
        if !written.contains('$') || matches!(stage.base, Base::Stage(_)) {
            continue;
        }
        let Ok(expansion) = lexer.expand(written, &lookup) else {
            continue;
        };
        if expansion.value.is_empty() || !is_valid_reference(&expansion.value) {
            out.report(
                stage.image.span,
                format!(
                    "Default value for ARG {written} results in empty or invalid base image name"
                ),
            );
        }
    }
}
