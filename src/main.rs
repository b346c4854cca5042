//! The `layerlint` command; everything it does is in `cli`.

mod cli;

// Linting many small files is allocation-heavy (AST words, shell parses, findings);
// mimalloc's thread-local free lists cost a fraction of glibc malloc's consolidation.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
