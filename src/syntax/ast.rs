//! The instruction AST. Values are kept exactly as BuildKit's parser produces them
//! (quotes retained, no variable expansion); every node carries its span.

use super::span::{LineIndex, Position, Span};
use super::words::split_once_byte;
use serde::Serialize;
use std::borrow::Cow;

/// (offset in the logical line, offset in source) where each joined physical piece starts.
pub type Pieces = smallvec::SmallVec<[(usize, usize); 1]>;

/// The instruction keywords BuildKit knows, plus `Unknown` for anything else
/// (BuildKit's parser accepts those and rejects them one layer later).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    Unknown,
}

impl Keyword {
    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// Case-insensitive lookup, as BuildKit dispatches on the lower-cased word.
    pub fn from_word(word: &str) -> Keyword {
        // Asked for every instruction: the word is packed into one integer, its length
        // and then a byte each, with ASCII letters upper-cased by clearing bit 5, and
        // compared with the packed keywords. Clearing that bit turns a byte into a letter
        // only when it was one, and the length keeps a leading NUL or space from
        // vanishing, so only a keyword written in any case packs to a keyword's integer.
        const fn packed(word: &str) -> u128 {
            let bytes = word.as_bytes();
            let mut key = 0u128;
            let mut i = 0;
            while i < bytes.len() {
                key = (key << 8) | (bytes[i] & !0x20) as u128;
                i += 1;
            }
            key | (bytes.len() as u128) << 120
        }
        // The keywords packed at compile time, in the order of `ALL`.
        const KEYS: [u128; Keyword::ALL.len()] = {
            let mut keys = [0; Keyword::ALL.len()];
            let mut i = 0;
            while i < keys.len() {
                keys[i] = packed(Keyword::ALL[i].as_str());
                i += 1;
            }
            keys
        };
        // No keyword is longer than HEALTHCHECK, and a longer word would not fit.
        if word.len() > "HEALTHCHECK".len() {
            return Keyword::Unknown;
        }
        let key = packed(word);
        KEYS.iter()
            .position(|&k| k == key)
            .map_or(Keyword::Unknown, |i| Keyword::ALL[i])
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown => "UNKNOWN",
        }
    }

    /// Instructions that may carry heredocs (when not in JSON form).
    pub fn takes_heredocs(self) -> bool {
        matches!(self, Keyword::Add | Keyword::Copy | Keyword::Run)
    }
}

/// A piece of text from the source: its value as the parser produced it, and where it is.
/// For exec-form (JSON) elements the value is the decoded JSON string. The value borrows
/// from the source wherever it is written there as it is (one physical line, no escape
/// or JSON decoding to apply), and is owned only where the parser had to build it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Word<'src> {
    pub value: Cow<'src, str>,
    pub span: Span,
}

impl<'src> Word<'src> {
    pub fn new(value: impl Into<Cow<'src, str>>, span: Span) -> Self {
        Word {
            value: value.into(),
            span,
        }
    }
}

/// A flag written before an instruction's arguments, e.g. `--from=build`.
/// `text` is the flag as BuildKit keeps it: leading `--`, quotes removed, escapes applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag<'src> {
    pub text: Cow<'src, str>,
    pub span: Span,
}

impl Flag<'_> {
    /// The name without the leading dashes: `from` for `--from=build`.
    pub fn name(&self) -> &str {
        self.parts().0
    }

    /// The value after `=`, if any: `Some("")` for `--from=`, `None` for `--link`.
    pub fn value(&self) -> Option<&str> {
        self.parts().1
    }

    /// The name and the value, split at the first `=` (a byte scan: flags are short,
    /// and every rule asks for them).
    fn parts(&self) -> (&str, Option<&str>) {
        let dashes = self.text.bytes().take_while(|&b| b == b'-').count();
        let body = &self.text[dashes..];
        match split_once_byte(body, b'=') {
            Some((name, value)) => (name, Some(value)),
            None => (body, None),
        }
    }
}

