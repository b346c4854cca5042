//! Text -> AST. A line-oriented scanner in the manner of BuildKit's parser: directives
//! first, then logical lines (continuations joined), each handed to the argument parser of
//! its instruction, then heredoc bodies. Errors are collected, never thrown, and parsing
//! resumes at the next instruction.

use super::ast::*;
use super::grammar;
use super::span::{LineIndex, Span};
use super::words::{
    RawWord, extract_flags, find_byte, split_once_whitespace, split_quoted_words,
    split_raw_shell_words, trim, trim_start, whitespace_delimited,
};
use std::borrow::Cow;

/// BuildKit reads lines with a 64 KiB scanner buffer: longer lines are rejected.
pub const MAX_LINE_LENGTH: usize = 65_535;

const BOM: &str = "\u{feff}";

pub fn parse(source: &str) -> Dockerfile<'_> {
    Parser::new(source).run()
}

/// One physical line: `start..content_end` is its text without the line ending,
/// `next` is where the following line starts.
#[derive(Clone, Copy)]
struct PhysicalLine {
    number: usize,
    start: usize,
    content_end: usize,
    next: usize,
}

/// A logical line: physical pieces joined, with a map back to source offsets. One piece
/// (most instructions) is the source itself; only a joined line is built as a new text.
struct Logical<'s> {
    /// The file the pieces are slices of.
    source: &'s str,
    text: Cow<'s, str>,
    /// (offset in `text`, offset in source) at the start of each joined piece.
    pieces: Pieces,
}

impl<'s> Logical<'s> {
    fn new(source: &'s str) -> Self {
        Logical {
            source,
            text: Cow::Borrowed(""),
            pieces: Pieces::new(),
        }
    }

    fn push(&mut self, piece: &'s str, source_offset: usize) {
        self.pieces.push((self.text.len(), source_offset));
        match &mut self.text {
            Cow::Borrowed("") => self.text = Cow::Borrowed(piece),
            Cow::Borrowed(first) => {
                let mut joined = String::with_capacity(2 * (first.len() + piece.len()));
                joined.push_str(first);
                joined.push_str(piece);
                self.text = Cow::Owned(joined);
            }
            Cow::Owned(joined) => joined.push_str(piece),
        }
    }

    /// `text[start..end]`, borrowed from the source when the line is, or when the range
    /// lies inside one of the joined pieces (each piece is a slice of the source): most
    /// words of a continued instruction sit on one line.
    fn slice(&self, start: usize, end: usize) -> Cow<'s, str> {
        match &self.text {
            Cow::Borrowed(text) => Cow::Borrowed(&text[start..end]),
            Cow::Owned(text) => {
                // The last piece that starts at or before `start`, and where it ends.
                let idx = self.pieces.partition_point(|&(l, _)| l <= start) - 1;
                let (logical_start, source_start) = self.pieces[idx];
                let piece_end = self.pieces.get(idx + 1).map_or(text.len(), |&(l, _)| l);
                if end <= piece_end {
                    let from = source_start + (start - logical_start);
                    Cow::Borrowed(&self.source[from..from + (end - start)])
                } else {
                    Cow::Owned(text[start..end].to_string())
                }
            }
        }
    }

    fn source_offset(&self, offset: usize, is_end: bool) -> usize {
        // An end offset at a piece boundary belongs to the piece before it.
        let idx = self.pieces.partition_point(|&(l, _)| {
            if is_end && offset > 0 {
                l < offset
            } else {
                l <= offset
            }
        });
        let (logical_start, source_start) = self.pieces[idx.saturating_sub(1)];
        source_start + (offset - logical_start)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        match self.pieces[..] {
            [] => return Span::default(),
            // Most instructions are one line: offsets move by one distance.
            [(0, source_start)] => {
                let s = source_start + start;
                return Span::new(s, (source_start + end).max(s));
            }
            _ => {}
        }
        let s = self.source_offset(start, false);
        let e = self.source_offset(end, true).max(s);
        Span::new(s, e)
    }

    /// A word found in `text[base..]`.
    fn word(&self, base: usize, w: RawWord) -> Word<'s> {
        let (start, end) = (base + w.start, base + w.end);
        match w.rewritten {
            Some(value) => Word::new(value, self.span(start, end)),
            None => self.word_at(start, end),
        }
    }

    /// `text[start..end]` as a word at its own place.
    fn word_at(&self, start: usize, end: usize) -> Word<'s> {
        Word::new(self.slice(start, end), self.span(start, end))
    }
}

