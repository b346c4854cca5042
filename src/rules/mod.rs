//! Rules: one file per rule, each declaring its metadata next to its check, all listed
//! once in `registry`. Each rule's page lives in `rules/<CODE>.md` at the top of the repo
//! and is compiled in, so `layerlint explain` and the docs cannot drift apart.

mod dl3000;
mod dl3006;
mod dl4000;
pub mod registry;

use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::model::Model;
use crate::syntax::{Dockerfile, Span};

pub use registry::{RULES, find};

/// What a rule is, independent of any file.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable forever; never reused for another rule.
    pub code: &'static str,
    /// A short kebab-case name.
    pub name: &'static str,
    pub default_severity: Severity,
    /// Names of the same check in other linters (BuildKit checks, ...): they select this rule too.
    pub aliases: &'static [&'static str],
    /// One line, shown by `layerlint rules`.
    pub summary: &'static str,
    /// The rule's page, `rules/<CODE>.md`.
    pub page: &'static str,
    pub fixable: bool,
}

/// What a rule sees.
pub struct Context<'a> {
    pub dockerfile: &'a Dockerfile,
    pub model: &'a Model<'a>,
}

pub struct Rule {
    pub meta: RuleMeta,
    pub check: fn(&Context, &mut Reporter),
}

/// Collects one rule's findings, stamping them with its code and severity.
pub struct Reporter<'r> {
    meta: &'r RuleMeta,
    out: &'r mut Vec<Diagnostic>,
}

impl<'r> Reporter<'r> {
    pub fn new(meta: &'r RuleMeta, out: &'r mut Vec<Diagnostic>) -> Self {
        Reporter { meta, out }
    }

    pub fn report(&mut self, span: Span, message: impl Into<String>) {
        self.report_with_fix(span, message, None);
    }

    pub fn report_with_fix(&mut self, span: Span, message: impl Into<String>, fix: Option<Fix>) {
        self.out.push(Diagnostic {
            code: self.meta.code,
            severity: self.meta.default_severity,
            message: message.into(),
            span,
            fix,
        });
    }
}
