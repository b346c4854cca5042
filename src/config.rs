//! Configuration: `.layerlint.yaml`, or hadolint's `.hadolint.yaml` for teams migrating,
//! with hadolint's keys. YAML is read through serde-saphyr (serde_yaml is archived; this
//! one is maintained, pure Rust, and bounds hostile input).
//!
//! Lookup, for each Dockerfile: walk up from its folder to the repository root (the first
//! folder holding `.git`), then the user's config folder. `--config` replaces the search.

use crate::diagnostics::Severity;
use crate::rules::{self, LabelType};
use foldhash::HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// File names looked for in each folder, most specific first.
pub const FILE_NAMES: &[&str] = &[
    ".layerlint.yaml",
    ".layerlint.yml",
    ".hadolint.yaml",
    ".hadolint.yml",
];

/// Config files are small; anything bigger is a mistake or an attack.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// When the run fails: at or above a severity. hadolint's `ignore` and `none` fail on
/// any finding at all, and layerlint keeps that meaning; `--no-fail` never fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Threshold {
    Error,
    Warning,
    Info,
    Style,
    Ignore,
    None,
}

impl Threshold {
    pub fn parse(s: &str) -> Result<Threshold, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "error" => Threshold::Error,
            "warning" => Threshold::Warning,
            "info" => Threshold::Info,
            "style" => Threshold::Style,
            "ignore" => Threshold::Ignore,
            "none" => Threshold::None,
            other => {
                return Err(format!(
                    "unknown threshold '{other}' (expected error, warning, info, style, ignore or none)"
                ));
            }
        })
    }

    pub fn fails_on(self, severity: Severity) -> bool {
        match self {
            Threshold::Error => severity.at_least(Severity::Error),
            Threshold::Warning => severity.at_least(Severity::Warning),
            Threshold::Info => severity.at_least(Severity::Info),
            Threshold::Style | Threshold::Ignore | Threshold::None => true,
        }
    }
}

/// The output formats, by the names both tools accept (`tty` is hadolint's `text`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[serde(alias = "tty")]
    #[value(alias = "tty")]
    Text,
    Compact,
    Json,
    Sarif,
    Checkstyle,
    Junit,
    #[serde(alias = "gitlab_codeclimate", alias = "codeclimate")]
    #[value(alias = "gitlab_codeclimate", alias = "codeclimate")]
    Gitlab,
    Github,
    Gnu,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(default)]
    pub error: Vec<String>,
    #[serde(default)]
    pub warning: Vec<String>,
    #[serde(default)]
    pub info: Vec<String>,
    #[serde(default)]
    pub style: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A config file as written. Every key hadolint reads is accepted.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    failure_threshold: Option<Threshold>,
    format: Option<Format>,
    formats: Option<Vec<Format>>,
    ignored: Option<Vec<String>>,
    label_schema: Option<BTreeMap<String, LabelType>>,
    no_color: Option<bool>,
    no_fail: Option<bool>,
    verbose: Option<bool>,
    #[serde(rename = "override")]
    overrides: Option<Overrides>,
    strict_labels: Option<bool>,
    disable_ignore_pragma: Option<bool>,
    #[serde(rename = "trustedRegistries", alias = "trusted-registries")]
    trusted_registries: Option<OneOrMany>,
    /// layerlint only: run ShellCheck on RUN scripts when it is installed (default true).
    shellcheck: Option<bool>,
    /// Rules whose fixes `--fix` may apply (codes or aliases; default all).
    fixable: Option<Vec<String>>,
    /// Rules whose fixes `--fix` never applies.
    unfixable: Option<Vec<String>>,
}

