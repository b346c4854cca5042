//! The `layerlint` command line: one file per subcommand. The only place that prints and
//! picks an exit code.

mod cache;
mod check;
mod completions;
mod files;
mod rules;

use clap::{Parser, Subcommand, ValueEnum};
use layerlint::input::{self, InputError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes: 0 clean, 1 findings at or above the failure threshold, 2 usage or I/O error.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "layerlint",
    version,
    disable_version_flag = true,
    about = "Dockerfile linter and build-cache advisor",
    after_help = "With no subcommand, layerlint means `check` (`layerlint Dockerfile` as `hadolint Dockerfile`; \
`layerlint` alone checks the current folder)."
)]
struct Cli {
    /// Print the version (hadolint's spelling: -V is `check --verbose`).
    #[arg(short = 'v', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Lint Dockerfiles: files, `-` for stdin, or directories searched recursively.
    Check(Box<check::CheckArgs>),
    /// Print the parsed instructions in BuildKit's s-expression form.
    Dump {
        /// The Dockerfile, or `-` for stdin.
        file: PathBuf,
    },
    /// List every rule.
    Rules {
        /// Output format: a table, or JSON.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Predict which build steps a change rebuilds, and why.
    #[command(after_long_help = cache::CACHE_HELP)]
    Cache(Box<cache::CacheArgs>),
    /// Show a rule's page: what it checks, why, and examples.
    Explain {
        /// A rule code (DL3006) or alias (MaintainerDeprecated).
        code: String,
    },
    /// Print a shell completion script (`layerlint completions bash > /etc/bash_completion.d/layerlint`).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page, in roff (`layerlint man > layerlint.1`).
    Man,
    /// Run the language server on stdin and stdout, for editors.
    Lsp,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

/// The subcommands; anything else first on the command line means `check`, so
/// `layerlint Dockerfile` works where `hadolint Dockerfile` did.
const SUBCOMMANDS: &[&str] = &[
    "check",
    "dump",
    "rules",
    "explain",
    "cache",
    "completions",
    "man",
    "lsp",
    "help",
];

pub fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // No subcommand means `check`, even with no argument at all (it checks `.`).
    let first = args.get(1).map(|a| a.to_string_lossy().into_owned());
    match first.as_deref() {
        None => args.push("check".into()),
        Some(f)
            if !SUBCOMMANDS.contains(&f) && !matches!(f, "-h" | "--help" | "-v" | "--version") =>
        {
            args.insert(1, "check".into())
        }
        _ => {}
    }
    let cli = Cli::parse_from(args);
    let code = match cli.command {
        Commands::Check(args) => check::check(*args),
        Commands::Dump { file } => rules::dump(&file),
        Commands::Rules { format } => rules::list_rules(format),
        Commands::Explain { code } => rules::explain(&code),
        Commands::Cache(args) => cache::cache(*args),
        Commands::Completions { shell } => completions::completions(shell),
        Commands::Man => completions::man(),
        Commands::Lsp => match layerlint::lsp::run_stdio() {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("layerlint: lsp: {e}");
                1
            }
        },
    };
    ExitCode::from(code)
}

/// The width of the terminal stdout is, else `COLUMNS`, else 120.
fn terminal_width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_, w)| usize::from(w))
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(120)
}

/// The exit code of a filter whose reader went away (128 + SIGPIPE).
const EXIT_BROKEN_PIPE: i32 = 141;

/// Write to stdout. A reader that closed the pipe (`| head`) ends the program quietly, as
/// a Unix filter ends; any other failure is an error to report.
fn emit(text: &str) -> Result<(), String> {
    emit_with(&mut |w| w.write_all(text.as_bytes()))
}

/// `emit` for output that `write` produces as it goes.
fn emit_with(write: files::Writer) -> Result<(), String> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(EXIT_BROKEN_PIPE)
        }
        Err(e) => Err(format!("stdout: {e}")),
    }
}

fn report_error(error: &InputError) {
    eprintln!("layerlint: error: {error}");
}

fn read(path: &Path) -> Result<(String, String), InputError> {
    if path.as_os_str() == "-" {
        Ok((input::STDIN_NAME.to_string(), input::read_stdin()?))
    } else {
        Ok((path.display().to_string(), input::read_file(path)?))
    }
}

/// `--build-arg K=V`, or `K` alone for the value of the environment variable `K`, as
/// `docker build` takes it (an unset variable is an error here: nothing would be set).
fn parse_build_arg(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        None if !s.is_empty() => std::env::var(s)
            .map(|v| (s.to_string(), v))
            .map_err(|_| format!("{s} is not set in the environment (write {s}=VALUE)")),
        _ => Err(format!("expected K=V, got {s:?}")),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every flag of every command says what it does in its help.
    #[test]
    fn every_flag_has_a_description() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "layerlint", &mut missing);
        assert!(missing.is_empty(), "flags without help: {missing:?}");
    }
}
