//! The one list of rules. Adding a rule means adding its file and one line here.

use super::{Rule, dl3000, dl3006, dl4000};

pub static RULES: &[&Rule] = &[&dl3000::RULE, &dl3006::RULE, &dl4000::RULE];

/// A rule by code or alias, case-insensitively.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| {
        r.meta.code.eq_ignore_ascii_case(code)
            || r.meta.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    })
}
