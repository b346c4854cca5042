//! One file through the whole pipeline: parse, model, rules, suppression, severities,
//! sorted diagnostics.

use crate::config::Settings;
use crate::diagnostics::{Diagnostic, SYNTAX_ERROR_CODE, Severity};
use crate::model::{Model, Scope};
use crate::rules::{self, Context, RULES, Reporter};
use crate::syntax::{self, Dockerfile};

pub struct LintResult {
    pub dockerfile: Dockerfile,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lint with default settings.
pub fn lint(source: &str) -> LintResult {
    lint_with(source, &Settings::default())
}

pub fn lint_with(source: &str, settings: &Settings) -> LintResult {
    let dockerfile = syntax::parse(source);
    let mut diagnostics: Vec<Diagnostic> = dockerfile
        .errors
        .iter()
        .map(|e| Diagnostic {
            code: SYNTAX_ERROR_CODE.into(),
            severity: Severity::Error,
            message: e.message.clone(),
            span: e.span,
            fix: None,
        })
        .collect();
    let model = Model::build(&dockerfile);
    let cx = Context {
        dockerfile: &dockerfile,
        model: &model,
        settings,
    };
    for rule in RULES {
        let Some(severity) = settings.severity_of(&rule.meta) else {
            continue;
        };
        let first = diagnostics.len();
        (rule.check)(&cx, &mut Reporter::new(&rule.meta, &mut diagnostics));
        for d in &mut diagnostics[first..] {
            d.severity = severity;
        }
    }
    diagnostics.retain(|d| !is_suppressed(d, &model, settings));
    sort(&mut diagnostics);
    LintResult {
        dockerfile,
        diagnostics,
    }
}

pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (a.span.start, &a.code).cmp(&(b.span.start, &b.code)));
}

/// Whether the configuration or an inline pragma silences a finding. Syntax errors are
/// never silenced: the file does not build.
pub fn is_suppressed(d: &Diagnostic, model: &Model, settings: &Settings) -> bool {
    if d.code == SYNTAX_ERROR_CODE {
        return false;
    }
    if settings.is_ignored(&d.code) {
        return true;
    }
    if settings.disable_ignore_pragma {
        return false;
    }
    let rule = rules::find(&d.code);
    let names = |code: &str| {
        code.eq_ignore_ascii_case(&d.code) || rule.is_some_and(|r| r.meta.is_named(code))
    };
    let instructions = &model.dockerfile.instructions;
    model.pragmas.ignores.iter().any(|p| {
        p.codes.iter().any(|c| names(c))
            && match p.scope {
                Scope::Global => true,
                Scope::Instruction(i) => instructions[i].span.contains(d.span.start),
                Scope::Stage(from) => {
                    let start = instructions[from].span.start;
                    let end = instructions[from + 1..]
                        .iter()
                        .find(|i| i.keyword == syntax::Keyword::From)
                        .map_or(usize::MAX, |i| i.span.start);
                    (start..end).contains(&d.span.start)
                }
            }
    })
}
