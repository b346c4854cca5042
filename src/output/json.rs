//! JSON: hadolint's array of findings, with end positions and fixes added.
//!
//! Written by hand, byte for byte as `serde_json::to_string_pretty` writes it (the tests
//! hold serde's rendering as the reference): a many-file run's report is often ten times
//! the size of its Dockerfiles, and serde spent most of its time escaping the same field
//! names and file path again for every finding, a byte at a time.

use super::FileReport;
use crate::diagnostics::{Diagnostic, Fix};

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
    // At most three windows are held: one written, one waiting, one being rendered.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(1);
    std::thread::scope(|scope| {
        let pieces = &pieces;
        scope.spawn(move || {
            for window in pieces.chunks(PIECES_PER_WINDOW) {
                let rendered: Vec<Vec<u8>> = window
                    .par_iter()
                    .map(|segments| render_piece(reports, segments))
                    .collect();
                // The writer stopped (an error): render no more.
                if send.send(rendered).is_err() {
                    break;
                }
            }
        });
        let mut first = true;
        for rendered in receive {
            for piece in &rendered {
                out.write_all(if first { b"[\n" } else { b",\n" })?;
                first = false;
                out.write_all(piece)?;
            }
        }
        out.write_all(if pieces.is_empty() { b"[]\n" } else { b"\n]\n" })
    })
}

/// A piece's findings as elements of the top-level array, joined by `,\n`, without
/// the brackets.
fn render_piece(reports: &[FileReport], segments: &[Segment]) -> Vec<u8> {
    let mut out = Vec::with_capacity(segments.iter().map(|(_, r)| r.len()).sum::<usize>() * 512);
    let mut file = Vec::new();
    for (n, (index, range)) in segments.iter().enumerate() {
        let report = &reports[*index];
        // The file's path, escaped once for all its findings.
        file.clear();
        write_str(&mut file, &report.path);
        for (m, d) in report.diagnostics[range.clone()].iter().enumerate() {
            if n > 0 || m > 0 {
                out.extend_from_slice(b",\n");
            }
            write_finding(&mut out, report, &file, d);
        }
    }
    out
}

/// One finding, as an element of the top-level array (indented by one level).
fn write_finding(out: &mut Vec<u8>, report: &FileReport, file: &[u8], d: &Diagnostic) {
    let (start, end) = report.range(d.span);
    out.extend_from_slice(b"  {\n    \"file\": ");
    out.extend_from_slice(file);
    write_number(out, b",\n    \"line\": ", start.line);
    write_number(out, b",\n    \"column\": ", start.column);
    write_number(out, b",\n    \"endLine\": ", end.line);
    write_number(out, b",\n    \"endColumn\": ", end.column);
    out.extend_from_slice(b",\n    \"level\": ");
    write_str(out, d.severity.as_str());
    out.extend_from_slice(b",\n    \"code\": ");
    write_str(out, &d.code);
    out.extend_from_slice(b",\n    \"message\": ");
    write_str(out, &d.message);
    if let Some(fix) = &d.fix {
        out.extend_from_slice(b",\n    \"fix\": ");
        write_fix(out, report, fix);
    }
    out.extend_from_slice(b"\n  }");
}

/// A fix, as the value of a finding's `fix` field (its object two levels deep).
fn write_fix(out: &mut Vec<u8>, report: &FileReport, fix: &Fix) {
    out.extend_from_slice(b"{\n      \"message\": ");
    write_str(out, &fix.message);
    out.extend_from_slice(b",\n      \"applicability\": ");
    write_str(out, fix.applicability.as_str());
    out.extend_from_slice(b",\n      \"edits\": [");
    for (n, edit) in fix.edits.iter().enumerate() {
        let (start, end) = report.range(edit.span);
        out.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
        write_number(out, b"        {\n          \"line\": ", start.line);
        write_number(out, b",\n          \"column\": ", start.column);
        write_number(out, b",\n          \"endLine\": ", end.line);
        write_number(out, b",\n          \"endColumn\": ", end.column);
        out.extend_from_slice(b",\n          \"replacement\": ");
        write_str(out, &edit.replacement);
        out.extend_from_slice(b"\n        }");
    }
    if !fix.edits.is_empty() {
        out.extend_from_slice(b"\n      ");
    }
    out.extend_from_slice(b"]\n    }");
}

