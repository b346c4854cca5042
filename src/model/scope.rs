//! ARG and ENV scopes, as BuildKit builds them: global (meta) ARGs before the first FROM
//! and the predefined platform ARGs, seen only by FROM; inside a stage, ARGs that must be
//! (re)declared to be seen and ENVs, both inherited by stages built `FROM <stage>`.
//! Values are expanded as BuildKit does it, so `ENV B=$A` knows what `A` held.
//!
//! The rules (UndefinedVar, UndefinedArgInFrom) and the cache model read these scopes.

use super::Stage;
use crate::syntax::expand::Lexer;
use crate::syntax::{Args, Dockerfile, Keyword};

/// The platform ARGs BuildKit defines in the global scope (`platform.go: defaultArgs`).
pub const PREDEFINED_ARGS: &[&str] = &[
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDOSVERSION",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETOSVERSION",
    "TARGETARCH",
    "TARGETVARIANT",
    "TARGETSTAGE",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A platform ARG BuildKit defines; its value depends on the build.
    Predefined,
    /// An ARG before the first FROM.
    GlobalArg,
    Arg,
    Env,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The instruction that makes it (`usize::MAX` for predefined ARGs).
    pub index: usize,
    pub name: String,
    /// The value after expansion; `None` for an ARG declared without one (and without a
    /// global value to take), or for a predefined ARG whose value depends on the build.
    pub value: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default)]
pub struct Scopes {
    /// Predefined then global ARGs, in order.
    pub global: Vec<Definition>,
    /// For each stage, the definitions its own instructions make, in order.
    pub stages: Vec<Vec<Definition>>,
}

/// The value `--build-arg` gives `name` (the last one given wins, as in `docker build`).
pub fn build_arg(build_args: &[(String, String)], name: &str) -> Option<String> {
    build_args
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

impl Scopes {
    pub fn build(dockerfile: &Dockerfile, stages: &[Stage], meta_args: &[usize]) -> Scopes {
        Scopes::build_with_args(dockerfile, stages, meta_args, &[])
    }

    /// The scopes of a build given `--build-arg`s: a build arg sets a declared ARG (global
    /// or in a stage) in place of its default; undeclared build args set nothing.
    pub fn build_with_args(
        dockerfile: &Dockerfile,
        stages: &[Stage],
        meta_args: &[usize],
        build_args: &[(String, String)],
    ) -> Scopes {
        let given = |name: &str| build_arg(build_args, name);
        let lexer = Lexer::new(dockerfile.escape);
        let instructions = &dockerfile.instructions;
        let mut scopes = Scopes {
            global: PREDEFINED_ARGS
                .iter()
                .map(|name| Definition {
                    index: usize::MAX,
                    name: name.to_string(),
                    value: None,
                    origin: Origin::Predefined,
                })
                .collect(),
            stages: Vec::with_capacity(stages.len()),
        };
        for &index in meta_args {
            if let Args::ArgDecls(decls) = &instructions[index].args {
                for decl in decls {
                    // A build arg sets a global ARG too (`FROM $BASE`).
                    let value = given(&decl.name.value).or_else(|| {
                        decl.default.as_ref().and_then(|d| {
                            let global = &scopes.global;
                            let lookup = |n: &str| {
                                find(global, n, usize::MAX).and_then(|d| d.value.as_deref())
                            };
                            lexer.expand(&d.value, &lookup).ok().map(|e| e.value)
                        })
                    });
                    scopes.global.push(Definition {
                        index,
                        name: decl.name.value.to_string(),
                        value,
                        origin: Origin::GlobalArg,
                    });
                }
            }
        }
        for stage in stages {
            let mut defs: Vec<Definition> = Vec::new();
            for index in stage.body.clone() {
                let instruction = &instructions[index];
                match (&instruction.args, instruction.keyword) {
                    (Args::ArgDecls(decls), _) => {
                        // Each name of one ARG sees the names before it.
                        for decl in decls {
                            let name = decl.name.value.to_string();
                            let value = match &decl.default {
                                _ if given(&name).is_some() => given(&name),
                                Some(d) => {
                                    let lookup = |n: &str| {
                                        scopes
                                            .lookup_in(stages, stage, &defs, index + 1, n)
                                            .and_then(|d| d.value.as_deref())
                                    };
                                    lexer.expand(&d.value, &lookup).ok().map(|e| e.value)
                                }
                                // `ARG X` takes the global value of X, if there is one.
                                None => find(&scopes.global, &name, usize::MAX)
                                    .and_then(|g| g.value.clone()),
                            };
                            defs.push(Definition {
                                index,
                                name,
                                value,
                                origin: Origin::Arg,
                            });
                        }
                    }
                    (Args::KeyValues(pairs), Keyword::Env) => {
                        // Every pair sees the environment from before the instruction.
                        let values: Vec<Option<String>> = pairs
                            .iter()
                            .map(|p| {
                                let lookup = |n: &str| {
                                    scopes
                                        .lookup_in(stages, stage, &defs, index, n)
                                        .and_then(|d| d.value.as_deref())
                                };
                                lexer.expand(&p.value.value, &lookup).ok().map(|e| e.value)
                            })
                            .collect();
                        for (pair, value) in pairs.iter().zip(values) {
                            defs.push(Definition {
                                index,
                                name: pair.key.value.to_string(),
                                value,
                                origin: Origin::Env,
                            });
                        }
                    }
                    _ => {}
                }
            }
            scopes.stages.push(defs);
        }
        scopes
    }

    /// The definition of `name` in effect just before instruction `index` of `stage`:
    /// the stage's own, then those of the stages it is built on.
    pub fn lookup(
        &self,
        stages: &[Stage],
        stage: &Stage,
        index: usize,
        name: &str,
    ) -> Option<&Definition> {
        self.lookup_in(stages, stage, &self.stages[stage.index], index, name)
    }

    fn lookup_in<'s>(
        &'s self,
        stages: &[Stage],
        stage: &Stage,
        own: &'s [Definition],
        index: usize,
        name: &str,
    ) -> Option<&'s Definition> {
        if let Some(d) = find(own, name, index) {
            return Some(d);
        }
        let mut base = stage.base.clone();
        while let super::Base::Stage(parent) = base {
            if let Some(d) = find(&self.stages[parent], name, usize::MAX) {
                return Some(d);
            }
            base = stages[parent].base.clone();
        }
        None
    }

    /// A global or predefined ARG, as FROM sees it.
    pub fn global(&self, name: &str) -> Option<&Definition> {
        find(&self.global, name, usize::MAX)
    }

    /// Every name defined just before instruction `index` of `stage` (for suggestions).
    pub fn names_at<'s>(&'s self, stages: &[Stage], stage: &Stage, index: usize) -> Vec<&'s str> {
        let mut names: Vec<&str> = self.stages[stage.index]
            .iter()
            .filter(|d| d.index < index)
            .map(|d| d.name.as_str())
            .collect();
        let mut base = stage.base.clone();
        while let super::Base::Stage(parent) = base {
            names.extend(self.stages[parent].iter().map(|d| d.name.as_str()));
            base = stages[parent].base.clone();
        }
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// The latest definition of `name` made before instruction `before`.
fn find<'d>(defs: &'d [Definition], name: &str, before: usize) -> Option<&'d Definition> {
    defs.iter()
        .rev()
        .find(|d| d.name == name && (d.index < before || d.index == usize::MAX))
}

