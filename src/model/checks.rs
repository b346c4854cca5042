//! BuildKit's `# check=` configuration: the directive at the top of the file
//! (`# check=skip=Rule1,Rule2;error=true;experimental=all`) and, since Dockerfile syntax
//! 1.21, a `# check=` line in the comment block right above an instruction, which applies
//! to that instruction only (its `skip` and `experimental` add to the file's; `error` is
//! not merged, as in BuildKit).

use crate::syntax::{Dockerfile, Span};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckOptions {
    pub skip_all: bool,
    /// Rule names to skip, each with where it is written.
    pub skip: Vec<(String, Span)>,
    /// `error=true`: findings of BuildKit's checks fail the build.
    pub error: bool,
    pub experimental_all: bool,
    pub experimental: Vec<(String, Span)>,
}

impl CheckOptions {
    pub fn skips(&self, is_named: impl Fn(&str) -> bool) -> bool {
        self.skip.iter().any(|(n, _)| is_named(n))
    }

    pub fn enables(&self, is_named: impl Fn(&str) -> bool) -> bool {
        self.experimental_all || self.experimental.iter().any(|(n, _)| is_named(n))
    }
}

/// Something wrong in a `# check=` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckProblem {
    /// BuildKit refuses the build: an unknown option or a value that does not parse.
    Invalid { span: Span, message: String },
}

#[derive(Clone, Debug, Default)]
pub struct Checks {
    pub file: CheckOptions,
    /// (instruction index, options of the `# check=` line above it).
    pub per_instruction: Vec<(usize, CheckOptions)>,
    pub problems: Vec<CheckProblem>,
}

impl Checks {
    pub fn read(dockerfile: &Dockerfile) -> Checks {
        let mut checks = Checks::default();
        if let Some(directive) = dockerfile.directive("check") {
            checks.file = parse(
                &directive.value.value,
                directive.value.span,
                &mut checks.problems,
            );
        }
        for (index, instruction) in dockerfile.instructions.iter().enumerate() {
            // Only the first `check=` line of the block counts.
            // The directive lines at the top are comments too, but they configure the file.
            let directive_lines: Vec<Span> = dockerfile.directives.iter().map(|d| d.span).collect();
            let line = instruction
                .comments
                .iter()
                .filter(|c| {
                    !directive_lines
                        .iter()
                        .any(|d| d.start <= c.span.start && c.span.start < d.end.max(d.start + 1))
                })
                .find_map(|c| {
                    let rest = c
                        .value
                        .strip_prefix("check")?
                        .trim_start()
                        .strip_prefix('=')?;
                    let rest_trimmed = rest.trim_start();
                    let text_start =
                        c.span.start + dockerfile.text(c.span).find(c.value.as_ref())?;
                    Some((
                        rest_trimmed,
                        text_start + c.value.len() - rest_trimmed.len(),
                    ))
                });
            if let Some((text, at)) = line {
                // As BuildKit's `WithMergedConfigFromComments`: the value ends at the first
                // space (`# check=skip=X // why` skips X), and a line that does not parse
                // changes nothing (it is a comment, not a directive that fails the build).
                let text = text.split(' ').next().unwrap_or_default();
                let span = Span::new(at, at + text.len());
                let mut problems = Vec::new();
                let options = parse(text, span, &mut problems);
                if problems.is_empty() {
                    checks.per_instruction.push((index, options));
                }
            }
        }
        checks
    }

    /// The file's options from the `BUILDKIT_DOCKERFILE_CHECK` build argument, which
    /// replaces the `# check=` directive entirely. It is not in the file, so its names
    /// and problems point at the file's start.
    pub fn replace_file_options(&mut self, value: &str) {
        let mut problems = Vec::new();
        let mut options = parse(value.trim(), Span::new(0, 0), &mut problems);
        for (_, span) in options
            .skip
            .iter_mut()
            .chain(options.experimental.iter_mut())
        {
            *span = Span::new(0, 0);
        }
        self.file = options;
        // Only the directive ever records problems (a bad per-instruction line is
        // ignored), and the build argument replaces it.
        self.problems.clear();
        for problem in problems {
            let CheckProblem::Invalid { message, .. } = problem;
            self.problems.push(CheckProblem::Invalid {
                span: Span::new(0, 0),
                message: format!("BUILDKIT_DOCKERFILE_CHECK: {message}"),
            });
        }
    }

    /// Every rule name written in a `skip=` or `experimental=` list, with its place.
    pub fn names(&self) -> impl Iterator<Item = &(String, Span)> {
        std::iter::once(&self.file)
            .chain(self.per_instruction.iter().map(|(_, o)| o))
            .flat_map(|o| o.skip.iter().chain(&o.experimental))
    }

