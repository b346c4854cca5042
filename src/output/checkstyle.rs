//! Checkstyle XML (version 4.3), read by Jenkins' warnings plugin, reviewdog and others.

use super::FileReport;
use super::xml::escape;
use crate::diagnostics::Severity;
use std::fmt::Write;

pub fn render_checkstyle(reports: &[FileReport]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for report in reports {
        let _ = writeln!(out, "  <file name=\"{}\">", escape(&report.path));
        for d in &report.diagnostics {
            let (start, _) = report.range(d.span);
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"layerlint.{}\"/>",
                start.line,
                start.column,
                escape(&d.message),
                escape(&d.code)
            );
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
