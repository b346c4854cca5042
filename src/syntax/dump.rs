//! The s-expression dump of BuildKit's parser tests (`Node.Dump()`), one line per
//! instruction: `(from "ubuntu")`, `(env "A" "1" "=")`, `(onbuild (run "echo" "test"))`.

use super::ast::*;
use std::fmt::Write;

pub fn dump(dockerfile: &Dockerfile) -> String {
    let mut out = String::new();
    for instruction in &dockerfile.instructions {
        out.push('(');
        out.push_str(&dump_instruction(instruction));
        out.push_str(")\n");
    }
    out
}

fn dump_instruction(instruction: &Instruction) -> String {
    let mut s = instruction.keyword_word.value.to_lowercase();
    if !instruction.flags.is_empty() {
        let quoted: Vec<String> = instruction
            .flags
            .iter()
            .map(|f| go_quote(&f.text))
            .collect();
        let _ = write!(s, " [{}]", quoted.join(" "));
    }
    let mut push = |value: &str| {
        s.push(' ');
        s.push_str(&go_quote(value));
    };
    match &instruction.args {
        Args::Empty => {}
        Args::Ignored => push(""),
        Args::Command(command) => push_command(command, &mut push),
        Args::Healthcheck { kind, command } => {
            push(&kind.value);
            if let Some(command) = command {
                push_command(command, &mut push);
            }
        }
        Args::List { items, .. } | Args::Words(items) => {
            items.iter().for_each(|w| push(&w.value));
        }
        Args::KeyValues(pairs) => {
            for pair in pairs {
                push(&pair.key.value);
                push(&pair.value.value);
                push(if pair.legacy { "" } else { "=" });
            }
        }
        Args::ArgDecls(decls) => decls.iter().for_each(|d| push(&d.word.value)),
        Args::Text(word) => push(&word.value),
        Args::Onbuild(inner) => {
            let _ = write!(s, " ({})", dump_instruction(inner));
        }
    }
    s.trim().to_string()
}

fn push_command(command: &Command, push: &mut impl FnMut(&str)) {
    match command {
        Command::Exec(items) => items.iter().for_each(|w| push(&w.value)),
        Command::Shell(word) => push(&word.value),
    }
}

/// Go's `strconv.Quote`: printable characters kept, the rest escaped.
pub fn go_quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `unicode.IsPrint` for non-ASCII characters: everything but
/// controls, format characters and non-ASCII spaces.
fn is_go_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
        || ('\u{e000}'..='\u{f8ff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("tab\there"), r#""tab\there""#);
        assert_eq!(go_quote("é"), "\"é\"");
        assert_eq!(go_quote("\u{a0}"), r#""\u00a0""#);
        assert_eq!(go_quote("\u{1}"), r#""\x01""#);
    }
}