/// Exec form (`["a", "b"]`) or shell form (`a b`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "form", content = "value", rename_all = "lowercase")]
pub enum Command<'src> {
    Exec(Vec<Word<'src>>),
    Shell(Word<'src>),
}

/// One `key=value` (or legacy `key value`) pair of ENV or LABEL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyValue<'src> {
    pub key: Word<'src>,
    pub value: Word<'src>,
    /// The legacy whitespace-separated form `ENV KEY value`.
    pub legacy: bool,
}

/// One name of an ARG instruction, with its default if written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArgDecl<'src> {
    /// The whole word as written (`abc="123 456"`).
    pub word: Word<'src>,
    pub name: Word<'src>,
    pub default: Option<Word<'src>>,
}

/// A heredoc attached to an instruction (`<<EOF` ... `EOF`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heredoc<'src> {
    pub name: String,
    /// The file descriptor written before `<<`, e.g. `3` in `3<<EOF`.
    pub fd: Option<u32>,
    /// False when any part of the delimiter was quoted: the body is not expanded.
    pub expand: bool,
    /// `<<-`: leading tabs are stripped from body lines.
    pub chomp: bool,
    /// The body, raw, each line with its line ending, without the terminator line (a
    /// slice of the source: the body lines are contiguous there).
    pub content: &'src str,
    /// Where the `<<EOF` marker is written on the instruction line.
    pub marker: Span,
    /// The body and the terminator line.
    pub body: Span,
}

impl Heredoc<'_> {
    /// The body as BuildKit uses it: with `<<-`, each line's leading tabs stripped
    /// (`ChompHeredocContent`).
    pub fn chomped_content(&self) -> std::borrow::Cow<'_, str> {
        if self.chomp {
            self.content
                .split_inclusive('\n')
                .map(|line| line.trim_start_matches('\t'))
                .collect::<String>()
                .into()
        } else {
            self.content.into()
        }
    }
}