/// Settings for one run, merged from a config file and the command line. Lists are
/// concatenated; for single values the command line wins.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub failure_threshold: Option<Threshold>,
    pub formats: Vec<Format>,
    pub ignored: Vec<String>,
    pub overrides: Overrides,
    pub label_schema: Vec<(String, LabelType)>,
    pub no_color: bool,
    pub no_fail: bool,
    pub verbose: bool,
    pub strict_labels: bool,
    pub disable_ignore_pragma: bool,
    pub trusted_registries: Vec<String>,
    pub shellcheck: Option<bool>,
    /// `fixable:` (None: every rule) and `unfixable:` from the config file.
    pub fixable: Option<Vec<String>>,
    pub unfixable: Vec<String>,
    /// The file these settings were read from, if any.
    pub source: Option<PathBuf>,
    /// `--build-arg K=V` from the command line (never from a config file): they set the
    /// declared ARGs, as in `docker build`, and `BUILDKIT_DOCKERFILE_CHECK` replaces the
    /// file's `# check=` directive.
    pub build_args: Vec<(String, String)>,
}

impl Settings {
    /// `self` (from a file) with `cli` on top.
    pub fn merged_with(&self, cli: &Settings) -> Settings {
        let cat = |a: &[String], b: &[String]| [a, b].concat();
        Settings {
            failure_threshold: cli.failure_threshold.or(self.failure_threshold),
            formats: [self.formats.as_slice(), cli.formats.as_slice()].concat(),
            ignored: cat(&self.ignored, &cli.ignored),
            overrides: Overrides {
                error: cat(&self.overrides.error, &cli.overrides.error),
                warning: cat(&self.overrides.warning, &cli.overrides.warning),
                info: cat(&self.overrides.info, &cli.overrides.info),
                style: cat(&self.overrides.style, &cli.overrides.style),
            },
            label_schema: [self.label_schema.as_slice(), cli.label_schema.as_slice()].concat(),
            no_color: self.no_color || cli.no_color,
            no_fail: self.no_fail || cli.no_fail,
            verbose: self.verbose || cli.verbose,
            strict_labels: self.strict_labels || cli.strict_labels,
            disable_ignore_pragma: self.disable_ignore_pragma || cli.disable_ignore_pragma,
            trusted_registries: cat(&self.trusted_registries, &cli.trusted_registries),
            shellcheck: cli.shellcheck.or(self.shellcheck),
            fixable: cli.fixable.clone().or_else(|| self.fixable.clone()),
            unfixable: cat(&self.unfixable, &cli.unfixable),
            source: self.source.clone(),
            build_args: cli.build_args.clone(),
        }
    }

    /// The severity a rule's findings get: the most severe override naming the rule by
    /// code or alias, else its default. `None` means the rule is off.
    pub fn severity_of(&self, meta: &rules::RuleMeta) -> Option<Severity> {
        let names = |list: &[String]| list.iter().any(|c| meta.is_named(c));
        let o = &self.overrides;
        // Asked for every rule of every file; most configurations override nothing.
        if o.error.is_empty() && o.warning.is_empty() && o.info.is_empty() && o.style.is_empty() {
            return (!meta.off_by_default).then_some(meta.default_severity);
        }
        if names(&o.error) {
            Some(Severity::Error)
        } else if names(&o.warning) {
            Some(Severity::Warning)
        } else if names(&o.info) {
            Some(Severity::Info)
        } else if names(&o.style) {
            Some(Severity::Style)
        } else if meta.off_by_default {
            None
        } else {
            Some(meta.default_severity)
        }
    }

    /// The severity of a code without rule metadata (ShellCheck's SC codes).
    pub fn override_for(&self, code: &str) -> Option<Severity> {
        let names = |list: &[String]| list.iter().any(|c| c.eq_ignore_ascii_case(code));
        let o = &self.overrides;
        [
            (&o.error, Severity::Error),
            (&o.warning, Severity::Warning),
            (&o.info, Severity::Info),
            (&o.style, Severity::Style),
        ]
        .into_iter()
        .find(|(list, _)| names(list))
        .map(|(_, s)| s)
    }

    /// Whether `--fix` may apply this rule's fixes (`fixable:` / `unfixable:`).
    pub fn may_fix(&self, code: &str) -> bool {
        let named = |list: &[String]| {
            list.iter().any(|c| c.eq_ignore_ascii_case(code))
                || rules::find(code).is_some_and(|r| list.iter().any(|c| r.meta.is_named(c)))
        };
        self.fixable.as_deref().is_none_or(named) && !named(&self.unfixable)
    }

