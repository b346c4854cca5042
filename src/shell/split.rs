//! The fallback for scripts brush-parser rejects: split on `&&`, `||`, `;`, `|`, `&`
//! and newlines outside quotes, then into quote-aware words.

use super::{Arg, Command, Placement, Script, simplify};

pub fn commands(text: &str, base: usize, placement: Placement) -> Script {
    let mut script = Script::default();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut quote: Option<u8> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    // The stream the command being read takes, when a `|` came before it.
    let mut piped: Option<super::Stream> = None;
    let mut finish = |words: &mut Vec<(usize, usize)>, script: &mut Script, pipe: bool| {
        let takes = piped.take();
        if let Some(mut command) = command(text, words, base, placement) {
            command.takes.extend(takes);
            if pipe {
                command.feeds = Some(script.streams);
                piped = command.feeds;
                script.streams += 1;
            }
            script.commands.push(command);
        }
        words.clear();
    };
    while i < bytes.len() {
        let b = bytes[i];
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(b'"'), b'\\') => i += 1,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => {
                quote = Some(b);
                word_start.get_or_insert(i);
            }
            (None, b'\\') => {
                word_start.get_or_insert(i);
                i += 1;
            }
            (None, b' ' | b'\t' | b'\r') => {
                if let Some(s) = word_start.take() {
                    words.push((s, i));
                }
            }
            (None, b'&' | b'|' | b';' | b'\n' | b'(' | b')') => {
                if let Some(s) = word_start.take() {
                    words.push((s, i));
                }
                let pipe =
                    b == b'|' && bytes.get(i + 1) != Some(&b'|') && i > 0 && bytes[i - 1] != b'|';
                script.has_pipe |= pipe;
                finish(&mut words, &mut script, pipe);
            }
            (None, _) => {
                word_start.get_or_insert(i);
            }
        }
        i += 1;
    }
    if let Some(s) = word_start {
        words.push((s, text.len()));
    }
    finish(&mut words, &mut script, false);
    script
}

fn command(
    text: &str,
    words: &[(usize, usize)],
    base: usize,
    placement: Placement,
) -> Option<Command> {
    let mut assignments = Vec::new();
    let mut rest = words.iter().map(|&(s, e)| {
        let raw = text.get(s..e.min(text.len())).unwrap_or("");
        Arg::new(
            simplify(raw),
            raw,
            placement.span(base + s, base + e.min(text.len())),
        )
    });
    let first = loop {
        let word = rest.next()?;
        match word.raw().split_once('=') {
            Some((name, value))
                if !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                assignments.push((name.to_string(), simplify(value)));
            }
            _ => break word,
        }
    };
    let args: Vec<Arg> = rest.collect();
    let span = crate::syntax::Span::new(
        first.span.start,
        args.last().map_or(first.span.end, |a| a.span.end),
    );
    Some(Command {
        name: first.value,
        args,
        assignments,
        nested: false,
        span,
        feeds: None,
        takes: Vec::new(),
    })
}
