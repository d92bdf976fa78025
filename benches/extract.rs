//! Criterion benchmarks of the native pipeline: `extract` on a news article
//! and on 1 MB of news text (throughput in tokens), with `news` and with the
//! neural `news-lg`; loading the models and loading the rule automata.
//! Run by `make bench` (scripts/bench.sh), which reads criterion's estimates.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ner_highlight::model::Model;
use ner_highlight::models::{NEWS_BYTES, NEWS_LG_BYTES};
use ner_highlight::neural::NeuralModel;
use ner_highlight::rules::RuleRecognizer;
use ner_highlight::tokenize::tokenize;
use ner_highlight::{ExtractOptions, Extractor};
use std::hint::black_box;
use std::time::Duration;

/// The benchmark article (about 600 words), also used by the Node and Chromium benchmarks.
const ARTICLE: &str = include_str!("fixtures/article.txt");

/// The article repeated, a blank line between copies, up to 1 MiB or just over
/// (scripts/bench-text.mjs builds the same text for JavaScript).
fn megabyte() -> String {
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(ARTICLE);
        text.push_str("\n\n");
    }
    text
}

fn bench_extract(c: &mut Criterion) {
    let model = Model::from_bytes(NEWS_BYTES).expect("the news model loads");
    let extractor = Extractor::new(Some(&model));
    let options = ExtractOptions::default();
    let mut group = c.benchmark_group("extract");
    for (name, text, samples) in [
        ("article", ARTICLE.to_string(), 100),
        ("1mb", megabyte(), 10),
    ] {
        group.sample_size(samples);
        group.throughput(Throughput::Elements(tokenize(&text).len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| extractor.extract(black_box(text), &options))
        });
    }
    group.finish();
}

/// The same texts with the neural `news-lg` (one thread).
fn bench_extract_news_lg(c: &mut Criterion) {
    let model = NeuralModel::from_bytes(NEWS_LG_BYTES).expect("the news-lg model loads");
    let extractor = Extractor::neural(&model);
    let options = ExtractOptions::default();
    let mut group = c.benchmark_group("news-lg");
    for (name, text) in [("article", ARTICLE.to_string()), ("1mb", megabyte())] {
        group.sample_size(10);
        group.throughput(Throughput::Elements(tokenize(&text).len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| extractor.extract(black_box(text), &options))
        });
    }
    group.finish();
}

fn bench_model_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("model");
    group.sample_size(20);
    group.bench_function("load", |b| {
        b.iter(|| Model::from_bytes(black_box(NEWS_BYTES)))
    });
    group.bench_function("load-news-lg", |b| {
        b.iter(|| NeuralModel::from_bytes(black_box(NEWS_LG_BYTES)))
    });
    group.finish();
}

/// Loading the rule recognisers' precompiled automata: paid once per process or page.
fn bench_rules_load(c: &mut Criterion) {
    c.benchmark_group("rules")
        .sample_size(20)
        .bench_function("load", |b| b.iter(RuleRecognizer::new));
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench_extract, bench_extract_news_lg, bench_model_load, bench_rules_load
}
criterion_main!(benches);
