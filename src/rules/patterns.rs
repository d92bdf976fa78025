//! The patterns of the rule recognisers, in news style, written once here.
//!
//! Pieces in braces (`{NUMBER}`) are expanded from [`PIECES`] before the
//! patterns are compiled, so each pattern reads like the phrases it finds.
//! Word boundaries are ASCII (`(?-u:\b)`): DFAs support no other kind. A match
//! must also start and end on token boundaries, which the recogniser checks.
//!
//! After changing a pattern, run `make rules` to rebuild the automata the
//! library embeds (`patterns.dfa`); a test fails until then.

use super::context::Check;
use crate::label::Label;

/// A rule: a pattern for one label, its confidence and an optional context check.
pub struct PatternSpec {
    /// The label of what the pattern finds.
    pub label: Label,
    /// The pattern, with `{PIECE}` placeholders. Read only when the automata
    /// are built (`train` feature); the library runs their compiled form.
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub pattern: &'static str,
    /// The score given to a match.
    pub score: f32,
    /// A check of the match's context that can reject it.
    pub check: Check,
}

/// Named pieces that patterns share. Later pieces may use earlier ones.
#[cfg_attr(not(feature = "train"), allow(dead_code))]
pub const PIECES: &[(&str, &str)] = &[
    (
        "UNIT_WORD",
        r"(?i:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)",
    ),
    ("SCALE", r"(?i:hundred|thousand|million|billion|trillion)"),
    (
        "WORD_NUMBER",
        r"(?:{UNIT_WORD}(?:-{UNIT_WORD})?(?:\s+(?:and\s+)?(?:{UNIT_WORD}(?:-{UNIT_WORD})?|{SCALE}))*|(?i:a|one)\s+(?:half|{SCALE}|dozen)|(?i:dozens|hundreds|thousands|millions|billions|a\s+dozen))",
    ),
    (
        "DIGITS",
        r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)",
    ),
    (
        "NUMBER",
        r"(?:{DIGITS}(?:\s*(?:{SCALE}|bn|mn|tn)(?-u:\b))?|{WORD_NUMBER})",
    ),
    (
        "MODIFIER",
        r"(?:(?i:about|around|approximately|roughly|nearly|almost|over|under|some|only|just|up\s+to|at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|as\s+many\s+as|as\s+much\s+as|an\s+estimated|an\s+additional|another|exactly)\s+)",
    ),
    (
        "MONTH",
        r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)",
    ),
    (
        "MONTH_UNAMBIGUOUS",
        r"(?:January|February|April|June|July|August|September|October|November|December)",
    ),
    (
        "WEEKDAY",
        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    ),
    ("DAY", r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"),
    ("YEAR", r"(?:1[5-9][0-9]{2}|20[0-9]{2})"),
    (
        "PERIOD",
        r"(?i:weekend|week|month|year|decade|century|spring|summer|fall|autumn|winter|quarter|season)",
    ),
    (
        "PERIODS",
        r"(?i:days?|weeks?|months?|years?|decades?|centuries|century)",
    ),
    (
        "RELATIVE",
        r"(?:(?i:the\s+)?(?i:last|next|this|past|coming|previous|following|same))",
    ),
    (
        "CURRENCY_SYMBOL",
        r"(?:(?:US|U\.S\.|C|A|NZ|HK|S)?\$|€|£|¥|₹|₩|₽)",
    ),
    (
        "CURRENCY_WORD",
        r"(?:(?:(?:US|U\.S\.|Canadian|Australian|Hong\s+Kong|Singapore|New\s+Zealand)\s+)?(?i:dollars?|euros?|yen|yuan|renminbi|cents?|pence|rupees?|francs?|pesos?|rubles?|roubles?|shekels?|dinars?|riyals?|rand|won|pounds\s+sterling)|USD|EUR|GBP|JPY|CNY)",
    ),
    (
        "MEASURE",
        r"(?:(?i:square|cubic)\s+)?(?i:miles?|kilometers?|kilometres?|km|meters?|metres?|feet|foot|ft|inches|inch|yards?|pounds?|lbs?|ounces?|oz|kilograms?|kg|grams?|tons?|tonnes?|acres?|hectares?|gallons?|liters?|litres?|barrels?|mph|megawatts?|gigawatts?|kilowatts?|MW|GW|kWh|degrees(?:\s+(?:Fahrenheit|Celsius|F|C))?)",
    ),
    (
        "TIME_ZONE",
        r"(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|(?i:local\s+time))",
    ),
    ("MERIDIEM", r"(?:a\.m\.|p\.m\.|a\.m|p\.m|am|pm|AM|PM)"),
];

