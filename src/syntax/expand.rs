//! Variable expansion and word splitting as BuildKit's shell lexer does it
//! (`frontend/dockerfile/shell/lex.go`): `$v`, `${v}`, `${v:-w}`, `${v-w}`, `${v:+w}`,
//! `${v+w}`, `${v:?m}`, `${v?m}`, `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}`, `${v/p/r}`,
//! `${v//p/r}`, single and double quotes, and the escape token.
//!
//! Which instructions expand, and with which variables, is the model's business; this
//! module only evaluates one word against a lookup function.

use std::collections::BTreeSet;
use std::fmt;

use super::ast::Keyword;

/// Which variables the builder substitutes into an instruction's arguments
/// (BuildKit's `Expand` methods and `dispatch`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpansionScope {
    /// Not expanded by the builder: RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, MAINTAINER
    /// (the shell sees RUN's variables at run time); ONBUILD bodies expand when triggered.
    None,
    /// The stage's environment: base image env, ENV, and ARGs declared in the stage.
    /// ADD/COPY paths, dest, --chown, --chmod (ADD --checksum), ENV, LABEL, EXPOSE, USER,
    /// VOLUME, WORKDIR, STOPSIGNAL, ARG defaults, RUN --mount option values.
    StageEnv,
    /// Only global ARGs (declared before the first FROM) and the predefined platform ARGs:
    /// the FROM image and --platform.
    GlobalArgs,
}

pub fn expansion_scope(keyword: Keyword) -> ExpansionScope {
    match keyword {
        Keyword::From => ExpansionScope::GlobalArgs,
        Keyword::Add
        | Keyword::Copy
        | Keyword::Env
        | Keyword::Label
        | Keyword::Expose
        | Keyword::User
        | Keyword::Volume
        | Keyword::Workdir
        | Keyword::Stopsignal
        | Keyword::Arg => ExpansionScope::StageEnv,
        Keyword::Run
        | Keyword::Cmd
        | Keyword::Entrypoint
        | Keyword::Shell
        | Keyword::Healthcheck
        | Keyword::Maintainer
        | Keyword::Onbuild
        | Keyword::Unknown => ExpansionScope::None,
    }
}

/// Lexer settings; the defaults are those BuildKit uses when dispatching instructions.
#[derive(Clone, Copy, Debug)]
pub struct Lexer {
    pub escape: char,
    /// Keep quote characters in the result.
    pub raw_quotes: bool,
    /// Keep escape tokens in the result.
    pub raw_escapes: bool,
    /// Treat quotes as ordinary characters.
    pub skip_process_quotes: bool,
    /// Leave references to unset variables as written instead of expanding them to "".
    pub skip_unset_env: bool,
}

impl Lexer {
    pub fn new(escape: char) -> Self {
        Lexer {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_process_quotes: false,
            skip_unset_env: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpandError(pub String);

impl fmt::Display for ExpandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExpandError {}

/// The result of expanding one word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    /// The word with quotes removed and variables substituted, spaces kept (`ProcessWord`).
    pub value: String,
    /// The same, split on unquoted whitespace after substitution (`ProcessWords`).
    pub words: Vec<String>,
    /// Variable names that were looked up and found.
    pub matched: BTreeSet<String>,
    /// Variable names that were looked up and not found.
    pub unmatched: BTreeSet<String>,
}

impl Lexer {
    /// Expand `word` with `lookup` answering the value of a variable, if set.
    pub fn expand<'e>(
        &self,
        word: &str,
        lookup: &dyn Fn(&str) -> Option<&'e str>,
    ) -> Result<Expansion, ExpandError> {
        // Most words name no variable and quote nothing: the word is its own value.
        if !word.contains(['$', '\'', '"', self.escape]) {
            return Ok(Expansion {
                value: word.to_string(),
                words: word.split_whitespace().map(str::to_string).collect(),
                ..Expansion::default()
            });
        }
        self.process(word, lookup)
    }

    /// `expand` without the shortcut: BuildKit's lexer, character by character.
    fn process<'e>(
        &self,
        word: &str,
        lookup: &dyn Fn(&str) -> Option<&'e str>,
    ) -> Result<Expansion, ExpandError> {
        let mut state = State {
            lexer: *self,
            chars: word.chars().collect(),
            pos: 0,
            lookup,
            matched: BTreeSet::new(),
            unmatched: BTreeSet::new(),
        };
        let (value, words) = state
            .process_until(None, self.raw_escapes)
            .map_err(|e| ExpandError(format!("failed to process {:?}: {}", word, e.0)))?;
        Ok(Expansion {
            value,
            words,
            matched: state.matched,
            unmatched: state.unmatched,
        })
    }
}

