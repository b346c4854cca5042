//! The fast path for scripts that are a plain word list (`apt-get update && apt-get
//! install -y curl`, `rm -rf /var/lib/apt/lists/*`, `make >/dev/null 2>&1`): no
//! expansions, escapes, brace or bracket patterns (a lone `[` or `]` is a word),
//! here-documents, groups or keywords, redirects only to a plain word, and quotes only
//! around literal text, so their commands are read here without brush-parser, which
//! costs a third of a lint. What this returns must be exactly what the brush walk gives;
//! `tests.rs` checks that on the corpus and on generated scripts. Anything it is not
//! sure of returns `None`.

use super::words::simplify;
use super::{Arg, Command, Placement, Script, Stream, effective_name, shell_c, shell_c_script};
use crate::syntax::Span;

/// Words that start a compound command or change how the next one parses.
fn is_reserved(word: &str) -> bool {
    matches!(
        word,
        "if" | "then"
            | "else"
            | "elif"
            | "fi"
            | "do"
            | "done"
            | "case"
            | "esac"
            | "while"
            | "until"
            | "for"
            | "in"
            | "select"
            | "function"
            | "time"
            | "coproc"
    )
}

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
    /// `>f`, `2>>log`, `<in`, `2>&1`: the brush walk reads no word of a redirect.
    Redirect,
    /// A lone `!`, which negates the pipeline it starts (`if ! command -v gpg`).
    Bang,
}

/// The length of a plain expansion at the start of `bytes` (a `$`): `$NAME` or
/// `${NAME}`, which the walk reads as one word part like any other. `None` for the rest
/// (`$1`, `$@`, `${X:-y}`, `$(...)`, `$'...'`), which brush must read.
fn expansion_len(bytes: &[u8]) -> Option<usize> {
    let is_name_start = |b: &u8| b.is_ascii_alphabetic() || *b == b'_';
    let name_len = |from: usize| {
        let rest = bytes.get(from..).unwrap_or_default();
        match rest.first() {
            Some(b) if is_name_start(b) => Some(
                rest.iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count(),
            ),
            _ => None,
        }
    };
    if bytes.get(1) == Some(&b'{') {
        let len = name_len(2)?;
        (bytes.get(2 + len) == Some(&b'}')).then_some(3 + len)
    } else {
        Some(1 + name_len(1)?)
    }
}

/// Bytes that are literal in a word. `*` and `?` are glob characters, but a glob is a
/// word like any other to the walk (brush reads `[` and `{` apart, so they are not here).
fn plain_byte(b: u8) -> bool {
    PLAIN[usize::from(b)]
}

/// `plain_byte` of every byte value, looked up, not compared: it is asked of every byte
/// of every script.
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'_' | b'.'
                    | b'/'
                    | b':'
                    | b'='
                    | b'@'
                    | b'%'
                    | b'+'
                    | b','
                    | b'^'
                    | b'~'
                    | b'-'
                    | b'*'
                    | b'?'
            );
        b += 1;
    }
    table
};

/// The end of the word starting at `i` (plain bytes and plain quoted parts), `None` when
/// a quote is not plain or not closed.
pub(super) fn word_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() {
        match bytes[i] {
            b if plain_byte(b) => i += 1,
            quote @ (b'\'' | b'"') => i += quoted_len(&bytes[i..], quote)?,
            b'$' => i += expansion_len(&bytes[i..])?,
            _ => break,
        }
    }
    Some(i)
}

/// A redirect at `i` (a `>` or `<`): where it ends, target included. Only `<`, `>`, `>>`
/// to a plain word and `>&` to a descriptor number or `-`; the rest
/// (here-documents, `<>`, `>|`, `<(...)`, `>&file`) is left to brush.
fn redirect_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut at = i + 1;
    let duplicate = match (bytes[i], bytes.get(at)) {
        (b'>', Some(b'>')) => {
            at += 1;
            false
        }
        (b'>', Some(b'&')) => {
            at += 1;
            true
        }
        (b'>', Some(b'|' | b'(')) | (b'<', Some(b'<' | b'>' | b'&' | b'(')) => return None,
        _ => false,
    };
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    let end = word_end(bytes, at)?;
    let target = &bytes[at..end];
    let fits = if duplicate {
        target == b"-" || (!target.is_empty() && target.iter().all(u8::is_ascii_digit))
    } else {
        !target.is_empty()
    };
    fits.then_some(end)
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    // A token (a word and the blank after it) takes a few bytes: sized once, not
    // regrown and copied as a long script's tokens come.
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
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
            b'>' | b'<' => {
                // Digits written right before it are the descriptor it redirects
                // (`2>`), not a word.
                if let Some(&Token::Word(s, e)) = out.last()
                    && e == i
                    && bytes[s..e].iter().all(u8::is_ascii_digit)
                {
                    out.pop();
                }
                i = redirect_end(bytes, i)?;
                out.push(Token::Redirect);
            }
            // `[ -f x ]`: a `[` or `]` standing alone is a word to brush (in a word it
            // starts a pattern, which brush reads apart).
            b'[' | b']' if lone_byte(bytes, i) => {
                out.push(Token::Word(i, i + 1));
                i += 1;
            }
            b'!' if lone_byte(bytes, i) => {
                out.push(Token::Bang);
                i += 1;
            }
            _ if plain_byte(b) || matches!(b, b'\'' | b'"' | b'$') => {
                let start = i;
                i = word_end(bytes, i)?;
                out.push(Token::Word(start, i));
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Whether the byte at `i` is a word of its own: blanks or operators on both sides.
fn lone_byte(bytes: &[u8], i: usize) -> bool {
    let apart =
        |b: Option<&u8>| matches!(b, None | Some(b' ' | b'\t' | b'\n' | b';' | b'&' | b'|'));
    apart(i.checked_sub(1).map(|j| &bytes[j])) && apart(bytes.get(i + 1))
}

/// The length of a quoted part at the start of `bytes`, quotes included: single quotes
/// hold anything but a single quote, double quotes anything but a backquote, a backslash
/// or a `$` other than a plain expansion. `None` when it is unterminated or not that plain.
fn quoted_len(bytes: &[u8], quote: u8) -> Option<usize> {
    if quote == b'\'' {
        return Some(2 + bytes[1..].iter().position(|&b| b == quote)?);
    }
    let mut i = 1;
    loop {
        match *bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'`' | b'\\' => return None,
            b'$' => i += expansion_len(&bytes[i..])?,
            _ => i += 1,
        }
    }
}

