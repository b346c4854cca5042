//! Source text -> instruction AST, following BuildKit's Dockerfile parser.
//!
//! `parse` never fails: parser errors (what BuildKit's parser rejects) and instruction
//! errors (what its instruction layer rejects) are collected in `Dockerfile::errors`.

pub mod ast;
pub mod dump;
pub mod expand;
pub mod flags;
pub mod grammar;
pub mod parser;
pub mod span;
pub mod validate;
pub mod words;

pub use ast::*;

/// A text with its runs of white space (tabs, newlines) folded into one space: an
/// instruction or command as one line, the same however it is indented.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
pub use span::{LineIndex, Position, Span};

/// Parse and validate a Dockerfile.
pub fn parse(source: &str) -> Dockerfile {
    let mut dockerfile = parser::parse(source);
    let instruction_errors = validate::validate(&dockerfile);
    dockerfile.errors.extend(instruction_errors);
    dockerfile
}
