//! GitLab Code Quality report: a JSON array of CodeClimate issues with a fingerprint that
//! stays the same while the finding does, so merge requests show new and fixed findings.

use super::FileReport;
use crate::diagnostics::Severity;
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: String,
    categories: [&'static str; 1],
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn render_gitlab(reports: &[FileReport]) -> String {
    let mut issues = Vec::new();
    for report in reports {
        let mut seen = std::collections::HashMap::new();
        for d in &report.diagnostics {
            let (start, end) = report.range(d.span);
            // Path, code and the flagged text: not the line number, which moves with
            // unrelated edits above the finding.
            let mut hash = Sha256::new();
            for part in [
                report.path.as_str(),
                &d.code,
                report.text(d.span),
                &d.message,
            ] {
                hash.update(part.as_bytes());
                hash.update([0]);
            }
            // The same text flagged twice in a file stays two issues.
            let digest: Vec<u8> = hash.finalize().to_vec();
            let occurrence = seen.entry(digest.clone()).or_insert(0usize);
            *occurrence += 1;
            let mut fingerprint: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            if *occurrence > 1 {
                fingerprint.push_str(&format!("-{occurrence}"));
            }
            issues.push(Issue {
                kind: "issue",
                check_name: &d.code,
                description: format!("{}: {}", d.code, d.message),
                categories: ["Style"],
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "minor",
                    Severity::Style => "info",
                },
                location: Location {
                    path: &report.path,
                    lines: Lines {
                        begin: start.line,
                        end: end.line,
                    },
                },
            });
        }
    }
    let mut out = serde_json::to_string_pretty(&issues).expect("issues serialize");
    out.push('\n');
    out
}