/// `NAME=value` with a shell name before the `=`.
pub(super) fn assignment(word: &str) -> Option<(&str, &str)> {
    // A byte scan: `split_once` sets up a searcher, which costs more than a word is long.
    let at = word.bytes().position(|b| b == b'=')?;
    let (name, value) = (&word[..at], &word[at + 1..]);
    let mut chars = name.chars();
    let first = chars.next()?;
    let valid = (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some((name, value))
}

/// The commands of a plain script, or `None` when brush must read it.
pub fn commands(text: &str, base: usize, placement: Placement, depth: usize) -> Option<Script> {
    let tokens = tokens(text)?;
    let mut script = Script::default();
    // The words of the command being read, and whether a `|` led into it.
    let mut words: Vec<(usize, usize)> = Vec::with_capacity(tokens.len().min(32));
    // Whether the command being read has a redirect.
    let mut redirected = false;
    let mut piped: Option<Stream> = None;
    // After `&&`, `||` or `|` a command must follow.
    let mut needs_command = false;
    // Whether a `!` has just been read.
    let mut negated = false;
    let finish = |words: &mut Vec<(usize, usize)>,
                  script: &mut Script,
                  takes: Option<Stream>,
                  feeds: Option<Stream>|
     -> Option<()> {
        let mut assignments = Vec::new();
        let mut at = 0;
        while let Some(&(s, e)) = words.get(at) {
            let word = &text[s..e];
            match assignment(word) {
                Some((name, value)) => {
                    assignments.push((name.to_string(), simplify(value)));
                    at += 1;
                }
                None if word.contains('=') => return None,
                None => break,
            }
        }
        // Quotes are removed and expansions written as the brush walk writes them.
        let arg = |(s, e): (usize, usize)| {
            let raw = &text[s..e];
            let span = placement.span(base + s, base + e);
            // A byte loop: a word is a few bytes, too short for memchr's set-up to pay.
            if raw.bytes().any(|b| matches!(b, b'\'' | b'"' | b'$')) {
                Arg::new(simplify(raw), raw, span)
            } else {
                Arg::verbatim(raw, span)
            }
        };
        let Some(&first) = words.get(at) else {
            // Only assignments: brush reads them and runs no command.
            if assignments.is_empty() {
                return None;
            }
            words.clear();
            return Some(());
        };
        let first = arg(first);
        if is_reserved(&first.value) {
            return None;
        }
        let rest = &words[at + 1..];
        let args: Vec<Arg> = rest.iter().copied().map(arg).collect();
        // The walk skips a command whose name is not a literal, as hadolint does, and a
        // `[ ... ]` condition, as ShellCheck does.
        if first.value.contains("${VAR}") || first.value == "[" {
            words.clear();
            return Some(());
        }
        let span = Span::new(
            first.span.start,
            args.last().map_or(first.span.end, |a| a.span.end),
        );
        let command = Command {
            name: effective_name(first.value, &args),
            args,
            assignments,
            nested: false,
            span,
            feeds,
            takes: takes.into_iter().collect(),
        };
        // `sh -c script`: its script is read too, after the command, as the walk does.
        let inner = shell_c_script(&command).map(|i| (command.args[i].clone(), rest[i].0));
        script.commands.push(command);
        if let Some((inner, start)) = inner {
            shell_c(&inner, Some(start), base, placement, depth, script);
        }
        words.clear();
        Some(())
    };
    for token in &tokens {
        match token {
            Token::Word(s, e) => {
                words.push((*s, *e));
                needs_command = false;
                negated = false;
            }
            Token::Redirect => {
                redirected = true;
                needs_command = false;
            }
            // Only where a pipeline starts, once: elsewhere (`a | ! b`, `! ! a`,
            // `echo !`) brush decides.
            Token::Bang => {
                if !words.is_empty() || redirected || piped.is_some() || negated {
                    return None;
                }
                negated = true;
                needs_command = true;
            }
            Token::Op(op) => {
                // A command of redirects alone (`> file`) is left to brush.
                if std::mem::take(&mut redirected) && words.is_empty() {
                    return None;
                }
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
    if needs_command || (redirected && words.is_empty()) {
        return None;
    }
    if !words.is_empty() {
        finish(&mut words, &mut script, piped.take(), None)?;
    }
    Some(script)
}
