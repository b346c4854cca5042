//! What the server computes for one document: its findings as LSP diagnostics (each with
//! its fix in `data`, so a code action needs no second lint), the code actions, hovers,
//! code lenses and symbols. Pure functions of the text and its settings; the loop in
//! `mod.rs` decides when to call them.

use super::position::LineMap;
use crate::cache::{self, BuildOptions, ContextState, Reason, Status, StepReport};
use crate::config::Settings;
use crate::context::{BuildContext, DockerIgnore, Listing};
use crate::diagnostics::{Applicability, Diagnostic, Severity};
use crate::fix::{FixOptions, fix};
use crate::lint::{LintResult, lint_with_build_context};
use crate::model::Model;
use crate::model::Scope;
use crate::rules;
use crate::syntax::{Dockerfile, Keyword};
use lsp_types as lsp;
use serde_json::json;
use std::path::{Path, PathBuf};

/// A document larger than this gets one diagnostic saying so, as `check` refuses it.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// What the lint of a document needs besides its text.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    pub settings: Settings,
    pub ignore: Option<DockerIgnore>,
    /// The build context (the document's folder), when the document is a file.
    pub context: Option<PathBuf>,
    pub path: Option<PathBuf>,
    /// A configuration or .dockerignore problem, shown on the first line.
    pub problem: Option<String>,
}

impl Environment {
    pub fn lint(&self, text: &str) -> LintResult {
        let build = self
            .context
            .as_deref()
            .map(|root| BuildContext::new(root, self.ignore.as_ref(), self.path.as_deref()));
        lint_with_build_context(text, &self.settings, self.ignore.as_ref(), build.as_ref())
    }
}

/// The fast findings of a text (no ShellCheck), or the one finding that says why there
/// are none.
pub fn lint_document(text: &str, env: &Environment) -> Result<LintResult, String> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "not linted: the document is {} MiB, over layerlint's limit of 16 MiB",
            text.len() / (1024 * 1024)
        ));
    }
    Ok(env.lint(text))
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Style => lsp::DiagnosticSeverity::HINT,
    }
}

/// Editors strike through deprecated code and fade unnecessary code.
fn tags(code: &str) -> Option<Vec<lsp::DiagnosticTag>> {
    match code {
        // MAINTAINER is deprecated.
        "DL4000" => Some(vec![lsp::DiagnosticTag::DEPRECATED]),
        // An unused variable, a `cd` that a WORKDIR would make unnecessary.
        "SC2034" | "SC2164" => Some(vec![lsp::DiagnosticTag::UNNECESSARY]),
        _ => None,
    }
}

/// Our findings as LSP diagnostics for the document at `version`.
pub fn to_lsp(
    uri: &lsp::Uri,
    diagnostics: &[Diagnostic],
    text: &str,
    map: &LineMap,
    version: i32,
    settings: &Settings,
) -> Vec<lsp::Diagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let data = d
                .fix
                .as_ref()
                .filter(|f| {
                    !f.edits.is_empty()
                        && f.applicability != Applicability::Display
                        && settings.may_fix(&d.code)
                })
                .map(|f| {
                    let edits: Vec<lsp::TextEdit> = f
                        .edits
                        .iter()
                        .map(|e| lsp::TextEdit {
                            range: map.range(text, e.span.start, e.span.end),
                            new_text: e.replacement.clone(),
                        })
                        .collect();
                    json!({
                        "version": version,
                        "fix": {
                            "title": f.message,
                            "applicability": f.applicability,
                            "edits": edits,
                        }
                    })
                });
            lsp::Diagnostic {
                range: map.range(text, d.span.start, d.span.end),
                severity: Some(severity(d.severity)),
                code: Some(lsp::NumberOrString::String(d.code.to_string())),
                code_description: rules::help_url(&d.code)
                    .and_then(|u| u.parse().ok())
                    .map(|href| lsp::CodeDescription { href }),
                source: Some("layerlint".into()),
                message: d.message.clone(),
                // The other places of one finding (the other unpinned packages, the CMD
                // a later one overrides).
                related_information: (!d.related.is_empty()).then(|| {
                    d.related
                        .iter()
                        .map(|r| lsp::DiagnosticRelatedInformation {
                            location: lsp::Location {
                                uri: uri.clone(),
                                range: map.range(text, r.start, r.end),
                            },
                            message: "also here".into(),
                        })
                        .collect()
                }),
                tags: tags(&d.code),
                data,
            }
        })
        .collect()
}

