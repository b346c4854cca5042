//! UndefinedArgInFrom: FROM command must use declared ARGs.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::suggest::closest;
use crate::syntax::expand::Lexer;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "UndefinedArgInFrom",
        name: "undefined-arg-in-from",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "FROM command must use declared ARGs",
        page: include_str!("../../../rules/UndefinedArgInFrom.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    let scopes = &cx.model.scopes;
    let lexer = Lexer::new(cx.dockerfile.escape);
    let lookup = |n: &str| scopes.global(n).and_then(|d| d.value.as_deref());
    let names: Vec<&str> = scopes.global.iter().map(|d| d.name.as_str()).collect();
    for stage in &cx.model.stages {
        let from = &cx.instructions()[stage.from];
        let mut words = vec![(stage.image.value.as_ref(), stage.image.span)];
        if let Some(flag) = from.flag("platform") {
            words.push((flag.value().unwrap_or(""), flag.span));
        }
        for (word, span) in words {
            let Ok(expansion) = lexer.expand(word, &lookup) else {
                continue;
            };
            for name in &expansion.unmatched {
                if scopes.global(name).is_some() {
                    continue;
                }
                let mut message = format!("FROM argument '{name}' is not declared");
                let suggestion = closest(name, names.iter().copied());
                if let Some(s) = suggestion {
                    message.push_str(&format!(" (did you mean {s}?)"));
                }
                let fix = suggestion
                    .and_then(|s| crate::rules::facts::rename_variable(cx, span, name, s));
                out.report_with_fix(span, message, fix);
            }
        }
    }
}
