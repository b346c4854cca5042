//! Reading one shell word: its literal value and the commands substituted into it.

/// The word as ShellCheck's `oversimplify` sees it: quotes and escapes removed, every
/// expansion replaced by `${VAR}`. Rules compare these values with hadolint's.
pub fn simplify(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    let mut in_double = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' if !in_double => {
                let end = find(&chars, i + 1, '\'').unwrap_or(chars.len());
                out.extend(&chars[i + 1..end]);
                i = end + 1;
            }
            '"' => {
                in_double = !in_double;
                i += 1;
            }
            '\\' => {
                match chars.get(i + 1) {
                    // Inside double quotes only these are escapes.
                    Some(&n) if !in_double || matches!(n, '$' | '`' | '"' | '\\') => {
                        out.push(n);
                    }
                    Some(&'\n') => {}
                    Some(&n) => {
                        out.push('\\');
                        out.push(n);
                    }
                    None => out.push('\\'),
                }
                i += 2;
            }
            '$' => {
                let next = chars.get(i + 1).copied();
                match next {
                    Some('\'') if !in_double => {
                        let end = find(&chars, i + 2, '\'').unwrap_or(chars.len());
                        out.extend(&chars[i + 2..end]);
                        i = end + 1;
                    }
                    Some('{') => {
                        i = matching(&chars, i + 1, '{', '}') + 1;
                        out.push_str("${VAR}");
                    }
                    Some('(') => {
                        i = matching(&chars, i + 1, '(', ')') + 1;
                        out.push_str("${VAR}");
                    }
                    Some(n) if n.is_ascii_alphabetic() || n == '_' => {
                        i += 1;
                        while i < chars.len()
                            && (chars[i].is_ascii_alphanumeric() || chars[i] == '_')
                        {
                            i += 1;
                        }
                        out.push_str("${VAR}");
                    }
                    Some(n) if n.is_ascii_digit() || "@*#?$!-".contains(n) => {
                        i += 2;
                        out.push_str("${VAR}");
                    }
                    _ => {
                        out.push('$');
                        i += 1;
                    }
                }
            }
            '`' => {
                i = find(&chars, i + 1, '`').unwrap_or(chars.len()) + 1;
                out.push_str("${VAR}");
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn find(chars: &[char], from: usize, target: char) -> Option<usize> {
    chars
        .get(from..)?
        .iter()
        .position(|&c| c == target)
        .map(|p| p + from)
}

/// Index of the bracket closing the one at `open_at`, skipping quoted text; the last
/// index when unbalanced.
fn matching(chars: &[char], open_at: usize, open: char, close: char) -> usize {
    let mut depth = 0usize;
    let mut i = open_at;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '\'' => i = find(chars, i + 1, '\'').unwrap_or(chars.len()),
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len().saturating_sub(1)
}

/// Byte ranges of the scripts substituted at the top level of a word: the inside of
/// `$(...)` and of backquotes (not `$((...))`, which is arithmetic).
pub fn substitutions(raw: &str) -> Vec<(usize, usize)> {
    let bytes = raw.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    let mut in_single = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' if !in_single_allowed(bytes, i) => {}
            b'\'' => in_single = !in_single,
            b'\\' if !in_single => i += 1,
            b'$' if !in_single && bytes.get(i + 1) == Some(&b'(') => {
                if bytes.get(i + 2) == Some(&b'(') {
                    i += 2;
                    continue;
                }
                let end = close_paren(bytes, i + 1);
                found.push((i + 2, end.min(bytes.len())));
                i = end;
            }
            b'`' if !in_single => {
                let end = bytes[i + 1..]
                    .iter()
                    .position(|&b| b == b'`')
                    .map_or(bytes.len(), |p| p + i + 1);
                found.push((i + 1, end));
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// A `'` opens a single-quoted string unless it is inside double quotes.
fn in_single_allowed(bytes: &[u8], at: usize) -> bool {
    bytes[..at].iter().filter(|&&b| b == b'"').count() % 2 == 0
}

fn close_paren(bytes: &[u8], open_at: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open_at;
    let mut in_single = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => in_single = !in_single,
            b'\\' if !in_single => i += 1,
            b'(' if !in_single => depth += 1,
            b')' if !in_single => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}