/// Every rule, grouped by label. Where matches overlap, the longer one wins,
/// and at equal length the one listed first.
pub const PATTERNS: &[PatternSpec] = &[
    // MONEY: "$4.5 billion", "about $300", "€20m", "50 cents", "10 million yuan".
    PatternSpec {
        label: Label::Money,
        pattern: r"{MODIFIER}?{CURRENCY_SYMBOL}\s?{NUMBER}(?:\s*(?:m|b|k)(?-u:\b))?",
        score: 0.95,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Money,
        pattern: r"(?-u:\b){MODIFIER}?{NUMBER}\s+{CURRENCY_WORD}(?-u:\b)",
        score: 0.9,
        check: Check::None,
    },
    // PERCENT: "3.5%", "12 percent", "two percentage points".
    PatternSpec {
        label: Label::Percent,
        pattern: r"(?-u:\b){MODIFIER}?{NUMBER}\s*(?:%|(?i:percent|per\s+cent|percentage\s+points?)(?-u:\b))",
        score: 0.95,
        check: Check::None,
    },
    // TIME: "3:30 p.m. ET", "10 a.m.", "noon", "Tuesday night", "two hours".
    PatternSpec {
        label: Label::Time,
        pattern: r"(?-u:\b)(?:{MODIFIER}?[0-9]{1,2}(?::[0-9]{2})?\s*{MERIDIEM}(?:\s+{TIME_ZONE}(?-u:\b))?|[0-9]{1,2}:[0-9]{2}(?:\s+{TIME_ZONE}(?-u:\b))?|[0-9]{1,2}\s+o'clock)",
        score: 0.9,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Time,
        pattern: r"(?-u:\b)(?:(?i:noon|midnight|tonight|overnight)|(?:{WEEKDAY}|(?i:yesterday|tomorrow|this|last|early\s+this|late\s+last))\s+(?i:morning|afternoon|evening|night))(?-u:\b)",
        score: 0.85,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Time,
        pattern: r"(?-u:\b){MODIFIER}?{NUMBER}\s+(?i:hours?|minutes?|seconds)(?-u:\b)",
        score: 0.8,
        check: Check::None,
    },
    // DATE: "Oct. 7", "Tuesday, October 7, 2023", "7 October 2023", "October 2023".
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?(?-u:\b)",
        score: 0.95,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?",
        score: 0.9,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?:(?i:early|late|mid)[-\s])?{MONTH}(?:,?\s+{YEAR})",
        score: 0.9,
        check: Check::None,
    },
    // "in October", "on Tuesday", "in March" (after a preposition: "march" is a verb too).
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?:(?i:early|late|mid)[-\s])?(?:{MONTH_UNAMBIGUOUS}|{WEEKDAY})(?-u:\b)",
        score: 0.85,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?:(?i:early|late|mid)[-\s])?(?:March|May)(?-u:\b)",
        score: 0.7,
        check: Check::AfterTemporalPreposition,
    },
    // "yesterday", "last week", "this year", "the past two years", "three days ago".
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?i:yesterday|today|tomorrow)(?-u:\b)",
        score: 0.9,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b){RELATIVE}\s+(?:{PERIOD}|{WEEKDAY}|{MONTH})(?-u:\b)",
        score: 0.85,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?:{RELATIVE}\s+)?{MODIFIER}?{NUMBER}[\s-]+{PERIODS}(?:[\s-]+(?i:ago|earlier|later|old))?(?-u:\b)",
        score: 0.8,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?i:the\s+)?(?i:first|second|third|fourth|1st|2nd|3rd|4th|final)\s+quarter(?:\s+of\s+{YEAR})?(?-u:\b)",
        score: 0.85,
        check: Check::None,
    },
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?i:the\s+)?(?i:end|beginning|start|middle)\s+of\s+(?:(?i:the|this|last|next)\s+)?(?:{PERIOD}|{MONTH}|{YEAR})(?-u:\b)",
        score: 0.8,
        check: Check::None,
    },
    // Decades: "the 1990s", "the '90s", "mid-1980s".
    PatternSpec {
        label: Label::Date,
        pattern: r"(?:(?i:the)\s+)?(?:(?i:early|late|mid)[-\s]?)?(?:(?:1[5-9]|20)[0-9]0s|['’][0-9]0s)(?-u:\b)",
        score: 0.9,
        check: Check::None,
    },
    // Numeric dates: "2023-10-07", "10/7/2023".
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?:{YEAR}-[01][0-9]-[0-3][0-9]|[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2}))(?-u:\b)",
        score: 0.9,
        check: Check::None,
    },
    // Years: "2006", "fiscal 2024", "2023-24".
    PatternSpec {
        label: Label::Date,
        pattern: r"(?-u:\b)(?:(?i:fiscal)\s+)?{YEAR}(?:[-/][0-9]{2}(?:[0-9]{2})?)?(?-u:\b)",
        score: 0.8,
        check: Check::YearContext,
    },
    // QUANTITY: "12 miles", "a 12-mile stretch", "30 degrees Celsius".
    PatternSpec {
        label: Label::Quantity,
        pattern: r"(?-u:\b){MODIFIER}?{NUMBER}[\s-]+{MEASURE}(?-u:\b)",
        score: 0.85,
        check: Check::None,
    },
    // ORDINAL: "first", "21st", "twenty-first", "1,000th".
    PatternSpec {
        label: Label::Ordinal,
        pattern: r"(?-u:\b)(?:(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|hundredth|thousandth)|(?:[0-9]{1,3}(?:,[0-9]{3})*,[0-9]{1,2}|[0-9]*)(?:1st|2nd|3rd|[04-9]th|1[123]th))(?-u:\b)",
        score: 0.85,
        check: Check::None,
    },
    // CARDINAL: "nearly 300", "eight", "1,200", "two million".
    PatternSpec {
        label: Label::Cardinal,
        pattern: r"(?-u:\b){MODIFIER}?{NUMBER}(?-u:\b)",
        score: 0.75,
        check: Check::CardinalContext,
    },
];
