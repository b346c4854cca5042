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
pub use json::render_json;
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

use crate::diagnostics::Diagnostic;
use crate::syntax::{Dockerfile, Position, Span};

/// One linted file, as every renderer sees it.
pub struct FileReport {
    /// The path as the user gave it (or `<stdin>`).
    pub path: String,
    pub dockerfile: Dockerfile,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// Start and (exclusive) end position of a span in this file.
    pub fn range(&self, span: Span) -> (Position, Position) {
        (
            self.dockerfile.position(span.start),
            self.dockerfile.position(span.end),
        )
    }
}
