//! Word-level scanners shared by the instruction parsers. Each mirrors one of BuildKit's
//! splitting rules and returns byte ranges into the text it was given, so spans survive.

/// The whitespace BuildKit's `reWhitespace` splits on: `[\t\v\f\r ]`.
pub fn is_split_space(c: char) -> bool {
    matches!(c, '\t' | '\u{0b}' | '\u{0c}' | '\r' | ' ')
}

/// A word found in a text: its value and its byte range in that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawWord {
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// Split on runs of `[\t\v\f\r ]` with no quote handling (FROM, EXPOSE, shell-form
/// ADD/COPY/VOLUME). The text is expected to be trimmed already.
pub fn split_whitespace_delimited(text: &str) -> Vec<RawWord> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_split_space(c), start) {
            (true, Some(s)) => {
                words.push(RawWord {
                    value: text[s..i].to_string(),
                    start: s,
                    end: i,
                });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(RawWord {
            value: text[s..].to_string(),
            start: s,
            end: text.len(),
        });
    }
    words
}

/// Split into two at the first run of `[\t\v\f\r ]` (the legacy `ENV key value` form and
/// the keyword/arguments split). The second part keeps everything after the run.
pub fn split_once_whitespace(text: &str) -> (&str, Option<(usize, &str)>) {
    match text.find(is_split_space) {
        None => (text, None),
        Some(end) => {
            let rest = text[end..].trim_start_matches(is_split_space);
            let rest_start = text.len() - rest.len();
            (&text[..end], Some((rest_start, rest)))
        }
    }
}

/// BuildKit's `parseWords`: whitespace-separated words where quotes group words. Quotes
/// and escape tokens are kept in the values (they are removed at expansion time); an
/// escape token at the very end of the text is dropped.
pub fn split_quoted_words(text: &str, escape: char) -> Vec<RawWord> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut word_start = 0;
    let mut blank_ok = false;
    let mut chars = text.char_indices().peekable();

    while let Some((pos, ch)) = chars.next() {
        if phase == Phase::Spaces {
            if ch.is_whitespace() {
                continue;
            }
            phase = Phase::Word;
            word_start = pos;
        }
        match phase {
            Phase::Word => {
                if ch.is_whitespace() {
                    if blank_ok || !word.is_empty() {
                        words.push(RawWord {
                            value: std::mem::take(&mut word),
                            start: word_start,
                            end: pos,
                        });
                    }
                    word.clear();
                    blank_ok = false;
                    phase = Phase::Spaces;
                    continue;
                }
                let mut ch = ch;
                if ch == '\'' || ch == '"' {
                    blank_ok = true;
                    phase = Phase::Quote(ch);
                } else if ch == escape {
                    match chars.next() {
                        None => continue,
                        Some((_, next)) => {
                            word.push(ch);
                            ch = next;
                        }
                    }
                }
                word.push(ch);
            }
            Phase::Quote(quote) => {
                let mut ch = ch;
                if ch == quote {
                    phase = Phase::Word;
                } else if ch == escape && quote != '\'' {
                    match chars.next() {
                        None => {
                            phase = Phase::Word;
                            continue;
                        }
                        Some((_, next)) => {
                            word.push(ch);
                            ch = next;
                        }
                    }
                }
                word.push(ch);
            }
            Phase::Spaces => unreachable!("handled above"),
        }
    }
    if phase != Phase::Spaces && (blank_ok || !word.is_empty()) {
        words.push(RawWord {
            value: word,
            start: word_start,
            end: text.len(),
        });
    }
    words
}