/// Accumulates the word split of the expansion (BuildKit's `wordsStruct`).
#[derive(Default)]
struct WordSplitter {
    word: String,
    words: Vec<String>,
    in_word: bool,
}

impl WordSplitter {
    fn add_char(&mut self, c: char) {
        if c.is_whitespace() {
            if self.in_word && !self.word.is_empty() {
                self.words.push(std::mem::take(&mut self.word));
                self.in_word = false;
            }
        } else {
            self.add_raw_char(c);
        }
    }

    fn add_raw_char(&mut self, c: char) {
        self.word.push(c);
        self.in_word = true;
    }

    fn add_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.add_char(c));
    }

    fn add_raw_str(&mut self, s: &str) {
        self.word.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.word.is_empty() {
            self.words.push(self.word);
        }
        self.words
    }
}

struct State<'a, 'e> {
    lexer: Lexer,
    chars: Vec<char>,
    pos: usize,
    lookup: &'a dyn Fn(&str) -> Option<&'e str>,
    matched: BTreeSet<String>,
    unmatched: BTreeSet<String>,
}

type Step<T> = Result<T, ExpandError>;

fn err<T>(message: impl Into<String>) -> Step<T> {
    Err(ExpandError(message.into()))
}

impl State<'_, '_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn get(&mut self, name: &str) -> Option<String> {
        match (self.lookup)(name) {
            Some(v) => {
                self.matched.insert(name.to_string());
                Some(v.to_string())
            }
            None => {
                self.unmatched.insert(name.to_string());
                None
            }
        }
    }

    /// Process until `stop` (consumed) or the end of input.
    fn process_until(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Step<(String, Vec<String>)> {
        let mut result = String::new();
        let mut words = WordSplitter::default();
        let quotes = !self.lexer.skip_process_quotes;
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                self.pos += 1;
                return Ok((result, words.finish()));
            }
            match c {
                '$' => {
                    let value = self.dollar()?;
                    result.push_str(&value);
                    words.add_str(&value);
                }
                '\'' if quotes => {
                    let value = self.single_quoted()?;
                    result.push_str(&value);
                    words.add_raw_str(&value);
                }
                '"' if quotes => {
                    let value = self.double_quoted(raw_escapes)?;
                    result.push_str(&value);
                    words.add_raw_str(&value);
                }
                _ => {
                    self.pos += 1;
                    if c == self.lexer.escape {
                        if raw_escapes {
                            words.add_raw_char(c);
                            result.push(c);
                        }
                        let Some(escaped) = self.next() else { break };
                        words.add_raw_char(escaped);
                        result.push(escaped);
                    } else {
                        words.add_char(c);
                        result.push(c);
                    }
                }
            }
        }
        if let Some(stop) = stop {
            return err(format!(
                "unexpected end of statement while looking for matching {stop}"
            ));
        }
        Ok((result, words.finish()))
    }

    fn single_quoted(&mut self) -> Step<String> {
        let mut out = String::new();
        let open = self.next();
        if self.lexer.raw_quotes {
            out.extend(open);
        }
        loop {
            match self.next() {
                None => {
                    return err(
                        "unexpected end of statement while looking for matching single-quote",
                    );
                }
                Some('\'') => {
                    if self.lexer.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn double_quoted(&mut self, raw_escapes: bool) -> Step<String> {
        let mut out = String::new();
        let open = self.next();
        if self.lexer.raw_quotes {
            out.extend(open);
        }
        loop {
            match self.peek() {
                None => {
                    return err(
                        "unexpected end of statement while looking for matching double-quote",
                    );
                }
                Some('"') => {
                    self.pos += 1;
                    if self.lexer.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => {
                    let value = self.dollar()?;
                    out.push_str(&value);
                }
                Some(c) => {
                    self.pos += 1;
                    let mut c = c;
                    if c == self.lexer.escape {
                        if raw_escapes {
                            out.push(c);
                        }
                        match self.peek() {
                            None => continue,
                            Some(n) if n == '"' || n == '$' || n == self.lexer.escape => {
                                self.pos += 1;
                                c = n;
                            }
                            Some(_) => {}
                        }
                    }
                    out.push(c);
                }
            }
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if name.is_empty() && c.is_ascii_digit() {
                while let Some(d) = self.peek().filter(|d| d.is_ascii_digit()) {
                    name.push(d);
                    self.pos += 1;
                }
                return name;
            }
            if name.is_empty() && matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.pos += 1;
                return c.to_string();
            }
            if !(c.is_alphabetic() || c.is_ascii_digit() || c == '_') {
                break;
            }
            name.push(c);
            self.pos += 1;
        }
        name
    }

    fn dollar(&mut self) -> Step<String> {
        self.pos += 1; // '$'
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(match self.get(&name) {
                Some(v) => v,
                None if self.lexer.skip_unset_env => format!("${name}"),
                None => String::new(),
            });
        }
        self.pos += 1; // '{'
        match self.peek() {
            None => return err("syntax error: missing '}'"),
            Some('{' | '}' | ':') => return err("syntax error: bad substitution"),
            _ => {}
        }
        let name = self.name();
        let Some(op) = self.next() else {
            return err("syntax error: missing '}'");
        };
        match op {
            '}' => Ok(match self.get(&name) {
                Some(v) => v,
                None if self.lexer.skip_unset_env => format!("${{{name}}}"),
                None => String::new(),
            }),
            ':' | '+' | '-' | '?' | '#' | '%' => {
                let (null_is_unset, modifier) = if op == ':' {
                    match self.next() {
                        Some(m @ ('+' | '-' | '?')) => (true, m),
                        Some(m) => {
                            return err(format!("unsupported modifier (:{m}) in substitution"));
                        }
                        None => return err("syntax error: missing '}'"),
                    }
                } else {
                    (false, op)
                };
                let raw = modifier == '#' || modifier == '%';
                let word = match self.process_until(Some('}'), raw) {
                    Ok((word, _)) => word,
                    Err(_) if self.peek().is_none() => return err("syntax error: missing '}'"),
                    Err(e) => return Err(e),
                };
                let value = self.get(&name);
                if self.lexer.skip_unset_env && value.is_none() {
                    let colon = if null_is_unset { ":" } else { "" };
                    return Ok(format!("${{{name}{colon}{modifier}{word}}}"));
                }
                let unset = value.is_none() || (null_is_unset && value.as_deref() == Some(""));
                match modifier {
                    '-' => Ok(if unset {
                        word
                    } else {
                        value.unwrap_or_default()
                    }),
                    '+' => Ok(if unset { String::new() } else { word }),
                    '?' => match value {
                        None => err(format!(
                            "{name}: {}",
                            if word.is_empty() {
                                "is not allowed to be unset"
                            } else {
                                &word
                            }
                        )),
                        Some(v) if null_is_unset && v.is_empty() => err(format!(
                            "{name}: {}",
                            if word.is_empty() {
                                "is not allowed to be empty"
                            } else {
                                &word
                            }
                        )),
                        Some(v) => Ok(v),
                    },
                    _ => {
                        let value = value.unwrap_or_default();
                        let (longest, pattern) = match word.strip_prefix(modifier) {
                            Some(p) => (true, p),
                            None => (false, word.as_str()),
                        };
                        let pattern = Pattern::compile(pattern)?;
                        Ok(if modifier == '#' {
                            pattern.trim_prefix(&value, longest)
                        } else {
                            pattern.trim_suffix(&value, longest)
                        })
                    }
                }
            }
            '/' => {
                let all = self.peek() == Some('/');
                if all {
                    self.pos += 1;
                }
                let pattern = match self.process_until(Some('/'), true) {
                    Ok((p, _)) => p,
                    Err(_) if self.peek().is_none() => {
                        return err("syntax error: missing '/' in ${}");
                    }
                    Err(e) => return Err(e),
                };
                let replacement = match self.process_until(Some('}'), true) {
                    Ok((r, _)) => r,
                    Err(_) if self.peek().is_none() => return err("syntax error: missing '}'"),
                    Err(e) => return Err(e),
                };
                let Some(value) = self.get(&name) else {
                    if self.lexer.skip_unset_env {
                        return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
                    }
                    return Ok(String::new());
                };
                Ok(Pattern::compile(&pattern)?.replace(&value, &replacement, all))
            }
            other => err(format!("unsupported modifier ({other}) in substitution")),
        }
    }
}

/// A shell pattern with `*` and `?` only (no bracket expressions), as BuildKit supports.
#[derive(Debug)]
struct Pattern(Vec<Tok>);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Star,
    Any,
    Lit(char),
}

impl Pattern {
    fn compile(pattern: &str) -> Step<Pattern> {
        let mut toks = Vec::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            toks.push(match c {
                '*' => Tok::Star,
                '?' => Tok::Any,
                '\\' => match chars.peek() {
                    // `}` and `/` are escaped for `${}` only; the escape is not part of the pattern.
                    Some('}' | '/') => continue,
                    Some(&n @ ('*' | '?' | '\\')) => {
                        chars.next();
                        Tok::Lit(n)
                    }
                    other => {
                        let shown = other.map(|c| c.to_string()).unwrap_or_default();
                        return err(format!(
                            "invalid pattern ({pattern}) in substitution: invalid escape '\\{shown}'"
                        ));
                    }
                },
                c => Tok::Lit(c),
            });
        }
        Ok(Pattern(toks))
    }

    /// All `k` such that the pattern matches `text[..k]` exactly (k in chars).
    fn prefix_matches(&self, text: &[char]) -> Vec<usize> {
        // reachable[i] = the pattern prefix consumed so far can end at text position i.
        let mut reachable = vec![false; text.len() + 1];
        reachable[0] = true;
        for tok in &self.0 {
            let mut next = vec![false; text.len() + 1];
            match tok {
                Tok::Star => {
                    let mut on = false;
                    for i in 0..=text.len() {
                        on |= reachable[i];
                        next[i] = on;
                    }
                }
                Tok::Any => {
                    next[1..].copy_from_slice(&reachable[..text.len()]);
                }
                Tok::Lit(c) => {
                    for i in 0..text.len() {
                        next[i + 1] = reachable[i] && text[i] == *c;
                    }
                }
            }
            reachable = next;
        }
        (0..=text.len()).filter(|&i| reachable[i]).collect()
    }

    fn trim_prefix(&self, value: &str, longest: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let ends = self.prefix_matches(&chars);
        let cut = if longest { ends.last() } else { ends.first() };
        match cut {
            Some(&k) => chars[k..].iter().collect(),
            None => value.to_string(),
        }
    }

    fn trim_suffix(&self, value: &str, longest: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let mut starts: Vec<usize> = (0..=chars.len())
            .filter(|&s| {
                self.prefix_matches(&chars[s..])
                    .contains(&(chars.len() - s))
            })
            .collect();
        if !longest {
            starts.reverse();
        }
        match starts.first() {
            Some(&s) => chars[..s].iter().collect(),
            None => value.to_string(),
        }
    }

    /// Replace the leftmost-longest match (or every match, left to right).
    fn replace(&self, value: &str, replacement: &str, all: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        let mut replaced = false;
        while i <= chars.len() {
            let found = if replaced && !all {
                None
            } else {
                self.prefix_matches(&chars[i..]).last().copied()
            };
            match found {
                Some(len) => {
                    out.push_str(replacement);
                    replaced = true;
                    if len == 0 {
                        if let Some(&c) = chars.get(i) {
                            out.push(c);
                        }
                        i += 1;
                    } else {
                        i += len;
                    }
                }
                None => {
                    if let Some(&c) = chars.get(i) {
                        out.push(c);
                    }
                    i += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(word: &str, env: &[(&str, &str)]) -> Result<String, String> {
        let lookup = |name: &str| env.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        Lexer::new('\\')
            .expand(word, &lookup)
            .map(|e| e.value)
            .map_err(|e| e.0)
    }

    /// A word with no `$`, quote or escape takes the shortcut; the full lexer must give
    /// the same value and words for it (whitespace of every kind included).
    #[test]
    fn shortcut_agrees_with_the_lexer() {
        let lookup = |_: &str| None;
        let pieces = [
            "a", "b-c", " ", "\t", "\u{a0}", "\u{2003}", "=", "{x}", "é", "/", "", "`",
        ];
        for escape in ['\\', '`'] {
            let lexer = Lexer::new(escape);
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        let word = format!("{a}{b}{c}");
                        if word.contains(escape) {
                            continue;
                        }
                        let fast = lexer.expand(&word, &lookup).unwrap();
                        let full = lexer.process(&word, &lookup).unwrap();
                        assert_eq!(fast, full, "{word:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn simple_and_braced() {
        let env = [("PWD", "/home"), ("E", "")];
        assert_eq!(expand("he$PWD", &env).unwrap(), "he/home");
        assert_eq!(expand("he${PWD}x", &env).unwrap(), "he/homex");
        assert_eq!(expand("he\\$PWD", &env).unwrap(), "he$PWD");
        assert_eq!(expand("'$PWD'", &env).unwrap(), "$PWD");
        assert_eq!(expand("\"$PWD\"", &env).unwrap(), "/home");
        assert_eq!(expand("$UNSET", &env).unwrap(), "");
        assert_eq!(expand("$999aaa", &env).unwrap(), "aaa");
        assert_eq!(expand("abc\\tdef", &env).unwrap(), "abctdef");
        assert_eq!(expand("\"abc\\tdef\"", &env).unwrap(), "abc\\tdef");
        assert_eq!(expand("hello\\", &env).unwrap(), "hello");
    }

    #[test]
    fn modifiers() {
        let env = [("V", "abcabc"), ("E", "")];
        assert_eq!(expand("${E:-w}", &env).unwrap(), "w");
        assert_eq!(expand("${E-w}", &env).unwrap(), "");
        assert_eq!(expand("${U-w}", &env).unwrap(), "w");
        assert_eq!(expand("${V:+w}", &env).unwrap(), "w");
        assert_eq!(expand("${E:+w}", &env).unwrap(), "");
        assert_eq!(expand("${E+w}", &env).unwrap(), "w");
        assert_eq!(expand("${U:-${V:-x}}", &env).unwrap(), "abcabc");
        assert_eq!(expand("${V#*b}", &env).unwrap(), "cabc");
        assert_eq!(expand("${V##*b}", &env).unwrap(), "c");
        assert_eq!(expand("${V%b*}", &env).unwrap(), "abca");
        assert_eq!(expand("${V%%b*}", &env).unwrap(), "a");
        assert_eq!(expand("${V/b/X}", &env).unwrap(), "aXcabc");
        assert_eq!(expand("${V//b/X}", &env).unwrap(), "aXcaXc");
        assert!(
            expand("${U?}", &env)
                .unwrap_err()
                .contains("U: is not allowed to be unset")
        );
        assert!(
            expand("${E:?}", &env)
                .unwrap_err()
                .contains("E: is not allowed to be empty")
        );
        assert!(
            expand("${U:?custom}", &env)
                .unwrap_err()
                .contains("U: custom")
        );
    }

    #[test]
    fn errors() {
        for bad in ["${}", "${:}", "${:-x}", "${{x}"] {
            assert!(
                expand(bad, &[]).unwrap_err().contains("bad substitution"),
                "{bad}"
            );
        }
        assert!(expand("${x", &[]).unwrap_err().contains("missing '}'"));
        assert!(
            expand("${x:#a}", &[])
                .unwrap_err()
                .contains("unsupported modifier")
        );
        assert!(expand("'open", &[]).unwrap_err().contains("single-quote"));
    }

    #[test]
    fn scopes() {
        assert_eq!(expansion_scope(Keyword::From), ExpansionScope::GlobalArgs);
        assert_eq!(expansion_scope(Keyword::Workdir), ExpansionScope::StageEnv);
        assert_eq!(expansion_scope(Keyword::Run), ExpansionScope::None);
    }

    #[test]
    fn words_split_after_expansion() {
        let env = [("space", "abc  def")];
        let lookup = |name: &str| env.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        let e = Lexer::new('\\')
            .expand("hello${space}bye \"a b\"", &lookup)
            .unwrap();
        assert_eq!(e.words, vec!["helloabc", "defbye", "a b"]);
        assert!(e.matched.contains("space"));
    }
}
