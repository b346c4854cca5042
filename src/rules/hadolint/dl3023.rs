//! DL3023: `COPY --from` cannot reference its own `FROM` alias.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3023",
        name: "copy-from-self",
        default_severity: Severity::Error,
        aliases: &["DS-0006"],
        peer_checks: &[],
        summary: "`COPY --from` cannot reference its own `FROM` alias",
        page: include_str!("../../../rules/DL3023.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "`COPY --from` cannot reference its own `FROM` alias";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, copy) in cx.instructions().iter().enumerate() {
        if copy.keyword != Keyword::Copy {
            continue;
        }
        let (Some(flag), Some(stage)) = (copy.flag("from"), cx.stage_of(index)) else {
            continue;
        };
        let value = flag.value().unwrap_or("");
        if stage
            .name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(value))
        {
            out.report(flag.span, MESSAGE);
        }
    }
}
