//! The one list of rules. Adding a rule means adding its file and one line here.

use super::*;

pub static RULES: &[&Rule] = &[
    &hadolint::dl1001::RULE,
    &hadolint::dl3000::RULE,
    &hadolint::dl3001::RULE,
    &hadolint::dl3002::RULE,
    &hadolint::dl3003::RULE,
    &hadolint::dl3004::RULE,
    &hadolint::dl3006::RULE,
    &hadolint::dl3007::RULE,
    &hadolint::dl3008::RULE,
    &hadolint::dl3009::RULE,
    &hadolint::dl3010::RULE,
    &hadolint::dl3011::RULE,
    &hadolint::dl3012::RULE,
    &hadolint::dl3013::RULE,
    &hadolint::dl3014::RULE,
    &hadolint::dl3015::RULE,
    &hadolint::dl3016::RULE,
    &hadolint::dl3018::RULE,
    &hadolint::dl3019::RULE,
    &hadolint::dl3020::RULE,
    &hadolint::dl3021::RULE,
    &hadolint::dl3022::RULE,
    &hadolint::dl3023::RULE,
    &hadolint::dl3024::RULE,
    &hadolint::dl3025::RULE,
    &hadolint::dl3026::RULE,
    &hadolint::dl3027::RULE,
    &hadolint::dl3028::RULE,
    &hadolint::dl3029::RULE,
    &hadolint::dl3030::RULE,
    &hadolint::dl3032::RULE,
    &hadolint::dl3033::RULE,
    &hadolint::dl3034::RULE,
    &hadolint::dl3035::RULE,
    &hadolint::dl3036::RULE,
    &hadolint::dl3037::RULE,
    &hadolint::dl3038::RULE,
    &hadolint::dl3040::RULE,
    &hadolint::dl3041::RULE,
    &hadolint::dl3042::RULE,
    &hadolint::dl3043::RULE,
    &hadolint::dl3044::RULE,
    &hadolint::dl3045::RULE,
    &hadolint::dl3046::RULE,
    &hadolint::dl3047::RULE,
    &hadolint::dl3048::RULE,
    &hadolint::dl3049::RULE,
    &hadolint::dl3050::RULE,
    &hadolint::dl3051::RULE,
    &hadolint::dl3052::RULE,
    &hadolint::dl3053::RULE,
    &hadolint::dl3054::RULE,
    &hadolint::dl3055::RULE,
    &hadolint::dl3056::RULE,
    &hadolint::dl3057::RULE,
    &hadolint::dl3058::RULE,
    &hadolint::dl3059::RULE,
    &hadolint::dl3060::RULE,
    &hadolint::dl3061::RULE,
    &hadolint::dl3062::RULE,
    &hadolint::dl3063::RULE,
    &hadolint::dl3064::RULE,
    &hadolint::dl3065::RULE,
    &hadolint::dl3066::RULE,
    &hadolint::dl3067::RULE,
    &hadolint::dl4000::RULE,
    &hadolint::dl4001::RULE,
    &hadolint::dl4003::RULE,
    &hadolint::dl4004::RULE,
    &hadolint::dl4005::RULE,
    &hadolint::dl4006::RULE,
    &buildkit::stage_name_casing::RULE,
    &buildkit::from_as_casing::RULE,
    &buildkit::no_empty_continuation::RULE,
    &buildkit::consistent_instruction_casing::RULE,
    &buildkit::undefined_arg_in_from::RULE,
    &buildkit::invalid_default_arg_in_from::RULE,
    &buildkit::workdir_relative_path::RULE,
    &buildkit::undefined_var::RULE,
    &buildkit::legacy_key_value_format::RULE,
    &buildkit::from_platform_flag_const_disallowed::RULE,
    &buildkit::copy_ignored_file::RULE,
    &buildkit::expose_proto_casing::RULE,
    &buildkit::expose_invalid_format::RULE,
    &buildkit::invalid_definition_description::RULE,
    &buildkit::secrets_used_in_arg_or_env::RULE,
    &buildkit::ll1001::RULE,
    &cache::ll2001::RULE,
    &cache::ll2002::RULE,
    &cache::ll2003::RULE,
    &cache::ll2004::RULE,
    &cache::ll2005::RULE,
    &cache::ll2006::RULE,
    &cache::ll2007::RULE,
    &cache::ll2008::RULE,
    &security::ll3001::RULE,
    &security::ll3002::RULE,
    &security::ll3003::RULE,
    &security::ll3004::RULE,
    &security::ll3005::RULE,
    &security::ll3006::RULE,
    &security::ll3007::RULE,
    &security::ll3008::RULE,
    &security::ll3009::RULE,
    &security::ll3010::RULE,
];