fn write_number(out: &mut Vec<u8>, before: &[u8], value: usize) {
    out.extend_from_slice(before);
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// A JSON string as serde_json escapes it: `"`, `\` and the control characters below
/// U+0020 (the short forms where JSON has them, else `\u00XX`); everything else as it is.
fn write_str(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    let bytes = value.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes at a time while none needs escaping: messages rarely have any. The
        // last few are padded with spaces, which need none, so that a short string (a
        // level, a code) or a string's end is one test too, not one per byte.
        let rest = &bytes[at..];
        let (word, len) = match rest.get(..8) {
            Some(chunk) => (
                u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
                8,
            ),
            None => {
                let mut padded = [b' '; 8];
                padded[..rest.len()].copy_from_slice(rest);
                (u64::from_le_bytes(padded), rest.len())
            }
        };
        if !needs_escape(word) {
            at += len;
            continue;
        }
        let byte = bytes[at];
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..0x20 => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ],
            _ => {
                at += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[copied..at]);
        out.extend_from_slice(escape);
        at += 1;
        copied = at;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether any of eight bytes is a control character, `"` or `\`: exact as a yes or no
/// (the bit tricks of "Bit Twiddling Hacks", `haszero` and `hasless`), not per byte.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    below_space | zero_byte(quote) | zero_byte(backslash) != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    // The reference: the findings as serde_json renders them, from these structs.
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

    fn serde_rendering(reports: &[FileReport]) -> String {
        let whole: Vec<JsonFinding> = reports
            .iter()
            .flat_map(|r| findings_of(r, 0..r.diagnostics.len()))
            .collect();
        serde_json::to_string_pretty(&whole).unwrap() + "\n"
    }

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
            if count == 4200 {
                let findings: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
                assert!(findings > FINDINGS_PER_PIECE * PIECES_PER_WINDOW);
            }
            assert_eq!(
                render_json(&reports),
                serde_rendering(&reports),
                "{count} files"
            );
        }
        let empty: Vec<FileReport> = (0..100).map(|n| report(n * 3)).collect();
        assert_eq!(render_json(&empty), "[]\n");
        // One big file is cut into pieces of its own.
        let big = "FROM debian\n".to_string() + &"RUN apt-get install curl\n".repeat(700);
        let result = crate::lint::lint(&big);
        let report = FileReport::new("big/Dockerfile", result.file, result.diagnostics);
        assert!(report.diagnostics.len() > FINDINGS_PER_PIECE * 2);
        let reports = std::slice::from_ref(&report);
        assert_eq!(render_json(reports), serde_rendering(reports));
    }

    /// Strings are escaped as serde escapes them: every ASCII byte, at every offset of the
    /// eight-byte steps, beside multi-byte characters.
    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        let mut texts: Vec<String> = (0u8..=0x7f).map(|b| char::from(b).to_string()).collect();
        for special in [
            '"', '\\', '\n', '\u{1}', '\u{1f}', '\u{7f}', ' ', 'é', '€', '😀',
        ] {
            for offset in 0..20 {
                let mut text = "x".repeat(offset);
                text.push(special);
                text.push_str("yz`tail`");
                texts.push(text);
            }
        }
        texts.push(String::new());
        texts.push("\u{0}\u{8}\u{c}\r\t\u{b}\"\"\\\\ two quotes and backslashes".to_string());
        for text in &texts {
            let mut ours = Vec::new();
            write_str(&mut ours, text);
            let expected = serde_json::to_string(text).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), expected, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Any string, mostly ASCII with control characters, quotes and backslashes
        /// among it, escapes as serde escapes it.
        #[test]
        fn any_string_escapes_as_serde(text in "[\\x00-\\x7f\"\\\\é😀]{0,40}") {
            let mut ours = Vec::new();
            write_str(&mut ours, &text);
            proptest::prop_assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&text).unwrap());
        }
    }

    /// Findings whose fields need escaping, fixes without edits and with several, a
    /// path with quotes: rendered as serde renders them.
    #[test]
    fn unusual_findings_render_as_serde_renders_them() {
        use crate::diagnostics::{Applicability, Edit};
        let mut report = report(1);
        let template = report.diagnostics[0].clone();
        report.path = "dir \"quoted\"\\\u{7}/Dockerfile".to_string();
        let fix = |edits: Vec<Edit>, applicability| Fix {
            message: "a \"fix\"\n".to_string(),
            applicability,
            edits,
        };
        let edit = |start: usize, replacement: &str| Edit {
            span: crate::syntax::Span::new(start, start + 3),
            replacement: replacement.to_string(),
        };
        report.diagnostics = vec![
            Diagnostic {
                message: "tab\there, \u{1b}[1m and `€`".to_string(),
                fix: Some(fix(vec![], Applicability::Display)),
                ..template.clone()
            },
            Diagnostic {
                code: "SC2086".into(),
                fix: Some(fix(
                    vec![edit(0, "\\\n  --x"), edit(12, "")],
                    Applicability::Safe,
                )),
                ..template.clone()
            },
            Diagnostic {
                fix: Some(fix(vec![edit(5, "😀")], Applicability::Unsafe)),
                ..template
            },
        ];
        let reports = std::slice::from_ref(&report);
        assert_eq!(render_json(reports), serde_rendering(reports));
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