struct Parser<'s> {
    source: &'s str,
    /// Where the next physical line starts, and its number.
    next_start: usize,
    next_number: usize,
    /// Where each line starts (the line index), filled as the lines are read.
    line_starts: Vec<usize>,
    /// Whether a line read so far ends in CRLF.
    crlf: bool,
    escape: char,
    directives_done: bool,
    directives: Vec<Directive<'s>>,
    instructions: Vec<Instruction<'s>>,
    comments: Vec<Comment<'s>>,
    pending_comments: Vec<Word<'s>>,
    errors: Vec<SyntaxError>,
}

impl<'s> Parser<'s> {
    fn new(source: &'s str) -> Self {
        let body_start = if source.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        // Lines are read as the parser comes to them, not split up front into a list
        // that was regrown (and copied) on files of short lines.
        let mut line_starts = Vec::with_capacity(source.len() / 24 + 2);
        line_starts.push(0);
        Parser {
            source,
            next_start: body_start,
            next_number: 1,
            line_starts,
            crlf: false,
            escape: '\\',
            directives_done: false,
            directives: Vec::new(),
            // About one instruction in 45 to 50 bytes of a realistic file: sized for
            // most files at once, not regrown and copied as the instructions come.
            instructions: Vec::with_capacity(source.len() / 48 + 1),
            comments: Vec::new(),
            pending_comments: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn error(&mut self, layer: ErrorLayer, span: Span, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            message: message.into(),
            span,
            layer,
        });
    }

    /// The next physical line, with the line-length check BuildKit's scanner makes.
    fn next_line(&mut self) -> Option<PhysicalLine> {
        let start = self.next_start;
        let bytes = self.source.as_bytes();
        if start >= bytes.len() {
            return None;
        }
        let line = match memchr::memchr(b'\n', &bytes[start..]) {
            Some(at) => {
                let content_end = start + at;
                self.crlf |= at > 0 && bytes[content_end - 1] == b'\r';
                self.line_starts.push(content_end + 1);
                PhysicalLine {
                    number: self.next_number,
                    start,
                    content_end,
                    next: content_end + 1,
                }
            }
            None => PhysicalLine {
                number: self.next_number,
                start,
                content_end: bytes.len(),
                next: bytes.len(),
            },
        };
        self.next_start = line.next;
        self.next_number += 1;
        if line.content_end - line.start > MAX_LINE_LENGTH {
            self.error(
                ErrorLayer::Parser,
                Span::new(line.start, line.start + MAX_LINE_LENGTH),
                format!("dockerfile line greater than max allowed size of {MAX_LINE_LENGTH}"),
            );
        }
        Some(line)
    }