/// The one diagnostic of a document that could not be linted, or of a config problem.
pub fn note_at_start(message: &str) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 1)),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        source: Some("layerlint".into()),
        message: message.to_string(),
        ..Default::default()
    }
}

/// The fix a diagnostic carries (from `to_lsp`), if it was made for `version`.
fn carried_fix(d: &lsp::Diagnostic, version: i32) -> Option<(String, bool, Vec<lsp::TextEdit>)> {
    let data = d.data.as_ref()?;
    if data["version"].as_i64() != Some(i64::from(version)) {
        return None;
    }
    let fix = &data["fix"];
    let edits: Vec<lsp::TextEdit> = serde_json::from_value(fix["edits"].clone()).ok()?;
    Some((
        fix["title"].as_str()?.to_string(),
        fix["applicability"] == "safe",
        edits,
    ))
}

fn edit_of(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some([(uri.clone(), edits)].into_iter().collect()),
        ..Default::default()
    }
}

/// The code actions for a range: each finding's fix (preferred when safe), an ignore
/// pragma for each finding, and, when safe fixes exist, all of them at once.
pub fn code_actions(
    uri: &lsp::Uri,
    text: &str,
    map: &LineMap,
    version: i32,
    env: &Environment,
    params: &lsp::CodeActionParams,
) -> Vec<lsp::CodeActionOrCommand> {
    let only = params.context.only.as_ref();
    let wants = |kind: &lsp::CodeActionKind| {
        only.is_none_or(|o| o.iter().any(|k| kind.as_str().starts_with(k.as_str())))
    };
    let mut actions = Vec::new();
    let dockerfile = crate::syntax::parse(text);
    for d in &params.context.diagnostics {
        if d.source.as_deref() != Some("layerlint") {
            continue;
        }
        if wants(&lsp::CodeActionKind::QUICKFIX)
            && let Some((title, safe, edits)) = carried_fix(d, version)
        {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: if safe {
                    title
                } else {
                    format!("{title} (unsafe: review it)")
                },
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(edit_of(uri, edits)),
                is_preferred: Some(safe),
                ..Default::default()
            }));
        }
        if wants(&lsp::CodeActionKind::QUICKFIX)
            && let Some(lsp::NumberOrString::String(code)) = &d.code
            && code != crate::diagnostics::SYNTAX_ERROR_CODE
            && let Some((title, edit)) =
                ignore_edit(&dockerfile, map, code, map.offset(text, d.range.start))
        {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(edit_of(uri, vec![edit])),
                ..Default::default()
            }));
        }
    }
    let fix_all = lsp::CodeActionKind::SOURCE_FIX_ALL;
    if (wants(&fix_all) || wants(&lsp::CodeActionKind::QUICKFIX))
        && let Some(edit) = fix_all_edit(text, map, env)
    {
        actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: "Fix all safe problems in this file (layerlint)".into(),
            kind: Some(if wants(&fix_all) && only.is_some() {
                fix_all
            } else {
                lsp::CodeActionKind::QUICKFIX
            }),
            edit: Some(edit_of(uri, vec![edit])),
            ..Default::default()
        }));
    }
    actions
}

