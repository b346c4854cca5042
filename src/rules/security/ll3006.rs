//! LL3006: EXPOSE 22.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword, Word};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3006",
        name: "ssh-port-exposed",
        default_severity: Severity::Warning,
        aliases: &["DS-0004", "CKV_DOCKER_1"],
        peer_checks: &[],
        summary: "Do not expose port 22: a container is not a host to log into; use docker exec",
        page: include_str!("../../../rules/LL3006.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// Every literal port of every EXPOSE (ONBUILD too) with its range: `80` is 80..=80,
/// `8000-8100/tcp` 8000..=8100. Words with variables are skipped: their value is unknown.
fn ports<'a>(cx: &'a Context<'a>) -> Vec<(&'a Word<'a>, u64, u64)> {
    let mut found = Vec::new();
    for instruction in cx.instructions() {
        let expose = instruction.effective();
        if expose.keyword != Keyword::Expose {
            continue;
        }
        let words: &[Word] = match &expose.args {
            Args::Words(words) | Args::List { items: words, .. } => words,
            _ => continue,
        };
        for word in words {
            if word.value.contains('$') {
                continue;
            }
            let port = word.value.split('/').next().unwrap_or("");
            // `host:container` is rejected elsewhere; the container side is the port.
            let port = port.rsplit(':').next().unwrap_or(port);
            let (low, high) = port.split_once('-').unwrap_or((port, port));
            if let (Ok(low), Ok(high)) = (low.parse::<u64>(), high.parse::<u64>()) {
                found.push((word, low, high));
            }
        }
    }
    found
}

fn check(cx: &Context, out: &mut Reporter) {
    for (word, low, high) in ports(cx) {
        if low <= 22 && 22 <= high {
            out.report(
                word.span,
                format!("`EXPOSE {}` publishes SSH's port", word.value),
            );
        }
    }
}