    /// The line's text without its line ending (BuildKit's `trimNewline`).
    fn content(&self, line: PhysicalLine) -> &'s str {
        without_trailing(&self.source[line.start..line.content_end], b"\r\n")
    }

    fn run(mut self) -> Dockerfile<'s> {
        while let Some(line) = self.next_line() {
            let raw = self.content(line);
            let trimmed = trim_start(raw);
            let offset = line.start + (raw.len() - trimmed.len());

            if !self.directives_done {
                self.directive(trimmed, offset, line);
            }
            if let Some(body) = trimmed.strip_prefix('#') {
                self.comment(body, offset, line, true);
                continue;
            }
            if trimmed.is_empty() {
                continue;
            }
            self.instruction(trimmed, offset, line);
        }

        if self.instructions.is_empty() && self.parser_error_count() == 0 {
            let end = self.source.len();
            self.error(
                ErrorLayer::Parser,
                Span::empty(end),
                "file with no instructions",
            );
        }

        // The line index and the line ending come from the lines as they were read,
        // not from another scan of the text.
        Dockerfile {
            newline: if self.crlf { "\r\n" } else { "\n" },
            line_index: LineIndex::from_line_starts(self.line_starts),
            source: self.source,
            escape: self.escape,
            directives: self.directives,
            instructions: self.instructions,
            comments: self.comments,
            errors: self.errors,
        }
    }

    fn parser_error_count(&self) -> usize {
        self.errors
            .iter()
            .filter(|e| e.layer == ErrorLayer::Parser)
            .count()
    }

    fn comment(&mut self, body: &'s str, hash_offset: usize, line: PhysicalLine, above: bool) {
        let text = trim(body);
        let span = Span::new(hash_offset, line.start + self.content(line).len());
        self.comments.push(Comment {
            text,
            span,
            line: line.number,
        });
        if above {
            // As in BuildKit, an empty `#` line ends the comment block above an instruction.
            if text.is_empty() {
                self.pending_comments.clear();
            } else {
                self.pending_comments.push(Word::new(text, span));
            }
        }
    }

    /// Directive scanning stops for good at the first line that is not a directive.
    fn directive(&mut self, trimmed: &'s str, offset: usize, line: PhysicalLine) {
        let Some(body) = trimmed.strip_prefix('#') else {
            self.directives_done = true;
            return;
        };
        let body_trimmed = body.trim_start();
        let body_offset = offset + 1 + (body.len() - body_trimmed.len());
        let Some((name, vs, ve)) = grammar::directive(body_trimmed) else {
            self.directives_done = true;
            return;
        };
        let name = name.to_ascii_lowercase();
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            self.directives_done = true;
            return;
        }
        let span = Span::new(offset, offset + trimmed.len());
        if self.directives.iter().any(|d| d.name == name) {
            self.error(
                ErrorLayer::Parser,
                span,
                format!("only one {name} parser directive can be used"),
            );
            return;
        }
        let value = &body_trimmed[vs..ve];
        if name == "escape" {
            match value {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                _ => self.error(
                    ErrorLayer::Parser,
                    span,
                    format!("invalid escape token '{value}' does not match ` or \\"),
                ),
            }
        }
        self.directives.push(Directive {
            name,
            value: Word::new(value, Span::new(body_offset + vs, body_offset + ve)),
            span,
            line: line.number,
        });
    }

    /// BuildKit's continuation test: the escape token as the last non-blank character,
    /// not itself escaped. Returns the text with the token removed when it continues.
    fn strip_continuation<'a>(&self, text: &'a str) -> (&'a str, bool) {
        // A byte test: the escape token is `\` or `` ` ``, both ASCII.
        let escape = self.escape as u8;
        let body = without_trailing(text, b" \t").as_bytes();
        match body {
            [.., before, last] if *last == escape && *before == escape => (text, false),
            [.., last] if *last == escape => (&text[..body.len() - 1], true),
            _ => (text, false),
        }
    }

    fn instruction(&mut self, first: &'s str, first_offset: usize, first_line: PhysicalLine) {
        let mut logical = Logical::new(self.source);
        let (piece, mut continues) = self.strip_continuation(first);
        logical.push(piece, first_offset);
        let mut last_line = first_line;
        let mut empty_continuation_lines = Vec::new();

        while continues {
            let Some(line) = self.next_line() else { break };
            last_line = line;
            let raw = self.content(line);
            let trimmed = trim_start(raw);
            if let Some(body) = trimmed.strip_prefix('#') {
                let hash_offset = line.start + (raw.len() - trimmed.len());
                self.comment(body, hash_offset, line, false);
                continue;
            }
            if trimmed.is_empty() {
                empty_continuation_lines.push(line.number);
                continue;
            }
            let (piece, more) = self.strip_continuation(raw);
            logical.push(piece, line.start);
            continues = more;
        }

        let mut end = last_line.start + self.content(last_line).len();
        let comments = std::mem::take(&mut self.pending_comments);
        let head = match parse_logical(&logical, 0, logical.text.len(), self.escape) {
            Ok(head) => head,
            Err((span, message)) => {
                self.error(ErrorLayer::Parser, span, message);
                return;
            }
        };
        let mut heredocs = Vec::new();
        let mut end_line = last_line.number;
        // BuildKit looks for heredoc markers only on lines that contain `<<`.
        if has_heredoc_marker(&logical.text) && can_contain_heredoc(&head) {
            self.heredocs(&logical, &mut heredocs, &mut end_line, &mut end);
        }
        // Built where it is stored: an instruction is some 300 bytes, and moving it
        // through a Result and a local into the Vec was a tenth of a parse.
        self.instructions.push(Instruction {
            keyword: head.keyword,
            span: Span::new(head.keyword_word.span.start, end),
            keyword_word: head.keyword_word,
            flags: head.flags,
            args: head.args,
            heredocs,
            start_line: first_line.number,
            end_line,
            original: logical.text,
            pieces: logical.pieces,
            empty_continuation_lines,
            comments,
        });
    }

    /// Find heredoc markers on the logical line and read their bodies, in order.
    /// `end_line` and `end` (the instruction's last line and span end) move past each body.
    fn heredocs(
        &mut self,
        logical: &Logical<'s>,
        heredocs: &mut Vec<Heredoc<'s>>,
        end_line: &mut usize,
        end: &mut usize,
    ) {
        let Some(words) = split_raw_shell_words(&logical.text) else {
            return;
        };
        for word in &words {
            let Some(marker) = grammar::heredoc_marker(word.value(&logical.text)) else {
                continue;
            };
            let marker_span = logical.span(word.start, word.end);
            let name = match heredoc_name(marker.rest) {
                Ok(Some(name)) => name,
                Ok(None) => continue,
                Err(message) => {
                    self.error(ErrorLayer::Parser, marker_span, message);
                    return;
                }
            };
            let body_start = self.next_start;
            let mut terminated = false;
            let mut body_end = body_start;
            // The body lines are contiguous in the source: the content is a slice of it.
            let mut content_end = body_start;
            while let Some(line) = self.next_line() {
                let text = self.content(line);
                body_end = line.start + text.len();
                *end_line = line.number;
                let candidate = if marker.chomp {
                    text.trim_start_matches('\t')
                } else {
                    text
                };
                if candidate == name.0 {
                    terminated = true;
                    break;
                }
                content_end = line.next;
            }
            *end = (*end).max(body_end);
            if !terminated {
                self.error(
                    ErrorLayer::Parser,
                    Span::new(marker_span.start, body_end.max(marker_span.end)),
                    "unterminated heredoc",
                );
                return;
            }
            heredocs.push(Heredoc {
                name: name.0,
                fd: marker.fd,
                expand: !name.1,
                chomp: marker.chomp,
                content: &self.source[body_start..content_end],
                marker: marker_span,
                body: Span::new(body_start, body_end),
            });
        }
    }
}

