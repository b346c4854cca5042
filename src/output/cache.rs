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
