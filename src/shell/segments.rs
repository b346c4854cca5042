//! A script cut at its top-level `;`, `&&`, `||` and newlines, so that the plain pieces
//! of a docker-library script (`set -eux; apt-get update; ...; if [ ... ]; then ...;
//! fi; ...`) are read by the fast path and only the rest by brush-parser, which costs
//! hundreds of instructions a byte. The commands of a list are the commands of its
//! items in order, so reading the items one by one gives what a walk of the whole does;
//! `tests.rs` checks that on the corpus and on generated scripts.
//!
//! The scanner is conservative: it follows quotes, escapes, `$(...)`, `${...}`,
//! subshells, `{ ...; }` groups, `if`/`fi`, the loops and `case` (as one item to its
//! `esac`), and gives up (`None`, brush reads the whole script) on anything else:
//! here-documents, backquotes, comments, functions outside a `case`, `[[`, `((`, a lone
//! `&`, or a reserved word where it is not read as one.

/// The byte ranges of the top-level items of `text`, without their separators; `None`
/// when the text is one item or the scanner is not sure of it.
#[cfg(test)]
pub fn top_level(text: &str) -> Option<Vec<(usize, usize)>> {
    let cut = cut(text)?;
    (cut.items.len() > 1).then_some(cut.items)
}

/// A text cut at its top level: its items, and the reserved words that open, divide
/// and close the compound commands among them (not those nested inside one).
pub struct Cut {
    pub items: Vec<(usize, usize)>,
    keywords: Vec<(usize, usize)>,
}

/// `text` cut at its top level, or `None` when the scanner is not sure of it.
pub fn cut(text: &str) -> Option<Cut> {
    let mut keywords = Vec::new();
    let items = scan(text, &mut keywords)?;
    Some(Cut { items, keywords })
}

impl Cut {
    /// The lists inside the item of `text` from `start` to `end`, when that item is a
    /// whole compound command (blanks aside): the condition and the branches of an
    /// `if`, the condition and the body of a `while` or `until`, the body of a `for`
    /// over plain words, of a `{ ...; }` group or of a subshell. The brush walk reads
    /// such a command as the commands of these lists in order, so reading them one by
    /// one gives the same. `None` for anything else: another command, a redirect or
    /// pipe after the closing word, an empty list, keywords out of order, or a `for`
    /// whose words could run commands.
    pub fn compound_lists(
        &self,
        text: &str,
        (start, end): (usize, usize),
    ) -> Option<Vec<(usize, usize)>> {
        let bytes = text.as_bytes();
        let item = &bytes[start..end];
        let end = start + item.iter().rposition(|b| !b.is_ascii_whitespace())? + 1;
        let start = start + item.iter().position(|b| !b.is_ascii_whitespace())?;
        let lists = if bytes[start] == b'(' {
            // A subshell: its list is what the parentheses hold.
            (balanced_end(bytes, start + 1)? == end).then_some(vec![(start + 1, end - 1)])?
        } else {
            let from = self.keywords.partition_point(|k| k.0 < start);
            let to = self.keywords.partition_point(|k| k.0 < end);
            let keywords = &self.keywords[from..to];
            let (first, last) = (keywords.first()?, keywords.last()?);
            if first.0 != start || last.1 != end {
                return None;
            }
            let words: Vec<&str> = keywords.iter().map(|&(s, e)| &text[s..e]).collect();
            if !keywords_in_order(&words) {
                return None;
            }
            if words[0] == "for" && !plain_for_header(&text[first.1..keywords[1].0]) {
                return None;
            }
            // The lists lie between one keyword and the next; a `for`'s first stretch
            // is its name and words, not a list.
            let skip = usize::from(words[0] == "for");
            keywords
                .windows(2)
                .skip(skip)
                .map(|pair| (pair[0].1, pair[1].0))
                .collect()
        };
        lists
            .iter()
            .all(|&(s, e)| bytes[s..e].iter().any(|b| !b.is_ascii_whitespace()))
            .then_some(lists)
    }
}

/// The keywords of one compound command, in the order its grammar allows.
fn keywords_in_order(words: &[&str]) -> bool {
    match words {
        ["while" | "until", "do", "done"] | ["for", "do", "done"] | ["{", "}"] => true,
        ["if", "then", rest @ ..] => {
            let mut rest = rest;
            while let ["elif", "then", tail @ ..] = rest {
                rest = tail;
            }
            matches!(rest, ["fi"] | ["else", "fi"])
        }
        _ => false,
    }
}

