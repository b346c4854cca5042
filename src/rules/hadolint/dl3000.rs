//! DL3000: WORKDIR must be an absolute path.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3000",
        name: "absolute-workdir",
        default_severity: Severity::Error,
        aliases: &["DS-0009", "CKV_DOCKER_10"],
        peer_checks: &[],
        summary: "Use absolute WORKDIR",
        page: include_str!("../../../rules/DL3000.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in &cx.dockerfile.instructions {
        let instruction = instruction.effective();
        if instruction.keyword != Keyword::Workdir {
            continue;
        }
        let Args::Text(path) = &instruction.args else {
            continue;
        };
        if !is_absolute(&path.value) {
            out.report(path.span, "Use absolute WORKDIR");
        }
    }
}

/// Absolute on Linux (`/app`), on Windows (`C:\app`, `c:/app`), or starting with a
/// variable whose value is not known here (as hadolint allows).
fn is_absolute(path: &str) -> bool {
    let path = path.trim_matches(|c| c == '"' || c == '\'');
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('$')
        || path.starts_with("\\\\")
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

#[cfg(test)]
mod tests {
    #[test]
    fn absolute_forms() {
        for ok in [
            "/app",
            "\"/app\"",
            "$HOME/app",
            "C:\\app",
            "c:/app",
            "${DIR}",
        ] {
            assert!(super::is_absolute(ok), "{ok}");
        }
        for bad in ["app", "./app", "'app'", "~/app"] {
            assert!(!super::is_absolute(bad), "{bad}");
        }
    }
}
