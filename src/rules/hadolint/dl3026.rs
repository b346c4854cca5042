//! DL3026: Use only an allowed registry in the FROM image.

use crate::diagnostics::Severity;
use crate::model::Base;
use crate::rules::facts::image_ref;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;
use crate::syntax::flags::Mount;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3026",
        name: "untrusted-registry",
        default_severity: Severity::Error,
        aliases: &[],
        peer_checks: &[],
        summary: "Use only an allowed registry in the FROM image",
        page: include_str!("../../../rules/DL3026.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use only an allowed registry in the FROM image";

fn check(cx: &Context, out: &mut Reporter) {
    let trusted = &cx.settings.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    for stage in &cx.model.stages {
        if let Base::Image { written, resolved } = &stage.base {
            let reference = resolved.as_deref().unwrap_or(written);
            if !reference.starts_with('$') && !is_trusted(reference, trusted) {
                out.report(stage.image.span, MESSAGE);
            }
        }
    }
    for instruction in cx.instructions() {
        let mut images: Vec<(String, crate::syntax::Span)> = Vec::new();
        if instruction.keyword == Keyword::Copy
            && let Some(flag) = instruction.flag("from")
        {
            images.push((flag.value().unwrap_or("").to_string(), flag.span));
        }
        if instruction.keyword == Keyword::Run {
            for flag in instruction.flags.iter().filter(|f| f.name() == "mount") {
                if let Some(from) = flag
                    .value()
                    .and_then(|v| Mount::parse(v).ok())
                    .and_then(|m| m.from)
                {
                    images.push((from.into_owned(), flag.span));
                }
            }
        }
        for (image, span) in images {
            let is_stage = image.parse::<usize>().is_ok() || cx.model.stage_named(&image).is_some();
            if !is_stage && !image.contains('$') && !is_trusted(&image, trusted) {
                out.report(span, MESSAGE);
            }
        }
    }
}

fn is_trusted(reference: &str, trusted: &[String]) -> bool {
    if reference.eq_ignore_ascii_case("scratch") {
        return true;
    }
    let registry = image_ref(reference).registry.unwrap_or("docker.io");
    let hub =
        registry == "docker.io" || registry == "hub.docker.com" || registry == "index.docker.io";
    trusted.iter().any(|t| {
        let t = t.as_str();
        t == "*"
            || t == registry
            || (hub && (t == "docker.io" || t == "hub.docker.com"))
            || t.strip_prefix('*')
                .is_some_and(|suffix| registry.ends_with(suffix))
            || t.strip_suffix('*')
                .is_some_and(|prefix| registry.starts_with(prefix))
    })
}
