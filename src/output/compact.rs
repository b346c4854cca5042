//! One line per finding, `file:line:col: CODE severity: message`: what editors' error
//! matchers and `grep` expect.

use super::FileReport;
use std::fmt::Write;

pub fn render_compact(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            let (start, _) = report.range(d.span);
            let _ = writeln!(
                out,
                "{}:{}:{}: {} {}: {}",
                report.path, start.line, start.column, d.code, d.severity, d.message
            );
        }
    }
    out
}
