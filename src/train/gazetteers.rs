//! Building the tagger's gazetteer from the lists in `../shared/data/gazetteers`.
//!
//! Types: first names (US Social Security records), countries and their
//! demonyms (mledoze/countries), cities and regions (GeoNames via
//! datasets/world-cities) and listed companies (S&P 500, NASDAQ, NYSE).

use crate::model::features::TokenInfo;
use crate::model::gazetteer::Gazetteer;
use crate::tokenize::tokenize;
use std::fmt;
use std::path::Path;

/// Why the gazetteer lists could not be read.
#[derive(Debug)]
pub struct GazetteerError {
    /// The file.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "gazetteer {}: {}", self.path, self.message)
    }
}

impl std::error::Error for GazetteerError {}

const TYPES: [&str; 6] = [
    "first_name",
    "country",
    "demonym",
    "city",
    "region",
    "company",
];
const FIRST_NAME: u8 = 1;
const COUNTRY: u8 = 2;
const DEMONYM: u8 = 4;
const CITY: u8 = 8;
const REGION: u8 = 16;
const COMPANY: u8 = 32;

/// First names given to at least this many US babies since 1880.
const MIN_NAME_COUNT: u64 = 2000;

/// Words at the end of listed company names that are not part of the name people use.
const COMPANY_SUFFIXES: &[&str] = &[
    "Common Stock",
    "Ordinary Shares",
    "American Depositary Shares",
    "Depositary Shares",
    "Class A",
    "Class B",
    "Class C",
    "Inc.",
    "Inc",
    "Corporation",
    "Corp.",
    "Corp",
    "Ltd.",
    "Ltd",
    "Limited",
    "plc",
    "PLC",
    "N.V.",
    "S.A.",
    "AG",
    "SE",
    "L.P.",
    "LP",
    "LLC",
    "Co.",
    "Company",
    "Holdings",
    "Holding",
    "Group",
    "Trust",
    "Fund",
    "ETF",
    "&",
    ",",
    "The",
];

/// Reads every list in `dir` into one gazetteer.
pub fn load_gazetteers(dir: &Path) -> Result<Gazetteer, GazetteerError> {
    let mut g = Gazetteer {
        types: TYPES.iter().map(|t| t.to_string()).collect(),
        ..Gazetteer::default()
    };
    let read = |name: &str| -> Result<csv::Reader<std::fs::File>, GazetteerError> {
        let path = dir.join(name);
        let delimiter = if name.ends_with(".tsv") { b'\t' } else { b',' };
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .quoting(delimiter == b',')
            .from_path(&path)
            .map_err(|e| GazetteerError {
                path: path.display().to_string(),
                message: e.to_string(),
            })
    };
    let error = |name: &str, e: csv::Error| GazetteerError {
        path: dir.join(name).display().to_string(),
        message: e.to_string(),
    };

    let names = "first-names-ssa-1880-2023.tsv";
    for row in read(names)?.records() {
        let row = row.map_err(|e| error(names, e))?;
        let count: u64 = row.get(2).and_then(|c| c.parse().ok()).unwrap_or(0);
        if count >= MIN_NAME_COUNT {
            add(&mut g, &row[0], FIRST_NAME);
        }
    }

    let countries = "countries.tsv";
    for row in read(countries)?.records() {
        let row = row.map_err(|e| error(countries, e))?;
        for field in [2, 3] {
            add(&mut g, row.get(field).unwrap_or(""), COUNTRY);
        }
        for alt in row
            .get(4)
            .unwrap_or("")
            .split('|')
            .filter(|a| a.chars().count() > 3)
        {
            add(&mut g, alt, COUNTRY);
        }
        for field in [5, 6] {
            add(&mut g, row.get(field).unwrap_or(""), DEMONYM);
        }
        for capital in row.get(7).unwrap_or("").split('|') {
            add(&mut g, capital, CITY);
        }
    }

    let cities = "world-cities.csv";
    for row in read(cities)?.records() {
        let row = row.map_err(|e| error(cities, e))?;
        add(&mut g, row.get(0).unwrap_or(""), CITY);
        add(&mut g, row.get(2).unwrap_or(""), REGION);
    }

    for (file, column) in [
        ("sp500-constituents.csv", 1),
        ("nasdaq-listed.csv", 1),
        ("nyse-listed.csv", 1),
        ("other-listed.csv", 1),
    ] {
        for row in read(file)?.records() {
            let row = row.map_err(|e| error(file, e))?;
            if let Some(name) = row.get(column) {
                add(&mut g, &company_name(name), COMPANY);
            }
        }
    }
    Ok(g)
}

/// A listed company's name as news writes it: "Agilent Technologies, Inc.
/// Common Stock" becomes "Agilent Technologies".
fn company_name(listed: &str) -> String {
    let mut name = listed.split(" - ").next().unwrap_or("").trim().to_string();
    loop {
        let before = name.len();
        for suffix in COMPANY_SUFFIXES {
            if let Some(rest) = name.strip_suffix(suffix) {
                if rest.is_empty() || rest.ends_with([' ', ',']) {
                    name = rest.trim_end_matches([' ', ',']).to_string();
                }
            }
        }
        if name.len() == before {
            return name;
        }
    }
}

fn add(g: &mut Gazetteer, entry: &str, type_bit: u8) {
    let entry = entry.trim();
    if entry.is_empty() {
        return;
    }
    let infos: Vec<TokenInfo> = tokenize(entry)
        .iter()
        .map(|t| TokenInfo::new(t.text(entry)))
        .collect();
    if infos.len() <= 6 {
        g.insert(&infos, type_bit);
    }
}

#[cfg(test)]
mod tests {
    use super::company_name;

    #[test]
    fn company_names_lose_their_listing_suffixes() {
        assert_eq!(
            company_name("Agilent Technologies, Inc. Common Stock"),
            "Agilent Technologies"
        );
        assert_eq!(company_name("Alcoa Corporation Common Stock "), "Alcoa");
        assert_eq!(
            company_name("Artius II Acquisition Inc. - Class A Ordinary Shares"),
            "Artius II Acquisition"
        );
    }
}
