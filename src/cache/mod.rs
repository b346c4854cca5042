//! The cache model: given a Dockerfile, its build context and what changed since an
//! earlier build, which steps BuildKit will find in its cache and which it will run
//! again, and why.
//!
//! Both builds are turned into steps with cache keys (`steps`), over context states
//! (`state`); a step of the new build is cached when the earlier build made a step with
//! the same key. A difference is explained by the first ingredient of the key that
//! differs from the earlier step that followed the same parent.

pub mod git;
pub mod history;
pub mod state;
pub mod steps;
pub mod suggest;

pub use state::ContextState;
pub use steps::{BuildOptions, Ingredient, Label, Plan, Step, plan};

use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

/// A step of an earlier build: enough to tell whether a new step hits it and to explain
/// why not. This is also what `layerlint cache snapshot` writes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Record {
    pub key: String,
    pub parent_key: String,
    pub ingredients: Vec<Ingredient>,
}

impl From<&Step> for Record {
    fn from(s: &Step) -> Self {
        Record {
            key: s.key.clone(),
            parent_key: s.parent_key.clone(),
            ingredients: s.ingredients.clone(),
        }
    }
}

/// What an earlier build left in the cache, and the context it saw.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub records: Vec<Record>,
    /// The context entries the earlier build's steps read (for naming changed files).
    pub context: Option<ContextState>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Cached,
    Rebuild,
    /// The stage is not needed for the target.
    Skipped,
    /// FROM a registry image or ADD of a URL: unchanged here, but its content lives
    /// outside the context and may have moved.
    External,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Cached => "CACHED",
            Status::Rebuild => "REBUILD",
            Status::Skipped => "SKIPPED",
            Status::External => "EXTERNAL",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Reason {
    Unchanged,
    /// The step before it in the chain was rebuilt.
    ParentRebuilt,
    BaseImageChanged {
        image: String,
        /// The image the earlier build used, when it can be told.
        #[serde(skip_serializing_if = "Option::is_none")]
        previous: Option<String>,
    },
    InstructionChanged,
    NewStep,
    EnvChanged {
        name: String,
    },
    ArgChanged {
        name: String,
    },
    WorkdirChanged,
    UserChanged,
    FilesChanged {
        paths: Vec<String>,
    },
    /// COPY --from (or a mount) of a stage that was rebuilt. BuildKit compares the copied
    /// content, so the step stays cached if the stage's output comes out byte-identical;
    /// that cannot be known before building.
    StageRebuilt {
        stage: String,
        conditional: bool,
    },
    External {
        source: String,
    },
    RemoteChanged {
        source: String,
    },
    Unreachable,
    /// No change set was given: the context paths whose change would rebuild the step.
    WouldRebuildOn {
        paths: Vec<String>,
    },
}

impl Reason {
    pub fn message(&self) -> String {
        match self {
            Reason::Unchanged => "unchanged".into(),
            Reason::ParentRebuilt => "parent step rebuilt".into(),
            Reason::BaseImageChanged {
                image,
                previous: Some(old),
            } => format!("base image changed ({old} -> {image})"),
            Reason::BaseImageChanged { image, .. } => format!("base image changed ({image})"),
            Reason::InstructionChanged => "instruction text changed".into(),
            Reason::NewStep => "new step".into(),
            Reason::EnvChanged { name } => format!("ENV {name} changed"),
            Reason::ArgChanged { name } => format!("ARG {name} changed"),
            Reason::WorkdirChanged => "WORKDIR changed".into(),
            Reason::UserChanged => "USER changed".into(),
            Reason::FilesChanged { paths } if paths.is_empty() => "copied files changed".into(),
            Reason::FilesChanged { paths } => {
                let shown: Vec<&str> = paths.iter().take(3).map(String::as_str).collect();
                let more = paths.len().saturating_sub(3);
                let list = shown.join(", ");
                if more > 0 {
                    format!("{list} and {more} more changed")
                } else {
                    format!("{list} changed")
                }
            }
            Reason::StageRebuilt { stage, .. } => format!(
                "stage {stage} rebuilt (stays cached only if the copied files come out byte-identical)"
            ),
            Reason::External { source } => format!("depends on {source}, outside the context"),
            Reason::RemoteChanged { source } => format!("{source} changed"),
            Reason::Unreachable => "stage not needed for the target".into(),
            Reason::WouldRebuildOn { paths } if paths.is_empty() => {
                "no context file; only instruction, ARG or base image changes rebuild it".into()
            }
            Reason::WouldRebuildOn { paths } => {
                format!("rebuilt when any of these change: {}", paths.join(", "))
            }
        }
    }
}

