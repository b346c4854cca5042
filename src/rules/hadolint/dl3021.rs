//! DL3021: COPY with more than 2 arguments requires the last argument to end with /.

use crate::diagnostics::Severity;
use crate::rules::facts::unquote;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3021",
        name: "copy-dest-slash",
        default_severity: Severity::Error,
        aliases: &["DS-0011"],
        peer_checks: &[],
        summary: "COPY with more than 2 arguments requires the last argument to end with /",
        page: include_str!("../../../rules/DL3021.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "COPY with more than 2 arguments requires the last argument to end with /";

fn check(cx: &Context, out: &mut Reporter) {
    for copy in cx
        .instructions()
        .iter()
        .filter(|i| i.keyword == Keyword::Copy)
    {
        let Args::List { items, .. } = &copy.args else {
            continue;
        };
        if let [_, _, .., dest] = items.as_slice()
            && !unquote(&dest.value).ends_with('/')
        {
            out.report(dest.span, MESSAGE);
        }
    }
}
