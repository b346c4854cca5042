//! `layerlint cache --suggest`: the Dockerfile with the layer advisor's moves applied,
//! pass after pass until none is left (a move can make room for another: merging a lone
//! `apt-get update` into its install lets the cleanup after it move in too).

use crate::context::BuildContext;
use crate::diagnostics::{Applicability, Edit};
use crate::model::Model;
use crate::model::layers::{Advice, Layers};
use serde::Serialize;

/// At most this many passes; each applies every move that does not overlap another.
const MAX_PASSES: usize = 8;

/// One applied move.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// The rule's name (`copy-before-install`).
    pub kind: &'static str,
    pub code: &'static str,
    /// The line it was found at, in the text its pass read.
    pub line: usize,
    /// 1 for a move on the file as written; 2 and more for one the earlier moves made
    /// possible (its line is in the text they left).
    pub pass: usize,
    pub message: String,
    pub applicability: Applicability,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Suggestion {
    pub dockerfile: String,
    /// The full new `.dockerignore`, or `None` when it stays as it is.
    pub dockerignore: Option<String>,
    pub changes: Vec<Change>,
}

fn kind_of(code: &str) -> &'static str {
    match code {
        "LL2001" => "copy-before-install",
        "LL2002" => "cleanup-in-separate-run",
        "LL2003" => "update-without-install",
        "LL2004" => "early-volatile-arg",
        "LL2007" => "dockerfile-in-context",
        _ => "move",
    }
}

/// The suggested Dockerfile (and `.dockerignore`). With `include_unsafe` false, only
/// the moves that keep the final filesystem and every RUN's environment are made.
pub fn suggest(
    source: &str,
    build: Option<&BuildContext>,
    dockerignore: Option<&str>,
    include_unsafe: bool,
) -> Suggestion {
    let mut text = source.to_string();
    let mut changes: Vec<Change> = Vec::new();
    let mut ignore_lines: Vec<String> = Vec::new();
    for pass in 1..=MAX_PASSES {
        let dockerfile = crate::syntax::parse(&text);
        if dockerfile.parser_errors().next().is_some() {
            break;
        }
        let model = Model::build(&dockerfile);
        let advice = Layers {
            model: &model,
            build,
        }
        .all();
        let mut chosen: Vec<Edit> = Vec::new();
        let mut progressed = false;
        for Advice {
            code,
            instruction,
            fix,
            ..
        } in advice
        {
            let Some(m) = fix else { continue };
            if m.applicability == Applicability::Unsafe && !include_unsafe {
                continue;
            }
            let new_ignores: Vec<String> = m
                .dockerignore
                .iter()
                .filter(|l| !ignore_lines.contains(l))
                .cloned()
                .collect();
            if m.edits.is_empty() && new_ignores.is_empty() {
                continue;
            }
            if !crate::diagnostics::take_if_clear(&mut chosen, &m.edits) {
                continue;
            }
            ignore_lines.extend(new_ignores);
            progressed = true;
            changes.push(Change {
                kind: kind_of(code),
                code,
                line: dockerfile.instructions[instruction].start_line,
                pass,
                message: m.message,
                applicability: m.applicability,
                reason: m.reason,
            });
        }
        if !progressed {
            break;
        }
        crate::diagnostics::apply_edits(&mut text, &chosen);
    }
    let dockerignore = (!ignore_lines.is_empty()).then(|| {
        let mut out = dockerignore.unwrap_or_default().to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        for line in &ignore_lines {
            out.push_str(line);
            out.push('\n');
        }
        out
    });
    Suggestion {
        dockerfile: text,
        dockerignore,
        changes,
    }
}

/// A unified diff of two texts, or an empty string when they are equal.
pub fn unified_diff(old: &str, new: &str, name: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