/// `text` without the ASCII bytes of `trailing` at its end (`trim_end_matches` with a
/// char set, as a byte loop).
fn without_trailing<'a>(text: &'a str, trailing: &[u8]) -> &'a str {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while end > 0 && trailing.contains(&bytes[end - 1]) {
        end -= 1;
    }
    &text[..end]
}

/// Whether a line has `<<` (a substring search set up for long texts costs more than
/// this scan on a short line).
fn has_heredoc_marker(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|i| bytes.get(i + 1) == Some(&b'<'))
}

fn can_contain_heredoc(head: &Head<'_>) -> bool {
    let (keyword, args) = match &head.args {
        Args::Onbuild(inner) => (inner.keyword, &inner.args),
        args => (head.keyword, args),
    };
    keyword.takes_heredocs()
        && !matches!(
            args,
            Args::Command(Command::Exec(_)) | Args::List { json: true, .. }
        )
}

/// The heredoc delimiter with quotes removed, and whether any part of it was quoted.
/// `Ok(None)` when the text is more than one word (then it is not a heredoc).
fn heredoc_name(rest: &str) -> Result<Option<(String, bool)>, String> {
    let mut name = String::new();
    let mut quoted = false;
    let mut words = 0;
    let mut in_word = false;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            words += 1;
            in_word = true;
        }
        match c {
            '\'' => {
                quoted = true;
                loop {
                    match chars.next() {
                        None => {
                            return Err(
                                "unexpected end of statement while looking for matching single-quote"
                                    .into(),
                            );
                        }
                        Some('\'') => break,
                        Some(c) => name.push(c),
                    }
                }
            }
            '"' => {
                quoted = true;
                loop {
                    match chars.next() {
                        None => {
                            return Err(
                                "unexpected end of statement while looking for matching double-quote"
                                    .into(),
                            );
                        }
                        Some('"') => break,
                        Some('\\') => match chars.peek() {
                            Some(&n @ ('"' | '$' | '\\')) => {
                                chars.next();
                                name.push(n);
                            }
                            Some(_) => name.push('\\'),
                            None => {}
                        },
                        Some(c) => name.push(c),
                    }
                }
            }
            '\\' => {
                if let Some(n) = chars.next() {
                    name.push(n);
                }
            }
            c => name.push(c),
        }
    }
    if words != 1 {
        return Ok(None);
    }
    Ok(Some((name, quoted)))
}

