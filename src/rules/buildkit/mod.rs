//! BuildKit's build checks (`docker build --check`) under their own names, and LL1001
//! for the `# check=` lines that name none of them: one file per check.

pub mod consistent_instruction_casing;
pub mod copy_ignored_file;
pub mod expose_invalid_format;
pub mod expose_proto_casing;
pub mod from_as_casing;
pub mod from_platform_flag_const_disallowed;
pub mod invalid_default_arg_in_from;
pub mod invalid_definition_description;
pub mod legacy_key_value_format;
pub mod ll1001;
pub mod no_empty_continuation;
pub mod secrets_used_in_arg_or_env;
pub mod stage_name_casing;
pub mod undefined_arg_in_from;
pub mod undefined_var;
pub mod workdir_relative_path;
