//! Our own cache-ordering rules (LL2xxx): what makes BuildKit rebuild more than it needs
//! to, or ship bytes the image later deletes. The findings with a move come from the
//! model's layer advice (`model::layers`), which `cache --suggest` applies too.

pub mod ll2001;
pub mod ll2002;
pub mod ll2003;
pub mod ll2004;
pub mod ll2005;
pub mod ll2006;
pub mod ll2007;
pub mod ll2008;

use crate::diagnostics::Fix;
use crate::model::layers::{Advice, Layers};
use crate::rules::{Context, Reporter};

/// The layer advisor over this file and its context.
pub fn layers<'a>(cx: &'a Context<'a>) -> Layers<'a> {
    Layers {
        model: cx.model,
        build: cx.build,
    }
}

/// Report a finding with its move as the fix, when the move is an edit of this file.
pub fn report(out: &mut Reporter, advice: Advice) {
    let fix = advice.fix.filter(|m| !m.edits.is_empty()).map(|m| Fix {
        message: match &m.reason {
            Some(reason) => format!("{} (unsafe: {reason})", m.message),
            None => m.message,
        },
        applicability: m.applicability,
        edits: m.edits,
    });
    out.report_with_fix(advice.span, advice.message, fix);
}