type ParseResult<T> = Result<T, (Span, String)>;

/// What a logical line says, before the parser places it in the file (its lines,
/// comments and heredoc bodies).
struct Head<'s> {
    keyword: Keyword,
    keyword_word: Word<'s>,
    flags: Vec<Flag<'s>>,
    args: Args<'s>,
    /// From the keyword to the end of the text.
    span: Span,
}

/// Parse `logical.text[start..end]` as one instruction (BuildKit's `newNodeFromLine`).
fn parse_logical<'s>(
    logical: &Logical<'s>,
    start: usize,
    end: usize,
    escape: char,
) -> ParseResult<Head<'s>> {
    let line = &logical.text[start..end];
    let trimmed = trim(line);
    let base = start + (line.len() - trim_start(line).len());
    let (keyword_text, rest) = split_once_whitespace(trimmed);
    let keyword_word = logical.word_at(base, base + keyword_text.len());
    let keyword = Keyword::from_word(keyword_text);

    let (flags, args_text, args_base) = match rest {
        None => (Vec::new(), "", base + trimmed.len()),
        Some((rest_start, rest)) => {
            let rest_base = base + rest_start;
            let (raw_flags, args_at) = extract_flags(rest);
            let flags = raw_flags
                .into_iter()
                .map(|f| {
                    let word = logical.word(rest_base, f);
                    Flag {
                        text: word.value,
                        span: word.span,
                    }
                })
                .collect();
            let args = &rest[args_at..];
            let args_trimmed = trim(args);
            let lead = args.len() - trim_start(args).len();
            (flags, args_trimmed, rest_base + args_at + lead)
        }
    };

    let args = parse_args(keyword, logical, args_text, args_base, escape)?;
    Ok(Head {
        keyword,
        keyword_word,
        flags,
        args,
        span: logical.span(base, base + trimmed.len()),
    })
}

fn parse_args<'s>(
    keyword: Keyword,
    logical: &Logical<'s>,
    text: &str,
    base: usize,
    escape: char,
) -> ParseResult<Args<'s>> {
    let word = |w: RawWord| logical.word(base, w);
    let range_word = |(start, end): (usize, usize)| logical.word_at(base + start, base + end);
    let whole = || logical.word_at(base, base + text.len());
    Ok(match keyword {
        Keyword::Unknown => Args::Ignored,
        _ if text.is_empty() && keyword != Keyword::Onbuild => Args::Empty,
        Keyword::Add | Keyword::Copy | Keyword::Volume => match parse_json(text, logical, base)? {
            Some(items) => Args::List { items, json: true },
            None => Args::List {
                items: whitespace_delimited(text).map(range_word).collect(),
                json: false,
            },
        },
        Keyword::Arg => Args::ArgDecls(
            split_quoted_words(text, escape)
                .into_iter()
                .map(|w| {
                    let (name, default) = match split_at_equals(logical, base, &w, text) {
                        Some((name, default)) => (name, Some(default)),
                        None => (word(w.clone()), None),
                    };
                    ArgDecl {
                        word: word(w),
                        name,
                        default,
                    }
                })
                .collect(),
        ),
        Keyword::Cmd | Keyword::Entrypoint | Keyword::Run | Keyword::Shell => {
            Args::Command(parse_command(text, logical, base)?)
        }
        Keyword::Env | Keyword::Label => parse_key_values(keyword, text, logical, base, escape)?,
        Keyword::Expose | Keyword::From => {
            Args::Words(whitespace_delimited(text).map(range_word).collect())
        }
        Keyword::Healthcheck => {
            let kind_end = text
                .find(|c: char| c.is_ascii_whitespace() || c == '\u{0b}')
                .unwrap_or(text.len());
            let after = &text[kind_end..];
            let cmd_text = after.trim_start();
            let cmd_base = base + kind_end + (after.len() - cmd_text.len());
            Args::Healthcheck {
                kind: logical.word_at(base, base + kind_end),
                command: if cmd_text.is_empty() {
                    None
                } else {
                    Some(parse_command(cmd_text, logical, cmd_base)?)
                },
            }
        }
        Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
            Args::Text(whole())
        }
        Keyword::Onbuild => {
            if text.is_empty() {
                Args::Empty
            } else {
                let inner = parse_logical(logical, base, base + text.len(), escape)?;
                // The wrapped instruction has no lines, comments or heredocs of its own.
                Args::Onbuild(Box::new(Instruction {
                    keyword: inner.keyword,
                    keyword_word: inner.keyword_word,
                    flags: inner.flags,
                    args: inner.args,
                    heredocs: Vec::new(),
                    span: inner.span,
                    start_line: 0,
                    end_line: 0,
                    original: Cow::Borrowed(""),
                    pieces: logical.pieces.clone(),
                    empty_continuation_lines: Vec::new(),
                    comments: Vec::new(),
                }))
            }
        }
    })
}

