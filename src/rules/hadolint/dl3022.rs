//! DL3022: `COPY --from` should reference a previously defined `FROM` alias.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3022",
        name: "copy-from-unknown-stage",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "`COPY --from` should reference a previously defined `FROM` alias",
        page: include_str!("../../../rules/DL3022.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "`COPY --from` should reference a previously defined `FROM` alias";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, copy) in cx.instructions().iter().enumerate() {
        if copy.keyword != Keyword::Copy {
            continue;
        }
        let Some(flag) = copy.flag("from") else {
            continue;
        };
        let value = flag.value().unwrap_or("");
        // An image reference, or a variable we cannot see through.
        if value.contains(':') || value.contains('$') {
            continue;
        }
        // Stages are in source order; the first of a name is the earliest of it.
        let earlier = cx.model.stages.partition_point(|s| s.from < index);
        let known = match value.parse::<usize>() {
            Ok(n) => n < earlier,
            Err(_) => cx.model.stage_named(value).is_some_and(|s| s.from < index),
        };
        if !known {
            out.report(flag.span, MESSAGE);
        }
    }
}
