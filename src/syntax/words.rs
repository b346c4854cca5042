//! Word-level scanners shared by the instruction parsers. Each mirrors one of BuildKit's
//! splitting rules and returns byte ranges into the text it was given, so spans survive.

/// `text.trim_start()`: a byte scan for ASCII white space, the whole case but for a
/// vertical tab or a non-ASCII character next, which take the full Unicode trim.
pub fn trim_start(text: &str) -> &str {
    let rest = text.trim_ascii_start();
    match rest.as_bytes().first() {
        Some(&b) if b >= 0x80 || b == 0x0b => rest.trim_start(),
        _ => rest,
    }
}

/// `text.trim_end()`, with the same byte scan as `trim_start`.
pub fn trim_end(text: &str) -> &str {
    let rest = text.trim_ascii_end();
    match rest.as_bytes().last() {
        Some(&b) if b >= 0x80 || b == 0x0b => rest.trim_end(),
        _ => rest,
    }
}

/// `text.trim()`.
pub fn trim(text: &str) -> &str {
    trim_end(trim_start(text))
}

/// Where `byte` (ASCII) first occurs in `text`: a plain loop, cheaper than `str::find`'s
/// searcher on the short texts of flags, fields and words.
pub fn find_byte(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
}

/// `text.split_once(byte)` for an ASCII `byte`, by `find_byte`.
pub fn split_once_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = find_byte(text, byte)?;
    Some((&text[..at], &text[at + 1..]))
}

/// BuildKit's `[\t\v\f\r ]` as bytes (all ASCII, so a byte scan finds them).
fn is_split_byte(b: u8) -> bool {
    matches!(b, b'\t' | 0x0b | 0x0c | b'\r' | b' ')
}

/// A word found in a text: its byte range in that text, and its value when that is not
/// the text of the range as written (quotes removed or escapes applied, as in flags, or a
/// trailing escape token dropped). Most words are written as they are, so most values
/// are the range itself and need no copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawWord {
    pub start: usize,
    pub end: usize,
    pub rewritten: Option<String>,
}

impl RawWord {
    fn written(start: usize, end: usize) -> Self {
        RawWord {
            start,
            end,
            rewritten: None,
        }
    }

    /// The value, given the text the word was found in.
    pub fn value<'a>(&'a self, text: &'a str) -> &'a str {
        self.rewritten
            .as_deref()
            .unwrap_or(&text[self.start..self.end])
    }
}

/// Split on runs of `[\t\v\f\r ]` with no quote handling (FROM, EXPOSE, shell-form
/// ADD/COPY/VOLUME): the byte range of each word. The text is expected to be trimmed
/// already. (Ranges, not words: no word here is rewritten, so the parser makes its
/// words from them directly, with no list in between.)
pub fn whitespace_delimited(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // The separators are ASCII, so a byte scan finds them; other bytes belong to words.
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && is_split_byte(bytes[i]) {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && !is_split_byte(bytes[i]) {
            i += 1;
        }
        Some((start, i))
    })
}