    pub fn is_ignored(&self, code: &str) -> bool {
        // Asked of every finding: most configurations ignore nothing.
        if self.ignored.is_empty() {
            return false;
        }
        self.ignored.iter().any(|c| c.eq_ignore_ascii_case(code))
            || rules::find(code).is_some_and(|r| self.ignored.iter().any(|c| r.meta.is_named(c)))
    }
}

/// A config file that could not be used: which file, where, and why, on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Read and check one config file.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let error = |message: String| ConfigError {
        path: path.to_path_buf(),
        message,
    };
    let metadata = std::fs::metadata(path).map_err(|e| error(format!(" {}", io_reason(&e))))?;
    if metadata.len() > MAX_CONFIG_BYTES {
        return Err(error(" config file is larger than 1 MiB".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| error(format!(" {}", io_reason(&e))))?;
    let text = String::from_utf8(bytes).map_err(|_| error(" not valid UTF-8".into()))?;
    parse(&text).map_err(error).map(|mut s| {
        s.source = Some(path.to_path_buf());
        s
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Parse config text. Errors read `LINE:COL: message (key `k`)`, ready to follow a path.
pub fn parse(text: &str) -> Result<Settings, String> {
    if text.trim().is_empty() {
        return Ok(Settings::default());
    }
    let file: ConfigFile = serde_saphyr::from_str(text).map_err(|e| describe(&e, text))?;
    let mut ignored = file.ignored.unwrap_or_default();
    ignored.iter_mut().for_each(|c| *c = c.trim().to_string());
    Ok(Settings {
        failure_threshold: file.failure_threshold,
        formats: file
            .format
            .into_iter()
            .chain(file.formats.into_iter().flatten())
            .collect(),
        ignored,
        overrides: file.overrides.unwrap_or_default(),
        label_schema: file.label_schema.unwrap_or_default().into_iter().collect(),
        no_color: file.no_color.unwrap_or(false),
        no_fail: file.no_fail.unwrap_or(false),
        verbose: file.verbose.unwrap_or(false),
        strict_labels: file.strict_labels.unwrap_or(false),
        disable_ignore_pragma: file.disable_ignore_pragma.unwrap_or(false),
        trusted_registries: match file.trusted_registries {
            None => Vec::new(),
            Some(OneOrMany::One(s)) => vec![s],
            Some(OneOrMany::Many(v)) => v,
        },
        shellcheck: file.shellcheck,
        fixable: file.fixable,
        unfixable: file.unfixable.unwrap_or_default(),
        source: None,
        build_args: Vec::new(),
    })
}

/// serde-saphyr's first line, `error: line L column C: msg`, as `L:C: msg (key `k`)`.
fn describe(error: &serde_saphyr::Error, text: &str) -> String {
    let full = error.to_string();
    let first = full.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let Some(rest) = first.strip_prefix("line ") else {
        return format!(" {first}");
    };
    let mut parts = rest.splitn(2, ": ");
    let place = parts.next().unwrap_or("");
    let message = parts.next().unwrap_or("").trim();
    let (line, column) = place.split_once(" column ").unwrap_or((place, "1"));
    let key = line
        .parse::<usize>()
        .ok()
        .and_then(|l| key_at(text, l))
        .filter(|k| !message.contains(&format!("`{k}`")));
    match key {
        Some(k) => format!("{line}:{column}: {message} (key `{k}`)"),
        None => format!("{line}:{column}: {message}"),
    }
}

/// The mapping key governing a line: the nearest key at or above it.
fn key_at(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = line.min(lines.len()).checked_sub(1)?;
    loop {
        let l = lines[at].trim_start().trim_start_matches("- ");
        if let Some((k, _)) = l.split_once(':') {
            let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
            if !k.is_empty() && !k.starts_with('#') && !k.contains(' ') {
                return Some(k.to_string());
            }
        }
        at = at.checked_sub(1)?;
    }
}

/// The config file that applies to a Dockerfile in `dir`, if any: the first of
/// `FILE_NAMES` in it or a folder above, up to the top of its repository, else the user's.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    discover_shared(dir, &std::sync::Mutex::new(HashMap::default()))
}

/// Config files by folder, each read once; an explicit file (`--config`) answers for
/// every folder.
#[derive(Debug, Default)]
pub struct ConfigCache {
    explicit: Option<PathBuf>,
    loaded: HashMap<PathBuf, Settings>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    /// The current folder, asked once: a folder's key is its absolute path.
    cwd: Option<PathBuf>,
}

impl ConfigCache {
    pub fn new(explicit: Option<PathBuf>) -> Self {
        ConfigCache {
            explicit,
            loaded: HashMap::default(),
            by_dir: HashMap::default(),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// The settings for a Dockerfile in `dir`: its config file's, or the defaults.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Settings, ConfigError> {
        let Some(path) = self.path_for_dir(dir) else {
            return Ok(Settings::default());
        };
        if let Some(settings) = self.loaded.get(&path) {
            return Ok(settings.clone());
        }
        let settings = load(&path)?;
        self.loaded.insert(path, settings.clone());
        Ok(settings)
    }

    /// The config file that applies in `dir` (none: the defaults), without reading it.
    pub fn path_for_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        match &self.explicit {
            Some(path) => Some(path.clone()),
            None => {
                let absolute = self.absolute(dir);
                self.discover_cached(&absolute)
            }
        }
    }

    /// Search for the config files of many folders at once, on every core, so that the
    /// `for_dir` calls that follow only look up what was found.
    pub fn prime<'p>(&mut self, dirs: impl IntoIterator<Item = &'p Path>) {
        use rayon::prelude::*;
        if self.explicit.is_some() {
            return;
        }
        let mut unique: Vec<PathBuf> = dirs.into_iter().map(|d| self.absolute(d)).collect();
        unique.sort();
        unique.dedup();
        let memo = std::sync::Mutex::new(std::mem::take(&mut self.by_dir));
        unique.par_iter().for_each(|dir| {
            discover_shared(dir, &memo);
        });
        self.by_dir = memo.into_inner().unwrap_or_else(|p| p.into_inner());
    }

    /// `std::path::absolute` without asking the system for the current folder each time.
    fn absolute(&self, dir: &Path) -> PathBuf {
        let joined = match &self.cwd {
            Some(cwd) if dir.is_relative() => cwd.join(strip_leading_dots(dir)),
            _ => dir.to_path_buf(),
        };
        // A walk gives clean paths, which `absolute` would only copy, at some thousand
        // instructions a folder.
        if is_clean_absolute(&joined) {
            return joined;
        }
        std::path::absolute(&joined).unwrap_or(joined)
    }

    /// `discover`, remembering the answer for every folder on the way up, so that the
    /// siblings of a folder already searched cost one look each.
    fn discover_cached(&mut self, dir: &Path) -> Option<PathBuf> {
        let memo = std::sync::Mutex::new(std::mem::take(&mut self.by_dir));
        let found = discover_shared(dir, &memo);
        self.by_dir = memo.into_inner().unwrap_or_else(|p| p.into_inner());
        found
    }

    /// Forget every file read and every search made (a config file was created, edited or
    /// deleted), so that the next lookup reads the disk again.
    pub fn clear(&mut self) {
        self.loaded.clear();
        self.by_dir.clear();
    }
}

/// `dir` without its leading `./` (a walk of `.` writes it), which
/// `std::path::absolute` drops.
fn strip_leading_dots(dir: &Path) -> &Path {
    match dir.strip_prefix(".") {
        // `.` alone stays: the folder joined with nothing would gain a trailing slash.
        Ok(rest) if !rest.as_os_str().is_empty() => rest,
        _ => dir,
    }
}

/// Whether `std::path::absolute` returns `path` as it is: absolute, without empty or
/// `.` components (on Unix; elsewhere it is always asked).
fn is_clean_absolute(path: &Path) -> bool {
    if !cfg!(unix) || !path.is_absolute() {
        return false;
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let rest = &bytes[1..];
    !rest.is_empty()
        && rest
            .split(|&b| b == b'/')
            .all(|part| !part.is_empty() && part != b".")
}

/// `discover` with a memo of every folder on the way up, which threads may share: the
/// file system is asked outside the lock (two threads may ask about one folder; they
/// agree).
fn discover_shared(
    dir: &Path,
    memo: &std::sync::Mutex<HashMap<PathBuf, Option<PathBuf>>>,
) -> Option<PathBuf> {
    if let Some(found) = memo.lock().unwrap_or_else(|p| p.into_inner()).get(dir) {
        return found.clone();
    }
    let found = FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|candidate| candidate.is_file())
        .or_else(|| match dir.parent() {
            _ if dir.join(".git").exists() => user_config(),
            Some(parent) => discover_shared(parent, memo),
            None => user_config(),
        });
    memo.lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(dir.to_path_buf(), found.clone());
    found
}

/// The user's own config: `$XDG_CONFIG_HOME` (or `~/.config`), then hadolint's places.
fn user_config() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let mut candidates = Vec::new();
    if let Some(x) = &xdg {
        candidates.extend([
            x.join("layerlint/config.yaml"),
            x.join("layerlint.yaml"),
            x.join("hadolint.yaml"),
            x.join("hadolint.yml"),
        ]);
    }
    if let Some(h) = &home {
        candidates.extend([
            h.join(".hadolint/hadolint.yaml"),
            h.join(".hadolint/hadolint.yml"),
            h.join(".hadolint/config.yaml"),
            h.join(".hadolint/config.yml"),
            h.join(".hadolint.yaml"),
            h.join(".hadolint.yml"),
        ]);
    }
    candidates.into_iter().find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder's key is what `std::path::absolute` makes of it joined to the current
    /// folder, byte for byte (config paths found from it are shown), whether the quick
    /// way or the standard one answers.
    #[test]
    fn folder_keys_are_the_standard_absolute_paths() {
        let cache = ConfigCache::new(None);
        let cwd = cache.cwd.clone().expect("a current folder");
        for dir in [
            ".", "./", "./a", "././a", "a", "a/", "a/./b", "a//b", "./a/../b", "..", "../a", "/",
            "/a", "/a/", "/a/.", "/a/./b", "//a", "/a//b", "/a/../b", "/.a", "/a.", "/a/.b/c",
        ] {
            let dir = Path::new(dir);
            let expected = std::path::absolute(cwd.join(dir)).unwrap();
            // As text: paths that compare equal by component may still show differently.
            assert_eq!(
                cache.absolute(dir).as_os_str(),
                expected.as_os_str(),
                "{}",
                dir.display()
            );
        }
    }

    #[test]
    fn hadolint_keys() {
        let s = parse(
            "ignored: [DL3008, SC2086]\noverride:\n  error: [DL3001]\ntrustedRegistries: docker.io\nfailure-threshold: warning\nformat: tty\nlabel-schema:\n  author: text\n  url: url\nstrict-labels: true\n",
        )
        .unwrap();
        assert_eq!(s.ignored, ["DL3008", "SC2086"]);
        assert_eq!(s.overrides.error, ["DL3001"]);
        assert_eq!(s.trusted_registries, ["docker.io"]);
        assert_eq!(s.failure_threshold, Some(Threshold::Warning));
        assert_eq!(s.formats, [Format::Text]);
        assert_eq!(s.label_schema.len(), 2);
        assert!(s.strict_labels);
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = parse("ignored: [DL3000]\nfoo: 1\n").unwrap_err();
        assert!(e.starts_with("2:1: unknown field `foo`"), "{e}");
        let e = parse("failure-threshold: loud\n").unwrap_err();
        assert!(e.starts_with("1:"), "{e}");
        assert!(e.contains("failure-threshold"), "{e}");
        let e = parse("override:\n  error: DL3000\n").unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
        assert!(e.contains("`error`"), "{e}");
    }

    #[test]
    fn threshold_semantics_follow_hadolint() {
        assert!(!Threshold::Info.fails_on(Severity::Style));
        assert!(Threshold::Info.fails_on(Severity::Warning));
        assert!(Threshold::None.fails_on(Severity::Style));
        assert!(!Threshold::Error.fails_on(Severity::Warning));
    }
}
