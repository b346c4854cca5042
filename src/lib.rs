//! layerlint: a Dockerfile linter and build-cache advisor.
//!
//! Data flows one way: `syntax` (text -> AST) -> `model` (stages, scopes) -> `rules`
//! -> `diagnostics` -> `output`. `lint` runs that pipeline for one file; `input` reads files.

pub mod cache;
pub mod config;
pub mod context;
pub mod diagnostics;
pub mod fix;
pub mod input;
pub mod lint;
pub mod lsp;
pub mod model;
pub mod output;
pub mod rules;
pub mod shell;
pub mod shellcheck;
pub mod suggest;
pub mod syntax;
#[cfg(test)]
mod test_support;
