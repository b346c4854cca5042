//! Parser and lint throughput: a large synthetic Dockerfile, a mix of realistic ones, and
//! the agreement corpus (tests/corpus). Run with `cargo bench --bench parse`; criterion
//! reports throughput per input.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

// The allocator the `layerlint` binary runs with, so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const REALISTIC: &[&str] = &[
    include_str!("../examples/api/Dockerfile"),
    include_str!("../examples/worker/Dockerfile"),
    include_str!("data/go-multistage.Dockerfile"),
    include_str!("data/debian-heredocs.Dockerfile"),
];

fn synthetic(target_bytes: usize) -> String {
    let mut out = String::with_capacity(target_bytes + 4096);
    let mut i = 0;
    while out.len() < target_bytes {
        out.push_str(REALISTIC[i % REALISTIC.len()]);
        out.push('\n');
        i += 1;
    }
    out
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");

    let large = synthetic(8 * 1024 * 1024);
    group.throughput(Throughput::Bytes(large.len() as u64));
    group.sample_size(20);
    group.bench_function("synthetic_8MiB", |b| {
        b.iter(|| layerlint::syntax::parse(black_box(&large)))
    });

    let mix_bytes: usize = REALISTIC.iter().map(|s| s.len()).sum();
    group.throughput(Throughput::Bytes(mix_bytes as u64));
    group.sample_size(100);
    group.bench_function("realistic_mix", |b| {
        b.iter(|| {
            for source in REALISTIC {
                black_box(layerlint::syntax::parse(black_box(source)));
            }
        })
    });
    group.bench_function("realistic_mix_lint", |b| {
        b.iter(|| {
            for source in REALISTIC {
                black_box(layerlint::lint::lint(black_box(source)));
            }
        })
    });
    group.finish();

    // The agreement corpus: real-world Dockerfiles of every kind (docker-library
    // scripts, heredocs, continuations with comments), read at run time.
    let corpus = corpus();
    let corpus_bytes: usize = corpus.iter().map(String::len).sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(corpus_bytes as u64));
    group.sample_size(30);
    group.bench_function("parse", |b| {
        b.iter(|| {
            for source in &corpus {
                black_box(layerlint::syntax::parse(black_box(source)));
            }
        })
    });
    group.bench_function("lint", |b| {
        b.iter(|| {
            for source in &corpus {
                black_box(layerlint::lint::lint(black_box(source)));
            }
        })
    });
    group.finish();
}

fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("Dockerfile"))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