/// Every safe fix, applied as `check --fix` applies them (in passes, re-linting), as one
/// edit of the part of the text that changed.
pub fn fix_all_edit(text: &str, map: &LineMap, env: &Environment) -> Option<lsp::TextEdit> {
    let fixed = fix(text, FixOptions::default(), &env.settings, |t| env.lint(t));
    if fixed.text == text {
        return None;
    }
    let new = fixed.text;
    let prefix = text
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(text.len().min(new.len()), |((i, _), _)| i);
    let mut suffix = 0;
    for (a, b) in text[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
    {
        if a != b {
            break;
        }
        suffix += a.len_utf8();
    }
    let suffix = suffix.min(text.len() - prefix).min(new.len() - prefix);
    Some(lsp::TextEdit {
        range: map.range(text, prefix, text.len() - suffix),
        new_text: new[prefix..new.len() - suffix].to_string(),
    })
}

/// An edit that makes the file ignore `code` on the instruction at `offset`: the code
/// added to the instruction's `# hadolint ignore=` pragma, or a new one above it (with
/// `layerlint` for `hadolint` when the file already writes it so).
fn ignore_edit(
    dockerfile: &Dockerfile,
    map: &LineMap,
    code: &str,
    offset: usize,
) -> Option<(String, lsp::TextEdit)> {
    let text = &dockerfile.source;
    let index = dockerfile
        .instructions
        .iter()
        .position(|i| i.span.start <= offset && offset <= i.span.end)?;
    let model = Model::build(dockerfile);
    let title = format!("Ignore {code} on this instruction");
    if let Some(pragma) = model
        .pragmas
        .ignores
        .iter()
        .find(|p| p.scope == Scope::Instruction(index))
    {
        let comment = &text[pragma.span.start..pragma.span.end];
        let list = comment.find("ignore=")? + "ignore=".len();
        let end = comment[list..]
            .find(char::is_whitespace)
            .map_or(comment.len(), |e| list + e);
        let at = pragma.span.start + end;
        return Some((
            title,
            lsp::TextEdit {
                range: map.range(text, at, at),
                new_text: format!(",{code}"),
            },
        ));
    }
    let instruction = &dockerfile.instructions[index];
    let line_start = text[..instruction.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = &text[line_start..instruction.span.start];
    let indent: String = indent.chars().take_while(|c| c.is_whitespace()).collect();
    let tool =
        if dockerfile.comments.iter().any(|c| {
            c.text.starts_with("layerlint ignore") || c.text.starts_with("layerlint global")
        }) {
            "layerlint"
        } else {
            "hadolint"
        };
    Some((
        title,
        lsp::TextEdit {
            range: map.range(text, line_start, line_start),
            new_text: format!("{indent}# {tool} ignore={code}{}", dockerfile.newline()),
        },
    ))
}

/// A hover: the rule's page for a finding under the cursor, else, on a build step, the
/// context paths whose change rebuilds it.
pub fn hover(
    text: &str,
    map: &LineMap,
    env: &Environment,
    diagnostics: &[Diagnostic],
    position: lsp::Position,
) -> Option<lsp::Hover> {
    let offset = map.offset(text, position);
    let markdown = |value: String, range: Option<lsp::Range>| lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range,
    };
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d.span.start <= offset && offset <= d.span.end.max(d.span.start + 1))
    {
        let range = Some(map.range(text, d.span.start, d.span.end));
        if let Some(rule) = rules::find(&d.code) {
            return Some(markdown(rule.meta.page.to_string(), range));
        }
        if let Some(url) = rules::help_url(&d.code) {
            return Some(markdown(
                format!("**{}**: {}\n\n[{url}]({url})", d.code, d.message),
                range,
            ));
        }
    }
    let dockerfile = crate::syntax::parse(text);
    let instruction = dockerfile
        .instructions
        .iter()
        .find(|i| i.span.start <= offset && offset <= i.span.end)?;
    let steps = step_reports(&dockerfile, env)?;
    let step = steps.iter().find(|s| s.line == instruction.start_line)?;
    let range = Some(map.range(text, instruction.span.start, instruction.span.end));
    Some(markdown(step_hover(step), range))
}

fn step_hover(step: &StepReport) -> String {
    match (&step.status, &step.reason) {
        (Status::Skipped, _) => format!(
            "**{}** (stage {}): not built for the last stage, so no change rebuilds it there.",
            step.instruction, step.stage
        ),
        (_, Reason::WouldRebuildOn { paths }) if paths.is_empty() => format!(
            "**{}** (stage {}) reads no file of the build context: only a change to this or an earlier instruction, an ARG or the base image rebuilds it.",
            step.instruction, step.stage
        ),
        (_, Reason::WouldRebuildOn { paths }) => {
            let mut out = format!(
                "**{}** (stage {}) rebuilds when any of these context paths change (its own sources and those of the steps before it):\n",
                step.instruction, step.stage
            );
            for p in paths.iter().take(30) {
                out.push_str(&format!("\n- `{p}`"));
            }
            if paths.len() > 30 {
                out.push_str(&format!("\n- … and {} more", paths.len() - 30));
            }
            out
        }
        (_, reason) => format!(
            "**{}** (stage {}): {}",
            step.instruction,
            step.stage,
            reason.message()
        ),
    }
}

/// The cache model's verdicts with no change set (each step's paths), for a document
/// with a build context on disk.
pub fn step_reports(dockerfile: &Dockerfile, env: &Environment) -> Option<Vec<StepReport>> {
    let root = env.context.as_deref()?;
    if dockerfile.instructions.is_empty()
        || dockerfile.is_not_a_dockerfile()
        || dockerfile.parser_errors().next().is_some()
    {
        return None;
    }
    let model = Model::build(dockerfile);
    let listing = Listing::walk(root, env.ignore.as_ref()).ok()?;
    let state = ContextState::from_listing(&listing, |_| None);
    let plan = cache::plan(&model, &state, &BuildOptions::default()).ok()?;
    Some(cache::blast_radius(&plan))
}

