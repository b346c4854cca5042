//! AST -> build model: stages, their bases, and the global (meta) ARGs. Rules and the
//! cache model read the Dockerfile through this, never by re-walking instructions ad hoc.

mod checks;
pub mod installs;
pub mod layers;
mod pragmas;
mod scope;
mod scripts;

pub use checks::{CheckOptions, CheckProblem, Checks};
pub use pragmas::{IgnorePragma, Pragmas, Scope, ShellPragma};
pub use scope::{Definition, Origin, PREDEFINED_ARGS, Scopes};
pub use scripts::{InlineScript, is_shell_script, only_heredoc_markers, run_script};

use crate::shell::Script;
use crate::syntax::expand::Lexer;
use crate::syntax::flags::Mount;
use crate::syntax::{Args, Dockerfile, Instruction, Keyword, Word};
use foldhash::HashMap;
use std::ops::Range;

/// What a stage starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    Scratch,
    /// An earlier stage, by index.
    Stage(usize),
    /// An image reference. `resolved` is the reference after expanding global ARG
    /// defaults, `None` when it uses a variable with no default.
    Image {
        written: String,
        resolved: Option<String>,
    },
}

#[derive(Clone, Debug)]
pub struct Stage<'a> {
    pub index: usize,
    /// The `AS` name, lower-cased as BuildKit stores it.
    pub name: Option<String>,
    /// Index of the FROM instruction in `Dockerfile::instructions`.
    pub from: usize,
    /// The image word of the FROM instruction.
    pub image: Word<'a>,
    pub base: Base,
    /// Indices of the stage's instructions, the FROM excluded.
    pub body: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Model<'a> {
    pub dockerfile: &'a Dockerfile<'a>,
    pub stages: Vec<Stage<'a>>,
    /// Indices of the ARG instructions before the first FROM.
    pub meta_args: Vec<usize>,
    /// The shell script of each RUN (and ONBUILD RUN), by instruction index.
    pub scripts: Vec<Option<Script>>,
    pub pragmas: Pragmas,
    pub scopes: Scopes,
    pub checks: Checks,
    /// By stage: whether a later stage is built on it (`FROM <stage>`).
    children: Vec<bool>,
    /// By stage: whether a later stage is built on it or a later instruction copies or
    /// mounts from it. Both are computed once, so that asking stays constant-time.
    reused: Vec<bool>,
    /// The first stage of each `AS` name, lower-cased.
    first_named: HashMap<String, usize>,
    /// By instruction: the working folder there, computed in one pass on first use.
    workdirs: std::sync::OnceLock<Workdirs>,
    /// By instruction: its valid `--mount` flags (those of the RUN an ONBUILD wraps),
    /// typed once: a dozen rules read them, and would each parse them again. (Not
    /// computed on first use: a cell would make the model invariant in its lifetime.)
    mounts: Vec<Vec<Mount<'a>>>,
}

/// The working folders of a file: each distinct one once (most files have a few), and
/// by instruction the index of its own, not a copy of it per instruction.
#[derive(Clone, Debug)]
struct Workdirs {
    folders: Vec<String>,
    at: Vec<usize>,
}

