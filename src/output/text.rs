//! Human-readable text: codespan-reporting code frames, then a one-line summary.

use super::FileReport;
use crate::diagnostics::Severity;
use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor::Ansi};

pub fn render_text(reports: &[FileReport], color: bool) -> String {
    use rayon::prelude::*;
    // Each file's frames on its own core, then in order.
    let parts: Vec<(String, [usize; 4])> =
        reports.par_iter().map(|r| file_frames(r, color)).collect();
    let mut out = String::with_capacity(parts.iter().map(|(p, _)| p.len()).sum::<usize>() + 80);
    let mut counts = [0usize; 4];
    // Each part is dropped once copied, so the text is not held twice at the end.
    for (part, file_counts) in parts {
        out.push_str(&part);
        for (total, n) in counts.iter_mut().zip(file_counts) {
            *total += n;
        }
    }
    let with_problems = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
    out.push_str(&summary(counts, reports.len(), with_problems));
    out
}

/// One file's code frames, and its findings counted by severity.
fn file_frames(report: &FileReport, color: bool) -> (String, [usize; 4]) {
    let config = Config::default();
    let styles = Styles::default();
    let mut out = String::new();
    let mut counts = [0usize; 4];
    let file = SimpleFile::new(report.path.as_str(), report.source.as_str());
    for d in &report.diagnostics {
        counts[d.severity as usize] += 1;
        let mut notes = Vec::new();
        if let Some(fix) = &d.fix {
            let applicability = format!("{:?}", fix.applicability).to_lowercase();
            notes.push(format!("fix ({applicability}): {}", fix.message));
        }
        let frame = Frame::new(frame_severity(d.severity))
            .with_code(d.code.as_ref())
            .with_message(&d.message)
            .with_labels(
                std::iter::once(Label::primary((), d.span.start..d.span.end))
                    .chain(
                        d.related
                            .iter()
                            .map(|r| Label::secondary((), r.start..r.end)),
                    )
                    .collect(),
            )
            .with_notes(notes);
        if color {
            let mut buffer = Vec::new();
            let mut writer = StylesWriter::new(Ansi::new(&mut buffer), &styles);
            let _ = term::emit_to_write_style(&mut writer, &config, &file, &frame);
            out.push_str(&String::from_utf8_lossy(&buffer));
        } else {
            let _ = term::emit_to_string(&mut out, &config, &file, &frame);
        }
    }
    (out, counts)
}

fn frame_severity(severity: Severity) -> FrameSeverity {
    match severity {
        Severity::Error => FrameSeverity::Error,
        Severity::Warning => FrameSeverity::Warning,
        Severity::Info => FrameSeverity::Note,
        Severity::Style => FrameSeverity::Help,
    }
}

/// `Found 6 problems in 1 of 2 files (...)`: how many files were checked, and how many
/// of them have problems.
fn summary(counts: [usize; 4], checked: usize, with_problems: usize) -> String {
    let total: usize = counts.iter().sum();
    let plural = |n: usize| if n == 1 { "file" } else { "files" };
    if total == 0 {
        return format!("No problems found in {checked} {}.\n", plural(checked));
    }
    let files = if with_problems == checked {
        format!("{checked} {}", plural(checked))
    } else {
        format!("{with_problems} of {checked} {}", plural(checked))
    };
    let parts: Vec<String> = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Style,
    ]
    .into_iter()
    .filter(|s| counts[*s as usize] > 0)
    .map(|s| {
        let n = counts[s as usize];
        let name = match s {
            Severity::Info => "info".to_string(),
            Severity::Style => "style".to_string(),
            _ => format!("{}{}", s.as_str(), if n == 1 { "" } else { "s" }),
        };
        format!("{n} {name}")
    })
    .collect();
    format!(
        "Found {total} problem{} in {files} ({}).\n",
        if total == 1 { "" } else { "s" },
        parts.join(", ")
    )
}