/// Split into two at the first run of `[\t\v\f\r ]` (the legacy `ENV key value` form and
/// the keyword/arguments split). The second part keeps everything after the run.
pub fn split_once_whitespace(text: &str) -> (&str, Option<(usize, &str)>) {
    let bytes = text.as_bytes();
    match bytes.iter().position(|&b| is_split_byte(b)) {
        None => (text, None),
        Some(end) => {
            let rest_start = end
                + bytes[end..]
                    .iter()
                    .position(|&b| !is_split_byte(b))
                    .unwrap_or(bytes.len() - end);
            (&text[..end], Some((rest_start, &text[rest_start..])))
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
        Quote(u8),
    }
    // The escape token is `\\` or `` ` ``, so a byte compares to it.
    let escape = u8::try_from(escape).expect("an ASCII escape token");
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    // Whether the word has a character of its own (not only a dropped escape token).
    let mut filled = false;
    let mut word_start = 0;
    let mut blank_ok = false;
    let mut cursor = Cursor { text, at: 0 };

    while let Some((pos, b, space)) = cursor.next() {
        if phase == Phase::Spaces {
            if space {
                continue;
            }
            phase = Phase::Word;
            word_start = pos;
        }
        match phase {
            Phase::Word => {
                if space {
                    if blank_ok || filled {
                        words.push(RawWord::written(word_start, pos));
                    }
                    filled = false;
                    blank_ok = false;
                    phase = Phase::Spaces;
                    continue;
                }
                if b == b'\'' || b == b'"' {
                    blank_ok = true;
                    phase = Phase::Quote(b);
                } else if b == escape {
                    // It takes the next character with it; at the very end it is
                    // dropped from the value.
                    if !cursor.skip_char() {
                        if blank_ok || filled {
                            words.push(dropped_escape(text, word_start));
                        }
                        return words;
                    }
                } else {
                    cursor.skip_plain(escape);
                }
                filled = true;
            }
            Phase::Quote(quote) if b != quote && b != escape => {
                // Nothing but the quote or the escape token changes anything inside.
                cursor.skip_to(quote, escape);
                filled = true;
            }
            Phase::Quote(quote) => {
                if b == escape && quote != b'\'' && b != quote && !cursor.skip_char() {
                    words.push(dropped_escape(text, word_start));
                    return words;
                }
                if b == quote {
                    phase = Phase::Word;
                }
                filled = true;
            }
            Phase::Spaces => unreachable!("handled above"),
        }
    }
    if phase != Phase::Spaces && (blank_ok || filled) {
        words.push(RawWord::written(word_start, text.len()));
    }
    words
}

/// A place in a text that steps a character at a time: a byte test, but for the
/// characters past ASCII (the word scanners read every instruction), and runs of bytes
/// that change nothing skipped at once.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    /// The next character: where it starts, its first byte, and whether it is white
    /// space (`char::is_whitespace`).
    fn next(&mut self) -> Option<(usize, u8, bool)> {
        let pos = self.at;
        let b = *self.text.as_bytes().get(pos)?;
        if b < 0x80 {
            self.at += 1;
            return Some((pos, b, matches!(b, b'\t'..=b'\r' | b' ')));
        }
        let c = self.text[pos..]
            .chars()
            .next()
            .expect("a character starts here");
        self.at += c.len_utf8();
        Some((pos, b, c.is_whitespace()))
    }

    /// Steps over the next character; false when the text has ended.
    fn skip_char(&mut self) -> bool {
        self.next().is_some()
    }

    /// Moves to the next `a` or `b`, or to the end.
    fn skip_to(&mut self, a: u8, b: u8) {
        let rest = &self.text.as_bytes()[self.at..];
        self.at += memchr::memchr2(a, b, rest).unwrap_or(rest.len());
    }

    /// Moves past ASCII that is no white space, quote, `\\` or `escape`.
    fn skip_plain(&mut self, escape: u8) {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            if b >= 0x80 || b == escape || matches!(b, b'\t'..=b'\r' | b' ' | b'\'' | b'"' | b'\\')
            {
                break;
            }
            self.at += 1;
        }
    }
}

/// The last word of a text that ends with an escape token: its range runs to the end, its
/// value stops before the token.
fn dropped_escape(text: &str, start: usize) -> RawWord {
    let mut value_end = text.len();
    if let Some(c) = text[start..].chars().next_back() {
        value_end -= c.len_utf8();
    }
    RawWord {
        start,
        end: text.len(),
        rewritten: Some(text[start..value_end].to_string()),
    }
}

