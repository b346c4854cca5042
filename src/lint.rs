//! One file through the whole pipeline: parse, model, rules, suppression, severities,
//! sorted diagnostics.

use crate::config::Settings;
use crate::context::{BuildContext, DockerIgnore};
use crate::diagnostics::{Diagnostic, SYNTAX_ERROR_CODE, Severity};
use crate::model::{CheckProblem, Model, Scope};
use crate::rules::{self, Context, RULES, Reporter, Rule};
use crate::syntax::{self, Dockerfile, ParsedFile};

/// A file's findings, with its text and tree.
pub struct LintResult {
    pub file: ParsedFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl LintResult {
    pub fn dockerfile(&self) -> &Dockerfile<'_> {
        self.file.tree()
    }
}

/// Lint with default settings and no build context.
pub fn lint(source: &str) -> LintResult {
    lint_with(source, &Settings::default())
}

pub fn lint_with(source: &str, settings: &Settings) -> LintResult {
    lint_in_context(source, settings, None)
}

/// Lint a Dockerfile whose build context has the given ignore file (the context's
/// files themselves unknown).
pub fn lint_in_context(
    source: &str,
    settings: &Settings,
    dockerignore: Option<&DockerIgnore>,
) -> LintResult {
    lint_with_build_context(source, settings, dockerignore, None)
}

/// Lint a Dockerfile with its build context on disk, which the layer rules read.
pub fn lint_with_build_context(
    source: impl Into<String>,
    settings: &Settings,
    dockerignore: Option<&DockerIgnore>,
    build: Option<&BuildContext>,
) -> LintResult {
    // A caller that owns the text hands it over; a borrowed one is copied once.
    let file = ParsedFile::parse(source.into());
    let diagnostics = lint_tree(file.tree(), settings, dockerignore, build);
    LintResult { file, diagnostics }
}

/// The findings of a parsed Dockerfile.
pub fn lint_tree(
    dockerfile: &Dockerfile<'_>,
    settings: &Settings,
    dockerignore: Option<&DockerIgnore>,
    build: Option<&BuildContext>,
) -> Vec<Diagnostic> {
    // Some other file (`/etc/services`) gets one error that says so, not one a line.
    if let Some(first) = dockerfile.instructions.first()
        && dockerfile.is_not_a_dockerfile()
    {
        return vec![syntax_error(
            first.keyword_word.span,
            NOT_A_DOCKERFILE.into(),
        )];
    }
    let mut diagnostics: Vec<Diagnostic> = dockerfile
        .errors
        .iter()
        .map(|e| {
            let mut d = syntax_error(e.span, e.message.clone());
            let text = dockerfile
                .source
                .get(e.span.start..e.span.end)
                .unwrap_or("");
            d.fix = did_you_mean(text, e.span, &e.message);
            d
        })
        .collect();
    let model = Model::build_with_args(dockerfile, &settings.build_args);
    // BuildKit refuses a build whose `# check=` options do not parse.
    for problem in &model.checks.problems {
        let CheckProblem::Invalid { span, message } = problem;
        diagnostics.push(syntax_error(*span, message.clone()));
    }
    let cx = Context {
        dockerfile,
        model: &model,
        settings,
        dockerignore: dockerignore.or(build.and_then(|b| b.ignore)),
        build,
    };
    for rule in RULES {
        let Some(severity) = enabled_severity(rule, &model, settings) else {
            continue;
        };
        let first = diagnostics.len();
        (rule.check)(&cx, &mut Reporter::new(&rule.meta, &mut diagnostics));
        // The flag first: naming a BuildKit check scans their list, for every rule of
        // every file, and `# check=error=true` is rare.
        let error = model.checks.file.error && rule.meta.is_buildkit_check();
        for d in &mut diagnostics[first..] {
            d.severity = if error { Severity::Error } else { severity };
            // An override naming the peer check the finding is re-rates it alone.
            if let Some(peer) = d.peers.iter().find_map(|p| settings.override_for(p)) {
                d.severity = peer;
            }
        }
        // An experimental check enabled only above some instructions reports only there.
        if rule.meta.experimental && settings.severity_of(&rule.meta).is_none() {
            let file_wide = model.checks.file.enables(|n| rule.meta.is_named(n));
            let mut kept = diagnostics.split_off(first);
            kept.retain(|d| {
                file_wide
                    || instruction_options(&model, d)
                        .is_some_and(|o| o.enables(|n| rule.meta.is_named(n)))
            });
            diagnostics.extend(kept);
        }
    }
    let suppressions = Suppressions::new(&model, settings);
    diagnostics.retain(|d| !suppressions.suppresses(d));
    let mut diagnostics = one_per_instruction(diagnostics, dockerfile);
    sort(&mut diagnostics);
    diagnostics
}

