//! Training end to end on a tiny corpus written here: greedy training with
//! both ways of handling a gold tag the predicted history rules out, and
//! beam training with both updates, learn the corpus, and the model file
//! they write loads back the same.
#![cfg(feature = "train")]

use ner_highlight::corpus::read_corpus;
use ner_highlight::model::Model;
use ner_highlight::train::{train, TrainOptions, Training, UnreachableGold};
use ner_highlight::{ExtractOptions, Extractor, Label};

const CORPUS: &str = "-DOCSTART-\tO

Angela\tB-PER
Merkel\tI-PER
visited\tO
Paris\tB-LOC
.\tO

Emmanuel\tB-PER
Macron\tI-PER
flew\tO
to\tO
Berlin\tB-LOC
.\tO

-DOCSTART-\tO

Olaf\tB-PER
Scholz\tI-PER
met\tO
Joe\tB-PER
Biden\tI-PER
in\tO
Rome\tB-LOC
.\tO

The\tO
talks\tO
in\tO
Madrid\tB-LOC
ended\tO
.\tO
";

fn trained(unreachable_gold: UnreachableGold, training: Training) -> Model {
    let dir = std::env::temp_dir().join(format!("ner-train-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{unreachable_gold:?}-{training:?}.iob2"));
    std::fs::write(&path, CORPUS).unwrap();
    let docs = read_corpus(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let options = TrainOptions {
        epochs: 10,
        seed: 0,
        name: "tiny".into(),
        description: "test corpus".into(),
        unreachable_gold,
        training,
        min_weight: 0,
        case_copies_every: 0,
    };
    let (model, summary) = train(
        &docs,
        Default::default(),
        Default::default(),
        Default::default(),
        &options,
        &mut |_| {},
    )
    .expect("a tiny corpus makes a small model");
    assert!(summary.rows > 0 && summary.weights >= summary.rows);
    model
}

#[test]
fn every_way_learns_the_corpus_and_writes_a_model_that_loads() {
    for way in [
        (UnreachableGold::Nearest, Training::Greedy),
        (UnreachableGold::Skip, Training::Greedy),
        (UnreachableGold::Nearest, Training::EarlyUpdate),
        (UnreachableGold::Nearest, Training::MaxViolation),
    ] {
        let model = trained(way.0, way.1);
        let reloaded = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(reloaded, model, "{way:?}");
        let text = "Olaf Scholz met Joe Biden in Rome.";
        let found = Extractor::new(Some(&reloaded)).extract(text, &ExtractOptions::default());
        let spans: Vec<(&str, Label)> = found
            .entities
            .iter()
            .map(|e| (&text[e.start..e.end], e.label))
            .collect();
        assert_eq!(
            spans,
            [
                ("Olaf Scholz", Label::Per),
                ("Joe Biden", Label::Per),
                ("Rome", Label::Loc)
            ],
            "{way:?}"
        );
    }
}
