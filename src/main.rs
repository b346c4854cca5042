//! The `layerlint` command. The only place that prints and picks an exit code.

use clap::{Parser, Subcommand, ValueEnum};
use layerlint::diagnostics::Severity;
use layerlint::input::{self, InputError};
use layerlint::lint::lint;
use layerlint::output::{FileReport, render_json, render_text};
use layerlint::rules::{self, RULES};
use layerlint::syntax;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes: 0 clean, 1 findings at or above the failure threshold, 2 usage or I/O error.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "layerlint",
    version,
    about = "Dockerfile linter and build-cache advisor"
)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Lint Dockerfiles: files, `-` for stdin, or directories searched recursively.
    Check(CheckArgs),
    /// Print the parsed instructions in BuildKit's s-expression form.
    Dump {
        /// The Dockerfile, or `-` for stdin.
        file: PathBuf,
    },
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Show a rule's page: what it checks, why, and examples.
    Explain {
        /// A rule code (DL3006) or alias (MaintainerDeprecated).
        code: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, `-` for stdin, or directories (default: the current directory).
    paths: Vec<PathBuf>,
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 1 only for findings at or above this severity.
    #[arg(short = 't', long, default_value = "info", value_parser = parse_threshold)]
    failure_threshold: Threshold,
    /// Never colour the output (also: the NO_COLOR environment variable).
    #[arg(long)]
    no_color: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy)]
enum Threshold {
    At(Severity),
    Never,
}

fn parse_threshold(s: &str) -> Result<Threshold, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(Threshold::Never);
    }
    s.parse().map(Threshold::At)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Commands::Check(args) => check(args),
        Commands::Dump { file } => dump(&file),
        Commands::Rules { format } => list_rules(format),
        Commands::Explain { code } => explain(&code),
    };
    ExitCode::from(code)
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

/// Expand directories into the Dockerfiles below them; keep files and `-` as given.
fn collect_targets(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            match input::find_dockerfiles(path) {
                Ok(found) => targets.extend(found),
                Err(e) => errors.push(e),
            }
        } else {
            targets.push(path.clone());
        }
    }
    (targets, errors)
}

fn check(args: CheckArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let (targets, mut errors) = collect_targets(&paths);
    let results: Vec<Result<FileReport, InputError>> = targets
        .par_iter()
        .map(|path| {
            let (name, source) = read(path)?;
            let result = lint(&source);
            Ok(FileReport {
                path: name,
                dockerfile: result.dockerfile,
                diagnostics: result.diagnostics,
            })
        })
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(e) => errors.push(e),
        }
    }
    for error in &errors {
        report_error(error);
    }

    let color = !args.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stdout().is_terminal();
    let rendered = match args.format {
        Format::Text => render_text(&reports, color),
        Format::Json => render_json(&reports),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(rendered.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return EXIT_ERROR;
    }

    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    let failing =
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| match args.failure_threshold {
                Threshold::At(threshold) => d.severity.at_least(threshold),
                Threshold::Never => false,
            });
    if failing { EXIT_FINDINGS } else { 0 }
}

fn dump(path: &Path) -> u8 {
    let (name, source) = match read(path) {
        Ok(read) => read,
        Err(e) => {
            report_error(&e);
            return EXIT_ERROR;
        }
    };
    let dockerfile = syntax::parser::parse(&source);
    if let Some(error) = dockerfile.parser_errors().next() {
        let at = dockerfile.position(error.span.start);
        eprintln!(
            "layerlint: error: {name}:{}:{}: {}",
            at.line, at.column, error.message
        );
        return EXIT_ERROR;
    }
    print!("{}", syntax::dump::dump(&dockerfile));
    0
}

fn list_rules(format: ListFormat) -> u8 {
    match format {
        ListFormat::Text => {
            for rule in RULES {
                let m = &rule.meta;
                let aliases = if m.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" (also {})", m.aliases.join(", "))
                };
                println!(
                    "{:<8} {:<8} {}{}",
                    m.code,
                    m.default_severity.as_str(),
                    m.summary,
                    aliases
                );
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.meta.code,
                        "name": r.meta.name,
                        "severity": r.meta.default_severity,
                        "aliases": r.meta.aliases,
                        "summary": r.meta.summary,
                        "fixable": r.meta.fixable,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).expect("rules serialize")
            );
        }
    }
    0
}

fn explain(code: &str) -> u8 {
    match rules::find(code) {
        Some(rule) => {
            print!("{}", rule.meta.page);
            0
        }
        None => {
            let mut message = format!("layerlint: error: no rule named '{code}'");
            let names = RULES
                .iter()
                .flat_map(|r| std::iter::once(r.meta.code).chain(r.meta.aliases.iter().copied()));
            if let Some(s) = layerlint::suggest::closest(code, names) {
                message.push_str(&format!(" (did you mean {s}?)"));
            }
            eprintln!("{message}");
            EXIT_ERROR
        }
    }
}
