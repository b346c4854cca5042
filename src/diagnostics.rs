//! The one diagnostic type every rule emits and every output format renders.

use crate::syntax::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// hadolint's severities, most severe first, so `a < b` means `a` is more severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    /// True when a finding of this severity reaches `threshold`.
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            "style" => Ok(Severity::Style),
            other => Err(format!(
                "unknown severity '{other}' (expected error, warning, info or style)"
            )),
        }
    }
}

/// Replace `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    /// Whether two edits of one pass touch: ranges that meet, or two insertions at one
    /// point (their order would be a guess). Such a pair waits: one goes in the next pass.
    pub fn overlaps(&self, other: &Edit) -> bool {
        let (a, b) = (self.span, other.span);
        if a.start == a.end && b.start == b.end {
            return a.start == b.start;
        }
        a.start < b.end && b.start < a.end
            || (a.start == a.end && a.start > b.start && a.start < b.end)
            || (b.start == b.end && b.start > a.start && b.start < a.end)
    }
}

/// Add `edits` to the edits of a pass unless one of them overlaps an edit already in it
/// (then they wait for the next pass, which sees the text anew). Whether they went in.
pub fn take_if_clear(pass: &mut Vec<Edit>, edits: &[Edit]) -> bool {
    if edits.iter().any(|e| pass.iter().any(|c| c.overlaps(e))) {
        return false;
    }
    pass.extend(edits.iter().cloned());
    true
}

/// Apply edits that do not overlap (`Edit::overlaps`) to a text.
pub fn apply_edits(text: &mut String, edits: &[Edit]) {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    for edit in edits {
        text.replace_range(edit.span.start..edit.span.end, &edit.replacement);
    }
}

/// Whether a fix may be applied without review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the build's meaning.
    Safe,
    /// Changes the image in a way a user should look at.
    Unsafe,
    /// A hint to show; never applied.
    Display,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::Display => "display",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// A rule code (`DL3008`), `DL1000` for syntax errors, or a ShellCheck code (`SC2086`).
    pub code: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub fix: Option<Fix>,
    /// The peer checks (Checkov's, Trivy's) this finding is, when its rule answers to
    /// several that each cover part of it: `curl -k` is CKV2_DOCKER_2, not the rule's
    /// other IDs. They suppress and re-rate the finding as its code does.
    pub peers: &'static [&'static str],
    /// Other places that are part of the same finding: the other offending words of the
    /// instruction, or the earlier instruction a later one overrides. Outputs show them
    /// (SARIF `relatedLocations`, secondary labels), and a pragma or `# check=` line above
    /// any of their instructions suppresses the finding too.
    pub related: Vec<Span>,
}

/// The code reported for input that does not parse or that BuildKit would reject before
/// building (hadolint reports its parse errors under the same code).
pub const SYNTAX_ERROR_CODE: &str = "DL1000";
