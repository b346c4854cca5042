//! DL3067: Do not copy an entire filesystem from another stage.

use crate::diagnostics::Severity;
use crate::rules::facts::unquote;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3067",
        name: "copy-whole-stage",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Do not copy an entire filesystem from another stage",
        page: include_str!("../../../rules/DL3067.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Do not copy an entire filesystem from another stage";

fn check(cx: &Context, out: &mut Reporter) {
    for copy in cx
        .instructions()
        .iter()
        .filter(|i| i.keyword == Keyword::Copy)
    {
        if copy.flag("from").is_none() {
            continue;
        }
        let Args::List { items, .. } = &copy.args else {
            continue;
        };
        // The whole filesystem onto the whole filesystem; `COPY --from=x / /sub` keeps
        // the other stage's tree apart, which is fine.
        if let Some((target, sources)) = items.split_last()
            && unquote(&target.value) == "/"
        {
            for source in sources {
                if unquote(&source.value) == "/" {
                    out.report(source.span, MESSAGE);
                }
            }
        }
    }
}