fn parse_command<'s>(text: &str, logical: &Logical<'s>, base: usize) -> ParseResult<Command<'s>> {
    Ok(match parse_json(text, logical, base)? {
        Some(items) => Command::Exec(items),
        None => Command::Shell(logical.word_at(base, base + text.len())),
    })
}

/// A `name=value` word split at its first `=` into the name and the value, each at its
/// own place; `None` without an `=`.
fn split_at_equals<'s>(
    logical: &Logical<'s>,
    base: usize,
    w: &RawWord,
    text: &str,
) -> Option<(Word<'s>, Word<'s>)> {
    let value = w.value(text);
    let name_len = find_byte(value, b'=')?;
    let eq = base + w.start + name_len;
    let (start, end) = (base + w.start, base + w.end);
    Some(match &w.rewritten {
        None => (logical.word_at(start, eq), logical.word_at(eq + 1, end)),
        Some(value) => (
            Word::new(value[..name_len].to_string(), logical.span(start, eq)),
            Word::new(value[name_len + 1..].to_string(), logical.span(eq + 1, end)),
        ),
    })
}

/// BuildKit's `parseJSON`: `Ok(None)` when the text is not a JSON array (shell form);
/// an error when it is one but holds something other than strings.
fn parse_json<'s>(
    text: &str,
    logical: &Logical<'s>,
    base: usize,
) -> ParseResult<Option<Vec<Word<'s>>>> {
    let trimmed = trim_start(text);
    if !trimmed.starts_with('[') {
        return Ok(None);
    }
    let json_base = base + (text.len() - trimmed.len());
    let word = |(s, e): (usize, usize), value: Option<String>| {
        let (start, end) = (json_base + s, json_base + e);
        let value = match value {
            Some(decoded) => Cow::Owned(decoded),
            // Written without escapes: the text between the quotes.
            None => logical.slice(start + 1, end - 1),
        };
        Word::new(value, logical.span(start, end))
    };
    // Most exec forms are strings with nothing to decode: read as bytes, no serde.
    if let Some(literals) = plain_string_array(trimmed) {
        return Ok(Some(literals.into_iter().map(|l| word(l, None)).collect()));
    }
    // An array of strings is read as one; only when that fails is the text read again to
    // tell an array of something else (an error) from text that is not JSON (shell form).
    let values = match serde_json::from_str::<Vec<JsonString<'_>>>(trimmed) {
        Ok(values) => values,
        Err(_) => {
            return match serde_json::from_str::<Vec<serde_json::Value>>(trimmed) {
                Ok(_) => Err((
                    logical.span(json_base, json_base + trimmed.len()),
                    "when using JSON array syntax, arrays must be comprised of strings only".into(),
                )),
                Err(_) => Ok(None),
            };
        }
    };
    // The array is valid and holds only strings, so its string literals are its elements.
    let literals = json_string_literals(trimmed);
    Ok(Some(
        values
            .into_iter()
            .zip(literals)
            .map(|(value, literal)| match value.0 {
                Cow::Borrowed(_) => word(literal, None),
                Cow::Owned(decoded) => word(literal, Some(decoded)),
            })
            .collect(),
    ))
}

