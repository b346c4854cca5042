//! Small token grammars written with nom: parser directives and heredoc markers.

use nom::{
    IResult, Parser,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::{char, digit0, satisfy},
    combinator::{opt, recognize},
    sequence::pair,
};

/// Go's RE2 `\s`: `[\t\n\f\r ]`.
fn is_re2_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0c}' | '\r' | ' ')
}

/// A parser directive body (after `#` and leading whitespace): `name = value`.
/// Mirrors BuildKit's `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`; returns the name and the
/// value's byte range in `text`.
pub fn directive(text: &str) -> Option<(&str, usize, usize)> {
    fn head(input: &str) -> IResult<&str, &str> {
        let (rest, (name, _, _, _)) = (
            recognize(pair(
                satisfy(|c| c.is_ascii_alphabetic()),
                take_while(|c: char| c.is_ascii_alphanumeric()),
            )),
            take_while(is_re2_space),
            char('='),
            take_while(is_re2_space),
        )
            .parse(input)?;
        Ok((rest, name))
    }
    let (rest, name) = head(text).ok()?;
    let value = rest.trim_end_matches(is_re2_space);
    if value.is_empty() {
        return None;
    }
    let start = text.len() - rest.len();
    Some((name, start, start + value.len()))
}

/// A heredoc marker word: `[fd]<<[-][ws]rest` where rest holds no `<`.
pub struct HeredocMarker<'a> {
    pub fd: Option<u32>,
    pub chomp: bool,
    pub rest: &'a str,
}

pub fn heredoc_marker(word: &str) -> Option<HeredocMarker<'_>> {
    let parsed: IResult<&str, (&str, &str, Option<char>, &str)> =
        (digit0, tag("<<"), opt(char('-')), take_while(is_re2_space)).parse(word);
    let (rest, (fd, _, chomp, _)) = parsed.ok()?;
    let (tail, rest) = take_while1::<_, _, nom::error::Error<&str>>(|c| c != '<')
        .parse(rest)
        .ok()?;
    if !tail.is_empty() {
        return None;
    }
    Some(HeredocMarker {
        fd: if fd.is_empty() { None } else { fd.parse().ok() },
        chomp: chomp.is_some(),
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_shapes() {
        assert_eq!(directive("escape=`"), Some(("escape", 7, 8)));
        let t = "syntax = docker/dockerfile:1  ";
        let (name, s, e) = directive(t).unwrap();
        assert_eq!((name, &t[s..e]), ("syntax", "docker/dockerfile:1"));
        assert_eq!(directive("escape="), None);
        assert_eq!(directive("1abc=x"), None);
        assert_eq!(directive("just a comment"), None);
    }

    #[test]
    fn heredoc_marker_shapes() {
        let m = heredoc_marker("3<<-EOF").unwrap();
        assert_eq!((m.fd, m.chomp, m.rest), (Some(3), true, "EOF"));
        assert!(heredoc_marker("<<").is_none());
        assert!(heredoc_marker("<<-").is_none());
        assert!(heredoc_marker("<<<EOF").is_none());
        assert!(heredoc_marker("a<<EOF").is_none());
        assert_eq!(heredoc_marker("<<'EOF'").unwrap().rest, "'EOF'");
    }
}
