//! `layerlint dump`, `rules` and `explain`: the parser's view and the rule catalogue.

use super::{EXIT_ERROR, ListFormat, emit, read, report_error};
use layerlint::rules::{self, RULES};
use layerlint::syntax;
use std::path::Path;

pub(super) fn dump(path: &Path) -> u8 {
    let (name, source) = match read(path) {
        Ok(read) => read,
        Err(e) => {
            report_error(&e);
            return EXIT_ERROR;
        }
    };
    let dockerfile = syntax::parser::parse(&source);
    if dockerfile.is_not_a_dockerfile() {
        eprintln!(
            "layerlint: error: {name}: {}",
            layerlint::lint::NOT_A_DOCKERFILE
        );
        return EXIT_ERROR;
    }
    if let Some(error) = dockerfile.parser_errors().next() {
        let at = dockerfile.position(error.span.start);
        eprintln!(
            "layerlint: error: {name}:{}:{}: {}",
            at.line, at.column, error.message
        );
        return EXIT_ERROR;
    }
    match emit(&syntax::dump::dump(&dockerfile)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("layerlint: error: {e}");
            EXIT_ERROR
        }
    }
}

pub(super) fn list_rules(format: ListFormat) -> u8 {
    let mut out = String::new();
    match format {
        ListFormat::Text => {
            let width = RULES.iter().map(|r| r.meta.code.len()).max().unwrap_or(8);
            for rule in RULES {
                let m = &rule.meta;
                let aliases = if m.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" (also {})", m.aliases.join(", "))
                };
                out.push_str(&format!(
                    "{:<width$} {:<8} {}{}\n",
                    m.code,
                    m.default_severity.as_str(),
                    m.summary,
                    aliases
                ));
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.meta.code,
                        "name": r.meta.name,
                        "severity": r.meta.default_severity,
                        "aliases": r.meta.aliases,
                        "summary": r.meta.summary,
                        "fixable": r.meta.fixable,
                    })
                })
                .collect();
            out.push_str(&serde_json::to_string_pretty(&list).expect("rules serialize"));
            out.push('\n');
        }
    }
    match emit(&out) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("layerlint: error: {e}");
            EXIT_ERROR
        }
    }
}

pub(super) fn explain(code: &str) -> u8 {
    match rules::find(code) {
        Some(rule) => match emit(rule.meta.page) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("layerlint: error: {e}");
                EXIT_ERROR
            }
        },
        None => {
            let mut message = format!("layerlint: error: no rule named '{code}'");
            let names = RULES
                .iter()
                .flat_map(|r| std::iter::once(r.meta.code).chain(r.meta.aliases.iter().copied()));
            if let Some(s) = layerlint::suggest::closest(code, names) {
                message.push_str(&format!(" (did you mean {s}?)"));
            }
            eprintln!("{message}");
            EXIT_ERROR
        }
    }
}