/// What follows `for`, up to its `do` (the scan saw a separator before it): a name,
/// then `in` and words that run nothing (plain words, quoted literal text, `$NAME`);
/// a `$(...)` among them runs before the body, which brush reads in place.
fn plain_for_header(header: &str) -> bool {
    let header = header.trim_end_matches([' ', '\t', '\n']);
    let bytes = header.strip_suffix(';').unwrap_or(header).as_bytes();
    let mut words = 0;
    let mut i = 0;
    loop {
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        if i == bytes.len() {
            return words >= 2;
        }
        // brush takes any word for the name (`for 1x in`), and the walk reads none.
        let Some(end) = super::plain::word_end(bytes, i) else {
            return false;
        };
        let apart = end > i && matches!(bytes.get(end), None | Some(b' ' | b'\t'));
        if !apart || (words == 1 && &bytes[i..end] != b"in") {
            return false;
        }
        words += 1;
        i = end;
    }
}

/// `top_level`'s walk: the items of `text`, and in `keywords` the reserved words that
/// open, divide or close a compound command at the top level (not those of the
/// commands nested in one).
fn scan(text: &str, keywords: &mut Vec<(usize, usize)>) -> Option<Vec<(usize, usize)>> {
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    // What closes the compound commands open here: `fi`, `done` or `}`.
    let mut open: Vec<&'static str> = Vec::new();
    let mut item_start = 0;
    let mut command_start = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' => i += 1,
            // `;;` ends a `case` item, which only `case_end` reads.
            b';' if bytes.get(i + 1) == Some(&b';') => return None,
            b'\n' | b';' => {
                end_item(bytes, &mut items, &open, &mut item_start, i, i + 1);
                command_start = true;
                i += 1;
            }
            b'&' | b'|' if bytes.get(i + 1) == Some(&bytes[i]) => {
                end_item(bytes, &mut items, &open, &mut item_start, i, i + 2);
                command_start = true;
                i += 2;
            }
            b'|' if bytes.get(i + 1) == Some(&b'&') => return None,
            b'|' => {
                command_start = true;
                i += 1;
            }
            b'&' => return None,
            b'(' if command_start => {
                i = balanced_end(bytes, i + 1)?;
                command_start = false;
            }
            b'(' | b')' => return None,
            b'<' | b'>' => i = redirect_end(bytes, i)?,
            b'#' => return None,
            _ => {
                let end = word_end(bytes, i)?;
                let word = &text[i..end];
                if command_start && word == "case" {
                    // One command to its `esac`, cut nowhere inside.
                    i = case_end(text, end)?;
                    command_start = false;
                    continue;
                }
                if command_start {
                    let depth = open.len();
                    command_start = keyword(word, &mut open)?;
                    // Its own keywords leave a top-level compound open (or just closed)
                    // at depth 1 at most; an opener counts only at the top level.
                    let outer = match open.len().cmp(&depth) {
                        std::cmp::Ordering::Greater => depth == 0,
                        _ => depth == 1,
                    };
                    if outer && is_reserved(word) {
                        keywords.push((i, end));
                    }
                } else if is_reserved(word) {
                    return None;
                }
                i = end;
            }
        }
    }
    if !open.is_empty() {
        return None;
    }
    end_item(
        bytes,
        &mut items,
        &open,
        &mut item_start,
        bytes.len(),
        bytes.len(),
    );
    Some(items)
}

/// At a separator from `at` to `next`: the item before it ends when no compound
/// command is open (blank items are left out).
fn end_item(
    bytes: &[u8],
    items: &mut Vec<(usize, usize)>,
    open: &[&str],
    item_start: &mut usize,
    at: usize,
    next: usize,
) {
    if !open.is_empty() {
        return;
    }
    if bytes[*item_start..at]
        .iter()
        .any(|b| !b.is_ascii_whitespace())
    {
        items.push((*item_start, at));
    }
    *item_start = next;
}

/// A word where a command starts: a reserved word opens or closes a compound command
/// (`None` when it does not fit what is open, or is one this scanner does not follow).
/// Returns whether a command may still start after it.
fn keyword(word: &str, open: &mut Vec<&'static str>) -> Option<bool> {
    let closes = |open: &mut Vec<&'static str>, closer: &str| {
        (open.last() == Some(&closer)).then(|| open.pop())
    };
    Some(match word {
        "if" => {
            open.push("fi");
            true
        }
        "then" | "elif" | "else" => {
            (open.last() == Some(&"fi")).then_some(())?;
            true
        }
        "fi" => {
            closes(open, "fi")?;
            false
        }
        "while" | "until" => {
            open.push("done");
            true
        }
        // `for NAME in WORDS; do`: the words up to the separator are no command.
        "for" => {
            open.push("done");
            false
        }
        "do" => {
            (open.last() == Some(&"done")).then_some(())?;
            true
        }
        "done" => {
            closes(open, "done")?;
            false
        }
        "{" => {
            open.push("}");
            true
        }
        "}" => {
            closes(open, "}")?;
            false
        }
        "!" => true,
        _ if is_reserved(word) || word.starts_with("[[") || word.starts_with("((") => {
            return None;
        }
        // `NAME=value` before a command leaves the command still to come.
        _ => super::plain::assignment(word).is_some(),
    })
}