/// How many of a finding's places its message names before "and N more".
const NAMED_PLACES: usize = 5;

/// hadolint reports a rule once per instruction: one RUN installing twenty unpinned
/// packages is one DL3018, not twenty. The DL and ShellCheck findings of one code in one
/// instruction become one, at the first place, with the others as related places, a
/// message that names them all, and their fixes joined when they can be applied
/// together. (hadolint keeps a single ShellCheck finding per RUN, whatever its code; we
/// keep one per code.) BuildKit's checks and our own rules keep a finding per place, as
/// BuildKit does.
pub(crate) fn one_per_instruction(
    diagnostics: Vec<Diagnostic>,
    df: &Dockerfile,
) -> Vec<Diagnostic> {
    use foldhash::HashMap;
    use std::collections::hash_map::Entry;
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    // Sized once: growing it, rehashing each time, cost more than the lookups.
    let mut first: HashMap<(std::borrow::Cow<'static, str>, usize), usize> =
        HashMap::with_capacity_and_hasher(diagnostics.len(), Default::default());
    let mut merged: Vec<usize> = Vec::new();
    for d in diagnostics {
        let merged_code =
            (d.code.starts_with("DL") && d.code != SYNTAX_ERROR_CODE) || d.code.starts_with("SC");
        let key = merged_code
            .then(|| df.instruction_at(d.span.start))
            .flatten()
            .map(|i| (d.code.clone(), i));
        let Some(key) = key else {
            out.push(d);
            continue;
        };
        match first.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(out.len());
                out.push(d);
            }
            Entry::Occupied(slot) => {
                let at = *slot.get();
                if !merged.contains(&at) {
                    merged.push(at);
                }
                absorb(&mut out[at], d);
            }
        }
    }
    for at in merged {
        let d = &mut out[at];
        d.related.sort_by_key(|r| (r.start, r.end));
        let words: Vec<String> = std::iter::once(d.span)
            .chain(d.related.iter().copied())
            .map(|span| {
                let text = df.text(span).lines().next().unwrap_or("").trim();
                let short: String = text.chars().take(40).collect();
                format!("`{short}`")
            })
            .collect();
        let count = words.len();
        let mut named = words[..count.min(NAMED_PLACES)].join(", ");
        if count > NAMED_PLACES {
            named.push_str(&format!(" and {} more", count - NAMED_PLACES));
        }
        d.message = format!("{} ({count} in this instruction: {named})", d.message);
    }
    out
}

/// Fold `other` (the same rule, the same instruction) into `primary`.
fn absorb(primary: &mut Diagnostic, mut other: Diagnostic) {
    if other.span.start < primary.span.start {
        std::mem::swap(&mut primary.span, &mut other.span);
    }
    primary.related.push(other.span);
    primary.related.extend(other.related);
    match (&mut primary.fix, other.fix) {
        (Some(fix), Some(more))
            if fix.applicability == more.applicability
                && !more
                    .edits
                    .iter()
                    .any(|e| fix.edits.iter().any(|f| f.overlaps(e))) =>
        {
            fix.edits.extend(more.edits);
            fix.edits.sort_by_key(|e| (e.span.start, e.span.end));
        }
        // The rest waits: `--fix` lints again after each pass.
        (Some(_), Some(_)) => {}
        (fix @ None, more) => *fix = more,
        (Some(_), None) => {}
    }
}

/// The one error of a file with no instruction BuildKit knows.
pub const NOT_A_DOCKERFILE: &str =
    "not a Dockerfile: no FROM, and most lines are no instruction BuildKit knows";

