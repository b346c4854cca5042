//! The fast path for scripts that are a plain word list (`apt-get update && apt-get
//! install -y curl`, `echo 'a; b'`): no expansions, escapes, globs, redirects, groups or
//! keywords, and quotes only around literal text, so their
//! commands are read here without brush-parser, which costs a third of a lint. What
//! this returns must be exactly what the brush walk gives; `tests.rs` checks that on
//! the corpus and on generated scripts. Anything it is not sure of returns `None`.

use super::words::simplify;
use super::{Arg, Command, Placement, Script, Stream, effective_name, shell_c_script};
use crate::syntax::Span;

/// Words that start a compound command or change how the next one parses.
const RESERVED: &[&str] = &[
    "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for",
    "in", "select", "function", "time", "coproc",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    And,
    Or,
    Pipe,
    Semicolon,
    Newline,
}

enum Token {
    Word(usize, usize),
    Op(Op),
}

fn plain_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_./:=@%+,^~-".contains(&b)
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' => i += 1,
            b'\n' => {
                out.push(Token::Op(Op::Newline));
                i += 1;
            }
            b';' => {
                out.push(Token::Op(Op::Semicolon));
                i += 1;
            }
            b'&' if bytes.get(i + 1) == Some(&b'&') => {
                out.push(Token::Op(Op::And));
                i += 2;
            }
            b'|' if bytes.get(i + 1) == Some(&b'|') => {
                out.push(Token::Op(Op::Or));
                i += 2;
            }
            b'|' if bytes.get(i + 1) == Some(&b'&') => return None,
            b'|' => {
                out.push(Token::Op(Op::Pipe));
                i += 1;
            }
            _ if plain_byte(b) || b == b'\'' || b == b'"' => {
                let start = i;
                while i < bytes.len() {
                    match bytes[i] {
                        b if plain_byte(b) => i += 1,
                        quote @ (b'\'' | b'"') => i += quoted_len(&bytes[i..], quote)?,
                        _ => break,
                    }
                }
                out.push(Token::Word(start, i));
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The length of a quoted part at the start of `bytes`, quotes included: single quotes
/// hold anything but a single quote, double quotes anything without a meaning inside them
/// (`$`, a backquote, a backslash). `None` when it is unterminated or not that plain.
fn quoted_len(bytes: &[u8], quote: u8) -> Option<usize> {
    let end = 1 + bytes[1..].iter().position(|&b| b == quote)?;
    let inside = &bytes[1..end];
    (quote == b'\'' || !inside.iter().any(|b| matches!(b, b'$' | b'`' | b'\\'))).then_some(end + 1)
}

/// `NAME=value` with a shell name before the `=`.
fn assignment(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once('=')?;
    let mut chars = name.chars();
    let first = chars.next()?;
    let valid = (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some((name, value))
}

/// The commands of a plain script, or `None` when brush must read it.
pub fn commands(text: &str, base: usize, placement: Placement) -> Option<Script> {
    let tokens = tokens(text)?;
    let mut script = Script::default();
    // The words of the command being read, and whether a `|` led into it.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut piped: Option<Stream> = None;
    // After `&&`, `||` or `|` a command must follow.
    let mut needs_command = false;
    let finish = |words: &mut Vec<(usize, usize)>,
                  script: &mut Script,
                  takes: Option<Stream>,
                  feeds: Option<Stream>|
     -> Option<()> {
        let mut assignments = Vec::new();
        let mut rest = words.iter().copied().peekable();
        while let Some(&(s, e)) = rest.peek() {
            let word = &text[s..e];
            match assignment(word) {
                Some((name, value)) => {
                    assignments.push((name.to_string(), simplify(value)));
                    rest.next();
                }
                None if word.contains('=') => return None,
                None => break,
            }
        }
        // Quotes are removed as the brush walk removes them.
        let arg = |(s, e): (usize, usize)| {
            let raw = &text[s..e];
            let value = if raw.contains(['\'', '"']) {
                simplify(raw)
            } else {
                raw.to_string()
            };
            Arg::new(value, raw, placement.span(base + s, base + e))
        };
        let Some(first) = rest.next() else {
            // Only assignments: brush reads them and runs no command.
            if assignments.is_empty() {
                return None;
            }
            words.clear();
            return Some(());
        };
        let first = arg(first);
        if RESERVED.contains(&first.value.as_str()) {
            return None;
        }
        let args: Vec<Arg> = rest.map(arg).collect();
        let span = Span::new(
            first.span.start,
            args.last().map_or(first.span.end, |a| a.span.end),
        );
        let command = Command {
            name: effective_name(&first.value, &args),
            args,
            assignments,
            nested: false,
            span,
            feeds,
            takes: takes.into_iter().collect(),
        };
        // `sh -c script` parses the script again: brush's walk does that.
        if shell_c_script(&command).is_some() {
            return None;
        }
        script.commands.push(command);
        words.clear();
        Some(())
    };
    for token in &tokens {
        match token {
            Token::Word(s, e) => {
                words.push((*s, *e));
                needs_command = false;
            }
            Token::Op(op) => {
                if words.is_empty() {
                    // Blank lines, and a newline after `&&`, `||` or `|`, are fine;
                    // any other operator needs a command before it (`&& a`, `a; ; b`).
                    if *op == Op::Newline {
                        continue;
                    }
                    return None;
                }
                let feeds = (*op == Op::Pipe).then(|| {
                    script.streams += 1;
                    script.streams - 1
                });
                finish(&mut words, &mut script, piped.take(), feeds)?;
                if *op == Op::Pipe {
                    script.has_pipe = true;
                    piped = feeds;
                }
                needs_command = matches!(op, Op::And | Op::Or | Op::Pipe);
            }
        }
    }
    if needs_command {
        return None;
    }
    if !words.is_empty() {
        finish(&mut words, &mut script, piped.take(), None)?;
    }
    Some(script)
}
