//! JUnit XML: one test suite per file, one failing test case per finding, and one passing
//! case for a clean file, so CI dashboards count linted files too.

use super::FileReport;
use super::xml::escape;
use std::fmt::Write;

pub fn render_junit(reports: &[FileReport]) -> String {
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"layerlint\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\">"
    );
    for report in reports {
        let path = escape(&report.path);
        let n = report.diagnostics.len();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{n}\" errors=\"0\">",
            n.max(1)
        );
        if report.diagnostics.is_empty() {
            let _ = writeln!(out, "    <testcase name=\"{path}\" classname=\"{path}\"/>");
        }
        for d in &report.diagnostics {
            let (start, _) = report.range(d.span);
            let _ = writeln!(
                out,
                "    <testcase name=\"{} at line {}\" classname=\"{path}\">\n      <failure type=\"{}\" message=\"{}\">{path}:{}:{}: {} {}: {}</failure>\n    </testcase>",
                escape(&d.code),
                start.line,
                d.severity,
                escape(&d.message),
                start.line,
                start.column,
                escape(&d.code),
                d.severity,
                escape(&d.message),
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
