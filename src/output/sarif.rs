//! SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards: every rule
//! that fired comes with its metadata (name, summary, full page as help, default level),
//! and every result points at its exact region.

use super::FileReport;
use crate::diagnostics::Severity;
use crate::rules;
use serde_json::{Value, json};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

pub fn render_sarif(reports: &[FileReport]) -> String {
    // The rules that fired, in first-seen order; results refer to them by index.
    let mut rule_ids: Vec<String> = Vec::new();
    let mut results = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let index = match rule_ids.iter().position(|id| *id == d.code) {
                Some(i) => i,
                None => {
                    rule_ids.push(d.code.to_string());
                    rule_ids.len() - 1
                }
            };
            let (start, end) = report.range(d.span);
            let language = if d.code.starts_with("SC") {
                "shellscript"
            } else {
                "dockerfile"
            };
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&report.path) },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                            "sourceLanguage": language,
                        }
                    }
                }],
            });
            if !d.related.is_empty() {
                let related: Vec<Value> = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, span)| {
                        let (s, t) = report.range(*span);
                        json!({
                            "id": id,
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri(&report.path) },
                                "region": {
                                    "startLine": s.line, "startColumn": s.column,
                                    "endLine": t.line, "endColumn": t.column,
                                }
                            }
                        })
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (s, t) = report.range(e.span);
                        json!({
                            "deletedRegion": {
                                "startLine": s.line, "startColumn": s.column,
                                "endLine": t.line, "endColumn": t.column,
                            },
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.message },
                    // SARIF has no word for it: a property bag carries the applicability.
                    "properties": { "applicability": fix.applicability.as_str() },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&report.path) },
                        "replacements": replacements,
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let rules: Vec<Value> = rule_ids.iter().map(|id| rule_descriptor(id)).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "layerlint",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/layerlint/layerlint",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    out.push('\n');
    out
}

fn rule_descriptor(id: &str) -> Value {
    match rules::find(id) {
        Some(rule) => {
            let m = &rule.meta;
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.summary, "markdown": m.page },
                "defaultConfiguration": {
                    "level": level(m.default_severity),
                    "enabled": !m.off_by_default,
                },
                "properties": { "aliases": m.aliases, "tags": ["dockerfile"] },
            })
        }
        None if id.starts_with("SC") => json!({
            "id": id,
            "name": id,
            "shortDescription": { "text": format!("ShellCheck {id}") },
            "helpUri": format!("https://www.shellcheck.net/wiki/{id}"),
            "properties": { "tags": ["shell"] },
        }),
        None => json!({
            "id": id,
            "name": "syntax-error",
            "shortDescription": { "text": "The Dockerfile does not parse, or BuildKit would reject it" },
            "defaultConfiguration": { "level": "error" },
        }),
    }
}

/// A relative path as a URI reference: `/` separators, spaces and `%` escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}