/// Reserved words that would change how the text around them is cut, were this
/// scanner wrong about where a command starts (so it gives up when it meets one as an
/// argument). `in` is one only after `for` or `case`, where it is an argument here; `!`,
/// `[[` and `]]` are only read at a command's start.
fn is_reserved(word: &str) -> bool {
    matches!(
        word,
        "if" | "then"
            | "elif"
            | "else"
            | "fi"
            | "while"
            | "until"
            | "for"
            | "do"
            | "done"
            | "case"
            | "esac"
            | "select"
            | "function"
            | "time"
            | "coproc"
            | "{"
            | "}"
    )
}

/// The end of a word starting at `i`: quotes, escapes, `$(...)` and `${...}` are part
/// of it; `None` on a backquote or an open quote, or when a `(` follows it (`name(`: a
/// function definition, or a glob this scanner does not follow).
fn word_end(bytes: &[u8], i: usize) -> Option<usize> {
    let end = word_until_operator(bytes, i)?;
    (bytes.get(end) != Some(&b'(')).then_some(end)
}

/// The end of a word starting at `i`, at the first blank or operator byte (`(` and `)`
/// among them) outside its quotes and expansions.
fn word_until_operator(bytes: &[u8], mut i: usize) -> Option<usize> {
    while let Some(&b) = bytes.get(i) {
        if matches!(
            b,
            b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
        ) {
            break;
        }
        i = part_end(bytes, i)?;
    }
    Some(i)
}

/// Past one piece of a word at `i`: a quoted string, an escaped character, an
/// expansion or a single byte.
fn part_end(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes[i] {
        b'\'' => Some(i + 2 + memchr::memchr(b'\'', bytes.get(i + 1..)?)?),
        b'"' => double_quoted_end(bytes, i + 1),
        b'\\' => (i + 1 < bytes.len()).then_some(i + 2),
        b'`' => None,
        b'$' if bytes.get(i + 1) == Some(&b'(') => balanced_end(bytes, i + 2),
        b'$' if bytes.get(i + 1) == Some(&b'{') => braced_end(bytes, i + 2),
        _ => Some(i + 1),
    }
}

/// Past the closing `"` of a string whose text starts at `i`.
fn double_quoted_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match *bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            b'`' => return None,
            b'$' if matches!(bytes.get(i + 1), Some(b'(' | b'{')) => i = part_end(bytes, i)?,
            _ => i += 1,
        }
    }
}

/// Past the `)` that closes a `(` just before `i`: a subshell or `$(...)`, whose
/// insides only need their quotes and nesting followed.
fn balanced_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 1;
    loop {
        match *bytes.get(i)? {
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            // `case` patterns close parentheses they never opened.
            b'c' if bytes[i..].starts_with(b"case") => return None,
            b'#' => return None,
            b'<' if bytes.get(i + 1) == Some(&b'<') => return None,
            b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' => i += 1,
            _ => i = part_end(bytes, i)?,
        }
    }
}

/// Past the `esac` that closes a `case` whose word ends at `i`. Its patterns close
/// parentheses they never opened and its items end in `;;`, so only its words are
/// followed, for the `case` and `esac` among them.
fn case_end(text: &str, mut i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 1;
    loop {
        match *bytes.get(i)? {
            b' ' | b'\t' | b'\n' | b';' | b'|' | b'&' | b')' | b'>' => i += 1,
            // `(pattern)`, a subshell, or the `()` of a function.
            b'(' => i = balanced_end(bytes, i + 1)?,
            b'<' if bytes.get(i + 1) == Some(&b'<') => return None,
            b'<' => i += 1,
            b'#' => return None,
            _ => {
                let end = word_until_operator(bytes, i)?;
                match &text[i..end] {
                    "case" => depth += 1,
                    "esac" => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(end);
                        }
                    }
                    _ => {}
                }
                i = end;
            }
        }
    }
}

/// Past the `}` that closes a `${` just before `i`.
fn braced_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match *bytes.get(i)? {
            b'}' => return Some(i + 1),
            b'{' => return None,
            _ => i = part_end(bytes, i)?,
        }
    }
}

/// Past a redirect at `i` and its target word: `>`, `>>`, `<`, `>&N`, `N>`, `<(...)`.
/// Here-documents (`<<`) and the rarer forms are left to brush.
fn redirect_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut at = i + 1;
    match (bytes[i], bytes.get(at)) {
        (b'<', Some(b'<')) | (b'<', Some(b'>')) | (b'>', Some(b'|')) => return None,
        (_, Some(b'(')) => return balanced_end(bytes, at + 1),
        (b'>', Some(b'>' | b'&')) | (b'<', Some(b'&')) => at += 1,
        _ => {}
    }
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    let end = word_end(bytes, at)?;
    (end > at).then_some(end)
}
