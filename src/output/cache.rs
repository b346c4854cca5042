//! The cache model's verdicts: a table for people, a JSON contract for editors and CI.

use crate::cache::StepReport;
use serde_json::json;
use std::fmt::Write;

/// One row per step: line, stage, verdict, instruction, and why.
/// The table, for a terminal `columns` wide (the step column grows from 40 to 72).
pub fn render_cache_text(steps: &[StepReport], columns: usize) -> String {
    let mut out = String::new();
    let stage_width = steps
        .iter()
        .map(|s| s.stage.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let step_width = columns.saturating_sub(80).clamp(40, 72);
    let _ = writeln!(
        out,
        "{:>5}  {:<stage_width$}  {:<8}  {:<step_width$}  WHY",
        "LINE", "STAGE", "STATUS", "STEP"
    );
    for s in steps {
        let first_line = s.text.lines().next().unwrap_or("");
        // Tabs and runs of spaces from RUN scripts show as one space.
        let folded = crate::syntax::fold_whitespace(first_line);
        let mut text: String = folded.chars().take(step_width).collect();
        if folded.chars().count() > step_width || s.text.contains('\n') {
            text.pop();
            text.push('…');
        }
        let _ = writeln!(
            out,
            "{:>5}  {:<stage_width$}  {:<8}  {:<step_width$}  {}",
            s.line,
            s.stage,
            s.status.as_str(),
            text,
            s.reason.message()
        );
    }
    let rebuilt = steps
        .iter()
        .filter(|s| s.status == crate::cache::Status::Rebuild)
        .count();
    let _ = writeln!(
        out,
        "{rebuilt} of {} steps rebuild.",
        steps
            .iter()
            .filter(|s| s.status != crate::cache::Status::Skipped)
            .count()
    );
    out
}

/// The version of every JSON object `layerlint cache` prints (`schemas/cache.v1.json`).
/// It goes up when a field changes meaning or goes away; new fields keep it.
pub const CACHE_JSON_VERSION: u64 = 1;

/// Any `cache` JSON result, as printed: `{"version": 1, ...its own fields in order}`.
pub fn render_versioned(body: &impl serde::Serialize) -> String {
    #[derive(serde::Serialize)]
    struct Versioned<'a, T> {
        version: u64,
        #[serde(flatten)]
        body: &'a T,
    }
    let versioned = Versioned {
        version: CACHE_JSON_VERSION,
        body,
    };
    let mut out = serde_json::to_string_pretty(&versioned).expect("cache JSON serializes");
    out.push('\n');
    out
}

/// `{"version":1,"steps":[{"stage","line","instruction","text","status","reason":{...}}]}`;
/// the reason carries `kind`, a human `message`, and its own fields (`name`, `paths`, ...).
pub fn render_cache_json(steps: &[StepReport]) -> String {
    let steps: Vec<serde_json::Value> = steps
        .iter()
        .map(|s| {
            let mut reason = serde_json::to_value(&s.reason).unwrap_or_default();
            reason["message"] = s.reason.message().into();
            json!({
                "stage": s.stage,
                "line": s.line,
                "instruction": s.instruction,
                "text": s.text,
                "status": s.status,
                "reason": reason,
            })
        })
        .collect();
    render_versioned(&json!({ "steps": steps }))
}

/// A table cell's text as inline code: whitespace folded, at most 80 characters, pipes
/// escaped (GitHub ends a cell at a bare `|`, even inside code).
fn code_cell(text: &str) -> String {
    let folded = crate::syntax::fold_whitespace(text.lines().next().unwrap_or(""));
    let mut shown: String = folded.chars().take(80).collect();
    if folded.chars().count() > 80 || text.contains('\n') {
        shown.push('…');
    }
    let shown = shown.replace('|', "\\|");
    if shown.contains('`') {
        format!("`` {shown} ``")
    } else {
        format!("`{shown}`")
    }
}

/// A path as a heading shows it: no leading `./`, no backticks to break the code span.
fn file_label(file: &str) -> String {
    file.strip_prefix("./").unwrap_or(file).replace('`', "'")
}

