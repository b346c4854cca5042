//! DL3027: Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3027",
        name: "apt",
        default_severity: Severity::Warning,
        aliases: &["CKV_DOCKER_9"],
        peer_checks: &[],
        summary: "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
        page: include_str!("../../../rules/DL3027.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.name == "apt" {
            // The word itself: the first `apt` of the command as written.
            let text = cx.dockerfile.text(command.span);
            let fix = text
                .find("apt")
                .filter(|&i| {
                    crate::rules::facts::verbatim(cx, command)
                        && text[i + 3..].starts_with([' ', '\t', '\\'])
                        && (i == 0 || text[..i].ends_with([' ', '\t']))
                })
                .map(|i| {
                    let start = command.span.start + i;
                    crate::diagnostics::Fix {
                        message: "use `apt-get`".into(),
                        applicability: crate::diagnostics::Applicability::Safe,
                        edits: vec![crate::diagnostics::Edit {
                            span: crate::syntax::Span::new(start, start + 3),
                            replacement: "apt-get".into(),
                        }],
                    }
                });
            out.report_with_fix(command.span, MESSAGE, fix);
        }
    }
}
