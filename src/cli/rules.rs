//! `layerlint dump`, `rules` and `explain`: the parser's view and the rule catalogue.

use super::{EXIT_ERROR, ListFormat, emit, read, report_error};
use layerlint::rules::{self, Family, RULES};
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
            for (n, family) in Family::ALL.into_iter().enumerate() {
                let members: Vec<_> = RULES.iter().filter(|r| r.meta.family() == family).collect();
                let width = members.iter().map(|r| r.meta.code.len()).max().unwrap_or(8);
                if n > 0 {
                    out.push('\n');
                }
                out.push_str(&format!("{} ({} rules)\n", family.title(), members.len()));
                for rule in members {
                    let m = &rule.meta;
                    let mut notes = Vec::new();
                    if m.off_by_default || m.experimental {
                        notes.push("off by default".to_string());
                    }
                    let names: Vec<&str> = m.aliases.iter().chain(m.peer_checks).copied().collect();
                    if !names.is_empty() {
                        notes.push(format!("also {}", names.join(", ")));
                    }
                    let notes = if notes.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", notes.join("; "))
                    };
                    out.push_str(&format!(
                        "  {:<width$} {:<8} {}{}\n",
                        m.code,
                        m.default_severity.as_str(),
                        m.summary,
                        notes
                    ));
                }
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    let sources: Vec<serde_json::Value> = r
                        .meta
                        .sources()
                        .map(|(tool, id)| serde_json::json!({"tool": tool, "id": id}))
                        .collect();
                    serde_json::json!({
                        "code": r.meta.code,
                        "name": r.meta.name,
                        "family": r.meta.family(),
                        "severity": r.meta.default_severity,
                        "aliases": r.meta.aliases,
                        "peer_checks": r.meta.peer_checks,
                        "sources": sources,
                        "summary": r.meta.summary,
                        "fixable": r.meta.fixable,
                        "enabled_by_default": !(r.meta.off_by_default || r.meta.experimental),
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
