//! Our security rules (LL3xxx): what puts a secret, an unverified download or a weaker
//! trust boundary into the image. Most of them answer to Trivy's and Checkov's IDs as
//! aliases; each page says where the peers' semantics differ.

pub mod ll3001;
pub mod ll3002;
pub mod ll3003;
pub mod ll3004;
pub mod ll3005;
pub mod ll3006;
pub mod ll3007;
pub mod ll3008;
pub mod ll3009;
pub mod ll3010;

use crate::rules::Context;
use crate::shell::Command;
use crate::syntax::{Args, Keyword, Span};

/// The final stage, when neither it nor a stage it is built on has a `keyword`
/// instruction (the image then has only what its base image set, which is not seen).
pub fn final_stage_without<'a>(
    cx: &Context<'a>,
    keyword: Keyword,
) -> Option<&'a crate::model::Stage<'a>> {
    let last = cx.model.stages.last()?;
    let has = cx
        .model
        .stage_lineage(last.index)
        .any(|(_, i)| i.keyword == keyword);
    (!has).then_some(last)
}

/// Where a variable gets a value: `ENV`, an `ARG` default, `NAME=v cmd` before a
/// command, or `export NAME=v` in a RUN.
pub struct Setting<'a> {
    pub name: &'a str,
    pub value: String,
    pub span: Span,
}

/// Every setting of a variable `wanted` accepts, ONBUILD ones included, in source order
/// (values are only unquoted for the names asked about).
pub fn settings<'a>(cx: &'a Context<'a>, wanted: impl Fn(&str) -> bool) -> Vec<Setting<'a>> {
    let mut found = Vec::new();
    for (index, instruction) in cx.instructions().iter().enumerate() {
        let effective = instruction.effective();
        match &effective.args {
            Args::KeyValues(pairs) if effective.keyword == Keyword::Env => {
                found.extend(
                    pairs
                        .iter()
                        .filter(|p| wanted(&p.key.value))
                        .map(|p| Setting {
                            name: &p.key.value,
                            value: unquote(&p.value.value),
                            span: Span::new(p.key.span.start, p.value.span.end.max(p.key.span.end)),
                        }),
                );
            }
            Args::ArgDecls(decls) => {
                found.extend(decls.iter().filter_map(|d| {
                    if !wanted(&d.name.value) {
                        return None;
                    }
                    let default = d.default.as_ref()?;
                    Some(Setting {
                        name: &d.name.value,
                        value: unquote(&default.value),
                        span: d.word.span,
                    })
                }));
            }
            _ => {}
        }
        let Some(script) = cx.model.script(index) else {
            continue;
        };
        for command in &script.commands {
            found.extend(
                command
                    .assignments
                    .iter()
                    .filter(|(name, _)| wanted(name))
                    .map(|(name, value)| Setting {
                        name,
                        value: unquote(value),
                        span: command.span,
                    }),
            );
            if command.name == "export" {
                found.extend(command.args.iter().filter_map(|arg| {
                    let (name, value) = arg.value.split_once('=')?;
                    if !wanted(name) {
                        return None;
                    }
                    Some(Setting {
                        name,
                        value: unquote(value),
                        span: arg.span,
                    })
                }));
            }
        }
    }
    found
}

fn unquote(value: &str) -> String {
    crate::rules::facts::unquote(value.trim()).to_string()
}

/// A false boolean as the tools that read these settings spell it.
pub fn is_false(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    )
}

/// The span of the argument that holds `flag` (a long name, or a letter of a short
/// cluster), when the command has it.
pub fn flag_span(command: &Command, flag: &str) -> Option<Span> {
    command
        .flags()
        .find(|(_, f)| *f == flag)
        .map(|(i, _)| command.args[i].span)
}

pub use crate::shell::base_name;

/// The command a wrapper runs: `sudo -E bash` runs `bash`, `env X=1 sh` runs `sh`.
pub fn wrapped_name(command: &Command) -> &str {
    let name = base_name(&command.name);
    if matches!(name, "sudo" | "doas" | "env" | "nice" | "nohup" | "time") {
        if let Some(arg) = command
            .args
            .iter()
            .find(|a| !a.value.starts_with('-') && !a.value.contains('='))
        {
            return base_name(&arg.value);
        }
    }
    name
}
