//! One file through the whole pipeline: parse, model, rules, sorted diagnostics.

use crate::diagnostics::{Diagnostic, SYNTAX_ERROR_CODE, Severity};
use crate::model::Model;
use crate::rules::{Context, RULES, Reporter};
use crate::syntax::{self, Dockerfile};

pub struct LintResult {
    pub dockerfile: Dockerfile,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn lint(source: &str) -> LintResult {
    let dockerfile = syntax::parse(source);
    let mut diagnostics: Vec<Diagnostic> = dockerfile
        .errors
        .iter()
        .map(|e| Diagnostic {
            code: SYNTAX_ERROR_CODE,
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
    };
    for rule in RULES {
        (rule.check)(&cx, &mut Reporter::new(&rule.meta, &mut diagnostics));
    }
    diagnostics.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    LintResult {
        dockerfile,
        diagnostics,
    }
}