/// BuildKit's `extractBuilderFlags`: leading words that start with `--` are flags (quotes
/// removed, `\` escapes); a bare `--` ends them. Returns the flags and the byte offset where
/// the arguments start.
pub fn extract_flags(text: &str) -> (Vec<RawWord>, usize) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let mut flags = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut word_start = 0;
    let mut blank_ok = false;
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();

    while let Some((pos, ch)) = chars.next() {
        if phase == Phase::Spaces {
            if ch.is_whitespace() {
                continue;
            }
            if ch != '-' || bytes.get(pos + 1) != Some(&b'-') {
                return (flags, pos);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        match phase {
            Phase::Word => {
                if ch.is_whitespace() {
                    if word == "--" {
                        return (flags, pos);
                    }
                    if blank_ok || !word.is_empty() {
                        flags.push(RawWord {
                            value: std::mem::take(&mut word),
                            start: word_start,
                            end: pos,
                        });
                    }
                    word.clear();
                    blank_ok = false;
                    phase = Phase::Spaces;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    blank_ok = true;
                    phase = Phase::Quote(ch);
                    continue;
                }
                let ch = if ch == '\\' {
                    match chars.next() {
                        None => continue,
                        Some((_, next)) => next,
                    }
                } else {
                    ch
                };
                word.push(ch);
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                    continue;
                }
                let ch = if ch == '\\' {
                    match chars.next() {
                        None => {
                            phase = Phase::Word;
                            continue;
                        }
                        Some((_, next)) => next,
                    }
                } else {
                    ch
                };
                word.push(ch);
            }
            Phase::Spaces => unreachable!("handled above"),
        }
    }
    if phase != Phase::Spaces && word != "--" && (blank_ok || !word.is_empty()) {
        flags.push(RawWord {
            value: word,
            start: word_start,
            end: text.len(),
        });
    }
    (flags, text.len())
}

/// Split a line into shell words keeping quotes and escapes (BuildKit's lexer with
/// RawQuotes and RawEscapes), as used to find heredoc markers. `None` when a quote or
/// `${` is left open, in which case BuildKit finds no heredoc on the line.
pub fn split_raw_shell_words(text: &str) -> Option<Vec<RawWord>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((pos, ch)) = chars.next() {
        if ch.is_whitespace() {
            if let Some(s) = start.take() {
                words.push(RawWord {
                    value: text[s..pos].to_string(),
                    start: s,
                    end: pos,
                });
            }
            continue;
        }
        start.get_or_insert(pos);
        match ch {
            '\'' => loop {
                match chars.next() {
                    None => return None,
                    Some((_, '\'')) => break,
                    Some(_) => {}
                }
            },
            '"' => loop {
                match chars.next() {
                    None => return None,
                    Some((_, '"')) => break,
                    Some((_, '\\')) => {
                        chars.next();
                    }
                    Some(_) => {}
                }
            },
            '\\' => {
                chars.next();
            }
            '$' if chars.peek().map(|&(_, c)| c) == Some('{') => {
                chars.next();
                let mut depth = 1;
                while depth > 0 {
                    match chars.next() {
                        None => return None,
                        Some((_, '{')) => depth += 1,
                        Some((_, '}')) => depth -= 1,
                        Some(_) => {}
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(RawWord {
            value: text[s..].to_string(),
            start: s,
            end: text.len(),
        });
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(words: &[RawWord]) -> Vec<&str> {
        words.iter().map(|w| w.value.as_str()).collect()
    }

    #[test]
    fn quoted_words_keep_quotes_and_group_spaces() {
        let words = split_quoted_words(r#"abc="123 456" def"#, '\\');
        assert_eq!(values(&words), vec![r#"abc="123 456""#, "def"]);
        assert_eq!((words[1].start, words[1].end), (14, 17));
    }

    #[test]
    fn trailing_escape_is_dropped() {
        assert_eq!(values(&split_quoted_words("a b\\", '\\')), vec!["a", "b"]);
    }

    #[test]
    fn flags_stop_at_first_plain_word_and_double_dash() {
        let (flags, rest) = extract_flags("--from=build --chown='a b' src dst");
        assert_eq!(values(&flags), vec!["--from=build", "--chown=a b"]);
        assert_eq!(rest, 27);
        let (flags, rest) = extract_flags("--doit=true -- foo /tmp/");
        assert_eq!(values(&flags), vec!["--doit=true"]);
        assert_eq!(&"--doit=true -- foo /tmp/"[rest..], " foo /tmp/");
        let (flags, rest) = extract_flags("-- foo");
        assert!(flags.is_empty());
        assert_eq!(rest, 2);
    }

    #[test]
    fn raw_shell_words_fail_on_open_quote() {
        assert!(split_raw_shell_words("cat <<'EOF").is_none());
        let words = split_raw_shell_words("cat <<\"EOF\" > x").unwrap();
        assert_eq!(values(&words), vec!["cat", "<<\"EOF\"", ">", "x"]);
    }
}