/// One step's verdict.
#[derive(Clone, Debug, Serialize)]
pub struct StepReport {
    /// The stage's name, or its index.
    pub stage: String,
    pub line: usize,
    pub instruction: &'static str,
    pub text: String,
    pub status: Status,
    pub reason: Reason,
}

/// The verdict for every step of `plan` against what `baseline` left in the cache.
pub fn compare(plan: &Plan, new_state: &ContextState, baseline: &Baseline) -> Vec<StepReport> {
    let old_keys: HashSet<&str> = baseline.records.iter().map(|r| r.key.as_str()).collect();
    let mut by_parent: HashMap<&str, Vec<&Record>> = HashMap::new();
    for r in &baseline.records {
        by_parent.entry(r.parent_key.as_str()).or_default().push(r);
    }
    let hit = |key: &str| old_keys.contains(key);
    plan.steps
        .iter()
        .map(|step| {
            let (status, reason) = if !plan.reachable[step.stage] {
                (Status::Skipped, Reason::Unreachable)
            } else if hit(&step.key) {
                if step.external {
                    (
                        Status::External,
                        Reason::External {
                            source: external_source(step),
                        },
                    )
                } else {
                    (Status::Cached, Reason::Unchanged)
                }
            } else {
                (
                    Status::Rebuild,
                    explain(step, &by_parent, &hit, baseline, new_state),
                )
            };
            report(plan, step, status, reason)
        })
        .collect()
}

/// The verdicts for a build of `model` over `new_state`, after a build of `earlier` (the
/// same Dockerfile, or the one of a git revision; `None` if there was none) over
/// `old_state`.
pub fn compare_builds(
    earlier: Option<&crate::model::Model>,
    old_state: ContextState,
    model: &crate::model::Model,
    new_state: &ContextState,
    options: &BuildOptions,
) -> Result<Vec<StepReport>, String> {
    let records = match earlier {
        Some(m) => plan(m, &old_state, options)?.records(),
        None => Vec::new(),
    };
    let plan = plan(model, new_state, options)?;
    Ok(compare(
        &plan,
        new_state,
        &Baseline {
            records,
            context: Some(old_state),
        },
    ))
}

/// With no change set: for each step, the context paths whose change would rebuild it
/// (its own sources and those of every step before it in its chain).
pub fn blast_radius(plan: &Plan) -> Vec<StepReport> {
    let mut chains: HashMap<&str, BTreeSet<String>> = HashMap::new();
    let mut out = Vec::new();
    for step in &plan.steps {
        let mut paths: BTreeSet<String> = chains
            .get(step.parent_key.as_str())
            .cloned()
            .unwrap_or_default();
        paths.extend(step.reads.iter().cloned());
        // A COPY --from inherits the sources of the stage it copies from.
        for i in &step.ingredients {
            if matches!(i.label, Label::Stage(_))
                && let Some(upstream) = chains.get(i.value.as_str())
            {
                paths.extend(upstream.iter().cloned());
            }
        }
        chains.insert(step.key.as_str(), paths.clone());
        let (status, reason) = if !plan.reachable[step.stage] {
            (Status::Skipped, Reason::Unreachable)
        } else if step.external {
            (
                Status::External,
                Reason::External {
                    source: external_source(step),
                },
            )
        } else {
            (
                Status::Cached,
                Reason::WouldRebuildOn {
                    paths: paths.into_iter().collect(),
                },
            )
        };
        out.push(report(plan, step, status, reason));
    }
    out
}

