//! The build steps of a Dockerfile as BuildKit's LLB has them, each with the ingredients
//! of its cache key. Only FROM (an image), RUN, COPY, ADD and WORKDIR make steps; ENV, ARG,
//! USER, SHELL and WORKDIR reach later steps through the key's ingredients, and LABEL,
//! CMD, EXPOSE and the other metadata instructions reach nothing.
//!
//! A step's key is the hash of its parent's key and its ingredients. A step is cached when
//! an earlier build made a step with the same key: BuildKit keeps every result until
//! garbage collection, so this is a set lookup, not a comparison with "the last build".

use super::state::ContextState;
use crate::model::{Base, Model, Origin, Scopes};
use crate::syntax::expand::Lexer;
use crate::syntax::flags::{Mount, MountType};
use crate::syntax::{Args, Command, Instruction, Keyword};
use globset::GlobBuilder;
use sha2::{Digest, Sha256};

/// One part of a step's cache key, named so a difference can be explained.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ingredient {
    pub label: Label,
    /// A digest or the literal value.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum Label {
    /// The command, or the copy's definition (destination, flags, source names).
    Instruction,
    Shell,
    Workdir,
    User,
    /// An ENV or a declared ARG with a value, in the RUN's environment.
    Env(String),
    Arg(String),
    /// The content of context files a COPY, ADD or bind mount reads.
    Files(String),
    /// The output of another stage a COPY --from or a mount reads.
    Stage(String),
    /// A registry image (FROM, COPY --from=<image>); its content is outside the context.
    Image(String),
    /// A URL or git source of ADD.
    Remote(String),
}

#[derive(Clone, Debug)]
pub struct Step {
    pub stage: usize,
    /// BuildKit's progress prefix for the stage: its name, `stage-N`, or empty for a
    /// single-stage build.
    pub stage_label: String,
    pub instruction: usize,
    pub line: usize,
    pub keyword: Keyword,
    /// The instruction as written (continuations joined).
    pub text: String,
    /// BuildKit's `i/n` numbering within the stage.
    pub ordinal: usize,
    pub key: String,
    pub parent_key: String,
    pub ingredients: Vec<Ingredient>,
    /// The context paths (as written, after expansion) the step reads.
    pub reads: Vec<String>,
    /// FROM <registry image> or ADD <url>: cached only as long as the remote is unchanged.
    pub external: bool,
}

/// What a build is run with.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The stage to build (name or index); default the last.
    pub target: Option<String>,
    pub build_args: Vec<(String, String)>,
}

/// The steps of every stage, and which stages the target reaches.
pub struct Plan {
    pub steps: Vec<Step>,
    pub reachable: Vec<bool>,
    /// Stage labels, by stage index.
    pub stage_labels: Vec<String>,
    /// Stage names (`AS name`), by stage index.
    pub stage_names: Vec<Option<String>>,
}

impl Plan {
    /// What this build leaves in the cache: the steps of the stages it builds.
    pub fn records(&self) -> Vec<super::Record> {
        self.steps
            .iter()
            .filter(|s| self.reachable[s.stage])
            .map(Into::into)
            .collect()
    }
}

