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
    let mut out = Vec::new();
    write_json(reports, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Files per piece of the JSON output, and pieces rendered at once (on every core) before
/// they are written: the output is never held whole.
const FILES_PER_PIECE: usize = 64;
const PIECES_PER_WINDOW: usize = 32;

/// Write exactly `serde_json::to_string_pretty` of all the findings, and a newline,
/// rendering the findings of many files at once on every core.
pub fn write_json(reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut written_any = false;
    for window in reports.chunks(FILES_PER_PIECE * PIECES_PER_WINDOW) {
        let pieces: Vec<String> = window
            .par_chunks(FILES_PER_PIECE)
            .map(|chunk| {
                let findings: Vec<JsonFinding> = chunk.iter().flat_map(findings_of).collect();
                if findings.is_empty() {
                    return String::new();
                }
                // A pretty array's elements, without its brackets, are indented as they
                // would be in one big array: cut `[\n` and `\n]`.
                let mut array =
                    serde_json::to_string_pretty(&findings).expect("findings serialize");
                array.truncate(array.len() - 2);
                array.split_off(2)
            })
            .collect();
        for piece in pieces.iter().filter(|p| !p.is_empty()) {
            out.write_all(if written_any { b",\n" } else { b"[\n" })?;
            out.write_all(piece.as_bytes())?;
            written_any = true;
        }
    }
    out.write_all(if written_any { b"\n]\n" } else { b"[]\n" })
}

fn findings_of(report: &FileReport) -> impl Iterator<Item = JsonFinding<'_>> {
    report.diagnostics.iter().map(move |d| {
        let (start, end) = report.range(d.span);
        JsonFinding {
            file: &report.path,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            level: d.severity.as_str(),
            code: &d.code,
            message: &d.message,
            fix: d.fix.as_ref().map(|f| json_fix(report, f)),
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn report(n: usize) -> FileReport {
        // Every third file has no findings, so that pieces of one window may be empty.
        let text = if n % 3 == 0 {
            "FROM scratch\n".to_string()
        } else {
            format!("FROM debian\nRUN apt-get install curl{n}\nMAINTAINER me\n")
        };
        let result = crate::lint::lint(&text);
        FileReport::new(
            format!("f{n}/Dockerfile"),
            result.dockerfile,
            result.diagnostics,
        )
    }

    /// Rendered piece by piece on several cores, the output is byte for byte one
    /// pretty-printed array, across piece and window boundaries and with empty pieces.
    #[test]
    fn pieces_join_into_one_array() {
        for count in [
            0,
            1,
            3,
            FILES_PER_PIECE + 1,
            FILES_PER_PIECE * PIECES_PER_WINDOW + 70,
        ] {
            let reports: Vec<FileReport> = (0..count).map(report).collect();
            let whole: Vec<JsonFinding> = reports.iter().flat_map(findings_of).collect();
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(render_json(&reports), expected, "{count} files");
        }
        let empty: Vec<FileReport> = (0..FILES_PER_PIECE * 2).map(|n| report(n * 3)).collect();
        assert_eq!(render_json(&empty), "[]\n");
    }
}
