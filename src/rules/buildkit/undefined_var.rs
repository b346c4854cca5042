//! UndefinedVar: Variables should be defined before their use.

use crate::diagnostics::Severity;
use crate::model::Base;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::suggest::closest;
use crate::syntax::expand::Lexer;
use crate::syntax::{Args, Instruction, Keyword, Span};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "UndefinedVar",
        name: "undefined-var",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Variables should be defined before their use",
        page: include_str!("../../../rules/UndefinedVar.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// Names that are set even when no instruction sets them: BuildKit gives every image a
/// PATH, and these BuildKit ARGs are never put in the environment.
const ALWAYS_DEFINED: &[&str] = &[
    "PATH",
    "BUILDKIT_SBOM_SCAN_CONTEXT",
    "BUILDKIT_SBOM_SCAN_STAGE",
];

fn check(cx: &Context, out: &mut Reporter) {
    let lexer = Lexer::new(cx.dockerfile.escape);
    let model = cx.model;
    for stage in &model.stages {
        // Without the base image's configuration its ENV is unknown: past a registry
        // image, only a name that looks like a typo of a known one is reported.
        let env_known = root_is_scratch(model, stage);
        // Where the stage last sets each name, built the first time an undefined name
        // needs it (most stages never do), so the question costs a lookup, not a scan.
        let mut last_set: Option<foldhash::HashMap<&str, usize>> = None;
        for index in stage.body.clone() {
            let instruction = &cx.instructions()[index];
            let lookup = |n: &str| {
                model
                    .scopes
                    .lookup(&model.stages, stage, index, n)
                    .and_then(|d| d.value.as_deref())
            };
            for (word, span) in expanded_words(instruction) {
                // No `$`, no variable: nothing to look up.
                if !word.contains('$') {
                    continue;
                }
                let Ok(expansion) = lexer.expand(word, &lookup) else {
                    continue;
                };
                for name in &expansion.unmatched {
                    let declared = model
                        .scopes
                        .lookup(&model.stages, stage, index, name)
                        .is_some();
                    if declared || ALWAYS_DEFINED.contains(&name.as_str()) {
                        continue;
                    }
                    let names = model.scopes.names_at(&model.stages, stage, index);
                    // Every image has a PATH: `$PAHT` is a typo of it.
                    let suggestion = closest(name, names.iter().copied().chain(["PATH"]));
                    // A name this stage sets only later (or this same ENV, whose values
                    // see the environment from before it) is undefined here whatever the
                    // base image sets: it was meant to be the later one.
                    let last = last_set.get_or_insert_with(|| last_sets(cx, stage.body.clone()));
                    let set_later = last.get(name.as_str()).is_some_and(|&at| at >= index);
                    if !env_known && suggestion.is_none() && !set_later {
                        continue;
                    }
                    let mut message = format!("Usage of undefined variable '${name}'");
                    if let Some(s) = suggestion {
                        message.push_str(&format!(" (did you mean ${s}?)"));
                    }
                    let fix = suggestion
                        .and_then(|s| crate::rules::facts::rename_variable(cx, span, name, s));
                    out.report_with_fix(span, message, fix);
                }
            }
        }
    }
}

/// The last instruction of `body` that sets each name by ARG or ENV.
fn last_sets<'a>(
    cx: &Context<'a>,
    body: std::ops::Range<usize>,
) -> foldhash::HashMap<&'a str, usize> {
    let mut last = foldhash::HashMap::default();
    for index in body {
        let instruction = &cx.instructions()[index];
        match (&instruction.keyword, &instruction.args) {
            (Keyword::Arg, Args::ArgDecls(decls)) => {
                last.extend(decls.iter().map(|d| (d.name.value.as_ref(), index)));
            }
            (Keyword::Env, Args::KeyValues(pairs)) => {
                last.extend(pairs.iter().map(|p| (p.key.value.as_ref(), index)));
            }
            _ => {}
        }
    }
    last
}

fn root_is_scratch(model: &crate::model::Model, stage: &crate::model::Stage) -> bool {
    let mut base = &stage.base;
    loop {
        match base {
            Base::Scratch => return true,
            Base::Image { .. } => return false,
            Base::Stage(parent) => base = &model.stages[*parent].base,
        }
    }
}

/// The words BuildKit expands with the stage's environment, for each instruction.
fn expanded_words<'a>(instruction: &'a Instruction<'_>) -> Vec<(&'a str, Span)> {
    let mut words: Vec<(&str, Span)> = Vec::new();
    match &instruction.args {
        Args::KeyValues(pairs) => {
            for pair in pairs {
                words.push((&pair.key.value, pair.key.span));
                words.push((&pair.value.value, pair.value.span));
            }
        }
        Args::ArgDecls(decls) => words.extend(
            decls
                .iter()
                .filter_map(|d| d.default.as_ref())
                .map(|w| (w.value.as_ref(), w.span)),
        ),
        Args::List { items, .. } if instruction.heredocs.is_empty() => {
            words.extend(items.iter().map(|w| (w.value.as_ref(), w.span)))
        }
        Args::Words(items) if instruction.keyword == Keyword::Expose => {
            words.extend(items.iter().map(|w| (w.value.as_ref(), w.span)))
        }
        Args::Text(word)
            if matches!(
                instruction.keyword,
                Keyword::Workdir | Keyword::User | Keyword::Stopsignal
            ) =>
        {
            words.push((&word.value, word.span))
        }
        _ => {}
    }
    let expanded_flags: &[&str] = match instruction.keyword {
        Keyword::Copy => &["chown", "chmod"],
        Keyword::Add => &["chown", "chmod", "checksum"],
        Keyword::Run => &["mount"],
        _ => &[],
    };
    for flag in instruction
        .flags
        .iter()
        .filter(|f| expanded_flags.contains(&f.name()))
    {
        if let Some(value) = flag.value() {
            words.push((value, flag.span));
        }
    }
    words
}