fn syntax_error(span: syntax::Span, message: String) -> Diagnostic {
    Diagnostic {
        code: SYNTAX_ERROR_CODE.into(),
        severity: Severity::Error,
        message,
        span,
        fix: None,
        peers: &[],
        related: Vec::new(),
    }
}

/// For an unknown instruction or flag with a "did you mean": the fix that writes the
/// suggestion (unsafe: it is a guess). `text` is the source at the error's span.
fn did_you_mean(text: &str, span: syntax::Span, message: &str) -> Option<crate::diagnostics::Fix> {
    let (head, rest) = message.split_once(" (did you mean ")?;
    let suggestion = rest.strip_suffix("?)")?;
    let (written, suggestion) = if let Some(name) = head.strip_prefix("unknown instruction: ") {
        let at = text.find(name).filter(|&i| i == 0)?;
        let lower = text[at..at + name.len()]
            .chars()
            .all(|c| !c.is_ascii_uppercase());
        let suggestion = if lower {
            suggestion.to_lowercase()
        } else {
            suggestion.to_string()
        };
        ((at, name.len()), suggestion)
    } else {
        let name = head.strip_prefix("unknown flag: ")?;
        let at = text.find(name)?;
        ((at, name.len()), suggestion.to_string())
    };
    Some(crate::diagnostics::Fix {
        message: format!("write `{suggestion}`"),
        applicability: crate::diagnostics::Applicability::Unsafe,
        edits: vec![crate::diagnostics::Edit {
            span: syntax::Span::new(span.start + written.0, span.start + written.0 + written.1),
            replacement: suggestion,
        }],
    })
}

/// The severity a rule reports at, or `None` when it is off. Experimental BuildKit checks
/// run when a `# check=experimental=` line names them.
fn enabled_severity(rule: &Rule, model: &Model, settings: &Settings) -> Option<Severity> {
    settings.severity_of(&rule.meta).or_else(|| {
        let named = |n: &str| rule.meta.is_named(n);
        let enabled = rule.meta.experimental
            && (model.checks.file.enables(named)
                || model
                    .checks
                    .per_instruction
                    .iter()
                    .any(|(_, o)| o.enables(named)));
        enabled.then_some(rule.meta.default_severity)
    })
}

/// The `# check=` options of the instruction a finding is in.
fn instruction_options<'m>(
    model: &'m Model,
    d: &Diagnostic,
) -> Option<&'m crate::model::CheckOptions> {
    let index = model.dockerfile.instruction_at(d.span.start)?;
    model.checks.for_instruction(index)
}

/// Findings in source order, then by code; findings with the same place and code keep
/// the order their rules reported them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    sort_moving_once(diagnostics, |a, b| {
        (a.span.start, &a.code).cmp(&(b.span.start, &b.code))
    });
}

