//! `cargo run --release --example gen -- --facilities N --out DIR [--seed S]
//! [--compact]`: writes a deterministic synthetic directory (one RON file per
//! synthetic city) that passes `careguide check DIR`; `--compact` writes one
//! line per facility. Every record is made up and
//! says so; never point `--out` at data/.

mod synth;
mod tables;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: gen --facilities N --out DIR [--seed S] [--compact]";

fn main() -> ExitCode {
    let mut facilities = None;
    let mut out = None;
    let mut seed = 1;
    let mut compact = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--compact" {
            compact = true;
            continue;
        }
        let value = args.next();
        match (arg.as_str(), value) {
            ("--facilities", Some(v)) => facilities = v.replace('_', "").parse().ok(),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--seed", Some(v)) => match v.parse() {
                Ok(s) => seed = s,
                Err(_) => return usage(),
            },
            _ => return usage(),
        }
    }
    let (Some(facilities), Some(out)) = (facilities, out) else {
        return usage();
    };
    let started = Instant::now();
    match synth::generate(
        &out,
        &synth::Options {
            facilities,
            seed,
            compact,
        },
    ) {
        Ok(s) => {
            println!(
                "wrote {} facilities ({} contacts) in {} cities to {}: {:.1} MB, largest file {:.2} MiB, {:.1} s",
                s.facilities,
                s.contacts,
                s.cities,
                out.display(),
                s.bytes as f64 / 1e6,
                s.largest_file as f64 / (1024.0 * 1024.0),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}
