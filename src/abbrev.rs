//! Abbreviations that keep their final period in news text.
//!
//! Multi-letter initialisms with inner periods ("U.S.", "Ph.D.", "a.m.") are
//! recognised by shape in the tokenizer; this list holds the single-segment
//! ones that a shape cannot tell from a word at the end of a sentence.

/// Abbreviations (without their period), matched case-sensitively.
const ABBREVIATIONS: &[&str] = &[
    // Titles and honorifics.
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Pres",
    "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt", "Cpl", "Pvt", "Rev", "Hon", "Fr",
    "Sr", "Jr", "St", "Supt", "Insp", "Amb", "Atty", "Gens", "Brig", // Organisations.
    "Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Dept", "Assn", "Univ", "Intl", "Mfg", "Plc",
    // Months and weekdays.
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    // US states in AP style.
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Va", "Vt", "Wash", "Wis", "Wyo", // Other.
    "No", "Nos", "vs", "etc", "approx", "est", "Ave", "Blvd", "Rd", "Mt", "Ft", "Vol", "Fig", "Nr",
    "al", "cf",
];

/// Whether `word` (without its period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// Abbreviations that are also words ("No"), so they keep their period only before a number.
const NUMBER_ABBREVIATIONS: &[&str] = &["No", "Nos"];

/// Whether `word` (without its period) abbreviates "number" and keeps its
/// period only before one ("No. 1").
pub fn is_number_abbreviation(word: &str) -> bool {
    NUMBER_ABBREVIATIONS.contains(&word)
}

/// Abbreviations that are followed by a name, so a period after them never ends a sentence.
const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "Sen.", "Sens.", "Rep.", "Reps.", "Gov.",
    "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Sgt.", "Cpl.", "Pvt.", "Rev.",
    "Hon.", "Fr.", "St.", "Supt.", "Insp.", "Amb.", "Atty.", "Brig.", "No.", "Nos.", "vs.", "Mt.",
    "Ft.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// Whether a token ending in a period is a title or other abbreviation that never ends a sentence.
pub fn never_ends_sentence(token: &str) -> bool {
    TITLES.contains(&token)
}
