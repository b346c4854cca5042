//! Renderers: small functions from linted files to text. None of them prints; the binary does.

mod cache;
mod checkstyle;
mod compact;
mod github;
mod gitlab;
mod gnu;
mod json;
mod junit;
mod sarif;
mod text;
mod xml;

pub use cache::{
    CACHE_JSON_VERSION, render_cache_json, render_cache_markdown, render_cache_text,
    render_history_markdown, render_suggest_markdown, render_versioned,
};
pub use checkstyle::render_checkstyle;
pub use compact::render_compact;
pub use github::render_github;
pub use gitlab::render_gitlab;
pub use gnu::render_gnu;
pub use json::{render_json, write_json};
pub use junit::render_junit;
pub use sarif::render_sarif;
pub use text::render_text;

use crate::config::Format;

/// Render `reports` in `format`.
pub fn render(format: Format, reports: &[FileReport], color: bool) -> String {
    match format {
        Format::Text => render_text(reports, color),
        Format::Compact => render_compact(reports),
        Format::Json => render_json(reports),
        Format::Sarif => render_sarif(reports),
        Format::Checkstyle => render_checkstyle(reports),
        Format::Junit => render_junit(reports),
        Format::Gitlab => render_gitlab(reports),
        Format::Github => render_github(reports),
        Format::Gnu => render_gnu(reports),
    }
}

/// Write `reports` in `format` to `out`: JSON is rendered piece by piece on every core
/// and never held whole; the other formats are rendered, then written.
pub fn write(
    format: Format,
    reports: &[FileReport],
    color: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => write_json(reports, out),
        _ => out.write_all(render(format, reports, color).as_bytes()),
    }
}

use crate::diagnostics::Diagnostic;
use crate::syntax::{Dockerfile, LineIndex, ParsedFile, Position, Span};

/// One linted file, as every renderer sees it: its text, not its syntax tree, which a
/// run over many files need not keep until the end.
pub struct FileReport {
    /// The path as the user gave it (or `<stdin>`).
    pub path: String,
    pub source: String,
    pub line_index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// The report of a linted file; its syntax tree is dropped.
    pub fn new(path: impl Into<String>, file: ParsedFile, diagnostics: Vec<Diagnostic>) -> Self {
        let (source, line_index) = file.into_text();
        FileReport {
            path: path.into(),
            source,
            line_index,
            diagnostics,
        }
    }

    /// The report of a linted file whose syntax tree is kept elsewhere (for ShellCheck).
    pub fn copied_from(
        path: impl Into<String>,
        dockerfile: &Dockerfile,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        FileReport {
            path: path.into(),
            source: dockerfile.source.to_string(),
            line_index: dockerfile.line_index.clone(),
            diagnostics,
        }
    }

    /// Start and (exclusive) end position of a span in this file.
    pub fn range(&self, span: Span) -> (Position, Position) {
        (
            self.line_index.position(&self.source, span.start),
            self.line_index.position(&self.source, span.end),
        )
    }

    pub fn text(&self, span: Span) -> &str {
        &self.source[span.start..span.end]
    }
}
