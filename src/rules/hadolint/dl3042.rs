//! DL3042: Avoid use of cache directory with pip.

use crate::diagnostics::Severity;
use crate::rules::facts::{has_cache_mount, is_pip_install, unquote};
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3042",
        name: "pip-no-cache-dir",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`",
        page: include_str!("../../../rules/DL3042.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, _, script) in cx.runs(true) {
        if has_cache_mount(cx, index, true, |t| t.contains(".cache/pip"))
            || env_disables_cache(cx, index)
        {
            continue;
        }
        // pipx keeps no download cache in the image.
        for command in script
            .commands
            .iter()
            .filter(|c| is_pip_install(c) && !c.name.starts_with("pipx"))
        {
            let inline = command
                .assignments
                .iter()
                .any(|(k, v)| k == "PIP_NO_CACHE_DIR" && is_truthy(v))
                || exported_before(script, command);
            if !inline && !command.has_flag("no-cache-dir") {
                let fix = crate::rules::facts::insert_after_arg(
                    cx,
                    command,
                    "install",
                    "--no-cache-dir",
                    crate::diagnostics::Applicability::Safe,
                );
                out.report_with_fix(command.span, MESSAGE, fix);
            }
        }
    }
}

/// `export PIP_NO_CACHE_DIR=1` earlier in the same RUN.
fn exported_before(script: &crate::shell::Script, command: &crate::shell::Command) -> bool {
    script
        .commands
        .iter()
        .take_while(|c| !std::ptr::eq(*c, command))
        .filter(|c| c.name == "export")
        .flat_map(|c| &c.args)
        .filter_map(|a| a.value.split_once('='))
        .any(|(k, v)| k == "PIP_NO_CACHE_DIR" && is_truthy(unquote(v)))
}

/// `ENV PIP_NO_CACHE_DIR=1` earlier in the stage or in a stage it builds on.
fn env_disables_cache(cx: &Context, before: usize) -> bool {
    let value = cx.model.lineage(before).find_map(|(_, i)| match &i.args {
        Args::KeyValues(pairs) if i.keyword == Keyword::Env => pairs
            .iter()
            .rev()
            .find(|p| p.key.value == "PIP_NO_CACHE_DIR"),
        _ => None,
    });
    value.is_some_and(|pair| is_truthy(unquote(&pair.value.value)))
}

fn is_truthy(value: &str) -> bool {
    !matches!(
        value.to_ascii_lowercase().as_str(),
        "" | "0" | "false" | "off" | "no"
    )
}