impl<'a> Model<'a> {
    pub fn build(dockerfile: &'a Dockerfile<'a>) -> Model<'a> {
        Model::build_with_args(dockerfile, &[])
    }

    /// The model of a build given `--build-arg`s: they set the declared ARGs they name
    /// (global ones too, so `FROM $BASE` resolves to the given image), and
    /// `BUILDKIT_DOCKERFILE_CHECK` replaces the file's `# check=` directive, as BuildKit
    /// reads it.
    pub fn build_with_args(
        dockerfile: &'a Dockerfile<'a>,
        build_args: &[(String, String)],
    ) -> Model<'a> {
        let given = |name: &str| scope::build_arg(build_args, name);
        let instructions = &dockerfile.instructions;
        let mut stages: Vec<Stage<'a>> = Vec::new();
        let mut meta_args = Vec::new();
        let mut global_defaults: Vec<(String, Option<String>)> = Vec::new();
        // The first stage of each name (lower-cased), as BuildKit resolves `FROM <name>`.
        let mut first_named: HashMap<String, usize> = HashMap::default();

        for (i, instruction) in instructions.iter().enumerate() {
            match instruction.keyword {
                Keyword::Arg if stages.is_empty() => {
                    meta_args.push(i);
                    if let Args::ArgDecls(decls) = &instruction.args {
                        for decl in decls {
                            let value = given(&decl.name.value).or_else(|| {
                                decl.default.as_ref().and_then(|d| {
                                    expand_with(&d.value, &global_defaults, dockerfile.escape)
                                })
                            });
                            global_defaults.push((decl.name.value.to_string(), value));
                        }
                    }
                }
                Keyword::From => {
                    if let Some(last) = stages.last_mut() {
                        last.body.end = i;
                    }
                    let (image, name) = from_parts(instruction);
                    let base = resolve_base(
                        &image.value,
                        &first_named,
                        &global_defaults,
                        dockerfile.escape,
                    );
                    if let Some(n) = &name {
                        first_named.entry(n.clone()).or_insert(stages.len());
                    }
                    stages.push(Stage {
                        index: stages.len(),
                        name,
                        from: i,
                        image,
                        base,
                        body: i + 1..instructions.len(),
                    });
                }
                _ => {}
            }
        }
        let scopes = Scopes::build_with_args(dockerfile, &stages, &meta_args, build_args);
        let mut checks = Checks::read(dockerfile);
        if let Some(value) = given("BUILDKIT_DOCKERFILE_CHECK") {
            checks.replace_file_options(&value);
        }
        let (children, reused) = stage_uses(dockerfile, &stages);
        Model {
            dockerfile,
            stages,
            meta_args,
            scripts: instructions.iter().map(run_script).collect(),
            pragmas: Pragmas::read(dockerfile),
            scopes,
            checks,
            children,
            reused,
            first_named,
            workdirs: std::sync::OnceLock::new(),
            mounts: dockerfile
                .instructions
                .iter()
                .map(|i| Mount::all_of(i.effective()).collect())
                .collect(),
        }
    }

    /// The working folder at an instruction, from the WORKDIRs before it in its lineage
    /// (expanded words are kept as written). All are found in one pass over the file, so
    /// that asking at every instruction stays linear in a long stage.
    pub fn workdir_at(&self, index: usize) -> &str {
        let workdirs = self.workdirs.get_or_init(|| {
            let instructions = &self.dockerfile.instructions;
            let mut folders = vec![String::from("/")];
            let mut at = vec![0; instructions.len()];
            let mut stage_end: Vec<usize> = Vec::with_capacity(self.stages.len());
            for stage in &self.stages {
                // A stage built on an earlier one starts in that one's last folder.
                let mut current = match stage.base {
                    Base::Stage(parent) => stage_end.get(parent).copied(),
                    _ => None,
                }
                .unwrap_or(0);
                at[stage.from] = current;
                for i in stage.body.clone() {
                    at[i] = current;
                    if let (Keyword::Workdir, Args::Text(w)) =
                        (instructions[i].keyword, &instructions[i].args)
                    {
                        folders.push(layers::join(&folders[current], &w.value));
                        current = folders.len() - 1;
                    }
                }
                stage_end.push(current);
            }
            Workdirs { folders, at }
        });
        workdirs
            .at
            .get(index)
            .map_or("/", |&n| workdirs.folders[n].as_str())
    }

    /// The stage an instruction belongs to, if it comes after a FROM.
    pub fn stage_of(&self, instruction: usize) -> Option<&Stage<'a>> {
        // Stages are in source order: the last whose FROM is at or before it.
        let after = self.stages.partition_point(|s| s.from <= instruction);
        self.stages.get(after.checked_sub(1)?)
    }

    /// The instructions in effect at `index`, most recent first: the earlier ones of its
    /// stage, then those of the stage it is built on (`FROM <stage>`), and so on. This is
    /// what SHELL, WORKDIR, USER, ENV and LABEL inheritance reads.
    pub fn lineage(&self, index: usize) -> impl Iterator<Item = (usize, &'a Instruction<'a>)> + '_ {
        self.chain(self.stage_of(index), index)
    }

    /// The names ARG and ENV instructions declare before `index`, in its stage and the
    /// stages it is built on, most recent first.
    pub fn declared_names(&self, index: usize) -> Vec<&'a str> {
        let mut names = Vec::new();
        for (_, i) in self.lineage(index) {
            match &i.args {
                Args::ArgDecls(decls) => names.extend(decls.iter().map(|d| d.name.value.as_ref())),
                Args::KeyValues(pairs) if i.keyword == Keyword::Env => {
                    names.extend(pairs.iter().map(|p| p.key.value.as_ref()))
                }
                _ => {}
            }
        }
        names
    }

    /// The instructions in effect at the end of a stage, most recent first.
    pub fn stage_lineage(
        &self,
        stage: usize,
    ) -> impl Iterator<Item = (usize, &'a Instruction<'a>)> + '_ {
        self.chain(self.stages.get(stage), usize::MAX)
    }

    fn chain<'m>(
        &'m self,
        stage: Option<&'m Stage<'m>>,
        end: usize,
    ) -> impl Iterator<Item = (usize, &'a Instruction<'a>)> + 'm {
        let instructions = &self.dockerfile.instructions;
        let mut stage = stage;
        let mut end = end;
        std::iter::from_fn(move || {
            let s = stage?;
            let range = s.body.start..end.min(s.body.end);
            end = usize::MAX;
            stage = match s.base {
                Base::Stage(parent) => self.stages.get(parent),
                _ => None,
            };
            Some(range.rev().map(|i| (i, &instructions[i])))
        })
        .flatten()
    }

    /// Whether the stage ends up in an image: it is the last one, or a later stage is
    /// built on it.
    pub fn ships(&self, stage: usize) -> bool {
        stage + 1 == self.stages.len() || self.has_children(stage)
    }

    /// Whether a later stage builds on the stage (`FROM <name>`).
    pub fn has_children(&self, stage: usize) -> bool {
        self.children.get(stage).copied().unwrap_or(false)
    }

    /// Whether a later stage builds on the stage (`FROM <name>`) or copies from it
    /// (`COPY --from=<name or index>`, `RUN --mount=from=<name>`).
    pub fn is_reused(&self, stage: usize) -> bool {
        self.reused.get(stage).copied().unwrap_or(false)
    }

    /// The script of the RUN at `instruction`, if it is one.
    pub fn script(&self, instruction: usize) -> Option<&Script> {
        self.scripts.get(instruction)?.as_ref()
    }

    /// The valid `--mount` flags of an instruction (of the RUN an ONBUILD wraps).
    pub fn mounts(&self, instruction: usize) -> &[Mount<'a>] {
        self.mounts.get(instruction).map_or(&[], Vec::as_slice)
    }

    /// A stage by its `AS` name, case-insensitively (the first of that name), as BuildKit
    /// resolves stage references.
    pub fn stage_named(&self, name: &str) -> Option<&Stage<'a>> {
        let index = match self.first_named.get(name) {
            Some(i) => Some(i),
            None => self.first_named.get(&name.to_lowercase()),
        };
        index.map(|&i| &self.stages[i])
    }
}

