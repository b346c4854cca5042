//! What BuildKit's instruction layer rejects in a file its parser accepted: unknown
//! instructions and flags, wrong argument counts, bad flag values. A build of such a file
//! fails, so `check` reports each as an error; `dump`, like BuildKit's parser, does not.

use super::ast::*;
use super::flags::{FlagKind, Mount, accepted_flags, check_flags};
use super::span::Span;
use crate::suggest;

pub fn validate(dockerfile: &Dockerfile) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    for instruction in &dockerfile.instructions {
        let mut report = |span: Span, message: String| {
            errors.push(SyntaxError {
                message,
                span,
                layer: ErrorLayer::Instruction,
            })
        };
        validate_instruction(instruction, &mut report);
    }
    errors
}

fn validate_instruction(instruction: &Instruction, report: &mut impl FnMut(Span, String)) {
    let keyword = instruction.keyword;
    let name = keyword.as_str();
    let span = instruction.keyword_word.span;

    if keyword == Keyword::Unknown {
        let word = &instruction.keyword_word.value;
        let mut message = format!("unknown instruction: {word}");
        if let Some(s) = suggest::closest(word, Keyword::ALL.iter().map(|k| k.as_str())) {
            let s = if word.chars().all(|c| !c.is_uppercase()) {
                s.to_lowercase()
            } else {
                s.to_string()
            };
            message.push_str(&format!(" (did you mean {s}?)"));
        }
        report(span, message);
        return;
    }

    let is_healthcheck_none = matches!(
        &instruction.args,
        Args::Healthcheck { kind, .. } if kind.value.eq_ignore_ascii_case("none")
    );
    let accepted = if is_healthcheck_none {
        &[][..]
    } else {
        accepted_flags(keyword)
    };
    for (i, message) in check_flags(keyword, &instruction.flags, accepted) {
        report(instruction.flags[i].span, message);
    }
    validate_flag_values(instruction, accepted, report);

    let at_least_one = || format!("{name} requires at least one argument");
    let exactly_one = || format!("{name} requires exactly one argument");
    match &instruction.args {
        Args::Empty => match keyword {
            Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
                report(span, exactly_one())
            }
            Keyword::From => report(span, "FROM requires either one or three arguments".into()),
            Keyword::Copy | Keyword::Add => report(span, no_destination(name)),
            Keyword::Cmd | Keyword::Entrypoint => {}
            _ => report(span, at_least_one()),
        },
        Args::Words(words) if keyword == Keyword::From => validate_from(words, span, report),
        Args::List { items, json } => {
            if matches!(keyword, Keyword::Copy | Keyword::Add) {
                if items.len() < 2 {
                    report(span, no_destination(name));
                } else if !json {
                    let dest = items.last().expect("two or more items");
                    if dest.value.contains("<<")
                        && instruction.heredocs.iter().any(|h| h.marker == dest.span)
                    {
                        report(
                            dest.span,
                            format!("{name} cannot accept a heredoc as a destination"),
                        );
                    }
                }
            } else if items.is_empty() {
                report(span, at_least_one());
            } else {
                for item in items.iter().filter(|i| i.value.trim().is_empty()) {
                    report(
                        item.span,
                        "VOLUME specified can not be an empty string".into(),
                    );
                }
            }
        }
        Args::KeyValues(pairs) => {
            for pair in pairs.iter().filter(|p| p.key.value.is_empty()) {
                report(pair.key.span, format!("{name} names can not be blank"));
            }
        }
        Args::ArgDecls(decls) => {
            for decl in decls.iter().filter(|d| d.name.value.is_empty()) {
                report(decl.word.span, "ARG names can not be blank".into());
            }
        }
        Args::Command(command) => {
            if keyword == Keyword::Shell {
                match command {
                    Command::Shell(word) => report(
                        word.span,
                        "SHELL requires the arguments to be in JSON form".into(),
                    ),
                    Command::Exec(items) if items.is_empty() => report(span, at_least_one()),
                    Command::Exec(_) => {}
                }
            }
        }
        Args::Healthcheck { kind, command } => {
            let kind_upper = kind.value.to_ascii_uppercase();
            match (kind_upper.as_str(), command) {
                ("NONE", Some(c)) => report(
                    command_span(c).unwrap_or(kind.span),
                    "HEALTHCHECK NONE takes no arguments".into(),
                ),
                ("NONE", None) => {}
                ("CMD", Some(Command::Shell(_))) => {}
                ("CMD", Some(Command::Exec(items))) if !items.is_empty() => {}
                ("CMD", _) => report(kind.span, "Missing command after HEALTHCHECK CMD".into()),
                _ => report(
                    kind.span,
                    format!("Unknown type \"{kind_upper}\" in HEALTHCHECK (try CMD)"),
                ),
            }
        }
        // ONBUILD ONBUILD/FROM/MAINTAINER is DL3043's to report.
        Args::Onbuild(inner) => match inner.keyword {
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer => {}
            _ => validate_instruction(inner, report),
        },
        Args::Words(_) | Args::Text(_) | Args::Ignored => {}
    }
}

fn command_span(command: &Command) -> Option<Span> {
    match command {
        Command::Shell(w) => Some(w.span),
        Command::Exec(items) => Some(items.first()?.span.cover(items.last()?.span)),
    }
}