#[cfg(test)]
mod tests {
    use crate::model::Model;
    use crate::syntax::parse;

    fn value<'m>(model: &'m Model, index: usize, name: &str) -> Option<&'m str> {
        let stage = model.stage_of(index)?;
        model
            .scopes
            .lookup(&model.stages, stage, index, name)?
            .value
            .as_deref()
    }

    #[test]
    fn arg_and_env_scopes_follow_buildkit() {
        let df = parse(concat!(
            "ARG VERSION=1.2\n",           // 0
            "ARG BASE\n",                  // 1
            "FROM alpine:$VERSION AS a\n", // 2
            "ARG VERSION\n",               // 3: takes the global value
            "ENV A=x B=$VERSION\n",        // 4
            "ENV C=$A D=${B}-y\n",         // 5
            "ARG LOCAL=$C\n",              // 6
            "RUN true\n",                  // 7
            "FROM a\n",                    // 8
            "RUN true\n",                  // 9
            "FROM alpine:3\n",             // 10
            "RUN true\n",                  // 11
        ));
        let model = Model::build(&df);
        assert_eq!(
            model.scopes.global("VERSION").unwrap().value.as_deref(),
            Some("1.2")
        );
        assert_eq!(model.scopes.global("BASE").unwrap().value, None);
        assert!(model.scopes.global("TARGETARCH").is_some());
        assert_eq!(
            value(&model, 3, "VERSION"),
            None,
            "not declared in the stage yet"
        );
        assert_eq!(value(&model, 4, "VERSION"), Some("1.2"));
        assert_eq!(value(&model, 5, "B"), Some("1.2"));
        assert_eq!(value(&model, 6, "C"), Some("x"));
        assert_eq!(value(&model, 6, "D"), Some("1.2-y"));
        assert_eq!(value(&model, 7, "LOCAL"), Some("x"));
        assert_eq!(
            value(&model, 9, "LOCAL"),
            Some("x"),
            "inherited through FROM a"
        );
        assert_eq!(value(&model, 11, "A"), None, "not in an unrelated stage");
    }

    #[test]
    fn one_env_sees_the_environment_before_it() {
        let df = parse("FROM alpine:3\nENV A=1\nENV A=2 B=$A\nRUN true\n");
        let model = Model::build(&df);
        assert_eq!(value(&model, 3, "B"), Some("1"));
        assert_eq!(value(&model, 3, "A"), Some("2"));
    }
}