/// A stable sort that moves each item about once: the positions are sorted (a stable
/// sort of small integers), then the items are put in place along the permutation's
/// cycles. A finding is some 170 bytes, which a stable sort of the findings themselves
/// copies once for every level of its merges.
fn sort_moving_once<T>(items: &mut [T], compare: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if items.is_sorted_by(|a, b| compare(a, b).is_le()) {
        return;
    }
    // `order[at]` is the position of the item that belongs at `at`.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| compare(&items[a], &items[b]));
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != usize::MAX {
            let from = std::mem::replace(&mut order[at], usize::MAX);
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Whether the configuration, a `# check=skip=` line or an inline pragma silences a
/// finding. Syntax errors are never silenced: the file does not build. For many findings
/// of one file, build `Suppressions` once instead.
pub fn is_suppressed(d: &Diagnostic, model: &Model, settings: &Settings) -> bool {
    Suppressions::new(model, settings).suppresses(d)
}

/// The pragmas of one file, indexed so that each finding is looked up, not searched for:
/// the cost of suppression stays linear in the findings.
pub struct Suppressions<'m> {
    model: &'m Model<'m>,
    /// The codes of `# hadolint global ignore=`, upper-cased, each as written and as the
    /// registry spells it: a finding looks its own names up, however many there are.
    global: foldhash::HashSet<String>,
    /// The settings' ignore list, each name as written and as the registry spells it:
    /// asked of every finding, it is compared with the finding's names, not searched
    /// with the registry for each (as `Settings::is_ignored` does). Lists are short, and
    /// a comparison of names of other lengths stops at once.
    ignored: Vec<String>,
    /// By instruction index: the codes its `# hadolint ignore=` names.
    instruction: foldhash::HashMap<usize, Vec<&'m str>>,
    /// By the index of a stage's FROM: the codes its `# hadolint stage ignore=` names.
    stages: foldhash::HashMap<usize, Vec<&'m str>>,
    /// (start, index) of every FROM, in source order.
    froms: Vec<(usize, usize)>,
    /// No ignore list, pragma or `# check=skip=` line: nothing is silenced (most files),
    /// and no finding needs to be looked up.
    silences_nothing: bool,
    /// The last code looked up in the registry, and its rule: a rule's findings come
    /// one after another, so most lookups are this one again.
    last_rule: std::cell::Cell<Option<(&'static str, Option<&'static rules::Rule>)>>,
}

/// Whether `set`, of upper-cased names, holds `name` upper-cased: a name as short as a
/// rule's code or alias is upper-cased on the stack, not into a new string per finding.
fn holds_upper_cased(set: &foldhash::HashSet<String>, name: &str) -> bool {
    let mut buffer = [0u8; 64];
    let Some(upper) = buffer.get_mut(..name.len()) else {
        return set.contains(&name.to_ascii_uppercase());
    };
    upper.copy_from_slice(name.as_bytes());
    upper.make_ascii_uppercase();
    // ASCII upper-casing leaves every other byte as it was, so the text stays UTF-8.
    std::str::from_utf8(upper).is_ok_and(|upper| set.contains(upper))
}

impl<'m> Suppressions<'m> {
    pub fn new(model: &'m Model<'m>, settings: &'m Settings) -> Self {
        let instructions = &model.dockerfile.instructions;
        let mut global = foldhash::HashSet::default();
        let mut ignored: Vec<String> = Vec::with_capacity(2 * settings.ignored.len());
        for code in &settings.ignored {
            for name in [code.as_str(), &rules::registry::canonical_name(code)] {
                if !ignored.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    ignored.push(name.to_string());
                }
            }
        }
        let mut instruction: foldhash::HashMap<usize, Vec<&str>> = Default::default();
        let mut stages: foldhash::HashMap<usize, Vec<&str>> = Default::default();
        if !settings.disable_ignore_pragma {
            for p in &model.pragmas.ignores {
                let codes = p.codes.iter().map(String::as_str);
                match p.scope {
                    Scope::Global => {
                        for code in codes {
                            global.insert(code.to_ascii_uppercase());
                            global
                                .insert(rules::registry::canonical_name(code).to_ascii_uppercase());
                        }
                    }
                    Scope::Instruction(i) => instruction.entry(i).or_default().extend(codes),
                    Scope::Stage(from) => stages.entry(from).or_default().extend(codes),
                }
            }
        }
        let froms = instructions
            .iter()
            .enumerate()
            .filter(|(_, i)| i.keyword == syntax::Keyword::From)
            .map(|(n, i)| (i.span.start, n))
            .collect();
        let checks = &model.checks;
        let skips_nothing = |o: &crate::model::CheckOptions| !o.skip_all && o.skip.is_empty();
        let silences_nothing = settings.ignored.is_empty()
            && global.is_empty()
            && instruction.is_empty()
            && stages.is_empty()
            && skips_nothing(&checks.file)
            && checks.per_instruction.iter().all(|(_, o)| skips_nothing(o));
        Suppressions {
            model,
            global,
            ignored,
            instruction,
            stages,
            froms,
            silences_nothing,
            last_rule: std::cell::Cell::new(None),
        }
    }

    /// `rules::find` of a finding's code, remembered for the next finding.
    fn rule_of(&self, d: &Diagnostic) -> Option<&'static rules::Rule> {
        let std::borrow::Cow::Borrowed(code) = d.code else {
            return rules::find(&d.code);
        };
        if let Some((last, rule)) = self.last_rule.get()
            && std::ptr::eq(last, code)
        {
            return rule;
        }
        let rule = rules::find(code);
        self.last_rule.set(Some((code, rule)));
        rule
    }

    pub fn suppresses(&self, d: &Diagnostic) -> bool {
        if self.silences_nothing || d.code == SYNTAX_ERROR_CODE {
            return false;
        }
        let rule = self.rule_of(d);
        if !self.ignored.is_empty() {
            // What `is_ignored` matches for the code and each peer: the name itself, and
            // the code and aliases of the rule it names.
            let ignores = |name: &str| self.ignored.iter().any(|c| c.eq_ignore_ascii_case(name));
            let ignores_rule =
                |r: &rules::Rule| ignores(r.meta.code) || r.meta.aliases.iter().any(|a| ignores(a));
            if ignores(&d.code)
                || rule.is_some_and(ignores_rule)
                || d.peers
                    .iter()
                    .any(|p| ignores(p) || rules::find(p).is_some_and(ignores_rule))
            {
                return true;
            }
        }
        let names = |code: &str| {
            code.eq_ignore_ascii_case(&d.code)
                || rule.is_some_and(|r| r.meta.is_named(code))
                || d.peers.iter().any(|p| p.eq_ignore_ascii_case(code))
        };
        // `# check=skip=` is BuildKit's own configuration, not a pragma: it always applies.
        // Whether the rule is a BuildKit check is asked only under `skip=all`.
        let skipped = |o: &crate::model::CheckOptions| {
            (o.skip_all && rule.is_some_and(|r| r.meta.is_buildkit_check())) || o.skips(names)
        };
        let at = d.span.start;
        // The finding's instruction and those of its related places, looked up once for
        // their `# check=` lines and pragmas.
        let df = self.model.dockerfile;
        // Found once, inline: this runs for every finding, and most have no related place.
        let mut indexes: smallvec::SmallVec<[usize; 4]> = smallvec::SmallVec::new();
        indexes.extend(df.instruction_at(at));
        if !d.related.is_empty() {
            indexes.extend(d.related.iter().filter_map(|r| df.instruction_at(r.start)));
        }
        // The `# check=` options that apply: the file's, and those above the instructions.
        let options: smallvec::SmallVec<[&crate::model::CheckOptions; 4]> =
            std::iter::once(&self.model.checks.file)
                .chain(
                    indexes
                        .iter()
                        .filter_map(|&i| self.model.checks.for_instruction(i)),
                )
                .collect();
        // An experimental check that a `# check=experimental=` line turns on runs whatever
        // `skip` says, as in BuildKit's linter (`Linter.Run` asks `skip` only of the others).
        let enabled_by_check = rule.is_some_and(|r| {
            r.meta.experimental && options.iter().any(|o| o.enables(|n| r.meta.is_named(n)))
        });
        if !enabled_by_check && options.iter().any(|o| skipped(o)) {
            return true;
        }
        if !self.global.is_empty() {
            let mut own = std::iter::once(&*d.code)
                .chain(rule.iter().flat_map(|r| r.meta.aliases.iter().copied()))
                .chain(d.peers.iter().copied());
            if own.any(|n| holds_upper_cased(&self.global, n)) {
                return true;
            }
        }
        if indexes.iter().any(|index| {
            self.instruction
                .get(index)
                .is_some_and(|codes| codes.iter().any(|c| names(c)))
        }) {
            return true;
        }
        // The stage of a finding: from its FROM up to the next FROM.
        let after = self.froms.partition_point(|(start, _)| *start <= at);
        after
            .checked_sub(1)
            .and_then(|k| self.stages.get(&self.froms[k].1))
            .is_some_and(|codes| codes.iter().any(|c| names(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::{Model, Settings, Suppressions, holds_upper_cased, sort_moving_once};
    use crate::syntax::Span;

    /// The same order as the standard library's stable sort, ties in their first order,
    /// on every arrangement of a few items with repeated keys and on longer pseudo-random
    /// lists.
    #[test]
    fn sorting_along_cycles_is_a_stable_sort() {
        let mut lists: Vec<Vec<(u8, usize)>> = Vec::new();
        for n in 0..=6usize {
            for code in 0..4usize.pow(n as u32) {
                let keys = (0..n).map(|i| ((code >> (2 * i)) & 3) as u8);
                lists.push(keys.zip(0..).collect());
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in [50, 333, 1000] {
            lists.push(
                (0..len)
                    .map(|i| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        ((state % 7) as u8, i)
                    })
                    .collect(),
            );
        }
        for list in lists {
            let mut expected = list.clone();
            expected.sort_by_key(|item| item.0);
            let mut ours = list.clone();
            sort_moving_once(&mut ours, |a, b| a.0.cmp(&b.0));
            assert_eq!(ours, expected, "{list:?}");
        }
    }

    /// The ignore list, compared with a finding's names, drops exactly the findings that
    /// `Settings::is_ignored` names by their code or a peer: for every rule, each of its
    /// peers alone and all at once, under every name the registry knows in two letter
    /// cases, Trivy's older spellings and ShellCheck codes.
    #[test]
    fn ignore_list_lookup_matches_is_ignored() {
        use crate::diagnostics::{Diagnostic, Severity};
        use crate::rules::RULES;
        let tree = crate::syntax::parse("FROM alpine\nRUN true\n");
        let model = Model::build(&tree);
        let mut names: Vec<String> = vec!["SC2086".into(), "sc2086".into(), "DS002".into()];
        names.extend(["AVD-DS-0002", "ds-0001", "DS1", "nonsense"].map(String::from));
        for rule in RULES.iter() {
            let meta = &rule.meta;
            for name in std::iter::once(meta.code)
                .chain(meta.aliases.iter().copied())
                .chain(meta.peer_checks.iter().copied())
            {
                names.push(name.to_string());
                names.push(name.to_ascii_lowercase());
            }
        }
        let mut checked = 0;
        for rule in RULES.iter() {
            let meta = &rule.meta;
            let peer_sets = std::iter::once(&[][..])
                .chain(meta.peer_checks.chunks(1))
                .chain(std::iter::once(meta.peer_checks));
            for peers in peer_sets {
                // A `'static` slice, as a rule's report gives.
                let peers: &'static [&'static str] = Box::leak(peers.to_vec().into_boxed_slice());
                let finding = Diagnostic {
                    code: meta.code.into(),
                    severity: Severity::Warning,
                    message: String::new(),
                    span: Span::new(12, 20),
                    fix: None,
                    peers,
                    related: Vec::new(),
                };
                for name in &names {
                    let settings = Settings {
                        ignored: vec![name.clone()],
                        ..Settings::default()
                    };
                    let expected = settings.is_ignored(&finding.code)
                        || peers.iter().any(|p| settings.is_ignored(p));
                    let ours = Suppressions::new(&model, &settings).suppresses(&finding);
                    assert_eq!(ours, expected, "{} {peers:?} ignoring {name}", meta.code);
                    checked += usize::from(expected);
                }
            }
        }
        assert!(
            checked > RULES.len(),
            "only {checked} ignored findings were compared"
        );
    }

    /// A name is found in any letter case, as upper-casing it into a new string would
    /// find it, whether it fits the stack buffer or not.
    #[test]
    fn upper_cased_lookup_matches_allocating_lookup() {
        let long = "x".repeat(100);
        let set: foldhash::HashSet<String> = ["DL3008", "MISSING-CACHE-MOUNT", "É-RULE"]
            .into_iter()
            .map(String::from)
            .chain([long.to_ascii_uppercase()])
            .collect();
        for name in [
            "DL3008",
            "dl3008",
            "Dl3008",
            "missing-cache-mount",
            "é-rule",
            "É-rule",
            "DL300",
            "DL30088",
            "",
            &long,
            &"y".repeat(100),
            &"x".repeat(64),
        ] {
            assert_eq!(
                holds_upper_cased(&set, name),
                set.contains(&name.to_ascii_uppercase()),
                "{name}"
            );
        }
        assert!(holds_upper_cased(&set, "dl3008") && holds_upper_cased(&set, &long));
    }
}
