//! WorkdirRelativePath: Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes.

use crate::diagnostics::Severity;
use crate::rules::facts::{is_absolute_path, unquote};
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "WorkdirRelativePath",
        name: "workdir-relative-path",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes",
        page: include_str!("../../../rules/WorkdirRelativePath.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for (index, workdir) in cx.instructions().iter().enumerate() {
        if workdir.keyword != Keyword::Workdir {
            continue;
        }
        let Args::Text(path) = &workdir.args else {
            continue;
        };
        let value = unquote(&path.value);
        if value.starts_with('$') || is_absolute_path(value) {
            continue;
        }
        let absolute_before = cx.model.lineage(index).any(|(_, i)| {
            i.keyword == Keyword::Workdir
                && matches!(&i.args, Args::Text(p) if is_absolute_path(unquote(&p.value)) || p.value.starts_with('$'))
        });
        if !absolute_before {
            out.report(
                path.span,
                format!("Relative workdir {value:?} can have unexpected results if the base image changes"),
            );
        }
    }
}