/// BuildKit's checks (`frontend/dockerfile/linter/ruleset.go`), by their names.
/// InvalidBaseImagePlatform is among them but needs the pulled image's platform, so no
/// rule answers to it (see the README).
pub const BUILDKIT_CHECKS: &[&str] = &[
    "StageNameCasing",
    "FromAsCasing",
    "NoEmptyContinuation",
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "JSONArgsRecommended",
    "MaintainerDeprecated",
    "UndefinedArgInFrom",
    "WorkdirRelativePath",
    "UndefinedVar",
    "MultipleInstructionsDisallowed",
    "LegacyKeyValueFormat",
    "InvalidBaseImagePlatform",
    "RedundantTargetPlatform",
    "SecretsUsedInArgOrEnv",
    "InvalidDefaultArgInFrom",
    "FromPlatformFlagConstDisallowed",
    "CopyIgnoredFile",
    "InvalidDefinitionDescription",
    "ExposeProtoCasing",
    "ExposeInvalidFormat",
];

/// A rule by code or alias, case-insensitively. A map built on first use: every finding
/// is looked up (for suppression, overrides and outputs), so a scan would cost per rule.
pub fn find(code: &str) -> Option<&'static Rule> {
    static BY_NAME: std::sync::OnceLock<foldhash::HashMap<String, &'static Rule>> =
        std::sync::OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        let mut map = foldhash::HashMap::default();
        // A rule's own code wins over another rule's alias of the same name
        // (SecretsUsedInArgOrEnv is a rule and an alias of DL3064).
        for rule in RULES.iter().copied() {
            map.insert(rule.meta.code.to_ascii_lowercase(), rule);
        }
        for rule in RULES.iter().copied() {
            for name in std::iter::once(rule.meta.code)
                .chain(rule.meta.aliases.iter().copied())
                .chain(rule.meta.peer_checks.iter().copied())
            {
                // The first rule with a name keeps it (for DS-0001, shared by DL3006 and
                // DL3007, `explain` shows DL3006); suppression asks every rule.
                map.entry(name.to_ascii_lowercase()).or_insert(rule);
            }
        }
        map
    });
    // Most lookups are of a code as the registry spells it (`DL3008`): no allocation.
    static EXACT: std::sync::OnceLock<foldhash::HashMap<&'static str, &'static Rule>> =
        std::sync::OnceLock::new();
    let exact = EXACT.get_or_init(|| {
        let mut map = foldhash::HashMap::default();
        for rule in RULES.iter().copied() {
            map.insert(rule.meta.code, rule);
        }
        map
    });
    if let Some(rule) = exact.get(code) {
        return Some(rule);
    }
    let code = canonical_name(code);
    if code.bytes().any(|b| b.is_ascii_uppercase()) {
        by_name.get(&code.to_ascii_lowercase()).copied()
    } else {
        by_name.get(code.as_ref()).copied()
    }
}

/// A rule name as the registry spells it. Trivy has written its IDs three ways over the
/// years (`DS002`, `AVD-DS-0002`, `DS-0002`) and configurations in the wild use all of
/// them; they become `DS-0002`. Any other name is returned as it is.
pub fn canonical_name(name: &str) -> std::borrow::Cow<'_, str> {
    // Every finding's suppression asks this of every name it meets: most are no Trivy
    // ID, and they cost one comparison, not an allocation.
    let bytes = name.as_bytes();
    let trivy = bytes.len() >= 3
        && (bytes[..2].eq_ignore_ascii_case(b"ds") || bytes[..3].eq_ignore_ascii_case(b"avd"));
    if !trivy {
        return std::borrow::Cow::Borrowed(name);
    }
    let upper = name.to_ascii_uppercase();
    let digits = upper
        .strip_prefix("AVD-DS-")
        .or_else(|| upper.strip_prefix("DS-"))
        .or_else(|| upper.strip_prefix("DS"));
    match digits {
        Some(d) if !d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit()) => {
            let number: u32 = d.parse().unwrap_or(0);
            std::borrow::Cow::Owned(format!("DS-{number:04}"))
        }
        _ => std::borrow::Cow::Borrowed(name),
    }
}

/// The tool an alias comes from, by its shape.
pub fn alias_tool(alias: &str) -> &'static str {
    if alias.starts_with("DS-") {
        "Trivy"
    } else if alias.starts_with("CKV") {
        "Checkov"
    } else {
        "BuildKit"
    }
}

/// Where a finding's code is explained on the web: the rule's page in this repository,
/// or ShellCheck's wiki for an SC code.
pub fn help_url(code: &str) -> Option<String> {
    if let Some(number) = code.strip_prefix("SC")
        && number.chars().all(|c| c.is_ascii_digit())
    {
        return Some(format!("https://www.shellcheck.net/wiki/{code}"));
    }
    find(code).map(|rule| {
        format!(
            "https://github.com/layerlint/layerlint/blob/main/rules/{}.md",
            rule.meta.code
        )
    })
}
