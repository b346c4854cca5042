//! DL3013: Pin versions in pip.

use crate::diagnostics::Severity;
use crate::rules::facts::is_pip_install;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3013",
        name: "pip-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`",
        page: include_str!("../../../rules/DL3013.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`";

/// Flags whose value is the next word.
const VALUE_FLAGS: &[&str] = &[
    "abi",
    "b",
    "build",
    "e",
    "editable",
    "extra-index-url",
    "f",
    "find-links",
    "i",
    "index-url",
    "implementation",
    "no-binary",
    "only-binary",
    "platform",
    "prefix",
    "progress-bar",
    "proxy",
    "python-version",
    "root",
    "src",
    "t",
    "target",
    "trusted-host",
    "upgrade-strategy",
    // pip's other options with a value, and pipx's (`pipx install --python python3.12`).
    "root-user-action",
    "cache-dir",
    "cert",
    "client-cert",
    "log",
    "retries",
    "timeout",
    "exists-action",
    "global-option",
    "config-settings",
    "C",
    "report",
    "python",
    "pip-args",
    "suffix",
];

const VCS_SCHEMES: &[&str] = &[
    "git+file",
    "git+https",
    "git+ssh",
    "git+http",
    "git+git",
    "git",
    "hg+file",
    "hg+http",
    "hg+https",
    "hg+ssh",
    "hg+static-http",
    "svn",
    "svn+svn",
    "svn+http",
    "svn+https",
    "svn+ssh",
    "bzr+http",
    "bzr+https",
    "bzr+ssh",
    "bzr+sftp",
    "bzr+ftp",
    "bzr+lp",
];

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if !is_pip_install(command)
            || command.has_any_flag(&["constraint", "c"])
            || command.has_any_arg(&["--requirement", "-r", "."])
        {
            continue;
        }
        let stripped = command.drop_flag_values(VALUE_FLAGS);
        let args = stripped.args_no_flags();
        let packages = args
            .iter()
            .skip_while(|a| a.value != "install")
            .skip_while(|a| a.value == "install");
        for package in packages {
            if !is_pinned(&package.value) {
                out.report(package.span, MESSAGE);
            }
        }
    }
}

fn is_pinned(package: &str) -> bool {
    let vcs = VCS_SCHEMES.iter().any(|s| package.starts_with(s));
    ["==", ">=", "<=", ">", "<", "!=", "~=", "==="]
        .iter()
        .any(|s| package.contains(s))
        || (vcs && package.contains('@'))
        || package.ends_with(".whl")
        || package.ends_with(".tar.gz")
        || (!vcs && package.contains('/'))
}
