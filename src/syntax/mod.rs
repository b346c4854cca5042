//! Source text -> instruction AST, following BuildKit's Dockerfile parser.
//!
//! `parse` never fails: parser errors (what BuildKit's parser rejects) and instruction
//! errors (what its instruction layer rejects) are collected in `Dockerfile::errors`.

pub mod ast;
pub mod dump;
pub mod expand;
pub mod flags;
pub mod grammar;
pub mod parser;
pub mod span;
pub mod validate;
pub mod words;

pub use ast::*;

/// A text with its runs of white space (tabs, newlines) folded into one space: an
/// instruction or command as one line, the same however it is indented.
pub fn fold_whitespace(text: &str) -> String {
    // (Built in place: several rules quote a command in every message.)
    let mut folded = String::with_capacity(text.len());
    push_folded(&mut folded, text);
    folded
}

/// `fold_whitespace(text)` appended to `out`, for a message built in one buffer.
pub fn push_folded(out: &mut String, text: &str) {
    if !text.is_ascii() {
        for (n, word) in text.split_whitespace().enumerate() {
            if n > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        return;
    }
    // ASCII text, as nearly every command is, by bytes: the white space
    // `split_whitespace` knows there is space, tab, LF, VT, FF and CR.
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let blank = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let mut at = 0;
    let mut first = true;
    while at < bytes.len() {
        while at < bytes.len() && blank(bytes[at]) {
            at += 1;
        }
        let start = at;
        while at < bytes.len() && !blank(bytes[at]) {
            at += 1;
        }
        if start < at {
            if !first {
                out.push(' ');
            }
            first = false;
            out.push_str(&text[start..at]);
        }
    }
}

pub use span::{LineIndex, Position, Span};

/// Parse and validate a Dockerfile. The tree borrows from `source`.
pub fn parse(source: &str) -> Dockerfile<'_> {
    let mut dockerfile = parser::parse(source);
    let instruction_errors = validate::validate(&dockerfile);
    dockerfile.errors.extend(instruction_errors);
    dockerfile
}

self_cell::self_cell!(
    /// A Dockerfile's text with its tree, for holders that keep both (a lint result, the
    /// trees kept for ShellCheck, an editor's document): the tree borrows from the text
    /// held beside it.
    pub struct ParsedFile {
        owner: String,
        #[covariant]
        dependent: Dockerfile,
    }
    impl {Debug}
);

impl ParsedFile {
    pub fn parse(source: String) -> ParsedFile {
        ParsedFile::new(source, |source| parse(source))
    }

    pub fn tree(&self) -> &Dockerfile<'_> {
        self.borrow_dependent()
    }

    /// The text and its line index, the tree dropped.
    pub fn into_text(mut self) -> (String, LineIndex) {
        let index = self.with_dependent_mut(|_, tree| std::mem::take(&mut tree.line_index));
        (self.into_owner(), index)
    }
}

#[cfg(test)]
mod tests {
    /// Runs of white space (line breaks and tabs of a continued RUN, Unicode spaces)
    /// become one space; none is left at either end.
    #[test]
    fn white_space_folds_to_single_spaces() {
        let fold = super::fold_whitespace;
        assert_eq!(
            fold("apt-get install \\\n\t  curl\u{a0}git  "),
            "apt-get install \\ curl git"
        );
        assert_eq!(fold("  one  "), "one");
        assert_eq!(fold(" \n\t "), "");
        assert_eq!(fold(""), "");
    }

    /// The byte loop for ASCII text folds as `split_whitespace` does, on every text of
    /// up to five characters from every ASCII blank, letters, a backslash and Unicode
    /// spaces (which take the other path), appended after existing text.
    #[test]
    fn folding_by_bytes_matches_split_whitespace() {
        let alphabet = [
            " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "a", "b", "\\", "\u{a0}", "\u{85}",
        ];
        let texts = crate::test_support::concatenations(&alphabet, 5);
        assert!(texts.len() > 160_000);
        for text in &texts {
            let expected = format!("x{}", text.split_whitespace().collect::<Vec<_>>().join(" "));
            let mut ours = String::from("x");
            super::push_folded(&mut ours, text);
            assert_eq!(ours, expected, "{text:?}");
        }
    }
}