/// By stage, whether a later stage is built on it, and whether it is reused: built on,
/// or named by a `--from` (COPY, or a RUN mount) after its end, by its name or index.
fn stage_uses(dockerfile: &Dockerfile, stages: &[Stage]) -> (Vec<bool>, Vec<bool>) {
    let mut children = vec![false; stages.len()];
    for s in stages {
        if let Base::Stage(parent) = s.base
            && parent < s.index
        {
            children[parent] = true;
        }
    }
    let mut reused = children.clone();
    let mut by_name: foldhash::HashMap<String, Vec<usize>> = Default::default();
    for s in stages {
        if let Some(name) = &s.name {
            by_name
                .entry(name.to_lowercase())
                .or_default()
                .push(s.index);
        }
    }
    let mut mark = |reference: &str, at: usize| {
        let named = by_name.get(&reference.to_lowercase()).into_iter().flatten();
        let numbered = reference
            .parse::<usize>()
            .ok()
            .filter(|&n| n < stages.len());
        for stage in named.copied().chain(numbered) {
            if stages[stage].body.end <= at {
                reused[stage] = true;
            }
        }
    };
    for (at, instruction) in dockerfile.instructions.iter().enumerate() {
        let i = instruction.effective();
        if let Some(from) = i.flag("from").and_then(|f| f.value()) {
            mark(from, at);
        }
        for f in i.flags.iter().filter(|f| f.name() == "mount") {
            if let Some(v) = f.value() {
                for reference in v.split(',').filter_map(|kv| kv.strip_prefix("from=")) {
                    mark(reference, at);
                }
            }
        }
    }
    (children, reused)
}