/// The arguments of an instruction, shaped by the BuildKit line parser that handles it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Args<'src> {
    /// Nothing after the keyword and flags.
    Empty,
    /// RUN, CMD, ENTRYPOINT, SHELL.
    Command(Command<'src>),
    /// HEALTHCHECK: the type word (`CMD`, `NONE`, ...) and the command after it.
    Healthcheck {
        kind: Word<'src>,
        command: Option<Command<'src>>,
    },
    /// ADD, COPY, VOLUME: a JSON array or whitespace-separated words.
    List { items: Vec<Word<'src>>, json: bool },
    /// ENV, LABEL.
    KeyValues(Vec<KeyValue<'src>>),
    /// ARG.
    ArgDecls(Vec<ArgDecl<'src>>),
    /// FROM, EXPOSE: whitespace-separated words.
    Words(Vec<Word<'src>>),
    /// MAINTAINER, STOPSIGNAL, USER, WORKDIR: the rest of the line.
    Text(Word<'src>),
    /// ONBUILD: the wrapped instruction.
    Onbuild(Box<Instruction<'src>>),
    /// An unknown instruction: BuildKit's parser keeps no arguments.
    Ignored,
}

/// One instruction, with continuation lines joined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Instruction<'src> {
    pub keyword: Keyword,
    /// The keyword as written (case preserved).
    pub keyword_word: Word<'src>,
    pub flags: Vec<Flag<'src>>,
    pub args: Args<'src>,
    pub heredocs: Vec<Heredoc<'src>>,
    /// From the keyword to the end of its last line, heredoc bodies included.
    pub span: Span,
    /// 1-based first and last line.
    pub start_line: usize,
    pub end_line: usize,
    /// The logical line: continuation lines joined as BuildKit joins them (escape token
    /// removed, next line's leading whitespace kept, comment and blank lines dropped).
    /// Borrowed from the source when the instruction is one line.
    pub original: Cow<'src, str>,
    /// (offset in `original`, offset in source) where each joined physical piece starts.
    /// One piece (most instructions) is kept inline, with no allocation.
    #[serde(skip)]
    pub pieces: Pieces,
    /// 1-based lines that were blank inside the continuation (`NoEmptyContinuation`).
    pub empty_continuation_lines: Vec<usize>,
    /// The comment lines directly above the instruction, `#` and surrounding space removed.
    pub comments: Vec<Word<'src>>,
}

impl<'src> Instruction<'src> {
    /// The shell- or exec-form command of RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD.
    pub fn command(&self) -> Option<&Command<'src>> {
        match &self.args {
            Args::Command(c) => Some(c),
            Args::Healthcheck { command, .. } => command.as_ref(),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> Option<&Flag<'src>> {
        self.flags.iter().find(|f| f.name() == name)
    }

    /// The source span of `value[start..end]` of a word whose value is a verbatim slice
    /// of the logical line (a shell-form command): offsets inside joined continuation
    /// lines land on the physical line they came from.
    pub fn span_within(&self, word: &Word, start: usize, end: usize) -> Span {
        // One line (most instructions): offsets within the word move with it. Every shell
        // word of a RUN is placed through here.
        if let [(0, line_start)] = self.pieces[..]
            && word.span.start >= line_start
        {
            let s = word.span.start + start;
            return Span::new(s, (word.span.start + end).max(s));
        }
        self.span_through_pieces(word, start, end)
    }

    /// `span_within` through the map of joined lines.
    fn span_through_pieces(&self, word: &Word, start: usize, end: usize) -> Span {
        let Some(word_logical) = self.to_logical(word.span.start) else {
            return word.span;
        };
        let s = self.to_source(word_logical + start, false);
        let e = self.to_source(word_logical + end, true).max(s);
        Span::new(s, e)
    }

    fn to_logical(&self, source_offset: usize) -> Option<usize> {
        let idx = self.pieces.partition_point(|&(_, s)| s <= source_offset);
        let (logical, source) = *self.pieces.get(idx.checked_sub(1)?)?;
        Some(logical + (source_offset - source))
    }

    fn to_source(&self, logical_offset: usize, is_end: bool) -> usize {
        // An end offset at a piece boundary belongs to the piece before it.
        let idx = self.pieces.partition_point(|&(l, _)| {
            if is_end && logical_offset > 0 {
                l < logical_offset
            } else {
                l <= logical_offset
            }
        });
        let (logical, source) = self.pieces[idx.saturating_sub(1)];
        source + (logical_offset - logical)
    }

    /// The instruction an ONBUILD wraps, or the instruction itself.
    pub fn effective(&self) -> &Instruction<'src> {
        match &self.args {
            Args::Onbuild(inner) => inner,
            _ => self,
        }
    }
}

/// A parser directive at the top of the file, e.g. `# escape=\``.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Directive<'src> {
    /// Lower-cased name: `syntax`, `escape` or `check`.
    pub name: String,
    pub value: Word<'src>,
    pub span: Span,
    pub line: usize,
}

/// A whole-line comment anywhere in the file (including inside continuations).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comment<'src> {
    /// The text after `#`, with surrounding whitespace trimmed.
    pub text: &'src str,
    pub span: Span,
    pub line: usize,
}

/// Whether a syntax error is one BuildKit's parser itself rejects (the file does not
/// parse at all) or one its instruction layer rejects (the file parses, the build fails).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorLayer {
    Parser,
    Instruction,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    pub layer: ErrorLayer,
}

/// A parsed Dockerfile. Parsing never fails: errors are collected next to the
/// instructions that did parse, so one typo does not hide the rest of the file.
#[derive(Clone, Debug)]
pub struct Dockerfile<'src> {
    pub source: &'src str,
    /// `\r\n` when the file has one anywhere, else `\n`: what an edit inserts.
    pub newline: &'static str,
    pub line_index: LineIndex,
    /// The escape token in effect: `\` or `` ` ``.
    pub escape: char,
    pub directives: Vec<Directive<'src>>,
    pub instructions: Vec<Instruction<'src>>,
    pub comments: Vec<Comment<'src>>,
    pub errors: Vec<SyntaxError>,
}

impl<'src> Dockerfile<'src> {
    pub fn position(&self, offset: usize) -> Position {
        self.line_index.position(self.source, offset)
    }