fn text_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The verdicts as Markdown for a pull request or a job summary: a heading that says how
/// many steps rebuild, and a table of those steps with why.
pub fn render_cache_markdown(file: &str, steps: &[StepReport]) -> String {
    use crate::cache::Status;
    let built: Vec<&StepReport> = steps
        .iter()
        .filter(|s| s.status != Status::Skipped)
        .collect();
    let rebuilt: Vec<&StepReport> = built
        .iter()
        .copied()
        .filter(|s| s.status == Status::Rebuild)
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#### `{}`: {} of {} steps rebuild\n",
        file_label(file),
        rebuilt.len(),
        built.len()
    );
    if rebuilt.is_empty() {
        out.push_str("Every step stays cached.\n");
        return out;
    }
    out.push_str("| Line | Stage | Step | Why |\n| ---: | --- | --- | --- |\n");
    for s in rebuilt {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            s.line,
            text_cell(&s.stage),
            code_cell(&s.text),
            text_cell(&s.reason.message())
        );
    }
    out
}

/// `cache --suggest` as Markdown: the moves as a list, the diffs folded away.
pub fn render_suggest_markdown(
    file: &str,
    suggestion: &crate::cache::suggest::Suggestion,
    diffs: &str,
) -> String {
    let mut out = String::new();
    let file = file_label(file);
    if suggestion.changes.is_empty() {
        let _ = writeln!(
            out,
            "#### `{file}`: nothing to suggest\n\nNo move makes this Dockerfile rebuild less."
        );
        return out;
    }
    let _ = writeln!(out, "#### `{file}`: a Dockerfile that rebuilds less\n");
    for c in &suggestion.changes {
        let then = if c.pass > 1 { "then " } else { "" };
        let _ = write!(
            out,
            "- {then}line {}: **{}** {} ({}): {}",
            c.line,
            c.code,
            c.kind,
            c.applicability.as_str(),
            c.message
        );
        if let Some(reason) = &c.reason {
            let _ = write!(out, "; unsafe because {reason}");
        }
        out.push('\n');
    }
    // A fence longer than any run of backticks in the diff.
    let longest = diffs.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let _ = write!(
        out,
        "\n<details><summary>The change (<code>layerlint cache --suggest --write</code> makes the safe moves)</summary>\n\n{fence}diff\n{diffs}{fence}\n\n</details>\n"
    );
    out
}

/// `cache --history` as Markdown: each step's rebuilds over the replayed commits, and
/// with the suggestion beside it when there is one.
pub fn render_history_markdown(
    file: &str,
    replay: &crate::cache::history::Replay,
    suggested: Option<&crate::cache::history::Replay>,
) -> String {
    let n = replay.commits.len();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#### `{}`: rebuilds over the last {n} commits\n",
        file_label(file)
    );
    let fold = crate::syntax::fold_whitespace;
    let after = |s: &crate::cache::history::StepCount| {
        suggested.map(|sug| {
            sug.steps
                .iter()
                .find(|x| x.stage == s.stage && fold(&x.text) == fold(&s.text))
                .map_or("merged or moved".to_string(), |x| {
                    format!("{} of {n}", x.rebuilds)
                })
        })
    };
    if suggested.is_some() {
        out.push_str("| Line | Step | Rebuilt | Suggested |\n| ---: | --- | ---: | ---: |\n");
    } else {
        out.push_str("| Line | Step | Rebuilt |\n| ---: | --- | ---: |\n");
    }
    for s in &replay.steps {
        let _ = write!(
            out,
            "| {} | {} | {} of {n} |",
            s.line,
            code_cell(&s.text),
            s.rebuilds
        );
        if let Some(a) = after(s) {
            let _ = write!(out, " {a} |");
        }
        out.push('\n');
    }
    if let Some(sug) = suggested {
        // Steps only the suggestion has (the manifests' COPY it adds, a merged RUN).
        for s in sug.steps.iter().filter(|s| {
            !replay
                .steps
                .iter()
                .any(|x| x.stage == s.stage && fold(&x.text) == fold(&s.text))
        }) {
            let _ = writeln!(
                out,
                "| new | {} | | {} of {n} |",
                code_cell(&s.text),
                s.rebuilds
            );
        }
        let total =
            |r: &crate::cache::history::Replay| r.steps.iter().map(|s| s.rebuilds).sum::<usize>();
        let _ = writeln!(
            out,
            "\nStep rebuilds over {n} commits: {} now, {} with the suggestion.",
            total(replay),
            total(sug)
        );
    }
    out
}
