//! Instruction flags as BuildKit's instruction layer reads them (`instructions/bflag.go`):
//! which flags each instruction accepts, their value kinds, and typed `--mount` values.

use std::borrow::Cow;

use super::ast::{Flag, Instruction, Keyword};
use super::words::{find_byte, split_once_byte};
use crate::suggest;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// `--link`, `--link=true|false`.
    Bool,
    /// `--from=value`, once.
    String,
    /// `--mount=value`, repeatable.
    Strings,
}

/// The flags an instruction accepts. HEALTHCHECK NONE accepts none; that case is
/// handled by the caller since it depends on the arguments.
pub fn accepted_flags(keyword: Keyword) -> &'static [(&'static str, FlagKind)] {
    use FlagKind::*;
    match keyword {
        Keyword::From => &[("platform", String)],
        Keyword::Copy => &[
            ("from", String),
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("exclude", Strings),
            ("parents", Bool),
        ],
        Keyword::Add => &[
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", String),
            ("unpack", Bool),
            ("exclude", Strings),
        ],
        Keyword::Run => &[
            ("mount", Strings),
            ("network", String),
            ("security", String),
            ("device", Strings),
        ],
        Keyword::Healthcheck => &[
            ("interval", String),
            ("timeout", String),
            ("start-period", String),
            ("start-interval", String),
            ("retries", String),
        ],
        _ => &[],
    }
}

/// Check the flags of one instruction the way `BFlags.Parse` does; one message per problem.
pub fn check_flags(
    keyword: Keyword,
    flags: &[Flag],
    accepted: &[(&str, FlagKind)],
) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    // Which of the accepted flags were given, by their place in `accepted` (a handful).
    let mut seen = 0u64;
    for (i, flag) in flags.iter().enumerate() {
        let name = flag.name();
        let Some((at, &(_, kind))) = accepted.iter().enumerate().find(|(_, (n, _))| *n == name)
        else {
            let mut message = format!("unknown flag: --{name}");
            if accepted.is_empty() {
                message.push_str(&format!(" ({} takes no flags)", keyword.as_str()));
            } else if let Some(s) = suggest::closest(name, accepted.iter().map(|(n, _)| *n)) {
                message.push_str(&format!(" (did you mean --{s}?)"));
            }
            problems.push((i, message));
            continue;
        };
        if seen & (1 << at) != 0 && kind != FlagKind::Strings {
            problems.push((i, format!("duplicate flag specified: --{name}")));
            continue;
        }
        seen |= 1 << at;
        match (kind, flag.value()) {
            (FlagKind::Bool, Some("")) | (FlagKind::String | FlagKind::Strings, None) => {
                problems.push((i, format!("missing a value on flag: --{name}")));
            }
            (FlagKind::Bool, Some(v))
                if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") =>
            {
                problems.push((
                    i,
                    format!("expecting boolean value for flag {name}, not: {v}"),
                ));
            }
            _ => {}
        }
    }
    problems
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MountType {
    Bind,
    Cache,
    Tmpfs,
    Secret,
    Ssh,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sharing {
    Shared,
    Private,
    Locked,
}

/// A `RUN --mount=...` value, typed (BuildKit's `commands_runmount.go`). Its texts are
/// slices of the flag's value unless the value quotes a field: the parser checks every mount,
/// and several rules read them again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount<'a> {
    pub kind: MountType,
    pub from: Option<Cow<'a, str>>,
    pub source: Option<Cow<'a, str>>,
    pub target: Option<Cow<'a, str>>,
    pub read_only: bool,
    pub required: bool,
    pub size: Option<Cow<'a, str>>,
    pub id: Option<Cow<'a, str>>,
    pub sharing: Option<Sharing>,
    pub mode: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub env: Option<Cow<'a, str>>,
}

/// Split a CSV record as `encoding/csv` does for one line: commas separate fields,
/// double quotes group (with `""` for a quote).
fn csv_fields(value: &str) -> Result<Vec<Cow<'_, str>>, String> {
    // Most mounts quote nothing: their fields are slices of the flag.
    if find_byte(value, b'"').is_none() {
        let mut fields = Vec::with_capacity(4);
        let mut rest = value;
        while let Some((field, after)) = split_once_byte(rest, b',') {
            fields.push(Cow::Borrowed(field));
            rest = after;
        }
        fields.push(Cow::Borrowed(rest));
        return Ok(fields);
    }
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = value.chars().peekable();
    let mut quoted_field = false;
    loop {
        match chars.next() {
            None => {
                fields.push(Cow::Owned(field));
                return Ok(fields);
            }
            Some(',') => {
                fields.push(Cow::Owned(std::mem::take(&mut field)));
                quoted_field = false;
            }
            Some('"') if field.is_empty() && !quoted_field => {
                quoted_field = true;
                loop {
                    match chars.next() {
                        None => return Err("extraneous or missing \" in quoted-field".into()),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => field.push(c),
                    }
                }
                if !matches!(chars.peek(), None | Some(',')) {
                    return Err("extraneous or missing \" in quoted-field".into());
                }
            }
            Some(c) => field.push(c),
        }
    }
}