/// A code lens above each build step: what rebuilds it, and, from a replay of recent
/// commits, how often it did.
pub fn code_lenses(
    text: &str,
    map: &LineMap,
    env: &Environment,
    replay: Option<&crate::cache::history::Replay>,
) -> Vec<lsp::CodeLens> {
    let fold = crate::syntax::fold_whitespace;
    let rebuilt = |step: &StepReport| {
        let replay = replay?;
        let count = replay
            .steps
            .iter()
            .find(|c| c.stage == step.stage && fold(&c.text) == fold(&step.text))?;
        Some(format!(
            " · rebuilt in {} of the last {} commits",
            count.rebuilds,
            replay.commits.len()
        ))
    };
    let dockerfile = crate::syntax::parse(text);
    let Some(steps) = step_reports(&dockerfile, env) else {
        return Vec::new();
    };
    steps
        .iter()
        .filter_map(|step| {
            let instruction = dockerfile
                .instructions
                .iter()
                .find(|i| i.start_line == step.line)?;
            let title = match (&step.status, &step.reason) {
                (Status::Skipped, _) => "not built for the last stage".to_string(),
                (_, Reason::WouldRebuildOn { paths }) if paths.is_empty() => {
                    "rebuilds when: this or an earlier instruction, an ARG or the base image changes".into()
                }
                (_, Reason::WouldRebuildOn { paths }) => {
                    let shown: Vec<&str> = paths.iter().take(4).map(String::as_str).collect();
                    let more = paths.len().saturating_sub(4);
                    let mut t = format!("rebuilds when: {}", shown.join(", "));
                    if more > 0 {
                        t.push_str(&format!(" and {more} more"));
                    }
                    t
                }
                (_, reason) => reason.message(),
            };
            let title = title + &rebuilt(step).unwrap_or_default();
            let start = instruction.span.start;
            Some(lsp::CodeLens {
                range: map.range(text, start, start),
                command: Some(lsp::Command {
                    title,
                    command: String::new(),
                    arguments: None,
                }),
                data: None,
            })
        })
        .collect()
}

/// The stages, each with its instructions, for the outline.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named to be built.
pub fn symbols(text: &str, map: &LineMap) -> Vec<lsp::DocumentSymbol> {
    let dockerfile = crate::syntax::parse(text);
    let model = Model::build(&dockerfile);
    let symbol =
        |name: String, detail: Option<String>, kind, start: usize, end: usize, children| {
            let range = map.range(text, start, end);
            lsp::DocumentSymbol {
                name,
                detail,
                kind,
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children,
            }
        };
    let first_line = |i: &crate::syntax::Instruction| {
        let line = dockerfile.text(i.span).lines().next().unwrap_or("").trim();
        crate::syntax::fold_whitespace(line)
            .chars()
            .take(80)
            .collect::<String>()
    };
    model
        .stages
        .iter()
        .map(|stage| {
            let from = &dockerfile.instructions[stage.from];
            let last = stage
                .body
                .clone()
                .last()
                .map_or(from, |i| &dockerfile.instructions[i]);
            let children: Vec<lsp::DocumentSymbol> = stage
                .body
                .clone()
                .map(|i| {
                    let ins = &dockerfile.instructions[i];
                    let kind = match ins.keyword {
                        Keyword::Arg | Keyword::Env => lsp::SymbolKind::VARIABLE,
                        Keyword::Label => lsp::SymbolKind::PROPERTY,
                        Keyword::Cmd | Keyword::Entrypoint => lsp::SymbolKind::FUNCTION,
                        _ => lsp::SymbolKind::EVENT,
                    };
                    symbol(
                        ins.keyword_word.value.to_uppercase(),
                        Some(first_line(ins)),
                        kind,
                        ins.span.start,
                        ins.span.end,
                        None,
                    )
                })
                .collect();
            let name = stage
                .name
                .clone()
                .unwrap_or_else(|| format!("stage {}", stage.index));
            symbol(
                name,
                Some(first_line(from)),
                lsp::SymbolKind::MODULE,
                from.span.start,
                last.span.end,
                Some(children),
            )
        })
        .collect()
}

/// The environment of a document at `path`: its folder is the build context.
pub fn context_of(path: &Path) -> Option<PathBuf> {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty() && p.is_dir())
        .map(Path::to_path_buf)
}
