//! DL4000: MAINTAINER is deprecated; a label says the same.

use crate::diagnostics::{Applicability, Edit, Fix, Severity};
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL4000",
        name: "maintainer-deprecated",
        default_severity: Severity::Error,
        aliases: &["MaintainerDeprecated", "DS-0022", "CKV_DOCKER_6"],
        peer_checks: &[],
        summary: "MAINTAINER is deprecated",
        page: include_str!("../../../rules/DL4000.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in &cx.dockerfile.instructions {
        if instruction.keyword != Keyword::Maintainer {
            continue;
        }
        let fix = match &instruction.args {
            Args::Text(who) => Some(Fix {
                message: "replace with the `org.opencontainers.image.authors` label".into(),
                // The OCI label says what MAINTAINER said; the build's steps are the same.
                applicability: Applicability::Safe,
                edits: vec![Edit {
                    span: instruction.keyword_word.span.cover(who.span),
                    replacement: format!(
                        "{} org.opencontainers.image.authors={}",
                        if instruction
                            .keyword_word
                            .value
                            .chars()
                            .all(|c| c.is_ascii_lowercase())
                        {
                            "label"
                        } else {
                            "LABEL"
                        },
                        quote_label_value(&who.value)
                    ),
                }],
            }),
            _ => None,
        };
        out.report_with_fix(
            instruction.keyword_word.span,
            "MAINTAINER is deprecated",
            fix,
        );
    }
}

fn quote_label_value(value: &str) -> String {
    let escaped = value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('$', "\\$");
    format!("\"{escaped}\"")
}
