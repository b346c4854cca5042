//! The GNU coding standards' error format, `layerlint:file:line.col-endline.endcol: ...`,
//! which Emacs' compilation mode and many IDEs parse.

use super::FileReport;
use std::fmt::Write;

pub fn render_gnu(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            let (start, end) = report.range(d.span);
            let _ = writeln!(
                out,
                "layerlint:{}:{}.{}-{}.{}: {} {}: {}",
                report.path,
                start.line,
                start.column,
                end.line,
                end.column,
                d.code,
                d.severity,
                d.message
            );
        }
    }
    out
}