/// `text` in lower case, copied only when it has upper-case letters.
fn ascii_lower(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

fn parse_bool(key: &str, value: Option<&str>) -> Result<bool, String> {
    match value {
        None => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("true") || v == "1" => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("false") || v == "0" => Ok(false),
        Some(v) => Err(format!("invalid value for {key}: {v}")),
    }
}

fn parse_u32(key: &str, value: &str, radix: u32) -> Result<u32, String> {
    u32::from_str_radix(value, radix).map_err(|_| format!("invalid value for {key}: {value}"))
}

/// `field[start..]` as a text of its own, borrowed when the field is.
fn tail<'a>(field: &Cow<'a, str>, start: usize) -> Cow<'a, str> {
    match field {
        Cow::Borrowed(text) => Cow::Borrowed(&text[start..]),
        Cow::Owned(text) => Cow::Owned(text[start..].to_string()),
    }
}

impl<'a> Mount<'a> {
    /// The valid `--mount` flags of an instruction, typed.
    pub fn all_of(run: &'a Instruction<'_>) -> impl Iterator<Item = Mount<'a>> + 'a {
        run.flags
            .iter()
            .filter(|f| f.name() == "mount")
            .filter_map(|f| Mount::parse(f.value()?).ok())
    }

    pub fn parse(value: &'a str) -> Result<Mount<'a>, String> {
        let fields = csv_fields(value)?;
        let mut kind = MountType::Bind;
        // The type decides defaults, so read it first wherever it is written.
        for field in &fields {
            // BuildKit lower-cases every key, `type` too.
            if let Some((_, t)) =
                split_once_byte(field, b'=').filter(|(k, _)| k.trim().eq_ignore_ascii_case("type"))
            {
                kind = match &*ascii_lower(t) {
                    "bind" => MountType::Bind,
                    "cache" => MountType::Cache,
                    "tmpfs" => MountType::Tmpfs,
                    "secret" => MountType::Secret,
                    "ssh" => MountType::Ssh,
                    other => return Err(format!("unsupported mount type \"{other}\"")),
                };
            }
        }
        let mut mount = Mount {
            kind,
            from: None,
            source: None,
            target: None,
            read_only: matches!(kind, MountType::Bind | MountType::Secret | MountType::Ssh),
            required: false,
            size: None,
            id: None,
            sharing: None,
            mode: None,
            uid: None,
            gid: None,
            env: None,
        };
        for field in fields.iter().filter(|f| !f.is_empty()) {
            let (key, value, value_at) = match split_once_byte(field, b'=') {
                Some((k, v)) => (ascii_lower(k.trim()), Some(v), k.len() + 1),
                None => (ascii_lower(field.trim()), None, field.len()),
            };
            let need = |v: Option<&str>| {
                v.map(|_| tail(field, value_at))
                    .ok_or_else(|| format!("invalid field '{field}' must be a key=value pair"))
            };
            match &*key {
                "type" => {}
                "from" => {
                    let from = need(value)?;
                    if from.contains('$') {
                        return Err(
                            "'from' doesn't support variable expansion, define alias stage instead"
                                .into(),
                        );
                    }
                    mount.from = Some(from);
                }
                "source" | "src" => mount.source = Some(need(value)?),
                "target" | "dst" | "destination" => mount.target = Some(need(value)?),
                "readonly" | "ro" => mount.read_only = parse_bool(&key, value)?,
                "readwrite" | "rw" => mount.read_only = !parse_bool(&key, value)?,
                "required" if matches!(kind, MountType::Secret | MountType::Ssh) => {
                    mount.required = parse_bool(&key, value)?;
                }
                "size" if kind == MountType::Tmpfs => mount.size = Some(need(value)?),
                "id" => mount.id = Some(need(value)?),
                "sharing" if kind == MountType::Cache => {
                    let v = need(value)?;
                    mount.sharing = Some(match &*ascii_lower(&v) {
                        "shared" => Sharing::Shared,
                        "private" => Sharing::Private,
                        "locked" => Sharing::Locked,
                        _ => return Err(format!("unsupported sharing value \"{v}\"")),
                    });
                }
                "mode" if matches!(kind, MountType::Secret | MountType::Ssh | MountType::Cache) => {
                    mount.mode = Some(parse_u32(&key, &need(value)?, 8)?);
                }
                "uid" if matches!(kind, MountType::Secret | MountType::Ssh | MountType::Cache) => {
                    mount.uid = Some(parse_u32(&key, &need(value)?, 10)?);
                }
                "gid" if matches!(kind, MountType::Secret | MountType::Ssh | MountType::Cache) => {
                    mount.gid = Some(parse_u32(&key, &need(value)?, 10)?);
                }
                "env" if kind == MountType::Secret => mount.env = Some(need(value)?),
                _ => return Err(format!("unexpected key '{key}' in '{field}'")),
            }
        }
        if mount.target.is_none() && !matches!(kind, MountType::Secret | MountType::Ssh) {
            return Err(format!("mount type {} requires a target", kind_name(kind)));
        }
        Ok(mount)
    }
}

fn kind_name(kind: MountType) -> &'static str {
    match kind {
        MountType::Bind => "bind",
        MountType::Cache => "cache",
        MountType::Tmpfs => "tmpfs",
        MountType::Secret => "secret",
        MountType::Ssh => "ssh",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_defaults_and_fields() {
        let m = Mount::parse("type=cache,target=/root/.cache,sharing=locked,uid=1000").unwrap();
        assert_eq!(m.kind, MountType::Cache);
        assert_eq!(m.target.as_deref(), Some("/root/.cache"));
        assert_eq!(m.sharing, Some(Sharing::Locked));
        assert_eq!(m.uid, Some(1000));
        assert!(!m.read_only);

        let m = Mount::parse("target=/src,from=build,source=/out,rw").unwrap();
        assert_eq!(m.kind, MountType::Bind);
        assert!(!m.read_only);
        assert_eq!(m.from.as_deref(), Some("build"));

        let m = Mount::parse("type=secret,id=npmrc,required").unwrap();
        assert!(m.read_only && m.required);
        assert!(m.target.is_none());
    }

    /// A mount's texts are slices of the flag unless the flag quotes a field.
    #[test]
    fn mount_texts_borrow_unless_quoted() {
        let borrowed = |c: &Option<Cow<'_, str>>| matches!(c, Some(Cow::Borrowed(_)));
        let m = Mount::parse("type=cache,id=pip,target=/root/.cache").unwrap();
        assert!(borrowed(&m.target) && borrowed(&m.id));
        let m = Mount::parse("type=bind,\"source=a,b\",target=/src,from=build").unwrap();
        assert_eq!(m.source.as_deref(), Some("a,b"));
        assert_eq!(m.from.as_deref(), Some("build"));
        assert!(!borrowed(&m.source));
    }

    #[test]
    fn mount_errors() {
        assert!(
            Mount::parse("type=nfs,target=/x")
                .unwrap_err()
                .contains("unsupported mount type")
        );
        assert!(
            Mount::parse("type=bind")
                .unwrap_err()
                .contains("requires a target")
        );
        assert!(
            Mount::parse("target=/x,colour=red")
                .unwrap_err()
                .contains("unexpected key")
        );
        assert!(
            Mount::parse("target=/x,from=$STAGE")
                .unwrap_err()
                .contains("variable expansion")
        );
        assert!(
            Mount::parse("type=cache,target=/x,mode=999")
                .unwrap_err()
                .contains("invalid value")
        );
    }

    #[test]
    fn quoted_csv_fields() {
        let m = Mount::parse("\"target=/a,b\",type=tmpfs").unwrap();
        assert_eq!(m.target.as_deref(), Some("/a,b"));
    }

    /// Keys, types and sharing modes are read case-insensitively (BuildKit lower-cases
    /// them); values keep their case.
    #[test]
    fn keys_and_kinds_in_any_case() {
        let m = Mount::parse("Type=CACHE,TARGET=/Root/Cache,Sharing=Locked,ID=Go").unwrap();
        assert_eq!(m.kind, MountType::Cache);
        assert_eq!(m.target.as_deref(), Some("/Root/Cache"));
        assert_eq!(m.sharing, Some(Sharing::Locked));
        assert_eq!(m.id.as_deref(), Some("Go"));
        assert_eq!(
            Mount::parse("type=cache,target=/x,Colour=Red").unwrap_err(),
            "unexpected key 'colour' in 'Colour=Red'"
        );
    }
}