fn report(plan: &Plan, step: &Step, status: Status, reason: Reason) -> StepReport {
    StepReport {
        stage: plan.stage_names[step.stage]
            .clone()
            .unwrap_or_else(|| step.stage.to_string()),
        line: step.line,
        instruction: step.keyword.as_str(),
        text: step.text.clone(),
        status,
        reason,
    }
}

fn external_source(step: &Step) -> String {
    step.ingredients
        .iter()
        .find_map(|i| match &i.label {
            Label::Image(s) | Label::Remote(s) => Some(s.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn explain(
    step: &Step,
    by_parent: &HashMap<&str, Vec<&Record>>,
    hit: &dyn Fn(&str) -> bool,
    baseline: &Baseline,
    new_state: &ContextState,
) -> Reason {
    // No earlier build at all (the Dockerfile is new since the revision): every step is
    // new, not "base image changed".
    if baseline.records.is_empty() {
        return Reason::NewStep;
    }
    if step.keyword == crate::syntax::Keyword::From {
        let image = external_source(step);
        // The earlier build's image of the same repository (`alpine:3.19` before
        // `alpine:3.20`), or its only base image.
        let repository = |r: &str| {
            r.split('@')
                .next()
                .map(|n| {
                    n.rsplit_once(':')
                        .filter(|(_, t)| !t.contains('/'))
                        .map_or(n, |(n, _)| n)
                })
                .unwrap_or(r)
                .to_string()
        };
        let roots: Vec<String> = by_parent
            .get("")
            .into_iter()
            .flatten()
            .filter_map(|r| {
                r.ingredients.iter().find_map(|i| match &i.label {
                    Label::Image(name) => Some(name.clone()),
                    _ => None,
                })
            })
            .filter(|name| *name != image)
            .collect();
        let previous = roots
            .iter()
            .find(|name| repository(name) == repository(&image))
            .cloned()
            .or_else(|| (roots.len() == 1).then(|| roots[0].clone()));
        return Reason::BaseImageChanged { image, previous };
    }
    if !step.parent_key.is_empty() && !hit(&step.parent_key) {
        return Reason::ParentRebuilt;
    }
    let Some(candidates) = by_parent.get(step.parent_key.as_str()) else {
        return Reason::NewStep;
    };
    // The earlier step that followed the same parent and shares most of this one.
    let shared = |r: &Record| {
        step.ingredients
            .iter()
            .filter(|i| r.ingredients.contains(i))
            .count()
    };
    let Some(best) = candidates.iter().max_by_key(|r| shared(r)) else {
        return Reason::NewStep;
    };
    if !best
        .ingredients
        .iter()
        .any(|i| i.label == step.ingredients[0].label)
    {
        return Reason::NewStep;
    }
    for ingredient in &step.ingredients {
        if best.ingredients.contains(ingredient) {
            continue;
        }
        return match &ingredient.label {
            Label::Instruction | Label::Shell => Reason::InstructionChanged,
            Label::Env(name) => Reason::EnvChanged { name: name.clone() },
            Label::Arg(name) => Reason::ArgChanged { name: name.clone() },
            Label::Workdir => Reason::WorkdirChanged,
            Label::User => Reason::UserChanged,
            Label::Files(sources) => {
                let sources: Vec<String> = sources.split(' ').map(String::from).collect();
                Reason::FilesChanged {
                    paths: baseline
                        .context
                        .as_ref()
                        .map(|old| old.changed_paths(new_state, &sources))
                        .unwrap_or_default(),
                }
            }
            Label::Stage(stage) => Reason::StageRebuilt {
                stage: stage.clone(),
                conditional: true,
            },
            Label::Image(image) => Reason::BaseImageChanged {
                image: image.clone(),
                previous: None,
            },
            Label::Remote(source) => Reason::RemoteChanged {
                source: source.clone(),
            },
        };
    }
    // Everything this step has, the old one had: something was removed (an ENV, an ARG).
    match best
        .ingredients
        .iter()
        .find(|i| !step.ingredients.contains(i))
        .map(|i| &i.label)
    {
        Some(Label::Env(name)) => Reason::EnvChanged { name: name.clone() },
        Some(Label::Arg(name)) => Reason::ArgChanged { name: name.clone() },
        _ => Reason::InstructionChanged,
    }
}
