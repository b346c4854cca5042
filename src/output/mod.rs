//! Renderers: small functions from linted files to text. None of them prints; the binary does.

mod json;
mod text;

pub use json::render_json;
pub use text::render_text;

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
