//! The command line, as clap definitions only: no behaviour lives here.
//! Every command carries its examples and exit statuses in `--help`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::clipboard::Route;
use crate::model::Kind;

/// What `--version` prints after the name: the crate's version and the
/// newest `verified` date of the embedded data, found by build.rs so that
/// `--version` answers without loading the data.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (data verified ",
    env!("CAREGUIDE_DATA_VERIFIED"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "careguide",
    version = VERSION,
    about = "A keyboard-driven directory of hospitals in northern China, with sourced phone numbers",
    long_about = "A keyboard-driven directory of hospitals in northern China, with sourced phone numbers.\n\nWithout a command, opens the interactive directory. careguide is not medical advice: in an emergency in mainland China call 120 (ambulance).",
    after_help = "Exit status: 0 ok or found, 1 invalid data or nothing found, 2 could not run.\n\nExamples:\n  careguide                           open the directory on the embedded data\n  careguide --data ./data             open it on a data directory\n  careguide search kidney             search from the shell, as Ctrl-p does\n  careguide show oasis-international  one facility with every source\n  careguide emergency --city beijing  the numbers to print for a visitor\n  careguide export --format vcard     every facility as a contact card\n  careguide check data/               validate a data directory"
)]
pub struct Cli {
    /// Load the data from this directory instead of the embedded data.
    #[arg(
        long,
        global = true,
        env = "CAREGUIDE_DATA",
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub data: Option<PathBuf>,

    /// Your personal files (notes, your own doctors), merged over the data [default: ~/.config/careguide/personal].
    #[arg(
        long,
        global = true,
        env = "CAREGUIDE_PERSONAL",
        hide_env_values = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub personal: Option<PathBuf>,