pub fn plan(model: &Model, context: &ContextState, options: &BuildOptions) -> Result<Plan, String> {
    let df = model.dockerfile;
    let scopes = Scopes::build_with_args(df, &model.stages, &model.meta_args, &options.build_args);
    let lexer = Lexer::new(df.escape);
    let target = match &options.target {
        None => model.stages.len().checked_sub(1),
        Some(t) => Some(
            model
                .stage_named(t)
                .map(|s| s.index)
                .or_else(|| t.parse::<usize>().ok().filter(|i| *i < model.stages.len()))
                .ok_or_else(|| format!("target stage {t:?} not found"))?,
        ),
    };
    let reachable = reachable_stages(model, target);
    let labels: Vec<String> = model
        .stages
        .iter()
        .map(|s| {
            if model.stages.len() == 1 {
                String::new()
            } else {
                s.name
                    .clone()
                    .unwrap_or_else(|| format!("stage-{}", s.index))
            }
        })
        .collect();

    let mut steps: Vec<Step> = Vec::new();
    // Per stage: the key of its last step, its env, workdir, user and shell at the end.
    let mut finals: Vec<StageEnd> = Vec::with_capacity(model.stages.len());
    for stage in &model.stages {
        let from = &df.instructions[stage.from];
        let mut end = match stage.base {
            Base::Stage(parent) => finals[parent].clone(),
            _ => StageEnd::default(),
        };
        // BuildKit numbers a stage's steps from its FROM when that pulls an image, and
        // from its first step otherwise (`FROM scratch`, `FROM <stage>`).
        let mut ordinal = 0;
        if let Base::Image { written, resolved } = &stage.base {
            ordinal = 1;
            // A `--build-arg` may set a global ARG the FROM uses, so the reference is
            // expanded in this build's global scope, not with the defaults alone.
            let global = |n: &str| {
                scopes
                    .global
                    .iter()
                    .rev()
                    .find(|d| d.name == n)
                    .and_then(|d| d.value.as_deref())
            };
            let reference = lexer
                .expand(&stage.image.value, &global)
                .ok()
                .filter(|e| e.unmatched.is_empty())
                .map(|e| e.value)
                .or_else(|| resolved.clone())
                .unwrap_or_else(|| written.clone());
            let platform = from.flag("platform").and_then(|f| f.value()).unwrap_or("");
            let ingredients = vec![Ingredient {
                label: Label::Image(reference.clone()),
                value: format!("{reference} {platform}"),
            }];
            let key = key_of("", &ingredients);
            steps.push(Step {
                stage: stage.index,
                stage_label: labels[stage.index].clone(),
                instruction: stage.from,
                line: from.start_line,
                keyword: Keyword::From,
                text: from.original.trim().to_string(),
                ordinal,
                key: key.clone(),
                parent_key: String::new(),
                ingredients,
                reads: Vec::new(),
                external: true,
            });
            end.key = key;
        } else if matches!(stage.base, Base::Scratch) {
            end.key = key_of("scratch", &[]);
        }
        // A stage built on another stage first runs that stage's ONBUILD triggers, as
        // steps of its own (`[child 1/n] ONBUILD RUN ...`); they are not passed on further.
        let triggers: Vec<(usize, &Instruction)> = match stage.base {
            Base::Stage(parent) => model.stages[parent]
                .body
                .clone()
                .filter_map(|i| match &df.instructions[i].args {
                    Args::Onbuild(inner) => Some((i, &**inner)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let trigger_count = triggers.len();
        let body = stage.body.clone().map(|i| (i, &df.instructions[i]));
        for (position, (index, instruction)) in triggers.into_iter().chain(body).enumerate() {
            let is_trigger = position < trigger_count;
            // Where in this stage's scopes the instruction stands: a trigger, at its start.
            let at = if is_trigger { stage.body.start } else { index };
            let written = &df.instructions[index];
            let lookup = |n: &str| {
                scopes
                    .lookup(&model.stages, stage, at, n)
                    .and_then(|d| d.value.as_deref())
            };
            // The step this instruction makes, if it makes one.
            let mut made: Option<(Vec<Ingredient>, Vec<String>, bool)> = None;
            let expand = |w: &str| {
                lexer
                    .expand(w, &lookup)
                    .map(|e| e.value)
                    .unwrap_or_else(|_| w.to_string())
            };
            // A COPY/ADD heredoc body is expanded keeping its quotes and escapes.
            let expand_body = |w: &str| {
                let raw = Lexer {
                    raw_quotes: true,
                    raw_escapes: true,
                    ..lexer
                };
                raw.expand(w, &lookup)
                    .map(|e| e.value)
                    .unwrap_or_else(|_| w.to_string())
            };
            match (&instruction.args, instruction.keyword) {
                (Args::Text(word), Keyword::Workdir) => {
                    // The working folder as BuildKit keeps it for later RUNs: an absolute
                    // path as written (`/app/` stays `/app/`, and its RUNs differ from
                    // `/app`'s), a relative one joined and cleaned. The folder the step
                    // makes is the cleaned path.
                    let requested = expand(&word.value);
                    let joined = join_path(&end.workdir, &requested);
                    let cleaned = match joined.trim_end_matches('/') {
                        "" => "/".to_string(),
                        p => p.to_string(),
                    };
                    end.workdir = if requested.starts_with('/') {
                        requested
                    } else {
                        cleaned.clone()
                    };
                    if cleaned == "/" {
                        // BuildKit makes no step for `WORKDIR /`.
                        continue;
                    }
                    let ingredients = vec![
                        Ingredient {
                            label: Label::Workdir,
                            value: cleaned,
                        },
                        Ingredient {
                            label: Label::User,
                            value: end.user.clone(),
                        },
                    ];
                    made = Some((ingredients, Vec::new(), false));
                }
                (Args::Text(word), Keyword::User) => end.user = expand(&word.value),
                (Args::Command(Command::Exec(words)), Keyword::Shell) => {
                    end.shell = words.iter().map(|w| w.value.to_string()).collect();
                }
                (Args::KeyValues(pairs), Keyword::Env) => {
                    for pair in pairs {
                        let value = scopes
                            .lookup(&model.stages, stage, at + 1, &pair.key.value)
                            .and_then(|d| d.value.clone())
                            .unwrap_or_default();
                        end.set_env(&pair.key.value, value, false);
                    }
                }
                (Args::ArgDecls(decls), _) => {
                    for decl in decls {
                        let def = scopes.lookup(&model.stages, stage, at + 1, &decl.name.value);
                        // Only an ARG with a value enters the environment of later RUNs.
                        // A platform ARG (`ARG TARGETARCH`) always has one, given by the
                        // builder: the same in both builds, so only its presence counts.
                        let value = def
                            .filter(|d| d.origin == Origin::Arg)
                            .and_then(|d| d.value.clone())
                            .or_else(|| {
                                is_platform_arg(&decl.name.value)
                                    .then(|| format!("<platform {}>", decl.name.value))
                            });
                        if let Some(value) = value {
                            end.set_env(&decl.name.value, value, true);
                        }
                    }
                }
                (_, Keyword::Run) => {
                    let (ingredients, reads) =
                        run_ingredients(model, context, instruction, &end, &finals, &expand);
                    made = Some((ingredients, reads, false));
                }
                (Args::List { items, .. }, Keyword::Copy | Keyword::Add) => {
                    made = Some(copy_ingredients(
                        model,
                        context,
                        instruction,
                        items,
                        &end,
                        &finals,
                        &Expanders {
                            word: &expand,
                            body: &expand_body,
                        },
                    )?);
                }
                _ => {}
            }
            if let Some((ingredients, reads, external)) = made {
                ordinal += 1;
                let key = key_of(&end.key, &ingredients);
                steps.push(Step {
                    stage: stage.index,
                    stage_label: labels[stage.index].clone(),
                    instruction: index,
                    line: written.start_line,
                    keyword: instruction.keyword,
                    text: written.original.trim().to_string(),
                    ordinal,
                    key: key.clone(),
                    parent_key: end.key.clone(),
                    ingredients,
                    reads,
                    external,
                });
                end.key = key;
            }
        }
        finals.push(end);
    }
    Ok(Plan {
        steps,
        reachable,
        stage_labels: labels,
        stage_names: model.stages.iter().map(|s| s.name.clone()).collect(),
    })
}

/// The state a stage ends with, which `FROM <stage>` continues from.
#[derive(Clone, Debug)]
struct StageEnd {
    key: String,
    /// (name, value, is an ARG), ordered by most recent assignment.
    env: Vec<(String, String, bool)>,
    workdir: String,
    user: String,
    shell: Vec<String>,
}

impl Default for StageEnd {
    fn default() -> Self {
        StageEnd {
            key: String::new(),
            env: Vec::new(),
            workdir: "/".into(),
            user: String::new(),
            shell: vec!["/bin/sh".into(), "-c".into()],
        }
    }
}

impl StageEnd {
    fn set_env(&mut self, name: &str, value: String, is_arg: bool) {
        self.env.retain(|(n, _, _)| n != name);
        self.env.push((name.to_string(), value, is_arg));
    }
}

fn run_ingredients(
    model: &Model,
    context: &ContextState,
    run: &Instruction,
    end: &StageEnd,
    finals: &[StageEnd],
    expand: &dyn Fn(&str) -> String,
) -> (Vec<Ingredient>, Vec<String>) {
    // The op runs an argument list: the shell's words and the command for the shell
    // form, the words for the exec form. `RUN echo x` and `RUN ["/bin/sh", "-c", "echo x"]`
    // are one op, and BuildKit keeps the step cached across that edit.
    let shell_with = |command: String| -> Vec<String> {
        end.shell
            .iter()
            .cloned()
            .chain(std::iter::once(command))
            .collect()
    };
    let mut pipe_file = None;
    let argv: Vec<String> = match &run.args {
        Args::Command(Command::Shell(w)) if !run.heredocs.is_empty() => {
            heredoc_argv(&w.value, &run.heredocs, &shell_with, &mut pipe_file)
        }
        Args::Command(Command::Shell(w)) => shell_with(w.value.to_string()),
        Args::Command(Command::Exec(words)) => words.iter().map(|w| w.value.to_string()).collect(),
        _ => Vec::new(),
    };
    let mut command = if argv.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&argv).unwrap_or_default()
    };
    if let Some((name, data)) = pipe_file {
        command.push_str(&format!("\nfile {name}:{data}"));
    }
    let mut ingredients = vec![
        Ingredient {
            label: Label::Instruction,
            value: command,
        },
        Ingredient {
            label: Label::Workdir,
            value: end.workdir.clone(),
        },
        Ingredient {
            label: Label::User,
            value: end.user.clone(),
        },
    ];
    // Proxy variables are kept out of the key by BuildKit.
    for (name, value, is_arg) in &end.env {
        if is_proxy(name) && *is_arg {
            continue;
        }
        let label = if *is_arg {
            Label::Arg(name.clone())
        } else {
            Label::Env(name.clone())
        };
        ingredients.push(Ingredient {
            label,
            value: value.clone(),
        });
    }
    let mut reads = Vec::new();
    for flag in &run.flags {
        match flag.name() {
            // `--network=default` is what no flag means.
            "network" if flag.value() == Some("default") => {}
            "network" | "security" => ingredients.push(Ingredient {
                label: Label::Instruction,
                value: flag.text.to_string(),
            }),
            "mount" => {
                let Some(value) = flag.value().map(expand) else {
                    continue;
                };
                let Ok(mut mount) = Mount::parse(&value) else {
                    continue;
                };
                // A bind source is a path in the context or stage, cleaned as BuildKit
                // cleans it: `./a`, `a` and `/a` are one mount.
                // (No source is the root.)
                if mount.kind == MountType::Bind {
                    let cleaned = crate::context::clean_path(mount.source.as_deref().unwrap_or(""));
                    mount.source = Some(if cleaned.is_empty() {
                        "/".into()
                    } else {
                        cleaned.into()
                    });
                }
                ingredients.push(Ingredient {
                    label: Label::Instruction,
                    value: mount_definition(&mount),
                });
                // Read-only inputs are content-hashed like COPY sources.
                if mount.kind == MountType::Bind {
                    let source = mount.source.as_deref().unwrap_or("/").to_string();
                    match &mount.from {
                        Some(from) => ingredients.push(stage_or_image(model, finals, from)),
                        None => {
                            let (label, digest) = context.select(std::slice::from_ref(&source));
                            ingredients.push(Ingredient {
                                label: Label::Files(label),
                                value: digest,
                            });
                            reads.push(source);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (ingredients, reads)
}

/// The arguments of a RUN with heredocs, as BuildKit's `dispatchRun` builds them. When the
/// command is one heredoc marker (`RUN <<EOF`), the body is the command: run by the shell,
/// or, when it starts with `#!`, written to a file `/dev/pipes/NAME` that is run (that file
/// goes to `pipe_file`); its name and quoting are not in the op, and `<<-` strips the
/// body's leading tabs first. Otherwise the shell gets the command with each body and its
/// terminator after it, as written.
fn heredoc_argv(
    command: &str,
    heredocs: &[crate::syntax::Heredoc],
    shell_with: &dyn Fn(String) -> Vec<String>,
    pipe_file: &mut Option<(String, String)>,
) -> Vec<String> {
    let simple = crate::syntax::grammar::heredoc_marker(command)
        .is_some_and(|m| !m.rest.trim().is_empty() && !m.rest.trim().contains(char::is_whitespace));
    let first = &heredocs[0];
    if !simple {
        let mut full = command.to_string();
        for heredoc in heredocs {
            full.push('\n');
            full.push_str(heredoc.content);
            full.push_str(&heredoc.name);
        }
        return shell_with(full);
    }
    let data = first.chomped_content().into_owned();
    if data.starts_with("#!") {
        *pipe_file = Some((first.name.clone(), data));
        return vec![format!("/dev/pipes/{}", first.name)];
    }
    shell_with(data)
}

/// A mount's definition as it enters the key. A cache mount's id is not in it on
/// docker.io 28.5 (changing it keeps the step cached; 20.10's BuildKit 0.8 still keyed
/// an id other than the target); its target, sharing, mode and owner are.
/// Options written as their defaults are the op without them: `sharing=shared` on a
/// cache mount, and a tmpfs size of 0 (no limit); a size is keyed in bytes, as BuildKit
/// parses it (`1g` is `1024m`).
fn mount_definition(m: &Mount) -> String {
    let target = m.target.clone().unwrap_or_default();
    let sharing = m.sharing.unwrap_or(crate::syntax::flags::Sharing::Shared);
    let size = m
        .size
        .as_deref()
        .map(|s| ram_in_bytes(s).map_or_else(|| s.to_string(), |b| b.to_string()))
        .filter(|s| s != "0");
    format!(
        "{:?} target={target} ro={} sharing={sharing:?} mode={:?} uid={:?} gid={:?} from={:?} source={:?} size={size:?}",
        m.kind, m.read_only, m.mode, m.uid, m.gid, m.from, m.source
    )
}

/// A size as docker/go-units' `RAMInBytes` reads it: a number, then an optional unit
/// of 1024s (`k`, `m`, `g`, `t`, `p`, any case, with an optional `b` or `ib`).
fn ram_in_bytes(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let unit = unit.trim_start().to_ascii_lowercase();
    let power = match unit.trim_end_matches("ib").trim_end_matches('b') {
        "" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        _ => return None,
    };
    Some((number * 1024f64.powi(power)) as u64)
}

/// How a COPY's words and its heredoc bodies are expanded.
struct Expanders<'a> {
    word: &'a dyn Fn(&str) -> String,
    /// Quotes and escapes kept, as BuildKit expands a heredoc body.
    body: &'a dyn Fn(&str) -> String,
}

fn copy_ingredients(
    model: &Model,
    context: &ContextState,
    copy: &Instruction,
    items: &[crate::syntax::Word],
    end: &StageEnd,
    finals: &[StageEnd],
    expanders: &Expanders,
) -> Result<(Vec<Ingredient>, Vec<String>, bool), String> {
    let expand = expanders.word;
    let Some((dest, sources)) = items.split_last() else {
        return Ok((Vec::new(), Vec::new(), false));
    };
    let dest = join_path(&end.workdir, &expand(&dest.value));
    let mut definition = format!("{} dest={dest}", copy.keyword.as_str());
    for flag in &copy.flags {
        match flag.name() {
            // With the classic image store (the engine's default through 28.x), the
            // frontend has no merge op to link onto, so `--link` builds an ordinary
            // copy, and the flag is not in the key: adding or dropping it keeps the
            // step cached, and a linked copy after a rebuilt step is rebuilt.
            // (With the containerd image store the copy is keyed on its own; not
            // modelled.)
            "from" | "link" => {}
            "chown" => {
                definition.push_str(&format!(" --chown={}", expand(flag.value().unwrap_or(""))))
            }
            // An octal mode is keyed as the number it is (`0644` is `644`).
            "chmod" => {
                let mode = expand(flag.value().unwrap_or(""));
                let mode = u32::from_str_radix(&mode, 8)
                    .map(|m| format!("{m:o}"))
                    .unwrap_or(mode);
                definition.push_str(&format!(" --chmod={mode}"))
            }
            _ => definition.push_str(&format!(" {}", flag.text)),
        }
    }
    let mut ingredients = Vec::new();
    let mut reads = Vec::new();
    let mut external = false;
    let expanded: Vec<String> = sources
        .iter()
        .filter(|s| !s.value.starts_with("<<"))
        .map(|s| expand(&s.value))
        .collect();
    for source in &expanded {
        // The op keeps only the base name of each source.
        definition.push_str(&format!(
            " src={}",
            source
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
        ));
    }
    // The file a heredoc makes holds its body as BuildKit writes it: `<<-` tabs
    // stripped, then variables expanded unless the delimiter is quoted.
    for heredoc in &copy.heredocs {
        let body = heredoc.chomped_content();
        let body = if heredoc.expand {
            (expanders.body)(&body).into()
        } else {
            body
        };
        definition.push_str(&format!(" heredoc {}:{body}", heredoc.name));
    }
    ingredients.push(Ingredient {
        label: Label::Instruction,
        value: definition,
    });
    if let Some(from) = copy.flag("from").and_then(|f| f.value()) {
        ingredients.push(stage_or_image(model, finals, &expand(from)));
    } else {
        let (local, remote): (Vec<&String>, Vec<&String>) = expanded
            .iter()
            .partition(|s| !(s.contains("://") || s.starts_with("git@")));
        for url in remote {
            external = true;
            let pinned = copy.flag("checksum").and_then(|f| f.value()).unwrap_or("");
            ingredients.push(Ingredient {
                label: Label::Remote(url.clone()),
                value: format!("{url} {pinned}"),
            });
        }
        if !local.is_empty() {
            let local: Vec<String> = local.into_iter().cloned().collect();
            let excludes: Vec<String> = copy
                .flags
                .iter()
                .filter(|f| f.name() == "exclude")
                .filter_map(|f| f.value().map(expand))
                .collect();
            let (label, digest) = context.select_excluding(&local, &excludes);
            ingredients.push(Ingredient {
                label: Label::Files(label),
                value: digest,
            });
            reads.extend(local);
        }
    }
    Ok((ingredients, reads, external))
}

/// `--from=<stage name or index>` reads that stage's output; anything else is an image.
fn stage_or_image(model: &Model, finals: &[StageEnd], from: &str) -> Ingredient {
    let stage = model
        .stage_named(from)
        .map(|s| s.index)
        .or_else(|| from.parse::<usize>().ok());
    match stage.and_then(|i| finals.get(i).map(|f| (i, f))) {
        Some((i, end)) => Ingredient {
            label: Label::Stage(
                model.stages[i]
                    .name
                    .clone()
                    .unwrap_or_else(|| i.to_string()),
            ),
            value: end.key.clone(),
        },
        None => Ingredient {
            label: Label::Image(from.to_string()),
            value: from.to_string(),
        },
    }
}

/// The ARGs BuildKit fills in from the build and target platforms.
fn is_platform_arg(name: &str) -> bool {
    name != "TARGETSTAGE" && crate::model::PREDEFINED_ARGS.contains(&name)
}

fn is_proxy(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "http_proxy" | "https_proxy" | "ftp_proxy" | "no_proxy" | "all_proxy"
    )
}

/// A WORKDIR or destination path against the current working directory.
fn join_path(cwd: &str, path: &str) -> String {
    crate::context::container_path(cwd, path)
}

fn key_of(parent: &str, ingredients: &[Ingredient]) -> String {
    let mut hash = Sha256::new();
    hash.update(parent.as_bytes());
    for i in ingredients {
        hash.update([0]);
        hash.update(
            serde_json::to_string(&i.label)
                .unwrap_or_default()
                .as_bytes(),
        );
        hash.update([0]);
        hash.update(i.value.as_bytes());
    }
    crate::context::files::hex(&hash.finalize())
}

/// Stages the target needs: itself, the stages it is built on, and those it copies or
/// mounts from, transitively.
fn reachable_stages(model: &Model, target: Option<usize>) -> Vec<bool> {
    let mut reachable = vec![false; model.stages.len()];
    let mut queue: Vec<usize> = target.into_iter().collect();
    while let Some(s) = queue.pop() {
        if std::mem::replace(&mut reachable[s], true) {
            continue;
        }
        let stage = &model.stages[s];
        if let Base::Stage(parent) = stage.base {
            queue.push(parent);
        }
        for i in &model.dockerfile.instructions[stage.body.clone()] {
            let mut refs: Vec<String> = Vec::new();
            if let Some(from) = i.flag("from").and_then(|f| f.value()) {
                refs.push(from.to_string());
            }
            for flag in i.flags.iter().filter(|f| f.name() == "mount") {
                if let Some(from) = flag
                    .value()
                    .and_then(|v| Mount::parse(v).ok())
                    .and_then(|m| m.from)
                {
                    refs.push(from.into_owned());
                }
            }
            for r in refs {
                let found = model
                    .stages
                    .iter()
                    .position(|st| {
                        st.name
                            .as_deref()
                            .is_some_and(|n| n.eq_ignore_ascii_case(&r))
                    })
                    .or_else(|| r.parse::<usize>().ok().filter(|n| *n < model.stages.len()));
                if let Some(f) = found {
                    queue.push(f);
                }
            }
        }
    }
    reachable
}

/// Whether a COPY source pattern has wildcards.
pub fn has_wildcard(path: &str) -> bool {
    path.contains(['*', '?', '['])
}

/// A wildcard source as BuildKit matches it: each `*` stays within one path component.
pub fn wildcard_matcher(pattern: &str) -> Option<globset::GlobMatcher> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .ok()
        .map(|g| g.compile_matcher())
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_join_like_buildkit() {
        assert_eq!(super::join_path("/", "app"), "/app");
        assert_eq!(super::join_path("/app", "../x/"), "/x/");
        assert_eq!(super::join_path("/app", "/abs"), "/abs");
        assert_eq!(super::join_path("/app", "."), "/app");
    }

    /// Sizes as go-units reads them: units of 1024, any case, `b`/`ib` optional; what it
    /// refuses stays as written.
    #[test]
    fn mount_sizes_in_bytes() {
        use super::ram_in_bytes;
        assert_eq!(ram_in_bytes("1g"), ram_in_bytes("1024m"));
        assert_eq!(ram_in_bytes("1GiB"), Some(1 << 30));
        assert_eq!(ram_in_bytes("512kb"), Some(512 << 10));
        assert_eq!(ram_in_bytes("1.5k"), Some(1536));
        assert_eq!(ram_in_bytes("100"), Some(100));
        assert_eq!(ram_in_bytes("0"), Some(0));
        assert_eq!(ram_in_bytes("1x"), None);
        assert_eq!(ram_in_bytes("ib"), None);
        assert_eq!(ram_in_bytes("1ib"), Some(1));
        assert_eq!(ram_in_bytes(""), None);
    }
}
