//! Each stage of a build, timed on its own with criterion: load (YAML -> model), compose
//! (model -> document), layout (document -> pages), pdf (pages -> bytes), epub (document ->
//! bytes) and the whole in-memory render. Each runs on data/kloop.yaml and on a file 50 times
//! as long (tests/common/scale.rs). Run with `cargo bench --bench stages`; BENCHMARKS.md has the
//! latest numbers.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

use dossier::compose::compose;
use dossier::doc::Publication as Document;
use dossier::epub::{write_epub, EpubOptions};
use dossier::layout::{lay_out, Layout};
use dossier::load::{load_str, Loaded};
use dossier::pdf::{write_pdf, PdfOptions};
use dossier::{render, BuildOptions, Formats, Paper};

#[path = "../tests/common/scale.rs"]
mod scale;

/// One input and everything the stages before each benchmarked stage make from it.
struct Input {
    name: &'static str,
    yaml: String,
    loaded: Loaded,
    document: Document,
    layout: Layout,
}

impl Input {
    fn new(name: &'static str, yaml: String) -> Self {
        let loaded = load_str(&yaml, Path::new("kloop.yaml")).expect("the data loads");
        let document = compose(&loaded.organisation);
        let layout = lay_out(&document, Paper::A4, false).expect("the document lays out");
        Input { name, yaml, loaded, document, layout }
    }
}

fn pdf_options() -> PdfOptions {
    PdfOptions { timestamp: 0, creator: "bench".into() }
}

fn epub_options() -> EpubOptions {
    EpubOptions { timestamp: 0, generator: "bench".into() }
}

fn build_options() -> BuildOptions {
    BuildOptions {
        paper: Paper::A4,
        formats: Formats { pdf: true, epub: true },
        source_date_epoch: None,
        duplex: false,
    }
}

/// Benchmarks every stage of one input in its own group, `sample_size` samples each. Flat
/// sampling (the same iteration count in every sample) keeps the slow stages of the large input
/// to about `sample_size` iterations instead of criterion's linear 1 + 2 + ... + n.
fn bench_input(
    c: &mut Criterion,
    input: &Input,
    sample_size: usize,
    measurement: Duration,
    sampling: SamplingMode,
) {
    let mut group = c.benchmark_group(input.name);
    group.sample_size(sample_size);
    group.sampling_mode(sampling);
    group.measurement_time(measurement);
    group.warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Bytes(input.yaml.len() as u64));

    group.bench_function("load", |b| {
        b.iter(|| load_str(&input.yaml, Path::new("kloop.yaml")).expect("the data loads"))
    });
    group.bench_function("compose", |b| b.iter(|| compose(&input.loaded.organisation)));
    group.bench_function("layout", |b| {
        b.iter(|| lay_out(&input.document, Paper::A4, false).expect("the document lays out"))
    });
    let pdf = pdf_options();
    group.bench_function("pdf", |b| {
        b.iter_batched(
            || input.layout.clone(),
            |layout| write_pdf(&input.document, layout, &pdf).expect("the PDF is written"),
            criterion::BatchSize::LargeInput,
        )
    });
    let epub = epub_options();
    group.bench_function("epub", |b| {
        b.iter(|| write_epub(&input.document, &epub).expect("the EPUB is written"))
    });
    let build = build_options();
    group.bench_function("full", |b| b.iter(|| render(&input.loaded, &build).expect("the build succeeds")));
    group.finish();
}

fn stages(c: &mut Criterion) {
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("data/kloop.yaml is readable");
    let one = Input::new("kloop-1x", kloop);
    bench_input(c, &one, 20, Duration::from_secs(3), SamplingMode::Auto);

    let fifty = Input::new("kloop-50x", scale::scaled_kloop(50));
    bench_input(c, &fifty, 10, Duration::from_secs(5), SamplingMode::Flat);
}

criterion_group!(benches, stages);
criterion_main!(benches);