/// The string literals (quotes included) of a JSON array whose elements are all strings
/// without escapes or control characters, e.g. `["sh", "-c", "make all"]`; `None` for
/// any other text, valid JSON or not, which serde then reads. Whitespace is JSON's
/// (space, tab, CR, LF), as Go's decoder that BuildKit uses allows it.
fn plain_string_array(text: &str) -> Option<Vec<(usize, usize)>> {
    let bytes = text.as_bytes();
    let skip_space = |mut i: usize| {
        while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            i += 1;
        }
        i
    };
    let mut literals = Vec::new();
    let mut i = skip_space(1);
    if bytes.get(i) == Some(&b']') {
        return (skip_space(i + 1) == bytes.len()).then_some(literals);
    }
    loop {
        if bytes.get(i) != Some(&b'"') {
            return None;
        }
        let start = i;
        let len = memchr::memchr2(b'"', b'\\', &bytes[i + 1..])?;
        i += 1 + len;
        if bytes[i] != b'"' || bytes[start + 1..i].iter().any(|&b| b < 0x20) {
            return None;
        }
        literals.push((start, i + 1));
        i = skip_space(i + 1);
        match bytes.get(i) {
            Some(b',') => i = skip_space(i + 1),
            Some(b']') => break,
            _ => return None,
        }
    }
    (skip_space(i + 1) == bytes.len()).then_some(literals)
}

/// A JSON string, borrowed from the text unless it has escapes to decode.
#[derive(serde::Deserialize)]
struct JsonString<'a>(#[serde(borrow)] Cow<'a, str>);

/// Byte ranges of the string literals (quotes included) in a valid JSON text.
fn json_string_literals(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            out.push((start, (i + 1).min(bytes.len())));
        }
        i += 1;
    }
    out
}

