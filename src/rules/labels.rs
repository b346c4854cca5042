//! The label schema rules (DL3049-DL3058): which labels a stage carries, and the value
//! formats a schema can require.

use super::{Context, LabelType};
use crate::model::Stage;
use crate::syntax::{Args, KeyValue, Keyword};

fn labels_in<'a>(
    cx: &Context<'a>,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = &'a KeyValue<'a>> {
    cx.instructions()[range]
        .iter()
        .filter(|i| i.keyword == Keyword::Label)
        .flat_map(|i| match &i.args {
            Args::KeyValues(pairs) => pairs.as_slice(),
            _ => &[],
        })
}

/// Every LABEL pair in the file.
pub fn all_labels<'a>(cx: &Context<'a>) -> Vec<&'a KeyValue<'a>> {
    labels_in(cx, 0..cx.instructions().len()).collect()
}

/// The labels a stage's image carries: its own and those of the stages it is built on.
pub fn stage_labels<'a>(cx: &Context<'a>, stage: &Stage) -> Vec<&'a KeyValue<'a>> {
    cx.model
        .stage_lineage(stage.index)
        .filter(|(_, i)| i.keyword == Keyword::Label)
        .flat_map(|(_, i)| match &i.args {
            Args::KeyValues(pairs) => pairs.as_slice(),
            _ => &[],
        })
        .collect()
}

/// The LABEL pairs whose key the schema types as `ty`, with that key.
pub fn schema_labels<'a>(cx: &Context<'a>, ty: LabelType) -> Vec<(String, &'a KeyValue<'a>)> {
    all_labels(cx)
        .into_iter()
        .filter_map(|pair| {
            let key = super::facts::unquote(&pair.key.value);
            cx.settings
                .label_schema
                .iter()
                .any(|(l, t)| l == key && *t == ty)
                .then(|| (key.to_string(), pair))
        })
        .collect()
}

/// Report each schema label of type `ty` whose (known) value `valid` rejects, with the
/// message `Label `<label>` <problem>`.
pub fn report_invalid(
    cx: &Context,
    out: &mut super::Reporter,
    ty: LabelType,
    valid: fn(&str) -> bool,
    problem: &str,
) {
    for (label, pair) in schema_labels(cx, ty) {
        let value = super::facts::unquote(&pair.value.value);
        // A variable's value is not known here.
        if !value.is_empty() && !value.contains('$') && !valid(value) {
            out.report(pair.value.span, format!("Label `{label}` {problem}"));
        }
    }
}

/// An absolute URI: `scheme:rest`, no spaces.
pub fn is_url(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !value.contains(|c: char| c.is_whitespace() || "<>\"{}|\\^`".contains(c))
}

/// RFC 3339 date-time: `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.5+02:00`.
pub fn is_rfc3339(value: &str) -> bool {
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let number = |r: std::ops::Range<usize>| value[r].parse::<u32>().unwrap_or(99);
    if b.len() < 20
        || !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        || !matches!(b[10], b'T' | b't' | b' ')
        || !(digits(11..13) && b[13] == b':' && digits(14..16) && b[16] == b':' && digits(17..19))
    {
        return false;
    }
    let (month, day, hour, minute, second) = (
        number(5..7),
        number(8..10),
        number(11..13),
        number(14..16),
        number(17..19),
    );
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return false;
    }
    let mut rest = &value[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.chars().take_while(char::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// An SPDX license identifier or expression (`MIT`, `Apache-2.0 OR MIT`).
pub fn is_spdx(value: &str) -> bool {
    spdx::license_id(value).is_some() || spdx::Expression::parse(value).is_ok()
}

/// A short (7) or full (40) lower-case hex commit hash.
pub fn is_git_hash(value: &str) -> bool {
    (value.len() == 7 || value.len() == 40)
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// Semantic Versioning 2.0.0.
pub fn is_semver(value: &str) -> bool {
    let numeric = |s: &str| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let identifiers = |s: &str, pre: bool| {
        s.split('.').all(|id| {
            !id.is_empty()
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && (!pre || !id.chars().all(|c| c.is_ascii_digit()) || numeric(id))
        })
    };
    let (rest, build) = match value.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (value, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(|p| identifiers(p, true))
        && build.is_none_or(|b| identifiers(b, false))
}

/// An RFC 5322 address in its common form: `local@domain`.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let local_ok = (local.len() >= 2 && local.starts_with('"') && local.ends_with('"'))
        || (!local.is_empty()
            && local
                .split('.')
                .all(|part| !part.is_empty() && part.chars().all(atext)));
    let domain_ok = (domain.starts_with('[') && domain.ends_with(']'))
        || (!domain.is_empty()
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            }));
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_url("https://example.com/x"));
        assert!(!is_url("example.com"));
        assert!(is_rfc3339("2024-05-01T12:00:00Z"));
        assert!(is_rfc3339("2024-05-01T12:00:00.123+02:00"));
        assert!(!is_rfc3339("2024-05-01 12:00"));
        assert!(!is_rfc3339("2024-13-01T12:00:00Z"));
        assert!(is_spdx("MIT"));
        assert!(is_spdx("Apache-2.0 OR MIT"));
        assert!(!is_spdx("MIT-ish"));
        assert!(is_git_hash("abc1234"));
        assert!(!is_git_hash("ABC1234"));
        assert!(is_semver("1.2.3-rc.1+build.5"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("01.2.3"));
        assert!(is_email("jane.doe@example.com"));
        assert!(!is_email("jane"));
        assert!(!is_email("a@-b.com"));
    }
}