fn from_parts<'a>(instruction: &Instruction<'a>) -> (Word<'a>, Option<String>) {
    match &instruction.args {
        Args::Words(words) => {
            let image = words
                .first()
                .cloned()
                .unwrap_or_else(|| Word::new("", instruction.keyword_word.span));
            let name = match words.as_slice() {
                [_, as_word, name] if as_word.value.eq_ignore_ascii_case("as") => {
                    Some(name.value.to_lowercase())
                }
                _ => None,
            };
            (image, name)
        }
        _ => (Word::new("", instruction.keyword_word.span), None),
    }
}

fn expand_with(word: &str, defaults: &[(String, Option<String>)], escape: char) -> Option<String> {
    let lookup = |name: &str| {
        defaults
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    };
    let expansion = Lexer::new(escape).expand(word, &lookup).ok()?;
    expansion.unmatched.is_empty().then_some(expansion.value)
}

fn resolve_base(
    image: &str,
    earlier: &HashMap<String, usize>,
    defaults: &[(String, Option<String>)],
    escape: char,
) -> Base {
    let resolved = expand_with(image, defaults, escape);
    let name = resolved.as_deref().unwrap_or(image);
    if let Some(&stage) = earlier.get(&name.to_lowercase()) {
        return Base::Stage(stage);
    }
    if name.eq_ignore_ascii_case("scratch") {
        return Base::Scratch;
    }
    Base::Image {
        written: image.to_string(),
        resolved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn stages_and_bases() {
        let df = parse(
            "ARG BASE=alpine:3.20\nARG NOPE\nFROM ${BASE} AS build\nRUN x\nFROM build\nFROM scratch\nFROM $NOPE\n",
        );
        let model = Model::build(&df);
        assert_eq!(model.meta_args, vec![0, 1]);
        assert_eq!(model.stages.len(), 4);
        assert_eq!(model.stages[0].name.as_deref(), Some("build"));
        assert_eq!(
            model.stages[0].base,
            Base::Image {
                written: "${BASE}".into(),
                resolved: Some("alpine:3.20".into())
            }
        );
        assert_eq!(model.stages[0].body, 3..4);
        assert_eq!(model.stages[1].base, Base::Stage(0));
        assert_eq!(model.stages[2].base, Base::Scratch);
        assert_eq!(
            model.stages[3].base,
            Base::Image {
                written: "$NOPE".into(),
                resolved: None
            }
        );
        assert_eq!(model.stage_of(3).map(|s| s.index), Some(0));
    }
}