/// BuildKit's `parseNameVal` for ENV and LABEL.
fn parse_key_values<'s>(
    keyword: Keyword,
    text: &str,
    logical: &Logical<'s>,
    base: usize,
    escape: char,
) -> ParseResult<Args<'s>> {
    let words = split_quoted_words(text, escape);
    let Some(first) = words.first() else {
        return Ok(Args::Empty);
    };
    if !first.value(text).contains('=') {
        // Legacy form: the key is the first token, the value the rest of the line verbatim.
        let (key, rest) = split_once_whitespace(text);
        let Some((rest_start, value)) = rest else {
            return Err((
                logical.span(base, base + text.len()),
                format!("{} must have two arguments", keyword.as_str()),
            ));
        };
        return Ok(Args::KeyValues(vec![KeyValue {
            key: logical.word_at(base, base + key.len()),
            value: logical.word_at(base + rest_start, base + rest_start + value.len()),
            legacy: true,
        }]));
    }
    let mut pairs = Vec::with_capacity(words.len());
    for w in &words {
        let Some((key, value)) = split_at_equals(logical, base, w, text) else {
            return Err((
                logical.span(base + w.start, base + w.end),
                format!(
                    "Syntax error - can't find = in {}. Must be of the form: name=value",
                    super::dump::go_quote(w.value(text))
                ),
            ));
        };
        pairs.push(KeyValue {
            key,
            value,
            legacy: false,
        });
    }
    Ok(Args::KeyValues(pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line index and line ending come from the scanner's own line split; they must
    /// be what a scan of the whole text gives, byte-order marks and `\r` included.
    #[test]
    fn line_index_and_newline_match_the_text() {
        let pieces = ["\u{feff}", "\r\n", "\n", "\r", "FROM a", "#x", " \\", "é"];
        let mut texts = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        texts.push(format!("{a}{b}{c}{d}"));
                    }
                }
            }
        }
        for text in &texts {
            let df = parse(text);
            let scanned = LineIndex::new(text);
            assert_eq!(df.line_index.line_count(), scanned.line_count(), "{text:?}");
            for line in 0..scanned.line_count() {
                assert_eq!(
                    df.line_index.line_start(line),
                    scanned.line_start(line),
                    "{text:?}"
                );
            }
            let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
            assert_eq!(df.newline, newline, "{text:?}");
        }
    }

    #[test]
    fn spans_map_through_continuations() {
        let src = "FROM a\nRUN echo \\\n  hello\n";
        let df = parse(src);
        let run = &df.instructions[1];
        assert_eq!(run.original, "RUN echo   hello");
        let Some(Command::Shell(w)) = run.command() else {
            panic!("shell form expected")
        };
        assert_eq!(w.value, "echo   hello");
        assert_eq!(&src[w.span.start..w.span.end], "echo \\\n  hello");
        assert_eq!((run.start_line, run.end_line), (2, 3));
    }

    /// A one-line instruction's words, flags and logical line are the source itself, not
    /// copies; only what the parser rewrote (a joined continuation, a decoded JSON
    /// string, an unquoted flag) is owned.
    #[test]
    fn words_borrow_from_the_source_unless_rewritten() {
        let src = "FROM alpine AS base\nCOPY --from=base --chown=\"a b\" /x /y\n\
                   RUN apk add curl\nCMD [\"run\", \"a\\u0062\"]\nENV A=1 \\\n  B=2\n";
        let df = parse(src);
        let borrowed = |c: &Cow<'_, str>| matches!(c, Cow::Borrowed(_));
        let [from, copy, run, cmd, env] = &df.instructions[..] else {
            panic!("five instructions expected")
        };
        let Args::Words(words) = &from.args else {
            panic!()
        };
        assert!(words.iter().all(|w| borrowed(&w.value)));
        assert!(borrowed(&from.original) && borrowed(&from.keyword_word.value));
        assert!(borrowed(&copy.flags[0].text));
        assert_eq!(copy.flags[1].text, "--chown=a b");
        assert!(!borrowed(&copy.flags[1].text));
        let Some(Command::Shell(line)) = run.command() else {
            panic!()
        };
        assert!(borrowed(&line.value));
        let Some(Command::Exec(items)) = cmd.command() else {
            panic!()
        };
        assert!(borrowed(&items[0].value));
        assert_eq!((&*items[1].value, borrowed(&items[1].value)), ("ab", false));
        assert_eq!(env.original, "ENV A=1   B=2");
        assert!(!borrowed(&env.original));
        let Args::KeyValues(pairs) = &env.args else {
            panic!()
        };
        assert_eq!((&*pairs[1].key.value, &*pairs[1].value.value), ("B", "2"));
        // A continued instruction's words that sit on one line are slices of the source
        // too; only a word the join runs through is built.
        assert!(
            pairs
                .iter()
                .all(|p| borrowed(&p.key.value) && borrowed(&p.value.value))
        );
        let df =
            parse("FROM a\nRUN --mount=type=cache,target=/x \\\n  make \\\n  all\nRUN ec\\\nho\n");
        let (run, joined) = (&df.instructions[1], &df.instructions[2]);
        assert!(borrowed(&run.flags[0].text));
        let (Some(Command::Shell(line)), Some(Command::Shell(echo))) =
            (run.command(), joined.command())
        else {
            panic!()
        };
        assert_eq!((&*line.value, borrowed(&line.value)), ("make   all", false));
        assert_eq!((&*echo.value, borrowed(&echo.value)), ("echo", false));
    }

    /// The byte reader of plain string arrays agrees with serde on every text it accepts,
    /// and accepts every array of strings serde reads without decoding anything: checked
    /// on every text of up to five characters from the characters JSON cares about.
    #[test]
    fn plain_string_arrays_read_as_serde_reads_them() {
        let alphabet = [
            "[", "]", "\"", ",", " ", "a", "\\", "\n", "1", "\t", "é", "\u{1}",
        ];
        let mut checked = 0;
        for tail in crate::test_support::concatenations(&alphabet, 5) {
            let text = &format!("[{tail}");
            let serde = serde_json::from_str::<Vec<JsonString<'_>>>(text).ok();
            let plain_in_serde = serde.as_ref().filter(|values| {
                values.iter().all(|v| matches!(v.0, Cow::Borrowed(_)))
                    && !text.contains(|c: char| c < ' ' && !"\t\r\n".contains(c))
            });
            match (plain_string_array(text), plain_in_serde) {
                (Some(literals), Some(_)) => {
                    assert_eq!(literals, json_string_literals(text), "{text:?}");
                    checked += 1;
                }
                (None, None) => {}
                (ours, theirs) => panic!("{text:?}: {ours:?} vs serde {:?}", theirs.is_some()),
            }
        }
        assert!(checked > 100, "only {checked} arrays accepted");
    }

    #[test]
    fn json_element_spans() {
        let src = "CMD [\"a\", \"b c\"]";
        let df = parse(src);
        let Some(Command::Exec(items)) = df.instructions[0].command() else {
            panic!("exec form expected")
        };
        assert_eq!(&src[items[1].span.start..items[1].span.end], "\"b c\"");
    }
}