    /// The options of the `# check=` line above an instruction, if any.
    pub fn for_instruction(&self, index: usize) -> Option<&CheckOptions> {
        // Built in instruction order, so sorted by index.
        self.per_instruction
            .binary_search_by_key(&index, |(i, _)| *i)
            .ok()
            .map(|at| &self.per_instruction[at].1)
    }
}

/// Parse `skip=a,b;error=true;experimental=all`. `span` covers `text` in the source.
fn parse(text: &str, span: Span, problems: &mut Vec<CheckProblem>) -> CheckOptions {
    let mut options = CheckOptions::default();
    let base = span.start;
    let mut at = 0;
    // As BuildKit's `ParseLintOptions`: at most three `;`-separated parts.
    for part in text.splitn(3, ';') {
        let part_start = base + at;
        at += part.len() + 1;
        if part.is_empty() {
            continue;
        }
        let Some((key, val)) = part.split_once('=') else {
            problems.push(CheckProblem::Invalid {
                span: Span::new(part_start, part_start + part.len()),
                message: format!("invalid check option {part:?}: expected key=value"),
            });
            continue;
        };
        let val_start = part_start + key.len() + 1;
        let names = || {
            let mut out = Vec::new();
            let mut offset = val_start;
            for raw in val.split(',') {
                let name = raw.trim();
                let lead = raw.len() - raw.trim_start().len();
                if !name.is_empty() {
                    out.push((
                        name.to_string(),
                        Span::new(offset + lead, offset + lead + name.len()),
                    ));
                }
                offset += raw.len() + 1;
            }
            out
        };
        match key.trim() {
            "skip" if val.trim() == "all" => options.skip_all = true,
            "skip" => options.skip = names(),
            "experimental" if val.trim() == "all" => options.experimental_all = true,
            "experimental" => options.experimental = names(),
            "error" => match parse_go_bool(val.trim()) {
                Some(b) => options.error = b,
                None => problems.push(CheckProblem::Invalid {
                    span: Span::new(val_start, val_start + val.len()),
                    message: format!("invalid check option error={val:?}: expected true or false"),
                }),
            },
            other => problems.push(CheckProblem::Invalid {
                span: Span::new(part_start, part_start + key.len()),
                message: format!(
                    "invalid check option {other:?} (expected skip, error or experimental)"
                ),
            }),
        }
    }
    options
}

/// Go's `strconv.ParseBool`.
fn parse_go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse as parse_dockerfile;

    #[test]
    fn directive_options() {
        let df = parse_dockerfile(
            "# check=skip=StageNameCasing, JSONArgsRecommended;error=true\nFROM a:1\n",
        );
        let checks = Checks::read(&df);
        assert!(checks.file.error);
        let names: Vec<&str> = checks.file.skip.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["StageNameCasing", "JSONArgsRecommended"]);
        assert!(checks.problems.is_empty(), "{:?}", checks.problems);
        let (_, span) = &checks.file.skip[1];
        assert_eq!(df.text(*span), "JSONArgsRecommended");
    }

    #[test]
    fn problems_are_reported_where_written() {
        let df = parse_dockerfile("# check=skip=StageNameCasin;error=maybe;color=red\nFROM a:1\n");
        let checks = Checks::read(&df);
        assert_eq!(checks.problems.len(), 2, "{:?}", checks.problems);
        let CheckProblem::Invalid { span, message } = &checks.problems[1];
        assert_eq!(df.text(*span), "color");
        assert!(message.contains("invalid check option"));
        let (name, span) = checks.names().next().unwrap();
        assert_eq!(name, "StageNameCasin");
        assert_eq!(df.text(*span), "StageNameCasin");
    }

    #[test]
    fn placement() {
        // Not at the top: a comment, not a directive.
        let df = parse_dockerfile("# hello\n# check=skip=all\nFROM a:1\n");
        let checks = Checks::read(&df);
        assert!(!checks.file.skip_all);
        // ...but it is a per-instruction line for the FROM below it.
        assert!(checks.for_instruction(0).is_some_and(|o| o.skip_all));
        // An empty `#` line ends the block; only the first check= line of a block counts.
        let df = parse_dockerfile(
            "FROM a:1\n# check=skip=DL3006\n#\nRUN x\n# check=skip=StageNameCasing\n# check=skip=DL3006\nRUN y\n",
        );
        let checks = Checks::read(&df);
        assert!(checks.for_instruction(1).is_none());
        let o = checks.for_instruction(2).unwrap();
        assert_eq!(o.skip[0].0, "StageNameCasing");
    }
}