fn no_destination(name: &str) -> String {
    format!(
        "{name} requires at least two arguments, but only one was provided. Destination could not be determined"
    )
}

fn validate_from(words: &[Word], span: Span, report: &mut impl FnMut(Span, String)) {
    match words {
        [_] => {}
        [_, as_word, stage] if as_word.value.eq_ignore_ascii_case("as") => {
            if !is_valid_stage_name(&stage.value.to_lowercase()) {
                report(
                    stage.span,
                    format!(
                        "invalid name for build stage: \"{}\", name can't start with a number or contain symbols",
                        stage.value
                    ),
                );
            }
        }
        _ => report(span, "FROM requires either one or three arguments".into()),
    }
}

/// BuildKit's `^[a-z][a-z0-9-_.]*$`, checked on the lower-cased name.
pub fn is_valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

fn validate_flag_values(
    instruction: &Instruction,
    accepted: &[(&str, FlagKind)],
    report: &mut impl FnMut(Span, String),
) {
    for flag in &instruction.flags {
        let (name, Some(value)) = (flag.name(), flag.value()) else {
            continue;
        };
        if !accepted
            .iter()
            .any(|(n, k)| *n == name && *k != FlagKind::Bool)
        {
            continue;
        }
        let problem = match (instruction.keyword, name) {
            (Keyword::Run, "mount") => Mount::parse(value).err(),
            (Keyword::Run, "network") => (!matches!(value, "default" | "none" | "host"))
                .then(|| format!("network mode \"{value}\" not supported")),
            (Keyword::Run, "security") => (!matches!(value, "sandbox" | "insecure"))
                .then(|| format!("security mode \"{value}\" not supported")),
            (Keyword::Copy, "from") if value.contains('$') => Some(
                "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround".into(),
            ),
            (Keyword::Copy | Keyword::Add, "chmod") if !value.contains('$') && !is_valid_chmod(value) => {
                Some(format!("invalid chmod parameter: {value}"))
            }
            (Keyword::Healthcheck, "retries") => match value.parse::<i64>() {
                Ok(n) if n < 0 => Some(format!("--retries cannot be negative ({n})")),
                Ok(_) => None,
                Err(_) => Some(format!("invalid value for --retries: {value}")),
            },
            (Keyword::Healthcheck, _) => match parse_go_duration(value) {
                None => Some(format!("time: invalid duration \"{value}\"")),
                Some(nanos) if nanos != 0 && nanos < 1_000_000 => {
                    Some(format!("Interval \"{name}\" cannot be less than 1ms"))
                }
                Some(_) => None,
            },
            _ => None,
        };
        if let Some(message) = problem {
            report(flag.span, message);
        }
    }
}

/// Octal up to 07777, or a symbolic mode such as `u+x,g-w` or `a=rX`.
fn is_valid_chmod(value: &str) -> bool {
    if value.chars().all(|c| c.is_digit(8)) {
        return u32::from_str_radix(value, 8).is_ok_and(|m| m <= 0o7777);
    }
    value.split(',').all(|clause| {
        let who_end = clause
            .find(|c: char| !"ugoa".contains(c))
            .unwrap_or(clause.len());
        let rest = &clause[who_end..];
        !rest.is_empty()
            && rest.starts_with(['+', '-', '='])
            && rest.chars().all(|c| "+-=rwxXstugo".contains(c))
    })
}

/// Go's `time.ParseDuration`, in nanoseconds. `None` when malformed.
pub fn parse_go_duration(text: &str) -> Option<i128> {
    let (negative, mut rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..num_end];
        if number.is_empty() || number == "." {
            return None;
        }
        let value: f64 = number.parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_end] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_end..];
        total += value * scale;
    }
    let nanos = total as i128;
    Some(if negative { -nanos } else { nanos })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("30s"), Some(30_000_000_000));
        assert_eq!(parse_go_duration("1h30m"), Some(5_400_000_000_000));
        assert_eq!(parse_go_duration("1.5ms"), Some(1_500_000));
        assert_eq!(parse_go_duration("0"), Some(0));
        assert_eq!(parse_go_duration("10"), None);
        assert_eq!(parse_go_duration("abc"), None);
    }

    #[test]
    fn chmod_values() {
        assert!(is_valid_chmod("755"));
        assert!(is_valid_chmod("u+x,g-w"));
        assert!(!is_valid_chmod("17777"));
        assert!(!is_valid_chmod("rwx"));
    }

    #[test]
    fn healthcheck_cmd_needs_a_command() {
        let df = crate::syntax::parse(
            "FROM a\nHEALTHCHECK CMD []\nHEALTHCHECK CMD\nHEALTHCHECK CMD [\"x\"]\nHEALTHCHECK CMD x\n",
        );
        let lines: Vec<usize> = df
            .errors
            .iter()
            .filter(|e| e.message == "Missing command after HEALTHCHECK CMD")
            .map(|e| df.position(e.span.start).line)
            .collect();
        assert_eq!(lines, vec![2, 3]);
    }

    #[test]
    fn stage_names() {
        assert!(is_valid_stage_name("build-1.x_y"));
        assert!(!is_valid_stage_name("1build"));
        assert!(!is_valid_stage_name("bu$ild"));
    }
}
