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
    use rayon::prelude::*;
    // Each finding pretty-printed on its own core, then indented one level into the
    // array: the same bytes as pretty-printing the whole array (JSON strings escape their
    // newlines, so every line break is the printer's).
    let parts: Vec<String> = reports
        .par_iter()
        .flat_map_iter(|report| {
            report.diagnostics.iter().map(move |d| {
                let (start, end) = report.range(d.span);
                let finding = JsonFinding {
                    file: &report.path,
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    level: d.severity.as_str(),
                    code: &d.code,
                    message: &d.message,
                    fix: d.fix.as_ref().map(|f| json_fix(report, f)),
                };
                let text = serde_json::to_string_pretty(&finding).expect("findings serialize");
                let mut indented = String::with_capacity(text.len() + 64);
                for (i, line) in text.lines().enumerate() {
                    if i > 0 {
                        indented.push('\n');
                    }
                    indented.push_str("  ");
                    indented.push_str(line);
                }
                indented
            })
        })
        .collect();
    if parts.is_empty() {
        return "[]\n".to_string();
    }
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 2).sum::<usize>() + 4);
    out.push_str("[\n");
    out.push_str(&parts.join(",\n"));
    out.push_str("\n]\n");
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
