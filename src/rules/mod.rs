//! Rules: one file per rule, each declaring its metadata next to its check, all listed
//! once in `registry`. Each rule's page lives in `rules/<CODE>.md` at the top of the repo
//! and is compiled in, so `layerlint explain` and the docs cannot drift apart.

mod buildkit;
mod cache;
mod facts;
mod hadolint;
mod labels;
pub mod registry;
mod security;

use crate::config::Settings;
use crate::context::{BuildContext, DockerIgnore};
use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::model::{Model, Stage};
use crate::shell::{self, Script};
use crate::syntax::{Dockerfile, Instruction, Keyword, Span};

pub use registry::{RULES, canonical_name, find, help_url};

/// What a rule is, independent of any file.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable forever; never reused for another rule.
    pub code: &'static str,
    /// A short kebab-case name.
    pub name: &'static str,
    pub default_severity: Severity,
    /// Names of the same check in other tools: BuildKit's checks, Trivy's DS-NNNN and
    /// Checkov's CKV_DOCKER_N / CKV2_DOCKER_N. They select this rule wherever a code does
    /// (pragmas, `ignored:`, overrides, `--ignore`). One peer check may name two rules
    /// when it covers what two of ours split (Trivy's DS-0001 is DL3006 and DL3007).
    pub aliases: &'static [&'static str],
    /// Peer checks that each cover part of the rule (Checkov's CKV2_DOCKER_2 is `curl -k`,
    /// CKV2_DOCKER_3 `wget --no-check-certificate`): a finding answers only to the ones
    /// it reports (`Reporter::report_as`), so ignoring one leaves the others.
    pub peer_checks: &'static [&'static str],
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

    /// Whether `name` is this rule's code or one of its aliases (case-insensitive; any of
    /// Trivy's spellings of an ID: `DS-0002`, `DS002`, `AVD-DS-0002`).
    pub fn is_named(&self, name: &str) -> bool {
        let name = registry::canonical_name(name);
        self.code.eq_ignore_ascii_case(&name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(&name))
    }

    /// The family the rule belongs to, which `layerlint rules` groups by.
    pub fn family(&self) -> Family {
        if self.code.starts_with("DL") {
            Family::Hadolint
        } else if self.code.starts_with("LL2") {
            Family::Cache
        } else if self.code.starts_with("LL3") {
            Family::Security
        } else {
            Family::BuildKit
        }
    }

    /// The aliases and peer checks with the tool each comes from.
    pub fn sources(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.aliases
            .iter()
            .chain(self.peer_checks)
            .map(|a| (registry::alias_tool(a), *a))
    }
}

/// Where a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// hadolint's rules, under their DL codes.
    Hadolint,
    /// BuildKit's build checks, under their names (and LL1001 about `# check=`).
    #[serde(rename = "buildkit")]
    BuildKit,
    /// Our layer and cache rules, LL2xxx.
    Cache,
    /// Our security rules, LL3xxx.
    Security,
}

impl Family {
    pub const ALL: [Family; 4] = [
        Family::Hadolint,
        Family::BuildKit,
        Family::Cache,
        Family::Security,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Family::Hadolint => "hadolint",
            Family::BuildKit => "BuildKit",
            Family::Cache => "cache",
            Family::Security => "security",
        }
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
    pub dockerfile: &'a Dockerfile<'a>,
    pub model: &'a Model<'a>,
    pub settings: &'a Settings,
    /// The build context's ignore file, when the context is known.
    pub dockerignore: Option<&'a DockerIgnore>,
    /// The build context on disk, when it is known (not for stdin without `--context`).
    pub build: Option<&'a BuildContext<'a>>,
}

impl<'a> Context<'a> {
    pub fn instructions(&self) -> &'a [Instruction<'a>] {
        &self.dockerfile.instructions
    }

    /// RUN instructions with their scripts, in order; `ONBUILD RUN` too when `onbuild`.
    pub fn runs(
        &self,
        onbuild: bool,
    ) -> impl Iterator<Item = (usize, &'a Instruction<'a>, &'a Script)> + '_ {
        let model = self.model;
        self.instructions()
            .iter()
            .enumerate()
            .filter(move |(_, i)| onbuild || i.keyword == Keyword::Run)
            .filter_map(move |(n, i)| Some((n, i, model.script(n)?)))
    }

    /// The RUNs (ONBUILD RUN included) of stages that end up in an image: what they leave
    /// behind weighs on it.
    pub fn shipped_runs(
        &self,
    ) -> impl Iterator<Item = (usize, &'a Instruction<'a>, &'a Script)> + '_ {
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
    pub fn stage_of(&self, index: usize) -> Option<&'a Stage<'a>> {
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
            peers: &[],
            related: Vec::new(),
        });
    }

    /// A finding with other places that belong to it (`Diagnostic::related`).
    pub fn report_related(&mut self, span: Span, message: impl Into<String>, related: Vec<Span>) {
        self.report(span, message);
        if let Some(d) = self.out.last_mut() {
            d.related = related;
        }
    }

    /// A finding that is one of the rule's `peer_checks` (or several of them).
    pub fn report_as(
        &mut self,
        peers: &'static [&'static str],
        span: Span,
        message: impl Into<String>,
    ) {
        debug_assert!(peers.iter().all(|p| self.meta.peer_checks.contains(p)));
        self.report(span, message);
        if let Some(d) = self.out.last_mut() {
            d.peers = peers;
        }
    }
}
