//! JSON: hadolint's array of findings, with end positions and fixes added.

use super::FileReport;
use crate::diagnostics::Fix;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFinding<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    level: &'static str,
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: crate::diagnostics::Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

pub fn render_json(reports: &[FileReport]) -> String {
    let mut findings = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let (start, end) = report.range(d.span);
            findings.push(JsonFinding {
                file: &report.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                level: d.severity.as_str(),
                code: &d.code,
                message: &d.message,
                fix: d.fix.as_ref().map(|f| json_fix(report, f)),
            });
        }
    }
    let mut out = serde_json::to_string_pretty(&findings).expect("findings serialize");
    out.push('\n');
    out
}

fn json_fix<'a>(report: &FileReport, fix: &'a Fix) -> JsonFix<'a> {
    JsonFix {
        message: &fix.message,
        applicability: fix.applicability,
        edits: fix
            .edits
            .iter()
            .map(|e| {
                let (start, end) = report.range(e.span);
                JsonEdit {
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    replacement: &e.replacement,
                }
            })
            .collect(),
    }
}
