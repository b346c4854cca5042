//! Rules: one file per rule, each declaring its metadata next to its check, all listed
//! once in `registry`. Each rule's page lives in `rules/<CODE>.md` at the top of the repo
//! and is compiled in, so `layerlint explain` and the docs cannot drift apart.

mod consistent_instruction_casing;
mod copy_ignored_file;
mod dl1001;
mod dl3000;
mod dl3001;
mod dl3002;
mod dl3003;
mod dl3004;
mod dl3006;
mod dl3007;
mod dl3008;
mod dl3009;
mod dl3010;
mod dl3011;
mod dl3012;
mod dl3013;
mod dl3014;
mod dl3015;
mod dl3016;
mod dl3018;
mod dl3019;
mod dl3020;
mod dl3021;
mod dl3022;
mod dl3023;
mod dl3024;
mod dl3025;
mod dl3026;
mod dl3027;
mod dl3028;
mod dl3029;
mod dl3030;
mod dl3032;
mod dl3033;
mod dl3034;
mod dl3035;
mod dl3036;
mod dl3037;
mod dl3038;
mod dl3040;
mod dl3041;
mod dl3042;
mod dl3043;
mod dl3044;
mod dl3045;
mod dl3046;
mod dl3047;
mod dl3048;
mod dl3049;
mod dl3050;
mod dl3051;
mod dl3052;
mod dl3053;
mod dl3054;
mod dl3055;
mod dl3056;
mod dl3057;
mod dl3058;
mod dl3059;
mod dl3060;
mod dl3061;
mod dl3062;
mod dl3063;
mod dl3064;
mod dl3065;
mod dl3066;
mod dl3067;
mod dl4000;
mod dl4001;
mod dl4003;
mod dl4004;
mod dl4005;
mod dl4006;
mod expose_invalid_format;
mod expose_proto_casing;
mod facts;
mod from_as_casing;
mod from_platform_flag_const_disallowed;
mod invalid_default_arg_in_from;
mod invalid_definition_description;
mod labels;
mod legacy_key_value_format;
mod ll1001;
mod no_empty_continuation;
pub mod registry;
mod stage_name_casing;
mod undefined_arg_in_from;
mod undefined_var;
mod workdir_relative_path;

use crate::config::Settings;
use crate::context::DockerIgnore;
use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::model::{Model, Stage};
use crate::shell::{self, Script};
use crate::syntax::{Dockerfile, Instruction, Keyword, Span};

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
    /// Off unless a severity override names it (hadolint's default severity "ignore").
    pub off_by_default: bool,
    /// A BuildKit experimental check: off unless `# check=experimental=...` (or a
    /// severity override) turns it on.
    pub experimental: bool,
}

impl RuleMeta {
    /// Whether this rule is one of BuildKit's checks (by its code or an alias), which
    /// `# check=skip=all` and `error=true` govern.
    pub fn is_buildkit_check(&self) -> bool {
        std::iter::once(self.code)
            .chain(self.aliases.iter().copied())
            .any(|n| registry::BUILDKIT_CHECKS.contains(&n))
    }

    /// Whether `name` is this rule's code or one of its aliases (case-insensitive).
    pub fn is_named(&self, name: &str) -> bool {
        self.code.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}

/// The value types a label schema can require (`--require-label NAME:TYPE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelType {
    #[serde(alias = "")]
    Text,
    Url,
    Semver,
    Hash,
    Rfc3339,
    Spdx,
    Email,
}

impl std::str::FromStr for LabelType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "" | "text" => LabelType::Text,
            "url" => LabelType::Url,
            "semver" => LabelType::Semver,
            "hash" => LabelType::Hash,
            "rfc3339" => LabelType::Rfc3339,
            "spdx" => LabelType::Spdx,
            "email" => LabelType::Email,
            other => {
                return Err(format!(
                    "unknown label type '{other}' (expected text, url, semver, hash, rfc3339, spdx or email)"
                ));
            }
        })
    }
}

/// What a rule sees.
pub struct Context<'a> {
    pub dockerfile: &'a Dockerfile,
    pub model: &'a Model<'a>,
    pub settings: &'a Settings,
    /// The build context's ignore file, when the context is known.
    pub dockerignore: Option<&'a DockerIgnore>,
}

impl<'a> Context<'a> {
    pub fn instructions(&self) -> &'a [Instruction] {
        &self.dockerfile.instructions
    }

    /// RUN instructions with their scripts, in order; `ONBUILD RUN` too when `onbuild`.
    pub fn runs(
        &self,
        onbuild: bool,
    ) -> impl Iterator<Item = (usize, &'a Instruction, &'a Script)> + '_ {
        let model = self.model;
        self.instructions()
            .iter()
            .enumerate()
            .filter(move |(_, i)| onbuild || i.keyword == Keyword::Run)
            .filter_map(move |(n, i)| Some((n, i, model.script(n)?)))
    }

    /// The RUNs (ONBUILD RUN included) of stages that end up in an image: what they leave
    /// behind weighs on it.
    pub fn shipped_runs(&self) -> impl Iterator<Item = (usize, &'a Instruction, &'a Script)> + '_ {
        self.runs(true).filter(|(index, _, _)| {
            self.stage_of(*index)
                .is_some_and(|s| self.model.ships(s.index))
        })
    }

    /// Every command of every RUN (and ONBUILD RUN when `onbuild`).
    pub fn commands(
        &self,
        onbuild: bool,
    ) -> impl Iterator<Item = (usize, &'a shell::Command)> + '_ {
        self.runs(onbuild)
            .flat_map(|(n, _, script)| script.commands.iter().map(move |c| (n, c)))
    }

    /// The stage the instruction at `index` belongs to.
    pub fn stage_of(&self, index: usize) -> Option<&'a Stage> {
        self.model.stage_of(index)
    }
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
            code: self.meta.code.into(),
            severity: self.meta.default_severity,
            message: message.into(),
            span,
            fix,
        });
    }
}
