//! GitHub Actions workflow commands: each finding becomes an annotation on the pull
//! request's diff. GitHub shows at most 10 error and 10 warning annotations per step (and
//! 50 per job); past that, a notice says how many are not shown and where to find them.

use super::FileReport;
use crate::diagnostics::Severity;
use std::fmt::Write;

/// GitHub's per-step limit for each of error and warning annotations.
const STEP_CAP: usize = 10;

pub fn render_github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    let (mut errors, mut warnings, mut notices) = (0usize, 0usize, 0usize);
    for report in reports {
        for d in &report.diagnostics {
            let (start, end) = report.range(d.span);
            let level = match d.severity {
                Severity::Error => {
                    errors += 1;
                    "error"
                }
                Severity::Warning => {
                    warnings += 1;
                    "warning"
                }
                Severity::Info | Severity::Style => {
                    notices += 1;
                    "notice"
                }
            };
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&report.path),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&d.code),
                data(&format!("{} {}", d.code, d.message)),
            );
        }
    }
    let hidden = errors.saturating_sub(STEP_CAP)
        + warnings.saturating_sub(STEP_CAP)
        + notices.saturating_sub(STEP_CAP);
    if hidden > 0 {
        let _ = writeln!(
            out,
            "::notice title=layerlint::{}",
            data(&format!(
                "{} findings ({errors} errors, {warnings} warnings, {notices} notes); GitHub shows at most {STEP_CAP} annotations of each kind per step, so {hidden} are only in this log. Add `--format sarif -o layerlint.sarif` and upload it for all of them.",
                errors + warnings + notices
            ))
        );
    }
    out
}

/// Escaping for the message part of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a `key=value` property: also `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