/// BuildKit's `extractBuilderFlags`: leading words that start with `--` are flags (quotes
/// removed, `\` escapes); a bare `--` ends them. Returns the flags and the byte offset where
/// the arguments start.
pub fn extract_flags(text: &str) -> (Vec<RawWord>, usize) {
    // Most instructions have no flag: the first word does not start with `--`.
    let lead = text.len() - trim_start(text).len();
    if !text[lead..].starts_with("--") {
        return (Vec::new(), lead);
    }
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(u8),
    }
    let mut flags = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word_start = 0;
    // Whether the flag has a quote or an escape, so that its value is not as written.
    let mut rewritten = false;
    let bytes = text.as_bytes();
    let flag = |start: usize, end: usize, rewritten: bool| RawWord {
        start,
        end,
        rewritten: rewritten.then(|| unquote_flag(&text[start..end])),
    };
    let mut cursor = Cursor { text, at: 0 };
    while let Some((pos, b, space)) = cursor.next() {
        if phase == Phase::Spaces {
            if space {
                continue;
            }
            if b != b'-' || bytes.get(pos + 1) != Some(&b'-') {
                return (flags, pos);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        match phase {
            Phase::Word => {
                if space {
                    let word = flag(word_start, pos, rewritten);
                    if word.value(text) == "--" {
                        return (flags, pos);
                    }
                    // A flag's value starts with `--`, so it is never empty.
                    flags.push(word);
                    rewritten = false;
                    phase = Phase::Spaces;
                    continue;
                }
                if b == b'\'' || b == b'"' {
                    rewritten = true;
                    phase = Phase::Quote(b);
                } else if b == b'\\' {
                    // The escaped character is taken as it is.
                    rewritten = true;
                    cursor.skip_char();
                } else {
                    cursor.skip_plain(b'\\');
                }
            }
            Phase::Quote(quote) => {
                // The quote ends, or a `\\` at the very end drops out of it.
                if b == quote || (b == b'\\' && !cursor.skip_char()) {
                    phase = Phase::Word;
                } else if b != b'\\' {
                    cursor.skip_to(quote, b'\\');
                }
            }
            Phase::Spaces => unreachable!("handled above"),
        }
    }
    if phase != Phase::Spaces {
        let word = flag(word_start, text.len(), rewritten);
        if word.value(text) != "--" {
            flags.push(word);
        }
    }
    (flags, text.len())
}

/// A flag's value: quotes removed, and `\` taking the next character as it is (inside
/// quotes too); a `\` at the end is dropped.
fn unquote_flag(written: &str) -> String {
    let mut value = String::with_capacity(written.len());
    let mut quote = None;
    let mut chars = written.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => value.extend(chars.next()),
            '\'' | '"' if quote.is_none() => quote = Some(ch),
            _ if quote == Some(ch) => quote = None,
            _ => value.push(ch),
        }
    }
    value
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
                words.push(RawWord::written(s, pos));
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
        words.push(RawWord::written(s, text.len()));
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values<'a>(words: &'a [RawWord], text: &'a str) -> Vec<&'a str> {
        words.iter().map(|w| w.value(text)).collect()
    }

    #[test]
    fn quoted_words_keep_quotes_and_group_spaces() {
        let text = r#"abc="123 456" def"#;
        let words = split_quoted_words(text, '\\');
        assert_eq!(values(&words, text), vec![r#"abc="123 456""#, "def"]);
        assert_eq!((words[1].start, words[1].end), (14, 17));
    }

    #[test]
    fn trailing_escape_is_dropped() {
        let text = "a b\\";
        assert_eq!(
            values(&split_quoted_words(text, '\\'), text),
            vec!["a", "b"]
        );
        let text = "a \"b\\";
        assert_eq!(
            values(&split_quoted_words(text, '\\'), text),
            vec!["a", "\"b"]
        );
        let text = "a \\";
        assert_eq!(values(&split_quoted_words(text, '\\'), text), vec!["a"]);
    }

    #[test]
    fn flags_stop_at_first_plain_word_and_double_dash() {
        let text = "--from=build --chown='a b' src dst";
        let (flags, rest) = extract_flags(text);
        assert_eq!(values(&flags, text), vec!["--from=build", "--chown=a b"]);
        assert_eq!(flags[0].rewritten, None, "a flag as written is not copied");
        assert_eq!(rest, 27);
        let text = "--doit=true -- foo /tmp/";
        let (flags, rest) = extract_flags(text);
        assert_eq!(values(&flags, text), vec!["--doit=true"]);
        assert_eq!(&"--doit=true -- foo /tmp/"[rest..], " foo /tmp/");
        let (flags, rest) = extract_flags("-- foo");
        assert!(flags.is_empty());
        assert_eq!(rest, 2);
        let text = r#"--mount=type=cache,target="/a b" --x=\"q\" --e=a\ b --t=\\ x"#;
        let (flags, rest) = extract_flags(text);
        assert_eq!(
            values(&flags, text),
            vec![
                "--mount=type=cache,target=/a b",
                r#"--x="q""#,
                "--e=a b",
                r"--t=\"
            ]
        );
        assert_eq!(&text[rest..], "x");
    }

    #[test]
    fn raw_shell_words_fail_on_open_quote() {
        assert!(split_raw_shell_words("cat <<'EOF").is_none());
        let text = "cat <<\"EOF\" > x";
        let words = split_raw_shell_words(text).unwrap();
        assert_eq!(values(&words, text), vec!["cat", "<<\"EOF\"", ">", "x"]);
    }

    /// The scanners as they were when every word was copied out character by character:
    /// the reference the range-based scanners must agree with.
    #[derive(Debug, PartialEq)]
    struct Copied {
        value: String,
        start: usize,
        end: usize,
    }

    fn copying_split_quoted_words(text: &str, escape: char) -> Vec<Copied> {
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
                            words.push(Copied {
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
            words.push(Copied {
                value: word,
                start: word_start,
                end: text.len(),
            });
        }
        words
    }

    fn copying_extract_flags(text: &str) -> (Vec<Copied>, usize) {
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
                            flags.push(Copied {
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
            flags.push(Copied {
                value: word,
                start: word_start,
                end: text.len(),
            });
        }
        (flags, text.len())
    }

    fn as_copied(words: &[RawWord], text: &str) -> Vec<Copied> {
        words
            .iter()
            .map(|w| Copied {
                value: w.value(text).to_string(),
                start: w.start,
                end: w.end,
            })
            .collect()
    }

    /// Every text of up to 6 characters over the characters that steer the scanners
    /// (quotes, both escape tokens, dashes, ASCII and Unicode white space): the values
    /// and ranges are those the copying scanners gave.
    #[test]
    fn range_scanners_agree_with_copying_ones() {
        let alphabet = ["a", "-", "'", "\"", "\\", "`", " ", "\t", "\u{a0}", "="];
        let texts = crate::test_support::concatenations(&alphabet, 6);
        for text in &texts {
            for escape in ['\\', '`'] {
                let words = split_quoted_words(text, escape);
                assert_eq!(
                    as_copied(&words, text),
                    copying_split_quoted_words(text, escape),
                    "{text:?} with escape {escape:?}"
                );
            }
            let (flags, rest) = extract_flags(text);
            let (expected, expected_rest) = copying_extract_flags(text);
            assert_eq!(as_copied(&flags, text), expected, "flags of {text:?}");
            assert_eq!(rest, expected_rest, "arguments of {text:?}");
        }
    }
}
