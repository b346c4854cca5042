//! LL3008: a password set (or removed) in a build step.

use super::base_name;
use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3008",
        name: "password-in-build",
        default_severity: Severity::Warning,
        aliases: &["CKV2_DOCKER_17"],
        peer_checks: &[],
        summary: "Do not set or remove account passwords in a build step: the password stays in the image's history and /etc/shadow",
        page: include_str!("../../../rules/LL3008.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for (_, instruction, script) in cx.runs(true) {
        // A password read from a secret mount leaves no text in the history.
        let effective = instruction.effective();
        if effective
            .flags
            .iter()
            .any(|f| f.name() == "mount" && f.text.contains("type=secret"))
        {
            continue;
        }
        for command in &script.commands {
            let name = base_name(&command.name);
            let what = match name {
                "chpasswd" | "chgpasswd" => format!("`{name}` sets a password"),
                "usermod" | "useradd" | "adduser"
                    if command.has_flag("p") || command.has_flag("password") =>
                {
                    format!("`{name} --password` sets a password")
                }
                "passwd" if command.has_flag("stdin") => "`passwd --stdin` sets a password".into(),
                "passwd" if command.has_flag("d") || command.has_flag("delete") => {
                    "`passwd -d` removes the password: the account logs in with none".into()
                }
                _ => continue,
            };
            out.report(
                command.span,
                format!("{what} in the build; the step's text is in the image history and the hash in /etc/shadow. Lock the account, or set it at runtime from a secret"),
            );
        }
    }
}