    pub fn text(&self, span: Span) -> &'src str {
        &self.source[span.start..span.end]
    }

    /// The index of the instruction whose span holds `offset` (a binary search: the
    /// instructions are in source order and do not overlap).
    pub fn instruction_at(&self, offset: usize) -> Option<usize> {
        let after = self
            .instructions
            .partition_point(|i| i.span.start <= offset);
        let index = after.checked_sub(1)?;
        self.instructions[index]
            .span
            .contains(offset)
            .then_some(index)
    }

    pub fn directive(&self, name: &str) -> Option<&Directive<'src>> {
        self.directives.iter().find(|d| d.name == name)
    }

    /// Errors BuildKit's parser rejects the file with (what `dump` refuses).
    /// The line ending the file uses, for text an edit inserts.
    pub fn newline(&self) -> &'static str {
        self.newline
    }

    /// Whether this is some other file: no FROM, and most of its lines are no instruction
    /// BuildKit knows (a fragment such as `USER app` alone is still a Dockerfile).
    pub fn is_not_a_dockerfile(&self) -> bool {
        let unknown = self
            .instructions
            .iter()
            .filter(|i| i.keyword == Keyword::Unknown)
            .count();
        unknown > 0
            && unknown * 2 > self.instructions.len()
            && !self.instructions.iter().any(|i| i.keyword == Keyword::From)
    }

    pub fn parser_errors(&self) -> impl Iterator<Item = &SyntaxError> {
        self.errors.iter().filter(|e| e.layer == ErrorLayer::Parser)
    }
}

#[cfg(test)]
mod tests {
    use super::{Args, Command, Keyword};

    /// On a one-line instruction the short way places every range of the command line
    /// where the map of joined lines does, indented or not, after a BOM or other lines.
    #[test]
    fn one_line_spans_match_the_piece_map() {
        let sources = [
            "RUN apt-get install -y curl\n",
            "FROM alpine\n  run   echo  héllo  wörld \n",
            "\u{feff}# c\n\nRUN\tmake -j4 all\r\n",
            "ONBUILD RUN echo on build\n",
        ];
        let mut checked = 0;
        for source in sources {
            let tree = crate::syntax::parse(source);
            for instruction in &tree.instructions {
                assert_eq!(instruction.pieces.len(), 1);
                let Args::Command(Command::Shell(line)) = &instruction.effective().args else {
                    continue;
                };
                let text = &line.value;
                for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                        assert_eq!(
                            instruction.span_within(line, start, end),
                            instruction.span_through_pieces(line, start, end),
                            "{source:?} {start}..{end}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 500, "{checked}");
    }

    /// Every keyword is found in any letter case; a near miss, a longer word, a
    /// non-ASCII look-alike and the empty word are unknown.
    #[test]
    fn keywords_match_case_insensitively_and_exactly() {
        for keyword in Keyword::ALL {
            let name = keyword.as_str();
            assert_eq!(Keyword::from_word(name), keyword);
            assert_eq!(Keyword::from_word(&name.to_ascii_lowercase()), keyword);
            let mixed: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(Keyword::from_word(&mixed), keyword);
            assert_eq!(Keyword::from_word(&format!("{name}S")), Keyword::Unknown);
            assert_eq!(Keyword::from_word(&name[1..]), Keyword::Unknown);
        }
        for word in ["", "RUNX", "HEALTHCHECKS", "ŔUN", "FRÖM", "UNKNOWN", "R"] {
            assert_eq!(Keyword::from_word(word), Keyword::Unknown, "{word}");
        }
    }

    /// Any one character of a keyword replaced by any ASCII character, or any one
    /// inserted, is a keyword only when the result spells one in some letter case.
    #[test]
    fn keyword_lookup_has_no_false_matches() {
        let spelled = |word: &str| {
            Keyword::ALL
                .into_iter()
                .find(|k| k.as_str().eq_ignore_ascii_case(word))
                .unwrap_or(Keyword::Unknown)
        };
        for keyword in Keyword::ALL {
            let name = keyword.as_str();
            for at in 0..=name.len() {
                for c in (0u8..0x80).map(char::from) {
                    let inserted = format!("{}{c}{}", &name[..at], &name[at..]);
                    assert_eq!(
                        Keyword::from_word(&inserted),
                        spelled(&inserted),
                        "{inserted:?}"
                    );
                    if at < name.len() {
                        let replaced = format!("{}{c}{}", &name[..at], &name[at + 1..]);
                        assert_eq!(
                            Keyword::from_word(&replaced),
                            spelled(&replaced),
                            "{replaced:?}"
                        );
                    }
                }
            }
        }
    }
}