    /// How to copy: auto picks tmux, OSC 52 or the system clipboard from the environment.
    #[arg(
        long,
        global = true,
        env = "CAREGUIDE_CLIPBOARD",
        value_enum,
        default_value = "auto",
        help_heading = "Global options"
    )]
    pub clipboard: Route,

    /// The config file: home city, keys, colours [default: ~/.config/careguide/config.toml].
    #[arg(
        long,
        global = true,
        env = "CAREGUIDE_CONFIG",
        hide_env_values = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,

    /// Open the directory on this city (an id such as hohhot, or its name), not where you left off.
    #[arg(long, value_name = "CITY")]
    pub city: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate data files and print every problem at path:line:col.
    #[command(
        after_help = "Without DIR, checks what the app loads: --data, $CAREGUIDE_DATA or the embedded data, plus the personal directory (--personal, $CAREGUIDE_PERSONAL or ~/.config/careguide/personal, and personal files left in ~/.config/careguide) when it exists. With DIR, checks that directory, plus the personal directory only when --personal or $CAREGUIDE_PERSONAL names it.\n\nWith --stale DAYS, also lists every facility whose `verified` date is more than DAYS days old (a list, not a problem: the exit status does not change).\n\nExit status: 0 clean, 1 problems found (in the data or the personal files), 2 could not run.\n\nExamples:\n  careguide check data/\n  careguide check\n  careguide check --stale 365 data/\n  careguide check --personal ~/.config/careguide/personal data/"
    )]
    Check {
        /// The data directory to check.
        dir: Option<PathBuf>,
        /// Also list the facilities verified more than DAYS days ago.
        #[arg(long, value_name = "DAYS")]
        stale: Option<u32>,
    },

    /// Search cities, facilities, specialties and phone numbers, ranked as in the TUI's global search.
    #[command(
        long_about = "Search cities, facilities, specialties and phone numbers, ranked exactly as the TUI's global search (Ctrl-p) ranks them searching everywhere: the same index and the same code.\n\nNames match in English, 汉字, pinyin (huhehaote) and initials (hhht); a number matches by its digits, typed as a phone shows it (0471 662 0000, 010-5985 0333, +86 …). Precise matches (a whole word, word starts, a literal part of a name) come before letters scattered across words. Several words must all match; `!word` excludes. The filters apply after ranking and keep the order.",
        after_help = "Output: one hit per line, aligned: kind, id, name, 汉字 name (a contact's number), city, then [personal] for your own records and \"via\" when the match was on hidden text (pinyin, an alias, a specialty). A contact's id is its facility's id. On a terminal, lines are cut to its width ($COLUMNS; ids and numbers never), and no hit says \"no match\" on stderr.\n\nWith --json: one JSON array of objects with the fields kind (city|facility|specialty|contact), id, name, name_zh, city, via, score, personal (true for records from your personal files); contacts add role, phone and facility (the facility id). Missing values are null. An empty result is [].\n\nExit status: 0 with hits, 1 without, 2 on error (such as an unknown --city).\n\nExamples:\n  careguide search kidney\n  careguide search 呼和 --kind hospital\n  careguide search xiehe --json | jq -r '.[0].id'\n  careguide search dialysis --city hohhot --limit 3\n  careguide search 5985          (a phone number by its digits)"
    )]
    Search {
        /// The query; several words are joined with spaces.
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// Keep hits in this city (its id, name, 汉字 or pinyin: beijing, Hohhot, 呼和浩特; cities are hits too).
        #[arg(long, value_name = "ID")]
        city: Option<String>,
        /// Keep facilities (and their numbers) of this kind.
        #[arg(long, value_enum, value_name = "KIND")]
        kind: Option<KindArg>,
        /// Keep facilities (and their numbers) linked to this specialty id.
        #[arg(long, value_name = "ID")]
        specialty: Option<String>,
        /// Print at most N hits.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print one JSON array instead of aligned lines.
        #[arg(long)]
        json: bool,
    },

    /// Show one facility (or a city and its facilities) with every contact, confidence and source.
    #[command(
        after_help = "ID is a facility id (oasis-international) or a city id (beijing), facility ids first; or a name, alias, 汉字 or pinyin that only one of them has, in any case (oasis, 北京协和医院, Hohhot). Otherwise up to three it may mean are named. `careguide search` prints ids.\n\nExit status: 0 shown, 2 unknown id or could not run.\n\nExamples:\n  careguide show oasis-international\n  careguide show oasis-international --format vcard > oasis.vcf\n  careguide show beijing --format json"
    )]
    Show {
        /// A facility or city: its id, or a name, alias, 汉字 or pinyin.
        id: String,
        /// text: readable, with every source; json: the export schema's record; vcard: vCard 4.0.
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },

    /// Export the whole directory, or one city, as JSON, CSV or vCard 4.0.
    #[command(
        long_about = "Export the whole validated directory, or one city, as JSON, CSV or vCard 4.0.\n\njson: one object {format_version, specialties, emergency, emergency_notes, cities, facilities}; confidence is \"official\", \"corroborated\" or \"single_source\".\ncsv: header facility_id,facility,city,role,phone,confidence,source_url,personal; one row per phone number (emergency numbers have an empty facility_id and their label as role; sources are joined with \"; \"; personal is \"personal\" for a number from your personal files, else empty).\nvcard: one vCard 4.0 (RFC 6350) per facility, with tel: URIs, English and 汉字 names and addresses, and the confidence, sources and verified date in NOTE.\n\nThe nationwide emergency numbers apply everywhere, so --city keeps them.",
        after_help = "Exit status: 0 exported, 2 unknown --city or could not run.\n\nExamples:\n  careguide export > careguide.json\n  careguide export --format csv > phones.csv\n  careguide export --format vcard --city hohhot > hohhot.vcf"
    )]
    Export {
        /// The output format: json (the whole record), csv (one row per phone number) or vcard (one card per facility).
        #[arg(
            long,
            value_enum,
            default_value = "json",
            long_help = "The output format, each described above: json (the whole record), csv (one row per phone number) or vcard (one card per facility)"
        )]
        format: ExportFormat,
        /// Export only this city (its id, name, 汉字 or pinyin).
        #[arg(long, value_name = "ID")]
        city: Option<String>,
    },

    /// Print the emergency numbers: nationwide, plus a city's own.
    #[command(
        after_help = "The list starts with 120 (ambulance) and is laid out to be printed and given to a visitor.\n\nExit status: 0 printed, 2 unknown --city or could not run.\n\nExamples:\n  careguide emergency\n  careguide emergency --city beijing | lp"
    )]
    Emergency {
        /// Add this city's own numbers (its id, name, 汉字 or pinyin).
        #[arg(long, value_name = "ID")]
        city: Option<String>,
    },

    /// Write the embedded data files into DIR, to edit them and run `careguide --data DIR`.
    #[command(
        after_help = "Writes specialties.ron, emergency.ron and cities/*.ron, creating DIR if needed. Refuses, writing nothing, if any of those files already exists. All or nothing: if a write fails (a full disk), nothing is left behind and the command can simply be run again.\n\nExit status: 0 written, 2 a file exists or could not write.\n\nExamples:\n  careguide init-data ~/careguide-data\n  careguide --data ~/careguide-data        (edit with e, reloads as you save)\n  careguide check ~/careguide-data"
    )]
    InitData {
        /// The directory to write into.
        dir: PathBuf,
    },

    /// Add a personal note to a facility (written to notes.ron in the personal directory).
    #[command(
        after_help = "The note is added to notes.ron in the personal directory (--personal, $CAREGUIDE_PERSONAL or ~/.config/careguide/personal), created if needed. The file is changed only by inserting the note: comments and formatting stay. The write is atomic: the file is either the old one or the new one.\n\nExit status: 0 written, 2 unknown facility or could not write.\n\nExamples:\n  careguide note pumch \"Use the east gate at night\"\n  careguide note oasis-international \"Dr Li speaks German\""
    )]
    Note {
        /// A shipped facility: its id (`careguide search` prints ids), or a name, alias, 汉字 or pinyin.
        id: String,
        /// The note's text.
        text: String,
    },

    /// Add a phone number of your own (a doctor's mobile, a friend's contact) to a facility.
    #[command(
        name = "add-contact",
        after_help = "The number is added to notes.ron in the personal directory (--personal, $CAREGUIDE_PERSONAL or ~/.config/careguide/personal), beside `careguide note`'s notes, and shows in the card marked [personal]. Write the number as you would dial it: a mobile, with its area code (0471 …, (0471) …-…) or international (+86 …); it is stored in its international form. The write is atomic and keeps the file's comments. In the TUI, `a` does the same.\n\nExit status: 0 written, 2 unknown facility, not a phone number, or could not write.\n\nExamples:\n  careguide add-contact oasis-international \"Dr Li (mobile)\" NUMBER\n  careguide add-contact pumch \"Our interpreter\" \"0471 NNN NNNN\""
    )]
    AddContact {
        /// A shipped facility's id (`careguide search` prints ids).
        id: String,
        /// Whose number it is.
        role: String,
        /// The number, as you would dial it.
        number: String,
    },

    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  careguide completions bash > ~/.local/share/bash-completion/completions/careguide\n  careguide completions zsh > ~/.zfunc/_careguide\n  careguide completions fish > ~/.config/fish/completions/careguide.fish"
    )]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print what careguide sees and will do: terminal, colour, tmux, SSH,
    /// display, the clipboard route and why, and the data source.
    #[command(
        after_help = "Run it where a copy does not arrive, and read the clipboard line.\n\nExamples:\n  careguide doctor\n  CAREGUIDE_CLIPBOARD=osc52 careguide doctor"
    )]
    Doctor,

    /// Print the man page (roff), to install as careguide.1.
    #[command(
        hide = true,
        after_help = "Examples:\n  careguide man > careguide.1\n  careguide man > ~/.local/share/man/man1/careguide.1"
    )]
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Vcard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Vcard,
}

/// A facility kind as typed on the command line (`county-hospital`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Hospital,
    Clinic,
    CountyHospital,
    CommunityHealthCentre,
    Online,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Hospital => Kind::Hospital,
            KindArg::Clinic => Kind::Clinic,
            KindArg::CountyHospital => Kind::CountyHospital,
            KindArg::CommunityHealthCentre => Kind::CommunityHealthCentre,
            KindArg::Online => Kind::Online,
        }
    }
}
