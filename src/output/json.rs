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

/// Findings per piece of the JSON output, and pieces rendered at once (on every core)
/// before they are written: the output is never held whole, and one big file's findings
/// are rendered on every core too.
const FINDINGS_PER_PIECE: usize = 512;
const PIECES_PER_WINDOW: usize = 32;

/// Part of one file's findings: the file and the range of its diagnostics.
type Segment = (usize, std::ops::Range<usize>);

/// The findings of all files cut into pieces of about `FINDINGS_PER_PIECE`: small files
/// share a piece, a big file's findings are spread over several.
fn pieces(reports: &[FileReport]) -> Vec<Vec<Segment>> {
    let mut pieces = Vec::new();
    let mut piece: Vec<Segment> = Vec::new();
    let mut size = 0;
    for (n, report) in reports.iter().enumerate() {
        let mut start = 0;
        let count = report.diagnostics.len();
        while start < count {
            let end = count.min(start + FINDINGS_PER_PIECE - size);
            piece.push((n, start..end));
            size += end - start;
            start = end;
            if size == FINDINGS_PER_PIECE {
                pieces.push(std::mem::take(&mut piece));
                size = 0;
            }
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// Write exactly `serde_json::to_string_pretty` of all the findings, and a newline,
/// rendering many pieces at once on every core. The next window is rendered while this
/// one is written: writing a big report to a file is a one-core wait otherwise.
pub fn write_json(reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let pieces = pieces(reports);
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<String>>(1);
    std::thread::scope(|scope| {
        let pieces = &pieces;
        scope.spawn(move || {
            for window in pieces.chunks(PIECES_PER_WINDOW) {
                let rendered: Vec<String> = window
                    .par_iter()
                    .map(|segments| {
                        let findings: Vec<JsonFinding> = segments
                            .iter()
                            .flat_map(|(file, range)| findings_of(&reports[*file], range.clone()))
                            .collect();
                        serde_json::to_string_pretty(&findings).expect("findings serialize")
                    })
                    .collect();
                // The writer stopped (an error): render no more.
                if send.send(rendered).is_err() {
                    break;
                }
            }
        });
        let mut first = true;
        for rendered in receive {
            for array in &rendered {
                out.write_all(if first { b"[\n" } else { b",\n" })?;
                first = false;
                // A pretty array's elements, without its brackets, are indented as they
                // would be in one big array: cut `[\n` and `\n]`.
                out.write_all(&array.as_bytes()[2..array.len() - 2])?;
            }
        }
        out.write_all(if pieces.is_empty() { b"[]\n" } else { b"\n]\n" })
    })
}

fn findings_of(
    report: &FileReport,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = JsonFinding<'_>> {
    report.diagnostics[range].iter().map(move |d| {
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
        // Every third file has no findings.
        let text = if n % 3 == 0 {
            "FROM scratch\n".to_string()
        } else {
            format!("FROM debian\nRUN apt-get install curl{n}\nMAINTAINER me\n")
        };
        let result = crate::lint::lint(&text);
        FileReport::new(format!("f{n}/Dockerfile"), result.file, result.diagnostics)
    }

    /// Rendered piece by piece on several cores, the output is byte for byte one
    /// pretty-printed array, across piece and window boundaries and with empty pieces.
    #[test]
    fn pieces_join_into_one_array() {
        // Files with findings have 6: pieces end inside files and between them, and the
        // last count fills more than one window.
        for count in [0, 1, 3, 200, 4200] {
            let reports: Vec<FileReport> = (0..count).map(report).collect();
            let whole: Vec<JsonFinding> = reports
                .iter()
                .flat_map(|r| findings_of(r, 0..r.diagnostics.len()))
                .collect();
            if count == 4200 {
                assert!(whole.len() > FINDINGS_PER_PIECE * PIECES_PER_WINDOW);
            }
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(render_json(&reports), expected, "{count} files");
        }
        let empty: Vec<FileReport> = (0..100).map(|n| report(n * 3)).collect();
        assert_eq!(render_json(&empty), "[]\n");
        // One big file is cut into pieces of its own.
        let big = "FROM debian\n".to_string() + &"RUN apt-get install curl\n".repeat(700);
        let result = crate::lint::lint(&big);
        let report = FileReport::new("big/Dockerfile", result.file, result.diagnostics);
        assert!(report.diagnostics.len() > FINDINGS_PER_PIECE * 2);
        let whole: Vec<JsonFinding> = findings_of(&report, 0..report.diagnostics.len()).collect();
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(render_json(std::slice::from_ref(&report)), expected);
    }

    /// A writer that fails part-way (a full disk) ends the output with its error; the
    /// rendering of the windows still to come stops instead of waiting forever.
    #[test]
    fn a_failing_writer_stops_the_rendering() {
        struct FailsAfter(usize);
        impl std::io::Write for FailsAfter {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(std::io::Error::other("disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let reports: Vec<FileReport> = (0..4200).map(report).collect();
        let whole = render_json(&reports).len();
        for budget in [0, 10, whole / 3, whole - 2] {
            let error = write_json(&reports, &mut FailsAfter(budget)).unwrap_err();
            assert_eq!(error.to_string(), "disk full", "after {budget} bytes");
        }
        assert!(write_json(&reports, &mut FailsAfter(whole)).is_ok());
    }
}
