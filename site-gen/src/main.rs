//! The `site-gen` command: parse arguments, call the library, report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "site-gen", version, about = "Build the application-call site from content/ and a theme")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check everything, then write the site to the output folder.
    Build(Paths),
    /// Check everything `build` checks, writing nothing.
    Check(Paths),
    /// Re-check submitted JSON files (exports, or bare objects of answers)
    /// with the same engine the form pages run. Exit code 0 when every file
    /// is complete, 1 when any has errors, 2 when a file cannot be read or
    /// names no known form.
    Validate {
        /// Export files (`form-export/1`) or objects of field id → value.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON for machines instead of text.
        #[arg(long)]
        json: bool,
        /// Folder holding forms/ and data/.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// For the provincial department: every 2.1 and applicant file under
    /// the paths, re-checked, as one spreadsheet (申报对象, 推荐单位 with
    /// quota, 问题). Exit code 0 when all are complete and within quota, 1
    /// for problems, 2 when a file cannot be read.
    Report {
        /// Files, or folders searched for .json files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The spreadsheet to write (.xlsx).
        #[arg(long)]
        xlsx: PathBuf,
        /// Also the applicants table as CSV (UTF-8).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Folder holding forms/ and data/.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

#[derive(Args)]
struct Paths {
    /// Folder of Markdown pages, form definitions and site.yaml.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Theme folder with templates/ and static/.
    #[arg(long, default_value = "themes/default")]
    theme: PathBuf,
    /// Output folder; emptied and rewritten on each build.
    #[arg(long, default_value = "public")]
    output: PathBuf,
}

impl From<Paths> for site_gen::Options {
    fn from(p: Paths) -> Self {
        site_gen::Options { content_dir: p.content, theme_dir: p.theme, output_dir: p.output }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Validate { files, json, content } = &cli.command {
        return validate(files, *json, content);
    }
    if let Command::Report { paths, xlsx, csv, content } = &cli.command {
        return report(paths, xlsx, csv.as_deref(), content);
    }
    let result = match cli.command {
        Command::Build(paths) => {
            let opts: site_gen::Options = paths.into();
            site_gen::build(&opts).map(|s| format!("built {s} → {}", opts.output_dir.display()))
        }
        Command::Check(paths) => site_gen::check(&paths.into())
            .map(|site| format!("ok: {} pages, {} forms, {} files", site.pages, site.forms, site.files.len())),
        Command::Validate { .. } | Command::Report { .. } => return ExitCode::from(2),
    };
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{problems}");
            let n = problems.0.len();
            eprintln!("error: {n} problem{} found; nothing was written", if n == 1 { "" } else { "s" });
            ExitCode::FAILURE
        }
    }
}

fn validate(files: &[PathBuf], json: bool, content: &std::path::Path) -> ExitCode {
    use site_gen::validate;
    let engines = match validate::engines(content) {
        Ok(e) => e,
        Err(problems) => {
            eprintln!("{problems}\nerror: the forms in {} cannot be loaded", content.display());
            return ExitCode::from(2);
        }
    };
    let checked: Vec<validate::Checked> = files.iter().map(|f| validate::check_file(&engines, f)).collect();
    if json {
        let report =
            serde_json::to_string_pretty(&validate::json_report(&checked)).expect("a JSON value always serialises");
        println!("{report}");
    } else {
        for c in &checked {
            print!("{}", validate::text_report(c));
        }
    }
    ExitCode::from(validate::exit_code(&checked))
}

fn report(
    paths: &[PathBuf],
    xlsx: &std::path::Path,
    csv: Option<&std::path::Path>,
    content: &std::path::Path,
) -> ExitCode {
    use site_gen::report;
    let engines = match site_gen::validate::engines(content) {
        Ok(e) => e,
        Err(problems) => {
            eprintln!("{problems}\nerror: the forms in {} cannot be loaded", content.display());
            return ExitCode::from(2);
        }
    };
    let files = report::files_under(paths);
    let r = report::collect(&engines, &files);
    let written =
        report::sheets::write_xlsx(&r, xlsx).and_then(|()| csv.map_or(Ok(()), |c| report::sheets::write_csv(&r, c)));
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    println!(
        "{} files: {} applicants, {} units, {} problems, {} unreadable → {}",
        files.len(),
        r.applicants.len(),
        r.units.len(),
        r.problems.len(),
        r.unreadable.len(),
        xlsx.display()
    );
    for (f, why) in &r.unreadable {
        eprintln!("{f}: {why}");
    }
    ExitCode::from(report::exit_code(&r))
}
