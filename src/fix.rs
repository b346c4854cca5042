//! `layerlint check --fix`: apply the findings' fixes, lint again, and repeat until
//! nothing changes (bounded), as ruff does. Fixes are data (`diagnostics::Fix`): edits
//! of byte spans, so CRLF, a BOM, the escape directive, heredoc bodies and comments stay
//! as they were wherever no edit touches them.

use crate::config::Settings;
use crate::diagnostics::{Applicability, Edit, apply_edits, take_if_clear};
use crate::lint::LintResult;

/// At most this many lint-and-fix passes over one file.
const MAX_PASSES: usize = 10;

#[derive(Clone, Copy, Debug, Default)]
pub struct FixOptions {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
}

/// A file after `--fix`.
pub struct Fixed {
    pub text: String,
    /// How many findings' fixes were applied, over all passes.
    pub applied: usize,
    /// The lint of the fixed text: what remains.
    pub result: LintResult,
    /// Remaining findings with an unsafe fix that `--unsafe-fixes` would apply.
    pub unsafe_available: usize,
}

/// Whether `--fix` applies this fix under these options and settings.
fn applies(
    applicability: Applicability,
    code: &str,
    options: FixOptions,
    settings: &Settings,
) -> bool {
    let allowed = match applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => options.unsafe_fixes,
        Applicability::Display => false,
    };
    allowed && settings.may_fix(code)
}

/// Fix `source` with `lint` (the same lint `check` runs on it) until no fix is left.
pub fn fix(
    source: &str,
    options: FixOptions,
    settings: &Settings,
    lint: impl Fn(&str) -> LintResult,
) -> Fixed {
    let mut text = source.to_string();
    let mut applied = 0;
    let mut result = lint(&text);
    for _ in 0..MAX_PASSES {
        let mut chosen: Vec<Edit> = Vec::new();
        let mut count = 0;
        for d in &result.diagnostics {
            let Some(fix) = &d.fix else { continue };
            if fix.edits.is_empty() || !applies(fix.applicability, &d.code, options, settings) {
                continue;
            }
            if take_if_clear(&mut chosen, &fix.edits) {
                count += 1;
            }
        }
        if chosen.is_empty() {
            break;
        }
        let mut next = text.clone();
        apply_edits(&mut next, &chosen);
        let next_result = lint(&next);
        // A fix must not break the parse; if it did, stop with the text before it.
        let broke = next_result.dockerfile().parser_errors().count()
            > result.dockerfile().parser_errors().count();
        if broke || next == text {
            break;
        }
        text = next;
        result = next_result;
        applied += count;
    }
    let unsafe_available = if options.unsafe_fixes {
        0
    } else {
        result
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix.as_ref().is_some_and(|f| {
                    f.applicability == Applicability::Unsafe
                        && !f.edits.is_empty()
                        && settings.may_fix(&d.code)
                })
            })
            .count()
    };
    Fixed {
        text,
        applied,
        result,
        unsafe_available,
    }
}
