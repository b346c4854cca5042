//! DL3043: `ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3043",
        name: "onbuild-trigger",
        default_severity: Severity::Error,
        aliases: &[],
        peer_checks: &[],
        summary: "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.",
        page: include_str!("../../../rules/DL3043.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.";

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        if let Args::Onbuild(inner) = &instruction.args
            && matches!(
                inner.keyword,
                Keyword::Onbuild | Keyword::From | Keyword::Maintainer
            )
        {
            out.report(inner.keyword_word.span, MESSAGE);
        }
    }
}
