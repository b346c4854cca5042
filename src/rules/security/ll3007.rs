//! LL3007: WORKDIR in a system directory (/proc, /sys, /dev, /boot ...).

use crate::context::container_path;
use crate::diagnostics::Severity;
use crate::model::Base;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3007",
        name: "workdir-system-dir",
        default_severity: Severity::Error,
        aliases: &["DS-0030"],
        peer_checks: &[],
        summary: "Do not set WORKDIR to a system directory such as /proc, /sys or /dev",
        page: include_str!("../../../rules/LL3007.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// Kernel and boot file systems: a runtime mounts over them, so whatever the build
/// writes there is hidden, and what a process writes there reaches the host's kernel.
const SYSTEM: &[&str] = &["/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"];

fn check(cx: &Context, out: &mut Reporter) {
    // The working directory at the end of each stage, for stages built on it.
    let mut ends: Vec<String> = Vec::new();
    for stage in &cx.model.stages {
        let mut cwd = match stage.base {
            Base::Stage(parent) => ends.get(parent).cloned().unwrap_or_else(|| "/".into()),
            _ => "/".to_string(),
        };
        for index in stage.body.clone() {
            let instruction = &cx.instructions()[index];
            if instruction.keyword != Keyword::Workdir {
                continue;
            }
            let Args::Text(word) = &instruction.args else {
                continue;
            };
            if word.value.contains('$') {
                // The value is unknown; a later relative WORKDIR is too.
                cwd = "$".into();
                continue;
            }
            if cwd == "$" && !word.value.starts_with('/') {
                continue;
            }
            cwd = container_path(&cwd, &word.value);
            let path = cwd.trim_end_matches('/');
            if let Some(dir) = SYSTEM
                .iter()
                .find(|d| path == **d || path.starts_with(&format!("{d}/")))
            {
                out.report(
                    word.span,
                    format!(
                        "WORKDIR `{path}` is inside {dir}, which the container runtime mounts over"
                    ),
                );
            }
        }
        ends.push(cwd);
    }
}
